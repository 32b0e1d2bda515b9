"""Writing a report as an Excel workbook in the official layout (openpyxl).

One sheet per part 一…六, each starting with its heading and text; 二…四 carry 表一…表三 drawn
from the format schema's `Layout` (merges, labels, header rows, column widths). Totals are the
user's own numbers written as values; conditional formatting re-checks the 勾稽关系 whenever
someone edits the workbook later in Excel or WPS. A hidden sheet holds the exact report as
JSON so that the application reads its own file back without loss.
"""

from __future__ import annotations

import io
import logging
import math
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import Rule
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange

from .. import APP_NAME, __version__
from ..core.formats import FORMATS, foreign_cells
from ..core.report import UNIT_KINDS, Report
from ..core.schema import Kind, Layout, Table
from ..core.values import expectation
from . import jsondoc

META_SHEET = "_govreport"
MARK = "govreport-xlsx/1"
NOTES_SHEET = "备注与说明"
FOREIGN_MARK = "以下栏目属于"       # start of the row that introduces cells of the other format
CHUNK = 32000                       # below Excel's 32,767 characters per cell
FONT = "宋体"

# Characters XML 1.0 cannot hold (C0 controls except tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF): Excel would reject the file, so they are left out of visible cells.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
F_TITLE = Font(name=FONT, size=16, bold=True)
F_HEADING = Font(name=FONT, size=12, bold=True)
F_TEXT = Font(name=FONT, size=11)
F_TABLE = Font(name=FONT, size=10)
F_TABLE_BOLD = Font(name=FONT, size=10, bold=True)
F_SMALL = Font(name=FONT, size=9, color="555555")
FILL_HEADER = PatternFill("solid", fgColor="F2F2F2")
FILL_BAD = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
F_BAD = Font(color="9C0006", bold=True)
A_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
A_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
A_TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True)
A_NUMBER = Alignment(horizontal="center", vertical="center")

# name → (font, alignment, border, fill); every cell gets one of these whole.
STYLES = {
    "title": (F_TITLE, A_CENTER, None, None),
    "heading": (F_HEADING, A_LEFT, None, None),
    "text": (F_TEXT, A_TEXT, None, None),
    "small": (F_SMALL, A_LEFT, None, None),
    "t_title": (F_TABLE_BOLD, A_CENTER, BORDER, None),
    "t_header": (F_TABLE_BOLD, A_CENTER, BORDER, FILL_HEADER),
    "t_label": (F_TABLE, A_LEFT, BORDER, None),
    "t_group": (F_TABLE, A_CENTER, BORDER, None),     # a label spanning several rows
    "t_data": (F_TABLE, A_NUMBER, BORDER, None),
    "t_blank": (F_TABLE, A_LEFT, BORDER, None),
}
ROLE_STYLE = {"title": "t_title", "header": "t_header", "label": "t_label", "data": "t_data", "blank": "t_blank"}

# The note under a table whose totals the workbook re-checks.
TABLE_HINTS = {
    "t2": "注：红色底纹表示该处合计与各项之和不一致（勾稽关系不符），在 Excel 或 WPS 中修改数字后会自动更新。",
    "t3": "注：行政复议、行政诉讼数量含上年度结转数量；红色底纹表示总计与各项之和不一致。",
}

TEXT_COLS = (21.0,) * 4     # text-only sheets: as wide as 表一, fits A4 portrait
LINE_PT = 15.0             # row height per wrapped line at 10–11 pt
MAX_ROW_PT = 409.0         # Excel's limit


def clean(text: str) -> tuple[str, int]:
    """The text without characters a workbook cannot hold, and how many were removed."""
    out, n = ILLEGAL.subn("", text or "")
    return out, n


