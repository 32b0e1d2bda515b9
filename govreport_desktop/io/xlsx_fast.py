"""A faster read of the application's own workbooks, for 汇总 of thousands of files.

The normal reader (`xlsx_read.read`) finds every table by its labels wherever it is, which is
what a workbook laid out by hand needs and costs about half of a read. A workbook this
application saved needs less: the exact report is in the hidden sheet and the visible cells sit
where the layout of the format put them. This reader takes the same checked grids as the normal
reader (same limits, same cell values), then verifies the saved layout position by position and
still cross-checks every visible data cell and text against the hidden report (a unit may have
edited its workbook in Excel): a changed number goes through `xlsx_read.own_report` exactly as
in the normal reader. Anything not exactly in the saved layout — a moved or extra row, another
sheet, an edited text, a line that looks like a heading or a label, a mixed-format report — is
handed to the normal reader on the same grids. The result is always what `xlsx_read.read` gives
(tests/test_summary_fast.py checks that on many generated reports).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..core.formats import FORMATS
from ..core.schema import Table
from ..core.values import MAX_DIGITS
from . import jsondoc, labels, xlsx_read
from .base import Loaded
from .marks import FOREIGN_MARK, META_SHEET, NOTES_SHEET, REVIEW_SHEET
from .xlsx_read import Grid, Seen, same

_META_LINE = ("单位：", "年度：", "格式：", "单位类型：")     # the cover lines under the title
_LIMIT = 10.0 ** MAX_DIGITS                        # read_value() takes larger numbers for text


class Unrecognised(Exception):
    """Not exactly the saved layout: the normal reader decides."""


def read(path: str | Path, sheets: list[str] | None = None) -> Loaded:
    """The same `Loaded` (or the same error) as `xlsx_read.read(path)`; `sheets` as in
    xlsx_read.grids_from_bytes."""
    path = Path(path)
    return xlsx_read.interpret(xlsx_read.load_grids(path, sheets=sheets), path, read_grids)


def read_grids(grids: list[Grid], name: str) -> Loaded:
    doc = xlsx_read.own_document(grids)
    if doc is not None:
        try:
            loaded = own_workbook(doc, grids, name)
        except Exception:     # Unrecognised, a broken document, a defect here: never costs a file
            pass
        else:               # last year's report from its hidden sheet, as the normal reader does
            return xlsx_read.attach_previous(loaded, grids, name)
    return xlsx_read.read_grids(grids, name)


def own_workbook(doc: str, grids: list[Grid], name: str) -> Loaded:
    """Raises Unrecognised unless the visible sheets are exactly in the saved layout."""
    report = jsondoc.loads(doc, name)
    fmt = report.fmt
    if report.foreign_paths():
        raise Unrecognised("mixed-format report")   # its extra rows are read by label
    # the review sheet is written for people and never read back (as in the normal reader)
    visible = [g for g in grids if not g.hidden and g.name not in (META_SHEET, NOTES_SHEET, REVIEW_SHEET)]
    if [g.name for g in visible] != [s.heading[:31] for s in fmt.sections]:
        raise Unrecognised("other sheets")
    seen = Seen()                                   # the visible cells that differ from the hidden ones
    for i, (section, grid) in enumerate(zip(fmt.sections, visible)):
        text, title = _read_sheet(_cells(grid), section.heading, fmt.table_in(section.key), i == 0,
                                  report.cells, seen)
        if xlsx_read._squash(text) != xlsx_read._squash(report.sections.get(section.key, "")):
            raise Unrecognised("text edited")       # how it reads is the normal reader's call
        if title is not None and xlsx_read._squash(title) != xlsx_read._squash(report.title):
            raise Unrecognised("title edited")
    if all(same(report.cells.get(p), v) for p, v in seen.cells.items()):
        return Loaded(report, [], [])
    return xlsx_read.own_report(doc, seen, name)     # edited in Excel: exactly as the normal reader


def _cells(grid: Grid) -> dict[tuple[int, int], object]:
    return {(r, c): v for r, row in enumerate(grid.rows) for c, v in enumerate(row)
            if v is not None and v != ""}


# ---------------------------------------------------------------- one part's sheet

@lru_cache(maxsize=None)
def _special() -> tuple[frozenset[str], tuple[str, ...]]:
    """Normalised texts of every label, title and header of both formats, and the labels."""
    texts = {b.text for f in FORMATS.values() for t in f.tables for b in t.layout.boxes if b.text}
    texts |= {a.label for f in FORMATS.values() for t in f.tables for a in (*t.rows, *t.cols)}
    groups = {a.group for f in FORMATS.values() for t in f.tables for a in (*t.rows, *t.cols) if a.group}
    return frozenset(labels.norm(x) for x in texts | groups), tuple(sorted(texts))


def _ordinary(text: str) -> bool:
    """A line every reader takes as plain text: not a heading, a label, a table's title."""
    if len(text) > 100:
        return True         # the normal reader never takes a line this long for structure
    norms, all_labels = _special()
    n = labels.norm(text)
    return not (n in norms or labels.match_heading(text) or labels.is_block_title(text)
                or n.startswith(labels.norm(FOREIGN_MARK)) or labels.match_label(text, all_labels))


