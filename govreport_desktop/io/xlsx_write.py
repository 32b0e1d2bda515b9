"""Writing a report as an Excel workbook in the official layout (openpyxl).

One sheet per part 一…六, each starting with its heading and text; 二…四 carry 表一…表三 drawn
from the format schema's `Layout` (merges, labels, header rows, column widths; xlsx_tables.py).
Totals are the user's own numbers written as values; conditional formatting re-checks the
勾稽关系 whenever someone edits the workbook later in Excel or WPS. A hidden sheet holds the
exact report as JSON so that the application reads its own file back without loss; a second
one holds last year's report when one is attached (the cross-year checks). Styles and sizes:
xlsx_style.py.
"""

from __future__ import annotations

import io
import json
import logging

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.utils import get_column_letter

from .. import APP_NAME, __version__
from ..core.formats import FORMATS
from ..core.report import UNIT_KINDS, Report
from . import jsondoc
from .marks import (DIGESTS, FOREIGN_MARK, ILLEGAL, MARK, META_SHEET, NOTES_SHEET,  # noqa: F401 (shared with the readers)
                    PREVIOUS_MARK, PREVIOUS_SHEET, text_digest)
from .xlsx_style import LINE_PT, TEXT_COLS, _height, clean
from .xlsx_tables import TableWriter
from .xlsx_review import review_sheet      # the 审核情况说明 sheet

CHUNK = 32000                       # below Excel's 32,767 characters per cell


class _Writer(TableWriter):
    """The whole workbook: the six parts (tables by TableWriter), notes, hidden copy, properties."""

    def __init__(self, report: Report):
        super().__init__()
        self.report = report
        self.fmt = report.fmt
        self.notices: list[str] = []

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
        review_sheet(self)
        self.notes_sheet()
        self.meta_sheet()
        self.previous_sheet()
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
        digests = {sheet.title: text_digest(sheet._cells[k].value for k in sorted(sheet._cells))
                   for sheet in self.wb.worksheets if sheet is not ws}
        ws["D1"] = DIGESTS + json.dumps(digests, ensure_ascii=False)
        self.hidden_json(ws, jsondoc.dumps(self.report, previous=False))

    def previous_sheet(self) -> None:
        """Last year's report, apart from the main copy (which older versions read unchanged)."""
        if self.report.previous is None:
            return
        ws = self.wb.create_sheet(PREVIOUS_SHEET)
        ws.sheet_state = "hidden"
        ws["A1"] = PREVIOUS_MARK
        ws["C1"] = "上一年度报告的数据，供本软件跨年核对（上年结转等），请勿修改。"
        self.hidden_json(ws, jsondoc.dumps(self.report.previous, previous=False))

    def hidden_json(self, ws, doc: str) -> None:
        doc = _ascii_safe(doc)
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
           "FOREIGN_MARK", "ILLEGAL"]
