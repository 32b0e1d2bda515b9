"""A summed report opened from the 汇总 window keeps its trace-back in the main window.

`attach(document, summary)` makes a `SummarySources` a child of the Document, so the Summary lives
exactly as long as that document is open, and every other document has none (`sources_of` is
None and nothing below shows). The grids then add each summed cell's sources to its tooltip
(`tooltip_lines`, built on summary_model.trace_lines), the context menu gets 查看数据来源, and the
dock 数据来源 lists every unit of one cell, sortable by value; double-clicking a unit opens its file
like 文件 → 打开.

A cell whose value is no longer the summed one (edited, 自动合计, pasted over) has no true sources
any more: it says “已修改，与汇总结果不同” instead. Whether a cell is stale is read from the values
themselves, so an undo back to the summed value takes the mark away with no bookkeeping.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..core.summary import Summary
from ..core.values import format_value
from .summary_model import trace_lines

STALE = "已修改，与汇总结果不同"
SortRole = int(Qt.UserRole)
FileRole = int(Qt.UserRole) + 1


def _shown(value) -> str:
    return format_value(value) if value is not None else "空白"


class SummarySources(QObject):
    """The Summary behind a document; `requested(path)` asks the dock to list a cell's sources,
    `moved(path)` says the user went to another cell (the dock, when shown, follows)."""

    requested = Signal(str)
    moved = Signal(str)

    def __init__(self, summary: Summary, document):
        super().__init__(document)
        self.summary = summary
        self.document = document

    def same_format(self) -> bool:
        """False once the report was converted to the other format: no cell matches the sum."""
        return self.document.report.format == self.summary.fmt.id

    def summed(self, path: str):
        return self.summary.report.cells.get(path)

    def is_stale(self, path: str) -> bool:
        if not self.same_format():
            return True
        now, was = self.document.report.cells.get(path), self.summed(path)
        return now != was            # None != 0: a cleared cell is stale too

    def stale_text(self, path: str) -> str:
        if not self.same_format():
            return "报告已转换格式，与汇总结果不再对应"
        return f"{STALE}（汇总结果为 {_shown(self.summed(path))}）"

    def tooltip_lines(self, path: str) -> list[str]:
        """Rich-text lines for the grid's tooltip of a data cell."""
        if path not in self.summary.fmt.cell:
            return []
        if self.is_stale(path):
            return [f"<b>数据来源</b>：{html.escape(self.stale_text(path))}"]
        lines = trace_lines(self.summary, path)
        return [f"<b>数据来源</b>：{html.escape(lines[0].split('：', 1)[-1])}"] + [html.escape(x) for x in lines[1:]]


def attach(document, summary: Summary) -> SummarySources:
    return SummarySources(summary, document)


def sources_of(document) -> SummarySources | None:
    return document.findChild(SummarySources) if document is not None else None


def add_to_menu(menu, document, path: str | None) -> None:
    """查看数据来源 in a grid's context menu, for a document that came from a 汇总."""
    sources = sources_of(document)
    if sources is None:
        return
    menu.addSeparator()
    action = QAction("查看数据来源…", menu)
    action.setEnabled(bool(path))
    action.triggered.connect(lambda: sources.requested.emit(path))
    menu.addAction(action)


def follow_current(document, path: str | None) -> None:
    """A grid's current cell changed by the user: tell a summed report's dock."""
    sources = sources_of(document)
    if sources is not None and path:
        sources.moved.emit(path)


class SourcesModel(QAbstractTableModel):
    """The units behind one summed cell: 单位, 数值 (blank named), 文件; sorts by value via SortRole."""

    HEADERS = ("单位", "数值", "文件")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if int(role) == int(Qt.DisplayRole) and orientation == Qt.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        unit, value = self._rows[index.row()]
        col, role = index.column(), int(role)
        if role == int(Qt.DisplayRole):
            return (unit.unit or Path(unit.file).name, _shown(value), Path(unit.file).name)[col]
        if role == SortRole:
            if col == 1:
                return -1.0 if value is None else float(value)   # blanks below every 0
            return self.data(index, Qt.DisplayRole)
        if role == int(Qt.ToolTipRole) and col == 2:
            return unit.file
        if role == int(Qt.TextAlignmentRole) and col == 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == FileRole:
            return unit.file
        return None


