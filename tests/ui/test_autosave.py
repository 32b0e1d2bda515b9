"""Autosave: when a snapshot is written and removed, that the user's own file is never touched,
and that two running copies never take each other's snapshots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govreport_desktop.io import snapshots
from govreport_desktop.ui import autosave

from .window_helpers import dialogs, sample_copy, settings, type_cell, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    s = snapshots.Store(tmp_path / "autosave")
    assert s.open()
    yield s
    autosave.flush()
    s.close()


def saver_for(window, store, quiet=150, ceiling=600):
    return autosave.Autosaver(window.session, store, 1, quiet_ms=quiet, ceiling_ms=ceiling)


def snapshot_of(store, slot=1):
    autosave.flush()
    path = store.file_for(slot)
    return snapshots.decode(path.read_bytes()) if path.exists() else None


def test_a_pause_after_typing_writes_the_snapshot_and_leaves_the_file_alone(qtbot, window, store, sample_copy):
    before = (sample_copy.read_bytes(), sample_copy.stat().st_mtime_ns)
    saver_for(window, store)
    window.doc.set_section("s6", "刚刚输入的文字")
    assert snapshot_of(store) is None                       # not on the typing path
    qtbot.waitUntil(lambda: not autosave.WRITER._jobs and store.file_for(1).exists(), timeout=3000)
    report, path, changed = snapshot_of(store)
    assert report.sections["s6"] == "刚刚输入的文字" and report.cells == window.doc.report.cells
    assert path == sample_copy.resolve() and abs(changed - time.time()) < 5
    assert (sample_copy.read_bytes(), sample_copy.stat().st_mtime_ns) == before


def test_continuous_typing_is_written_before_it_stops(qtbot, window, store):
    saver_for(window, store, quiet=400, ceiling=700)
    start = time.monotonic()
    text, got = "", None
    while time.monotonic() - start < 1.6:                    # a keystroke every 100 ms, no pause
        text += "字"
        window.doc.set_section("s6", text)
        qtbot.wait(100)
        if got is None and time.monotonic() - start > 1.3:   # looked at while the typing goes on
            got = snapshot_of(store)
            assert got is not None and 5 <= len(got[0].sections["s6"]) <= len(text)
    assert got is not None


def test_saving_or_undoing_to_the_saved_state_removes_the_snapshot(qtbot, window, store, tmp_path):
    saver = saver_for(window, store)
    type_cell(window, "t2.R1.C1", "3")
    saver.save_now()
    assert snapshot_of(store) is not None
    window.undo_group.undo()
    assert not window.doc.modified and snapshot_of(store) is None
    type_cell(window, "t2.R1.C1", "4")
    saver.save_now()
    assert snapshot_of(store)[0].cells["t2.R1.C1"] == 4
    assert window.session.save_to(tmp_path / "另存.json")
    assert snapshot_of(store) is None


def test_discarding_on_close_removes_the_snapshot(qtbot, window, store, dialogs):
    from PySide6.QtWidgets import QMessageBox

    saver = saver_for(window, store)
    window.closed.connect(saver.discard)
    type_cell(window, "t2.R1.C1", "3")
    saver.save_now()
    assert snapshot_of(store) is not None
    dialogs.answers = [QMessageBox.Discard]
    window.close()
    assert snapshot_of(store) is None


def test_a_live_copys_snapshots_are_never_offered_a_dead_ones_are(tmp_path, zhaohui):
    folder = tmp_path / "autosave"
    mine, other = snapshots.Store(folder), snapshots.Store(folder)
    assert mine.open() and other.open()
    other.write(1, zhaohui, None, 1.0)
    other.write(2, zhaohui, Path("/x/报告.xlsx"), 2.0)
    mine.write(1, zhaohui, None, 3.0)
    assert mine.orphans() == [] and other.orphans() == []    # both alive
    other._own.release()                                     # as a kill leaves it: files and all
    found = mine.orphans()
    assert [(e.owner, e.slot, e.path) for e in found] == [(other.owner, 1, None),
                                                          (other.owner, 2, Path("/x/报告.xlsx"))]
    third = snapshots.Store(folder)
    assert third.open() and third.orphans() == []            # claimed by `mine` while it decides
    mine.release_claims()
    assert len(third.orphans()) == 2
    for entry in third.orphans():
        third.discard(entry)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{mine.owner}-1.json", f"{mine.owner}.lock",
                                                               f"{third.owner}.lock"])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_process_leaves_an_orphan_with_the_exact_report(tmp_path, zhaohui):
    from govreport_desktop.io import jsondoc

    folder = tmp_path / "autosave"
    zhaohui.sections["s6"] = "控制字符\x01与代理项\ud800都要原样恢复"
    src = tmp_path / "in.json"
    src.write_bytes(jsondoc.encode(zhaohui))
    code = textwrap.dedent(f"""
        import sys, time
        from govreport_desktop.io import jsondoc, snapshots
        report = jsondoc.loads(open({str(src)!r}, encoding="utf-8", errors="surrogatepass").read())
        store = snapshots.Store({str(folder)!r})
        assert store.open()
        store.write(1, report, None, 123.0)
        print("written", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == "written"
        mine = snapshots.Store(folder)
        assert mine.open() and mine.orphans() == []          # its owner still runs
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        (entry,) = mine.orphans()
        assert entry.changed == 123.0 and entry.report.sections["s6"] == zhaohui.sections["s6"]
        assert jsondoc.to_dict(entry.report) == jsondoc.to_dict(zhaohui)
    finally:
        proc.kill()
        proc.stdout.close()


def test_a_damaged_snapshot_is_offered_for_discarding(tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / "123-0000abcd-1.json").write_bytes(b'{"kind": "govreport-autosave/1"}\n{"schema": ')
    store = snapshots.Store(folder)
    assert store.open()
    (entry,) = store.orphans()
    assert entry.report is None and "损坏" in entry.error
    store.discard(entry)
    assert not entry.file.exists()
