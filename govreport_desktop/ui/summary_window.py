"""工具 → 汇总多个单位…: the 汇总 of many unit files in a window of its own.

The files are read by the runner of io/summary_run.py (a process pool) in a QThread, so the
window stays responsive; its progress callback and cancel flag drive the progress bar and 取消.
A cancelled run writes nothing (the runner only collects records in memory); a cancelled or
failed export leaves any earlier file as it was (summary_write.save is atomic).

The summed report opens as a **new unsaved document** in the main window, not read-only: the
collecting office's own report is this sum plus texts it writes itself (the core leaves 一–六
empty for the author), so it must be editable and saved under a name of its own. Its
trace-back stays here: hovering a summed cell in the 汇总结果 tables lists the units behind it.
Double-clicking a unit opens that unit's file through the Session, exactly like 文件 → 打开.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QProgressBar, QPushButton, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from ..core.summary import (DUPLICATE, HAS_ERRORS, MISSING, OTHER_YEAR, PASSED, SUMMARY_FILE, UNREADABLE,
                            Summary, describe)
from ..io import summary_run, summary_write
from ..io.errors import GovReportIOError
from . import dialogs
from .imported_document import new_unsaved
from .summary_model import SummedTableModel, UnitFilterProxy, UnitTableModel

log = logging.getLogger(__name__)

STATUSES = (PASSED, HAS_ERRORS, UNREADABLE, DUPLICATE, OTHER_YEAR, MISSING, SUMMARY_FILE)
ALL = "全部状态"


class Job(QThread):
    """`work(progress, cancel)` in a thread; the outcome comes back as a signal."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work, parent=None):
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop.is_set)
        except summary_run.Cancelled:
            self.cancelled.emit()
        except GovReportIOError as e:
            self.failed.emit(str(e))
        except Exception as e:   # a defect must not take the window down with it
            log.exception("汇总 job failed")
            self.failed.emit(f"汇总时发生内部错误（{type(e).__name__}），请将日志发给技术支持。")
        else:
            self.succeeded.emit(result)


