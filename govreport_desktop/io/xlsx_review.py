"""The 审核情况说明 as a sheet of the application's workbook: what a collecting office asks for
before it accepts a report — the errors and warnings still open and every accepted warning with
its 说明 (io/export/review.py gives the rows, the same as the Word and PDF 审核情况说明).

The sheet is written for people only. It describes the report at the moment it was saved, so the
readers skip it (io/xlsx_read.py): the report's content, notes and explanations come from the
other sheets.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from .marks import REVIEW_SHEET
from .xlsx_style import LINE_PT, _height

WIDTHS = (6, 8, 8, 56, 40)      # 序号 类别 规则 问题 说明; A4 landscape, one page wide
CENTRED = (0, 1, 2)


def review_sheet(writer) -> None:
    """Add the sheet to `writer`'s workbook (xlsx_write._Writer: its report, styles, helpers)."""
    from .export import review

    report = writer.report
    ws = writer.wb.create_sheet(REVIEW_SHEET)
    for j, w in enumerate(WIDTHS):
        ws.column_dimensions[get_column_letter(j + 1)].width = w
    rows = review.rows(report)
    pub = review.build(report, None)        # the same title and summary as the documents
    row = writer.merged_text_row(ws, 1, len(WIDTHS), review.TITLE, "title", WIDTHS)
    summary = next(b.text for b in pub.blocks if getattr(b, "kind", "") == "body")
    row = writer.merged_text_row(ws, row, len(WIDTHS), writer.text(REVIEW_SHEET, summary), "text", WIDTHS)
    if rows:
        for j, head in enumerate(review.HEADERS):
            writer.style(writer.put_text(ws.cell(row=row, column=j + 1), head), "t_header")
        ws.print_title_rows = f"{row}:{row}"
        ws.freeze_panes = ws.cell(row=row + 1, column=1)
        row += 1
    for values in rows:
        height = LINE_PT + 4
        for j, value in enumerate(values):
            value = writer.text(REVIEW_SHEET, value)
            cell = writer.put_text(ws.cell(row=row, column=j + 1), value)
            writer.style(cell, "t_group" if j in CENTRED else "t_label")
            height = max(height, _height(value[:2000], WIDTHS[j]))
        ws.row_dimensions[row].height = height
        row += 1
    note = next(b.text for b in pub.blocks if getattr(b, "kind", "") == "note")
    writer.merged_text_row(ws, row + 1, len(WIDTHS), note, "small", WIDTHS)
    writer.page(ws, landscape=True)
