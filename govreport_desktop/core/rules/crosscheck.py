"""Texts against tables: numbers written in the narrative must match 表一、表二、表三 (X01–X04, P04).

The sentences are read by reading.read(): every number is bound to what it counts (受理 or
新收, 上年结转, 办结, 结转, a category of results, a group of 表三), and only numbers read with
confidence are compared. Each mention is numbered in the order it appears among the mentions
its rule reads in that section (X01@s1#2), so an accepted warning keeps its id while the text
does not change. Every message ends with the sentence it read, shortened.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..textnum import NUM, mentions
from .engine import WARNING, Context, Problem, rule, total
from .reading import QUOTED, Mention, quote, read
from .words import CATEGORIES

T2_PARTS = ("C1", "C2", "C3", "C4", "C5", "C6")

SEP = r"[^。；;，,\d]"   # stays inside one clause, before any number (P04)


def _sections(ctx: Context, keys):
    for key in keys:
        text = ctx.report.sections.get(key) or ""
        if text.strip():
            yield key, text


def _readings(ctx: Context, keys, kinds):
    """(section key, order, mention) of the given kinds, numbered per section in the order they appear."""
    for key, text in _sections(ctx, keys):
        i = 0
        for m in read(text, ctx.report.year):
            if m.kind in kinds:
                i += 1
                yield key, i, m


def _ct(ctx: Context, row: str):
    return ctx.report.cells.get(f"t2.{row}.CT")


def _said(message: str, text_quote: str) -> str:
    return f"{message}{QUOTED.format(text_quote)}"


@rule("X01", "收到申请数", WARNING)
def x01(ctx: Context):
    r1, r2 = _ct(ctx, "R1"), _ct(ctx, "R2")
    if r1 is None:
        return
    both = r1 + (r2 or 0)
    for key, i, m in _readings(ctx, ("s1", "s3"), ("received", "new")):
        if m.kind == "new" and m.n != r1:   # 新收 excludes what was carried over
            yield Problem(f"X01@{key}#{i}", "X01", WARNING,
                          _said(f"正文称本年新收申请 {m.n} 件，表二 本年新收·总计 = {r1}，相差 {abs(m.n - r1)}", m.quote),
                          (key, "t2.R1.CT"), m.n, r1, m.span)
        elif m.kind == "received" and m.n not in (r1, both):
            yield Problem(f"X01@{key}#{i}", "X01", WARNING,
                          _said(f"正文称受理申请 {m.n} 件，表二 本年新收 = {r1}，本年新收 + 上年结转 = {both}，均不相符",
                                m.quote),
                          (key, "t2.R1.CT", "t2.R2.CT"), m.n, r1, m.span)


X02_ROWS = {"carried_in": ("上年结转", "R2"), "handled": ("办结", "R3"), "carried_out": ("结转", "R4")}
ROW_NAMES = {"R2": "上年结转", "R3": "办理结果总计", "R4": "结转下年度"}


@rule("X02", "办结与结转", WARNING)
def x02(ctx: Context):
    r1, r2 = _ct(ctx, "R1"), _ct(ctx, "R2")
    # “共办理749件，其中办结718件…”: 办理/处理 may count every application dealt with
    loose = {v for v in (r1, None if r1 is None else r1 + (r2 or 0)) if v is not None}
    for key, i, m in _readings(ctx, ("s1", "s3"), tuple(X02_ROWS)):
        says, row = X02_ROWS[m.kind]
        value = _ct(ctx, row)
        if value is None or m.n == value or (m.loose and m.n in loose):
            continue
        yield Problem(f"X02@{key}#{i}", "X02", WARNING,
                      _said(f"正文称{says} {m.n} 件，表二 {ROW_NAMES[row]}·总计 = {value}，相差 {abs(m.n - value)}",
                            m.quote),
                      (key, f"t2.{row}.CT"), m.n, value, m.span)


# ---------------------------------------------------------------- X03 categories and percentages

def _category_paths(ctx: Context, names) -> list[str]:
    groups = dict(ctx.fmt.t2_groups)
    leaves = {"予以公开": ("L1",), "部分公开": ("L2",)}
    return [f"t2.{k}.CT" for name in names for k in leaves.get(name) or groups.get(name, ())]


def _label(names) -> str:
    return "及".join(names) if len(names) == 2 else "、".join(names)


def _share(part, whole) -> Decimal:
    return Decimal(part) * 100 / Decimal(whole)


def percent_agrees(written: Decimal, places: int, part, wholes) -> bool:
    """A written percentage is right when it is part/whole rounded, or cut, to the decimals written
    (“占 66.7%” and “占 66.6%” of 2/3), for any of the possible wholes."""
    unit = Decimal(1).scaleb(-places)
    for whole in wholes:
        if whole:
            q = _share(part, whole)
            if written in (q.quantize(unit, ROUND_HALF_UP), q.quantize(unit, ROUND_DOWN)):
                return True
    return not any(wholes)


def _show_percent(q: Decimal, places: int) -> str:
    return str(q.quantize(Decimal(1).scaleb(-max(places, 1)), ROUND_HALF_UP))


def _x03_problem(ctx: Context, key: str, i: int, m: Mention):
    cells = ctx.report.cells
    paths = _category_paths(ctx, m.what)
    if not paths or all(cells.get(p) is None for p in paths):
        return None
    value = total(ctx.report, paths)
    label = _label(m.what)
    r1, r2, r3 = _ct(ctx, "R1"), _ct(ctx, "R2"), _ct(ctx, "R3")
    count_wrong = m.n is not None and m.n != value
    wholes = [w for w in (r3, r1, None if r1 is None else r1 + (r2 or 0)) if w is not None]
    percent_wrong = m.percent is not None and not percent_agrees(m.percent, m.places, value, wholes)
    q = _show_percent(_share(value, r3), m.places) if r3 else None
    if not (count_wrong or percent_wrong) or (q is None and not count_wrong):
        return None           # nothing wrong, or a percentage of an empty （七）总计
    p = f"{m.percent}%"
    if m.n is None:
        message = (f"正文称{label}占 {p}，表二 {label}合计 {value} 件，占办理结果总计 {r3} 件的 {q}%，"
                   f"相差 {abs(m.percent - Decimal(q)).normalize():f} 个百分点")
        left, right = m.percent, Decimal(q)
    elif m.percent is None:
        message = f"正文称{label} {m.n} 件，表二 {label}合计 {value} 件，相差 {abs(m.n - value)}"
        left, right = m.n, value
    else:
        shares = (f"正文称{label} {m.n} 件（{p}），表二 {label}合计 {value} 件" + (f"（{q}%）" if q else ""))
        if count_wrong:
            message, left, right = f"{shares}，相差 {abs(m.n - value)}", m.n, value
        else:
            message = f"{shares}，相差 {abs(m.percent - Decimal(q)).normalize():f} 个百分点"
            left, right = m.percent, Decimal(q)
    part = _one_column(ctx, paths, m.n) if count_wrong else None
    if part:   # “予以公开及部分公开258件” where 258 is the 自然人 cell alone
        message += f"，{m.n} 与 {ctx.fmt.cell[part].name} 相同，可能只计了一栏"
    cells = (key, *paths, part) if part else (key, *paths)
    return Problem(f"X03@{key}#{i}", "X03", WARNING, _said(message, m.quote), cells, left, right, m.span)


def _one_column(ctx: Context, paths: list[str], n) -> str | None:
    """The cell of one applicant column of these rows that holds n, if any (not 0: too common)."""
    cells = ctx.report.cells
    for path in paths:
        row = path.split(".")[1]
        for col in T2_PARTS:
            if n and cells.get(f"t2.{row}.{col}") == n:
                return f"t2.{row}.{col}"
    return None


def _complete_list(listed: list[Mention]) -> bool:
    """Every category once, none twice (予以公开及部分公开 counts as two)."""
    names = [n for m in listed if m.n is not None for n in m.what]
    return sorted(names) == sorted(CATEGORIES)


@rule("X03", "分类数字与比例", WARNING)
def x03(ctx: Context):
    r3 = _ct(ctx, "R3")
    for key, text in _sections(ctx, ("s1", "s3")):
        i = 0
        listed: list[Mention] = []
        found = [m for m in read(text, ctx.report.year) if m.kind == "category"]
        for j, m in enumerate(found):
            i += 1
            problem = _x03_problem(ctx, key, i, m)
            if problem:
                yield problem
            listed.append(m)
            if j + 1 < len(found) and found[j + 1].sentence == m.sentence:
                continue
            if _complete_list(listed):   # the sentence lists every category: they add up to （七）总计
                i += 1
                s = sum(x.n for x in listed if x.n is not None)
                if r3 is not None and s != r3:
                    start, end = listed[0].span[0], listed[-1].span[1]
                    yield Problem(f"X03@{key}#{i}", "X03", WARNING,
                                  _said(f"正文所列各类之和 {s} 不等于 办理结果总计 {r3}，相差 {abs(s - r3)}",
                                        _quote_list(text, listed)),
                                  (key, "t2.R3.CT", *_category_paths(ctx, CATEGORIES)), s, r3, (start, end))
            listed = []


def _quote_list(text: str, listed: list[Mention]) -> str:
    """“予以公开及部分公开258件，不予公开40件……其他处理33件”: the list, its middle left out if long."""
    start, end = listed[0].span[0], listed[-1].span[1]
    body = " ".join(text[start:end].split())
    if len(body) <= 40:
        return body
    first, last = (" ".join(text[slice(*m.span)].split()) for m in (listed[0], listed[-1]))
    return f"{first}……{last}"


# ---------------------------------------------------------------- X04 表三

APPEAL_NAMES = {("RV",): ("行政复议", "行政复议总计"),
                ("LD", "LR"): ("行政诉讼", "行政诉讼总计"),
                ("LD",): ("行政诉讼（未经复议直接起诉）", "行政诉讼（未经复议直接起诉）总计"),
                ("LR",): ("行政诉讼（复议后起诉）", "行政诉讼（复议后起诉）总计"),
                ("RV", "LD", "LR"): ("行政复议和行政诉讼", "行政复议和行政诉讼总计")}
CLAIMS = re.compile(r"均(?:获|被|予)?维持")
NO_LOSS = re.compile(r"未被纠错|无(?:一)?败诉|没有败诉|未发生败诉")


@rule("X04", "复议诉讼说法", WARNING)
def x04(ctx: Context):
    c = ctx.report.cells
    groups = ("RV", "LD", "LR")
    k, o, p = (total(ctx.report, (f"t3.{g}.{f}" for g in groups)) for f in "KOP")
    for key, text in _sections(ctx, ("s1", "s4")):
        found = []   # (span, message or None when the text agrees, cells, left, right)
        for m in read(text, ctx.report.year):
            if m.kind != "appeal":
                continue
            paths = tuple(f"t3.{g}.S" for g in m.what)
            value = None if all(c.get(x) is None for x in paths) else total(ctx.report, paths)
            says, name = APPEAL_NAMES[m.what]
            wrong = value is not None and m.n != value
            found.append((m.span, _said(f"正文称{says} {m.n} 件，表三 {name} = {value}，相差 {abs(m.n - value)}", m.quote)
                          if wrong else None, paths, m.n, value))
        for hit in CLAIMS.finditer(text) if "维持" in text else ():
            found.append((hit.span(), _said(f"正文称“{hit.group(0)}”，但表三有 结果纠正 {k}、其他结果 {o}、尚未审结 {p}",
                                            quote(text, *hit.span())) if k or o or p else None,
                          tuple(f"t3.{g}.{f}" for g in groups for f in "KOP"), None, None))
        # every alternative contains 败诉 or 纠错: skip the scan without them
        for hit in NO_LOSS.finditer(text) if ("败诉" in text or "纠错" in text) else ():
            found.append((hit.span(), _said(f"正文称“{hit.group(0)}”，但表三有 结果纠正 {k}", quote(text, *hit.span()))
                          if k else None, tuple(f"t3.{g}.K" for g in groups), None, None))
        for i, (span, message, cells, left, right) in enumerate(sorted(found, key=lambda f: f[0]), 1):
            if message:
                yield Problem(f"X04@{key}#{i}", "X04", WARNING, message, (key, *cells), left, right, span)


# ---------------------------------------------------------------- P04 表一

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
                    found.append((m.span(), _said(f"正文称{label} {n} 件，表一为 {value} 件，相差 {abs(n - value)}",
                                                  quote(text, *m.span())), path, n, value))
        for i, (span, msg, path, n, value) in enumerate(sorted(found, key=lambda f: f[0]), 1):
            yield Problem(f"P04@{key}#{i}", "P04", WARNING, msg, (key, path), n, value, span)
