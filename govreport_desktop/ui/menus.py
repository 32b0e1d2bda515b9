"""Where the window's actions appear: the menu bar, the toolbar, 最近打开的文件.

The actions themselves (text, shortcut, icon, tip) are the table in actions.py; a menu shows
each action's shortcut because the QAction carries it. What an action does is wired by the
window, not here.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar


def _step_action(window: QMainWindow, group: QUndoGroup, label: str, name: str, keys, icon, undo: bool) -> QAction:
    action = QAction(label, window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setIcon(window.style().standardIcon(icon))
    action.setEnabled(False)
    can = group.canUndoChanged if undo else group.canRedoChanged
    text = group.undoTextChanged if undo else group.redoTextChanged
    can.connect(action.setEnabled)
    action.setIconText(label)   # the toolbar keeps a short, steady label; the menu says what
    text.connect(lambda t: (action.setText(f"{label} {t}" if t else label),
                            action.setToolTip(f"{label}：{t}" if t else label)))
    return action


def step_actions(window: QMainWindow, group: QUndoGroup) -> tuple[QAction, QAction]:
    """撤销 and 重做: our own actions rather than QUndoGroup's, so that the window can show where
    an undo happened; they follow the group's state and say what they would undo."""
    undo = _step_action(window, group, "撤销", "action_undo", [QKeySequence.Undo],
                        QStyle.StandardPixmap.SP_ArrowBack, undo=True)
    redo = _step_action(window, group, "重做", "action_redo",
                        [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
                        QStyle.StandardPixmap.SP_ArrowForward, undo=False)
    return undo, redo


def build_menus(window: QMainWindow, a: SimpleNamespace, problems_dock) -> SimpleNamespace:
    """文件 编辑 视图 工具 帮助; returns the menus the window needs later (recent, view)."""
    mb = window.menuBar()
    m = mb.addMenu("文件(&F)")
    m.addActions([a.start_page, a.new, a.open])
    recent = m.addMenu("最近打开的文件(&R)")
    recent.setObjectName("recent_menu")
    m.addSeparator()
    m.addActions([a.save, a.save_as])
    m.addSeparator()
    m.addAction(a.print)
    export = m.addMenu("导出(&E)")
    export.setObjectName("export_menu")
    export.addActions([a.export_docx, a.export_pdf, a.export_html])
    export.addSeparator()
    export.addActions([a.export_review_docx, a.export_review_pdf])
    m.addSeparator()
    m.addAction(a.quit)
    m = mb.addMenu("编辑(&E)")
    m.addActions([a.undo, a.redo])
    m.addSeparator()
    m.addAction(a.copy_html)
    m.addSeparator()
    m.addActions([a.auto_totals, a.fill_blanks])
    m.addSeparator()
    m.addActions([a.paste_fitting, a.edit_note])
    view = mb.addMenu("视图(&V)")
    view.addAction(problems_dock.toggleViewAction())
    problems_dock.toggleViewAction().setText("问题列表(&P)")
    view.addSeparator()
    view.addActions([a.next_page, a.previous_page, a.switch_area])
    view.addSeparator()
    view.addAction(a.next_problem)
    view.addAction(a.show_all_problems)
    m = mb.addMenu("工具(&T)")
    m.addActions([a.recheck, a.auto_totals, a.fill_blanks])
    m.addSeparator()
    m.addActions([a.compare_previous, a.clear_previous])
    m.addSeparator()
    m.addAction(a.migrate)
    m.addSeparator()
    m.addAction(a.summarize)            # ui/summary_window.py
    m.addAction(a.show_sources)         # ui/summary_sources.py: only for a summed report
    m = mb.addMenu("帮助(&H)")
    m.addAction(a.log_folder)
    m.addSeparator()
    m.addAction(a.about)
    return SimpleNamespace(recent=recent, view=view)


def build_toolbar(window: QMainWindow, a: SimpleNamespace, view_menu: QMenu) -> QToolBar:
    tb = window.addToolBar("工具栏")
    tb.setObjectName("main_toolbar")
    tb.setIconSize(QSize(18, 18))
    tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    tb.addActions([a.new, a.open, a.save])
    tb.addSeparator()
    tb.addActions([a.undo, a.redo])
    tb.addSeparator()
    tb.addActions([a.auto_totals, a.recheck])
    view_menu.insertAction(view_menu.actions()[0], tb.toggleViewAction())
    tb.toggleViewAction().setText("工具栏(&B)")
    return tb


def fill_recent_menu(menu: QMenu, session) -> None:
    """最近打开的文件, filled from the settings each time it opens (every open and save changes it)."""
    menu.clear()
    recent = session.recent_files
    if not recent:
        menu.addAction("（无）").setEnabled(False)
        return
    for i, f in enumerate(recent, 1):
        act = menu.addAction(f"&{i} {Path(f).name}")
        act.setToolTip(f)
        act.setStatusTip(f)
        act.triggered.connect(lambda _=False, f=f: session.open_file(f))
    menu.addSeparator()
    menu.addAction("清除列表", session.clear_recent)
