"""Rules on single cell values and 表一 (V01, V02, V04–V06, P01, P06)."""

from __future__ import annotations

from decimal import Decimal

from ..formats import FORMATS, derived
from ..report import UNIT_KINDS
from ..schema import Kind
from ..values import MONEY_PLACES, has_more_places, show
from .engine import ERROR, WARNING, Context, Problem, diff, import_rule, rule, total
from .structure import absent_cells


@derived
def _by_kind(format_id: str):
    fmt = FORMATS[format_id]
    counts = tuple(c for c in fmt.cell.values() if c.kind is Kind.COUNT)
    signed = tuple(c for c in fmt.cell.values() if c.kind is Kind.SIGNED)
    return counts, signed


@rule("V01", "整数且不小于 0", ERROR)
def v01(ctx: Context):
    counts, signed = _by_kind(ctx.fmt.id)
    cells = ctx.report.cells
    for spec in counts:
        v = cells.get(spec.path)
        if v is None or (type(v) is int and v >= 0):
            continue
        if isinstance(v, Decimal) and v == v.to_integral_value() and v >= 0:
            continue
        yield Problem(f"V01@{spec.path}", "V01", ERROR,
                      f"{spec.name}应为不小于 0 的整数，当前为“{show(v)}”", (spec.path,))
    for spec in signed:
        v = cells.get(spec.path)
        if v is None or type(v) is int or (isinstance(v, Decimal) and v == v.to_integral_value()):
            continue
        yield Problem(f"V01@{spec.path}", "V01", ERROR, f"{spec.name}应为整数，当前为“{show(v)}”", (spec.path,))


@rule("V02", "空白单元格", WARNING)
def v02(ctx: Context):
    cells = ctx.report.cells
    for table in ctx.fmt.tables:
        blanks = tuple(c.path for c in table.cells if cells.get(c.path) is None)
        if blanks:
            absent = absent_cells(ctx, table.key)
            blanks = tuple(p for p in blanks if p not in absent) if absent else blanks
        if blanks:
            yield Problem(f"V02@{table.key}", "V02", WARNING,
                          f"{table.name}有 {len(blanks)} 个空白单元格，无数据请填写 0", blanks)


import_rule("V03", "数值单元格中的文字", WARNING)

LARGE_FEE_KINDS = ("township", "department", "other")


@rule("V04", "本年收费金额", ERROR, needs=("t1.fees.amount",))
def v04(ctx: Context):
    path = "t1.fees.amount"
    v = ctx.report.cells.get(path)
    if v is None:
        return
    prefix = f"行政事业性收费 本年收费金额 {show(v)}："
    if not isinstance(v, (int, Decimal)) or (isinstance(v, Decimal) and not v.is_finite()):
        yield Problem(f"V04@{path}", "V04", ERROR, prefix + "不是有效金额", (path,))
    elif v < 0:
        yield Problem(f"V04@{path}", "V04", ERROR, prefix + "不能为负数", (path,))
    elif isinstance(v, Decimal) and has_more_places(v, MONEY_PLACES):  # no InvalidOperation on long values
        yield Problem(f"V04@{path}", "V04", WARNING, prefix + "小数超过4位（0.0001万元即1元）", (path,))
    elif v >= 10000 and ctx.report.unit_kind in LARGE_FEE_KINDS:
        yield Problem(f"V04@{path}", "V04", WARNING, prefix + "数额较大，请确认单位为万元", (path,))


ITEM_COUNTS = ("licensing", "other_services", "penalty", "coercion", "fees")   # 2019 （五）（六）（八）
ITEM_CELLS = tuple(f"t1.{i}.{f}" for i in ITEM_COUNTS for f in ("prev_items", "change"))


@rule("V05", "本年增/减", ERROR, needs=ITEM_CELLS)
def v05(ctx: Context):
    rep = ctx.report
    t1 = ctx.fmt.table["t1"]
    for item in ITEM_COUNTS:
        prev, change = f"t1.{item}.prev_items", f"t1.{item}.change"
        p, c = rep.cells.get(prev), rep.cells.get(change)
        if c is None:
            continue
        s = (p or 0) + c
        if s < 0:
            yield Problem(f"V05@t1.{item}", "V05", ERROR,
                          f"{t1.row[item].label}：上一年项目数量({show(p)}) + 本年增/减({show(c)}) = {s}，小于 0",
                          (prev, change), s, 0)


@rule("V06", "采购总金额单位", WARNING, needs=("t1.procurement.amount",))
def v06(ctx: Context):
    path = "t1.procurement.amount"
    v = ctx.report.cells.get(path)
    if v is not None and ctx.report.t1_units.get("procurement.amount") not in ("元", "万元"):
        yield Problem(f"V06@{path}", "V06", WARNING, f"政府集中采购 采购总金额 {show(v)} 未注明单位（元或万元）", (path,))


@rule("P01", "规章制定权", ERROR)
def p01(ctx: Context):
    kind = ctx.report.unit_kind
    if kind in ("township", "county_gov"):
        severity = ERROR
    elif kind in ("department", "other"):
        severity = WARNING
    else:
        return
    t1 = ctx.fmt.table["t1"]
    specs = [c for c in t1.cells if c.row == "regulations"]
    nonzero = [(s, ctx.report.cells.get(s.path)) for s in specs if ctx.report.cells.get(s.path)]
    if nonzero:
        what = "、".join(f"{t1.col[s.col].label} {show(v)}" for s, v in nonzero)
        yield Problem("P01@t1.regulations", "P01", severity,
                      f"{UNIT_KINDS[kind]}无规章制定权，规章各栏应为 0（当前：{what}）",
                      tuple(s.path for s in specs))


@rule("P06", "新公开数量", ERROR,
      needs=tuple(f"t1.{i}.{f}" for i in ("regulations", "normative") for f in ("made", "published", "total")))
def p06(ctx: Context):
    rep = ctx.report
    t1 = ctx.fmt.table["t1"]
    for item in ("regulations", "normative"):
        pub = f"t1.{item}.published"
        p = rep.cells.get(pub)
        if p is None:
            continue
        for field, label, severity in (("total", "对外公开总数量", ERROR), ("made", "本年新制作数量", WARNING)):
            other = f"t1.{item}.{field}"
            q = total(rep, (other,))
            if p > q:
                yield Problem(f"P06@{other}", "P06", severity,
                              f"{t1.row[item].label}：本年新公开数量({show(p)}) 大于 {label}({show(rep.cells.get(other))})，"
                              f"相差 {diff(p, q)}", (pub, other), p, q)


