"""Texts against tables: numbers written in the narrative must match 表一、表二、表三 (X01–X04, P04).

Each mention is checked on its own and numbered in the order it appears (X01@s1#2), so an
accepted warning keeps its id while the text does not change.
"""

from __future__ import annotations

import re

from ..textnum import NUM, mentions
from .engine import WARNING, Context, Problem, rule, total

SEP = r"[^。；;，,\d]"   # stays inside one clause, before any number


def _sections(ctx: Context, keys):
    for key in keys:
        text = ctx.report.sections.get(key) or ""
        if text.strip():
            yield key, text


def _ct(ctx: Context, row: str):
    return ctx.report.cells.get(f"t2.{row}.CT")


RECEIVED = rf"(?:收到|受理|接收|接到){SEP}{{0,20}}?申请{SEP}{{0,8}}?{NUM}\s*件"


@rule("X01", "收到申请数", WARNING)
def x01(ctx: Context):
    r1, r2 = _ct(ctx, "R1"), _ct(ctx, "R2")
    if r1 is None:
        return
    both = r1 + (r2 or 0)
    for key, text in _sections(ctx, ("s1", "s3")):
        for i, (m, n) in enumerate(mentions(RECEIVED, text), 1):
            if n not in (r1, both):
                yield Problem(f"X01@{key}#{i}", "X01", WARNING,
                              f"正文称受理申请 {n} 件，表二 本年新收 = {r1}，本年新收 + 上年结转 = {both}，均不相符",
                              (key, "t2.R1.CT", "t2.R2.CT"), n, r1, m.span())


# (what the text says, pattern, row): 含上年结转 first, its span is then not read as 结转下年度.
X02_PATTERNS = (
    # no optional prefix such as (?:含|包括)? before 上: without a literal first character the regex
    # is tried at every position (0.5 ms on a 3 000-character 一, the costliest step of check())
    ("上年结转", rf"上(?:一)?年(?:度)?结转(?:申请)?(?:共)?\s*{NUM}\s*件", "R2"),
    ("结转", rf"(?:结转|顺延)(?:至|到)?(?:下(?:一)?年(?:度)?|明年|次年)?(?:继续办理)?(?:共)?\s*{NUM}\s*件", "R4"),
    ("办结", rf"(?:办结|答复|办理)(?:完毕|完成)?(?:共|了)?\s*{NUM}\s*件", "R3"),
)
ROW_NAMES = {"R2": "上年结转", "R3": "办理结果总计", "R4": "结转下年度"}


