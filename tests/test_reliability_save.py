"""Issue 11, saving: backups put in place whole, failures told, three versions kept without
clutter, temporary files of killed saves removed, permissions respected, long names saved.
Tests may run as root, for whom chmod blocks nothing: the permission checks read the mode."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import time

import pytest

from govreport_desktop.io import backups, files
from govreport_desktop.io.errors import FileLockedError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and names in bytes")


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "数据" / "versions"
    backups.startup([], store=folder)
    yield folder
    backups.stop_keeping()


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_three_versions_kept_without_clutter(tmp_path, store):
    docs = tmp_path / "文档"
    docs.mkdir()
    target = docs / "报告.json"
    for i in range(5):
        assert files.atomic_write(target, f"v{i}".encode()) == []
    assert listing(docs) == ["报告.bak.json", "报告.json"]               # the user's folder
    assert [p.read_bytes() for p in backups.versions(target)] == [b"v3", b"v2", b"v1"]
    (sub,) = [p for p in store.iterdir()]
    assert (sub / "source.txt").read_text(encoding="utf-8") == str(target)


def test_backup_is_a_whole_copy_put_in_place_by_rename(tmp_path, monkeypatch):
    target = tmp_path / "报告.json"
    files.atomic_write(target, b"old")
    placed = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (placed.append((os.path.basename(a), os.path.basename(b))),
                                                      real(a, b))[1])
    files.atomic_write(target, b"new")
    assert [dst for _src, dst in placed] == ["报告.bak.json", "报告.json"]
    assert all(backups.is_temp_name(src) for src, _dst in placed)     # never written in place
    assert files.backup_path(target).read_bytes() == b"old" and target.read_bytes() == b"new"


def test_full_disk_during_the_backup_is_told_and_the_old_backup_stays(tmp_path, zhaohui, monkeypatch):
    target = tmp_path / "报告.json"
    files.save_report(zhaohui, target)
    files.save_report(zhaohui, target)                                   # a .bak exists now
    bak_before = files.backup_path(target).read_bytes()
    changed = zhaohui.copy()
    changed.cells["t2.R1.C1"] = 77

    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")           # e.g. FAT32, some shares

    def full(src, dst, length=0):
        dst.write(src.read(100))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(shutil, "copyfileobj", full)
    notices = files.save_report(changed, target)
    monkeypatch.undo()
    assert len(notices) == 1 and "未能更新备份" in notices[0] and "磁盘空间不足" in notices[0]
    assert files.backup_path(target).read_bytes() == bak_before          # whole, not 100 bytes
    assert files.open_report(target).report.cells["t2.R1.C1"] == 77
    assert not [n for n in listing(tmp_path) if n.endswith(".tmp")]


def test_leftovers_of_killed_saves_are_removed_by_the_next_save_and_at_start(tmp_path):
    host = backups._HOST
    dead = tmp_path / f"~govreport-{host}-999999-abcdefgh.tmp"           # no such process
    mine = tmp_path / f"~govreport-{host}-{os.getpid()}-abcdefgh.tmp"     # a save in progress
    other_host = "0000" if host != "0000" else "1111"
    other_pc = tmp_path / f"~govreport-{other_host}-1-abcdefgh.tmp"      # another computer's
    legacy = tmp_path / ".报告-k2j4h5g6.tmp"                               # names of earlier versions
    (tmp_path / "报告.xlsx").write_bytes(b"old")                           # the file they belonged to
    for p in (dead, mine, other_pc, legacy):
        p.write_bytes(b"half")
    os.utime(legacy, (time.time() - 3600, time.time() - 3600))
    files.atomic_write(tmp_path / "报告.xlsx", b"x")
    assert set(listing(tmp_path)) == {"报告.xlsx", "报告.bak.xlsx", mine.name, other_pc.name}
    os.utime(other_pc, (time.time() - 2 * 86400,) * 2)
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    (elsewhere / dead.name).write_bytes(b"half")
    try:
        assert backups.startup([tmp_path, elsewhere], store=tmp_path / "store") == 2
    finally:
        backups.stop_keeping()
    assert set(listing(tmp_path)) == {"报告.xlsx", "报告.bak.xlsx", mine.name, "别处"} and listing(elsewhere) == []


@posix_only
@pytest.mark.parametrize("mode, why", [(0o000, "没有读写该文件的权限"), (0o444, "该文件为只读")])
def test_a_file_the_user_may_not_write_is_not_replaced(tmp_path, zhaohui, mode, why):
    target = tmp_path / "报告.json"
    target.write_bytes(b"theirs")
    os.chmod(target, mode)
    try:
        with pytest.raises(FileLockedError) as e:
            files.save_report(zhaohui, target)
        assert why in str(e.value) and "当前内容未丢失" in str(e.value)
        assert os.stat(target).st_mode & 0o777 == mode
    finally:
        os.chmod(target, 0o600)
    assert target.read_bytes() == b"theirs" and listing(tmp_path) == ["报告.json"]


@posix_only
def test_modes_of_new_and_replaced_files(tmp_path, zhaohui):
    new = tmp_path / "新.json"
    files.save_report(zhaohui, new)
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(new).st_mode & 0o777 == 0o666 & ~mask
    os.chmod(new, 0o640)
    files.save_report(zhaohui, new)
    assert os.stat(new).st_mode & 0o777 == 0o640


@posix_only
@pytest.mark.parametrize("size", [247, 251, 254, 255])
def test_names_up_to_the_limit_are_saved_in_place(tmp_path, zhaohui, size):
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    if limit < 255:
        pytest.skip("file system with short names")
    stem = "年" * ((size - 5) // 3)
    stem += "a" * (size - 5 - len(stem.encode()))
    target = tmp_path / f"{stem}.json"
    assert len(target.name.encode()) == size
    files.save_report(zhaohui, target)
    changed = zhaohui.copy()
    changed.cells["t2.R1.C1"] = 5
    assert files.save_report(changed, target) == []
    bak = files.backup_path(target)
    assert len(bak.name.encode()) <= 255 and files.open_report(bak).report == zhaohui
    assert sorted(listing(tmp_path)) == sorted([target.name, bak.name])


def test_two_long_names_keep_separate_backups(tmp_path):
    limit = backups.name_max(tmp_path)
    a = tmp_path / ("b" * (limit - 6) + "1.json")
    b = tmp_path / ("b" * (limit - 6) + "2.json")
    for p in (a, b):
        files.atomic_write(p, p.name[-6:].encode())
        files.atomic_write(p, b"new")
    assert files.backup_path(a) != files.backup_path(b)
    assert files.backup_path(a).read_bytes() == b"1.json" and files.backup_path(b).read_bytes() == b"2.json"