class SourcesPanel(QWidget):
    """One cell's sources: a heading (the sum, or why it no longer is one) over the unit list."""

    unitActivated = Signal(str)      # the file of the unit double-clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sources: SummarySources | None = None
        self.path: str | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setObjectName("sources_heading")
        self.model = SourcesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setObjectName("sources_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.DescendingOrder)          # largest first, as the tooltip
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)   # the figures always show
        header.setStretchLastSection(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("某某县人民政府办公室") + 160)
        self.table.setToolTip("点列标题排序；双击打开该单位的报告")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda i: self.unitActivated.emit(i.data(FileRole)))
        self.set_sources(None)

    def set_sources(self, sources: SummarySources | None) -> None:
        if self.sources is not None:
            try:
                self.sources.document.cellsChanged.disconnect(self._cells_changed)
                self.sources.document.reportReplaced.disconnect(self.refresh)
            except RuntimeError:         # that document is already gone
                pass
        self.sources, self.path = sources, None
        if sources is not None:
            sources.document.cellsChanged.connect(self._cells_changed)
            sources.document.reportReplaced.connect(self.refresh)
        self.refresh()

    def show_cell(self, path: str | None) -> None:
        self.path = path if self.sources is not None and path in self.sources.summary.fmt.cell else None
        self.refresh()

    def _cells_changed(self, paths) -> None:
        if self.path in paths:
            self.refresh()

    def refresh(self) -> None:
        s, path = self.sources, self.path
        if s is None or path is None:
            self.heading.setText("在汇总报告的表格中右键单元格，选择“查看数据来源”，"
                                 "或选中单元格后按 工具 → 查看数据来源。")
            self.model.set_rows([])
            return
        rows = s.summary.trace(path)
        blank = sum(1 for _u, v in rows if v is None)
        name = html.escape(s.summary.fmt.cell[path].name)
        text = f"<b>{name}</b><br/>汇总 {_shown(s.summed(path))}，来自 {len(rows)} 个单位" + (
            f"（其中 {blank} 个单位空白，按 0 计）" if blank else "")
        if s.is_stale(path):
            text += (f"<br/><span style='color:#c8410b'><b>{html.escape(s.stale_text(path))}</b>，"
                     f"现为 {_shown(s.document.report.cells.get(path))}；下列为汇总时的来源。</span>")
        self.heading.setText(text)
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)


def install(window) -> None:
    """The 数据来源 dock (hidden unless the open document came from a 汇总) and its wiring."""
    panel = SourcesPanel()
    dock = QDockWidget("数据来源", window)
    dock.setObjectName("sources_dock")
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    dock.hide()
    window.sources_dock, window.sources_panel = dock, panel

    def show_cell(path: str) -> None:
        panel.show_cell(path)
        dock.show()
        dock.raise_()

    def document_shown(doc) -> None:
        sources = sources_of(doc)
        panel.set_sources(sources)
        window.actions_.show_sources.setEnabled(sources is not None)
        dock.setVisible(sources is not None)
        if sources is not None:
            sources.requested.connect(show_cell)
            sources.moved.connect(lambda path: panel.show_cell(path) if dock.isVisible() else None)

    def current_cell() -> None:
        grid = window.grids.get(window.tabs.current_table() or "")
        path = grid.model().path_at(grid.currentIndex()) if grid is not None else None
        if path is None:
            window.statusBar().showMessage("请先在表格中选中一个汇总单元格，再查看数据来源", 6000)
            return
        show_cell(path)

    window.session.documentChanged.connect(document_shown)
    window.actions_.show_sources.triggered.connect(current_cell)
    window.actions_.show_sources.setEnabled(False)
    panel.unitActivated.connect(lambda file: window.session.open_file(file))
