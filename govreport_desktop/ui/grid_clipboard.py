"""Clipboard blocks of a grid, tab-separated like Excel/WPS, and where a pasted block lands.

A block is matched to the data cells from the start cell on, row by row in layout order
(labels and merged headers in between are skipped, as the user sees them). A block copied
from an official-layout workbook together with its label columns (and header rows) is placed
by its row labels instead; with labels this table does not have, the text columns are left
out and the numbers pasted from the current cell. What does not fit is said exactly.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..core.schema import Box, Layout
from ..core.values import normalise_number_text
from ..io.labels import norm


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


def cells_from(layout: Layout, start: Box, n_rows: int, n_cols: int) -> list[list[str | None]]:
    """The data cells an n_rows × n_cols block from `start` lands on, row by row in layout
    order (labels and merged headers between are skipped); None where the table ends."""
    out: list[list[str | None]] = []
    r = start.row
    while len(out) < n_rows and r < layout.n_rows:
        row = _row_cells(layout, r, start.col)[:n_cols]
        if row:
            out.append(row + [None] * (n_cols - len(row)))
        r += 1
    return out + [[None] * n_cols for _ in range(n_rows - len(out))]


def _row_cells(layout: Layout, r: int, from_col: int = 0) -> list[str]:
    """Paths of the data boxes that start in layout row r, from column `from_col` on."""
    row, c = [], from_col
    while c < layout.n_cols:
        b = layout.box_at(r, c)
        if b is not None and b.role == "data" and b.row == r:
            row.append(b.path)
        c = (b.last_col + 1) if b is not None else c + 1
    return row


# ---------------------------------------------------------------- blocks with their labels

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_NUMERALS_ONLY = re.compile(r"^[零〇一二两三四五六七八九十百千万亿]+$")


def _numeric(text: str) -> bool:
    return bool(_NUMBER.match(normalise_number_text(text)))


def _label_like(text: str) -> bool:
    """Text a workbook prints beside its numbers (一、本年新收…, 自然人), not a mistyped value."""
    t = text.strip()
    return bool(t) and not _numeric(t) and not _NUMERALS_ONLY.match(t) and not re.search(r"\d\s*[件个万元]", t) \
        and len(re.findall(r"[\u4e00-\u9fff]", t)) >= 2


@dataclass
class PastePlan:
    """Where each value of a block goes: `targets[i][j]` is the cell for `values[i][j]`, None
    where it does not fit. Leading label columns and header rows are left out of `values`."""

    values: list[list[str]]
    targets: list[list[str | None]]
    label_cols: int = 0          # leading text columns left out (row labels)
    header_rows: int = 0         # leading text rows left out (column headers)
    by_labels: bool = False      # rows placed by their labels, not from the current cell

    def pairs(self) -> list[tuple[str, str]]:
        """(cell, text) of every value that fits."""
        return [(p, v) for vs, ps in zip(self.values, self.targets) for v, p in zip(vs, ps) if p is not None]

    def lost(self) -> list[tuple[int, int]]:
        """(row, column) in the block (1-based) of the non-blank values that do not fit."""
        return [(i + 1, j + 1) for i, (vs, ps) in enumerate(zip(self.values, self.targets))
                for j, (v, p) in enumerate(zip(vs, ps)) if p is None and v.strip()]


def split_labels(block: list[list[str]]) -> tuple[int, int]:
    """(header rows, label columns) at the top and left of a block copied with its labels."""
    n_cols = max(len(r) for r in block)
    lead = 0
    for c in range(n_cols):
        column = [r[c] for r in block if c < len(r)]
        if any(_numeric(v) for v in column):
            break
        if any(_label_like(v) for v in column):
            lead = c + 1
    header = 0
    for r in block:
        rest = r[lead:]
        if any(_numeric(v) for v in rest) or not any(_label_like(v) for v in r):
            break
        header += 1
    return header, lead


def _label_rows(layout: Layout) -> dict[str, list[int]]:
    """norm(label) → layout rows of the one-row labels (a data row's own label)."""
    rows: dict[str, list[int]] = {}
    for b in layout.boxes:
        if b.role == "label" and b.rowspan == 1 and b.text:
            rows.setdefault(norm(b.text), []).append(b.row)
    return rows


def plan_paste(layout: Layout, start: Box | None, block: list[list[str]]) -> PastePlan | str:
    """Where a block goes: by its row labels when it was copied with them (an official-layout
    workbook), else from the current cell with any leading text columns left out; or why it
    cannot go anywhere (Chinese)."""
    n_cols = max(len(r) for r in block)
    block = [r + [""] * (n_cols - len(r)) for r in block]
    header, lead = split_labels(block)
    body = block[header:] or [[""] * n_cols]
    values = [r[lead:] for r in body]
    if lead:
        known = _label_rows(layout)
        rows = []
        for r in body:
            hits = [known[norm(v)] for v in reversed(r[:lead]) if len(known.get(norm(v), ())) == 1]
            rows.append(hits[0][0] if hits else None)
        if all(x is not None for x, r in zip(rows, values) if any(v.strip() for v in r)):
            targets = []
            for row, vs in zip(rows, values):
                cells = _row_cells(layout, row) if row is not None else []
                offset = 0
                if start is not None and start.role == "data" and start.path in cells and \
                        len(vs) < len(cells) and cells.index(start.path) + len(vs) <= len(cells):
                    offset = cells.index(start.path)     # a part of a row: from the current column
                cells = cells[offset:offset + len(vs)]
                targets.append(cells + [None] * (len(vs) - len(cells)))
            return PastePlan(values, targets, lead, header, by_labels=True)
    if start is None or start.role != "data":
        return "请先选中要粘贴到的起始单元格"
    if lead >= n_cols:
        return "复制的内容只有文字（标签或表头），没有可粘贴的数"
    width = n_cols - lead
    return PastePlan(values, cells_from(layout, start, len(values), width), lead, header)


def describe_lost(plan: PastePlan, start_name: str) -> str:
    """Which part of a block does not fit, e.g. 第 8 列超出表格右边界."""
    lost = plan.lost()
    rows = sorted({r for r, _ in lost})
    cols = sorted({c for _, c in lost})
    n_rows, n_cols = len(plan.values), max(len(v) for v in plan.values)
    full_rows = [r for r in rows if all(p is None for p in plan.targets[r - 1])]
    parts = []
    if full_rows:
        parts.append(f"第 {_span(full_rows)} 行超出表格下边界")
    right = sorted({c for r, c in lost if r not in full_rows})
    if right:
        parts.append(f"第 {_span(right)} 列超出表格右边界")
    where = "按行标签放入时" if plan.by_labels else f"从“{start_name}”起"
    return (f"粘贴区域（{n_rows} 行 × {n_cols} 列）{where}放不下：{'，'.join(parts) or f'第 {_span(cols)} 列'}"
            f"（{len(lost)} 个数）")


def _span(numbers: list[int]) -> str:
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
