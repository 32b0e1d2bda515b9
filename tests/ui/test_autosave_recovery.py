"""Recovery at start (restore / discard / later, per report), the recovery dialog, files handed
over by a second start, and the one running copy per user."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govreport_desktop.io import files, jsondoc, snapshots
from govreport_desktop.ui import autosave, recovery_dialog
from govreport_desktop.ui.recovery_dialog import DISCARD, LATER, RESTORE, RecoveryDialog
from govreport_desktop.ui.windows import Windows

from .window_helpers import SAMPLE, dialogs, sample_copy, settings, type_cell, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "autosave"


def crashed_copy(folder: Path, *reports) -> list[Path]:
    """Snapshots left by a copy that is gone (its lock let go as a kill does)."""
    dead = snapshots.Store(folder)
    assert dead.open()
    out = [dead.write(i, report, path, changed) for i, (report, path, changed) in enumerate(reports, 1)]
    dead._own.release()
    return out


@pytest.fixture
def windows(qtbot, window, folder):
    store = snapshots.Store(folder)
    assert store.open()
    ws = Windows(store)
    ws.add(window)
    yield ws
    for w in list(ws.windows):
        if w.doc is not None:
            w.doc.undo_stack.setClean()
        if w is not window:
            w.close()
    autosave.flush()
    store.close()


def test_restored_work_opens_modified_in_its_own_file_and_saving_writes_there(qtbot, windows, window, folder,
                                                                             sample_copy):
    report = jsondoc.read(sample_copy)
    report.sections["s6"] = "崩溃前输入、尚未保存的文字"
    report.cells["t2.R1.C1"] = 9
    (orphan,) = crashed_copy(folder, (report, sample_copy, time.time() - 300))
    offered = []
    window.session.new_default()                 # the start shows a new, untouched report
    assert windows.recover(lambda entries, parent: offered.extend(entries) or [(entries[0], RESTORE)]) == 1
    assert [(e.unit, e.year, e.path) for e in offered] == [(report.unit, 2021, sample_copy)]
    doc = window.doc
    assert doc.modified and doc.path == sample_copy and doc.report.sections["s6"] == report.sections["s6"]
    assert window.isWindowModified() and len(windows.windows) == 1
    assert not orphan.exists()                   # now kept under this copy, until saved
    mine = windows.store.file_for(window.autosave.slot)
    assert snapshots.decode(mine.read_bytes())[0].cells["t2.R1.C1"] == 9
    assert jsondoc.read(sample_copy).cells["t2.R1.C1"] != 9         # the user's file: not yet
    assert window.session.save()
    assert jsondoc.read(sample_copy).cells["t2.R1.C1"] == 9
    autosave.flush()
    assert not mine.exists()


def test_each_restored_report_gets_a_window_and_unsaved_work_is_never_replaced(qtbot, windows, window, folder):
    a, b = jsondoc.read(SAMPLE), jsondoc.read(SAMPLE)
    a.unit, b.unit = "甲街道", "乙街道"
    crashed_copy(folder, (a, None, 1.0), (b, Path("/nowhere/乙.json"), 2.0))
    type_cell(window, "t2.R1.C1", "5")          # this window has unsaved work of its own
    assert windows.recover(lambda entries, parent: [(e, RESTORE) for e in entries]) == 2
    assert window.doc.report.cells["t2.R1.C1"] == 5
    units = sorted(w.doc.report.unit for w in windows.windows[1:])
    assert units == ["乙街道", "甲街道"] and all(w.doc.modified for w in windows.windows)


def test_discard_removes_and_later_asks_again(qtbot, windows, window, folder):
    first, second = crashed_copy(folder, (jsondoc.read(SAMPLE), None, 1.0), (jsondoc.read(SAMPLE), None, 2.0))
    assert windows.recover(lambda entries, parent: [(entries[0], DISCARD), (entries[1], LATER)]) == 0
    assert not first.exists() and second.exists()
    asked = []
    windows.recover(lambda entries, parent: asked.extend(entries) or [(e, LATER) for e in entries])
    assert [e.file for e in asked] == [second]


def test_the_dialog_lists_unit_year_file_and_time_and_restores_by_default(qtbot, folder, tmp_path):
    report = jsondoc.read(SAMPLE)
    crashed_copy(folder, (report, tmp_path / "朝晖街道2021.xlsx", time.time() - 600), (report, None, time.time()))
    (folder / "1-0000abcd-1.json").write_bytes(b"damaged")
    os.utime(folder / "1-0000abcd-1.json", (1e9, 1e9))      # listed first: oldest change first
    store = snapshots.Store(folder)
    assert store.open()
    entries = store.orphans()
    dlg = RecoveryDialog(entries)
    qtbot.addWidget(dlg)
    dlg.show()
    rows = [[dlg.table.item(r, c).text() for c in range(4)] for r in range(dlg.table.rowCount())]
    assert rows[0][0] == "（恢复副本已损坏，无法读取）"
    assert rows[1][:3] == [report.unit, "2021年度", str(tmp_path / "朝晖街道2021.xlsx")]
    assert rows[1][3].endswith("（10 分钟前）") and rows[2][2] == "未命名报告" and rows[2][3].endswith("（刚才）")
    assert [c.currentText() for c in dlg.combos] == ["丢弃", "恢复", "恢复"]
    dlg.set_choice(2, DISCARD)
    dlg.accept()
    assert [a for _e, a in dlg.choices()] == [DISCARD, RESTORE, DISCARD]
    dlg.grab().save(str(tmp_path / "recovery.png"))
    later = RecoveryDialog(entries)
    qtbot.addWidget(later)
    later.reject()
    assert {a for _e, a in later.choices()} == {LATER}
    store.close()


def test_when_says_how_long_ago():
    now = 1_800_000_000.0
    assert recovery_dialog.when(now - 30, now).endswith("（刚才）")
    assert recovery_dialog.when(now - 7200, now).endswith("（2 小时前）")
    assert recovery_dialog.when(now - 3 * 86400, now).endswith("（3 天前）")


def test_a_forwarded_file_opens_where_it_is_shown_or_in_a_free_window(qtbot, windows, window, sample_copy, tmp_path):
    windows.open_paths([str(sample_copy)])                    # already shown: no new window
    assert len(windows.windows) == 1
    other = tmp_path / "另一份.json"
    files.save_report(jsondoc.read(SAMPLE), other)
    type_cell(window, "t2.R1.C1", "3")
    windows.open_paths([str(other)])                          # the first has unsaved work
    assert len(windows.windows) == 2 and windows.windows[1].doc.path == other
    assert window.doc.modified and window.doc.path == sample_copy


def test_a_second_start_hands_its_file_to_the_running_copy(qtbot, tmp_path):
    from govreport_desktop.ui.single_instance import Instance

    name = f"govreport-test-{os.getpid()}-{time.time_ns()}"
    instance = Instance(name)
    assert instance.listen()
    code = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication
        from govreport_desktop.ui.single_instance import forward
        app = QCoreApplication([])
        print("forwarded" if forward(["报告.xlsx"], {name!r}) else "not taken", flush=True)
    """)
    with qtbot.waitSignal(instance.filesRequested, timeout=10000) as got:
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=tmp_path,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert got.args == [[str(tmp_path / "报告.xlsx")]]
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    assert proc.stdout.read().strip() == "forwarded"
    proc.stdout.close()
    instance.close()


