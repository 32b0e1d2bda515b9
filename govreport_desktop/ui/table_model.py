"""The Qt model of one official table (表一/表二/表三), built from the format's layout.

Rows and columns are the layout grid, so the grid looks like the printed table: merged header
boxes, merged row labels, data cells in place. Values come from the Document's report and every
edit goes back through the Document (undoable); problems are read from `document.problems_for`
and refreshed on each `problemsChanged`, emitting `dataChanged` only for cells whose highlight or
message changed, so highlights follow an edit in the same event-loop turn.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap

from ..core.rules import SEVERITY_LABEL, SEVERITY_ORDER
from ..core.schema import Box, Kind, Layout, Table
from ..core.totals import subtotals
from ..core.values import ValueRejected, expectation, format_value, parse_value
from .summary_sources import sources_of


# Plain ints: data() runs for every role of every painted cell, and comparing ints is much
# cheaper than comparing PySide enum members.
PathRole = int(Qt.UserRole)            # canonical cell path of a data cell, else None
SeverityRole = PathRole + 1            # worst problem severity on the cell: error|warning|info|None
MarkerRole = PathRole + 2              # severity the grid paints (blank-cell V02 and accepted warnings excluded)
NoteRole = PathRole + 3                # the cell's note text, or None
BlankRole = PathRole + 4               # True for a data cell without a value
BoxRole = PathRole + 5                 # the layout Box at this position

_DISPLAY, _EDIT, _TOOLTIP = int(Qt.DisplayRole), int(Qt.EditRole), int(Qt.ToolTipRole)
_ALIGN, _FONT, _BACKGROUND = int(Qt.TextAlignmentRole), int(Qt.FontRole), int(Qt.BackgroundRole)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
_CENTRE = int(Qt.AlignCenter)
_DATA_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

_CLEAN = (None, None, ())   # the state of a cell without any problem

# V02 (空白单元格) is shown by the blank hatch itself; painting every blank cell as a warning
# would drown the real warnings in a new report.
BLANK_RULES = frozenset({"V02"})

# Colour-blind safe pair (red-orange vs blue), always with a shape marker too (grid_view).
ERROR_FILL = QColor("#fcd3bf")
WARNING_FILL = QColor("#d4e4f7")
HEADER_FILL = QColor("#eef1f5")
TITLE_FILL = QColor("#e3e8ef")
BLANK_FILL = QColor("#f4f4f4")
HATCH = QColor("#c9c9c9")
MARK_COLOUR = {"error": QColor("#c8410b"), "warning": QColor("#1f5fa8"), "info": QColor("#6b7b8c")}


def _hatch(fill: QColor | None) -> QBrush:
    """A tiled brush: the fill (or a pale grey) with fine diagonal lines — 'blank', not 0."""
    pm = QPixmap(8, 8)
    pm.fill(fill or BLANK_FILL)
    p = QPainter(pm)
    p.setPen(HATCH)
    p.drawLine(0, 8, 8, 0)
    p.end()
    return QBrush(pm)


class _Brushes:
    """Brushes are built once (they need a QGuiApplication) and shared, so equal looks compare equal."""

    _cache: dict | None = None

    @classmethod
    def get(cls) -> dict:
        if cls._cache is None:
            cls._cache = {
                ("error", False): QBrush(ERROR_FILL), ("error", True): _hatch(ERROR_FILL),
                ("warning", False): QBrush(WARNING_FILL), ("warning", True): _hatch(WARNING_FILL),
                (None, True): _hatch(None),
                "header": QBrush(HEADER_FILL), "title": QBrush(TITLE_FILL),
            }
        return cls._cache


class ReportTableModel(QAbstractTableModel):
    rejected = Signal(str)   # a typed value was refused: the Chinese reason

    def __init__(self, document, table_key: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.table_key = table_key
        self._bold = QFont()
        self._bold.setBold(True)
        self._load_layout()
        document.cellsChanged.connect(self._on_cells_changed)
        document.problemsChanged.connect(self._on_problems_changed)
        document.notesChanged.connect(self._on_notes_changed)
        document.explanationsChanged.connect(self._on_explanations_changed)
        document.reportReplaced.connect(self._on_report_replaced)
        document.metaChanged.connect(self._on_meta_changed)

    # ------------------------------------------------------------ layout

    def _load_layout(self) -> None:
        fmt = self.document.report.fmt
        self.format_id = fmt.id
        self.table: Table = fmt.table[self.table_key]
        self.layout: Layout = self.table.layout
        self.data_paths: tuple[str, ...] = tuple(b.path for b in self.layout.boxes if b.role == "data")
        self._boxes = {(r, c): self.layout.box_at(r, c)
                       for r in range(self.layout.n_rows) for c in range(self.layout.n_cols)}
        # group label box (（三）不予公开 …) → its leaf row keys, for the M04 subtotal hints
        self._groups: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
        if self.table_key == "t2":
            by_label = {}
            for name, keys in fmt.t2_groups:
                label = self.table.row[keys[0]].group if len(keys) > 1 else self.table.row[keys[0]].label
                by_label[label] = (name, keys)
            for b in self.layout.boxes:
                if b.role == "label" and b.text in by_label and b.col > 0:
                    self._groups[(b.row, b.col)] = by_label[b.text]
        self._state: dict[str, tuple] = {p: _CLEAN for p in self.data_paths}
        self._started = self.document.started(self.table_key)
        self._refresh_states()

    def box(self, index: QModelIndex) -> Box | None:
        # Hot path (every data()/flags() call while painting): one dict lookup; an invalid
        # index has row -1 and finds nothing.
        return self._boxes.get((index.row(), index.column()))

    def index_of(self, path: str) -> QModelIndex:
        pos = self.layout.position.get(path)
        return self.index(*pos) if pos else QModelIndex()

    def path_at(self, index: QModelIndex) -> str | None:
        b = self.box(index)
        return b.path if b is not None and b.role == "data" else None

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_cols

    def span(self, index: QModelIndex) -> QSize:
        b = self.box(index)
        if b is None or (b.row, b.col) != (index.row(), index.column()):
            return QSize(1, 1)
        return QSize(b.colspan, b.rowspan)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        b = self.box(index)
        if b is None:
            return Qt.NoItemFlags
        return _DATA_FLAGS if b.role == "data" else Qt.ItemIsEnabled

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        # Letters and numbers like a worksheet, should a view choose to show Qt's headers.
        if role == _DISPLAY:
            if orientation == Qt.Horizontal:
                return _column_letter(section)
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        b = self.box(index)
        if b is None:
            return None
        role = int(role)
        if b.role == "data":
            return self._data_cell(b, role)
        if role == _DISPLAY:
            return b.text
        if role == _TOOLTIP:
            return self._label_tooltip(b)
        if role == _ALIGN:
            if b.role == "header":
                return _CENTRE
            if b.role == "title" or b.rowspan == 1:
                return _LEFT
            return _CENTRE   # merged row labels: centred as in the printed table
        if role == _FONT and b.role in ("header", "title"):
            return self._bold
        if role == _BACKGROUND and b.role in ("header", "title"):
            return _Brushes.get()[b.role]
        if role == BoxRole:
            return b
        return None

    def _data_cell(self, b: Box, role: int):
        path = b.path
        if role == _DISPLAY or role == _EDIT:
            return format_value(self.document.report.cells.get(path))
        if role == _BACKGROUND:
            # An untouched table (ui/calm.py) is plain white: no 175 hatched cells on a new report.
            blank = self._started and self.document.report.cells.get(path) is None
            return _Brushes.get().get((self._state[path][1], blank))
        if role == _ALIGN:
            return _RIGHT
        if role == PathRole:
            return path
        if role == SeverityRole:
            return self._state[path][0]
        if role == MarkerRole:
            return self._state[path][1]
        if role == BlankRole:
            return self.document.report.cells.get(path) is None
        if role == NoteRole:
            return self.document.report.notes.get(path) or None
        if role == _TOOLTIP:
            return self._cell_tooltip(path)
        if role == BoxRole:
            return b
        return None

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        """A user edit: validated, then one undo step through the Document."""
        path = self.path_at(index)
        if int(role) != _EDIT or path is None:
            return False
        spec = self.table.cell[path]
        try:
            parsed = parse_value(value, spec.kind)
        except ValueRejected as e:
            self.rejected.emit(f"{spec.name}：{e}")
            return False
        if self.document.set_cell(path, parsed):
            return True
        return self.document.report.cells.get(path) == parsed   # unchanged value: accepted, no step

    # ------------------------------------------------------------ problems and hints

    def _cell_state(self, path: str) -> tuple:
        """(worst severity, painted severity, problems) — compared to find cells to repaint."""
        held = self.document.is_held
        problems = tuple(p for p in self.document.problems_for(path) if not held(p))
        explained = self.document.report.explanations
        worst = marker = None
        for p in problems:
            if worst is None or SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[worst]:
                worst = p.severity
            if p.rule in BLANK_RULES or p.severity == "info":
                continue
            if p.severity == "warning" and explained.get(p.id):
                continue   # accepted with a 说明: no longer painted, still in the tooltip
            if marker is None or SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[marker]:
                marker = p.severity
        if marker is None and worst == "info":
            marker = "info"
        return worst, marker, tuple((p.id, p.message) for p in problems)

    def _problem_lines(self, path: str) -> list[str]:
        lines = []
        explained = self.document.report.explanations
        for p in self.document.problems_for(path):
            if p.rule in BLANK_RULES or self.document.is_held(p):
                continue
            head = f"{SEVERITY_LABEL[p.severity]} {p.rule}"
            line = f"<b>{head}</b>：{html.escape(p.message, quote=False)}"
            if explained.get(p.id):
                line += f"<br/>　已说明：{html.escape(explained[p.id], quote=False)}"
            lines.append(line)
        return lines

    def _cell_tooltip(self, path: str) -> str:
        spec = self.table.cell[path]
        report = self.document.report
        value = report.cells.get(path)
        lines = [f"<b>{html.escape(spec.name)}</b>："
                 + (html.escape(format_value(value)) if value is not None else "空白（未填写；无数据请填 0）")]
        lines += self._problem_lines(path)
        sources = sources_of(self.document)      # a summed report: which units, how much each
        if sources is not None:
            lines += sources.tooltip_lines(path)
        hint = self._subtotal_hint_for_cell(spec)
        if hint:
            lines.append(hint)
        note = report.notes.get(path)
        if note:
            lines.append(f"<b>备注</b>：{html.escape(note, quote=False)}")
        for axis in (self.table.row.get(spec.row), self.table.col.get(spec.col)):
            if axis is not None and axis.tooltip:
                lines.append(f"<span style='color:#555'>{html.escape(axis.tooltip, quote=False)}</span>")
        if spec.kind is Kind.AMOUNT:     # an amount whose unit (元/万元) the user states
            unit = report.t1_units.get(f"{spec.row}.{spec.col}")
            lines.append(f"单位：{unit}" if unit else "单位：未注明（元或万元）")
        lines.append(f"<span style='color:#555'>{expectation(spec.kind)}</span>")
        return _tip(lines)

    def _subtotals(self, col: str) -> dict:
        return subtotals(self.document.report, col)

    def _subtotal_hint_for_cell(self, spec) -> str:
        """On （七）总计 cells: the computed subtotals of （三）…（六） in this column (M04)."""
        if self.table_key != "t2" or spec.row != "R3":
            return ""
        subs = self._subtotals(spec.col)
        parts = "，".join(f"{name} {format_value(v) if v is not None else '空白'}" for name, v in subs.items())
        return f"<b>小计</b>：{html.escape(parts)}"

    def _label_tooltip(self, b: Box) -> str | None:
        lines = [html.escape(b.tooltip, quote=False)] if b.tooltip else []
        group = self._groups.get((b.row, b.col))
        if group:
            name, _keys = group
            figures = []
            for c in self.table.cols:
                v = self._subtotals(c.key).get(name)
                figures.append(f"{c.label} {format_value(v) if v is not None else '空白'}")
            lines.append(f"<b>{html.escape(b.text)} 小计</b>：" + "，".join(figures))
        return _tip(lines) if lines else None

    def subtotal_text(self, b: Box, col: str = "CT") -> str:
        """‘小计\n总计 12’ — the group's subtotal in one column, for a group label box, or '' (the view
        draws it under the label for the column of the current cell)."""
        group = self._groups.get((b.row, b.col))
        if not group or col not in self.table.col:
            return ""
        v = self._subtotals(col).get(group[0])
        return f"小计\n{self.table.col[col].label} {format_value(v) if v is not None else '空白'}"

    # ------------------------------------------------------------ document signals

    def _emit_cells(self, paths, roles=()) -> None:
        """dataChanged per run of adjacent changed cells in a row (minimal repaint)."""
        roles = [int(r) for r in roles]
        pos = sorted(self.layout.position[p] for p in paths if p in self.layout.position)
        run = None
        for r, c in pos:
            if run and run[0] == r and c == run[2] + self._width_at(r, run[2]):
                run = (r, run[1], c)
                continue
            if run:
                self.dataChanged.emit(self.createIndex(run[0], run[1]), self.createIndex(run[0], run[2]), roles)
            run = (r, c, c)
        if run:
            self.dataChanged.emit(self.createIndex(run[0], run[1]), self.createIndex(run[0], run[2]), roles)

    def _width_at(self, r: int, c: int) -> int:
        b = self.layout.box_at(r, c)
        return b.colspan if b else 1

    def _on_cells_changed(self, paths) -> None:
        mine = [p for p in paths if p in self.layout.position]
        if not mine:
            return
        self._emit_cells(mine)
        if self._groups:
            touched = {p.split(".")[1] for p in mine}
            for (r, c), (_name, keys) in self._groups.items():
                if touched & set(keys):
                    i = self.index(r, c)
                    self.dataChanged.emit(i, i, [Qt.ToolTipRole, Qt.DisplayRole])

    def _refresh_states(self) -> list[str]:
        """Recompute the state of cells that had or have a problem; return those that changed."""
        position = self.layout.position
        candidates = {p for p, st in self._state.items() if st is not _CLEAN}
        for problem in self.document.problems:
            candidates.update(c for c in problem.cells if c in position)
        changed = []
        for p in candidates:
            new = self._cell_state(p)
            if new == _CLEAN:
                new = _CLEAN          # the shared object marks 'no problem' for the next pass
            if new != self._state[p]:
                changed.append(p)
            self._state[p] = new
        return changed

    def _on_problems_changed(self, _problems=None) -> None:
        changed = self._refresh_states()
        started = self.document.started(self.table_key)
        if started != self._started:     # begun (or calm start off): every blank gets its hatch
            self._started = started
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.BackgroundRole])
        if changed:
            self._emit_cells(changed, (Qt.BackgroundRole, Qt.ToolTipRole, SeverityRole, MarkerRole))

    def _on_explanations_changed(self) -> None:
        self._on_problems_changed()

    def _on_notes_changed(self, paths) -> None:
        self._emit_cells(paths, (Qt.ToolTipRole, NoteRole))

    def _on_report_replaced(self) -> None:
        self.beginResetModel()
        self._load_layout()
        self.endResetModel()

    def _on_meta_changed(self, field: str) -> None:
        if field == "format" and self.document.report.format != self.format_id:
            self._on_report_replaced()
        elif field == "t1_units" and self.table_key == "t1":
            self._emit_cells(self.data_paths, (Qt.ToolTipRole,))


def _tip(lines: list[str]) -> str:
    """Rich-text tooltip of a readable width (Qt would otherwise wrap it into a narrow column)."""
    if max(len(x) for x in lines) < 40:
        return "<br/>".join(lines)
    return "<table width='460' cellspacing='0' cellpadding='0'><tr><td>" + "<br/>".join(lines) + "</td></tr></table>"


def _column_letter(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


__all__ = ["ReportTableModel", "PathRole", "SeverityRole", "MarkerRole", "NoteRole", "BlankRole",
           "BoxRole", "MARK_COLOUR"]
