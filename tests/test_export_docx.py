"""The Word export read back with python-docx/lxml: page, typefaces (w:eastAsia), sizes, line
spacing, headings, the official tables (merges, repeated header rows, rows that never split),
page numbers, and every number and text of the real county report."""

import io
import zipfile

import pytest

docx = pytest.importorskip("docx")

from govreport_desktop.core.report import Report  # noqa: E402
from govreport_desktop.core.values import format_value  # noqa: E402
from govreport_desktop.io.export import docx as exporter  # noqa: E402
from govreport_desktop.io.export.publication import paragraphs  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def q(tag: str) -> str:
    return W + tag


@pytest.fixture(scope="module")
def county():
    from govreport_desktop.io import jsondoc
    from conftest import truth_path

    report = jsondoc.read(truth_path("shuyang-county-2025"))
    data, notices = exporter.encode(report)
    return report, data, notices, docx.Document(io.BytesIO(data))


def style_chain(doc, style_id):
    style = doc.styles.element.find(f"{q('style')}[@{q('styleId')}='{style_id}']")
    while style is not None:
        yield style
        based = style.find(q("basedOn"))
        if based is None:
            return
        style = doc.styles.element.find(f"{q('style')}[@{q('styleId')}='{based.get(q('val'))}']")


def effective(doc, paragraph, run, what: str):
    """A run property as Word resolves it: the run, then the paragraph style and its bases."""
    def look(rpr):
        if rpr is None:
            return None
        if what == "eastAsia":
            fonts = rpr.find(q("rFonts"))
            return fonts.get(q("eastAsia")) if fonts is not None else None
        sz = rpr.find(q("sz"))
        return int(sz.get(q("val"))) / 2 if sz is not None else None
    got = look(run._r.find(q("rPr")))
    if got is not None:
        return got
    pstyle = paragraph._p.find(f"{q('pPr')}/{q('pStyle')}")
    for style in style_chain(doc, pstyle.get(q("val")) if pstyle is not None else "Normal"):
        got = look(style.find(q("rPr")))
        if got is not None:
            return got
    return None


def test_page_is_a4_with_the_official_margins(county):
    _r, _d, notices, doc = county
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert notices == []


def test_title_body_and_headings_use_the_official_typefaces(county):
    report, _d, _n, doc = county
    paras = [p for p in doc.paragraphs if p.text.strip()]
    title = paras[0]
    assert title.text.replace("\n", "") == report.title
    assert title.text.split("\n") == ["沭阳县人民政府2025年", "政府信息公开工作年度报告"]
    assert title.style.paragraph_format.alignment == 1           # centred
    assert effective(doc, title, title.runs[0], "eastAsia") == "方正小标宋简体"
    assert effective(doc, title, title.runs[0], "size") == 22
    headings = {s.heading for s in report.fmt.sections}
    seen = 0
    for p in paras[1:]:
        run = p.runs[0]
        face = effective(doc, p, run, "eastAsia")
        if p.text in headings:
            assert face == "黑体" and effective(doc, p, run, "size") == 16
            seen += 1
        elif p.style.style_id == "Normal":
            pf = p.style.paragraph_format
            assert pf.line_spacing.pt == pytest.approx(28.95, abs=0.05) and pf.line_spacing_rule == 4  # exact
            ind = p.style.element.find(f"{q('pPr')}/{q('ind')}")
            assert ind.get(q("firstLineChars")) == "200"
            if p.text.startswith("（三）精细化"):
                assert face == "楷体_GB2312" and effective(doc, p, p.runs[1], "eastAsia") == "仿宋_GB2312"
            else:
                assert face == "仿宋_GB2312" and effective(doc, p, run, "size") == 16
    assert seen == 6
    h2 = next(p for p in paras if p.text == "（一）系统化推进主动公开。")
    assert effective(doc, h2, h2.runs[0], "eastAsia") == "楷体_GB2312"


def test_texts_read_back_in_order(county):
    report, _d, _n, doc = county
    expected = [report.title]
    for section in report.fmt.sections:
        expected.append(section.heading)
        expected.extend(paragraphs(report.sections[section.key]))
    got = [p.text.replace("\n", "") for p in doc.paragraphs if p.text.strip()]
    assert got == expected