def _line(cells: list[tuple[int, object]]) -> str:
    if len(cells) != 1 or cells[0][0] != 0 or not isinstance(cells[0][1], str) or not _ordinary(cells[0][1]):
        raise Unrecognised("not a plain line of text")
    return cells[0][1]


def _read_sheet(cells: dict, heading: str, table: Table | None, first: bool, hidden: dict, seen: Seen):
    """Check one part's sheet against the saved layout; put its data cells that may differ
    from the `hidden` values into `seen`.

    Returns the part's visible text and, on the first sheet, the title line (or None).
    """
    rows: dict[int, list[tuple[int, object]]] = {}
    for (r, c), v in cells.items():
        rows.setdefault(r, []).append((c, v))
    order = sorted(rows)
    head = next((r for r in order if rows[r] == [(0, heading)]), None)
    if head is None:
        raise Unrecognised("heading")
    title = None
    for r in order:
        if r >= head:
            break
        line = _line(rows[r])
        if not first:
            raise Unrecognised("text above the heading")
        if not line.startswith(_META_LINE):
            if title is not None:
                raise Unrecognised("two titles")
            title = line
    end = order[-1] + 1
    if table:
        anchor = table.layout.box_at(0, 0).text
        end = next((r for r in order if r > head and rows[r][0] == (0, anchor)), None)
        if end is None:
            raise Unrecognised("table")
        last = _read_table(cells, table, end, hidden, seen)
        later = [r for r in order if r > last]
        hint = (1, last + 2) if table.key in ("t2", "t3") else (0, None)   # the note under 表二/表三
        if len(later) != hint[0] or later and (later[0] != hint[1] or len(rows[later[0]]) != 1
                                               or not str(rows[later[0]][0][1]).startswith("注：")):
            raise Unrecognised("rows after the table")
    text = [_line(rows[r]) if r in rows else "" for r in range(head + 1, end)]
    return "\n".join(text), title


@lru_cache(maxsize=None)
def _positions(fmt_id: str, table_key: str) -> tuple[tuple[int, int, str, str | None], ...]:
    """(row, col, expected text, data path) of every position of a table's layout."""
    layout = FORMATS[fmt_id].table[table_key].layout
    out = []
    for r in range(layout.n_rows):
        for c in range(layout.n_cols):
            box = layout.box_at(r, c)
            corner = (box.row, box.col) == (r, c)
            path = box.path if corner and box.role == "data" else None
            out.append((r, c, box.text if corner and not path else "", path))
    return tuple(out)


def _read_table(cells: dict, table: Table, top: int, hidden: dict, seen: Seen) -> int:
    """Every position holds its label, or a value in a data box, or nothing. Returns the last row."""
    fmt_id = next(f.id for f in FORMATS.values() if f.table.get(table.key) is table)
    for r, c, expected, path in _positions(fmt_id, table.key):
        value = cells.get((top + r, c))
        if path:
            saved = hidden.get(path)
            # the common case without read_value(): a number shown as saved (what same() decides
            # for it), or a blank left blank
            if value is None and saved is None or type(value) is float and saved is not None \
                    and abs(value) < _LIMIT and float(saved) == value:
                continue
            seen.put(path, value)
        elif (value if value is not None else "") != expected:
            raise Unrecognised("label")
    bottom = top + table.layout.n_rows
    if any(top <= r < bottom and c >= table.layout.n_cols for r, c in cells):
        raise Unrecognised("beside the table")
    return bottom - 1