@rule("X02", "办结与结转", WARNING)
def x02(ctx: Context):
    for key, text in _sections(ctx, ("s1", "s3")):
        taken: list[tuple[int, int]] = []
        found = []
        for says, pattern, row in X02_PATTERNS:
            for m, n in mentions(pattern, text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                found.append((m.span(), says, row, n))
        for i, (span, says, row, n) in enumerate(sorted(found), 1):
            value = _ct(ctx, row)
            if value is not None and n != value:
                yield Problem(f"X02@{key}#{i}", "X02", WARNING,
                              f"正文称{says} {n} 件，表二 {ROW_NAMES[row]}·总计 = {value}，相差 {abs(n - value)}",
                              (key, f"t2.{row}.CT"), n, value, span)


def _group_total(ctx: Context, name: str):
    keys = dict(ctx.fmt.t2_groups).get(name, ())
    return total(ctx.report, (f"t2.{k}.CT" for k in keys)), [f"t2.{k}.CT" for k in keys]


@rule("X03", "分类数字", WARNING)
def x03(ctx: Context):
    cells = ctx.report.cells
    for key, text in _sections(ctx, ("s1", "s3")):
        i = 0
        for m, n in mentions(rf"予以公开(?P<both>(?:及|和|与)部分公开)?(?:的)?(?:共)?\s*{NUM}\s*件", text):
            i += 1
            paths = ["t2.L1.CT"] + (["t2.L2.CT"] if m.group("both") else [])
            value = total(ctx.report, paths)
            if all(cells.get(p) is None for p in paths) or n == value:
                continue
            label = "予以公开及部分公开" if m.group("both") else "予以公开"
            yield Problem(f"X03@{key}#{i}", "X03", WARNING,
                          f"正文称{label} {n} 件，表二 {label}合计 {value} 件，相差 {abs(n - value)}",
                          (key, *paths), n, value, m.span())
        for name in ("不予公开", "无法提供", "不予处理", "其他处理"):
            # the look-behind after the name keeps the literal prefix fast (35× faster than before it)
            for m, n in mentions(rf"{name}(?<!部分{name})(?:的)?(?:共)?\s*{NUM}\s*件", text):
                i += 1
                value, paths = _group_total(ctx, name)
                if all(cells.get(p) is None for p in paths) or n == value:
                    continue
                yield Problem(f"X03@{key}#{i}", "X03", WARNING,
                              f"正文称{name} {n} 件，表二 {name}合计 {value} 件，相差 {abs(n - value)}",
                              (key, *paths), n, value, m.span())


@rule("X04", "复议诉讼说法", WARNING)
def x04(ctx: Context):
    c = ctx.report.cells
    rv = c.get("t3.RV.S")
    lit = None if c.get("t3.LD.S") is None and c.get("t3.LR.S") is None else (c.get("t3.LD.S") or 0) + (c.get("t3.LR.S") or 0)
    k = total(ctx.report, (f"t3.{g}.K" for g in ("RV", "LD", "LR")))
    o = total(ctx.report, (f"t3.{g}.O" for g in ("RV", "LD", "LR")))
    p = total(ctx.report, (f"t3.{g}.P" for g in ("RV", "LD", "LR")))
    for key, text in _sections(ctx, ("s1", "s4")):
        found = []
        for m, n in mentions(rf"行政复议(?:案件)?(?:共)?\s*{NUM}\s*件", text):
            if rv is not None and n != rv:
                found.append((m.span(), f"正文称行政复议 {n} 件，表三 行政复议总计 = {rv}，相差 {abs(n - rv)}",
                              ("t3.RV.S",), n, rv))
        for m, n in mentions(rf"行政诉讼(?:案件)?(?:共)?\s*{NUM}\s*件", text):
            if lit is not None and n != lit:
                found.append((m.span(), f"正文称行政诉讼 {n} 件，表三 行政诉讼总计 = {lit}，相差 {abs(n - lit)}",
                              ("t3.LD.S", "t3.LR.S"), n, lit))
        for m in re.finditer(r"均(?:获|被|予)?维持", text):
            if k or o or p:
                found.append((m.span(), f"正文称“{m.group(0)}”，但表三有 结果纠正 {k}、其他结果 {o}、尚未审结 {p}",
                              tuple(f"t3.{g}.{f}" for g in ("RV", "LD", "LR") for f in "KOP"), None, None))
        # every alternative contains 败诉 or 纠错: skip the regex scan (no literal prefix) without them
        no_loss = ("败诉" in text or "纠错" in text)
        for m in re.finditer(r"未被纠错|无(?:一)?败诉|没有败诉|未发生败诉", text) if no_loss else ():
            if k:
                found.append((m.span(), f"正文称“{m.group(0)}”，但表三有 结果纠正 {k}",
                              ("t3.RV.K", "t3.LD.K", "t3.LR.K"), None, None))
        for i, (span, msg, cells, left, right) in enumerate(sorted(found, key=lambda f: f[0]), 1):
            yield Problem(f"X04@{key}#{i}", "X04", WARNING, msg, (key, *cells), left, right, span)


@rule("P04", "正文与表一", WARNING)
def p04(ctx: Context):
    field = "issued" if "t1.regulations.issued" in ctx.fmt.cell else "published"   # 2019: 本年新公开
    verbs = r"(?:主动公开|制发|出台|印发|制定|发布)"
    for key, text in _sections(ctx, ("s1", "s2")):
        found = []
        for item, word, noun in (("regulations", "规章", r"规章"),
                                 ("normative", "规范性文件", r"(?:行政)?规范性文件")):
            if word not in text:   # 主动公开 is everywhere in 一; the noun is rare
                continue
            path = f"t1.{item}.{field}"
            value = ctx.report.cells.get(path)
            for m, n in mentions(rf"{verbs}{SEP}{{0,10}}?{noun}(?:共)?\s*{NUM}\s*件", text):
                if value is not None and n != value:
                    label = ctx.fmt.table["t1"].row[item].label
                    found.append((m.span(), f"正文称{label} {n} 件，表一为 {value} 件，相差 {abs(n - value)}", path, n, value))
        for i, (span, msg, path, n, value) in enumerate(sorted(found, key=lambda f: f[0]), 1):
            yield Problem(f"P04@{key}#{i}", "P04", WARNING, msg, (key, path), n, value, span)
