"""Printing and PDF export: the report rendered as a QTextDocument (title, six sections, tables).

The tables are drawn from the format's official layout (boxes with row/column spans), the
same source as the grids and the Excel workbook, so printed and on-screen tables agree.
QtPrintSupport is imported here only, on first use, to keep start-up fast.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument

from ..core.report import Report
from ..core.schema import Table
from ..core.values import format_value

CSS = """
body { font-family: 'Microsoft YaHei', 'SimSun', 'WenQuanYi Micro Hei', sans-serif; font-size: 10.5pt; }
h1 { font-size: 16pt; text-align: center; font-weight: bold; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 12px; }
p { line-height: 150%; margin: 0 0 4px 0; }
table { border-collapse: collapse; margin-top: 6px; }
td { border: 1px solid #000; padding: 2px 4px; font-size: 8.5pt; }
td.header, td.title { text-align: center; font-weight: bold; background: #eeeeee; }
td.data { text-align: right; }
caption { font-weight: bold; }
"""


def table_html(report: Report, table: Table) -> str:
    layout = table.layout
    rows = []
    for r in range(layout.n_rows):
        tds = []
        for c in range(layout.n_cols):
            box = layout.box_at(r, c)
            if box is None or (box.row, box.col) != (r, c):
                continue  # covered by a span started earlier
            value = report.cells.get(box.path) if box.path else None
            text = ("" if value is None else format_value(value)) if box.path else box.text
            span = ""
            if box.rowspan > 1:
                span += f' rowspan="{box.rowspan}"'
            if box.colspan > 1:
                span += f' colspan="{box.colspan}"'
            tds.append(f'<td class="{box.role}"{span}>{escape(text or "")}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return (f'<p align="center"><b>{escape(table.name)}</b></p>'
            f'<table width="100%" cellspacing="0" cellpadding="3" border="1">{"".join(rows)}</table>')


def _paragraphs(text: str) -> str:
    paras = [p for p in (text or "").split("\n")]
    return "".join(f"<p>{escape(p) if p.strip() else '&nbsp;'}</p>" for p in paras) if text.strip() else ""


def report_html(report: Report) -> str:
    fmt = report.fmt
    tables_after = {"s2": "t1", "s3": "t2", "s4": "t3"}
    parts = [f"<h1>{escape(report.title or report.unit or '政府信息公开工作年度报告')}</h1>"]
    for section in fmt.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.append(_paragraphs(report.sections.get(section.key, "")))
        table_key = tables_after.get(section.key)
        if table_key and table_key in fmt.table:
            parts.append(table_html(report, fmt.table[table_key]))
    return f"<html><head><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"


def report_document(report: Report) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(report_html(report))
    return doc


def _a4(printer) -> None:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                      QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter))


def export_pdf(report: Report, path: str | Path) -> Path:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(report.title or "政府信息公开工作年度报告")
    _a4(printer)
    report_document(report).print_(printer)
    return Path(path)


def print_preview(parent, report: Report) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.HighResolution)
    _a4(printer)
    doc = report_document(report)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle("打印预览")
    dlg.paintRequested.connect(doc.print_)
    dlg.resize(900, 1000)
    dlg.exec()
