"""Computed totals: what 自动合计 would write, the （三）…（六） subtotals, 空白填 0.

Nothing here changes a report: callers get the proposed values and apply them as one undo
step, so a typed total is never overwritten silently (rules.md M05).
"""

from __future__ import annotations

from decimal import Decimal

from .formats.common import T2_PARTS
from .report import Report
from .schema import Kind
from .values import Value

T3_PARTS = ("M", "K", "O", "P")


def _sum(cells: dict, paths) -> Value:
    """Sum with blank as 0; None when every part is blank (a total of nothing stays blank)."""
    values = [cells.get(p) for p in paths]
    if all(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def auto_totals(report: Report) -> dict[str, Value]:
    """Totals that differ from the sum of their parts → the sum (表二 总计 column and （七）总计 row, 表三 总计).

    Applied in dependency order on a scratch copy: each row's 总计 from C1…C6, then （七）总计 of
    every column from the leaves, so the result satisfies M02 and M03 together.
    """
    fmt = report.fmt
    cells = dict(report.cells)
    t2 = fmt.table["t2"]
    for row in t2.rows:
        if row.key == "R3":
            continue
        total = _sum(cells, [f"t2.{row.key}.{c}" for c in T2_PARTS])
        if total is not None:
            cells[f"t2.{row.key}.CT"] = total
    for col in t2.cols:
        total = _sum(cells, [f"t2.{leaf}.{col.key}" for leaf in fmt.t2_leaves])
        if total is not None:
            cells[f"t2.R3.{col.key}"] = total
    for group in fmt.table["t3"].rows:
        total = _sum(cells, [f"t3.{group.key}.{f}" for f in T3_PARTS])
        if total is not None:
            cells[f"t3.{group.key}.S"] = total
    return {p: v for p, v in cells.items() if v != report.cells.get(p) or report.cells.get(p) is None and v is not None}


def subtotals(report: Report, column: str) -> dict[str, Value]:
    """Per 表二 column, the subtotal of each group （三）不予公开 … （六）其他处理 (M04 hints)."""
    return {name: _sum(report.cells, [f"t2.{k}.{column}" for k in keys])
            for name, keys in report.fmt.t2_groups}


def fill_blanks(report: Report) -> dict[str, Value]:
    """Every blank cell of the report's format → 0 (the 空白填 0 action for V02)."""
    out: dict[str, Value] = {}
    for spec in report.fmt.cell.values():
        if report.cells.get(spec.path) is None:
            out[spec.path] = Decimal(0) if spec.kind in (Kind.MONEY, Kind.AMOUNT) else 0
    return out
