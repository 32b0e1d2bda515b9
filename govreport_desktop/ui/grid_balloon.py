"""Bad input explained at the cell: a balloon under the cell editor with the reason and what
the cell accepts, shown while the typed text is not valid and gone as soon as it is."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QLabel, QWidget

from ..core.schema import Kind
from ..core.values import ValueRejected, parse_value

EXAMPLES = {
    Kind.COUNT: "可以填：0、3、12（阿拉伯数字，不带“件”字）",
    Kind.SIGNED: "可以填：5、0、-2（减少时为负数）",
    Kind.MONEY: "可以填：0、1.5、12.3456（单位为万元，不带单位）",
    Kind.AMOUNT: "可以填：0、2510.5（不带单位；单位在表格上方选择）",
}
_CHINESE_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_DIGIT = re.compile(r"[0-9０-９]")


def advice(text: str, kind: Kind) -> str:
    """What to type instead, for the usual mistakes: 十二, 3件, 约5 …, then an example."""
    text = text.strip()
    tips = []
    if _CHINESE_NUMERALS.search(text) and not _DIGIT.search(text):
        tips.append("请用阿拉伯数字，如“十二”填 12")
    elif _DIGIT.search(text) and re.search(r"[^\d０-９.,，。\s+\-－]", text):
        tips.append("只填数字，“件”“万元”“约”等文字不要填；需要说明时写在备注里（Shift+F2）")
    return "\n".join(tips + [EXAMPLES[kind]])


class CellBalloon(QLabel):
    """A small note pinned under (or above) a cell of the grid; not a window, so it never takes
    the focus and needs no window manager."""

    def __init__(self, grid: QWidget):
        super().__init__(grid)
        self.setObjectName("cell_balloon")
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setFocusPolicy(Qt.NoFocus)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setStyleSheet("QLabel { background: #fff4e5; color: #5a2a00; border: 1px solid #c8410b;"
                           " border-radius: 4px; padding: 5px 8px; }")
        self.hide()

    def show_at(self, cell: QRect, text: str) -> None:
        """Show `text` next to `cell` (in the grid's coordinates), inside the grid."""
        grid = self.parentWidget()
        self.setText(text)
        width = min(420, max(220, grid.width() - 16))
        self.setFixedWidth(width)
        self.adjustSize()
        x = min(max(4, cell.left()), grid.width() - width - 4)
        y = cell.bottom() + 3
        if y + self.height() > grid.height() - 4:         # no room below: above the cell
            y = max(4, cell.top() - self.height() - 3)
        self.move(QPoint(x, y))
        self.show()
        self.raise_()


class BadInputMixin:
    """GridView's side of it: the model refused a typed value → the balloon; the editor's text
    became valid, or the edit was left → the balloon goes and the status bar is cleared.
    Uses the grid's _model, _delegate, _balloon, _rejecting and message."""

    def _rejected(self, reason: str) -> None:
        """The typed value was refused: say why at the cell (and in the status bar)."""
        index = self.currentIndex()
        path = self._model.path_at(index)
        if path is None:
            self.message.emit(reason)
            return
        kind = self._model.table.cell[path].kind
        editor = self._delegate.open_editor
        typed = editor.text() if editor is not None else ""
        cell = self.visualRect(index).translated(self.viewport().pos())
        self._balloon.show_at(cell, f"{reason}\n{advice(typed, kind)}")
        self._rejecting = True
        self.message.emit(reason)

    def typing_changed(self, text: str) -> None:
        """While the balloon is up, it goes as soon as the text in the editor would be taken."""
        if not self._rejecting:
            return
        path = self._model.path_at(self.currentIndex())
        try:
            parse_value(text, self._model.table.cell[path].kind)
        except (ValueRejected, KeyError):
            return
        self._clear_rejection()

    def _clear_rejection(self) -> None:
        if self._rejecting:
            self._rejecting = False
            self._balloon.hide()
            self.message.emit("")        # the status bar drops the stale reason

    def closeEditor(self, editor, hint):
        super().closeEditor(editor, hint)
        self._delegate.open_editor = None
        if self._delegate.last_commit_ok or hint == QAbstractItemDelegate.RevertModelCache:
            self._clear_rejection()
        else:
            self._balloon.hide()         # left with a refused value: the status bar still says why

    def balloon_text(self) -> str:
        """What the balloon at the cell says, or "" when it is not shown."""
        return self._balloon.text() if self._balloon.isVisible() else ""
