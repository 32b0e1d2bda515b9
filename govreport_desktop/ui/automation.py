"""Hooks for the reliability suite, off unless their environment variable is set.

    GOVREPORT_TYPE=s6:10      after start-up, type 10 characters a second into 六, for ever,
                              printing “typed N” after each (the suite kills the window mid-way)
    GOVREPORT_RECOVER=restore instead of asking, print what recovery offers (“offered [...]”),
                              restore everything, print the restored reports (“restored [...]”)
                              and quit

Keys are sent as key events to the editor, the way the keyboard delivers them, so the text goes
through the same path as real typing (editor → Document undo command → Session.edited).
"""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from . import recovery_dialog

TYPED = "甲乙丙丁戊己庚辛壬癸"


def _say(line: str) -> None:
    try:
        print(line, flush=True)
    except (OSError, ValueError):
        pass


def start_typing(window, spec: str) -> QTimer:
    key, _, rate = spec.partition(":")
    editor = window.editors[key].editor
    window.tabs.show_key(key)
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    count = [0]

    def type_one() -> None:
        ch = TYPED[count[0] % len(TYPED)]
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        count[0] += 1
        _say(f"typed {count[0]}")

    timer = QTimer(window, interval=max(1, int(1000 / float(rate or 10))))
    timer.timeout.connect(type_one)
    timer.start()
    return timer


def report_line(report, path) -> dict:
    return {"unit": report.unit, "year": report.year, "path": str(path) if path else None,
            "sections": {k: len(v) for k, v in report.sections.items()}}


def answer_recovery(entries, parent=None):
    _say("offered " + json.dumps([dict(report_line(e.report, e.path), changed=e.changed)
                                  for e in entries if e.report is not None], ensure_ascii=False))
    return [(e, recovery_dialog.RESTORE) for e in entries]


def install(windows, window) -> dict:
    """Keyword arguments for Windows.started() (the recovery answer), and the typing timer."""
    out: dict = {}
    if os.environ.get("GOVREPORT_RECOVER") == "restore":
        def ask(entries, parent=None):
            choices = answer_recovery(entries, parent)

            def done() -> None:
                _say("restored " + json.dumps([dict(report_line(w.doc.report, w.doc.path),
                                                    modified=w.doc.modified) for w in windows.windows],
                                              ensure_ascii=False))
                QApplication.exit(0)       # no closing (保存更改？): the work stays offered
            QTimer.singleShot(0, done)
            return choices
        out["ask"] = ask
    spec = os.environ.get("GOVREPORT_TYPE")
    if spec:
        QTimer.singleShot(0, lambda: setattr(window, "_typing", start_typing(window, spec)))
    return out
