"""Printing and PDF export with Qt: the report's print HTML (io/export/print_html.py) laid out
as a QTextDocument on A4 pages. QtPrintSupport is imported here only, on first use, to keep
start-up fast.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument

from ..core.report import Report
from ..io.export.print_html import report_html


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
