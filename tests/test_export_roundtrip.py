"""Round trips of the publication: each real fixture exported as Word, PDF and web page and read
back with the importers gives the same numbers, texts, title, year and format.

The notes on cells come back too: the export prints them as 注 under the table, naming the cell by
row and column, and the readers turn such a 注 back into the cell's note. What cannot come back is
said when exporting: a cell of the other format (zhaohui's 2019-style
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


def notes_of(report) -> dict[str, str]:
    """The notes as the publication prints them (each ends with 。, whether or not it had one)."""
    return {p: plain(t).removesuffix("。") for p, t in report.notes.items() if t.strip()}


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
    assert notes_of(got) == notes_of(truth)
    assert not [n for n in loaded.notices if "未计入正文" in n]           # every 注 found its cell
    foreign = [p for p in truth.foreign_paths() if truth.cells.get(p) is not None]
    if foreign:
        assert any("属于其他格式的栏目" in n for n in notices)
        assert all(got.cells.get(p) is None for p in foreign)


@pytest.mark.parametrize("suffix", list(KINDS))
def test_several_notes_under_one_table_come_back_to_their_cells(load_truth, suffix, tmp_path):
    """Numbered 注 (“注：1.…” then “2.…”): the later items are notes too, not text of the part."""
    exporter, reader = KINDS[suffix]
    if suffix == ".pdf" and fonts.find(("宋体",))[0] is None:
        pytest.skip("no CJK TrueType font on this machine")
    report = load_truth("shuyang-county-2025")
    report.notes.update({"t2.R1.C1": "含转办申请3件", "t2.R3.CT": "其中2件为上年结转。",
                         "t2.R2.C6": "上年一件：其他组织", "t3.RV.S": "另有1件撤回"})
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(exporter.encode(report)[0])
    loaded = reader.read(path)
    assert notes_of(loaded.report) == notes_of(report)
    assert plain(loaded.report.sections["s3"]) == plain(report.sections["s3"])
    assert plain(loaded.report.sections["s4"]) == plain(report.sections["s4"])
