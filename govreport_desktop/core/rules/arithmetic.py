"""The 勾稽关系 of 表二 and 表三 (M01–M03, L01) and the 表一 bound P02, plus M06/M08 hints.

Relations are compiled once per format from the schema, so an edit re-checks ~40 sums only.
"""

from __future__ import annotations

from functools import lru_cache

from ..formats import FORMATS
from ..formats.common import T2_PARTS
from .engine import (ERROR, INFO, WARNING, Context, Problem, all_blank, diff, operand, rule,
                     sum_text, total, unbalanced)

# ---------------------------------------------------------------- 表二


@lru_cache(maxsize=None)
def _t2(format_id: str):
    fmt = FORMATS[format_id]
    t2 = fmt.table["t2"]
    return fmt, t2, [c.key for c in t2.cols], [r.key for r in t2.rows]


@lru_cache(maxsize=None)
def _relations(format_id: str):
    """The cell paths of every M01/M02/M03 relation, built once per format (they ran per check)."""
    fmt, _t2_, cols, rows = _t2(format_id)
    m01 = [(c, tuple(f"t2.{r}.{c}" for r in ("R1", "R2", "R3", "R4"))) for c in cols]
    m02 = [(c, tuple(f"t2.{x}.{c}" for x in fmt.t2_leaves), f"t2.R3.{c}") for c in cols]
    m03 = [(r, tuple(f"t2.{r}.{c}" for c in T2_PARTS), f"t2.{r}.CT") for r in rows]
    return m01, m02, m03


@rule("M01", "本列勾稽关系", ERROR)
def m01(ctx: Context):
    fmt, t2, cols, _rows = _t2(ctx.fmt.id)
    rep = ctx.report
    for c, (r1, r2, r3, r4) in _relations(ctx.fmt.id)[0]:
        if res := unbalanced(rep, (r1, r2), (r3, r4)):
            left, right = res
            name = t2.col[c].name
            yield Problem(
                f"M01@t2.{c}", "M01", ERROR,
                f"{name}列：本年新收({operand(rep, r1)}) + 上年结转({operand(rep, r2)}) = {left}，"
                f"不等于 办理结果总计({operand(rep, r3)}) + 结转下年度({operand(rep, r4)}) = {right}，"
                f"相差 {diff(left, right)}",
                (r1, r2, r3, r4), left, right)


def _with_old_other_row(rep, fmt, c: str, leaves: tuple[str, ...]) -> tuple[str, ...]:
    """In a mixed 表二 (S05) the （六）其他处理 row of the other format stands in for this
    format's blank （六） rows, so a report whose own sums hold gets no M02 on top of S05."""
    own = [p for p in leaves if p.startswith("t2.L6")]
    other = ([f"t2.L6.{c}"] if fmt.id == "2021" else [f"t2.L6_{i}.{c}" for i in (1, 2, 3)])
    cells = rep.cells
    if any(cells.get(p) is not None for p in other if p in cells) and all(cells.get(p) is None for p in own):
        return tuple(p for p in leaves if p not in own) + tuple(p for p in other if p in cells)
    return leaves


@rule("M02", "办理结果合计", ERROR)
def m02(ctx: Context):
    fmt, t2, cols, _rows = _t2(ctx.fmt.id)
    rep = ctx.report
    groups = dict(fmt.t2_groups)
    mixed = any(p in rep.cells for p in (("t2.L6.CT", "t2.L6.C1") if fmt.id == "2021" else ("t2.L6_1.CT", "t2.L6_3.CT")))
    for c, leaves, r3 in _relations(ctx.fmt.id)[1]:
        if mixed:
            leaves = _with_old_other_row(rep, fmt, c, leaves)
        if res := unbalanced(rep, leaves, (r3,)):
            left, right = res
            parts = [f"予以公开 {operand(rep, f't2.L1.{c}')}", f"部分公开 {operand(rep, f't2.L2.{c}')}"]
            parts += [f"{name} {sum_text(rep, (f't2.{k}.{c}' for k in keys))}" for name, keys in groups.items()]
            yield Problem(
                f"M02@t2.{c}", "M02", ERROR,
                f"{t2.col[c].name}列：办理结果各项之和 = {left}（{' + '.join(parts)}），"
                f"不等于 （七）总计({operand(rep, r3)})，相差 {diff(left, right)}",
                (*leaves, r3), left, right)