def _units(text: str) -> float:
    """Display width in Excel column units (a CJK character is about two)."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def _height(text: str, width: float, line_pt: float = LINE_PT) -> float:
    lines = 0
    for line in (text or "").split("\n"):
        lines += max(1, math.ceil(_units(line) / max(width - 1.5, 1.0)))
    return min(MAX_ROW_PT, lines * line_pt + 4)


def _rectangles(cells: list[tuple[int, int]]) -> list[str]:
    """Cells (row, col) as few A1 ranges: runs of columns per row, then equal runs of
    consecutive rows merged (表二's 175 input cells are one range, D4:J28). openpyxl spends
    most of a save's validation time parsing one range per cell otherwise."""
    rows: dict[int, list[int]] = {}
    for r, c in cells:
        rows.setdefault(r, []).append(c)
    runs: list[list[int]] = []          # [first_row, last_row, first_col, last_col]
    open_runs: dict[tuple[int, int], list[int]] = {}
    for r in sorted(rows):
        cols = sorted(rows[r])
        spans, start = [], cols[0]
        for prev, c in zip(cols, cols[1:] + [None]):
            if c != prev + 1 if c is not None else True:
                spans.append((start, prev))
                start = c
        next_open = {}
        for span in spans:
            run = open_runs.get(span)
            if run is not None and run[1] == r - 1:
                run[1] = r
            else:
                run = [r, r, *span]
                runs.append(run)
            next_open[span] = run
        open_runs = next_open
    return [f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}" for r1, r2, c1, c2 in runs]


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.fmt = report.fmt
        self.notices: list[str] = []
        self.removed: dict[str, int] = {}
        self.wb = Workbook()
        self._scratch = self.wb.active
        self._styles: dict[str, object] = {}
        self.bad_style = DifferentialStyle(font=F_BAD, fill=FILL_BAD)   # one, shared by every rule

    def style(self, cell, name: str, number_format: str | None = None) -> None:
        """Give the cell a whole prepared style; assigning font, border … one by one is slow."""
        key = name if number_format is None else f"{name}|{number_format}"
        arr = self._styles.get(key)
        if arr is None:
            font, align, border, fill = STYLES[name]
            tmp = Cell(self._scratch)
            tmp.font, tmp.alignment = font, align
            if border is not None:
                tmp.border = border
            if fill is not None:
                tmp.fill = fill
            if number_format:
                tmp.number_format = number_format
            arr = self._styles[key] = tmp._style
        cell._style = copy(arr)

    def merge(self, ws, r1: int, c1: int, r2: int, c2: int, style: str | None = None) -> None:
        """Merge a range; the covered cells keep the style (borders) of the range."""
        if r1 == r2 and c1 == c2:
            return
        rng = MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        ws.merged_cells.ranges.add(rng)     # our ranges never overlap; skip the O(n²) check
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    mc = MergedCell(ws, r, c)
                    if style:
                        self.style(mc, style)
                    ws._cells[(r, c)] = mc

    # ------------------------------------------------------------ helpers

    def text(self, where: str, value: str) -> str:
        s, n = clean(value)
        if n:
            self.removed[where] = self.removed.get(where, 0) + n
        return s

    @staticmethod
    def put_text(cell, value: str):
        """Text stays text: a leading = + - @ must never turn into a formula."""
        cell.value = value if value != "" else None
        if value:
            cell.data_type = "s"
        return cell

    def merged_text_row(self, ws, row: int, ncols: int, value: str, style: str, widths, height=None):
        cell = self.put_text(ws.cell(row=row, column=1), value)
        self.style(cell, style)
        self.merge(ws, row, 1, row, ncols)
        line = 21 if style == "title" else LINE_PT
        ws.row_dimensions[row].height = height or _height(value, sum(widths), line)
        return row + 1

    def paragraphs(self, ws, row: int, key: str, ncols: int, widths) -> int:
        text = self.text(self.fmt.section[key].heading, self.report.sections.get(key, "") or "")
        if not text:
            return row
        for para in text.split("\n"):
            # A paragraph longer than one cell can hold continues in the next rows, never cut.
            pieces = [para[i:i + CHUNK] for i in range(0, len(para), CHUNK)] or [""]
            for piece in pieces:
                row = self.merged_text_row(ws, row, ncols, piece, "text", widths)
        return row

    # ------------------------------------------------------------ sheets

    def build(self) -> Workbook:
        rep, fmt = self.report, self.fmt
        for i, section in enumerate(fmt.sections):
            ws = self.wb.create_sheet(section.heading[:31])
            table = fmt.table_in(section.key)
            widths = list(table.layout.col_widths) if table else list(TEXT_COLS)
            ncols = len(widths)
            for j, w in enumerate(widths):
                ws.column_dimensions[get_column_letter(j + 1)].width = w
            row = 1
            if i == 0:
                row = self.cover(ws, ncols, widths)
            row = self.merged_text_row(ws, row, ncols, section.heading, "heading", widths, 24)
            heading_rows = row - 1
            row = self.paragraphs(ws, row, section.key, ncols, widths)
            if table:
                if row > heading_rows + 1:
                    ws.row_dimensions[row].height = 8
                    row += 1            # a little air between the text and the table
                self.table(ws, table, row, heading_rows)
            else:
                ws.freeze_panes = ws.cell(row=heading_rows + 1, column=1)
            self.page(ws, landscape=bool(table) and ncols > 10)
        self.wb.remove(self._scratch)
        self.notes_sheet()
        self.meta_sheet()
        self.properties()
        if self.removed:
            where = "、".join(f"“{w}”（{n} 个）" for w, n in self.removed.items())
            self.notices.append(f"{where}含有 Excel 无法保存的控制字符，工作表中已略去这些字符；"
                                "本软件重新打开时仍会恢复原文。")
        return self.wb

    def cover(self, ws, ncols: int, widths) -> int:
        rep = self.report
        title = self.text("标题", rep.title or "")
        row = self.merged_text_row(ws, 1, ncols, title, "title", widths)
        meta = (f"单位：{self.text('单位', rep.unit)}",
                f"年度：{rep.year}年",
                f"格式：{self.fmt.name}",
                f"单位类型：{UNIT_KINDS.get(rep.unit_kind, rep.unit_kind)}")
        for line in meta:
            row = self.merged_text_row(ws, row, ncols, line, "small", widths, 15)
        return row

    def page(self, ws, landscape: bool = False) -> None:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.sheet_view.zoomScale = 100

    # ------------------------------------------------------------ tables

    def table(self, ws, table: Table, top: int, heading_rows: int) -> None:
        """Draw `table.layout` with its top-left corner at row `top` (1-based), column A."""
        layout: Layout = table.layout
        rep = self.report
        notes = rep.notes
        heights = [LINE_PT + 4] * layout.n_rows
        for box in layout.boxes:
            r, c = top + box.row, 1 + box.col
            cell = ws.cell(row=r, column=c)
            style = "t_group" if box.role == "label" and box.rowspan > 1 else ROLE_STYLE[box.role]
            if box.role == "data":
                value = rep.cells.get(box.path)
                cell.value = value
                spec = self.fmt.cell[box.path]
                unit = rep.t1_units.get(box.path[3:]) if spec.kind is Kind.AMOUNT else None
                self.style(cell, style, f'General"{unit}"' if unit in ("元", "万元") else None)
                note = notes.get(box.path)
                if note:
                    cell.comment = Comment(self.text(f"{spec.name}的备注", note), APP_NAME, width=260, height=110)
            else:
                self.put_text(cell, box.text)
                self.style(cell, style)
            self.merge(ws, r, c, box.last_row + top, box.last_col + 1, style)
            if box.rowspan == 1 and box.text:
                width = sum(layout.col_widths[box.col:box.col + box.colspan])
                heights[box.row] = max(heights[box.row], _height(box.text, width))
        for i, h in enumerate(heights):
            ws.row_dimensions[top + i].height = h
        if table.key == "t2" and layout.header_rows:
            # The 勾稽关系 note spans the header rows; give it room to wrap.
            need = _height(layout.boxes[0].text, sum(layout.col_widths[:3]))
            have = sum(heights[:layout.header_rows])
            if need > have:
                ws.row_dimensions[top].height = heights[0] + need - have
        bottom = top + layout.n_rows
        bottom = self.foreign(ws, table, bottom)
        self.validation(ws, table, top)
        if self.fmt.relations_of(table.key):
            self.reconcile(ws, table, top)
            hint = TABLE_HINTS.get(table.key, TABLE_HINTS["t2"])
            self.merged_text_row(ws, bottom + 1, layout.n_cols, hint, "small", list(layout.col_widths))
        first_data = top + layout.header_rows
        if layout.header_rows:
            ws.print_title_rows = f"{top}:{top + layout.header_rows - 1}"
        # Freeze the headers only when the text above them is short, or the frozen part would
        # fill the screen.
        above = sum((ws.row_dimensions[r].height or LINE_PT) for r in range(1, first_data))
        label_cols = min((b.col for b in layout.boxes if b.role == "data"), default=0)
        if above <= 260:
            ws.freeze_panes = ws.cell(row=first_data, column=1 + (label_cols if table.key == "t2" else 0))
        else:
            ws.freeze_panes = ws.cell(row=heading_rows + 1, column=1)

    def foreign(self, ws, table: Table, row: int) -> int:
        """Cells of the other format kept in this report (a mixed report), shown below the table."""
        foreign = foreign_cells(self.fmt.id)
        paths = [p for p in self.report.cells if p in foreign and p.startswith(table.key + ".")]
        if not paths:
            return row
        other = foreign[paths[0]]
        otable = other.table[table.key]
        ncols = table.layout.n_cols
        row += 1
        text = f"{FOREIGN_MARK}{other.name}，{self.fmt.name}中没有，保留待转换："
        row = self.merged_text_row(ws, row, ncols, text, "small", list(table.layout.col_widths), 15)
        cells = self.report.cells
        if table.key == "t2":
            data_col = {b.path.split(".")[2]: b.col for b in table.layout.boxes if b.role == "data"}
            label_cols = min(data_col.values())
            for rkey in dict.fromkeys(p.split(".")[1] for p in paths):
                label = otable.row[rkey].label
                cell = self.put_text(ws.cell(row=row, column=1), label)
                self.style(cell, "t_label")
                self.merge(ws, row, 1, row, label_cols, "t_label")
                for ckey, col in data_col.items():
                    c = ws.cell(row=row, column=col + 1)
                    c.value = cells.get(f"t2.{rkey}.{ckey}")
                    self.style(c, "t_data")
                ws.row_dimensions[row].height = _height(label, sum(table.layout.col_widths[:label_cols]))
                row += 1
        else:
            for p in paths:
                _t, item, field = p.split(".")
                values = (otable.row[item].label, otable.col[field].label, cells.get(p))
                for j, v in enumerate(values):
                    c = ws.cell(row=row, column=1 + j)
                    if isinstance(v, str):
                        self.put_text(c, v)
                    else:
                        c.value = v
                    self.style(c, "t_data" if j == 2 else "t_label")
                row += 1
        return row

    def validation(self, ws, table: Table, top: int) -> None:
        by_kind: dict[Kind, list[tuple[int, int]]] = {}
        for box in table.layout.boxes:
            if box.role == "data":
                kind = self.fmt.cell[box.path].kind
                by_kind.setdefault(kind, []).append((top + box.row, 1 + box.col))
        for kind, cells in by_kind.items():
            refs = _rectangles(cells)
            if kind is Kind.COUNT:
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            elif kind is Kind.SIGNED:
                dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647")
            else:
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            dv.allow_blank = True
            dv.error = expectation(kind)
            dv.errorTitle = "数值不符合要求"
            dv.prompt = expectation(kind)
            dv.showErrorMessage = True
            dv.showInputMessage = False
            dv.sqref = MultiCellRange(" ".join(refs))
            ws.add_data_validation(dv)

    def reconcile(self, ws, table: Table, top: int) -> None:
        """Conditional formats that redden a total whose parts do not add up: the format's
        relations of this table (M01–M03, L01), in declared order.

        Each relation family (e.g. M03 for every row) becomes one rule with relative references
        when the layout repeats regularly, which keeps the workbook light and easy to edit.
        """
        families: dict[str, list] = {}
        for rel in self.fmt.relations_of(table.key):
            families.setdefault(rel.rule, []).append((rel.targets, rel.left, rel.right))
        for instances in families.values():
            self.rule(ws, table, top, instances)

    def rule(self, ws, table: Table, top: int, instances) -> None:
        """One rule “SUM(parts) ≠ SUM(totals), unless all blank” over every instance's targets.

        Excel shifts relative references from the top-left target to each other target, so a
        reference is relative along an axis only where the instances differ along it and a single
        instance's targets do not; when the layout does not allow that, one rule per instance.
        """
        pos = table.layout.position

        def at(path: str) -> tuple[int, int]:
            r, c = pos[path]
            return top + r, c + 1

        base = instances[0]
        b = at(base[0][0])
        deltas = [(at(inst[0][0])[0] - b[0], at(inst[0][0])[1] - b[1]) for inst in instances]
        rel_row = any(d[0] for d in deltas)
        rel_col = any(d[1] for d in deltas)
        targets = [at(p) for inst in instances for p in inst[0]]
        regular = (
            all([at(p) for p in inst[k]] == [(r + d[0], c + d[1]) for r, c in (at(p) for p in base[k])]
                for inst, d in zip(instances, deltas) for k in range(3))
            and not (rel_row and len({at(p)[0] for p in base[0]}) > 1)
            and not (rel_col and len({at(p)[1] for p in base[0]}) > 1)
            and b == (min(r for r, _ in targets), min(c for _, c in targets)))
        if not regular and len(instances) > 1:
            for inst in instances:
                self.rule(ws, table, top, [inst])
            return

        def ref(path: str) -> str:
            r, c = at(path)
            return f"{'' if rel_col else '$'}{get_column_letter(c)}{'' if rel_row else '$'}{r}"

        _t, parts, totals = base
        involved = list(dict.fromkeys([*parts, *totals, *base[0]]))
        formula = (f"AND(COUNT({','.join(ref(p) for p in involved)})>0,"
                   f"SUM({','.join(ref(p) for p in parts)})<>SUM({','.join(ref(p) for p in totals)}))")
        sqref = " ".join(f"{get_column_letter(c)}{r}" for r, c in targets)
        ws.conditional_formatting.add(sqref, Rule(type="expression", formula=[formula], dxf=self.bad_style))

    # ------------------------------------------------------------ notes, hidden sheet, properties

    def notes_sheet(self) -> None:
        rep = self.report
        ws = self.wb.create_sheet(NOTES_SHEET)
        widths = (34, 22, 60)
        for j, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(j + 1)].width = w
        row = self.merged_text_row(ws, 1, 3, "备注与说明", "heading", widths, 24)
        head = ("位置", "单元格", "内容")
        for j, h in enumerate(head):
            c = self.put_text(ws.cell(row=row, column=1 + j), h)
            self.style(c, "t_header")
        ws.freeze_panes = ws.cell(row=row + 1, column=1)
        ws.print_title_rows = f"{row}:{row}"
        row += 1
        names = {p: s.name for f in FORMATS.values() for p, s in f.cell.items()}
        lines = []
        for path, note in rep.notes.items():
            lines.append((f"备注：{names.get(path, path)}", path, note))
        for key, unit in rep.t1_units.items():
            lines.append((f"单位：{names.get('t1.' + key, key)}", f"t1.{key}", unit))
        for pid, text in rep.explanations.items():
            lines.append(("说明：问题 " + pid, pid, text))
        if not lines:
            lines.append(("（无备注）", "", ""))
        for values in lines:
            h = LINE_PT + 4
            for j, v in enumerate(values):
                v = self.text("备注与说明", v)
                c = self.put_text(ws.cell(row=row, column=1 + j), v)
                self.style(c, "t_label")
                h = max(h, _height(v[:2000], widths[j]))
            ws.row_dimensions[row].height = h
            row += 1
        self.page(ws)

    def meta_sheet(self) -> None:
        ws = self.wb.create_sheet(META_SHEET)
        ws.sheet_state = "hidden"
        ws["A1"] = MARK
        ws["B1"] = __version__
        ws["C1"] = "本工作表供“政务公开年报助手”读取，请勿修改。"
        doc = _ascii_safe(jsondoc.dumps(self.report))
        for i in range(0, len(doc), CHUNK):
            self.put_text(ws.cell(row=2 + i // CHUNK, column=1), doc[i:i + CHUNK])

    def properties(self) -> None:
        rep = self.report
        p = self.wb.properties
        p.title = self.text("标题", rep.title or "")[:250] or None
        p.subject = "政府信息公开工作年度报告"
        p.creator = APP_NAME
        p.keywords = f"{jsondoc.SCHEMA};format={rep.format};year={rep.year}"
        p.category = self.fmt.name
        p.description = f"{self.text('单位', rep.unit)[:200]} {rep.year}年"
        custom = self.wb.custom_doc_props
        custom.append(StringProperty(name="schema", value=jsondoc.SCHEMA))
        custom.append(StringProperty(name="format", value=rep.format))
        custom.append(IntProperty(name="year", value=int(rep.year)))
        unit = self.text("单位", rep.unit)
        if unit:
            custom.append(StringProperty(name="unit", value=unit[:250]))
        custom.append(StringProperty(name="app", value=APP_NAME))
        custom.append(StringProperty(name="app_version", value=__version__))


def _ascii_safe(doc: str) -> str:
    """JSON text with the characters XML cannot carry escaped (they only occur inside strings)."""
    return ILLEGAL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", doc)


def build(report: Report) -> tuple[Workbook, list[str]]:
    w = _Writer(report)
    return w.build(), w.notices


def encode_with_notices(report: Report) -> tuple[bytes, list[str]]:
    wb, notices = build(report)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), notices


def encode(report: Report) -> bytes:
    """Just the bytes, notices to the log (tests, tools). io/files.py registers
    encode_with_notices(), so saving shows the notices to the user."""
    data, notices = encode_with_notices(report)
    for notice in notices:
        logging.getLogger(__name__).warning(notice)
    return data


__all__ = ["encode", "encode_with_notices", "build", "clean", "META_SHEET", "MARK", "NOTES_SHEET",
           "FOREIGN_MARK"]