def grid_of(tbl):
    """(row, col, rowspan, colspan, text) of each cell of a w:tbl, merges resolved."""
    open_cells = {}
    out = []
    for r, tr in enumerate(tbl.iter(q("tr"))):
        col = 0
        for tc in tr.iter(q("tc")):
            pr = tc.find(q("tcPr"))
            span = int(pr.find(q("gridSpan")).get(q("val"))) if pr.find(q("gridSpan")) is not None else 1
            vm = pr.find(q("vMerge"))
            text = "".join(t.text or "" for t in tc.iter(q("t")))
            if vm is not None and vm.get(q("val")) != "restart":
                open_cells[col][2] += 1
            else:
                cell = [r, col, 1, span, text]
                out.append(cell)
                open_cells[col] = cell
            col += span
    return {(c[0], c[1]): tuple(c[2:]) for c in out}


def test_tables_have_the_official_merges_and_every_number(county):
    report, _d, _n, doc = county
    tables = doc.element.body.findall(q("tbl"))
    assert len(tables) == 3
    for tbl, table in zip(tables, report.fmt.tables):
        got = grid_of(tbl)
        layout = table.layout
        assert set(got) == {(b.row, b.col) for b in layout.boxes}
        for b in layout.boxes:
            rowspan, colspan, text = got[(b.row, b.col)]
            assert (rowspan, colspan) == (b.rowspan, b.colspan)
            want = format_value(report.cells[b.path]) if b.path else b.text
            assert text == want, b
        rows = tbl.findall(q("tr"))
        assert all(tr.find(f"{q('trPr')}/{q('cantSplit')}") is not None for tr in rows)
        header = [tr.find(f"{q('trPr')}/{q('tblHeader')}") is not None for tr in rows]
        assert header == [i < layout.header_rows for i in range(layout.n_rows)]
        widths = [int(g.get(q("w"))) for g in tbl.iter(q("gridCol"))]
        assert len(widths) == layout.n_cols and abs(sum(widths) - 8844) <= 10   # 156 mm 版心
    t2 = grid_of(tables[1])
    assert t2[(0, 0)][2].startswith("（本列数据的勾稽关系为") and t2[(0, 0)][:2] == (3, 3)
    assert t2[(5, 0)][:2] == (22, 1)                        # 三、本年度办理结果


def test_table_text_is_song_wuhao_and_table_one_stays_on_one_page(county):
    _r, _d, _n, doc = county
    style = doc.styles["表格文字"]
    assert style.element.find(f"{q('rPr')}/{q('rFonts')}").get(q("eastAsia")) == "宋体"
    assert style.font.size.pt == 10.5
    t1 = doc.element.body.findall(q("tbl"))[0]
    rows = t1.findall(q("tr"))
    keep = [tr.find(f".//{q('keepNext')}") is not None for tr in rows]
    assert keep == [True] * (len(rows) - 1) + [False]


def test_page_numbers_odd_right_even_left(county):
    _r, data, _n, doc = county
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    for footer, side in ((s.footer, "right"), (s.even_page_footer, "left")):
        el = footer._element
        assert "PAGE" in "".join(t.text for t in el.iter(q("instrText")))
        assert el.find(f".//{q('jc')}").get(q("val")) == side
        p = footer.paragraphs[0]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert effective(doc, p, p.runs[0], "size") == 14
    fonts = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_review_is_a_separate_document_with_the_explanations(county):
    from govreport_desktop.core.rules import WARNING, check

    report = county[0].copy()
    warning = next(p for p in check(report) if p.severity == WARNING)
    report.explanations[warning.id] = "本县考核情况已在监督保障部分说明"
    data, _ = exporter.encode_review(report)
    doc = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert body.startswith("审核情况说明") and "沭阳县人民政府" in body
    assert "本县考核情况已在监督保障部分说明" in cells and warning.message in cells
    main = docx.Document(io.BytesIO(exporter.encode(report)[0]))
    assert "本县考核情况" not in "".join(p.text for p in main.paragraphs)


def test_a_new_2019_report_and_a_report_with_errors_export():
    report = Report.new(2020, "某街道办事处", format_id="2019")
    report.cells["t2.R1.C1"] = 3
    data, notices = exporter.encode(report, problems=[])
    doc = docx.Document(io.BytesIO(data))
    assert len(doc.tables) == 3 and len(doc.tables[1].rows) == 26      # 2019 表二: 3 + 23 rows
    from govreport_desktop.core.rules import check

    _data, notices = exporter.encode(report, problems=check(report))
    assert any("错误" in n for n in notices)
