"""The report as a publication: title lines, headings, paragraphs, tables and their 注.

One model for the three exporters (Word, PDF, web page): `build(report)` turns a report into
a `Publication`, a list of blocks (`Title`, `Para`, `Grid`) that each exporter only has to
draw. The tables come from the format's official layout (`Table.layout`), so every export
has the same merged cells as the form; column widths are chosen here so that no label of
表二 needs more than three lines at 五号.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.formats import ANY_CELL, FORMATS
from ...core.report import Report, default_title
from ...core.schema import Format, Kind, Table
from ...core.values import format_value
from ..marks import ILLEGAL
from ..table_notes import cell_name
from .typeset import TEXT_WIDTH_PT, split_heading, title_lines

# Column widths in em of 五号 where the spreadsheet widths (Layout.col_widths) would squeeze a
# label: 表二 gives its long third label column room (every label ≤ 3 lines) and keeps 三、本年度
# 办理结果 at three characters a line.
WIDTHS_EM = {"t2": (3.6, 4.6, 14.0) + (2.84,) * 7}
FALLBACK_TITLE = "政府信息公开工作年度报告"
# A group of rows under one label (（三）不予公开: 8 rows) stays on one page; 三、本年度办理结果
# (22 rows) may break, its label is then repeated on the next page.
KEEP_GROUP_ROWS = 8


@dataclass(frozen=True)
class Run:
    text: str
    face: str                    # a key of typeset.FACES


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Para:
    kind: str                    # h1 | h2 | body (indented) | plain (not indented) | note
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    role: str                    # title | header | label | data | blank | text
    path: str | None = None
    align: str = "center"        # left | center

    @property
    def face(self) -> str:
        return "table_head" if self.role == "title" else "table"


@dataclass(frozen=True)
class Grid:
    key: str
    n_rows: int
    n_cols: int
    header_rows: int             # repeated on every page the table continues on
    widths: tuple[float, ...]    # in points, summing to the text width
    cells: tuple[Cell, ...]
    # (first, last) row ranges never broken across pages: a short table whole, 表二's groups
    keep: tuple[tuple[int, int], ...] = ()

    def keeps_with_next(self, row: int) -> bool:
        """Whether a page must not break between this row and the next."""
        return row < self.header_rows or any(a <= row < b for a, b in self.keep)

    def rows(self) -> list[list[Cell]]:
        """The cells starting in each row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[c.row].append(c)
        return out

    def cell_width(self, cell: Cell) -> float:
        return sum(self.widths[cell.col:cell.col + cell.colspan])


Block = Title | Para | Grid


@dataclass
class Publication:
    title: str
    blocks: list[Block]
    author: str = ""
    subject: str = ""
    notices: list[str] = field(default_factory=list)


class Cleaner:
    """Removes characters XML cannot hold, counting them for one notice."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        s, n = ILLEGAL.subn("", text or "")
        self.removed += n
        return s


def paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs of a section text, without the spaces typed as an indent."""
    return [p.strip(" \t\u3000") for p in (text or "").split("\n") if p.strip(" \t\u3000")]


def text_para(paragraph: str) -> Para:
    """A paragraph of a section: a 一、/（一） heading (in its face) or body text."""
    level, head, rest = split_heading(paragraph)
    if level == "body":
        return Para("body", (Run(paragraph, "body"),))
    if not rest:
        return Para(level, (Run(head, level),))
    return Para("body", (Run(head, level), Run(rest, "body")))


