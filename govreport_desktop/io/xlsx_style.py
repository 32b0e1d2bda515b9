"""Styles and sizes of the application's workbook, and the sheet-writing helpers built on them.

Every cell gets one prepared style whole (assigning font, border … one by one is slow), merged
ranges keep the style of the range on every covered cell so their outline is drawn, and row
heights follow the wrapped text.
"""

from __future__ import annotations

import math
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange

from .marks import ILLEGAL

FONT = "宋体"

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
F_TITLE = Font(name=FONT, size=16, bold=True)
F_HEADING = Font(name=FONT, size=12, bold=True)
F_TEXT = Font(name=FONT, size=11)
F_TABLE = Font(name=FONT, size=10)
F_TABLE_BOLD = Font(name=FONT, size=10, bold=True)
F_SMALL = Font(name=FONT, size=9, color="555555")
FILL_HEADER = PatternFill("solid", fgColor="F2F2F2")
FILL_BAD = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
F_BAD = Font(color="9C0006", bold=True)
A_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
A_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
A_TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True)
A_NUMBER = Alignment(horizontal="center", vertical="center")

# name → (font, alignment, border, fill); every cell gets one of these whole.
STYLES = {
    "title": (F_TITLE, A_CENTER, None, None),
    "heading": (F_HEADING, A_LEFT, None, None),
    "text": (F_TEXT, A_TEXT, None, None),
    "small": (F_SMALL, A_LEFT, None, None),
    "t_title": (F_TABLE_BOLD, A_CENTER, BORDER, None),
    "t_header": (F_TABLE_BOLD, A_CENTER, BORDER, FILL_HEADER),
    "t_label": (F_TABLE, A_LEFT, BORDER, None),
    "t_group": (F_TABLE, A_CENTER, BORDER, None),     # a label spanning several rows
    "t_data": (F_TABLE, A_NUMBER, BORDER, None),
    "t_blank": (F_TABLE, A_LEFT, BORDER, None),
}
ROLE_STYLE = {"title": "t_title", "header": "t_header", "label": "t_label", "data": "t_data", "blank": "t_blank"}

TEXT_COLS = (21.0,) * 4     # text-only sheets: as wide as 表一, fits A4 portrait
LINE_PT = 15.0             # row height per wrapped line at 10–11 pt
MAX_ROW_PT = 409.0         # Excel's limit


def clean(text: str) -> tuple[str, int]:
    """The text without characters a workbook cannot hold, and how many were removed."""
    out, n = ILLEGAL.subn("", text or "")
    return out, n


def _units(text: str) -> float:
    """Display width in Excel column units (a CJK character is about two)."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def _height(text: str, width: float, line_pt: float = LINE_PT) -> float:
    lines = 0
    for line in (text or "").split("\n"):
        lines += max(1, math.ceil(_units(line) / max(width - 1.5, 1.0)))
    return min(MAX_ROW_PT, lines * line_pt + 4)


def _rectangles(cells: list[tuple[int, int]]) -> list[str]:
    """Cells (row, col) as few A1 ranges: runs of columns per row, then equal runs of
    consecutive rows merged (表二's 175 input cells are one range, D4:J28). openpyxl spends
    most of a save's validation time parsing one range per cell otherwise."""
    rows: dict[int, list[int]] = {}
    for r, c in cells:
        rows.setdefault(r, []).append(c)
    runs: list[list[int]] = []          # [first_row, last_row, first_col, last_col]
    open_runs: dict[tuple[int, int], list[int]] = {}
    for r in sorted(rows):
        cols = sorted(rows[r])
        spans, start = [], cols[0]
        for prev, c in zip(cols, cols[1:] + [None]):
            if c != prev + 1 if c is not None else True:
                spans.append((start, prev))
                start = c
        next_open = {}
        for span in spans:
            run = open_runs.get(span)
            if run is not None and run[1] == r - 1:
                run[1] = r
            else:
                run = [r, r, *span]
                runs.append(run)
            next_open[span] = run
        open_runs = next_open
    return [f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}" for r1, r2, c1, c2 in runs]


class SheetWriter:
    """What every sheet needs: styles, merges, text that stays text, rows of wrapped text."""

    def __init__(self):
        self.removed: dict[str, int] = {}
        self.wb = Workbook()
        self._scratch = self.wb.active
        self._styles: dict[str, object] = {}
        self.bad_style = DifferentialStyle(font=F_BAD, fill=FILL_BAD)   # one, shared by every rule

    def style(self, cell, name: str, number_format: str | None = None) -> None:
        """Give the cell a whole prepared style; assigning font, border … one by one is slow."""
        key = name if number_format is None else f"{name}|{number_format}"
        arr = self._styles.get(key)
        if arr is None:
            font, align, border, fill = STYLES[name]
            tmp = Cell(self._scratch)
            tmp.font, tmp.alignment = font, align
            if border is not None:
                tmp.border = border
            if fill is not None:
                tmp.fill = fill
            if number_format:
                tmp.number_format = number_format
            arr = self._styles[key] = tmp._style
        cell._style = copy(arr)

    def merge(self, ws, r1: int, c1: int, r2: int, c2: int, style: str | None = None) -> None:
        """Merge a range; the covered cells keep the style (borders) of the range."""
        if r1 == r2 and c1 == c2:
            return
        rng = MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        ws.merged_cells.ranges.add(rng)     # our ranges never overlap; skip the O(n²) check
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    mc = MergedCell(ws, r, c)
                    if style:
                        self.style(mc, style)
                    ws._cells[(r, c)] = mc

    # ------------------------------------------------------------ helpers

    def text(self, where: str, value: str) -> str:
        s, n = clean(value)
        if n:
            self.removed[where] = self.removed.get(where, 0) + n
        return s

    @staticmethod
    def put_text(cell, value: str):
        """Text stays text: a leading = + - @ must never turn into a formula."""
        cell.value = value if value != "" else None
        if value:
            cell.data_type = "s"
        return cell

    def merged_text_row(self, ws, row: int, ncols: int, value: str, style: str, widths, height=None):
        cell = self.put_text(ws.cell(row=row, column=1), value)
        self.style(cell, style)
        self.merge(ws, row, 1, row, ncols)
        line = 21 if style == "title" else LINE_PT
        ws.row_dimensions[row].height = height or _height(value, sum(widths), line)
        return row + 1
