"""Bad input is explained at the cell: a balloon with the reason and what is accepted, gone as
soon as the input is valid; the status bar never keeps a stale rejection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from .window_helpers import dialogs, sample_copy, send_text, settings, window  # noqa: F401


def typed(qtbot, text):
    send_text(text)


@pytest.fixture
def t2(window, qtbot):
    window.tabs.setCurrentIndex(3)
    grid = window.grids["t2"]
    grid.select_cells(["t2.R2.C1"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    return grid


@pytest.mark.parametrize("text, says", [
    ("abc", "不是整数"), ("3件", "不带“件”字"), ("十二", "阿拉伯数字"), ("-1", "负数")])
def test_a_refused_value_is_explained_at_the_cell(window, t2, qtbot, text, says):
    typed(qtbot, text)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key_Return)
    balloon = t2.findChild(QLabel, "cell_balloon")
    assert t2.balloon_text() and balloon.isVisible()
    assert says in t2.balloon_text() and "可以填：0、3、12" in t2.balloon_text()
    # next to the cell: just below (or above) it, inside the grid
    cell = t2.visualRect(t2.model().index_of("t2.R2.C1")).translated(t2.viewport().pos())
    assert abs(balloon.geometry().top() - cell.bottom()) <= 6 or abs(balloon.geometry().bottom() - cell.top()) <= 6
    assert t2.rect().contains(balloon.geometry())
    assert text in window.statusBar().currentMessage()
    assert QApplication.focusWidget() is editor                  # the editor stays open to fix it
    window.doc.undo_stack.setClean()


def test_the_balloon_goes_as_soon_as_the_input_is_valid_and_the_status_bar_is_cleared(window, t2, qtbot):
    before = window.doc.report.cells["t2.R2.C1"]
    typed(qtbot, "3件")
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key_Return)
    assert t2.balloon_text()
    qtbot.keyClick(editor, Qt.Key_End)                             # the refused text is selected
    qtbot.keyClick(editor, Qt.Key_Backspace)                       # “3” is valid: gone while typing
    assert not t2.balloon_text()
    assert window.statusBar().currentMessage() == ""
    qtbot.keyClick(editor, Qt.Key_Return)
    assert window.doc.report.cells["t2.R2.C1"] == 3 != before
    assert window.statusBar().currentMessage() == ""
    window.doc.undo_stack.setClean()


def test_escape_takes_the_balloon_away_and_keeps_the_old_value(window, t2, qtbot):
    before = window.doc.report.cells["t2.R2.C1"]
    typed(qtbot, "约5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert "备注" in t2.balloon_text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert not t2.balloon_text() and QApplication.focusWidget() is t2
    assert window.doc.report.cells["t2.R2.C1"] == before
    assert window.statusBar().currentMessage() == ""


def test_money_cells_say_what_they_accept(window, qtbot):
    window.tabs.setCurrentIndex(2)
    grid = window.grids["t1"]
    grid.select_cells(["t1.fees.amount"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    typed(qtbot, "1.23456")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert "4 位小数" in grid.balloon_text() and "万元" in grid.balloon_text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
