"""Computed totals: what 自动合计 would write, the （三）…（六） subtotals, 空白填 0.

Nothing here changes a report: callers get the proposed values and apply them as one undo
step, so a typed total is never overwritten silently (rules.md M05).
"""

from __future__ import annotations

from decimal import Decimal

from .formats import FORMATS, derived
from .report import Report
from .schema import Kind, Relation
from .values import Value


def _sum(cells: dict, paths) -> Value:
    """Sum with blank as 0; None when every part is blank (a total of nothing stays blank)."""
    values = [cells.get(p) for p in paths]
    if all(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


@derived
def totals_plan(format_id: str) -> tuple[Relation, ...]:
    """The relations 自动合计 computes, in dependency order: a total that is a part of another
    relation (each row's 总计 inside （七）总计·总计) is computed before it. A cell that is the
    total of several relations (（七）总计·总计: its row and its column) is computed by the first
    declared; the result satisfies the others as well."""
    owners: dict[str, Relation] = {}
    for rel in FORMATS[format_id].relations:
        if rel.total:
            owners.setdefault(rel.total, rel)
    pending = list(owners.values())
    plan: list[Relation] = []
    done: set[str] = set()
    while pending:
        ready = [r for r in pending if not any(p in owners and p not in done for p in r.left)]
        if not ready:
            raise ValueError(f"relations of format {format_id} depend on each other in a circle")
        for rel in ready:
            plan.append(rel)
            done.add(rel.total)
        pending = [r for r in pending if r not in ready]
    return tuple(plan)


def auto_totals(report: Report) -> dict[str, Value]:
    """Totals that differ from the sum of their parts → the sum (表二 总计 column and （七）总计 row, 表三 总计).

    Applied in dependency order (`totals_plan`) on a scratch copy, so the result satisfies
    M02, M03 and L01 together.
    """
    cells = dict(report.cells)
    for rel in totals_plan(report.format):
        total = _sum(cells, rel.left)
        if total is not None:
            cells[rel.total] = total
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
