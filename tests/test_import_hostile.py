"""Hostile and wrong inputs of every kind: truncated, not a report, huge, wrong extension, old or
locked formats, scanned PDFs. Always a clear Chinese message (a GovReportIOError), never a crash."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

import pytest

from govreport_desktop.io import docx_read, html_read, pdf_read, text_read
from govreport_desktop.io.errors import (EncryptedFileError, GovReportIOError, NoTextLayerError, NotAReportError,
                                         OldFormatError)

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))

import official_docx  # noqa: E402
import official_html  # noqa: E402

pytest.importorskip("docx")
READERS = {"docx": docx_read, "html": html_read, "pdf": pdf_read, "txt": text_read}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("s") / "r.docx"
    official_docx.build(path)
    return {"docx": path.read_bytes(), "html": official_html.build_bytes(),
            "pdf": (DATA / "official-2021.pdf").read_bytes(),
            "txt": "\n".join(["某某镇2022年政府信息公开工作年度报告", "一、总体情况", "正文。",
                              "二、主动公开政府信息情况", "| 第二十条第（一）项 |",
                              "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 规章 | 0 | 0 | 0 |"]).encode()}


def chinese(e: Exception) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(e))


@pytest.mark.parametrize("kind", sorted(READERS))
def test_truncated(kind, samples):
    """Cut anywhere: a partial report or a clear message."""
    data = samples[kind]
    rnd = random.Random(kind)
    for cut in sorted({len(data) // 2, len(data) // 3, 100, 10, *(rnd.randrange(1, len(data)) for _ in range(6))}):
        try:
            loaded = READERS[kind].read_bytes(data[:cut], f"cut.{kind}")
        except GovReportIOError as e:
            assert chinese(e), (cut, str(e))
        else:
            assert loaded.report is not None


@pytest.mark.parametrize("kind", sorted(READERS))
def test_flipped_bytes(kind, samples):
    rnd = random.Random(7)
    for _ in range(5):
        data = bytearray(samples[kind])
        for _ in range(20):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            READERS[kind].read_bytes(bytes(data), f"bad.{kind}")
        except GovReportIOError as e:
            assert chinese(e)


def test_not_a_report(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("会议通知：请于周五下午参加学习。")
    path = tmp_path / "通知.docx"
    d.save(str(path))
    with pytest.raises(NotAReportError, match="不像是政府信息公开工作年度报告"):
        docx_read.read(path)
    with pytest.raises(NotAReportError, match="不像是"):
        html_read.read_bytes("<html><body><div>今日要闻</div><p>天气晴。</p></body></html>".encode(), "news.html")
    with pytest.raises(NotAReportError, match="不像是"):
        text_read.read_bytes("购物清单\n苹果\n梨\n".encode(), "list.txt")


def test_scanned_pdf_has_no_text_layer():
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    with pytest.raises(NoTextLayerError, match="扫描件"):
        pdf_read.read_bytes(buf.getvalue(), "扫描.pdf")


def test_encrypted_pdf():
    with pytest.raises(EncryptedFileError, match="密码"):
        pdf_read.read(DATA / "encrypted.pdf")


def test_old_word_and_locked_word():
    old = OLE + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 1000
    for name in ("报告.doc", "报告.wps", "报告.docx"):
        with pytest.raises(OldFormatError, match="另存为"):
            docx_read.read_bytes(old, name)
    locked = OLE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000
    with pytest.raises(EncryptedFileError, match="密码"):
        docx_read.read_bytes(locked, "报告.docx")


def test_wrong_extension(samples):
    # a Word document saved as .pdf, a PDF named .docx, a web page named .txt, text named .html
    loaded = pdf_read.read_bytes(samples["docx"], "报告.pdf")
    assert loaded.report.cells["t2.R1.CT"] == 23 and "扩展名与内容不符" in loaded.notices[0]
    assert docx_read.read_bytes(samples["pdf"], "报告.docx").report.cells["t3.RV.S"] == 4
    assert text_read.read_bytes(samples["html"], "报告.txt").report.cells["t2.R3.CT"] == 24
    assert html_read.read_bytes(samples["txt"], "报告.html").report.cells["t1.regulations.issued"] == 0
    # an Excel workbook named .docx
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NotAReportError, match="Excel"):
        docx_read.read_bytes(buf.getvalue(), "表.docx")
    with pytest.raises(NotAReportError, match="不是 PDF"):
        pdf_read.read_bytes(b"\x00\x01\x02 garbage" * 10, "x.pdf")
    with pytest.raises(NotAReportError, match="二进制"):
        text_read.read_bytes(bytes(range(256)) * 40, "x.txt")


@pytest.mark.parametrize("kind,limit", [("docx", "MAX_FILE"), ("html", "MAX_BYTES"), ("pdf", "MAX_FILE"),
                                        ("txt", "MAX_BYTES")])
def test_huge_files_are_refused_before_parsing(kind, limit, samples, monkeypatch):
    monkeypatch.setattr(READERS[kind], limit, len(samples[kind]) - 1)
    with pytest.raises(NotAReportError, match="过大"):
        READERS[kind].read_bytes(samples[kind], f"big.{kind}")


def test_zip_bomb_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024))
    with pytest.raises(NotAReportError, match="异常"):
        docx_read.read_bytes(buf.getvalue(), "bomb.docx")


def test_hostile_html_structures():
    deep = "<div>" * 3000 + "一、总体情况" + "</div>" * 3000
    spans = ('<table><tr><td colspan="999999" rowspan="999999">一、本年新收政府信息公开申请数量</td></tr></table>')
    for page in (deep, spans, "<html><body>" + "<p>x</p>" * 50000 + "</body></html>", "<<<>>>", "\x00\x00<html>"):
        try:
            html_read.read_bytes(page.encode(), "h.html")
        except GovReportIOError as e:
            assert chinese(e)


def test_empty_files():
    for module, name in ((docx_read, "a.docx"), (html_read, "a.html"), (pdf_read, "a.pdf"), (text_read, "a.txt")):
        with pytest.raises(NotAReportError, match="空文件"):
            module.read_bytes(b"", name)