def test_without_a_running_copy_a_start_listens_itself(qtbot, monkeypatch, tmp_path):
    from govreport_desktop.ui import single_instance

    monkeypatch.setattr(single_instance, "data_dir", lambda: tmp_path)
    name = f"govreport-test-{os.getpid()}-{time.time_ns()}"
    first = single_instance.claim([], name)
    assert first is not None and first.server.isListening()
    first.close()


def test_two_windows_keep_two_snapshots(qtbot, windows, window):
    second = windows.new_window()
    type_cell(window, "t2.R1.C1", "7")
    type_cell(second, "t2.R1.C1", "8")
    window.autosave.save_now()
    second.autosave.save_now()
    autosave.flush()
    got = sorted(snapshots.decode(windows.store.file_for(w.autosave.slot).read_bytes())[0].cells["t2.R1.C1"]
                 for w in (window, second))
    assert got == [7, 8] and window.autosave.slot != second.autosave.slot


def test_after_the_first_paint_leftovers_of_killed_saves_are_removed(qtbot, windows, window, sample_copy):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)                                   # a process that has ended
    from govreport_desktop.io import backups

    leftover = sample_copy.parent / f"{backups.temp_prefix().rsplit('-', 2)[0]}-{pid}-abcdefgh.tmp"
    leftover.write_bytes(b"half a save")
    window.settings.add_recent(sample_copy)
    try:
        windows.started(ask=lambda entries, parent: [])
        qtbot.waitUntil(lambda: not leftover.exists(), timeout=10000)
    finally:
        backups.stop_keeping()
