"""Files: unsaved-changes prompt, save/reopen round trip, load errors, recent files, drop, smoke."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from govreport_desktop.io import files, jsondoc
from govreport_desktop.ui.settings import Settings

from .window_helpers import SAMPLE, dialogs, sample_copy, settings, type_cell, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _modify(window):
    type_cell(window, "t2.R1.C1", "3")
    assert window.doc.modified and window.isWindowModified()


# ------------------------------------------------------------ unsaved changes

def test_close_cancel_keeps_the_window(window, dialogs):
    _modify(window)
    dialogs.answers = [QMessageBox.Cancel]
    assert not window.close()
    assert window.isVisible() and window.doc.modified
    assert dialogs.prompts == [["保存", "不保存", "取消"]] or sorted(dialogs.prompts[0]) == sorted(["保存", "不保存", "取消"])


def test_close_discard_closes_without_saving(window, dialogs, sample_copy):
    before = sample_copy.read_bytes()
    _modify(window)
    dialogs.answers = [QMessageBox.Discard]
    assert window.close()
    assert sample_copy.read_bytes() == before


def test_close_save_writes_the_file(window, dialogs, sample_copy):
    _modify(window)
    dialogs.answers = [QMessageBox.Save]
    assert window.close()
    assert files.open_report(sample_copy).report.cells["t2.R1.C1"] == 3


def test_open_with_unsaved_changes_cancel_keeps_the_report(window, dialogs, tmp_path):
    other = tmp_path / "other.json"
    other.write_bytes(SAMPLE.read_bytes())
    _modify(window)
    doc = window.doc
    dialogs.answers = [QMessageBox.Cancel]
    assert not window.session.open_file(other)
    assert window.doc is doc and doc.report.cells["t2.R1.C1"] == 3
    dialogs.answers = [QMessageBox.Discard]
    assert window.session.open_file(other)
    assert window.doc is not doc and window.doc.path == other
    assert window.doc.report.cells["t2.R1.C1"] == 1 and not window.doc.modified


def test_new_with_unsaved_changes_asks(window, dialogs, monkeypatch):
    from govreport_desktop.ui import session

    _modify(window)
    dialogs.answers = [QMessageBox.Cancel]
    monkeypatch.setattr(session.NewReportDialog, "exec", lambda self: pytest.fail("dialog after 取消"))
    window.session.new_report()
    assert window.doc.modified and len(dialogs.prompts) == 1


def test_new_report_dialog_suggests_the_format_from_the_year(qtbot):
    from govreport_desktop.ui.new_report_dialog import NewReportDialog, default_year

    dlg = NewReportDialog()
    qtbot.addWidget(dlg)
    assert dlg.values()["year"] == default_year()
    dlg.year.setValue(2020)
    assert dlg.values()["format_id"] == "2019"
    dlg.year.setValue(2022)
    dlg.unit.setText("某县教育局")
    assert dlg.values() == {"year": 2022, "unit": "某县教育局", "unit_kind": "township", "format_id": "2021"}


# ------------------------------------------------------------ save / reopen

def _same(a, b):
    da, db = jsondoc.to_dict(a), jsondoc.to_dict(b)
    assert da == db


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_save_and_reopen_loses_nothing(window, tmp_path, suffix):
    files._load_plugins()
    if suffix not in files.ENCODERS or suffix not in files.READERS:
        pytest.skip(f"{suffix} not registered yet")
    type_cell(window, "t2.R1.C1", "3")
    window.doc.set_note("t2.R1.C1", "含转办1件")
    window.doc.set_section("s6", "本年度未收取信息处理费。")
    p = next(p for p in window.doc.problems if p.rule == "S11")
    window.doc.set_explanation(p.id, "理由")
    report = window.doc.report.copy()
    out = tmp_path / f"保存{suffix}"
    assert window.session.save_to(out)
    assert not window.doc.modified and window.windowTitle().startswith(out.name)
    assert window.session.open_file(out)
    _same(report, window.doc.report)


def test_save_error_is_shown_and_nothing_is_lost(window, dialogs, tmp_path):
    _modify(window)
    report = window.doc.report
    bad = tmp_path / "no-such-folder" / "x.json"
    assert not window.session.save_to(bad)
    kind, title, text = dialogs.messages[-1]
    assert title == "保存失败" and "不存在" in text
    assert window.doc.modified and window.doc.report is report


def test_save_shows_the_writers_notice(window, dialogs, tmp_path):
    window.doc.set_section("s6", "本年度未收取信息处理费。\x07")
    assert window.session.save_to(tmp_path / "r.xlsx")
    notes = [m for m in dialogs.messages if m[1] == "保存说明"]
    assert len(notes) == 1 and "控制字符" in notes[0][2]
    assert not window.doc.modified


def test_plain_save_shows_no_dialog(window, dialogs, tmp_path):
    assert window.session.save_to(tmp_path / "r.xlsx")
    assert not [m for m in dialogs.messages if m[1] == "保存说明"]


def test_load_error_shows_a_message_and_keeps_the_report(window, dialogs, tmp_path):
    doc = window.doc
    bad = tmp_path / "坏文件.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert not window.session.open_file(bad)
    kind, title, text = dialogs.messages[-1]
    assert title == "无法打开文件" and "坏文件.json" in text
    assert window.doc is doc
    assert not window.session.open_file(tmp_path / "missing.json")
    assert "找不到" in dialogs.messages[-1][2]
    assert not window.session.open_file(tmp_path / "报告.docx")
    assert window.doc is doc


# ------------------------------------------------------------ recent files, settings, drop

def test_recent_files_persist_through_the_settings(window, settings, tmp_path):
    other = tmp_path / "other.json"
    other.write_bytes(SAMPLE.read_bytes())
    window.session.open_file(other)
    again = Settings(settings.path)
    assert again.recent_files[:2] == [str(other.resolve()), str((tmp_path / "朝晖街道2021.json").resolve())]
    assert again.last_folder == str(tmp_path)
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[0] == "&1 other.json" and "清除列表" in names


def test_settings_recent_list_is_bounded_and_deduplicated(tmp_path):
    s = Settings(tmp_path / "s.ini")
    for i in range(12):
        s.add_recent(tmp_path / f"{i}.json")
    s.add_recent(tmp_path / "5.json")
    again = Settings(tmp_path / "s.ini")
    assert len(again.recent_files) == 8 and again.recent_files[0].endswith("5.json")
    assert len(set(again.recent_files)) == 8
    s.recent_files = [str(tmp_path / "one.json")]
    assert Settings(tmp_path / "s.ini").recent_files == [str(tmp_path / "one.json")]


def test_geometry_is_saved_on_close(window, settings):
    window.resize(900, 700)
    window.close()
    assert Settings(settings.path).geometry is not None


def test_dropping_a_file_opens_it(window, tmp_path):
    other = tmp_path / "dropped.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["unit"] = "某某镇人民政府"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert window.doc.report.unit == "某某镇人民政府"


# ------------------------------------------------------------ printing, start-up

def test_create_window_without_a_file_is_last_years_report(qtbot, settings):
    from govreport_desktop.app import create_window
    from govreport_desktop.ui.new_report_dialog import default_year

    w = create_window(settings=settings)
    qtbot.addWidget(w)
    assert w.doc.report.year == default_year() and w.doc.path is None and not w.doc.modified
    assert w.windowTitle().startswith("未命名报告")


def _run(args, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONIOENCODING="ascii")
    return subprocess.run([sys.executable, "-m", "govreport_desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


def test_smoke_mode(tmp_path):
    files._load_plugins()
    out = tmp_path / "smoke.xlsx"
    r = _run(["--smoke", str(out)], tmp_path)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    line = r.stdout.decode("utf-8").strip()
    assert line.startswith("smoke ok:") and "\n" not in line
    assert "汇总 of 3 units in 2 worker processes ok" in line      # the pool works in this build
    assert out.exists()
    log = tmp_path / "data" / "govreport-desktop" / "logs" / "govreport.log"
    assert "smoke ok" in log.read_text(encoding="utf-8")


def test_smoke_mode_fails_for_a_type_it_cannot_write(tmp_path):
    r = _run(["--smoke", str(tmp_path / "out.docx")], tmp_path)
    assert r.returncode == 1 and b"smoke FAILED" in r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_screenshot_mode(tmp_path):
    png = tmp_path / "w.png"
    r = _run(["--screenshot", str(png), str(SAMPLE)], tmp_path)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_ctrl_s_keeps_text_still_being_typed(window, sample_copy):
    window.tabs.setCurrentIndex(0)
    window.meta_tab.unit.setText("杭州市拱墅区朝晖街道办事处（改）")   # no editingFinished yet
    window.actions_.save.trigger()
    assert files.open_report(sample_copy).report.unit == "杭州市拱墅区朝晖街道办事处（改）"
    assert not window.doc.modified


def test_close_asks_about_text_still_being_typed(window, dialogs):
    window.meta_tab.title.setText("新标题")
    dialogs.answers = [QMessageBox.Cancel]
    assert not window.close()
    assert dialogs.prompts and window.doc.report.title == "新标题"


def test_ctrl_s_commits_an_open_cell_editor(window, sample_copy, qtbot):
    grid = window.grids["t2"]
    window.tabs.setCurrentIndex(3)
    model = grid.model()
    index = model.index_of("t2.R2.C1")
    grid.setCurrentIndex(index)
    grid.edit(index)
    editor = QApplication.focusWidget()
    if editor is None or editor.parent() is not grid.viewport():
        pytest.skip("no focus in this platform: the editor cannot be found")
    editor.setText("7")
    window.actions_.save.trigger()
    assert files.open_report(sample_copy).report.cells["t2.R2.C1"] == 7


def test_import_notices_and_findings_are_shown(window, dialogs, monkeypatch, tmp_path):
    from govreport_desktop.core.rules import Problem

    finding = Problem("V03@t2.R1.C1", "V03", "error", "表二 单元格内容“约3件”不是数字", ("t2.R1.C1",))

    def reader(path):
        loaded = files.open_report(SAMPLE)
        return files.Loaded(loaded.report, [finding], ["“附件”工作表被忽略"])

    monkeypatch.setitem(files.READERS, ".wps", reader)
    path = tmp_path / "其他单位.wps"
    path.write_text("x", encoding="utf-8")
    assert window.session.open_file(path)
    assert any(title == "导入说明" and "附件" in text for _k, title, text in dialogs.messages)
    assert finding in window.doc.problems
    assert "导入时发现 1 个问题" in window.statusBar().currentMessage()
    # no writer for this suffix: 保存 goes through 另存为
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert not window.session.save()
