"""Qt models of the 汇总 window: the unit table (with its filter proxy) and the summed tables.

`UnitTableModel` shows `Summary.units` in the columns the 单位情况 sheet has (core/summary.py
UNIT_COLUMNS), numbers as numbers so that sorting by 错误 is numeric; `UnitFilterProxy` filters it
by status and by a text found in file, unit or note. `SummedTableModel` shows one summed table
read-only in the official layout, and its tooltip on a summed cell is the trace-back: every unit
behind the cell and how much each contributed (Summary.trace), blanks named as such.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from ..core.summary import HAS_ERRORS, MISSING, UNIT_COLUMNS, UNREADABLE, Summary, UnitRow, unit_cell
from ..core.values import format_value

RowRole = int(Qt.UserRole)           # the UnitRow of a unit-table row
PathRole = int(Qt.UserRole) + 1      # the cell path of a summed data cell
TRACE_SHOWN = 15                     # units listed in a tooltip; the rest are counted

_STATUS_FILL = {HAS_ERRORS: "#fcd3bf", UNREADABLE: "#f4c7c3", MISSING: "#eeeeee"}
_NUMERIC = {"year", "errors", "warnings"}
_COLUMN = {attr: i for i, (attr, _h) in enumerate(UNIT_COLUMNS)}


class UnitTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[UnitRow] = []

    def set_units(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def unit_at(self, row: int) -> UnitRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(UNIT_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(UNIT_COLUMNS):
            return UNIT_COLUMNS[section][1]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        attr = UNIT_COLUMNS[index.column()][0]
        role = int(role)
        if role == int(Qt.DisplayRole):
            value = unit_cell(row, attr)
            if attr == "file":
                return Path(value).name if value else ""
            return "" if value is None else value if attr in _NUMERIC else str(value)
        if role == int(Qt.ToolTipRole):
            if attr == "file":
                return row.file or "（未收到文件）"
            if attr == "note" and row.note:
                return row.note
            return None
        if role == int(Qt.BackgroundRole) and attr == "status" and row.status in _STATUS_FILL:
            return QBrush(QColor(_STATUS_FILL[row.status]))
        if role == int(Qt.TextAlignmentRole) and attr in _NUMERIC:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == RowRole:
            return row
        return None


class UnitFilterProxy(QSortFilterProxyModel):
    """Rows of one status (or all) that contain a text in file, unit or note (case ignored)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = ""
        self._text = ""
        self.setSortRole(int(Qt.DisplayRole))

    def set_status(self, status: str) -> None:
        self._refilter("_status", status)

    def set_text(self, text: str) -> None:
        self._refilter("_text", text.strip().casefold())

    def _refilter(self, attr: str, value: str) -> None:
        if not hasattr(QSortFilterProxyModel, "Direction"):    # before Qt 6.10
            setattr(self, attr, value)
            self.invalidateFilter()
            return
        self.beginFilterChange()          # Qt 6.10+: the pair replaces invalidateFilter()
        setattr(self, attr, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        row = self.sourceModel().unit_at(source_row)
        if self._status and row.status != self._status:
            return False
        if self._text:
            return any(self._text in (v or "").casefold() for v in (row.file, row.unit, row.note))
        return True

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(), right.data()
        if isinstance(a, int) != isinstance(b, int):   # blanks ("") after the numbers, either way
            return isinstance(a, int) == (self.sortOrder() == Qt.AscendingOrder)
        return a < b


def trace_lines(summary: Summary, path: str, shown: int = TRACE_SHOWN) -> list[str]:
    """The trace-back of a summed cell as lines: the total, then unit by unit (largest first)."""
    spec = summary.fmt.cell[path]
    value = summary.report.cells.get(path)
    sources = summary.trace(path)
    given = sorted(((u, v) for u, v in sources if v is not None), key=lambda uv: -uv[1])
    blank = [u for u, v in sources if v is None]
    lines = [f"{spec.name}：汇总 {format_value(value) if value is not None else '空白'}"
             f"（{len(sources)} 个单位）"]
    for u, v in given[:shown]:
        lines.append(f"　{u.unit or Path(u.file).name}：{format_value(v)}")
    if len(given) > shown:
        rest = sum(v for _u, v in given[shown:])
        lines.append(f"　其余 {len(given) - shown} 个单位合计：{format_value(rest)}")
    if blank:
        names = "、".join(u.unit or Path(u.file).name for u in blank[:3])
        lines.append(f"　空白（按 0 计）{len(blank)} 个单位：{names}{'等' if len(blank) > 3 else ''}")
    return lines


class SummedTableModel(QAbstractTableModel):
    """One summed table (表一/表二/表三) in the printed layout; read-only; trace-back as tooltip."""

    def __init__(self, summary: Summary, table_key: str, parent=None):
        super().__init__(parent)
        self.summary = summary
        self.layout = summary.fmt.table[table_key].layout
        self._boxes = {(r, c): self.layout.box_at(r, c)
                       for r in range(self.layout.n_rows) for c in range(self.layout.n_cols)}

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_cols

    def spans(self):
        """(row, col, rowspan, colspan) of every merged box, for QTableView.setSpan."""
        return [(b.row, b.col, b.rowspan, b.colspan) for b in self.layout.boxes if b.rowspan > 1 or b.colspan > 1]

    def flags(self, index: QModelIndex):
        if self._boxes.get((index.row(), index.column())) is None:
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        b = self._boxes.get((index.row(), index.column()))
        if b is None:
            return None
        role = int(role)
        data = b.role == "data"
        if role == int(Qt.DisplayRole):
            return format_value(self.summary.report.cells.get(b.path)) if data else b.text
        if role == int(Qt.ToolTipRole):
            if not data:
                return b.tooltip or None
            return "<br/>".join(html.escape(line) for line in trace_lines(self.summary, b.path))
        if role == int(Qt.TextAlignmentRole):
            return int(Qt.AlignRight | Qt.AlignVCenter) if data else int(Qt.AlignCenter)
        if role == int(Qt.BackgroundRole) and b.role in ("header", "title"):
            return QBrush(QColor("#eef1f5"))
        if role == PathRole:
            return b.path if data else None
        return None


def summed_view(summary: Summary, table_key: str) -> QTableView:
    """A read-only view of one summed table in the printed layout (spans, Excel widths)."""
    view = QTableView()
    view.setObjectName(f"summed_{table_key}")
    model = SummedTableModel(summary, table_key, view)
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
    return view
