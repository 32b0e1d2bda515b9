"""Printing and print preview of the publication PDF (io/export/pdf.py), so that paper, the
preview and 导出 PDF have one layout: the PDF's pages are rendered by PDFium (pypdfium2) to
grey-scale images and painted on the QPrinter page by page.

Images rather than the PDF's own drawing because Qt cannot replay a PDF. They are made at the
printer's resolution up to PRINT_DPI: at 300 dpi 五号 table text is 44 pixels high and a 0.5 pt
rule 2 pixels wide, sharp on an office laser printer, while a page stays about 35 MB in the
Windows spooler (which keeps a bitmap at 32 bits a pixel; 600 dpi would be 140 MB a page). The
preview records every page it draws, so it gets a screen's resolution (PREVIEW_DPI).
QtPrintSupport is imported here only, on first use, to keep start-up fast.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter

from ..core.report import Report
from ..io.errors import GovReportIOError
from . import dialogs

PRINT_DPI = 300          # pages are made and dropped one at a time
PREVIEW_DPI = 200        # sharp up to about 200 % zoom; the preview keeps all its pages


def publication_pdf(report: Report) -> tuple[bytes, list[str]]:
    """The PDF the report is printed from (the same bytes 导出 PDF writes) and its notices."""
    from ..io.export import pdf

    return pdf.encode(report)


class PdfPages:
    """An open PDF whose pages are rendered as QImages at any resolution."""

    def __init__(self, data: bytes):
        import pypdfium2 as pdfium

        self._doc = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._doc)

    def size_pt(self, index: int) -> tuple[float, float]:
        return self._doc[index].get_size()

    def image(self, index: int, dpi: float) -> QImage:
        import pypdfium2.raw as raw

        page = self._doc[index]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=True, force_bitmap_format=raw.FPDFBitmap_Gray)
            try:
                # copy(): the image must own its pixels, the bitmap's buffer goes with it
                return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                              QImage.Format_Grayscale8).copy()
            finally:
                bitmap.close()
        finally:
            page.close()

    def close(self) -> None:
        self._doc.close()


def pages_to_print(printer, count: int) -> list[int]:
    """0-based page indexes in the order the printer wants them: the range chosen in the print
    dialog (all pages when none), last page first if asked, copies made here when the printer
    cannot make them itself."""
    ranges = printer.pageRanges()
    pages = [i for i in range(count) if ranges.isEmpty() or ranges.contains(i + 1)]
    if printer.pageOrder() == printer.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [p for p in pages for _ in range(copies)]


def is_preview(printer) -> bool:
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint(printer, pages: PdfPages) -> None:
    """Draw `pages` on `printer`: each PDF page fills the paper (A4 on A4), keeping its shape."""
    printer.setFullPage(True)          # the PDF carries the official margins itself
    dpi = PREVIEW_DPI if is_preview(printer) else min(printer.resolution(), PRINT_DPI)
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    painter = QPainter()
    if not painter.begin(printer):
        raise GovReportIOError("无法开始打印：打印机不可用或已被其他程序占用。")
    try:
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        for n, index in enumerate(pages_to_print(printer, len(pages))):
            if n:
                printer.newPage()
            w_pt, h_pt = pages.size_pt(index)
            scale = min(paper.width() / w_pt, paper.height() / h_pt)
            target = QRectF(0, 0, w_pt * scale, h_pt * scale)
            target.moveLeft((paper.width() - target.width()) / 2)
            painter.drawImage(target, pages.image(index, dpi))
    finally:
        painter.end()


def a4_printer(mode=None):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.HighResolution if mode is None else mode)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter))
    printer.setFullPage(True)
    return printer


def print_preview(parent, report: Report) -> list[str]:
    """打印预览 of the publication; 打印 in the preview prints the same pages. Returns the
    notices of making the PDF (fonts stood in for); a failure is shown and gives []."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    try:
        data, notices = publication_pdf(report)
    except GovReportIOError as e:
        dialogs.show_error(parent, "无法打印", str(e))
        return []
    pages = PdfPages(data)
    failures: list[str] = []

    def draw(printer) -> None:
        try:
            paint(printer, pages)
        except GovReportIOError as e:
            failures.append(str(e))

    try:
        printer = a4_printer()
        printer.setDocName(report.title or "政府信息公开工作年度报告")
        dlg = QPrintPreviewDialog(printer, parent)
        dlg.setWindowTitle("打印预览")
        dlg.paintRequested.connect(draw)
        dlg.resize(900, 1000)
        dlg.exec()
    finally:
        pages.close()
    if failures:
        dialogs.show_error(parent, "打印失败", failures[-1])
    return notices
