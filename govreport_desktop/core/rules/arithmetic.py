"""The 勾稽关系 of 表二 and 表三 (M01–M03, L01) and the 表一 bound P02, plus M06/M08 hints.

The relations are the format's `Relation`s (declared once in core/formats/); the rules only
word the messages. An edit re-checks ~60 sums.
"""

from __future__ import annotations

from ..formats import FORMATS, derived, equivalences
from ..schema import Relation
from .engine import (ERROR, INFO, WARNING, Context, Problem, all_blank, diff, operand, rule,
                     sum_text, total, unbalanced)


@derived
def _relations(format_id: str, rule_id: str) -> tuple[Relation, ...]:
    """The format's relations checked by one rule, in declared order."""
    return tuple(r for r in FORMATS[format_id].relations if r.rule == rule_id)


# ---------------------------------------------------------------- 表二


@rule("M01", "本列勾稽关系", ERROR)
def m01(ctx: Context):
    rep, fmt = ctx.report, ctx.fmt
    for rel in _relations(fmt.id, "M01"):
        if res := unbalanced(rep, rel.left, rel.right):
            left, right = res
            yield Problem(
                f"M01@{rel.place}", "M01", ERROR,
                f"{rel.name}列：{_row_terms(rep, fmt, rel.left)} = {left}，"
                f"不等于 {_row_terms(rep, fmt, rel.right)} = {right}，相差 {diff(left, right)}",
                rel.cells, left, right)


def _row_terms(rep, fmt, paths) -> str:
    """“本年新收(6) + 上年结转(1)”: cells of one 表二 column, each named by its row."""
    t2 = fmt.table["t2"]
    return " + ".join(f"{t2.row[fmt.cell[p].row].name}({operand(rep, p)})" for p in paths)


def _col_terms(rep, fmt, paths) -> str:
    """“自然人(4) + 商业企业(1) …”: cells of one row, each named by its column label."""
    return " + ".join(f"{fmt.table[fmt.cell[p].table].col[fmt.cell[p].col].label}({operand(rep, p)})"
                      for p in paths)


@derived
def _stand_ins(format_id: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Per M02 relation: (this format's cells, the other format's cells) of each equivalence
    among its parts. In a mixed 表二 (S05) the other format's rows stand in for this format's
    blank ones, so a report whose own sums hold gets no M02 on top of S05."""
    out = []
    eqs = equivalences(format_id)
    for rel in _relations(format_id, "M02"):
        out.append(tuple((own.cells, other.cells) for own, other, _eq in eqs
                         if set(own.cells) <= set(rel.left)))
    return tuple(out)


@derived
def _foreign_parts(format_id: str) -> tuple[str, ...]:
    return tuple(p for per_rel in _stand_ins(format_id) for _own, other in per_rel for p in other)


def _with_stand_ins(cells, leaves: tuple[str, ...], pairs) -> tuple[str, ...]:
    for own, other in pairs:
        if any(cells.get(p) is not None for p in other if p in cells) and all(cells.get(p) is None for p in own):
            leaves = tuple(p for p in leaves if p not in own) + tuple(p for p in other if p in cells)
    return leaves


@derived
def _m02_terms(format_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, row keys) of each term of the M02 message, in table order: a leaf of its own
    (予以公开) or a whole subtotal group (不予公开 …)."""
    fmt = FORMATS[format_id]
    group_of = {k: (name, keys) for name, keys in fmt.t2_groups for k in keys}
    t2 = fmt.table["t2"]
    out: dict[str, tuple[str, ...]] = {}
    for leaf in fmt.t2_leaves:
        name, keys = group_of.get(leaf, (t2.row[leaf].name, (leaf,)))
        out.setdefault(name, keys)
    return tuple(out.items())


@rule("M02", "办理结果合计", ERROR)
def m02(ctx: Context):
    rep, fmt = ctx.report, ctx.fmt
    cells = rep.cells
    mixed = any(p in cells for p in _foreign_parts(fmt.id))
    r3_label = fmt.table["t2"].row["R3"].label
    for rel, pairs in zip(_relations(fmt.id, "M02"), _stand_ins(fmt.id)):
        leaves = _with_stand_ins(cells, rel.left, pairs) if mixed and pairs else rel.left
        if res := unbalanced(rep, leaves, rel.right):
            left, right = res
            c = fmt.cell[rel.right[0]].col
            parts = [f"{name} {sum_text(rep, (f't2.{k}.{c}' for k in keys))}" for name, keys in _m02_terms(fmt.id)]
            yield Problem(
                f"M02@{rel.place}", "M02", ERROR,
                f"{rel.name}列：办理结果各项之和 = {left}（{' + '.join(parts)}），"
                f"不等于 {r3_label}({operand(rep, rel.right[0])})，相差 {diff(left, right)}",
                (*leaves, *rel.right), left, right)


@rule("M03", "申请人合计", ERROR)
def m03(ctx: Context):
    rep, fmt = ctx.report, ctx.fmt
    for rel in _relations(fmt.id, "M03"):
        if res := unbalanced(rep, rel.left, rel.right):
            left, right = res
            yield Problem(
                f"M03@{rel.place}", "M03", ERROR,
                f"{rel.name}：{_col_terms(rep, fmt, rel.left)} = {left}，不等于 {_col_terms(rep, fmt, rel.right)}，"
                f"相差 {diff(left, right)}",
                rel.cells, left, right)


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
    rep, fmt = ctx.report, ctx.fmt
    for rel in _relations(fmt.id, "L01"):
        if res := unbalanced(rep, rel.left, rel.right):
            left, right = res
            yield Problem(
                f"L01@{rel.place}", "L01", ERROR,
                f"{rel.name}：{_col_terms(rep, fmt, rel.left)} = {left}，不等于 {_col_terms(rep, fmt, rel.right)}，"
                f"相差 {diff(left, right)}",
                rel.cells, left, right)


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

IN_FORCE = tuple(f"t1.{i}.{f}" for i in ("regulations", "normative") for f in ("issued", "repealed", "in_force"))


@rule("P02", "现行有效下限", WARNING, needs=IN_FORCE)
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
