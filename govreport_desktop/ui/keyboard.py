"""The window from the keyboard: pages and areas, whatever widget has the focus.

- Ctrl+PgDn / Ctrl+Tab and Ctrl+PgUp / Ctrl+Shift+Tab switch pages from anywhere, grids and
  open cell editors included (an open editor commits first); the new page's main widget gets
  the focus, so the user can type at once.
- F6 / Shift+F6 go between the two main areas: the page (its editor or grid) and the problems
  list, and back to the widget that had the focus on the page.

They are window actions (shown with their keys in 视图), so they work the same in every
widget; the grid lets Ctrl+Tab through instead of moving a cell (grid_keys.grid_command).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


class KeyboardNav(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._page_focus: QWidget | None = None   # where F6 returns to on the page

    # ------------------------------------------------------------ pages

    def step_page(self, step: int) -> None:
        w = self.window
        w.commit_pending_edits()
        tabs = w.tabs
        if w.start_page_shown():
            w.show_report()
        else:
            tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
        self.focus_page()

    def page_widget(self) -> QWidget:
        """The widget of the page shown that takes the keyboard: grid, text editor or 单位名称."""
        w = self.window
        if w.start_page_shown():
            return w.start_page.focus_target()
        table = w.tabs.current_table()
        if table is not None:
            grid = w.grids.get(table)
            if grid is not None and isinstance(grid, QAbstractItemView):
                return grid
        page = w.tabs.currentWidget()
        editor = getattr(page, "editor", None)
        return editor if editor is not None else w.meta_tab.unit

    def focus_page(self) -> None:
        target = self.page_widget()
        target.setFocus(Qt.ShortcutFocusReason)

    # ------------------------------------------------------------ areas (F6)

    def in_problems(self, widget: QWidget | None) -> bool:
        dock = self.window.problems_dock
        return widget is not None and (widget is dock or dock.isAncestorOf(widget))

    def cycle_area(self) -> None:
        """Page → problems list → back to where the user was on the page."""
        w = self.window
        focus = QApplication.focusWidget()
        if self.in_problems(focus):
            back = self._page_focus
            if back is not None and back.isVisible() and w.centralWidget().isAncestorOf(back):
                back.setFocus(Qt.ShortcutFocusReason)
            else:
                self.focus_page()
            return
        if focus is not None and w.centralWidget().isAncestorOf(focus):
            # A cell editor is a child of the grid's viewport: come back to the grid itself.
            grid = next((g for g in w.grids.values() if g.isAncestorOf(focus)), None)
            self._page_focus = grid or focus
        w.commit_pending_edits()
        w.show_problems()
        view = w.problems_panel.view
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.ShortcutFocusReason)
