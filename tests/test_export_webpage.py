"""The web page export: self-contained, inline styles only, semantic tables whose spans match
the official layout, every number of the county report, and the text/plain rendering."""

from html.parser import HTMLParser

import pytest

from govreport_desktop.core.values import format_value
from govreport_desktop.io.export import webpage
from govreport_desktop.io.export.publication import paragraphs


class Page(HTMLParser):
    """Tags seen, and each <table> as rows of (tag, rowspan, colspan, text)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tables: list[list[list[list]]] = []
        self.cell = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = [tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)), ""]
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[3] += data
        self.text.append(data)


def positions(rows):
    """The HTML table algorithm: (row, col) → (rowspan, colspan, tag, text)."""
    taken = set()
    out = {}
    for r, row in enumerate(rows):
        c = 0
        for tag, rs, cs, text in row:
            while (r, c) in taken:
                c += 1
            out[(r, c)] = (rs, cs, tag, text)
            taken |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
            c += cs
    return out


@pytest.fixture
def county(load_truth):
    report = load_truth("shuyang-county-2025")
    data, notices = webpage.encode(report)
    page = Page()
    page.feed(data.decode("utf-8"))
    return report, data, notices, page


def test_page_is_self_contained_with_inline_styles_only(county):
    _r, data, notices, page = county
    html = data.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    names = {t for t, _a in page.tags}
    assert not names & {"script", "style", "link", "img", "iframe", "object"}
    assert not any("src" in a or "href" in a or "class" in a or any(k.startswith("on") for k in a)
                   for _t, a in page.tags)
    assert all("style" in a for t, a in page.tags if t in ("h1", "h2", "h3", "p", "td", "th", "table"))
    assert notices == []


def test_tables_span_as_the_official_layout_with_every_number(county):
    report, _d, _n, page = county
    assert len(page.tables) == 3
    for rows, table in zip(page.tables, report.fmt.tables):
        got = positions(rows)
        layout = table.layout
        assert set(got) == {(b.row, b.col) for b in layout.boxes}
        for b in layout.boxes:
            rs, cs, tag, text = got[(b.row, b.col)]
            assert (rs, cs) == (b.rowspan, b.colspan)
            if b.path:
                assert (tag, text) == ("td", format_value(report.cells[b.path]))
            else:
                assert text == b.text and (tag == "th" or b.role == "blank")
    html = county[1].decode("utf-8")
    t2 = html.split("<table")[2]
    assert t2.count("<thead>") == 1 and t2.index("</thead>") < t2.index("一、本年新收")


def test_texts_appear_in_order(county):
    report, _d, _n, page = county
    text = "".join(page.text)
    pos = 0
    for piece in [*webpage.build(report).blocks[0].lines] + [
            p for s in report.fmt.sections for p in (s.heading, *paragraphs(report.sections[s.key]))]:
        found = text.find(piece, pos)
        assert found >= pos, piece[:30]
        pos = found + len(piece)


def test_fragment_and_plain_text_for_the_clipboard(load_truth):
    report = load_truth("shuyang-county-2025")
    frag = webpage.fragment(report)
    assert "<html" not in frag and frag.count("<table") == 3
    text = webpage.plain_text(report)
    lines = text.split("\r\n")
    assert lines[0] == "沭阳县人民政府2025年" and "\u3000\u3000一、总体情况" in lines
    row = next(line for line in lines if line.startswith("一、本年新收政府信息公开申请数量"))
    assert row.split("\t") == ["一、本年新收政府信息公开申请数量", "", "", "705", "3", "0", "0", "5", "0", "713"]


def test_markup_in_the_report_is_escaped(load_truth):
    report = load_truth("shuyang-county-2025")
    report.sections["s6"] = "<script>alert(1)</script> & 其他"
    html = webpage.encode(report)[0].decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; 其他" in html
