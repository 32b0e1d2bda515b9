"""Round trips of the publication: each real fixture exported as Word, PDF and web page and read
back with the importers gives the same numbers, texts, title, year and format.

What cannot come back is said when exporting: a cell of the other format (zhaohui's 2019-style
（六）其他处理 in a 2021 report) is not part of the official table, and the export says so.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import truth_path
from govreport_desktop.io import docx_read, html_read, jsondoc, pdf_read
from govreport_desktop.io.export import docx, fonts, pdf, webpage

FIXTURES = ["shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"]
KINDS = {".docx": (docx, docx_read), ".pdf": (pdf, pdf_read), ".html": (webpage, html_read)}


def plain(text: str) -> str:
    """Text compared without line breaks and spaces (a PDF has no paragraph marks to keep)."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text or ""))


@pytest.fixture(scope="module", params=FIXTURES)
def truth(request):
    return jsondoc.read(truth_path(request.param))


@pytest.mark.parametrize("suffix", list(KINDS))
def test_export_read_back_gives_the_same_report(truth, suffix, tmp_path):
    exporter, reader = KINDS[suffix]
    if suffix == ".pdf" and fonts.find(("宋体",))[0] is None:
        pytest.skip("no CJK TrueType font on this machine")
    data, notices = exporter.encode(truth)
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(data)
    loaded = reader.read(path)
    got = loaded.report

    assert (got.format, got.year, got.unit_kind) == (truth.format, truth.year, truth.unit_kind)
    assert plain(got.title) == plain(truth.title)
    assert got.unit and got.unit in truth.unit        # read from the title: 杭州市…办事处 may be left out
    fmt = truth.fmt
    for path_ in fmt.cell:
        assert got.cells.get(path_) == truth.cells.get(path_), path_
    for key in fmt.section:
        assert plain(got.sections.get(key)) == plain(truth.sections.get(key)), key
    assert not [p for p in loaded.findings if p.rule == "S05"]          # no cell reported missing
    foreign = [p for p in truth.foreign_paths() if truth.cells.get(p) is not None]
    if foreign:
        assert any("属于其他格式的栏目" in n for n in notices)
        assert all(got.cells.get(p) is None for p in foreign)
