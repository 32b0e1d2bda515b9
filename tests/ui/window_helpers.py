"""Fixtures for the main-window tests: a window on the 朝晖街道 sample with a temp INI and
every modal dialog answered by the test (an unexpected dialog would block offscreen)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "zhaohui-street-2021.json"


class Dialogs:
    """Records the message boxes shown; answers 保存/不保存/取消 prompts from a queue."""

    def __init__(self):
        self.messages: list[tuple[str, str, str]] = []
        self.prompts: list[list[str]] = []     # button texts of each 保存更改 prompt
        self.answers: list = []                # QMessageBox.StandardButton values, in order
        self.explanation: str | None = None
        self.confirm = True


@pytest.fixture
def dialogs(monkeypatch):
    from govreport_desktop.ui import dialogs as dlg_mod

    d = Dialogs()

    def record(kind):
        def f(parent, title, text, *a, **k):
            d.messages.append((kind, title, text))
            return QMessageBox.Ok
        return f

    for kind in ("warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))

    def exec_(box):
        if box.windowTitle() == "保存更改":
            d.prompts.append([b.text() for b in box.buttons()])
            assert d.answers, "unexpected 保存更改 prompt"
            return d.answers.pop(0)
        d.messages.append(("exec", box.windowTitle(), box.text()))
        return QMessageBox.Yes if d.confirm else QMessageBox.No

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(dlg_mod, "ask_explanation", lambda parent, p, current="": d.explanation)
    return d


@pytest.fixture
def sample_copy(tmp_path):
    path = tmp_path / "朝晖街道2021.json"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def settings(tmp_path):
    from govreport_desktop.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, dialogs, settings, sample_copy):
    from govreport_desktop.app import create_window

    w = create_window(sample_copy, settings=settings)
    w.show()
    qtbot.waitExposed(w)
    yield w
    # Closed here, not by qtbot (whose close would come first and ask 保存更改).
    if w.doc is not None:
        w.doc.undo_stack.setClean()
    w.close()
    w.deleteLater()


def model_of(window, table: str):
    return window.grids[table].model()


def type_cell(window, path: str, text: str) -> bool:
    model = model_of(window, table=path.split(".")[0])
    from PySide6.QtCore import Qt
    return model.setData(model.index_of(path), text, Qt.EditRole)


def send_text(text: str) -> None:
    """Key presses carrying each character, to the focused widget (QTest.keyClicks aborts on
    characters it cannot map to a key, such as Chinese ones)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(QApplication.focusWidget(), QKeyEvent(kind, 0, Qt.NoModifier, ch))
