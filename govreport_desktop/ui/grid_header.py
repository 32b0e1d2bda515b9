"""The official header rows of a grid, pinned over its top while it scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from .grid_keys import paths_under

if TYPE_CHECKING:
    from .grid_view import GridView


class FrozenHeader(QTableView):
    """The official header rows pinned over the top of the grid while it scrolls (Qt's frozen-
    column recipe, for rows): same model, selection and delegate, no focus, no editing."""

    def __init__(self, grid: GridView):
        super().__init__(grid)
        self.grid = grid
        self.setObjectName(f"{grid.objectName()}_header")
        self.setModel(grid.model())
        self.setSelectionModel(grid.selectionModel())
        self.setItemDelegate(grid.itemDelegate())
        self.setFocusPolicy(Qt.NoFocus)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setFrameShape(QFrame.NoFrame)
        self.setWordWrap(True)
        self.setStyleSheet(grid.styleSheet())
        self.setPalette(grid.palette())
        grid.viewport().stackUnder(self)
        grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)

    def sync(self) -> None:
        layout = self.grid.model().layout
        n = layout.header_rows
        self.clearSpans()
        for b in layout.boxes:
            if b.row < n and (b.rowspan > 1 or b.colspan > 1):
                self.setSpan(b.row, b.col, b.rowspan, b.colspan)
        for c in range(layout.n_cols):
            self.setColumnWidth(c, self.grid.columnWidth(c))
        for r in range(layout.n_rows):
            self.setRowHidden(r, r >= n)
            if r < n:
                self.setRowHeight(r, self.grid.rowHeight(r))
        self.setVisible(n > 0)
        self.place()

    def pinned_height(self) -> int:
        n = self.grid.model().layout.header_rows
        return sum(self.grid.rowHeight(r) for r in range(n)) if self.isVisibleTo(self.grid) else 0

    def place(self) -> None:
        fw = self.grid.frameWidth()
        self.setGeometry(fw, fw, self.grid.viewport().width(), self.pinned_height())
        self.horizontalScrollBar().setValue(self.grid.horizontalScrollBar().value())

    def mousePressEvent(self, event):
        box = self.grid.model().box(self.indexAt(event.position().toPoint()))
        if box is not None and event.button() == Qt.LeftButton:
            paths = paths_under(self.grid.model().layout, box)
            if paths:
                self.grid.select_cells(paths, scroll=False)

    def mouseDoubleClickEvent(self, event):
        event.accept()
