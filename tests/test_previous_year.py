"""Start from last year's report (core/next_year.py, `govreport new --from`) and the previous-year
link that travels with the report (the `previous` member of the JSON document, a hidden sheet
of the workbook): reopening the file, or checking it on another PC, runs the same cross-year
rules without last year's file."""

from __future__ import annotations

import json

import openpyxl
import pytest

from govreport_desktop import cli
from govreport_desktop.core import next_year
from govreport_desktop.core.migrate import migrate
from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import check
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.marks import META_SHEET, PREVIOUS_SHEET

COLS = ("C1", "C2", "C3", "C4", "C5", "C6", "CT")
# the members a reader knew before `previous` was added (interchange.md)
OLD_TOP_KEYS = ("schema", "format", "year", "unit", "unit_kind", "title", "sections",
                "t1", "t1_units", "t2", "t3", "notes", "explanations")


def ids(problems, prefix=""):
    return {p.id for p in problems if p.id.startswith(prefix)}


# ---------------------------------------------------------------- starting from last year

def test_next_year_carries_unit_and_carry_over_and_attaches_last_year(county):
    started = next_year.start_from(county)
    rep = started.report
    assert (rep.year, rep.format, rep.unit, rep.unit_kind) == (2026, "2021", county.unit, county.unit_kind)
    assert rep.title == f"{county.unit}2026年政府信息公开工作年度报告"
    for c in COLS:
        assert rep.cells[f"t2.R2.{c}"] == county.cells[f"t2.R4.{c}"]
    assert rep.cells["t2.R2.CT"] == 31
    # nothing else is invented: this year's figures are blank, texts are the templates
    assert all(v is None for p, v in rep.cells.items() if not p.startswith("t2.R2."))
    assert rep.sections == Report.new(2026).sections
    assert rep.previous == county and started.notices == []
    assert "上年结转总计 31 件" in next_year.summary(started)


def test_cross_year_rules_run_at_once(county):
    rep = next_year.start_from(county).report
    assert ids(check(rep), "Y01") == set()                  # carried as last year said
    rep.cells["t2.R2.C1"] = 30
    assert ids(check(rep), "Y01") == {"Y01@t2.C1"}
    rep.cells["t1.normative.in_force"] = 1                  # last year had more in force
    assert "P03@t1.normative" in ids(check(rep))


def test_a_blank_carry_over_stays_blank(county):
    county.cells["t2.R4.C3"] = None
    started = next_year.start_from(county)
    assert started.report.cells["t2.R2.C3"] is None and "t2.R2.C3" not in started.carried
    county.cells.update({f"t2.R4.{c}": None for c in COLS})
    started = next_year.start_from(county)
    assert started.carried == {} and "上年结转未填写" in started.notices[0]


def test_from_a_2019_format_report_into_the_2021_format():
    last = Report.new(2020, unit="某某街道办事处", unit_kind="township")
    assert last.format == "2019"
    last.cells.update({"t2.R4.C1": 2, "t2.R4.CT": 2, "t2.L6.C1": 1})
    started = next_year.start_from(last)
    rep = started.report
    assert (rep.year, rep.format) == (2021, "2021")
    assert rep.cells["t2.R2.C1"] == 2 and rep.cells["t2.R2.CT"] == 2
    assert rep.previous.format == "2019"                    # compared as it is, not converted
    assert any("2019年格式" in n for n in started.notices)


def test_another_year_on_request_and_a_year_without_format(county):
    started = next_year.start_from(county, year=2027)
    assert started.report.year == 2027 and "不是紧接的下一年度" in started.notices[0]
    with pytest.raises(ValueError, match="2010年度没有适用"):
        next_year.start_from(county, year=2010)


# ---------------------------------------------------------------- the previous member

def attached(county) -> Report:
    rep = next_year.start_from(county).report
    rep.cells["t2.R2.C1"] = 30          # Y01 against the attached 2025 report
    return rep


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_last_year_is_saved_with_the_report(county, tmp_path, suffix):
    rep = attached(county)
    path = tmp_path / f"2026{suffix}"
    files.save_report(rep, path)
    again = files.open_report(path).report
    assert again.previous is not None and again.previous.previous is None
    prev = again.previous
    assert (prev.year, prev.format, prev.unit) == (2025, "2021", county.unit)
    assert prev.cells == county.cells and prev.sections == county.sections
    assert ids(check(again), "Y01") == {"Y01@t2.C1"}        # no last year's file needed


