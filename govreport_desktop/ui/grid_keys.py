"""The grid's keyboard, as in a spreadsheet: which key does what, and where a move lands.

A move only ever lands on a data cell: labels and headers are part of the official picture,
not of the worksheet, so Enter, Tab and the arrows skip them (and the merged cells they span).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from ..core.schema import Box, Layout

_A = QAbstractItemView.CursorAction
# Qt's cursor actions (arrows, Tab, Home/End of the view) → our moves.
CURSOR_MOVES = {_A.MoveUp: "up", _A.MoveDown: "down", _A.MoveLeft: "left", _A.MoveRight: "right",
                _A.MoveNext: "next", _A.MovePrevious: "previous", _A.MoveHome: "home", _A.MoveEnd: "end"}


def editor_move(event) -> str | None:
    """The move a key asks for while a cell editor is open (it commits first), or None."""
    key, mods = event.key(), event.modifiers()
    if key in (Qt.Key_Return, Qt.Key_Enter):
        return "up" if mods & Qt.ShiftModifier else "down"
    return {Qt.Key_Tab: "right", Qt.Key_Backtab: "left", Qt.Key_Up: "up", Qt.Key_Down: "down"}.get(key)


def grid_command(event) -> str | None:
    """What a key pressed on the grid (no editor open) does: copy, paste, clear, or a move;
    None leaves it to Qt (arrows, typing that starts an editor …)."""
    key, mods = event.key(), event.modifiers()
    if event.matches(QKeySequence.Copy):
        return "copy"
    if event.matches(QKeySequence.Paste):
        return "paste"
    if key in (Qt.Key_Delete, Qt.Key_Backspace) and not mods & ~Qt.KeypadModifier:
        return "clear"
    if key in (Qt.Key_Return, Qt.Key_Enter):
        return "up" if mods & Qt.ShiftModifier else "down"
    if key == Qt.Key_Tab and not mods & Qt.ControlModifier:
        return "next"
    if key == Qt.Key_Backtab:
        return "previous"
    return None


def data_box(layout: Layout, r: int, c: int) -> Box | None:
    b = layout.box_at(r, c)
    return b if b is not None and b.role == "data" else None


def first_data_index(model) -> QModelIndex:
    paths = model.data_paths
    return model.index_of(paths[0]) if paths else QModelIndex()


def data_order(model) -> list[QModelIndex]:
    """Every data cell, row by row (Tab order, Ctrl+Home/End)."""
    return sorted((model.index_of(p) for p in model.data_paths), key=lambda i: (i.row(), i.column()))


def _first_data_from(model, layout: Layout, r: int, c: int, dr: int, dc: int) -> QModelIndex | None:
    """The first data cell from (r, c) on, stepping by (dr, dc); None past the edge."""
    while 0 <= r < layout.n_rows and 0 <= c < layout.n_cols:
        nb = data_box(layout, r, c)
        if nb is not None:
            return model.index(nb.row, nb.col)
        r, c = r + dr, c + dc
    return None


def neighbour(model, index: QModelIndex, move: str) -> QModelIndex:
    """The data cell a move from `index` lands on (itself at an edge; the first one from outside)."""
    layout = model.layout
    b = layout.box_at(index.row(), index.column()) if index.isValid() else None
    if b is None or b.role != "data":
        return first_data_index(model)
    r0, c0 = index.row(), index.column()
    found = None
    if move in ("down", "up"):
        step = 1 if move == "down" else -1
        found = _first_data_from(model, layout, (b.last_row + 1) if step > 0 else (b.row - 1), c0, step, 0)
    elif move in ("right", "left", "next", "previous"):
        step = 1 if move in ("right", "next") else -1
        found = _first_data_from(model, layout, r0, (b.last_col + 1) if step > 0 else (b.col - 1), 0, step)
        if found is None and move in ("next", "previous"):   # wrap to the next/previous row with data
            order = data_order(model)
            k = next(i for i, x in enumerate(order) if x.row() == b.row and x.column() == b.col)
            found = order[(k + step) % len(order)]
    elif move == "home":
        found = _first_data_from(model, layout, r0, 0, 0, 1)
    elif move == "end":
        found = _first_data_from(model, layout, r0, layout.n_cols - 1, 0, -1)
    return found if found is not None else index


def paths_under(layout: Layout, box: Box) -> list[str]:
    """Data cells a label stands for: its rows (row labels) or the columns below it (headers)."""
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
