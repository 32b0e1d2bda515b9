"""The spreadsheet grid of one official table: spans and widths from the layout, Excel-like keys.

Navigation only ever lands on data cells (labels and headers are part of the picture, not of
the worksheet). Clipboard blocks are tab-separated like Excel/WPS; a paste is validated as a
whole and applied as one undo step, or not at all.
"""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, QRectF, Qt, Signal
from PySide6.QtCore import QLineF, QPoint, QPointF
from PySide6.QtGui import (QAction, QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence, QPainter, QPalette, QPen,
                           QPolygon, QTextOption)
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QFrame, QInputDialog, QLineEdit,
                               QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView)

from ..core.values import ValueRejected, format_value, parse_value
from .table_model import MARK_COLOUR, MarkerRole, NoteRole, ReportTableModel

SELECTION_TINT = QColor(0, 0, 0, 40)   # translucent grey (as in Excel): error/warning tints stay visible, unlike blue
CURRENT_PEN = QColor("#1d6b3a")             # Excel-like border of the current cell
NOTE_COLOUR = QColor("#7b3fa0")
HINT_COLOUR = QColor("#6b7b8c")


# ---------------------------------------------------------------- clipboard text

def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from Excel/WPS clipboard text: tabs, \\r\\n, a trailing newline, quoted cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return [[""]]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')] or [[""]]


