"""A Word document, a web page and a PDF in the official layout (merged cells, label variants, an
annotation in a cell, a title on two lines): each imported cell by cell."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_desktop.core.rules import check
from govreport_desktop.io import docx_read, html_read, labels, pdf_read, text_read
from govreport_desktop.io.errors import GovReportIOError, NotAReportError

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))

import official_docx  # noqa: E402
import official_html  # noqa: E402

docx = pytest.importorskip("docx")

EXPECTED = official_docx.expected_cells()
VARIANT_FINDINGS = {"S04@t1.normative", "S04@t2.L2", "S04@t2.L3_5", "V03@t1.normative.issued"}


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "某某局2024年报告.docx"
    official_docx.build(path)
    return path


def assert_official(loaded):
    rep = loaded.report
    wrong = {p: (rep.cells.get(p), v) for p, v in EXPECTED.items() if rep.cells.get(p) != v}
    assert wrong == {}
    assert rep.cells["t1.fees.amount"] == Decimal("4068.208")          # exact, not a float
    assert rep.cells["t2.R1.C6"] is None                               # blank stays blank
    assert (rep.format, rep.year, rep.unit) == ("2021", 2024, official_docx.UNIT)
    assert rep.title == "".join(official_docx.TITLE_LINES)             # printed on two lines
    assert rep.notes["t1.normative.issued"] == "22（其中修订16件）"
    assert VARIANT_FINDINGS <= {p.id for p in loaded.findings}
    for key, paragraphs in official_docx.SECTIONS.items():
        assert rep.sections[key] == "\n".join(paragraphs)
    assert rep.sections["s6"].endswith("信息处理费。")                  # the signature is not in 六
    assert any("落款" in n for n in loaded.notices)
    # the imported report checks clean: the arithmetic of the document holds
    assert not [p for p in check(rep) if p.severity == "error"]


def test_word_document(docx_file):
    assert_official(docx_read.read(docx_file))


def test_word_merged_cells_are_one_cell(docx_file):
    rows = next(b.rows for b in docx_read.blocks_from_docx(docx_file.read_bytes(), "x") if b.is_table
                and any("申请人情况" in (v or "") for r in b.rows for v in r))
    # A1:C3 note, D1:J1 申请人情况: the text once, in the top-left cell
    assert rows[0][0].startswith("（本列数据") and rows[0][1] is None and rows[1][0] is None
    assert rows[0][3] == "申请人情况" and rows[0][4:] == [None] * 6
    results = [r[0] for r in rows[5:27]]
    assert results[0] == "三、本年度办理结果" and results[1:] == [None] * 21      # vMerge over 22 rows


def test_word_automatic_heading_numbers(tmp_path):
    """Headings numbered by Word (一、 in a numbered list) are found by their generated number."""
    d = docx.Document()
    d.add_paragraph("某某乡2023年政府信息公开工作年度报告")
    for heading in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"):
        p = d.add_paragraph(heading, style="List Number")
        _chinese_numbering(p)
        d.add_paragraph("正文。")
    path = tmp_path / "n.docx"
    d.save(str(path))
    loaded = docx_read.read(path)
    assert loaded.report.sections["s1"] == "正文。" and loaded.report.sections["s3"] == "正文。"


def _chinese_numbering(paragraph):
    """Turn the paragraph's list numbering into 一、二、三、 (chineseCounting, “%1、”)."""
    from docx.oxml.ns import qn

    numbering = paragraph.part.numbering_part.element
    num_id = paragraph.style.element.pPr.numPr.numId.val       # “List Number” numbers by its style
    num = next(n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(lv for lv in abstract.iter(qn("w:lvl")) if lv.get(qn("w:ilvl")) == "0")
    lvl.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
    lvl.find(qn("w:lvlText")).set(qn("w:val"), "%1、")


def test_web_page():
    loaded = html_read.read_bytes(official_html.build_bytes(), "report.shtml")
    assert_official(loaded)
    text = "".join(loaded.report.sections.values())
    for chrome in ("首页", "站内搜索", "版权所有", "网站导航", "浏览次数", "索引号"):
        assert chrome not in text


def test_web_page_charsets():
    page = official_html.page()
    for enc, declared in (("utf-8", "utf-8"), ("gb18030", "gbk"), ("utf-16", None)):
        text = page.replace("charset=gb2312", f"charset={declared}") if declared else page.replace(
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
        loaded = html_read.read_bytes(text.encode(enc), "p.htm")
        assert loaded.report.cells["t2.R1.CT"] == 23, enc
    # no declaration at all, GB18030 bytes
    bare = page.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    assert html_read.read_bytes(bare.encode("gb18030"), "p.htm").report.cells["t3.RV.S"] == 4


def test_pdf_made_by_libreoffice_from_the_word_document():
    """tests/data/official-2021.pdf = official_docx.py through soffice --convert-to pdf (see
    make_report_pdf.py): 表二 runs over two pages and its labels over several lines."""
    loaded = pdf_read.read(DATA / "official-2021.pdf")
    assert_official(loaded)
    # the last row's label lost its last character at the page break: matched, and said so
    s04 = next(p for p in loaded.findings if p.id == "S04@t2.L6_2")
    assert "政府信息公开申”" in s04.message


def test_clipboard_html_then_text():
    html = official_html.page()
    loaded = html_read.read_clipboard("Version:0.9\nStartHTML:0000000105\n" + html, "ignored")
    assert loaded.report.cells["t2.R3.CT"] == 24
    text = (DATA.parent.parent.parent / "shared" / "fixtures" / "reports" / "zhaohui-street-2021.txt")
    if text.exists():
        loaded = html_read.read_clipboard("<html><body><p>无关</p></body></html>", text.read_text(encoding="utf-8"))
        assert loaded.report.cells["t2.R1.CT"] == 1
    with pytest.raises(NotAReportError, match="剪贴板"):
        html_read.read_clipboard(None, "  ")


def test_tab_separated_rows_copied_from_word():
    rows = ["某某镇2022年政府信息公开工作年度报告", "一、总体情况", "本镇。", "二、主动公开政府信息情况",
            "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0",
            "行政规范性文件\t2\t0\t5", "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t\t\t\t\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
            "\t\t\t\t\t" + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
            "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 4 + ["0"] + ["0"] * 4 + ["2"])]
    rep = text_read.read_text("\n".join(rows)).report
    assert [rep.cells[f"t1.normative.{f}"] for f in ("issued", "repealed", "in_force")] == [2, 0, 5]
    assert rep.cells["t3.RV.S"] == 1 and rep.cells["t3.LR.S"] == 2 and rep.cells["t3.LD.M"] == 0


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
def test_text_encodings(encoding):
    text = "某某镇2022年政府信息公开工作年度报告\n一、总体情况\n本镇全年主动公开信息。\n六、其他需要报告的事项\n无。\n"
    rep = text_read.read_bytes(text.encode(encoding), "r.txt").report
    assert rep.title == "某某镇2022年政府信息公开工作年度报告" and rep.sections["s6"] == "无。"


def test_tolerant_labels_only_when_unique():
    rows = tuple(lb for _k, lb in labels.t2_row_labels().values())
    cols = tuple(lb for _k, lb in labels.t2_col_labels())
    assert labels.match_label("社会公益组", cols).canonical == "社会公益组织"            # one character dropped
    assert labels.match_label("法人或其他组织: 商业企业", cols).canonical == "商业企业"   # group named first
    assert labels.match_label("予以公开", rows).canonical == "（一）予以公开"             # numbering left out
    assert not labels.match_label("予以公开", rows).exact
    assert labels.match_label("其他", rows) is None                 # too short to guess (3.其他? 其他处理?)
    assert labels.match_label("（六）其他", rows) is None           # numbered, but not a row label
    assert labels.match_label("1.属于国家秘", rows).canonical == "1.属于国家秘密"
    assert labels.match_label("2.属于国家秘密", rows) is None        # the numbering is never “corrected”


def test_every_reader_declares_its_registration():
    for module in (docx_read, html_read, pdf_read, text_read):
        assert module.SUFFIXES and all(s.startswith(".") for s in module.SUFFIXES)
        assert module.NAME and callable(module.read) and callable(module.read_bytes)
    assert ".doc" in docx_read.SUFFIXES and ".wps" in docx_read.SUFFIXES   # so they get advice, not 不支持
    assert importlib.util.find_spec("govreport_desktop.io.document_grids")
    assert issubclass(NotAReportError, GovReportIOError)
