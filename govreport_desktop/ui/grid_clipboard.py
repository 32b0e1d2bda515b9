"""Clipboard blocks of a grid, tab-separated like Excel/WPS, and where a pasted block lands.

A block is matched to the data cells from the start cell on, row by row in layout order
(labels and merged headers in between are skipped, as the user sees them).
"""

from __future__ import annotations

import csv
import io

from ..core.schema import Box, Layout


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


def paste_targets(layout: Layout, start: Box | None, n_rows: int, n_cols: int) -> list[list[str]] | str:
    """Data cells for an n_rows × n_cols block from `start`, or why it does not fit (Chinese)."""
    if start is None or start.role != "data":
        return "请先选中要粘贴到的起始单元格"
    out = []
    r = start.row
    while len(out) < n_rows and r < layout.n_rows:
        row, c = [], start.col
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