def block_text(rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


# ---------------------------------------------------------------- delegate

class GridDelegate(QStyledItemDelegate):
    """Paints tints, problem markers, note corners and subtotal hints; commits like Excel."""

    def __init__(self, view: "GridView"):
        super().__init__(view)
        self.view = view
        self.last_commit_ok = True

    # -- editing

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        editor.setFrame(False)
        return editor

    def setModelData(self, editor, model, index):
        self.last_commit_ok = model.setData(index, editor.text(), Qt.EditRole)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.KeyPress and isinstance(editor, QLineEdit):
            key, mods = event.key(), event.modifiers()
            move = None
            if key in (Qt.Key_Return, Qt.Key_Enter):
                move = "up" if mods & Qt.ShiftModifier else "down"
            elif key == Qt.Key_Tab:
                move = "right"
            elif key == Qt.Key_Backtab:
                move = "left"
            elif key == Qt.Key_Up:
                move = "up"
            elif key == Qt.Key_Down:
                move = "down"
            if move:
                # Commit synchronously (Qt queues Enter), keep the editor open on a rejected value.
                self.commitData.emit(editor)
                if not self.last_commit_ok:
                    editor.selectAll()
                    return True
                self.closeEditor.emit(editor, QAbstractItemDelegate.NoHint)
                self.view.move_current(move)
                return True
        return super().eventFilter(editor, event)

    # -- painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        selected = bool(option.state & QStyle.State_Selected)
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.State_Selected
        opt.state &= ~QStyle.State_HasFocus
        super().paint(painter, opt, index)
        rect = option.rect
        painter.save()
        if selected:
            painter.fillRect(rect, SELECTION_TINT)
        # model.data(), not index.data(): PySide6 6.12's QModelIndex.data() returns None without
        # a reference when the value is invalid, and None's refcount eventually hits zero (crash).
        model = self.view.model()
        box = model.box(index)
        if box is not None and box.role == "data":
            marker = model.data(index, MarkerRole)
            if marker:
                _draw_marker(painter, rect, marker)
            if model.data(index, NoteRole):
                _draw_note_corner(painter, rect)
            if index == self.view.currentIndex():
                painter.setPen(QPen(CURRENT_PEN, 2))
                painter.setBrush(Qt.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
        elif box is not None and box.role == "label":
            hint = model.subtotal_text(box, self.view.current_column_key())
            if hint:
                f = QFont(option.font)
                f.setPointSizeF(f.pointSizeF() * 0.85)
                painter.setFont(f)
                painter.setPen(HINT_COLOUR)
                painter.drawText(QRectF(rect.adjusted(3, 0, -3, -3)), hint, QTextOption(Qt.AlignHCenter | Qt.AlignBottom))
        painter.restore()


def _draw_marker(painter: QPainter, rect: QRect, severity: str) -> None:
    """A shape, not only a colour: ✕ in a red-orange corner triangle for errors, ! in a blue one
    for warnings, a small grey dot for hints."""
    colour = MARK_COLOUR[severity]
    painter.setRenderHint(QPainter.Antialiasing)
    x, y = rect.left() + 1, rect.top() + 1
    if severity == "info":
        painter.setPen(Qt.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(x + 3, y + 3, 5, 5)
        return
    s = 16
    painter.setPen(Qt.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygon([QPoint(x, y), QPoint(x + s, y), QPoint(x, y + s)]))
    painter.setPen(QPen(QColor("white"), 1.7, Qt.SolidLine, Qt.RoundCap))
    if severity == "error":
        painter.drawLine(QLineF(x + 2.5, y + 2.5, x + 7.5, y + 7.5))
        painter.drawLine(QLineF(x + 7.5, y + 2.5, x + 2.5, y + 7.5))
    else:
        painter.drawLine(QLineF(x + 5, y + 2, x + 5, y + 5.5))
        painter.drawPoint(QPointF(x + 5, y + 8.5))


def _draw_note_corner(painter: QPainter, rect: QRect) -> None:
    s = 8
    x, y = rect.right(), rect.top()
    painter.setPen(Qt.NoPen)
    painter.setBrush(NOTE_COLOUR)
    painter.drawPolygon(QPolygon([QPoint(x - s, y), QPoint(x, y), QPoint(x, y + s)]))


# ---------------------------------------------------------------- pinned header rows

class FrozenHeader(QTableView):
    """The official header rows pinned over the top of the grid while it scrolls (Qt's frozen-
    column recipe, for rows): same model, selection and delegate, no focus, no editing."""

    def __init__(self, grid: "GridView"):
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
            paths = self.grid._paths_under(box)
            if paths:
                self.grid.select_cells(paths, scroll=False)

    def mouseDoubleClickEvent(self, event):
        event.accept()


# ---------------------------------------------------------------- view

class GridView(QTableView):
    message = Signal(str)   # rejections and paste results, for the status bar

    def __init__(self, document, table_key: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.table_key = table_key
        self.setObjectName(f"grid_{table_key}")
        self._model = ReportTableModel(document, table_key, self)
        self.setModel(self._model)
        self._delegate = GridDelegate(self)
        self.setItemDelegate(self._delegate)
        self._model.rejected.connect(self.message)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setContextMenuPolicy(Qt.DefaultContextMenu)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setStyleSheet("QTableView { gridline-color: #9aa5b1; background: white; }")
        # The view fills selected cells with Highlight before the delegate paints (PE_PanelItemViewRow);
        # make that transparent: the delegate lays a translucent tint over the problem colours instead.
        pal = self.palette()
        for group in (QPalette.Active, QPalette.Inactive):
            pal.setColor(group, QPalette.Highlight, QColor(0, 0, 0, 0))
            pal.setColor(group, QPalette.HighlightedText, QColor("black"))
        self.setPalette(pal)
        self._header = FrozenHeader(self)
        # Connected after both views exist: their own reset handlers clear the shared selection first.
        self._model.modelReset.connect(self._apply_layout)
        self._apply_layout()

    # ------------------------------------------------------------ layout

    def model(self) -> ReportTableModel:  # typed accessor
        return self._model

    def _apply_layout(self) -> None:
        layout = self._model.layout
        self.clearSpans()
        for b in layout.boxes:
            if b.rowspan > 1 or b.colspan > 1:
                self.setSpan(b.row, b.col, b.rowspan, b.colspan)
        fm = QFontMetrics(self.font())
        unit = fm.horizontalAdvance("0") * 1.15   # one Excel character unit, roughly
        for c in range(layout.n_cols):
            w = layout.col_widths[c] if c < len(layout.col_widths) else 8
            self.setColumnWidth(c, max(36, round(w * unit) + 8))
        self._fit_rows()
        self._header.sync()
        first = self.first_data_index()
        if first.isValid():
            self.setCurrentIndex(first)

    def _fit_rows(self) -> None:
        """Row heights from wrapped label text over the *merged* width (Qt ignores spans here)."""
        layout = self._model.layout
        base = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        bold_fm = QFontMetrics(bold)
        min_h = base.height() + 10
        heights = [min_h] * layout.n_rows
        tall = []
        for b in layout.boxes:
            if not b.text:
                continue
            fm = bold_fm if b.role in ("header", "title") else base
            width = sum(self.columnWidth(c) for c in range(b.col, b.last_col + 1)) - 10
            h = fm.boundingRect(QRect(0, 0, max(20, width), 10000), int(Qt.TextWordWrap), b.text).height() + 10
            if b in self._model_groups():     # room for the two-line subtotal hint
                h += 2 * base.height()
            if b.rowspan == 1:
                heights[b.row] = max(heights[b.row], h)
            else:
                tall.append((b, h))
        for b, h in tall:   # spread what a merged box lacks over its rows
            rows = range(b.row, b.last_row + 1)
            lack = h - sum(heights[r] for r in rows)
            if lack > 0:
                for r in rows:
                    heights[r] += -(-lack // b.rowspan)
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)

    def _model_groups(self):
        layout = self._model.layout
        return {layout.box_at(r, c) for (r, c) in self._model._groups}

    def sizeHintForRow(self, row: int) -> int:
        return self.rowHeight(row)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._header.place()

    def updateGeometries(self):
        super().updateGeometries()
        if hasattr(self, "_header"):
            self._header.place()

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible):
        super().scrollTo(index, hint)
        # Keep the target below the pinned header rows.
        header = getattr(self, "_header", None)   # scrollTo runs during construction too
        if header is not None and index.isValid() and index.row() >= self._model.layout.header_rows:
            hidden = header.pinned_height() - self.visualRect(index).top()
            if hidden > 0:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() - hidden)

    # ------------------------------------------------------------ data cells and navigation

    def data_box(self, r: int, c: int):
        b = self._model.layout.box_at(r, c)
        return b if b is not None and b.role == "data" else None

    def current_column_key(self) -> str:
        """Column key (C1 … CT) of the current cell; the subtotal hints follow it."""
        path = self._model.path_at(self.currentIndex())
        return path.rsplit(".", 1)[1] if path else "CT"

    def currentChanged(self, current, previous):
        super().currentChanged(current, previous)
        if self._model._groups and (current.column() != previous.column()):
            for r, c in self._model._groups:    # repaint the subtotal hints for the new column
                self.update(self._model.index(r, c))

    def first_data_index(self) -> QModelIndex:
        paths = self._model.data_paths
        return self._model.index_of(paths[0]) if paths else QModelIndex()

    def _neighbour(self, index: QModelIndex, move: str):
        layout = self._model.layout
        b = layout.box_at(index.row(), index.column()) if index.isValid() else None
        if b is None or b.role != "data":
            return self.first_data_index()
        r0, c0 = index.row(), index.column()
        if move in ("down", "up"):
            step = 1 if move == "down" else -1
            r = (b.last_row + 1) if step > 0 else (b.row - 1)
            while 0 <= r < layout.n_rows:
                nb = self.data_box(r, c0)
                if nb is not None:
                    return self._model.index(nb.row, nb.col)
                r += step
            return index
        if move in ("right", "left", "next", "previous"):
            step = 1 if move in ("right", "next") else -1
            c = (b.last_col + 1) if step > 0 else (b.col - 1)
            while 0 <= c < layout.n_cols:
                nb = self.data_box(r0, c)
                if nb is not None:
                    return self._model.index(nb.row, nb.col)
                c += step
            if move in ("next", "previous"):   # wrap to the next/previous row with data
                order = [self._model.index_of(p) for p in self._model.data_paths]
                order.sort(key=lambda i: (i.row(), i.column()))
                k = next(i for i, x in enumerate(order) if x.row() == b.row and x.column() == b.col)
                return order[(k + step) % len(order)]
            return index
        if move in ("home", "end"):
            cols = range(layout.n_cols) if move == "home" else range(layout.n_cols - 1, -1, -1)
            for c in cols:
                nb = self.data_box(r0, c)
                if nb is not None:
                    return self._model.index(nb.row, nb.col)
        return index

    def move_current(self, move: str) -> None:
        target = self._neighbour(self.currentIndex(), move)
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)
        self.setFocus()

    def moveCursor(self, action, modifiers):
        A = QAbstractItemView.CursorAction
        moves = {A.MoveUp: "up", A.MoveDown: "down", A.MoveLeft: "left", A.MoveRight: "right",
                 A.MoveNext: "next", A.MovePrevious: "previous", A.MoveHome: "home", A.MoveEnd: "end"}
        current = self.currentIndex()
        if action in moves:
            if action in (A.MoveHome, A.MoveEnd) and modifiers & Qt.ControlModifier:
                order = sorted((self._model.index_of(p) for p in self._model.data_paths),
                               key=lambda i: (i.row(), i.column()))
                return order[0 if action == A.MoveHome else -1] if order else current
            return self._neighbour(current, moves[action])
        target = super().moveCursor(action, modifiers)
        return target if self._model.path_at(target) else current

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event):
        if self.state() == QAbstractItemView.EditingState:
            return super().keyPressEvent(event)
        key, mods = event.key(), event.modifiers()
        if event.matches(QKeySequence.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.Paste):
            self.paste()
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and not mods & ~Qt.KeypadModifier:
            self.clear_selection()
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.move_current("up" if mods & Qt.ShiftModifier else "down")
        elif key == Qt.Key_Tab and not mods & Qt.ControlModifier:
            self.move_current("next")
        elif key == Qt.Key_Backtab:
            self.move_current("previous")
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab belongs to the grid (move right), as in a spreadsheet.
        return False if self.state() != QAbstractItemView.EditingState else super().focusNextPrevChild(forward)

    # ------------------------------------------------------------ mouse: labels select their data

    def mousePressEvent(self, event):
        index = self.indexAt(event.position().toPoint())
        box = self._model.box(index)
        if box is not None and box.role != "data" and event.button() == Qt.LeftButton:
            paths = self._paths_under(box)
            if paths:
                self.select_cells(paths, scroll=False)
            return
        super().mousePressEvent(event)

    def _paths_under(self, box) -> list[str]:
        """Data cells a label stands for: its rows (row labels) or the columns below it (headers)."""
        layout = self._model.layout
        out = []
        if box.role == "label":
            for r in range(box.row, box.last_row + 1):
                for c in range(layout.n_cols):
                    b = layout.box_at(r, c)
                    if b and b.role == "data" and (b.row, b.col) == (r, c):
                        out.append(b.path)
        elif box.role == "header":
            r = box.last_row + 1
            while r < layout.n_rows and all((b := layout.box_at(r, c)) is not None and b.role == "header"
                                            for c in range(box.col, box.last_col + 1)):
                r += 1
            while r < layout.n_rows:
                row = [layout.box_at(r, c) for c in range(box.col, box.last_col + 1)]
                if not any(b is not None and b.role == "data" for b in row):
                    break
                for b in row:
                    if b and b.role == "data" and b.path not in out:
                        out.append(b.path)
                r += 1
        return out

    # ------------------------------------------------------------ selection API

    def select_cells(self, paths, scroll: bool = True) -> None:
        """Select these cells (those of this table) and make the first one current and visible."""
        indexes = [self._model.index_of(p) for p in paths]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        sm = self.selectionModel()
        selection = QItemSelection()
        for i in indexes:
            selection.select(i, i)
        sm.setCurrentIndex(indexes[0], QItemSelectionModel.NoUpdate)
        sm.select(selection, QItemSelectionModel.ClearAndSelect)
        if scroll:
            self.scrollTo(indexes[0])
        self.setFocus()

    def selected_paths(self) -> list[str]:
        paths = [self._model.path_at(i) for i in self.selectionModel().selectedIndexes()]
        paths = [p for p in paths if p]
        if not paths:
            p = self._model.path_at(self.currentIndex())
            paths = [p] if p else []
        pos = self._model.layout.position
        return sorted(set(paths), key=lambda p: pos[p])

    # ------------------------------------------------------------ clipboard and clearing

    def copy_selection(self) -> None:
        paths = self.selected_paths()
        if not paths:
            return
        pos = self._model.layout.position
        cells = self.document.report.cells
        rows: dict[int, list[str]] = {}
        for p in paths:
            rows.setdefault(pos[p][0], []).append(format_value(cells.get(p)))
        QGuiApplication.clipboard().setText(block_text([rows[r] for r in sorted(rows)]))
        self.message.emit(f"已复制 {len(paths)} 个单元格")

    def _targets(self, start: QModelIndex, n_rows: int, n_cols: int) -> list[list[str]] | str:
        """Data cells for an n_rows × n_cols block from `start`, row by row in layout order."""
        layout = self._model.layout
        b = self._model.layout.box_at(start.row(), start.column())
        if b is None or b.role != "data":
            return "请先选中要粘贴到的起始单元格"
        out = []
        r = b.row
        while len(out) < n_rows and r < layout.n_rows:
            row, c = [], b.col
            while c < layout.n_cols and len(row) < n_cols:
                nb = layout.box_at(r, c)
                if nb is not None and nb.role == "data" and nb.row == r:
                    row.append(nb.path)
                c = (nb.last_col + 1) if nb is not None else c + 1
            if row:
                if len(row) < n_cols:
                    return f"粘贴区域（{n_rows} 行 × {n_cols} 列）超出表格右边界"
                out.append(row)
            r += 1
        if len(out) < n_rows:
            return f"粘贴区域（{n_rows} 行 × {n_cols} 列）超出表格下边界"
        return out

    def paste(self, text: str | None = None) -> bool:
        """Paste an Excel/WPS block at the current cell: all validated first, then one undo step."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_block(text)
        n_cols = max(len(r) for r in block)
        block = [r + [""] * (n_cols - len(r)) for r in block]
        table = self._model.table
        if len(block) == 1 and n_cols == 1 and len(self.selected_paths()) > 1:
            targets = [[p] for p in self.selected_paths()]   # one value fills the selection
            block = [block[0]] * len(targets)
        else:
            targets = self._targets(self.currentIndex(), len(block), n_cols)
            if isinstance(targets, str):
                self.message.emit(f"粘贴失败：{targets}，未作任何修改")
                return False
        changes = {}
        for values, paths in zip(block, targets):
            for text_value, path in zip(values, paths):
                spec = table.cell[path]
                try:
                    changes[path] = parse_value(text_value, spec.kind)
                except ValueRejected as e:
                    self.message.emit(f"粘贴失败：{spec.name} 的值“{text_value}”无效（{e}），未作任何修改")
                    return False
        self.document.set_cells(changes, "粘贴")
        self.select_cells([p for row in targets for p in row], scroll=False)
        self.message.emit(f"已粘贴 {len(changes)} 个单元格")
        return True

    def clear_selection(self) -> None:
        paths = [p for p in self.selected_paths() if self.document.report.cells.get(p) is not None]
        if paths and self.document.set_cells({p: None for p in paths}, "清除内容"):
            self.message.emit(f"已清除 {len(paths)} 个单元格")

    # ------------------------------------------------------------ context menu and notes

    def contextMenuEvent(self, event):
        self.context_menu(self.indexAt(event.pos())).exec(event.globalPos())

    def context_menu(self, index: QModelIndex) -> QMenu:
        """复制 粘贴 清除内容 | 编辑备注… for the cell under the mouse (it becomes current)."""
        path = self._model.path_at(index)
        if path and path not in self.selected_paths():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        for text, slot, keys in (("复制", self.copy_selection, QKeySequence.Copy),
                                 ("粘贴", self.paste, QKeySequence.Paste),
                                 ("清除内容", self.clear_selection, QKeySequence.Delete)):
            action = QAction(text, menu)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, s=slot: s())
            action.setEnabled(bool(path) or text == "复制" and bool(self.selected_paths()))
            menu.addAction(action)
        menu.addSeparator()
        note = QAction("编辑备注…", menu)
        note.setEnabled(bool(path))
        note.triggered.connect(lambda: self.edit_note(path))
        menu.addAction(note)
        return menu

    def edit_note(self, path: str | None = None) -> None:
        path = path or self._model.path_at(self.currentIndex())
        if not path:
            return
        spec = self._model.table.cell[path]
        old = self.document.report.notes.get(path, "")
        text, ok = QInputDialog.getMultiLineText(self, "编辑备注", f"{spec.name} 的备注（保存在文件中）：", old)
        if ok:
            self.document.set_note(path, text.strip())


__all__ = ["GridView", "GridDelegate", "parse_block", "block_text"]
