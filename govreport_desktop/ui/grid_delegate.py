"""How a grid cell looks and is edited: problem tints and markers, note corners, subtotal hints,
and an editor that commits like Excel (Enter/Tab move on, a rejected value keeps the editor)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLineF, QModelIndex, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygon, QTextOption
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .grid_keys import editor_move
from .table_model import MARK_COLOUR, MarkerRole, NoteRole

if TYPE_CHECKING:
    from .grid_view import GridView

SELECTION_TINT = QColor(0, 0, 0, 40)   # translucent grey (as in Excel): error/warning tints stay visible, unlike blue
CURRENT_PEN = QColor("#1d6b3a")             # Excel-like border of the current cell
NOTE_COLOUR = QColor("#7b3fa0")
HINT_COLOUR = QColor("#6b7b8c")


class GridDelegate(QStyledItemDelegate):
    """Paints tints, problem markers, note corners and subtotal hints; commits like Excel."""

    def __init__(self, view: GridView):
        super().__init__(view)
        self.view = view
        self.last_commit_ok = True
        self.open_editor: QLineEdit | None = None

    # -- editing

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        editor.setFrame(False)
        editor.textEdited.connect(self.view.typing_changed)
        self.open_editor = editor
        self.last_commit_ok = True
        return editor

    def setModelData(self, editor, model, index):
        self.last_commit_ok = model.setData(index, editor.text(), Qt.EditRole)

    def eventFilter(self, editor, event):
        move = editor_move(event) if event.type() == QEvent.KeyPress and isinstance(editor, QLineEdit) else None
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
        # model.data(), not index.data(): PySide6 6.12's QModelIndex.data() returns None without
        # a reference when the value is invalid, and None's refcount eventually hits zero (crash).
        model = self.view.model()
        box = model.box(index)
        rect = option.rect
        if box is not None and box.role == "label" and box.rowspan > 1:
            self._paint_tall_label(painter, opt, index, box)
        else:
            super().paint(painter, opt, index)
        painter.save()
        if selected:
            painter.fillRect(rect, SELECTION_TINT)
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
        painter.restore()

    def _paint_tall_label(self, painter: QPainter, opt: QStyleOptionViewItem, index: QModelIndex, box) -> None:
        """A merged row label: its text in the middle of the part the grid shows of it (三、本年度
        办理结果 spans 22 rows, more than a laptop screen), above the group's subtotal hint."""
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        area = self._shown_part(opt.rect) if opt.widget is self.view else opt.rect
        if area is None:
            return
        painter.save()
        hint = self.view.model().subtotal_text(box, self.view.current_column_key())
        small = QFont(opt.font)
        small.setPointSizeF(small.pointSizeF() * 0.85)
        hint_h = 2 * QFontMetrics(small).height() + 3 if hint else 0
        text_h = QFontMetrics(opt.font).height() + 4
        if hint and area.height() >= text_h + hint_h:
            painter.setFont(small)
            painter.setPen(HINT_COLOUR)
            painter.drawText(QRectF(area.adjusted(3, 0, -3, -3)), hint, QTextOption(Qt.AlignHCenter | Qt.AlignBottom))
            area = area.adjusted(0, 0, 0, -hint_h)
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.Text))
        painter.drawText(area.adjusted(3, 2, -3, -2), int(Qt.AlignCenter | Qt.TextWordWrap), text)
        painter.restore()

    def _shown_part(self, rect: QRect) -> QRect | None:
        """What the grid shows of `rect` below its pinned header rows (None: nothing)."""
        viewport = self.view.viewport().rect()
        viewport.setTop(self.view.pinned_height())
        shown = rect.intersected(viewport)
        return shown if shown.isValid() else None


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
