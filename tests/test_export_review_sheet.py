"""The 审核情况说明 as a sheet of the workbook: the rows of the Word/PDF 审核情况说明, and never read
back as report content (with or without the hidden copy of the report)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from govreport_desktop.core.rules import check
from govreport_desktop.io import files, jsondoc, xlsx_read, xlsx_write
from govreport_desktop.io.export import review
from govreport_desktop.io.marks import META_SHEET, NOTES_SHEET, REVIEW_SHEET


def sheet_rows(ws) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in row) for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def zhaohui_explained(zhaohui):
    """The sample with one warning accepted and explained, one left open."""
    warning = next(p for p in check(zhaohui) if p.rule == "X07")
    zhaohui.explanations[warning.id] = "引用的是县教育局转发的文件，并非照抄"
    return zhaohui


def test_the_workbook_has_the_review_sheet_after_the_parts(zhaohui_explained):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(zhaohui_explained)))
    names = wb.sheetnames
    assert names.index(REVIEW_SHEET) == 6 and names.index(NOTES_SHEET) == 7
    ws = wb[REVIEW_SHEET]
    assert ws.sheet_state == "visible" and ws.page_setup.orientation == "landscape"
    rows = sheet_rows(ws)
    assert rows[0][0] == "审核情况说明"
    header = rows.index(review.HEADERS)
    want = review.rows(zhaohui_explained)
    assert [r[:5] for r in rows[header + 1:header + 1 + len(want)]] == want
    assert ("2", "错误", "S05") == want[1][:3]                       # errors first …
    assert want[-1][2] == "X07" and want[-1][4].startswith("引用的是县教育局")   # … accepted warnings last
    assert any("未说明" in r[4] for r in want)
    assert "错误 2 项" in rows[1][0]


def test_a_report_without_problems_says_so(load_truth):
    county = load_truth("shuyang-county-2025")
    problems = [p for p in check(county) if p.severity in ("error", "warning")]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(county)))
    rows = sheet_rows(wb[REVIEW_SHEET])
    if problems:
        assert len([r for r in rows if r[0].isdigit()]) == len(problems)
    else:
        assert "未发现错误或警告" in rows[1][0] and review.HEADERS not in rows


def test_the_review_sheet_is_not_read_back_as_report_content(zhaohui_explained, tmp_path):
    path = tmp_path / "报告.xlsx"
    files.save_report(zhaohui_explained, path)
    loaded = files.open_report(path)
    assert loaded.notices == [] and loaded.findings == []
    assert jsondoc.to_dict(loaded.report) == jsondoc.to_dict(zhaohui_explained)


def test_without_the_hidden_copy_the_labels_are_read_and_the_review_sheet_ignored(load_truth):
    """A workbook whose hidden sheet was deleted is read by its labels: the 审核情况说明 rows, which
    quote labels and numbers (“（七）总计”, “第三项加第四项之和”), must not count."""
    county = load_truth("shuyang-county-2025")
    county.cells["t2.R3.CT"] = 700                  # an error whose message quotes 表二's labels
    data = xlsx_write.encode(county)
    grids = [g for g in xlsx_read.grids_from_bytes(data, "x.xlsx") if g.name != META_SHEET]
    assert REVIEW_SHEET in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert all(g.name != REVIEW_SHEET for g in grids)        # written for people, never even loaded
    got = xlsx_read.read_grids(grids, "x.xlsx").report
    assert {p: got.cells.get(p) for p in county.fmt.cell} == {p: county.cells.get(p) for p in county.fmt.cell}
    assert got.sections == county.sections
