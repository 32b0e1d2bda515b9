"""The problems dock: every problem with a severity marker, rule ID, place and message.

Markers differ in shape as well as colour (circle / triangle / square / tick) so colour-blind
users can tell errors from warnings. A warning the user accepted with a 说明 is shown as
accepted and is not counted as an open warning.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu,
                               QPushButton, QSizePolicy, QTreeView, QVBoxLayout, QWidget)

from ..core.rules import ERROR, INFO, SEVERITY_LABEL, WARNING, Problem
from .calm import TODO

ACCEPTED = "accepted"
COLORS = {ERROR: "#c62828", WARNING: "#b26a00", INFO: "#1565c0", ACCEPTED: "#6b6b6b", TODO: "#2e6b4f"}
LABELS = {**SEVERITY_LABEL, ACCEPTED: "已说明", TODO: "待填写"}

_icons: dict[str, QIcon] = {}


def severity_icon(kind: str) -> QIcon:
    """A small marker whose shape encodes the severity (not only its colour)."""
    if kind in _icons:
        return _icons[kind]
    size = 16
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    color = QColor(COLORS[kind])
    p.setBrush(color)
    p.setPen(Qt.NoPen)
    white = QPen(QColor("white"), 2)
    if kind == ERROR:          # red disc with a cross
        p.drawEllipse(1, 1, 14, 14)
        p.setPen(white)
        p.drawLine(5, 5, 11, 11)
        p.drawLine(11, 5, 5, 11)
    elif kind == WARNING:      # amber triangle with a bar
        p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 15), QPointF(1, 15)]))
        p.setPen(white)
        p.drawLine(8, 6, 8, 10)
        p.drawPoint(8, 13)
    elif kind == INFO:         # blue square with an i
        p.drawRoundedRect(2, 2, 12, 12, 2, 2)
        p.setPen(white)
        p.drawLine(8, 7, 8, 12)
        p.drawPoint(8, 4)
    elif kind == TODO:         # green ring with a dot: a place to begin
        p.setPen(QPen(color, 2))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(2, 2, 12, 12)
        p.setBrush(color)
        p.setPen(Qt.NoPen)
        p.drawEllipse(6, 6, 4, 4)
    else:                      # grey tick: accepted with a 说明
        p.setPen(QPen(color, 2.5))
        p.setBrush(Qt.NoBrush)
        p.drawLine(2, 9, 6, 13)
        p.drawLine(6, 13, 14, 3)
    p.end()
    _icons[kind] = QIcon(pm)
    return _icons[kind]


class ProblemsModel(QAbstractTableModel):
    """Columns: 级别, 规则, 位置, 问题. Qt.UserRole of any column gives the Problem.

    `place(keys)` names where a problem is (the tab titles, e.g. 三、依申请公开（表二））.
    """

    HEADERS = ("级别", "规则", "位置", "问题")

    def __init__(self, parent=None, place=None):
        super().__init__(parent)
        self.place = place or (lambda keys: "")
        self._problems: list[Problem] = []
        self._explanations: dict[str, str] = {}
        self._rows: list[dict[int, tuple]] = []

    def set_problems(self, problems: list[Problem], explanations: dict[str, str]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self._explanations = dict(explanations)
        # Every role of every row computed once: data() is called thousands of times while the
        # view lays out, and PySide6 enum comparisons there are slow.
        self._rows = [self._row(p) for p in self._problems]
        self.endResetModel()

    def _row(self, p: Problem) -> dict[int, tuple]:
        kind = self.kind(p)
        place = self.place(p.cells)
        tip = f"[{LABELS[kind]}] {p.rule} {place}：{p.message}".replace("  ", " ")
        if kind == ACCEPTED:
            tip += f"\n说明：{self._explanations[p.id]}"
        brush = QBrush(QColor(COLORS[kind]))
        return {_DISPLAY: (LABELS[kind], p.rule, place, p.message),
                _DECORATION: (severity_icon(kind), None, None, None),
                _FOREGROUND: (brush,) * 4,
                _TOOLTIP: (tip,) * 4,
                _USER: (p,) * 4}

    def problem(self, row: int) -> Problem | None:
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def kind(self, p: Problem) -> str:
        return ACCEPTED if p.severity == WARNING and p.id in self._explanations else p.severity

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows)) or not (0 <= col < len(self.HEADERS)):
            return None
        values = self._rows[row].get(int(role))
        return None if values is None else values[col]


_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _USER = (
    int(Qt.DisplayRole), int(Qt.DecorationRole), int(Qt.ForegroundRole), int(Qt.ToolTipRole), int(Qt.UserRole))


class ProblemsPanel(QWidget):
    """The list plus an 接受并说明 button; signals go to the main window, which wires them."""

    problemActivated = Signal(object)       # Problem
    acceptRequested = Signal(object)        # Problem (a warning)
    unacceptRequested = Signal(object)

    def __init__(self, parent=None, place=None):
        super().__init__(parent)
        self.model = ProblemsModel(self, place)
        self.view = QTreeView(self)
        self.view.setObjectName("problems")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        header = self.view.header()
        # Fixed widths: ResizeToContents would measure every row on every update.
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.resizeSection(0, 78)
        header.resizeSection(1, 56)
        header.resizeSection(2, 170)
        header.setStretchLastSection(True)
        self.view.clicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())

        self.summary = QLabel(self)
        # A long summary must not widen the window (it would no longer fit a small screen).
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.summary.setMinimumWidth(40)
        self.accept_button = QPushButton("接受警告并说明…", self)
        self.accept_button.setToolTip("确认该警告不是错误，并写明理由；说明随报告保存")
        self.accept_button.clicked.connect(self._accept_current)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.accept_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self._update_button()

    def set_problems(self, problems, explanations) -> None:
        self.model.set_problems(problems, explanations)
        self._update_button()

    def current(self) -> Problem | None:
        idx = self.view.currentIndex()
        return self.model.problem(idx.row()) if idx.isValid() else None

    def _activated(self, index) -> None:
        p = self.model.problem(index.row())
        if p is not None:
            self.problemActivated.emit(p)

    def _update_button(self) -> None:
        p = self.current()
        accepted = p is not None and self.model.kind(p) == ACCEPTED
        self.accept_button.setText("修改说明…" if accepted else "接受警告并说明…")
        self.accept_button.setEnabled(p is not None and p.severity == WARNING)

    def _accept_current(self) -> None:
        p = self.current()
        if p is not None and p.severity == WARNING:
            self.acceptRequested.emit(p)

    def _context_menu(self, pos) -> None:
        idx = self.view.indexAt(pos)
        p = self.model.problem(idx.row()) if idx.isValid() else None
        if p is None:
            return
        menu = QMenu(self)
        menu.addAction("转到", lambda: self.problemActivated.emit(p))
        if p.severity == WARNING:
            accepted = self.model.kind(p) == ACCEPTED
            menu.addAction("修改说明…" if accepted else "接受警告并说明…", lambda: self.acceptRequested.emit(p))
            if accepted:
                menu.addAction("取消接受", lambda: self.unacceptRequested.emit(p))
        menu.exec(self.view.viewport().mapToGlobal(pos))
