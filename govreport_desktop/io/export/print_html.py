"""The report as HTML for printing: title, the six parts, and each table under its part.

The tables are drawn from the format's official layout (boxes with row/column spans), the
same source as the grids and the Excel workbook, so printed and on-screen tables agree.
Plain Python: ui/printing.py lays it out on pages with Qt.
"""

from __future__ import annotations

from html import escape

from ...core.report import Report
from ...core.schema import Table
from ...core.values import format_value

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
    parts = [f"<h1>{escape(report.title or report.unit or '政府信息公开工作年度报告')}</h1>"]
    for section in fmt.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.append(_paragraphs(report.sections.get(section.key, "")))
        table = fmt.table_in(section.key)
        if table is not None:
            parts.append(table_html(report, table))
    return f"<html><head><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"
