"""Printing and print preview paint the pages of the publication PDF: the same page count, the
same page pictures; page ranges, order and copies as the print dialog asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPageRanges

from govreport_desktop.io.export import fonts
from govreport_desktop.ui import printing

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401

pytestmark = pytest.mark.skipif(fonts.find(("宋体",))[0] is None, reason="no CJK TrueType font")
pypdfium2 = pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def county_pdf():
    from conftest import truth_path
    from govreport_desktop.io import jsondoc

    data, _notices = printing.publication_pdf(jsondoc.read(truth_path("shuyang-county-2025")))
    return data


def ink(image: QImage, cols: int = 12, rows: int = 16) -> list[float]:
    """How dark each of cols×rows patches of a page is (0 white … 1 black): the page's shape.
    Compared at 150 dpi, where a 0.5 pt table rule is a pixel wide in both pictures."""
    small = image.convertToFormat(QImage.Format_Grayscale8).scaled(cols, rows, Qt.IgnoreAspectRatio,
                                                                   Qt.SmoothTransformation)
    return [1 - small.pixelColor(x, y).value() / 255 for y in range(rows) for x in range(cols)]


def distance(a: list[float], b: list[float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def pdf_printer(path, dpi=100):
    from PySide6.QtPrintSupport import QPrinter

    printer = printing.a4_printer(QPrinter.ScreenResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def test_printed_pages_are_the_publication_pages(qapp, county_pdf, tmp_path):
    out = tmp_path / "printed.pdf"
    pages = printing.PdfPages(county_pdf)
    printing.paint(pdf_printer(out, 150), pages)
    printed = printing.PdfPages(out.read_bytes())
    assert len(printed) == len(pages) >= 8
    for i in range(len(pages)):
        w, h = printed.size_pt(i)
        assert (round(w), round(h)) == (595, 842)                 # A4
        here, there = ink(printed.image(i, 150)), ink(pages.image(i, 150))
        assert distance(here, there) < 0.005, i
    # …and the comparison tells pages apart: page 1 (title and text) is not page 7 (表二)
    assert distance(ink(printed.image(0, 150)), ink(pages.image(6, 150))) > 0.01


def test_the_preview_draws_every_page(qapp, qtbot, county_pdf):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    pages = printing.PdfPages(county_pdf)
    printer = printing.a4_printer()
    seen = []
    widget = QPrintPreviewWidget(printer)
    qtbot.addWidget(widget)
    widget.paintRequested.connect(lambda p: (seen.append(printing.is_preview(p)), printing.paint(p, pages)))
    widget.updatePreview()
    assert seen == [True] and widget.pageCount() == len(pages)


def test_page_range_order_and_copies(qapp, tmp_path):
    printer = pdf_printer(tmp_path / "x.pdf")
    assert printing.pages_to_print(printer, 4) == [0, 1, 2, 3]
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    assert printing.pages_to_print(printer, 4) == [1, 2]
    printer.setPageOrder(printer.PageOrder.LastPageFirst)
    assert printing.pages_to_print(printer, 4) == [2, 1]


def test_print_preview_from_the_menu_shows_the_publication(window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    counted = []

    def exec_(dlg):
        preview = dlg.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        counted.append((dlg.windowTitle(), preview.pageCount()))
        return 0
    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    window.actions_.print.trigger()
    data, _notices = printing.publication_pdf(window.doc.report)
    assert counted == [("打印预览", len(printing.PdfPages(data)))]
    assert not window.doc.modified


def test_a_missing_font_is_a_message_not_a_crash(window, dialogs, monkeypatch):
    from govreport_desktop.io.export.fonts import FontMissingError

    def no_font(report):
        raise FontMissingError("未找到中文字体")
    monkeypatch.setattr(printing, "publication_pdf", no_font)
    assert printing.print_preview(window, window.doc.report) == []
    assert dialogs.messages[-1][1:] == ("无法打印", "未找到中文字体")