def build(report: Report) -> Publication:
    fmt = report.fmt
    tidy = Cleaner()
    title = tidy(report.title) or (default_title(report.unit, report.year) if report.unit else FALLBACK_TITLE)
    blocks: list[Block] = [Title(tuple(title_lines(title)))]
    notices: list[str] = []
    for section in fmt.sections:
        blocks.append(Para("h1", (Run(section.heading, "h1"),)))
        blocks.extend(text_para(p) for p in paragraphs(tidy(report.sections.get(section.key, ""))))
        table = fmt.table_in(section.key)
        if table is not None:
            blocks.append(grid(report, table))
            blocks.extend(table_notes(report, table, tidy))
    foreign = [p for p in report.foreign_paths() if report.cells.get(p) is not None]
    if foreign:
        notices.append(f"报告中有 {len(foreign)} 个属于其他格式的栏目，导出的文件只含{fmt.name}的表格；"
                       "请先用“转换格式”处理这些数值。")
    if tidy.removed:
        notices.append(f"报告文字中有 {tidy.removed} 个控制字符，导出的文件中已略去。")
    return Publication(title, blocks, author=tidy(report.unit), subject=FALLBACK_TITLE, notices=notices)


# ---------------------------------------------------------------- tables


def grid(report: Report, table: Table) -> Grid:
    """The official layout of a table with the report's values in its data cells."""
    layout = table.layout
    ems = WIDTHS_EM.get(table.key) or layout.col_widths or (1.0,) * layout.n_cols
    scale = TEXT_WIDTH_PT / sum(ems)
    widths = tuple(w * scale for w in ems)
    headers = _unit_headers(report, table)
    # 表二's row labels flush left beside its group labels; 表一's short item labels centred
    grouped = any(b.role == "label" and b.rowspan > 1 for b in layout.boxes)
    cells = []
    for box in layout.boxes:
        if box.role == "data":
            text = format_value(report.cells.get(box.path))
        else:
            text = headers.get((box.row, box.col), box.text)
        align = "left" if grouped and box.role == "label" and box.rowspan == 1 else "center"
        cells.append(Cell(box.row, box.col, box.rowspan, box.colspan, text, box.role, box.path, align))
    if layout.header_rows == 0 or layout.n_rows <= layout.header_rows + 3:
        keep = ((0, layout.n_rows - 1),)
    else:
        keep = tuple((b.row, b.last_row) for b in layout.boxes
                     if b.role == "label" and 1 < b.rowspan <= KEEP_GROUP_ROWS)
        keep += ((layout.n_rows - 2, layout.n_rows - 1),)   # the last row never alone on a page
    return Grid(table.key, layout.n_rows, layout.n_cols, layout.header_rows, widths, tuple(cells), keep)


def _unit_headers(report: Report, table: Table) -> dict[tuple[int, int], str]:
    """2019 采购总金额 has no unit in the form: the unit the user chose joins its column header."""
    out: dict[tuple[int, int], str] = {}
    fmt: Format = report.fmt
    boxes = table.layout.boxes
    for box in boxes:
        if box.role != "data" or fmt.cell[box.path].kind is not Kind.AMOUNT:
            continue
        unit = report.t1_units.get(box.path.split(".", 1)[1])
        if unit not in ("元", "万元"):
            continue
        above = [b for b in boxes if b.role == "header" and b.col == box.col and b.row < box.row]
        if above:
            head = max(above, key=lambda b: b.row)
            out[(head.row, head.col)] = f"{head.text}（单位：{unit}）"
    return out


def table_notes(report: Report, table: Table, tidy=lambda s: s) -> list[Para]:
    """The notes on the table's cells as 注 paragraphs under it (numbered when there are several)."""
    prefix = table.key + "."
    notes = [(p, tidy(t).strip()) for p, t in report.notes.items() if p.startswith(prefix)]
    notes = [(p, t) for p, t in notes if t]
    if not notes:
        return []
    fmt = report.fmt
    order = {p: i for i, p in enumerate(ANY_CELL)}
    notes.sort(key=lambda n: order.get(n[0], len(order)))
    items = [f"{cell_name(fmt, p)}：{t.rstrip('。')}。" for p, t in notes]
    if len(items) == 1:
        return [Para("note", (Run("注：" + items[0], "table"),))]
    return [Para("note", (Run(("注：" if i == 0 else "　　") + f"{i + 1}.{s}", "table"),))
            for i, s in enumerate(items)]