class SummaryWindow(QWidget):
    """The window; `session` is the main window's Session (opening units, the summed report)."""

    finished = Signal(str)       # a run or export ended: "done", "cancelled", "failed"

    def __init__(self, session, parent=None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("summary_window")
        self.setWindowTitle("汇总多个单位")
        self.session = session
        self.summary: Summary | None = None
        self.job: Job | None = None
        self.jobs: int | None = None          # worker processes (None: every core)
        self._build()
        self._set_running(False)

    # ------------------------------------------------------------ widgets

    def _build(self) -> None:
        top = QHBoxLayout()
        self.pick_folder = QPushButton("选择文件夹(&D)…")
        self.pick_files = QPushButton("选择文件(&F)…")
        self.open_sum = QPushButton("打开汇总报告(&O)")
        self.open_sum.setToolTip("将汇总结果作为新的未保存报告在主窗口中打开，可补写正文后保存")
        self.export = QPushButton("导出汇总结果(&E)…")
        self.export.setToolTip("写出汇总工作簿：汇总报告、单位情况、数据来源、内容雷同")
        for b in (self.pick_folder, self.pick_files, self.open_sum, self.export):
            top.addWidget(b)
        top.addStretch(1)
        bar = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("取消(&C)")
        self.status = QLabel("请选择各单位报告所在的文件夹，或选择若干报告文件。")
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        filters = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.addItems([ALL, *STATUSES])
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("按单位、文件名或说明筛选")
        self.text_filter.setClearButtonEnabled(True)
        filters.addWidget(QLabel("状态："))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.text_filter, 1)

        self.units = UnitTableModel(self)
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.units)
        self.table = QTableView()
        self.table.setObjectName("summary_units")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.AscendingOrder)     # file order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip("双击打开该单位的报告")
        self.results = QTabWidget()
        self.results.setObjectName("summary_results")
        self.similar = QListWidget()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(filters)
        lv.addWidget(self.table)
        split = QSplitter(Qt.Vertical)        # 表二 is wide: the summed tables get the full width
        split.addWidget(left)
        split.addWidget(self.results)
        split.setSizes([320, 400])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self.pick_folder.clicked.connect(self.choose_folder)
        self.pick_files.clicked.connect(self.choose_files)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_sum.clicked.connect(self.open_summed_report)
        self.export.clicked.connect(self.export_dialog)
        self.status_filter.currentTextChanged.connect(lambda t: self.proxy.set_status("" if t == ALL else t))
        self.text_filter.textChanged.connect(self.proxy.set_text)
        self.table.doubleClicked.connect(self.open_unit)

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        for b in (self.pick_folder, self.pick_files):
            b.setEnabled(not running)
        for b in (self.open_sum, self.export):
            b.setEnabled(not running and self.summary is not None)

    # ------------------------------------------------------------ the run

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择各单位报告所在的文件夹", self.session.settings.last_folder)
        if folder:
            self.start([folder])

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择要汇总的报告文件", self.session.settings.last_folder,
                                                "报告文件 (*.xlsx *.xls *.json);;所有文件 (*)")
        if paths:
            self.start(paths)

    def start(self, inputs) -> bool:
        """Read and sum the files in `inputs` (folders searched recursively); False if none."""
        paths, problems = summary_run.expand(inputs)
        if not paths:
            dialogs.show_error(self, "汇总多个单位", "\n".join(problems) or "没有要汇总的报告文件。")
            return False
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.status.setText(f"正在读取 {len(paths)} 个文件…")
        jobs = self.jobs
        self._run(Job(lambda progress, cancel: summary_run.summarize_files(
            paths, progress=progress, cancel=cancel, jobs=jobs), self), self._show_summary)
        return True

    def _run(self, job: Job, on_success) -> None:
        # Bound methods of this widget as slots: the thread's signals are then queued to the GUI thread.
        self.job, self._on_success = job, on_success
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(self._job_ended)
        self._set_running(True)
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _succeeded(self, result) -> None:
        self._set_running(False)
        self._on_success(result)

    def _job_ended(self) -> None:
        self._set_running(False)

    def cancel(self) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.status.setText("正在取消…")

    def _cancelled(self) -> None:
        self._set_running(False)
        self.status.setText("已取消，未写入任何文件。" + ("（仍显示上一次的汇总结果）" if self.summary else ""))
        self.finished.emit("cancelled")

    def _failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText(message)
        dialogs.show_error(self, "汇总多个单位", message)
        self.finished.emit("failed")

    def _show_summary(self, summary: Summary) -> None:
        self.summary = summary
        self._set_running(False)
        self.units.set_units(summary.units)
        self.table.resizeColumnsToContents()
        self.results.clear()
        for table in summary.fmt.tables:
            view = QTableView()
            view.setObjectName(f"summed_{table.key}")
            model = SummedTableModel(summary, table.key, view)
            view.setModel(model)
            for r, c, rs, cs in model.spans():
                view.setSpan(r, c, rs, cs)
            view.horizontalHeader().hide()
            view.verticalHeader().hide()
            view.setWordWrap(True)
            unit = view.fontMetrics().horizontalAdvance("0") * 1.15     # Excel's character unit
            widths = model.layout.col_widths
            for c in range(model.columnCount()):
                view.setColumnWidth(c, max(36, round((widths[c] if c < len(widths) else 8) * unit) + 8))
            view.resizeRowsToContents()
            # Qt gives every row under a tall merged box that box's whole height: header rows keep
            # one line each (the merged boxes share them; the corner note still fits on two lines)
            line = view.verticalHeader().defaultSectionSize()
            for r in range(model.layout.header_rows):
                view.setRowHeight(r, min(view.rowHeight(r), round(line * 1.4)))
            self.results.addTab(view, f"汇总{table.name}")
        self.similar.clear()
        self.similar.addItems([describe(s, summary) for s in summary.similar] or ["未发现内容雷同或数据完全相同的单位。"])
        self.results.addTab(self.similar, f"内容雷同（{len(summary.similar)}）")
        n = len(summary.included)
        bad = summary.count(UNREADABLE)
        self.status.setText(f"已汇总 {n} 个单位（{summary.report.year}年，{summary.fmt.short_name}）；"
                            f"有错误 {summary.count(HAS_ERRORS)}，无法读取 {bad}，重复 {summary.count(DUPLICATE)}，"
                            f"年度不符 {summary.count(OTHER_YEAR)}，未报送 {summary.count(MISSING)}。"
                            "鼠标停在汇总数字上可查看数据来源。")
        self.finished.emit("done")

    # ------------------------------------------------------------ what the result gives

    def open_unit(self, index) -> bool:
        """Double-click: that unit's file in the main window (保存更改？ first, as 文件 → 打开)."""
        row = self.units.unit_at(self.proxy.mapToSource(index).row())
        if not row.file:
            self.status.setText(f"“{row.unit}”未报送，没有可打开的文件。")
            return False
        opened = self.session.open_file(row.file)
        if opened and self.parent() is not None:
            self.parent().raise_()
            self.parent().activateWindow()
        return opened

    def open_summed_report(self) -> bool:
        if self.summary is None or not self.session.maybe_save():
            return False
        self.session.set_document(new_unsaved(self.summary.report.copy()))
        self.session.message.emit(f"已打开 {len(self.summary.included)} 个单位的汇总报告（未保存）；"
                                  "请补写正文后保存", 12000)
        return True

    def export_dialog(self) -> None:
        if self.summary is None:
            return
        suggested = str(Path(self.session.settings.last_folder) / f"{self.summary.report.year}年汇总.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出汇总结果", suggested, "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path) -> None:
        """Write the 汇总 workbook in the background (atomic: cancel leaves no partial file)."""
        summary, path = self.summary, Path(path)
        self.status.setText(f"正在写入“{path.name}”…")
        self.progress.setRange(0, 0)            # busy: the writer reports no steps

        def done(notices) -> None:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.status.setText(f"已导出汇总结果：{path}" + ("；" + "；".join(notices) if notices else ""))
            self.finished.emit("done")
        self._run(Job(lambda _progress, cancel: summary_write.save(summary, path, cancel), self), done)

    def closeEvent(self, event) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)


def show_for(window) -> SummaryWindow:
    """The window's single 汇总 window, created on first use."""
    existing = getattr(window, "summary_window", None)
    if existing is None:
        existing = window.summary_window = SummaryWindow(window.session, window)
        existing.resize(1200, 720)
    existing.show()
    existing.raise_()
    existing.activateWindow()
    return existing