def test_the_json_member_is_last_years_document(county, tmp_path):
    doc = jsondoc.to_dict(attached(county))
    assert doc["previous"] == jsondoc.to_dict(county)       # the same document, not a path
    assert "previous" not in jsondoc.to_dict(county)        # optional: absent when none is attached
    assert "previous" not in jsondoc.to_dict(attached(county), previous=False)


def test_the_workbooks_main_copy_stays_readable_by_older_versions(county, tmp_path, monkeypatch):
    path = tmp_path / "2026.xlsx"
    files.save_report(attached(county), path)
    wb = openpyxl.load_workbook(path)
    assert wb[PREVIOUS_SHEET].sheet_state == "hidden"
    main_copy = "".join(r[0] for r in wb[META_SHEET].iter_rows(min_row=2, max_col=1, values_only=True) if r[0])
    assert "previous" not in json.loads(main_copy)
    # a reader that knows only the old members opens the workbook as before
    monkeypatch.setattr(jsondoc, "TOP_KEYS", OLD_TOP_KEYS)
    assert jsondoc.loads(main_copy).cells["t2.R2.C1"] == 30


def test_a_damaged_previous_member_is_left_out_with_a_notice(county, tmp_path):
    doc = jsondoc.to_dict(attached(county))
    doc["previous"]["t2"]["R9"] = {"C1": 1}
    path = tmp_path / "2026.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    loaded = files.open_report(path)
    assert loaded.report.previous is None and loaded.report.cells["t2.R2.C1"] == 30
    assert any("上年报告数据无法读取" in n and "t2.R9" in n for n in loaded.notices)
    doc["previous"] = "2025年报.xlsx"                        # a path is not last year's report
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert files.open_report(path).report.previous is None


def test_a_damaged_previous_sheet_is_left_out_with_a_notice(county, tmp_path):
    path = tmp_path / "2026.xlsx"
    files.save_report(attached(county), path)
    wb = openpyxl.load_workbook(path)
    wb[PREVIOUS_SHEET]["A2"] = '{"schema": "govreport/1", "format":'
    wb.save(path)
    loaded = files.open_report(path)
    assert loaded.report.previous is None and loaded.report.cells["t2.R2.C1"] == 30
    assert any("上年报告数据已损坏" in n for n in loaded.notices)


def test_conversion_keeps_last_year(county):
    rep = attached(county)
    assert migrate(rep, "2019").previous == county


# ---------------------------------------------------------------- the command line

def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_new_from_last_year_then_check_without_previous(capsys, tmp_path):
    from conftest import truth_path

    last = truth_path("shuyang-county-2025")
    out = tmp_path / "2026年报.json"
    status, text, err = run(capsys, "new", "--from", last, out)
    assert status == 0, err
    assert "上年结转总计 31 件" in text and str(out) in text
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["year"] == 2026 and doc["t2"]["R2"]["CT"] == 31 and doc["previous"]["year"] == 2025
    doc["t2"]["R2"]["C1"] = 30
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    status, text, err = run(capsys, "check", "--json", out)
    (rec,) = [json.loads(line) for line in text.splitlines()]
    assert "Y01@t2.C1" in {p["id"] for p in rec["problems"]}
    assert rec["report"]["previous"]["year"] == 2025


def test_new_with_a_year_and_into_a_workbook(capsys, tmp_path):
    from conftest import truth_path

    out = tmp_path / "2027.xlsx"
    status, text, err = run(capsys, "new", "--from", truth_path("shuyang-county-2025"), "--year", 2027, out)
    assert status == 0 and "不是紧接的下一年度" in err
    rep = files.open_report(out).report
    assert rep.year == 2027 and rep.previous.year == 2025


def test_new_refuses_what_it_cannot_do(capsys, tmp_path):
    from conftest import truth_path

    last = truth_path("shuyang-county-2025")
    existing = tmp_path / "已有.xlsx"
    existing.write_bytes(b"keep")
    status, _text, err = run(capsys, "new", "--from", last, existing)
    assert status == 2 and "已存在，未覆盖" in err and existing.read_bytes() == b"keep"
    status, _text, err = run(capsys, "new", "--from", tmp_path / "没有.pdf", tmp_path / "a.xlsx")
    assert status == 2 and err.startswith("govreport: 上年报告：") and not (tmp_path / "a.xlsx").exists()
    status, _text, err = run(capsys, "new", "--from", last, "--year", 2010, tmp_path / "b.xlsx")
    assert status == 2 and "没有适用" in err and not (tmp_path / "b.xlsx").exists()
    status, _text, err = run(capsys, "new", "--from", last, tmp_path / "c.docx")
    assert status == 2 and "不支持保存" in err
