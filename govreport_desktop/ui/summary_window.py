"""工具 → 汇总多个单位…: the 汇总 of many unit files in a window of its own.

The files are read by the runner of io/summary_run.py (a process pool) in a QThread, so the
window stays responsive; its progress callback and cancel flag drive the progress bar and 取消.
A cancelled run writes nothing (the runner only collects records in memory); a cancelled or
failed export leaves any earlier file as it was (summary_write.save is atomic).

The options (ui/summary_options.py) are those of `govreport summarize`. A result on screen that
the options chosen since no longer describe is never shown as if it were current: a change of
name or kind retitles the summed report at once, any other change (roster, year, other years)
shows a bar offering 重新汇总 and holds back 打开/导出 until the run is repeated or the option is set
back (the runner keeps no records to re-reduce: memory stays flat in the number of files).

The summed report opens as a **new unsaved document** in the main window, not read-only: the
collecting office's own report is this sum plus texts it writes itself (the core leaves 一–六
empty for the author), so it must be editable and saved under a name of its own. The Summary
goes with it (ui/summary_sources.py): its grids show each summed cell's sources there too.
Hovering a summed cell in the 汇总结果 tables here lists the units behind it.
Double-clicking a unit opens that unit's file through the Session, exactly like 文件 → 打开.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QThread, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QProgressBar, QPushButton, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from ..core.report import default_title
from ..core.summary import (DUPLICATE, HAS_ERRORS, MISSING, OTHER_YEAR, PASSED, SUMMARY_FILE, UNREADABLE,
                            Summary, describe)
from ..io import summary_run, summary_write
from ..io.errors import GovReportIOError
from . import dialogs
from .imported_document import new_unsaved
from .summary_model import UnitFilterProxy, UnitTableModel, summed_view
from .summary_options import Options, OptionsBar, RosterError
from .summary_sources import attach

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
    """The window; `session` is the main window's Session (opening units, the summed report),
    `settings` remembers the options (the session's by default)."""

    finished = Signal(str)       # a run or export ended: "done", "cancelled", "failed"

    def __init__(self, session, parent=None, settings=None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("summary_window")
        self.setWindowTitle("汇总多个单位")
        self.session = session
        self.settings = settings or session.settings
        self.summary: Summary | None = None
        self.ran_with: Options | None = None   # the options of the result shown
        self.inputs: list = []                 # the folders/files of the last run (重新汇总)
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
        self.options = OptionsBar(self.settings)
        self.stale = QWidget()
        self.stale.setObjectName("summary_stale")
        self.stale.setStyleSheet("#summary_stale { background: #fff4d6; }")
        stale = QHBoxLayout(self.stale)
        stale.setContentsMargins(6, 2, 6, 2)
        self.stale_text = QLabel()
        self.stale_text.setWordWrap(True)
        self.rerun = QPushButton("重新汇总(&R)")
        self.rerun.setToolTip("按现在的选项重新读取并汇总上次选择的文件夹或文件")
        stale.addWidget(self.stale_text, 1)
        stale.addWidget(self.rerun)
        self.stale.hide()
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
        layout.addWidget(self.options)
        layout.addWidget(self.stale)
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
        self.options.changed.connect(self._options_changed)
        self.rerun.clicked.connect(lambda: self.start(self.inputs))

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.cancel_button.setEnabled(running)
        for b in (self.pick_folder, self.pick_files, self.options, self.rerun):
            b.setEnabled(not running)
        for b in (self.open_sum, self.export):
            b.setEnabled(not running and self.summary is not None and not self.is_stale())

    # ------------------------------------------------------------ options after a run

    def is_stale(self) -> bool:
        """Do the options chosen now sum other units than the result shown?"""
        return self.ran_with is not None and self.options.options().needs_reading(self.ran_with)

    def _options_changed(self) -> None:
        if self.summary is None:
            return
        now = self.options.options()
        if (now.unit, now.unit_kind) != (self.ran_with.unit, self.ran_with.unit_kind):
            self._retitle(now.unit, now.unit_kind)
        stale = self.is_stale()
        if stale:
            self.stale_text.setText("汇总选项已更改（" + "、".join(_changes(self.ran_with, now)) + "），下方仍是按原选项"
                                    "汇总的结果；请重新汇总，或改回原选项。")
        self.stale.setVisible(stale)
        self._set_running(self._running)

    def _retitle(self, unit: str, kind: str) -> None:
        """Name and kind are only the summed report's metadata: no new run needed."""
        report = self.summary.report
        report.unit, report.unit_kind = unit, kind
        report.title = default_title(unit, report.year) if unit else ""
        self.ran_with = replace(self.ran_with, unit=unit, unit_kind=kind)

    # ------------------------------------------------------------ the run

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择各单位报告所在的文件夹", self.settings.last_folder)
        if folder:
            self.start([folder])

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择要汇总的报告文件", self.settings.last_folder,
                                                "报告文件 (*.xlsx *.xls *.json);;所有文件 (*)")
        if paths:
            self.start(paths)

    def start(self, inputs) -> bool:
        """Read and sum the files in `inputs` (folders searched recursively) with the options
        chosen; False (and a message) when there is nothing to read or the roster is bad."""
        options = self.options.options()
        try:
            roster = self.options.roster_names()
        except RosterError as e:
            dialogs.show_error(self, "报送名单", f"{e}\n\n未开始汇总；请另选名单，或点“不用名单”。")
            return False
        paths, problems = summary_run.expand(inputs)
        if not paths:
            dialogs.show_error(self, "汇总多个单位", "\n".join(problems) or "没有要汇总的报告文件。")
            return False
        self.inputs = list(inputs)
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.status.setText(f"正在读取 {len(paths)} 个文件…")
        jobs = self.jobs
        self._run(Job(lambda progress, cancel: summary_run.summarize_files(
            paths, year=options.year, include_other_years=options.other_years, roster=roster,
            unit=options.unit, unit_kind=options.unit_kind, progress=progress, cancel=cancel, jobs=jobs), self),
            lambda summary: self._show_summary(summary, options))
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

    def _show_summary(self, summary: Summary, options: Options | None = None) -> None:
        self.summary, self.ran_with = summary, options or self.options.options()
        self.stale.hide()
        self._options_changed()           # an option changed while the files were read
        self._set_running(False)
        self.units.set_units(summary.units)
        self.table.resizeColumnsToContents()
        self.results.clear()
        for table in summary.fmt.tables:
            view = summed_view(summary, table.key)
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
        doc = new_unsaved(self.summary.report.copy())
        attach(doc, self.summary)             # the trace-back lives as long as the document
        self.session.set_document(doc)
        self.session.message.emit(f"已打开 {len(self.summary.included)} 个单位的汇总报告（未保存）；"
                                  "鼠标停在汇总数字上可查看数据来源；请补写正文后保存", 12000)
        return True

    def export_dialog(self) -> None:
        if self.summary is None:
            return
        suggested = str(Path(self.settings.last_folder) / f"{self.summary.report.year}年汇总.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出汇总结果", suggested, "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path) -> None:
        """Write the 汇总 workbook in the background (atomic: cancel leaves no partial file)."""
        summary, path = self.summary, Path(path)
        clash = summary_run.output_is_a_unit(path, self.inputs)
        if clash:
            dialogs.show_error(self, "导出汇总结果", clash)
            return
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


def _changes(was: Options, now: Options) -> list[str]:
    """The options that differ, in words (the stale bar)."""
    out = []
    if was.roster != now.roster:
        out.append(f"报送名单：{Path(now.roster).name if now.roster else '不用名单'}")
    if was.year != now.year:
        out.append(f"汇总年度：{f'{now.year}年' if now.year else '自动'}")
    if was.other_years != now.other_years:
        out.append("计入其他年度的报告" if now.other_years else "不计入其他年度的报告")
    return out


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