@rule("M03", "申请人合计", ERROR)
def m03(ctx: Context):
    fmt, t2, _cols, rows = _t2(ctx.fmt.id)
    rep = ctx.report
    for r, parts, ct in _relations(ctx.fmt.id)[2]:
        if res := unbalanced(rep, parts, (ct,)):
            left, right = res
            ops = " + ".join(f"{t2.col[c].label}({operand(rep, p)})" for c, p in zip(T2_PARTS, parts))
            yield Problem(
                f"M03@t2.{r}", "M03", ERROR,
                f"{t2.row[r].name}：{ops} = {left}，不等于 总计({operand(rep, ct)})，相差 {diff(left, right)}",
                (*parts, ct), left, right)


@rule("M06", "结转比例", INFO)
def m06(ctx: Context):
    rep = ctx.report
    base = total(rep, ("t2.R1.CT", "t2.R2.CT"))
    r4 = rep.cells.get("t2.R4.CT") or 0
    if base >= 10 and r4 > base * 3 / 10:
        yield Problem("M06@t2.R4", "M06", INFO,
                      f"结转下年度({r4}) 占 本年新收 + 上年结转({base}) 的 {round(r4 * 100 / base)}%，请确认",
                      ("t2.R1.CT", "t2.R2.CT", "t2.R4.CT"))


@rule("M08", "少见申请人类型", INFO)
def m08(ctx: Context):
    for c, name in (("C3", "科研机构"), ("C4", "社会公益组织")):
        n = ctx.report.cells.get(f"t2.R1.{c}") or 0
        if n > 0:
            yield Problem(f"M08@t2.{c}", "M08", INFO,
                          f"{name}本年新收申请 {n} 件，此类申请人较少见，请确认申请人类型", (f"t2.R1.{c}",))


# ---------------------------------------------------------------- 表三

@rule("L01", "表三合计", ERROR)
def l01(ctx: Context):
    t3 = ctx.fmt.table["t3"]
    rep = ctx.report
    for g in t3.rows:
        parts = [f"t3.{g.key}.{f}" for f in ("M", "K", "O", "P")]
        s = f"t3.{g.key}.S"
        if res := unbalanced(rep, parts, (s,)):
            left, right = res
            m, k, o, p = (operand(rep, x) for x in parts)
            yield Problem(
                f"L01@t3.{g.key}", "L01", ERROR,
                f"{g.name}：结果维持({m}) + 结果纠正({k}) + 其他结果({o}) + 尚未审结({p}) = {left}，"
                f"不等于 总计({operand(rep, s)})，相差 {diff(left, right)}",
                (*parts, s), left, right)


@rule("L04", "复议后起诉无复议", INFO)
def l04(ctx: Context):
    rep = ctx.report
    lr = rep.cells.get("t3.LR.S") or 0
    prev_rv = (ctx.previous.cells.get("t3.RV.S") or 0) if ctx.previous else 0
    if lr > 0 and not (rep.cells.get("t3.RV.S") or 0) and not prev_rv:
        which = "本年和上年" if ctx.previous else "本年"
        yield Problem("L04@t3.LR", "L04", INFO, f"复议后起诉 {lr} 件，但{which}行政复议均为 0，请确认",
                      ("t3.LR.S", "t3.RV.S"))


# ---------------------------------------------------------------- 表一

@rule("P02", "现行有效下限", WARNING, formats=("2021",))
def p02(ctx: Context):
    rep = ctx.report
    for item in ("regulations", "normative"):
        issued, repealed, in_force = (f"t1.{item}.{f}" for f in ("issued", "repealed", "in_force"))
        cells = (issued, repealed, in_force)
        if all_blank(rep, cells):
            continue
        right = total(rep, (issued,)) - total(rep, (repealed,))
        left = rep.cells.get(in_force) or 0
        if left < right:
            label = ctx.fmt.table["t1"].row[item].label
            yield Problem(
                f"P02@t1.{item}", "P02", WARNING,
                f"{label}：现行有效件数({operand(rep, in_force)}) 小于 本年制发件数({operand(rep, issued)}) − "
                f"本年废止件数({operand(rep, repealed)}) = {right}，相差 {diff(left, right)}",
                cells, left, right)
