"""Excel support: registers .xlsx (read and write) and .xls (read) with io/files.py.

The work is done in xlsx_write.py (the official layout), xlsx_read.py (own and other units'
workbooks) and labels.py (label variants).
"""

from __future__ import annotations

from .files import register
from .xlsx_read import read
from .xlsx_write import encode_with_notices

register(".xlsx", reader=read, encoder=encode_with_notices)
register(".xls", reader=read)
