"""The PDF export read back with pdfplumber: embedded fonts, A4, text in reading order, every
number of the county report in its table cell, page numbers, and a clear error without fonts."""

import io
import re

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from conftest import truth_path  # noqa: E402

from govreport_desktop.core.values import format_value  # noqa: E402
from govreport_desktop.io.export import fonts, pdf as exporter  # noqa: E402
from govreport_desktop.io.export.publication import paragraphs  # noqa: E402

if fonts.find(("宋体",))[0] is None:
    pytest.skip("no CJK TrueType font on this machine (scripts/setup.sh installs them)", allow_module_level=True)


@pytest.fixture(scope="module")
def county():
    from govreport_desktop.io import jsondoc

    report = jsondoc.read(truth_path("shuyang-county-2025"))
    data, notices = exporter.encode(report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [(p.width, p.height, p.extract_text() or "", p.extract_tables(), p.chars) for p in pdf.pages]
    return report, data, notices, pages


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a4_pages_with_embedded_fonts_only(county):
    _r, data, _n, pages = county
    assert all((round(w), round(h)) == (595, 842) for w, h, *_ in pages)
    assert b"/FontFile2" in data                       # TrueType programs embedded (subsets)
    assert b"/Type1" not in data                       # no standard font left unembedded
    assert data.startswith(b"%PDF-")


def test_text_extracts_in_reading_order(county):
    report, _d, _n, pages = county
    page_number = re.compile(r"^— \d+ —$", re.M)
    text = squash("".join(page_number.sub("", t) for *_x, t, _tables, _c in pages))
    pos = 0
    expected = [report.title]
    for section in report.fmt.sections:
        expected.append(section.heading)
        expected.extend(paragraphs(report.sections[section.key]))
    for piece in expected:
        found = text.find(squash(piece), pos)
        assert found >= pos, piece[:30]
        pos = found + len(squash(piece))


def test_every_number_is_in_its_table_cell(county):
    report, _d, _n, pages = county
    fmt = report.fmt
    t2 = fmt.table["t2"]
    by_label = {squash(r.label): r.key for r in t2.rows}
    seen_t2, seen_t1, seen_t3 = set(), set(), False
    t1_labels = {squash(r.label): r for r in fmt.table["t1"].rows}
    for *_x, tables, _c in pages:
        for table in tables:
            for row in table:
                cells = [c for c in row if c is not None]
                labels = [squash(c) for c in cells if not re.fullmatch(r"[\d.]*", squash(c))]
                values = [squash(c) for c in cells if re.fullmatch(r"[\d.]+", squash(c))]
                if len(values) == 15:                                    # 表三's data row
                    assert values == [format_value(report.cells[f"t3.{g.key}.{f.key}"])
                                      for g in fmt.table["t3"].rows for f in fmt.table["t3"].cols]
                    seen_t3 = True
                elif len(values) == 7 and labels and labels[-1] in by_label:
                    key = by_label[labels[-1]]
                    assert values == [format_value(report.cells[f"t2.{key}.{c.key}"]) for c in t2.cols]
                    seen_t2.add(key)
                elif labels and labels[-1] in t1_labels and values:
                    item = t1_labels[labels[-1]].key
                    want = [format_value(report.cells[p]) for p in fmt.table["t1"].cell if p.split(".")[1] == item]
                    assert values == want
                    seen_t1.add(item)
    assert seen_t2 == {r.key for r in t2.rows}
    assert seen_t1 == {r.key for r in fmt.table["t1"].rows}
    assert seen_t3


def test_table_two_repeats_its_header_when_it_breaks(county):
    _r, _d, _n, pages = county
    with_t2 = [t for *_x, t, _tables, _c in pages if "申请人情况" in t]
    assert len(with_t2) >= 2                 # the county report's 表二 continues on a second page
    for text in with_t2:
        assert "勾稽关系" in text and "法人或其他组织" in text


def test_page_numbers_alternate_sides(county):
    _r, _d, _n, pages = county
    for n, (width, height, _t, _tables, chars) in enumerate(pages, start=1):
        digits = [c for c in chars if c["top"] > height - 35 * 72 / 25.4 and c["text"].isdigit()]
        assert "".join(c["text"] for c in digits) == str(n)
        x = digits[0]["x0"]
        assert (x > width / 2) if n % 2 else (x < width / 2)


def test_review_pdf_lists_the_open_warnings(county):
    report = county[0]
    data, _ = exporter.encode_review(report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = squash("".join(p.extract_text() or "" for p in pdf.pages))
    assert text.startswith("审核情况说明") and "S09" in text and "（未说明）" in text


def test_no_cjk_font_is_a_clear_chinese_error(monkeypatch, county):
    monkeypatch.setattr(exporter, "find", lambda names: (None, True))
    with pytest.raises(fonts.FontMissingError) as e:
        exporter.encode(county[0])
    assert "中文字体" in str(e.value)


def test_font_names_are_read_from_the_name_table():
    found = fonts.installed()
    some = next(iter(found.values()))
    names = dict(fonts.family_names(some.path))
    assert any(some.family in n for n in names.values())
    assert fonts.family_names(truth_path("shuyang-county-2025")) == []   # not a font
