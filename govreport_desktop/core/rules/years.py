"""Across years: this report against last year's report of the same unit (Y01, Y03, Y06, P03, P05, P07).

Run only when last year's report is loaded (`check(report, previous=…)`); a previous report in
another format is compared on the cells both formats share, and on the format equivalences
(2019 （六）其他处理 = the sum of the 2021 rows, format-2019.md §7 A).
"""

from __future__ import annotations

from ..formats import FORMATS, derived, equivalences
from ..values import show
from .arithmetic import IN_FORCE
from .cells import ITEM_CELLS, ITEM_COUNTS
from .engine import INFO, WARNING, Context, Problem, diff, rule


@derived
def _compared(this_id: str, last_id: str):
    """(cells compared one by one, equivalences compared by their sums) for two formats: every
    equivalence that concerns either format is compared as one sum per report, in both."""
    eqs = tuple(dict.fromkeys(eq for fid in (this_id, last_id) for _own, _other, eq in equivalences(fid)))
    grouped = {p for eq in eqs for side in eq.sides for p in side.cells}
    last = FORMATS[last_id].cell
    shared = tuple(p for p in FORMATS[this_id].cell_paths if p in last and p not in grouped)
    return shared, eqs


def _side_sum(report, eq):
    """Σ of the report's own side of an equivalence; in a mixed table whose own side is blank,
    the other format's side it keeps stands in (as in M02). None when all is blank."""
    sides = eq.oriented(report.fmt.cell) or eq.sides
    for side in sides:
        vals = [report.cells.get(p) for p in side.cells]
        if any(v is not None for v in vals):
            return sum(v for v in vals if v is not None)
    return None


def _comparable(report, shared, eqs) -> list:
    return [report.cells.get(p) for p in shared] + [_side_sum(report, eq) for eq in eqs]


@rule("Y01", "上年结转", WARNING, needs_previous=True)
def y01(ctx: Context):
    year = ctx.report.year
    for col in ctx.fmt.table["t2"].cols:
        r2, prev_r4 = ctx.report.cells.get(f"t2.R2.{col.key}"), ctx.previous.cells.get(f"t2.R4.{col.key}")
        if r2 is None and prev_r4 is None:
            continue
        if (r2 or 0) != (prev_r4 or 0):
            yield Problem(f"Y01@t2.{col.key}", "Y01", WARNING,
                          f"{col.name}列：上年结转({show(r2)}) 不等于 {year - 1}年报告的结转下年度({show(prev_r4)})，"
                          f"相差 {diff(r2 or 0, prev_r4 or 0)}", (f"t2.R2.{col.key}",), r2, prev_r4)


@rule("Y03", "数据与上年相同", WARNING, needs_previous=True)
def y03(ctx: Context):
    rep = ctx.report
    shared, eqs = _compared(rep.format, ctx.previous.format)
    this, last = _comparable(rep, shared, eqs), _comparable(ctx.previous, shared, eqs)
    if any(this) and this == last:
        yield Problem("Y03@report", "Y03", WARNING,
                      f"表一、表二、表三数据与{rep.year - 1}年报告完全相同，请确认不是沿用上年数据", shared)


def _jump(n, m) -> bool:
    if n is None or m is None:
        return False
    big, small = max(n, m), min(n, m)
    return big >= 20 and (small == 0 or big > 5 * small)


@rule("Y06", "申请量突变", INFO, needs_previous=True)
def y06(ctx: Context):
    n, m = ctx.report.cells.get("t2.R1.CT"), ctx.previous.cells.get("t2.R1.CT")
    if _jump(n, m):
        yield Problem("Y06@t2.R1.CT", "Y06", INFO, f"本年新收申请 {n} 件，上年 {m} 件，变化超过 5 倍，请确认",
                      ("t2.R1.CT",), n, m)


@rule("P05", "处理决定数量突变", INFO, needs_previous=True)
def p05(ctx: Context):
    t1 = ctx.fmt.table["t1"]
    for item in ("licensing", "penalty", "coercion"):
        path = f"t1.{item}.decisions"
        n, m = ctx.report.cells.get(path), ctx.previous.cells.get(path)
        if _jump(n, m):
            yield Problem(f"P05@{path}", "P05", INFO,
                          f"{t1.row[item].label}本年处理决定数量 {n}，上年 {m}，变化超过 5 倍，请确认统计口径", (path,), n, m)


@rule("P03", "现行有效连续", WARNING, needs=IN_FORCE, needs_previous=True)
def p03(ctx: Context):
    if not all(p in ctx.previous.fmt.cell for p in IN_FORCE):
        return  # 2019 has no 现行有效件数 (对外公开总数量 is cumulative)
    rep = ctx.report
    t1 = ctx.fmt.table["t1"]
    for item in ("regulations", "normative"):
        prev = ctx.previous.cells.get(f"t1.{item}.in_force")
        issued, repealed, in_force = (rep.cells.get(f"t1.{item}.{f}") for f in ("issued", "repealed", "in_force"))
        if prev is None or in_force is None:
            continue
        left = prev + (issued or 0) - (repealed or 0)
        if left != in_force:
            yield Problem(f"P03@t1.{item}", "P03", WARNING,
                          f"{t1.row[item].label}：上年现行有效({show(prev)}) + 本年制发({show(issued)}) − 本年废止({show(repealed)}) = {left}，"
                          f"不等于 本年现行有效({show(in_force)})，相差 {diff(left, in_force)}",
                          tuple(f"t1.{item}.{f}" for f in ("issued", "repealed", "in_force")), left, in_force)


@rule("P07", "项目数量连续", WARNING, needs=ITEM_CELLS, needs_previous=True)
def p07(ctx: Context):
    if not all(p in ctx.previous.fmt.cell for p in ITEM_CELLS):
        return
    t1 = ctx.fmt.table["t1"]
    for item in ITEM_COUNTS:
        p, c = (ctx.previous.cells.get(f"t1.{item}.{f}") for f in ("prev_items", "change"))
        q = ctx.report.cells.get(f"t1.{item}.prev_items")
        if p is None or q is None:
            continue
        left = p + (c or 0)
        if left != q:
            yield Problem(f"P07@t1.{item}", "P07", WARNING,
                          f"{t1.row[item].label}：上年报告 上一年项目数量({show(p)}) + 本年增/减({show(c)}) = {left}，"
                          f"不等于 本年 上一年项目数量({show(q)})，相差 {diff(left, q)}",
                          (f"t1.{item}.prev_items",), left, q)
