"""The window from the keyboard only: every step below is a key event sent to the widget that
has the focus (QApplication.focusWidget()), never a method call on the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMenu, QPlainTextEdit, QTreeView

from govreport_desktop.io import files

from .window_helpers import dialogs, sample_copy, send_text, settings, window  # noqa: F401


@pytest.fixture
def fresh(qtbot, dialogs, settings):
    """The window as a first start shows it: the start page over a blank report."""
    from govreport_desktop.app import create_window

    w = create_window(settings=settings)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.doc.undo_stack.setClean()
    w.close()
    w.deleteLater()


def focus():
    return QApplication.focusWidget()


def key(qtbot, k, mods=Qt.NoModifier):
    qtbot.waitUntil(lambda: focus() is not None, timeout=2000)   # e.g. just after a dialog closed
    qtbot.keyClick(focus(), k, mods)


def focused_grid(w, qtbot, table="t2"):
    """The page of `table` shown and its grid holding the keyboard, as a click would leave it."""
    w.tabs.setCurrentIndex({"t1": 2, "t2": 3, "t3": 4}[table])
    grid = w.grids[table]
    grid.setFocus()
    qtbot.waitUntil(lambda: focus() is grid)
    return grid


def type_text(qtbot, text):
    send_text(text)


def test_keyboard_only_walk_new_fill_problems_switch_type_save(fresh, qtbot, monkeypatch, tmp_path):
    w = fresh
    assert w.start_page_shown()
    qtbot.waitUntil(lambda: focus() is not None and w.start_page.isAncestorOf(focus()))

    # 新建 (Ctrl+N): the dialog is answered with keys too (once it is up and has the focus).
    def answer_dialog():
        dlg = QApplication.activeModalWidget()
        if dlg is None or focus() is None or not dlg.isAncestorOf(focus()):
            QTimer.singleShot(20, answer_dialog)
            return
        if dlg.windowTitle() != "新建报告":
            dlg.reject()
            return
        key(qtbot, Qt.Key_Tab)                          # 报告年度 → 单位名称
        assert isinstance(focus(), QLineEdit)
        type_text(qtbot, "某镇人民政府")
        key(qtbot, Qt.Key_Return)
    QTimer.singleShot(0, answer_dialog)
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    assert w.doc.report.unit == "某镇人民政府" and not w.start_page_shown()

    # To 表二 with Ctrl+PgDn, from whatever has the focus; the grid takes the keyboard.
    for _ in range(3):
        key(qtbot, Qt.Key_PageDown, Qt.ControlModifier)
    grid = w.grids["t2"]
    assert w.tabs.currentIndex() == 3 and focus() is grid
    type_text(qtbot, "3")
    key(qtbot, Qt.Key_Return)
    assert w.doc.report.cells["t2.R1.C1"] == 3 and focus() is grid

    # F6: to the problems list; Down to the first problem of 表二; Enter opens it.
    key(qtbot, Qt.Key_F6)
    view = w.problems_panel.view
    assert isinstance(focus(), QTreeView) and focus() is view
    model = w.problems_panel.model
    target = next(r for r in range(model.rowCount())
                  if model.problem(r).rule and "t2.R1.C1" in model.problem(r).cells)
    for _ in range(target - view.currentIndex().row()):
        key(qtbot, Qt.Key_Down)
    problem = model.problem(view.currentIndex().row())
    key(qtbot, Qt.Key_Return)
    assert w.tabs.currentIndex() == 3 and focus() is grid
    assert set(grid.selected_paths()) == {c for c in problem.cells if c.startswith("t2.")}

    # Ctrl+Tab from inside the grid goes to the next page (not the next cell): on to 五.
    key(qtbot, Qt.Key_Tab, Qt.ControlModifier)
    assert w.tabs.currentIndex() == 4
    key(qtbot, Qt.Key_PageDown, Qt.ControlModifier)
    assert w.tabs.currentIndex() == 5 and focus() is w.editors["s5"].editor
    type_text(qtbot, "培训不足")
    assert w.doc.report.sections["s5"] == "培训不足"

    # Ctrl+S: a new report asks where (the file dialog is the platform's, answered here).
    out = tmp_path / "某镇2025.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "JSON 文档 (*.json)")))
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    saved = files.open_report(out).report
    assert saved.cells["t2.R1.C1"] == 3 and saved.sections["s5"] == "培训不足"
    assert not w.doc.modified


def test_page_keys_work_in_every_widget_and_an_open_editor_commits(window, qtbot):
    w = window
    grid = focused_grid(w, qtbot)
    key(qtbot, Qt.Key_7)                               # an editor opens on the current cell
    assert isinstance(focus(), QLineEdit)
    key(qtbot, Qt.Key_PageDown, Qt.ControlModifier)
    assert w.tabs.currentIndex() == 4 and w.doc.report.cells["t2.R1.C1"] == 7
    key(qtbot, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.tabs.currentIndex() == 3 and focus() is grid
    key(qtbot, Qt.Key_PageUp, Qt.ControlModifier)
    assert w.tabs.currentIndex() == 2 and focus() is w.grids["t1"]
    for _ in range(3):
        key(qtbot, Qt.Key_PageDown, Qt.ControlModifier)
    assert w.tabs.currentIndex() == 5 and isinstance(focus(), QPlainTextEdit)
    key(qtbot, Qt.Key_Tab, Qt.ControlModifier)
    key(qtbot, Qt.Key_Tab, Qt.ControlModifier)          # wraps from 六 to 基本信息
    assert w.tabs.currentIndex() == 0 and focus() is w.meta_tab.unit
    w.doc.undo_stack.setClean()


def test_f6_goes_to_the_problems_list_and_back_to_where_the_user_was(window, qtbot):
    w = window
    w.tabs.setCurrentIndex(6)
    editor = w.editors["s6"].editor
    editor.setFocus()
    qtbot.waitUntil(lambda: focus() is editor)
    w.problems_dock.hide()
    key(qtbot, Qt.Key_F6)
    assert w.problems_dock.isVisible() and focus() is w.problems_panel.view
    key(qtbot, Qt.Key_F6)
    assert focus() is editor


def test_escape_leaves_a_cell_editor_and_keeps_the_value(window, qtbot):
    w = window
    grid = focused_grid(w, qtbot)
    before = w.doc.report.cells["t2.R1.C1"]
    key(qtbot, Qt.Key_9)
    assert isinstance(focus(), QLineEdit)
    key(qtbot, Qt.Key_Escape)
    assert focus() is grid and w.doc.report.cells["t2.R1.C1"] == before


def test_every_menu_entry_has_a_mnemonic_or_shortcut_and_menus_show_the_keys(window):
    for top in window.menuBar().actions():
        menu = top.menu()
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text()
            assert "&" in text or not action.shortcut().isEmpty(), text
            if "(&" in text:
                letters.append(text.split("(&", 1)[1][0])
        assert len(letters) == len(set(letters)), (top.text(), letters)
    a = window.actions_
    shown = {act.objectName(): act.shortcut().toString() for top in window.menuBar().actions()
             for act in top.menu().actions()}
    assert shown["action_next_page"] == "Ctrl+PgDown"
    assert shown["action_previous_page"] == "Ctrl+PgUp"
    assert shown["action_switch_area"] == "F6"
    assert shown["action_edit_note"] == "Shift+F2"
    assert a.next_page.shortcuts()[1].toString() == "Ctrl+Tab"


def test_shift_f2_edits_the_note_of_the_current_cell(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("含转办 1 件", True)))
    w = window
    w.tabs.setCurrentIndex(3)
    grid = w.grids["t2"]
    grid.select_cells(["t2.R2.C1"])
    qtbot.waitUntil(lambda: focus() is grid)
    key(qtbot, Qt.Key_F2, Qt.ShiftModifier)
    assert w.doc.report.notes["t2.R2.C1"] == "含转办 1 件"
    w.doc.undo_stack.setClean()


def test_the_start_page_works_from_the_keyboard(qtbot, dialogs, settings, sample_copy):
    from govreport_desktop.app import create_window

    settings.add_recent(sample_copy)
    settings.reopen_last = False
    w = create_window(settings=settings)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    try:
        assert w.start_page_shown()
        qtbot.waitUntil(lambda: focus() is w.start_page.recent)
        key(qtbot, Qt.Key_Return)
        assert w.doc.path == sample_copy and not w.start_page_shown()
    finally:
        w.close()
        w.deleteLater()


def test_no_menu_is_left_without_a_keyboard_title(window):
    titles = [m.title() for m in window.findChildren(QMenu) if m.title()]
    assert titles and all("&" in t for t in titles)


def test_alt_w_unfolds_and_folds_the_text_above_a_table(window, qtbot):
    w = window
    w.tabs.setCurrentIndex(3)
    page = w.table_pages["t2"]
    page.show_text(False)
    grid = w.grids["t2"]
    grid.setFocus()
    qtbot.waitUntil(lambda: focus() is grid)
    assert not page.text.isVisible() and "字" in page.text_toggle.text()
    key(qtbot, Qt.Key_W, Qt.AltModifier)               # a button's mnemonic clicks it after a flash
    qtbot.waitUntil(lambda: page.text.isVisible() and focus() is w.editors["s3"].editor)
    key(qtbot, Qt.Key_W, Qt.AltModifier)
    qtbot.waitUntil(lambda: not page.text.isVisible() and focus() is grid)
