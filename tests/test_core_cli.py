"""`govreport check [--json] FILE...` and `govreport convert` as interchange.md specifies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, truth_path
from govreport_desktop import cli
from govreport_desktop.io import jsondoc

RECORD_KEYS = {"file", "ok", "report", "problems", "errors", "warnings", "infos"}
PROBLEM_KEYS = {"id", "rule", "severity", "message", "cells", "left", "right"}


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def records(out):
    lines = out.splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def county():
    return str(truth_path("shuyang-county-2025"))


@pytest.fixture
def fagaiju():
    return str(truth_path("shuyang-fagaiju-2023"))


@pytest.fixture
def zhaohui_file():
    return str(truth_path("zhaohui-street-2021"))


@pytest.fixture
def bad_files(tmp_path):
    (tmp_path / "broken.json").write_text('{"schema": "govreport/1", "format": ', encoding="utf-8")
    doc = json.loads(Path(truth_path("shuyang-county-2025")).read_text(encoding="utf-8"))
    doc["t2"]["R9"] = {"C1": 1}
    doc["remarks"] = "x"
    (tmp_path / "unknown.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return {"missing": str(tmp_path / "不存在.json"), "broken": str(tmp_path / "broken.json"),
            "unknown": str(tmp_path / "unknown.json")}


# ---------------------------------------------------------------- --json

def test_json_lines_one_record_per_file(capsys, county, fagaiju):
    status, out, err = run(capsys, "check", "--json", county, fagaiju)
    assert status == 0 and err == ""
    recs = records(out)
    assert [r["file"] for r in recs] == [county, fagaiju]
    for rec in recs:
        assert set(rec) == RECORD_KEYS and rec["ok"] is True
        for p in rec["problems"]:
            assert set(p) == PROBLEM_KEYS
            assert p["severity"] in ("error", "warning", "info")
            assert p["id"].startswith(p["rule"] + "@")
            assert isinstance(p["cells"], list) and p["cells"]
        counts = {s: sum(p["severity"] == s for p in rec["problems"]) for s in ("error", "warning", "info")}
        assert (rec["errors"], rec["warnings"], rec["infos"]) == (counts["error"], counts["warning"], counts["info"])
    # the report is the document of interchange.md, exact money included
    assert recs[0]["report"]["schema"] == "govreport/1"
    assert recs[0]["report"]["t1"]["fees.amount"] == "4068.208"
    assert recs[0]["report"] == json.loads(Path(county).read_text(encoding="utf-8"))
    # 发改局: V02 lists its 125 blank cells
    v02 = [p for p in recs[1]["problems"] if p["id"] == "V02@t2"]
    assert len(v02) == 1 and len(v02[0]["cells"]) == 125
    assert v02[0]["left"] is None and v02[0]["right"] is None


def test_json_relation_problem_has_both_sides(capsys, tmp_path, county):
    doc = json.loads(Path(county).read_text(encoding="utf-8"))
    doc["t2"]["R4"]["CT"] = None                 # 713 + 36 = 749 vs 718 + 空白
    path = tmp_path / "r4.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run(capsys, "check", "--json", str(path))
    assert status == 1
    (rec,) = records(out)
    m01 = [p for p in rec["problems"] if p["id"] == "M01@t2.CT"][0]
    assert m01 == {
        "id": "M01@t2.CT", "rule": "M01", "severity": "error",
        "message": "总计列：本年新收(713) + 上年结转(36) = 749，不等于 办理结果总计(718) + 结转下年度(空白) = 718，相差 31",
        "cells": ["t2.R1.CT", "t2.R2.CT", "t2.R3.CT", "t2.R4.CT"], "left": 749, "right": 718}
    assert rec["errors"] >= 2                   # M01@t2.CT and M03@t2.R4


def test_zhaohui_reports_mixed_format_and_blanks_but_no_arithmetic_error(capsys, zhaohui_file):
    """issue 2, Done when: S01/S05 and V02, no arithmetic error."""
    status, out, _ = run(capsys, "check", "--json", zhaohui_file)
    assert status == 1
    (rec,) = records(out)
    rules = {p["rule"] for p in rec["problems"]}
    assert {"S01", "S05", "V02"} <= rules
    assert not rules & {"M01", "M02", "M03", "L01"}
    errors = sorted(p["id"] for p in rec["problems"] if p["severity"] == "error")
    assert errors == ["S01@format", "S05@t2"]
    assert rec["report"]["t2"]["L6"]["C1"] == 0          # the 2019 row is kept


# ---------------------------------------------------------------- bad files

@pytest.mark.parametrize("which, words", [
    ("missing", "找不到文件“不存在.json”"),
    ("broken", "不是有效的 JSON 文件"),
    ("unknown", "无法识别的项目：remarks、t2.R9"),
])
def test_bad_file_one_chinese_line_and_others_still_checked(capsys, bad_files, county, which, words):
    status, out, err = run(capsys, "check", "--json", bad_files[which], county)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1 and words in lines[0]
    assert "Traceback" not in err
    bad, good = records(out)
    assert bad == {"file": bad_files[which], "ok": False, "error": bad["error"]} and words in bad["error"]
    assert good["file"] == county and good["ok"] is True


def test_bad_file_without_json(capsys, bad_files, county):
    status, out, err = run(capsys, "check", bad_files["broken"], county)
    assert status == 2
    assert len(err.splitlines()) == 1 and "不是有效的 JSON 文件" in err
    assert "沭阳县人民政府" in out                      # the good file's results are printed


def test_unreadable_wins_over_errors(capsys, bad_files, zhaohui_file):
    status, _, _ = run(capsys, "check", "--json", zhaohui_file, bad_files["missing"])
    assert status == 2


def test_exit_1_when_some_file_has_errors(capsys, county, zhaohui_file):
    status, out, _ = run(capsys, "check", "--json", county, zhaohui_file)
    assert status == 1
    assert [r["errors"] > 0 for r in records(out)] == [False, True]


# ---------------------------------------------------------------- plain text output

def test_plain_output_lists_problems_and_a_summary(capsys, county, zhaohui_file):
    status, out, err = run(capsys, "check", county, zhaohui_file)
    assert status == 1 and err == ""
    assert "[错误] S01 报告年度为2021年，应使用2021年格式（国办公开办函〔2021〕30号），但表二“（六）其他处理”只有一行（2019年格式）" in out
    assert "[警告] V02 表一有 1 个空白单元格，无数据请填写 0" in out
    assert "V02 表二" not in out            # its missing 1./2./3. rows are S05's, not blanks
    assert out.rstrip().splitlines()[-1].startswith("合计：2 个错误")


# ---------------------------------------------------------------- convert

def test_convert_json_to_json(capsys, tmp_path, county):
    target = tmp_path / "copy.json"
    status, out, err = run(capsys, "convert", county, str(target))
    assert status == 0 and err == ""
    assert jsondoc.read(target) == jsondoc.read(county)
    assert '"fees.amount": "4068.208"' in target.read_text(encoding="utf-8")


def test_convert_missing_input(capsys, tmp_path):
    status, _, err = run(capsys, "convert", str(tmp_path / "无.json"), str(tmp_path / "out.json"))
    assert status == 2 and "找不到文件" in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


# ---------------------------------------------------------------- as a program

def test_subprocess(bad_files, county, zhaohui_file):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}   # a legacy console must not crash on Chinese
    proc = subprocess.run([sys.executable, "-m", "govreport_desktop.cli", "check", "--json",
                           county, bad_files["unknown"], zhaohui_file],
                          cwd=ROOT, capture_output=True, env=env, timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err and len(err.splitlines()) == 1 and "无法识别的项目" in err
    recs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["ok"] for r in recs] == [True, False, True]
    assert {"S01", "S05"} <= {p["rule"] for p in recs[2]["problems"]}


def test_absurd_number_is_a_bad_file_not_a_crash(capsys, tmp_path, county):
    path = tmp_path / "huge.json"
    path.write_text('{"schema": "govreport/1", "format": "2021", "year": 2021, "t2": {"R1": {"C1": 1e5000}}}',
                    encoding="utf-8")
    status, out, err = run(capsys, "check", "--json", str(path), county)
    assert status == 2
    assert len(err.splitlines()) == 1 and "数值超出范围" in err and "Traceback" not in err
    assert [r["ok"] for r in records(out)] == [False, True]


def test_a_failing_rule_does_not_stop_the_other_files(capsys, monkeypatch, county, fagaiju):
    from govreport_desktop.core.rules import RULES
    from govreport_desktop.core.rules.engine import Rule

    calls = []

    def broken(ctx):
        calls.append(ctx.report.unit)
        if len(calls) == 1:
            raise ZeroDivisionError
        return ()

    monkeypatch.setitem(RULES, "ZZ9", Rule("ZZ9", "broken", "error", broken))
    status, out, err = run(capsys, "check", "--json", county, fagaiju)
    assert status == 2 and "Traceback" not in err and "内部错误" in err
    assert [r["ok"] for r in records(out)] == [False, True]
