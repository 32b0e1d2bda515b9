"""Round trip with the publication exporters: every real fixture exported as Word, PDF and web
page (io/export) and imported again gives the same numbers in the same cells, the same texts
paragraph by paragraph and the same notes on cells, with nothing to report.

The export prints notes as 注 under the table, naming the cell by row and column, and the readers
turn such a 注 back into the cell's note. What cannot come back is said when exporting: a cell of
the other format (zhaohui's 2019-style （六）其他处理 in a 2021 report) is not part of the official
table, and the export says so."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import truth_path
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.export import export

NAMES = ("shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021")
KINDS = (".docx", ".pdf", ".html")


def plain(text: str) -> str:
    """Text compared without line breaks and spaces (a PDF has no paragraph marks to keep)."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text or ""))


def notes_of(report) -> dict[str, str]:
    """The notes as the publication prints them (each ends with 。, whether or not it had one)."""
    return {p: plain(t).removesuffix("。") for p, t in report.notes.items() if t.strip()}


def paragraphs(text: str) -> list[str]:
    """Paragraphs without spaces: a PDF may drop a space the typesetter put at a line end."""
    return [re.sub(r"\s", "", line) for line in (text or "").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    out = {}
    for name in NAMES:
        report = jsondoc.read(truth_path(name))
        for kind in KINDS:
            path = folder / f"{name}{kind}"
            notices = export(report, path)
            out[name, kind] = report, path, notices
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_export_then_import_gives_the_same_report(exported, name, kind):
    report, path, export_notices = exported[name, kind]
    loaded = files.open_report(path)
    back = loaded.report
    assert loaded.imported and loaded.findings == []
    assert (back.format, back.year, back.unit_kind, back.title) == (report.format, report.year,
                                                                     report.unit_kind, report.title)
    if report.unit in report.title:           # else the unit is printed nowhere to be read back
        assert back.unit == report.unit
    assert back.unit and back.unit in report.unit   # read from the title: 杭州市…办事处 may be left out
    fmt = report.fmt
    assert {p: back.cells.get(p) for p in fmt.cell_paths} == {p: report.cells.get(p) for p in fmt.cell_paths}
    for section in fmt.sections:
        assert paragraphs(back.sections[section.key]) == paragraphs(report.sections[section.key]), section.key
    assert notes_of(back) == notes_of(report)
    assert not [n for n in loaded.notices if "未计入正文" in n]           # every 注 found its cell
    # cells of the other format (朝晖街道's single 2019 row （六）其他处理) are not printed: the
    # export said so, and the import invents nothing for them
    foreign = [p for p in report.foreign_paths() if report.cells.get(p) is not None]
    if foreign:
        assert any("属于其他格式的栏目" in n for n in export_notices)
        assert all(back.cells.get(p) is None for p in foreign)


def test_a_pdf_table_over_two_pages_with_its_header_repeated(exported):
    """The application's PDF prints 表二's header again on the next page, and 公文 page numbers
    (“— 4 —”) between the two parts: one table, the header once, no page number in the text."""
    report, path, _ = exported["shuyang-fagaiju-2023", ".pdf"]
    back = files.open_report(path).report
    assert back.cells["t2.R3.CT"] == report.cells["t2.R3.CT"] == 26
    assert back.cells["t2.R4.CT"] == 0
    assert not any(re.search(r"—\s*\d+\s*—", t) for t in back.sections.values())
    assert "申请人情况" not in back.sections["s3"]


@pytest.mark.parametrize("kind", KINDS)
def test_several_notes_under_one_table_come_back_to_their_cells(load_truth, kind, tmp_path):
    """Numbered 注 (“注：1.…” then “2.…”): the later items are notes too, not text of the part."""
    report = load_truth("shuyang-county-2025")
    report.notes.update({"t2.R1.C1": "含转办申请3件", "t2.R3.CT": "其中2件为上年结转。",
                         "t2.R2.C6": "上年一件：其他组织", "t3.RV.S": "另有1件撤回"})
    path = tmp_path / f"报告{kind}"
    export(report, path)
    loaded = files.open_report(path)
    assert notes_of(loaded.report) == notes_of(report)
    assert plain(loaded.report.sections["s3"]) == plain(report.sections["s3"])
    assert plain(loaded.report.sections["s4"]) == plain(report.sections["s4"])
