"""The main window: tabs of the report, the problems dock, menus, files. All wiring is here.

Widgets (meta tab, section editors, grids, problems panel) only emit what the user did; this
window turns it into Document edits and routes the Document's signals back to the widgets.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QTextCursor, QUndoGroup
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QTabWidget, QWidget)

from .. import APP_NAME, __version__
from ..paths import log_dir
from ..core.report import SECTION_KEYS, Report
from ..core.rules import ERROR, INFO, WARNING
from ..io import files
from ..io.errors import GovReportIOError
from . import dialogs
from .actions import build_actions
from .document import Document
from .grid_view import GridView
from .meta_tab import MetaTab, needs_migration
from .new_report_dialog import NewReportDialog, default_year
from .problems_panel import ProblemsPanel, severity_icon
from .sections_tab import SectionEditor, T1Page, TablePage
from .settings import Settings

log = logging.getLogger(__name__)

TAB_TITLES = ("基本信息", "一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼",
              "五、问题及改进", "六、其他事项")
# Which tab shows a key: cell paths by table, texts by section, anything else is metadata.
KEY_TAB = {"s1": 1, "s2": 2, "t1": 2, "s3": 3, "t2": 3, "s4": 4, "t3": 4, "s5": 5, "s6": 6}
META_WIDGETS = {"unit": "unit", "unit_kind": "kind", "year": "year", "format": "format",
                "title": "title", "t1_units": None}
UNTITLED = "未命名报告"


def select_span(editor, start: int, end: int) -> None:
    """Select text[start:end] of a plain-text editor and scroll to it.

    Python counts code points, Qt counts UTF-16 units: characters outside the BMP before the
    span shift it, so positions are converted first.
    """
    text = editor.toPlainText()
    def qt_pos(i: int) -> int:
        return i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)
    cursor = editor.textCursor()
    cursor.setPosition(qt_pos(start))
    cursor.setPosition(qt_pos(end), QTextCursor.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def tab_of(key: str) -> int:
    return KEY_TAB.get(key.split(".", 1)[0], 0)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.doc: Document | None = None
        self._grids: dict[str, GridView] = {}
        # Start-up only: the grids of 二/三/四 are built right after the first paint instead of
        # before it (main() sets this; create_window() for tests and automation builds at once).
        self.defer_grids = False
        self._grids_for: Document | None = None
        self.undo_group = QUndoGroup(self)
        self.setAcceptDrops(True)
        self.setWindowIcon(QApplication.windowIcon())

        # ---- tabs
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sections")
        self.tabs.setDocumentMode(True)
        self.meta_tab = MetaTab()
        self.editors: dict[str, SectionEditor] = {}
        self.t1_page = T1Page()
        self.table_pages: dict[str, TablePage] = {"t1": self.t1_page, "t2": TablePage("s3", "t2"),
                                                  "t3": TablePage("s4", "t3")}
        pages: list[QWidget] = [self.meta_tab]
        for key in SECTION_KEYS:
            page = next((p for p in self.table_pages.values() if p.text.key == key), None)
            if page is None:
                page = SectionEditor(key)
                self.editors[key] = page
            else:
                self.editors[key] = page.text
            pages.append(page)
        for title, page in zip(TAB_TITLES, pages):
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)

        # ---- problems dock
        self.problems_panel = ProblemsPanel()
        self.problems_dock = QDockWidget("问题列表", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_panel)
        self.problems_dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems_dock)

        # ---- actions, menus, toolbar, status bar
        self.actions_ = a = build_actions(self)
        # Our own undo/redo actions (not QUndoGroup's) so that an undo can show where it happened.
        self._revealing = False
        self.undo_action = self._step_action("撤销", "action_undo", [QKeySequence.Undo],
                                             self.style().StandardPixmap.SP_ArrowBack, undo=True)
        self.redo_action = self._step_action("重做", "action_redo",
                                             [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
                                             self.style().StandardPixmap.SP_ArrowForward, undo=False)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self.resize(1200, 820)
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        if self.settings.window_state is not None:
            self.restoreState(self.settings.window_state)
        else:
            self.resizeDocks([self.problems_dock], [200], Qt.Vertical)

    # ================================================================ building

    def _step_action(self, label: str, name: str, keys, icon, undo: bool) -> QAction:
        action = QAction(label, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setIcon(self.style().standardIcon(icon))
        action.setEnabled(False)
        action.triggered.connect(lambda: self._step(undo))
        can = self.undo_group.canUndoChanged if undo else self.undo_group.canRedoChanged
        text = self.undo_group.undoTextChanged if undo else self.undo_group.redoTextChanged
        can.connect(action.setEnabled)
        action.setIconText(label)   # the toolbar keeps a short, steady label; the menu says what
        text.connect(lambda t: (action.setText(f"{label} {t}" if t else label),
                                action.setToolTip(f"{label}：{t}" if t else label)))
        return action

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
        current = next((k for k, page in self.table_pages.items() if page is self.tabs.currentWidget()), None)
        table = current if current in tables else paths[0].split(".", 1)[0]
        self.tabs.setCurrentIndex(tab_of(table))
        self._select_in_grid(table, paths)

    def _reveal_key(self, key: str) -> None:
        if self._revealing:
            self.tabs.setCurrentIndex(tab_of(key))

    def _build_menus(self) -> None:
        a = self.actions_
        mb = self.menuBar()
        m = mb.addMenu("文件(&F)")
        m.addActions([a.new, a.open])
        self.recent_menu = m.addMenu("最近打开的文件(&R)")
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        m.addActions([a.save, a.save_as])
        m.addSeparator()
        m.addActions([a.print, a.export_pdf])
        m.addSeparator()
        m.addAction(a.quit)
        m = mb.addMenu("编辑(&E)")
        m.addActions([self.undo_action, self.redo_action])
        m.addSeparator()
        m.addActions([a.auto_totals, a.fill_blanks])
        m = mb.addMenu("视图(&V)")
        m.addAction(self.problems_dock.toggleViewAction())
        self.problems_dock.toggleViewAction().setText("问题列表(&P)")
        self.view_menu = m
        m.addSeparator()
        m.addAction(a.next_problem)
        m = mb.addMenu("工具(&T)")
        m.addActions([a.recheck, a.auto_totals, a.fill_blanks])
        m.addSeparator()
        m.addActions([a.compare_previous, a.clear_previous])
        m.addSeparator()
        m.addAction(a.migrate)
        m = mb.addMenu("帮助(&H)")
        m.addAction(a.log_folder)
        m.addSeparator()
        m.addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.actions_
        tb = self.addToolBar("工具栏")
        tb.setObjectName("main_toolbar")
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        tb.addActions([a.new, a.open, a.save])
        tb.addSeparator()
        tb.addActions([self.undo_action, self.redo_action])
        tb.addSeparator()
        tb.addActions([a.auto_totals, a.recheck])
        self.view_menu.insertAction(self.view_menu.actions()[0], tb.toggleViewAction())
        tb.toggleViewAction().setText("工具栏(&B)")

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

    def _connect(self) -> None:
        a = self.actions_
        a.new.triggered.connect(self.new_report)
        a.open.triggered.connect(self.open_dialog)
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.print.triggered.connect(self.print_report)
        a.export_pdf.triggered.connect(self.export_pdf)
        a.quit.triggered.connect(self.close)
        a.auto_totals.triggered.connect(self.auto_totals)
        a.fill_blanks.triggered.connect(self.fill_blanks)
        a.migrate.triggered.connect(lambda: self.change_format("2021"))
        a.recheck.triggered.connect(self.recheck)
        a.compare_previous.triggered.connect(self.choose_previous)
        a.clear_previous.triggered.connect(lambda: self.set_previous(None))
        a.next_problem.triggered.connect(self.next_problem)
        a.about.triggered.connect(self.about)
        a.log_folder.triggered.connect(self.open_log_folder)
        self.meta_tab.metaEdited.connect(lambda f, v: self.doc.set_meta(f, v))
        self.meta_tab.formatRequested.connect(self.change_format)
        for editor in self.editors.values():
            editor.textEdited.connect(lambda k, t: self.doc.set_section(k, t))
        self.t1_page.amountUnitChanged.connect(self._set_amount_unit)
        self.problems_panel.problemActivated.connect(self.go_to_problem)
        self.tabs.currentChanged.connect(lambda i: self.ensure_grids() if self.defer_grids and i in (2, 3, 4) else None)
        self.problems_panel.acceptRequested.connect(self.accept_warning)
        self.problems_panel.unacceptRequested.connect(lambda p: self.doc.set_explanation(p.id, ""))

    # ================================================================ the document

    def set_document(self, doc: Document) -> None:
        """Show another report (new/open): rebind every widget, replace the grids."""
        old = self.doc
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.blockSignals(True)
        doc.setParent(self)
        self.doc = doc
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        doc.problemsChanged.connect(self._on_problems)
        doc.sectionChanged.connect(self._on_section)
        doc.cellsChanged.connect(self._reveal_cells)
        doc.sectionChanged.connect(self._reveal_key)
        doc.metaChanged.connect(lambda f: self._reveal_key("t1" if f == "t1_units" else f))
        doc.metaChanged.connect(self._on_meta)
        doc.reportReplaced.connect(self._on_report_replaced)
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.pathChanged.connect(lambda _p: self._update_title())
        if self.defer_grids:
            for page in self.table_pages.values():
                page.set_grid(QLabel("正在加载表格…"))
        else:
            self._build_grids()
        self._refresh_all()
        self.actions_.clear_previous.setEnabled(doc.previous is not None)  # a new document compares with nothing yet
        self._show_last_years_s5()
        if old is not None:
            old.deleteLater()

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
            grid.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            page.set_grid(grid)
            self._grids[key] = grid

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

    def _on_report_replaced(self) -> None:
        # The grids rebuild their own rows and columns (their models listen to reportReplaced).
        self._refresh_all()

    def _update_title(self) -> None:
        name = self.doc.path.name if self.doc and self.doc.path else UNTITLED
        # applicationDisplayName (政务公开年报助手) is appended by Qt.
        self.setWindowTitle(f"{name}[*]")
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

    # ================================================================ problems

    def open_counts(self) -> dict[str, int]:
        """Errors, warnings not accepted, infos, and accepted warnings."""
        explained = self.doc.report.explanations
        c = {ERROR: 0, WARNING: 0, INFO: 0, "accepted": 0}
        for p in self.doc.problems:
            if p.severity == WARNING and p.id in explained:
                c["accepted"] += 1
            else:
                c[p.severity] += 1
        return c

    def tab_error_counts(self) -> list[int]:
        n = [0] * len(TAB_TITLES)
        for p in self.doc.problems:
            if p.severity == ERROR:
                for t in {tab_of(k) for k in p.cells} or {0}:
                    n[t] += 1
        return n

    def _on_problems(self, problems) -> None:
        self.problems_panel.set_problems(problems, self.doc.report.explanations)
        c = self.open_counts()
        text = f"{c[ERROR]} 个错误，{c[WARNING]} 个警告"
        self.status_counts.setText(text)
        extra = f"，{c[INFO]} 个提示" + (f"，{c['accepted']} 个警告已说明" if c["accepted"] else "")
        self.problems_panel.summary.setText(text + extra + "。单击问题可转到对应位置。")
        for i, n in enumerate(self.tab_error_counts()):
            self.tabs.setTabText(i, f"{TAB_TITLES[i]} ({n})" if n else TAB_TITLES[i])
            self.tabs.setTabIcon(i, severity_icon(ERROR) if n else QIcon())
            self.tabs.setTabToolTip(i, f"本页有 {n} 个错误" if n else "")

    def go_to_problem(self, problem) -> None:
        keys = list(problem.cells)
        first = keys[0] if keys else ""
        self.tabs.setCurrentIndex(tab_of(first))
        if "." in first:
            table = first.split(".", 1)[0]
            self._select_in_grid(table, keys)
            grid = self.grids.get(table)
            if grid is not None:
                grid.setFocus()
        elif first in self.editors:
            editor = self.editors[first].editor
            editor.setFocus()
            if problem.span:   # select the mention the rule found, e.g. the copied “县教育局”
                select_span(editor, *problem.span)
        elif META_WIDGETS.get(first):
            getattr(self.meta_tab, META_WIDGETS[first]).setFocus()
        text = f"{problem.rule}：{problem.message}"
        # The full message is in the list's tooltip; the status bar must leave room for the counts.
        self.statusBar().showMessage(text if len(text) <= 60 else text[:59] + "…", 10000)

    def next_problem(self) -> None:
        model = self.problems_panel.model
        if model.rowCount() == 0:
            self.statusBar().showMessage("没有发现问题", 5000)
            return
        view = self.problems_panel.view
        row = (view.currentIndex().row() + 1) % model.rowCount()
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        self.go_to_problem(model.problem(row))

    def accept_warning(self, problem) -> None:
        current = self.doc.report.explanations.get(problem.id, "")
        text = dialogs.ask_explanation(self, problem, current)
        if text is None:
            return
        if not text:
            dialogs.show_info(self, "接受警告", "请填写说明后再接受该警告。")
            return
        self.doc.set_explanation(problem.id, text)
        self.statusBar().showMessage(f"已接受警告 {problem.rule} 并保存说明（可撤销）", 6000)

    def recheck(self) -> None:
        self.doc.revalidate()
        c = self.open_counts()
        self.statusBar().showMessage(f"校验完成：{c[ERROR]} 个错误，{c[WARNING]} 个警告，{c[INFO]} 个提示", 6000)

    # ================================================================ tools

    def auto_totals(self) -> None:
        from ..core.totals import auto_totals

        changes = {p: v for p, v in auto_totals(self.doc.report).items() if self.doc.report.cells.get(p) != v}
        if not changes:
            self.statusBar().showMessage("自动合计：所有合计均与各部分之和一致，无需修改", 8000)
            return
        self.doc.set_cells(changes, "自动合计")
        names = "、".join(self.doc.report.fmt.cell[p].name for p in list(changes)[:3] if p in self.doc.report.fmt.cell)
        more = " 等" if len(changes) > 3 else ""
        self.statusBar().showMessage(f"自动合计：已更新 {len(changes)} 个合计单元格（{names}{more}），可撤销", 12000)
        self._select_changed(changes)

    def fill_blanks(self) -> None:
        from ..core.totals import fill_blanks

        changes = fill_blanks(self.doc.report)
        if not changes:
            self.statusBar().showMessage("没有空白单元格", 6000)
            return
        self.doc.set_cells(changes, "空白填 0")
        self.statusBar().showMessage(f"已将 {len(changes)} 个空白单元格填为 0（可撤销）", 10000)
        self._select_changed(changes)

    def _select_changed(self, changes) -> None:
        # Make the change visible on the current table page, if it touched it.
        page = self.tabs.currentWidget()
        for key, p in self.table_pages.items():
            if p is page:
                self._select_in_grid(key, changes)

    def _select_in_grid(self, table: str, paths) -> None:
        """Select those of `paths` that are cells of `table` in its grid (problems, undo, 自动合计)."""
        grid = self.grids.get(table)
        cells = self.doc.report.fmt.cell
        shown = [p for p in paths if p.startswith(table + ".") and p in cells]
        if grid is not None and shown:
            grid.select_cells(shown)

    def change_format(self, format_id: str) -> None:
        from ..core.formats import FORMATS
        from ..core.migrate import migrate

        report = self.doc.report
        target = FORMATS[format_id]
        if report.format == format_id and not report.foreign_paths():
            self.statusBar().showMessage(f"报告已是{target.name}", 6000)
            return
        text = (f"将报告的表格转换为{target.name}？\n\n"
                "无法直接对应的数据将保留为单元格备注，请转换后逐项核对。此操作可以撤销。")
        if not dialogs.confirm(self, "转换报告格式", text, yes="转换"):
            return
        self.doc.replace_report(migrate(report, format_id), f"转换为{format_id}年格式")
        self.statusBar().showMessage(f"已转换为{target.name}，请核对带备注的单元格（可撤销）", 12000)

    # ================================================================ files

    def commit_pending_edits(self) -> None:
        """Before saving or closing: what is still in an editor becomes part of the report."""
        self.meta_tab.commit_pending()
        editor = QApplication.focusWidget()
        for grid in self._grids.values():
            if editor is not None and isinstance(grid, QAbstractItemView) and editor.parent() is grid.viewport():
                grid.commitData(editor)
                grid.closeEditor(editor, QAbstractItemDelegate.NoHint)

    def _doc_name(self) -> str:
        return self.doc.path.name if self.doc.path else UNTITLED

    def maybe_save(self) -> bool:
        """Ask 保存/不保存/取消 when there are unsaved changes; True when it is safe to go on."""
        if self.doc is None:
            return True
        self.commit_pending_edits()
        if not self.doc.modified:
            return True
        answer = dialogs.ask_save_changes(self, self._doc_name())
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def new_default(self) -> None:
        """The report shown at start-up without a file: last year's, in that year's format."""
        self.set_document(Document(Report.new(default_year())))

    def new_report(self) -> None:
        if not self.maybe_save():
            return
        report = self.doc.report if self.doc else None
        dlg = NewReportDialog(self, unit=report.unit if report else "",
                              unit_kind=report.unit_kind if report else "township")
        if dlg.exec() != NewReportDialog.Accepted:
            return
        self.set_document(Document(Report.new(**dlg.values())))
        self.tabs.setCurrentIndex(0)

    def _open_filters(self) -> str:
        kinds = files.readable()
        all_kinds = " ".join(f"*{k}" for k in kinds)
        return f"报告文件 ({all_kinds});;{self._filters(kinds)};;所有文件 (*)"

    def _filters(self, kinds) -> str:
        parts = []
        if ".xlsx" in kinds or ".xls" in kinds:
            excel = " ".join(f"*{k}" for k in (".xlsx", ".xls") if k in kinds)
            parts.append(f"Excel 工作簿 ({excel})")
        if ".json" in kinds:
            parts.append("JSON 文档 (*.json)")
        return ";;".join(parts)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self.settings.last_folder, self._open_filters())
        if path:
            self.open_file(path, ask=False)

    @contextlib.contextmanager
    def busy(self, message: str):
        QApplication.setOverrideCursor(Qt.WaitCursor)
        self.statusBar().showMessage(message)
        self.progress.show()
        QApplication.processEvents()
        try:
            yield
        finally:
            self.progress.hide()
            self.statusBar().clearMessage()
            QApplication.restoreOverrideCursor()

    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        """Open a report; on failure show why and keep the current report untouched."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            with self.busy(f"正在打开“{path.name}”…"):
                loaded = files.open_report(path)
        except GovReportIOError as e:
            log.warning("open failed: %s: %s", path, e)
            dialogs.show_error(self, "无法打开文件", str(e))
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        except Exception:
            log.exception("open crashed: %s", path)
            dialogs.show_error(self, "无法打开文件",
                               f"读取“{path.name}”时发生内部错误，当前报告未受影响。\n请将此文件和日志发给技术支持。")
            return False
        # A file we can read but not write (.xls): 保存 sees the suffix has no writer and asks where.
        self.set_document(Document(loaded.report, path, loaded.findings))
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        log.info("opened %s", path)
        n = len(loaded.findings)
        self.statusBar().showMessage(
            f"已打开“{path.name}”" + (f"，导入时发现 {n} 个问题，见问题列表" if n else ""), 10000)
        if loaded.notices:
            dialogs.show_info(self, "导入说明", "\n".join(f"• {t}" for t in loaded.notices))
        return True

    def choose_previous(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择上一年度的报告", self.settings.last_folder,
                                              self._open_filters())
        if path:
            self.load_previous(path)

    def _show_last_years_s5(self) -> None:
        """Y05: while comparing, last year's 五 stands beside this year's (how were its problems dealt with?)."""
        previous = self.doc.previous
        title = (f"{previous.year}年报告的“五、存在的主要问题及改进情况”（只读，供对照；"
                 "今年应说明这些问题的改进情况）") if previous else ""
        self.editors["s5"].show_reference(title, previous.sections.get("s5", "") if previous else None)

    def load_previous(self, path: str | Path) -> bool:
        """Read last year's report and compare with it (Y01 上年结转 …); the current report is untouched."""
        path = Path(path)
        try:
            with self.busy(f"正在读取上年报告“{path.name}”…"):
                previous = files.open_report(path).report
        except GovReportIOError as e:
            dialogs.show_error(self, "无法读取上年报告", str(e))
            return False
        year = self.doc.report.year
        if previous.year != year - 1 and not dialogs.confirm(
                self, "对照上年报告",
                f"所选报告是{previous.year}年度的，不是{year - 1}年度。仍要用它核对吗？", yes="仍要核对"):
            return False
        self.set_previous(previous)
        return True

    def set_previous(self, previous) -> None:
        self.doc.set_previous(previous)
        self.actions_.clear_previous.setEnabled(previous is not None)
        self._show_last_years_s5()
        if previous is None:
            self.statusBar().showMessage("已取消对照上年报告", 6000)
        else:
            n = sum(1 for p in self.doc.problems if p.rule.startswith("Y") or p.rule in ("P03", "P05", "P07"))
            self.statusBar().showMessage(
                f"已对照{previous.unit or ''}{previous.year}年报告：跨年核对发现 {n} 个问题", 10000)

    def save(self) -> bool:
        self.commit_pending_edits()
        path = self.doc.path
        if path is None or path.suffix.lower() not in files.writable():
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        self.commit_pending_edits()
        kinds = sorted(files.writable(), key=lambda k: k != ".xlsx")   # Excel first when available
        report = self.doc.report
        base = self.doc.path.stem if self.doc.path else (report.title or f"{report.unit}{report.year}年政府信息公开工作年度报告")
        folder = Path(self.doc.path.parent if self.doc.path else self.settings.last_folder)
        suggested = str(folder / f"{base}{kinds[0]}")
        path, chosen = QFileDialog.getSaveFileName(self, "另存为", suggested, self._filters(kinds))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in kinds:
            path = path.with_suffix(".xlsx" if "Excel" in (chosen or "") and ".xlsx" in kinds else kinds[0])
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            with self.busy(f"正在保存“{path.name}”…"):
                notices = files.save_report(self.doc.report, path)
        except GovReportIOError as e:
            log.warning("save failed: %s: %s", path, e)
            dialogs.show_error(self, "保存失败", str(e))
            return False
        except Exception:
            log.exception("save crashed: %s", path)
            dialogs.show_error(self, "保存失败", f"保存“{path.name}”时发生内部错误，当前内容未丢失。\n请另存为 JSON 文件并将日志发给技术支持。")
            return False
        self.doc.mark_saved(path)
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self.statusBar().showMessage(f"已保存到“{path}”", 8000)
        if notices:
            dialogs.show_info(self, "保存说明", "\n".join(f"• {t}" for t in notices))
        log.info("saved %s", path)
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files
        if not recent:
            menu.addAction("（无）").setEnabled(False)
            return
        for i, f in enumerate(recent, 1):
            act = menu.addAction(f"&{i} {Path(f).name}")
            act.setToolTip(f)
            act.setStatusTip(f)
            act.triggered.connect(lambda _=False, f=f: self.open_file(f))
        menu.addSeparator()
        menu.addAction("清除列表", lambda: setattr(self.settings, "recent_files", []))

    # ================================================================ print, help

    def print_report(self) -> None:
        from .printing import print_preview

        print_preview(self, self.doc.report)

    def export_pdf(self) -> None:
        from .printing import export_pdf

        report = self.doc.report
        base = self.doc.path.stem if self.doc.path else (report.title or "政府信息公开工作年度报告")
        suggested = str(Path(self.settings.last_folder) / f"{base}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "导出 PDF", suggested, "PDF 文件 (*.pdf)")
        if not path:
            return
        try:
            with self.busy("正在导出 PDF…"):
                export_pdf(report, path)
        except OSError as e:
            dialogs.show_error(self, "导出失败", f"无法写入“{Path(path).name}”：{e.strerror or e}")
            return
        self.statusBar().showMessage(f"已导出 PDF：{path}", 8000)

    def about(self) -> None:
        QMessageBox.about(self, f"关于{APP_NAME}",
                          f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
                          "<p>编写、校验并导出政府信息公开工作年度报告。<br>"
                          "支持2021年格式（国办公开办函〔2021〕30号）和2019年格式（国办公开办函〔2019〕60号）。</p>")

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    # ================================================================ window events

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        event.accept()

    def _dropped_file(self, event) -> Path | None:
        md = event.mimeData()
        if not md.hasUrls():
            return None
        kinds = files.readable()
        for url in md.urls():
            if url.isLocalFile():
                p = Path(url.toLocalFile())
                if p.suffix.lower() in kinds:
                    return p
        return None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)
