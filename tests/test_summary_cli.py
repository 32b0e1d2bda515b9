"""`govreport summarize` and folders for `govreport check`: output, JSON Lines, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport_desktop import cli
from govreport_desktop.core.report import Report
from govreport_desktop.io import files, jsondoc, xlsx_read
from test_summary_run import unit

UNIT_KEYS = {"file", "unit", "unit_kind", "year", "format", "status", "status_text", "included",
             "errors", "warnings", "infos", "note"}
SUMMARY_KEYS = {"summary", "year", "format", "files", "included", "statuses", "missing", "similar",
                "blanks", "report", "output"}


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "收到的报告"
    (d / "镇").mkdir(parents=True)
    for i in range(1, 4):
        unit(d / "镇", f"第{i}镇", i)
    return d


def test_summarize_a_folder_writes_the_workbook(capsys, folder, tmp_path):
    out = tmp_path / "汇总.xlsx"
    status, stdout, err = run(capsys, "summarize", folder, "-o", out, "--unit", "某某县人民政府")
    assert status == 0, err
    assert "计入 3 个单位" in stdout and f"已写入：{out}" in stdout
    loaded = xlsx_read.read(out)
    assert loaded.report.cells["t2.R1.CT"] == 6 and loaded.report.unit == "某某县人民政府"
    status, stdout, _err = run(capsys, "check", out)          # the 汇总 passes through check
    assert status == 1 and "S02" in stdout                     # its texts are for the author


def test_json_lines_per_unit_and_one_summary_line(capsys, folder, tmp_path):
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04x")
    unit(folder, "第1镇", 9, year=2024)                  # a second file of 第1镇, last year's
    roster = tmp_path / "名单.txt"
    roster.write_text("第1镇\n第2镇\n第3镇\n第4镇\n", encoding="utf-8")
    status, stdout, _err = run(capsys, "summarize", "--json", "--roster", roster, folder)
    lines = [json.loads(line) for line in stdout.splitlines()]
    units, summary = lines[:-1], lines[-1]
    assert status == 2                                          # a file could not be read
    assert all(UNIT_KEYS <= set(u) for u in units) and SUMMARY_KEYS <= set(summary)
    by_status = {u["status"] for u in units}
    assert by_status == {"unreadable", "other_year", "ok", "missing"}
    bad = next(u for u in units if u["status"] == "unreadable")
    assert bad["file"].endswith("坏.xlsx") and "已损坏" in bad["error"]
    assert [u["unit"] for u in units if u["status"] == "missing"] == ["第4镇"]
    assert summary["included"] == 3 and summary["missing"] == ["第4镇"] and summary["output"] is None
    assert jsondoc.from_dict(summary["report"]).cells["t2.R1.CT"] == 6


def test_exit_status_one_when_a_unit_has_errors(capsys, folder):
    r = Report.new(2025, "错账镇", "township")
    r.cells["t2.R1.CT"] = 5                                    # 本年新收 5, nothing answered: M01
    files.save_report(r, folder / "错账镇.json", backup=False)
    status, stdout, _err = run(capsys, "summarize", folder)
    assert status == 1 and "[有错误]" in stdout


def test_nothing_to_summarize(capsys, tmp_path):
    status, _out, err = run(capsys, "summarize", tmp_path)
    assert status == 2 and "没有" in err


def test_check_accepts_folders(capsys, folder):
    status, stdout, _err = run(capsys, "check", "--json", folder)
    records = [json.loads(line) for line in stdout.splitlines()]
    assert status == 0 and len(records) == 3
    assert [Path(r["file"]).name for r in records] == ["第1镇.xlsx", "第2镇.xlsx", "第3镇.xlsx"]


def test_a_previous_summary_in_the_folder_is_not_counted_again(capsys, folder):
    first = folder / "去年汇总.xlsx"
    assert run(capsys, "summarize", folder, "-o", first)[0] == 0
    status, stdout, _err = run(capsys, "summarize", "--json", folder)
    lines = [json.loads(line) for line in stdout.splitlines()]
    again = next(u for u in lines[:-1] if u["file"] == str(first))
    assert again["status"] == "summary_file" and not again["included"]
    assert lines[-1]["report"]["t2"]["R1"]["CT"] == 6 and status == 0


def test_a_units_report_is_never_the_output(capsys, folder):
    victim = next((folder / "镇").glob("*.xlsx"))
    before = victim.read_bytes()
    status, _stdout, err = run(capsys, "summarize", folder, "-o", victim)
    assert status == 2 and "是要汇总的单位报告" in err and "请另选文件名" in err
    assert victim.read_bytes() == before
    again = folder / "汇总.xlsx"                              # an earlier 汇总 in the folder is replaced
    assert run(capsys, "summarize", folder, "-o", again)[0] == 0
    status, stdout, _err = run(capsys, "summarize", folder, "-o", again)
    assert status == 0 and "计入 3 个单位" in stdout
