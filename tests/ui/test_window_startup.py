"""Start-up hygiene: translations, stdio guard, excepthook, resource paths."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from govreport_desktop import app as app_mod
from govreport_desktop import resources


def test_qt_dialogs_are_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    app_mod.ensure_app()
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_stdio_guard_replaces_missing_streams(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    app_mod.guard_stdio()
    print("中文不会让无控制台的程序崩溃")
    assert sys.stdout is not None and sys.stderr is not None


def test_excepthook_logs_and_does_not_block_offscreen(qapp, monkeypatch, caplog):
    old = sys.excepthook, getattr(__import__("threading"), "excepthook")
    try:
        app_mod.install_excepthook()
        hook = sys.excepthook
    finally:
        sys.excepthook = old[0]
        __import__("threading").excepthook = old[1]
    with caplog.at_level(logging.CRITICAL, logger="govreport"):
        try:
            raise ValueError("坏了")
        except ValueError:
            hook(*sys.exc_info())
    assert "坏了" in caplog.text and "unexpected error" in caplog.text


def test_resource_paths_work_frozen(monkeypatch, tmp_path):
    assert resources.sample_path().exists()
    (tmp_path / "resources" / "samples").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.sample_path() == tmp_path / "resources" / "samples" / resources.SAMPLE_NAME
    assert resources.is_frozen()


def test_main_module_calls_app_main():
    text = (Path(app_mod.__file__).parent / "__main__.py").read_text(encoding="utf-8")
    assert "from .app import main" in text


def test_installed_pyside_does_not_leak_references_to_none(qapp):
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None per void call and the app
    aborts after a few hundred edits; pyproject pins below it. Catches an unpinned install."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) > before - 100


def test_qt_file_dialog_labels_are_chinese(qapp):
    from PySide6.QtWidgets import QFileDialog

    app_mod.ensure_app()
    dlg = QFileDialog(None, "打开报告")
    dlg.setOption(QFileDialog.DontUseNativeDialog)
    assert dlg.labelText(QFileDialog.LookIn) == "查找范围(&L)："
    assert dlg.labelText(QFileDialog.FileType) == "文件类型(&T)："
    assert dlg.labelText(QFileDialog.FileName) == "文件名称(&N)："
