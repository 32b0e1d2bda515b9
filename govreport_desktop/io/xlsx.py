"""Excel support in one import: the reader (xlsx_read.py, python-calamine) and the writer
(xlsx_write.py, openpyxl). The registry in io/base.py names the two separately, so that opening a
workbook does not load openpyxl; importing this module tells at once whether both are usable
(the smoke test uses it to say why Excel support failed).
"""

from __future__ import annotations

from .xlsx_read import read  # noqa: F401
from .xlsx_write import encode_with_notices  # noqa: F401
