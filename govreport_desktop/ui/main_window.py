"""The main window: layout and wiring only.

Widgets (report tabs, grids, problems panel), the session (the document's life: ui/session.py),
the tools (ui/tools.py) and the menus (ui/menus.py) each expose signals or plain calls; this
window connects them in one place, turns what the user did into Document edits and routes the
Document's signals back to the widgets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoGroup
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QDockWidget, QLabel,
                               QMainWindow, QProgressBar, QStackedWidget)

from ..paths import log_dir
from . import dialogs, import_actions, menus, previous_year, tools, window_fit
from . import export_actions
from . import summary_sources, summary_window
from .actions import build_actions
from .document import Document
from .grid_view import GridView
from .keyboard import KeyboardNav
from .meta_tab import needs_migration
from .problems_panel import ProblemsPanel
from .report_tabs import ReportTabs, place_of
from .session import Session, dropped_file
from .settings import Settings
from .start_page import StartPage
from .window_problems import ProblemsMixin

class MainWindow(ProblemsMixin, QMainWindow):
    closed = Signal()        # the user closed the window (after 保存更改？): autosave lets go

    def __init__(self, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.session = Session(self.settings, self)
        self._grids: dict[str, GridView] = {}
        # Start-up only: the grids of 二/三/四 are built right after the first paint instead of
        # before it (main() sets this; create_window() for tests and automation builds at once).
        self.defer_grids = False
        self._grids_for: Document | None = None
        self.undo_group = QUndoGroup(self)
        self._revealing = False      # True while 撤销/重做 runs: show where it happened
        self.setAcceptDrops(True)
        self.setWindowIcon(QApplication.windowIcon())

        self.tabs = ReportTabs(self)
        self.meta_tab, self.editors, self.t1_page = self.tabs.meta_tab, self.tabs.editors, self.tabs.t1_page
        self.table_pages = self.tabs.table_pages
        self.start_page = StartPage(self)
        self.pages = QStackedWidget(self)       # the start page, or the report's tabs
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)

        self.problems_panel = ProblemsPanel(place=place_of)
        self.problems_dock = QDockWidget("问题列表", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_panel)
        self.problems_dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems_dock)

        self.actions_ = a = build_actions(self)
        a.undo, a.redo = self.undo_action, self.redo_action = menus.step_actions(self, self.undo_group)
        built = menus.build_menus(self, a, self.problems_dock)
        self.recent_menu = built.recent
        menus.build_toolbar(self, a, built.view)
        import_actions.install(self)         # 从上年报告开始, 粘贴整份报告
        self.start_page.add_action(a.new)
        self.start_page.add_action(a.from_last_year)
        self.start_page.add_action(a.open)
        self.keys = KeyboardNav(self)
        self._problems_were_shown = True
        self._build_status_bar()
        self._connect()
        summary_sources.install(self)        # after _connect: it acts once the grids show a document
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Open on the screen, not past it (ui/window_fit.py); small screens fold the table
        pages' texts and keep the problems list low, so 表二 shows a dozen rows or more."""
        available = window_fit.place(self, self.settings.geometry)
        compact = window_fit.is_compact(available)
        for page in self.table_pages.values():
            page.show_text(not compact)
        if self.settings.window_state is not None:
            self.restoreState(self.settings.window_state)
        if compact or self.settings.window_state is None:
            self.resizeDocks([self.problems_dock], [window_fit.problems_height(available)], Qt.Vertical)

    # ================================================================ start page

    def show_start_page(self) -> None:
        self.start_page.set_recent(self.session.recent_files, self.settings.reopen_last)
        report = self.doc.report if self.doc else None
        if report is not None:
            self.start_page.set_blank(f"空白报告：{report.year}年度，{report.fmt.name}")
        if not self.start_page_shown():
            self._problems_were_shown = not self.problems_dock.isHidden()
        self.problems_dock.hide()       # nothing to list before the user has chosen a report
        self.pages.setCurrentWidget(self.start_page)
        self.start_page.focus_target().setFocus()

    def start_page_shown(self) -> bool:
        return self.pages.currentWidget() is self.start_page

    def show_report(self) -> None:
        """The report's tabs instead of the start page (new, open, 填写空白报告, any jump)."""
        if self.start_page_shown():
            self.pages.setCurrentWidget(self.tabs)
            self.problems_dock.setVisible(self._problems_were_shown)
            self.keys.focus_page()

    def _begin_new(self) -> None:
        """After 新建: 基本信息 with the keyboard in it (the dialog took the activation away)."""
        self.tabs.setCurrentIndex(0)
        self.activateWindow()
        self.keys.focus_page()

    def show_problems(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()

    @property
    def doc(self) -> Document | None:
        """The document shown: always the session's."""
        return self.session.doc

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)          # busy indicator: reading has no known length
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.status_counts = QLabel()
        self.status_counts.setObjectName("status_counts")
        self.status_format = QLabel()
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.status_format)
        sb.addPermanentWidget(self.status_counts)

    # ================================================================ wiring (the one place)

    def _connect(self) -> None:
        a, s = self.actions_, self.session
        a.new.triggered.connect(lambda: s.new_report() and self._begin_new())
        a.start_page.triggered.connect(self.show_start_page)
        a.next_page.triggered.connect(lambda: self.keys.step_page(1))
        a.previous_page.triggered.connect(lambda: self.keys.step_page(-1))
        a.switch_area.triggered.connect(self.keys.cycle_area)
        a.edit_note.triggered.connect(lambda: self._on_grid(lambda g: g.edit_note(), "编辑备注"))
        a.paste_fitting.triggered.connect(lambda: self._on_grid(lambda g: g.paste_fitting(), "粘贴"))
        self.start_page.fileChosen.connect(lambda f: s.open_file(f))
        self.start_page.blankChosen.connect(self.show_report)
        self.start_page.reopenLastChanged.connect(lambda on: setattr(self.settings, "reopen_last", on))
        a.open.triggered.connect(s.open_dialog)
        a.save.triggered.connect(s.save)
        a.save_as.triggered.connect(s.save_as)
        a.print.triggered.connect(self.print_report)
        a.export_pdf.triggered.connect(s.export_pdf)
        export_actions.connect(self)           # Word, 网页, 审核情况说明, 复制为网页
        a.summarize.triggered.connect(lambda: summary_window.show_for(self))
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(lambda: self._step(undo=True))
        a.redo.triggered.connect(lambda: self._step(undo=False))
        a.auto_totals.triggered.connect(self.auto_totals)
        a.fill_blanks.triggered.connect(lambda: self._done(tools.fill_blanks(self.doc)))
        a.migrate.triggered.connect(lambda: self.change_format(tools.migration_target(self.doc.report)))
        a.recheck.triggered.connect(lambda: self._done(tools.recheck(self.doc)))
        a.compare_previous.triggered.connect(s.choose_previous)
        a.clear_previous.triggered.connect(lambda: s.set_previous(None))
        a.next_problem.triggered.connect(self.next_problem)
        a.show_all_problems.toggled.connect(lambda on: self.doc.set_calm(not on))
        a.about.triggered.connect(lambda: dialogs.show_about(self))
        a.log_folder.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        self.recent_menu.aboutToShow.connect(lambda: menus.fill_recent_menu(self.recent_menu, s))

        s.documentChanged.connect(self._show_document)
        s.previousChanged.connect(self._show_previous)
        s.commitRequested.connect(self.commit_pending_edits)
        s.message.connect(self.statusBar().showMessage)
        s.busy.connect(self._show_busy)

        self.meta_tab.metaEdited.connect(lambda f, v: self.doc.set_meta(f, v))
        self.meta_tab.formatRequested.connect(self.change_format)
        for editor in self.editors.values():
            editor.textEdited.connect(lambda k, t: self.doc.set_section(k, t))
        self.t1_page.amountUnitChanged.connect(self._set_amount_unit)
        self.tabs.currentChanged.connect(
            lambda i: self.ensure_grids() if self.defer_grids and i in self.tabs.table_tabs else None)
        self.problems_panel.problemActivated.connect(self.go_to_problem)
        self.problems_panel.acceptRequested.connect(
            lambda p: self._done(tools.accept_warning(self.doc, self, p)))
        self.problems_panel.unacceptRequested.connect(lambda p: self.doc.set_explanation(p.id, ""))

    def _show_document(self, doc: Document) -> None:
        """The session opened another report (new/open): rebind every widget, replace the grids."""
        for stack in self.undo_group.stacks():
            self.undo_group.removeStack(stack)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        if doc.calm == self.actions_.show_all_problems.isChecked():
            doc.calm = not doc.calm
            doc.revalidate()   # before any view listens: the calm start is part of how it is shown
        doc.problemsChanged.connect(self._on_problems)
        doc.sectionChanged.connect(self._on_section)
        doc.cellsChanged.connect(self._reveal_cells)
        doc.sectionChanged.connect(self._reveal_key)
        doc.metaChanged.connect(lambda f: self._reveal_key("t1" if f == "t1_units" else f))
        doc.metaChanged.connect(self._on_meta)
        doc.reportReplaced.connect(self._refresh_all)  # the grids' models rebuild themselves
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.pathChanged.connect(lambda _p: self._update_title())
        if self.defer_grids:
            for page in self.table_pages.values():
                page.set_grid(QLabel("正在加载表格…"))
        else:
            self._build_grids()
        self._refresh_all()
        self._show_previous(doc.previous)    # a new document compares with nothing yet
        self.show_report()

    def _show_busy(self, text: str) -> None:
        if text:
            QApplication.setOverrideCursor(Qt.WaitCursor)
            self.statusBar().showMessage(text)
            self.progress.show()
            QApplication.processEvents()
        else:
            self.progress.hide()
            self.statusBar().clearMessage()
            QApplication.restoreOverrideCursor()

    def _done(self, outcome: tools.Outcome | None) -> None:
        """Say what a tool did and show the cells it changed on the page shown, if any."""
        if outcome is None:
            return
        self.statusBar().showMessage(outcome.message, outcome.ms)
        table = self.tabs.current_table()
        if table is not None and outcome.cells:
            self._select_in_grid(table, outcome.cells)

    # ================================================================ grids

    @property
    def grids(self) -> dict[str, GridView]:
        if self._grids_for is not self.doc:
            self._build_grids()
        return self._grids

    def ensure_grids(self) -> None:
        self.defer_grids = False
        if self._grids_for is not self.doc:
            self._build_grids()

    def _build_grids(self) -> None:
        self._grids = {}
        self._grids_for = self.doc
        for key, page in self.table_pages.items():
            grid = GridView(self.doc, key)
            grid.setObjectName(f"grid_{key}")
            # "" takes a refused value's reason away once the input is valid (never a stale one)
            grid.message.connect(lambda text: self.statusBar().showMessage(text, 8000) if text
                                 else self.statusBar().clearMessage())
            page.set_grid(grid)
            self._grids[key] = grid

    def _select_in_grid(self, table: str, paths) -> None:
        """Select those of `paths` that are cells of `table` in its grid (problems, undo, 自动合计)."""
        grid = self.grids.get(table)
        cells = self.doc.report.fmt.cell
        shown = [p for p in paths if p.startswith(table + ".") and p in cells]
        if grid is not None and shown:
            grid.select_cells(shown)

    def commit_pending_edits(self) -> None:
        """Before saving or closing: what is still in an editor becomes part of the report."""
        self.meta_tab.commit_pending()
        editor = QApplication.focusWidget()
        for grid in self._grids.values():
            if editor is not None and isinstance(grid, QAbstractItemView) and editor.parent() is grid.viewport():
                grid.commitData(editor)
                grid.closeEditor(editor, QAbstractItemDelegate.NoHint)

    # ================================================================ showing the document

    def _refresh_all(self) -> None:
        report = self.doc.report
        fmt = report.fmt
        self.meta_tab.set_report(report)
        for key, editor in self.editors.items():
            section = fmt.section[key]
            editor.set_guidance(section.heading, section.guidance)
            editor.set_text(report.sections.get(key, ""))
        for key, page in self.table_pages.items():
            table = fmt.table.get(key)
            page.table_title.setText(f"{table.name}　{fmt.section_of(table.key).heading}" if table else "")
        self._update_amount_unit()
        self._update_title()
        self.setWindowModified(self.doc.modified)
        self._on_problems(self.doc.problems)

    def _on_section(self, key: str) -> None:
        self.editors[key].set_text(self.doc.report.sections.get(key, ""))

    def _on_meta(self, field: str) -> None:
        self.meta_tab.set_report(self.doc.report)
        if field == "t1_units":
            self._update_amount_unit()
        self._update_title()

    def _update_title(self) -> None:
        # applicationDisplayName (政务公开年报助手) is appended by Qt.
        self.setWindowTitle(f"{self.session.display_name()}[*]")
        report = self.doc.report
        self.status_format.setText(f"{report.year}年度 · {report.fmt.name.split('（')[0]}")
        self.actions_.migrate.setEnabled(needs_migration(report))

    def _update_amount_unit(self) -> None:
        report = self.doc.report
        has_amount = "t1.procurement.amount" in report.fmt.cell
        self.t1_page.show_amount_unit(has_amount, report.t1_units.get("procurement.amount", ""))

    def _set_amount_unit(self, unit: str) -> None:
        units = dict(self.doc.report.t1_units)
        if unit:
            units["procurement.amount"] = unit
        else:
            units.pop("procurement.amount", None)
        self.doc.set_meta("t1_units", units)

    def _show_previous(self, previous) -> None:
        """Y05: while comparing, last year's 五 stands beside this year's (how were its problems
        dealt with?), and last year's other parts beside theirs for reference (previous_year.py)."""
        self.actions_.clear_previous.setEnabled(previous is not None)
        previous_year.show_references(self.editors, previous)

    # ================================================================ undo, redo: show where

    def _step(self, undo: bool) -> None:
        """Undo or redo one step, then show the changed cells/text (they may be on another tab)."""
        self._revealing = True
        try:
            self.undo_group.undo() if undo else self.undo_group.redo()
        finally:
            self._revealing = False

    def _reveal_cells(self, paths) -> None:
        if not self._revealing or not paths:
            return
        paths = sorted(paths)
        tables = {p.split(".", 1)[0] for p in paths}
        current = self.tabs.current_table()
        table = current if current in tables else paths[0].split(".", 1)[0]
        self.show_report()
        self.tabs.show_key(table)
        self._select_in_grid(table, paths)

    def _reveal_key(self, key: str) -> None:
        if self._revealing:
            self.show_report()
            self.tabs.show_key(key)

    # ================================================================ tools

    def _on_grid(self, do, what: str) -> None:
        """A grid command from the menus: on the grid of the page shown, if it has one."""
        grid = self.grids.get(self.tabs.current_table() or "")
        if grid is None or self.start_page_shown():
            self.statusBar().showMessage(f"请先在表格中选中单元格，再{what}", 6000)
            return
        do(grid)

    def auto_totals(self) -> None:
        self._done(tools.auto_totals(self.doc))

    def change_format(self, format_id: str) -> None:
        self._done(tools.change_format(self.doc, self, format_id))

    def print_report(self) -> None:
        from .printing import print_preview   # QtPrintSupport on first use only (start-up time)

        print_preview(self, self.doc.report)

    # ================================================================ window events

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.start_page_shown():       # the keyboard starts on the last file or 新建
            self.start_page.focus_target().setFocus()

    def closeEvent(self, event) -> None:
        if not self.session.maybe_save():
            event.ignore()
            return
        if self.start_page_shown():        # the start page hid the problems list only for itself
            self.problems_dock.setVisible(self._problems_were_shown)
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        event.accept()
        self.closed.emit()

    def dragEnterEvent(self, event) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.session.open_file(path)
