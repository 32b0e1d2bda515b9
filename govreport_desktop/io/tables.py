"""Finding a report in any grid of cell texts, by its labels: the part every importer shares.

An importer (Excel, Word, PDF, web page, text) turns its file into a list of `Grid`s and calls

    tables.read_grids(grids, name, source="文档") -> Loaded

which finds 表一、表二、表三 wherever they start and the six parts by their headings, reads every
number into its cell (text in a number cell becomes a note, V03), and reports what it had to
interpret (S03 headings, S04 labels, S05 missing or extra rows) and what it assumed (notices).
It raises NotAReportError when nothing looks like an annual report.

How to present a file as grids:
- Paragraphs: one paragraph per row, in one cell (`[["一、总体情况"], ["本年度……"]]`). Consecutive
  paragraphs may share one grid; an empty row is a blank line inside a part.
- Tables: one row per table row, one cell per grid column. A merged cell holds its text in its
  top-left cell; the cells it covers are None or "" — or repeat the text, as python-docx gives
  it: a table reads the same either way (a paragraph must stay one cell). Keep a table's rows in
  one grid, so that its header rows stay above its data rows; paragraphs before and after may be
  in the same grid or in grids of their own, in document order.
- Cell values are plain: str (“22（其中修订16件）” is fine), int, float or None.
- `Grid.kind` and `Grid.name` say where something was found in messages (“表格“第2页”第 5 行”);
  `hidden=True` grids are skipped.

Lower-level pieces, for readers that add something of their own (io/xlsx_read.py reads the
application's hidden copy and notes sheet): `find_tables(grids) -> Seen`, then
`foreign_report(seen, name, source)`.
"""

from __future__ import annotations

from .base import Loaded
from .errors import GovReportIOError, NotAReportError
from .foreign_report import foreign_report, join_paragraphs
from .grid import Grid
from .table_finder import Seen, VisibleReader

__all__ = ["Grid", "Seen", "VisibleReader", "find_tables", "foreign_report", "join_paragraphs",
           "not_understood", "read_grids"]


def find_tables(grids: list[Grid]) -> Seen:
    """What the label reader finds in these grids: cells, notes, texts, where each table was."""
    return VisibleReader(grids).read()


def read_grids(grids: list[Grid], name: str, source: str = "文件") -> Loaded:
    """The report in these grids; `name` is the file's name and `source` what it is (工作簿, 文档,
    网页) in messages. A layout the reader does not understand is a NotAReportError, not a crash."""
    try:
        return foreign_report(find_tables(grids), name, source)
    except GovReportIOError:
        raise
    except Exception as e:
        raise not_understood(name, e) from e


def not_understood(name: str, e: Exception, path=None) -> NotAReportError:
    return NotAReportError(f"无法识别“{name}”中的年度报告内容（{type(e).__name__}）。", path)
