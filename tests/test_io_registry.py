"""The registry of file types (io/base.py): a missing library is named, not “不支持打开”; a file
type whose module is not built is unsupported; readers and writers load only when used."""

import logging
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT
from govreport_desktop import cli
from govreport_desktop.io import base, files
from govreport_desktop.io.errors import MissingComponentError, UnsupportedFileError


@pytest.fixture
def workbook(tmp_path, load_truth):
    """A report workbook that needs calamine: re-saved elsewhere with a formula in it (our own
    plain workbooks are read from their XML and open without it)."""
    path = tmp_path / "报告.xlsx"
    files.save_report(load_truth("shuyang-county-2025"), path)
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["H1"] = "=1+1"
    wb.save(path)
    return path


def test_opening_xlsx_without_calamine_names_it(workbook, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "python_calamine", None)     # import fails as if not installed
    with caplog.at_level(logging.WARNING), pytest.raises(MissingComponentError) as e:
        files.open_report(workbook)
    msg = str(e.value)
    assert msg.startswith("无法打开 .xlsx：缺少组件 python-calamine") and "请重新安装本软件" in msg
    assert "不支持" not in msg and e.value.component == "python-calamine" and e.value.path == workbook
    assert "python_calamine" in caplog.text                      # the log has the import error


def test_xls_without_calamine_names_it_too(tmp_path, monkeypatch):
    path = tmp_path / "旧.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(MissingComponentError, match="无法打开 .xls：缺少组件 python-calamine"):
        files.open_report(path)


def test_cli_names_the_missing_component(workbook, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    # the library is missing in this process only: read here, not in the reader process
    monkeypatch.setattr(cli, "safe_load", files.open_report)
    assert cli.main(["convert", str(workbook), str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport: 无法打开 .xlsx：缺少组件 python-calamine") and len(err.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


WITHOUT_OPENPYXL = r"""
import sys
sys.modules["openpyxl"] = None                  # as in a bundle that lost openpyxl
from govreport_desktop.io import files
from govreport_desktop.io.errors import MissingComponentError
print("readable", files.readable())
print("writable", files.writable())
print("opened", files.open_report(sys.argv[1]).report.unit)   # calamine alone reads workbooks
try:
    files.save_report(files.open_report(sys.argv[1]).report, sys.argv[2])
except MissingComponentError as e:
    print("error", e)
"""


def test_without_openpyxl_workbooks_still_open_and_saving_names_it(workbook, tmp_path):
    out = tmp_path / "另存.xlsx"
    p = subprocess.run([sys.executable, "-c", WITHOUT_OPENPYXL, str(workbook), str(out)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    lines = dict(line.split(" ", 1) for line in p.stdout.splitlines())
    assert ".xlsx" in lines["readable"] and ".xlsx" not in lines["writable"] and ".json" in lines["writable"]
    assert lines["opened"] == "沭阳县人民政府"
    assert lines["error"].startswith("无法保存为 .xlsx：缺少组件 openpyxl")
    assert not out.exists()


def test_a_type_whose_module_is_not_built_is_unsupported(caplog):
    reg = base.Registry("打开")
    reg.declare(".zz", "某种文件", ".no_such_reader", "read")
    with caplog.at_level(logging.INFO):
        assert reg.resolve(".zz") is None
    assert reg.available() == [] and "no_such_reader" in caplog.text


def test_a_library_missing_while_the_function_runs_is_named():
    reg = base.Registry("导出为")
    reg.declare(".zz", "某种文件", ".grid", "Grid", needs=("python-docx",))
    err = reg.missing(".zz", ModuleNotFoundError("No module named 'docx'", name="docx"))
    assert str(err).startswith("无法导出为 .zz：缺少组件 python-docx")
    err = reg.missing(".zz", ImportError("DLL load failed"))          # no module name: the declared need
    assert "缺少组件 python-docx" in str(err)


def test_unknown_suffix_still_says_what_can_be_opened(tmp_path):
    path = tmp_path / "a.wps2"
    path.write_text("x")
    with pytest.raises(UnsupportedFileError) as e:
        files.open_report(path)
    assert not isinstance(e.value, MissingComponentError)
    assert "不支持打开“a.wps2”" in str(e.value) and ".xlsx" in str(e.value) and ".json" in str(e.value)


def test_direct_registration_and_dialog_filters(monkeypatch):
    monkeypatch.setitem(files.READERS, ".wps", lambda p: None)
    assert ".wps" in files.READERS and ".wps" in files.readable()
    assert files.READERS.filters([".json", ".xls", ".xlsx", ".wps"]) == \
        "Excel 工作簿 (*.xlsx *.xls);;JSON 文档 (*.json);;WPS 文件 (*.wps)"
    monkeypatch.undo()
    assert ".wps" not in files.READERS


STARTUP = r"""
import sys
from govreport_desktop.io import files
files.open_report(sys.argv[1])
print(sorted(m for m in sys.modules if m.startswith(("govreport_desktop.io.", "openpyxl", "docx"))))
"""


def test_opening_json_loads_no_other_reader(tmp_path, load_truth):
    path = tmp_path / "r.json"
    files.save_report(load_truth("shuyang-county-2025"), path)
    p = subprocess.run([sys.executable, "-c", STARTUP, str(path)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    loaded = eval(p.stdout)
    assert not any(m.startswith(("openpyxl", "govreport_desktop.io.xlsx", "govreport_desktop.io.table")) for m in loaded)
