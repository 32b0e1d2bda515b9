"""Saving never loses the previous file: atomic replace, .bak of the previous version, typed
errors with a Chinese message. Tests run as root in CI, where chmod blocks nothing, so the
failures are simulated by making os.replace / os.fsync raise."""

import errno
import os

import pytest

from govreport_desktop import cli
from govreport_desktop.core.report import Report
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.errors import DiskFullError, FileLockedError, ReadError, WriteError


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_write_then_backup_of_previous_version(tmp_path):
    target = tmp_path / "报告.json"
    files.atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    assert listing(tmp_path) == ["报告.json"]               # nothing to back up the first time
    files.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert (tmp_path / "报告.bak.json").read_bytes() == b"one"
    files.atomic_write(target, b"three")
    assert (tmp_path / "报告.bak.json").read_bytes() == b"two"
    assert listing(tmp_path) == ["报告.bak.json", "报告.json"]   # no temporary file left


def test_no_backup_when_asked(tmp_path):
    target = tmp_path / "a.json"
    files.atomic_write(target, b"one")
    files.atomic_write(target, b"two", backup=False)
    assert listing(tmp_path) == ["a.json"]


@pytest.fixture
def previous(tmp_path):
    target = tmp_path / "报告.json"
    files.atomic_write(target, b"previous")
    return target


def _raise(exc):
    def fail(*args, **kwargs):
        raise exc
    return fail


def test_locked_file(previous, monkeypatch):
    monkeypatch.setattr(os, "replace", _raise(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(FileLockedError) as e:
        files.atomic_write(previous, b"new")
    monkeypatch.undo()
    msg = str(e.value)
    assert "“报告.json”" in msg and "Excel" in msg and "当前内容未丢失" in msg
    assert previous.read_bytes() == b"previous"
    assert set(listing(previous.parent)) <= {"报告.json", "报告.bak.json"}   # temp file removed
    bak = previous.parent / "报告.bak.json"
    assert not bak.exists() or bak.read_bytes() == b"previous"


def test_disk_full_on_replace(previous, monkeypatch):
    monkeypatch.setattr(os, "replace", _raise(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(DiskFullError) as e:
        files.atomic_write(previous, b"new")
    monkeypatch.undo()
    assert "磁盘空间不足" in str(e.value) and "“报告.json”" in str(e.value)
    assert previous.read_bytes() == b"previous"
    assert set(listing(previous.parent)) <= {"报告.json", "报告.bak.json"}


def test_disk_full_while_writing(previous, monkeypatch):
    monkeypatch.setattr(os, "fsync", _raise(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(DiskFullError):
        files.atomic_write(previous, b"new")
    monkeypatch.undo()
    assert previous.read_bytes() == b"previous"
    assert listing(previous.parent) == ["报告.json"]          # failed before the backup step


def test_write_errors_are_one_family(previous, monkeypatch):
    monkeypatch.setattr(os, "replace", _raise(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(WriteError) as e:
        files.atomic_write(previous, b"new")
    monkeypatch.undo()
    assert "无法保存“报告.json”" in str(e.value)
    assert previous.read_bytes() == b"previous"


def test_missing_folder(tmp_path):
    with pytest.raises(WriteError) as e:
        files.atomic_write(tmp_path / "无此文件夹" / "a.json", b"x")
    assert "不存在" in str(e.value)


def test_save_and_open_report(tmp_path, load_truth):
    rep = load_truth("shuyang-county-2025")
    target = tmp_path / "county.json"
    files.save_report(rep, target)
    assert files.open_report(target).report == rep
    rep2 = rep.copy()
    rep2.cells["t2.R1.C1"] = None
    files.save_report(rep2, target)
    assert files.open_report(target).report == rep2
    assert jsondoc.read(tmp_path / "county.bak.json") == rep       # the previous version


def test_failed_save_leaves_report_and_file_alone(tmp_path, monkeypatch):
    rep = Report.new(2024, "某某街道办事处")
    target = tmp_path / "r.json"
    files.save_report(rep, target)
    before = target.read_bytes()
    changed = rep.copy()
    changed.cells["t2.R1.C1"] = 5
    snapshot = changed.copy()
    monkeypatch.setattr(os, "replace", _raise(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(FileLockedError):
        files.save_report(changed, target)
    monkeypatch.undo()
    assert target.read_bytes() == before and changed == snapshot


def test_open_missing_file(tmp_path):
    with pytest.raises(ReadError) as e:
        files.open_report(tmp_path / "无.json")
    assert "找不到文件“无.json”" in str(e.value)


# What a file type cannot hold as it is gets said to the user when saving, not only logged.

def test_excel_save_says_what_it_left_out_and_json_says_nothing(zhaohui, tmp_path):
    zhaohui.sections["s6"] = "本年度未收取信息处理费。\x07"      # a bell pasted from another program
    notices = files.save_report(zhaohui, tmp_path / "r.xlsx")
    assert len(notices) == 1 and "控制字符" in notices[0]
    # …and nothing is lost: the hidden copy brings the text back exactly
    assert files.open_report(tmp_path / "r.xlsx").report.sections["s6"] == zhaohui.sections["s6"]
    assert files.save_report(zhaohui, tmp_path / "r.json") == []


def test_convert_prints_the_notices(zhaohui, tmp_path, capsys):
    zhaohui.sections["s1"] += "\x0b"
    src = tmp_path / "in.json"
    src.write_bytes(jsondoc.encode(zhaohui))
    assert cli.main(["convert", str(src), str(tmp_path / "out.xlsx")]) == 0
    assert "控制字符" in capsys.readouterr().err


def test_a_folder_that_is_not_there_is_said_in_chinese(zhaohui, tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    with pytest.raises(WriteError) as e:
        files.save_report(zhaohui, blocker / "报告.xlsx")
    assert "不存在" in str(e.value) and "未丢失" in str(e.value)
    assert "directory" not in str(e.value).lower()
