"""Every real published report in ../shared/fixtures, imported and compared cell by cell with its
hand-made truth: what is present is right, what is missing is reported missing, nothing invented."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import REPORTS, truth_path
from govreport_desktop.core.rules import check
from govreport_desktop.io import html_read, jsondoc, text_read

DATA = Path(__file__).parent / "data"

# What the transcriptions changed on purpose (each *.notes.md): the OCR “沐阳” is 沭阳.
TRANSCRIBED = {"shuyang-county-2025": {"沐阳": "沭阳"}}

CASES = [
    ("zhaohui-street-2021.txt", text_read),
    ("shuyang-fagaiju-2023.txt", text_read),
    ("shuyang-fagaiju-2023.html", html_read),
    ("shuyang-county-2025.md", text_read),
]


def plain(text: str) -> str:
    """Text compared without line breaks, spaces and character width (the transcriptions rejoined
    OCR page breaks, removed spaces next to CJK and used full-width brackets in headings)."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def source(name: str) -> Path:
    path = REPORTS / name
    if not path.exists():
        pytest.skip("shared fixtures not found")
    return path


def fix(name: str, text: str) -> str:
    for wrong, right in TRANSCRIBED.get(name, {}).items():
        text = text.replace(wrong, right)
    return text


@pytest.mark.parametrize("filename,reader", CASES, ids=[c[0] for c in CASES])
def test_fixture_equals_truth(filename, reader):
    stem = filename.rsplit(".", 1)[0]
    truth = jsondoc.read(truth_path(stem))
    raw_truth = json.loads(truth_path(stem).read_text(encoding="utf-8"))
    loaded = reader.read(source(filename))
    got = loaded.report

    assert (got.format, got.year) == (truth.format, truth.year)
    assert plain(fix(stem, got.title)) == plain(truth.title)
    assert got.unit and fix(stem, got.unit) in truth.unit      # the title may leave out 杭州市/办事处
    assert got.unit_kind == truth.unit_kind
    # every cell: the truth's value (blank stays blank, never 0) ...
    for path, want in truth.cells.items():
        assert got.cells.get(path) == want, path
    # ... and no cell the truth does not have (zhaohui: 2019's L6 only, no L6_1..L6_3 invented)
    present = {f"{t}.{k}" for t in ("t1",) for k in raw_truth["t1"]}
    present |= {f"t2.{r}.{c}" for r, cols in raw_truth["t2"].items() for c in cols}
    present |= {f"t3.{g}.{f}" for g, fs in raw_truth["t3"].items() for f in fs}
    invented = {p for p, v in got.cells.items() if v is not None and p not in present}
    assert invented == set()
    for key, text in truth.sections.items():
        assert plain(fix(stem, got.sections[key])) == plain(text), key


def test_zhaohui_missing_cell_and_mixed_format_are_reported():
    loaded = text_read.read(source("zhaohui-street-2021.txt"))
    rep = loaded.report
    assert rep.cells["t1.normative.in_force"] is None and "t1.normative.in_force" in rep.notes
    ids = {p.id for p in loaded.findings}
    assert {"S03@s3", "S03@s5", "S05@t1"} <= ids            # “…申请情”, “存在主要问题”, the missing cell
    assert any("行政规范性文件·现行有效件数" in n for n in loaded.notices)
    # the checker sees the stale single-row （六） of this 2021 report (S01) as in the truth
    assert {"S01@format", "S05@t2"} <= {p.id for p in check(rep)}
    assert rep.cells["t2.L6.CT"] == 0 and rep.cells["t2.L6_1.CT"] is None


def test_fagaiju_page_chrome_and_signature_are_not_report_text():
    loaded = html_read.read(source("shuyang-fagaiju-2023.html"))
    rep = loaded.report
    everything = "".join(rep.sections.values())
    for chrome in ("繁體版", "索引号", "首页", "websiteId", "2024年1月17日"):
        assert chrome not in everything
    assert any("落款" in n and "2024年1月17日" in n for n in loaded.notices)
    assert {p.id for p in loaded.findings} >= {"S03@s5", "S04@t1.normative"}


def test_markdown_garbled_t2_headers_and_stacked_t3():
    loaded = text_read.read(source("shuyang-county-2025.md"))
    rep = loaded.report
    assert [rep.cells[f"t3.LR.{f}"] for f in "MKOPS"] == [8, 0, 1, 1, 10]
    assert rep.cells["t2.L6_2.C1"] == 7 and rep.cells["t2.R4.CT"] == 31
    # labels without their numbering are variants, not silently accepted
    assert {"S04@t2.R1", "S04@t2.L1"} <= {p.id for p in loaded.findings}
    assert not [p for p in check(rep) if p.rule in ("M01", "M02", "M03", "L01")]


@pytest.mark.parametrize("name", ["tuofenglu-street-2020-partial", "zhouji-street-2020-partial"])
def test_partial_reports(name):
    want = json.loads((DATA / "partial" / f"{name}.json").read_text(encoding="utf-8"))
    loaded = text_read.read(source(want["source"]))
    rep = loaded.report
    assert (rep.format, rep.year, rep.unit, rep.title) == (want["format"], want["year"], want["unit"], want["title"])
    for path, value in want["cells"].items():
        assert rep.cells[path] == value, path
    for path, value in rep.cells.items():                  # nothing invented
        if path not in want["cells"]:
            assert value is None, path
    # what the cut-off text lacks is reported missing, table by table and heading by heading
    absent_t2 = [p for p in rep.fmt.table["t2"].cells if p.path not in want["cells"]]
    assert absent_t2 and all(rep.notes.get(c.path) == "原表未填" for c in absent_t2)
    assert "S05@t2" in {p.id for p in loaded.findings}
    assert any("找到表三" in n for n in loaded.notices)
    missing = next(n for n in loaded.notices if "未找到标题" in n)
    for key in want["missing_headings"]:
        assert rep.fmt.section[key].heading in missing
    for key, parts in want["sections_contain"].items():
        for part in parts:
            assert plain(part) in plain(rep.sections[key]), (key, part)
    for key in want["sections_empty"]:
        assert rep.sections[key] == "", key
    for table, rows in want.get("extra_rows", {}).items():
        assert f"S05@{table}" in {p.id for p in loaded.findings}
        assert all(r in rep.sections["s2"] for r in rows)
