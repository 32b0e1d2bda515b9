"""The spreadsheet grid of one official table: spans and widths from the layout, Excel-like keys.

Navigation only ever lands on data cells (labels and headers are part of the picture, not of
the worksheet). Clipboard blocks are tab-separated like Excel/WPS; a paste is validated as a
whole and applied as one undo step, or not at all. How cells are painted and edited is in
grid_delegate.py, the pinned header rows in grid_header.py, the keys in grid_keys.py and the
clipboard blocks in grid_clipboard.py.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFontMetrics, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMenu, QTableView

from ..core.values import ValueRejected, format_value, parse_value
from .grid_balloon import BadInputMixin, CellBalloon
from .grid_clipboard import block_text, describe_lost, parse_block, plan_paste
from .grid_delegate import GridDelegate
from .grid_header import FrozenHeader
from .grid_keys import CURSOR_MOVES, data_order, first_data_index, grid_command, neighbour, paths_under
from .summary_sources import add_to_menu, follow_current
from .table_model import ReportTableModel


class GridView(BadInputMixin, QTableView):
    message = Signal(str)   # rejections and paste results, for the status bar

    def __init__(self, document, table_key: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.table_key = table_key
        self._tall_labels = False
        self.setObjectName(f"grid_{table_key}")
        self._model = ReportTableModel(document, table_key, self)
        self.setModel(self._model)
        self._delegate = GridDelegate(self)
        self.setItemDelegate(self._delegate)
        self._model.rejected.connect(self._rejected)
        self._balloon = CellBalloon(self)
        self._rejecting = False      # a rejection is shown (balloon, status bar) until valid input
        self._pending_paste = None   # (cells, note) of a paste that did not fit: Ctrl+Shift+V
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
        self._tall_labels = any(b.role == "label" and b.rowspan > 1 for b in layout.boxes)
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
        min_h = base.height() + 7    # Excel's row height at 100 %: a dozen rows fit a laptop screen
        heights = [min_h] * layout.n_rows
        tall = []
        for b in layout.boxes:
            if not b.text:
                continue
            fm = bold_fm if b.role in ("header", "title") else base
            width = sum(self.columnWidth(c) for c in range(b.col, b.last_col + 1)) - 10
            h = fm.boundingRect(QRect(0, 0, max(20, width), 10000), int(Qt.TextWordWrap), b.text).height() + 7
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

    def pinned_height(self) -> int:
        """Height of the header rows pinned over the top of the viewport."""
        header = getattr(self, "_header", None)
        return header.pinned_height() if header is not None else 0

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy and self._tall_labels:
            # Qt moves the painted pixels; a tall label centres its text in what is visible, so
            # the viewport is painted anew instead (grid_delegate._shown_part).
            self.viewport().update()

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

    def current_column_key(self) -> str:
        """Column key (C1 … CT) of the current cell; the subtotal hints follow it."""
        path = self._model.path_at(self.currentIndex())
        return path.rsplit(".", 1)[1] if path else "CT"

    def currentChanged(self, current, previous):
        super().currentChanged(current, previous)
        if not getattr(self, "_rejecting", True):   # currentChanged runs during construction too
            self._balloon.hide()
        if self.hasFocus():                          # the user moved: a 汇总's sources panel follows
            follow_current(self.document, self._model.path_at(current))
        if self._model._groups and (current.column() != previous.column()):
            for r, c in self._model._groups:    # repaint the subtotal hints for the new column
                self.update(self._model.index(r, c))

    def first_data_index(self) -> QModelIndex:
        return first_data_index(self._model)

    def move_current(self, move: str) -> None:
        target = neighbour(self._model, self.currentIndex(), move)
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)
        self.setFocus()

    def moveCursor(self, action, modifiers):
        current = self.currentIndex()
        if action in CURSOR_MOVES:
            home = QAbstractItemView.CursorAction.MoveHome
            if action in (home, QAbstractItemView.CursorAction.MoveEnd) and modifiers & Qt.ControlModifier:
                order = data_order(self._model)
                return order[0 if action == home else -1] if order else current
            return neighbour(self._model, current, CURSOR_MOVES[action])
        target = super().moveCursor(action, modifiers)
        return target if self._model.path_at(target) else current

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event):
        if not self._rejecting:
            self._balloon.hide()         # a paste's note goes with the next key
        command = grid_command(event) if self.state() != QAbstractItemView.EditingState else None
        if command == "copy":
            self.copy_selection()
        elif command == "paste":
            self.paste()
        elif command == "clear":
            self.clear_selection()
        elif command is not None:
            self.move_current(command)
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
            paths = paths_under(self._model.layout, box)
            if paths:
                self.select_cells(paths, scroll=False)
            return
        super().mousePressEvent(event)

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

    def paste(self, text: str | None = None) -> bool:
        """Paste an Excel/WPS block: all validated first, then one undo step, or nothing.

        A block that does not fit changes nothing; the user is told which part does not fit
        (at the cell and in the status bar) and paste_fitting() (Ctrl+Shift+V) pastes the rest.
        """
        if text is None:
            text = QGuiApplication.clipboard().text()
        self._pending_paste = None
        block = parse_block(text)
        if len(block) == 1 and len(block[0]) == 1 and len(self.selected_paths()) > 1:
            pairs = [(p, block[0][0]) for p in self.selected_paths()]   # one value fills the selection
            return self._apply_paste(pairs, "")
        current = self.currentIndex()
        start = self._model.layout.box_at(current.row(), current.column())
        plan = plan_paste(self._model.layout, start, block)
        if isinstance(plan, str):
            self._say_at_cell(f"粘贴失败：{plan}，未作任何修改")
            return False
        told = []
        if plan.by_labels:
            told.append(f"按行标签放入 {len(plan.targets)} 行")
        elif plan.label_cols:
            told.append(f"已跳过前 {plan.label_cols} 列文字（行标签）")
        if plan.header_rows:
            told.append(f"已跳过前 {plan.header_rows} 行表头")
        note = "；" + "，".join(told) if told else ""
        if plan.lost():
            name = self._model.table.cell[start.path].name if start is not None and start.path else ""
            fits = len(plan.pairs())
            self._pending_paste = (plan.pairs(), note)
            self._say_at_cell(f"{describe_lost(plan, name)}，未作任何修改。"
                              f"按 Ctrl+Shift+V 只粘贴能放下的 {fits} 个数" if fits else
                              f"{describe_lost(plan, name)}，未作任何修改")
            return False
        return self._apply_paste(plan.pairs(), note)

    def paste_fitting(self) -> bool:
        """The part of the last refused paste that fits (Ctrl+Shift+V), as one undo step."""
        pending, self._pending_paste = self._pending_paste, None
        if not pending:
            self.message.emit("没有放不下的粘贴内容：请直接粘贴（Ctrl+V）")
            return False
        pairs, note = pending
        return self._apply_paste(pairs, note + "，放不下的部分未粘贴")

    def _apply_paste(self, pairs, note: str) -> bool:
        table = self._model.table
        changes = {}
        for path, text_value in pairs:
            spec = table.cell[path]
            try:
                changes[path] = parse_value(text_value, spec.kind)
            except ValueRejected as e:
                self._say_at_cell(f"粘贴失败：{spec.name} 的值“{text_value}”无效（{e}），未作任何修改")
                return False
        self._balloon.hide()
        self.document.set_cells(changes, "粘贴")
        self.select_cells([p for p, _ in pairs], scroll=False)
        self.message.emit(f"已粘贴 {len(changes)} 个单元格{note}")
        return True

    def _say_at_cell(self, text: str) -> None:
        """A paste's trouble, in a balloon at the current cell and in the status bar."""
        cell = self.visualRect(self.currentIndex()).translated(self.viewport().pos())
        self._balloon.show_at(cell, text)
        self.message.emit(text)

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
        add_to_menu(menu, self.document, path)       # 查看数据来源…, on a summed report only
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


__all__ = ["GridView"]
