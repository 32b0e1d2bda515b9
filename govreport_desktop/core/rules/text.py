"""Rules on what the texts must say, and texts against tables (S09–S11, M07, L05, X05, X06)."""

from __future__ import annotations

import re

from ..report import GOVERNMENTS
from ..schema import Feature
from . import words as W
from .engine import INFO, WARNING, Context, Problem, rule, total
from .reading import said
from .structure import is_blank_text


def _sev(ctx: Context) -> str:
    return WARNING if Feature.PRESCRIBED_TEXTS in ctx.fmt.features else INFO


@rule("S09", "总体情况五个方面", WARNING)
def s09(ctx: Context):
    if is_blank_text(ctx, "s1"):
        return
    text = ctx.report.sections["s1"]
    aspects = W.ASPECTS + (W.GOV_ASPECTS if ctx.report.unit_kind in GOVERNMENTS else ())
    # plain words and `in`: ~10× faster than re.search on a long 一
    missing = [name for name, words in aspects if not any(w in text for w in words)]
    if missing:
        yield Problem("S09@s1", "S09", _sev(ctx), f"一、总体情况未涉及：{'、'.join(missing)}", ("s1",))


@rule("S10", "信息处理费说明", WARNING, features=(Feature.FEE_STATEMENT,))
def s10(ctx: Context):
    if is_blank_text(ctx, "s6"):
        return
    if not re.search(r"信息处理费|收费|收取", ctx.report.sections["s6"]):
        yield Problem("S10@s6", "S10", WARNING,
                      "六、其他需要报告的事项未说明信息处理费情况（是否收取；如收取，发出收费通知件数、金额及实际收取金额）",
                      ("s6",))


CN_YEAR = dict(zip("0123456789", "〇一二三四五六七八九"))


def _mentions_last_year(text: str, year: int) -> bool:
    """2024年 / 二〇二四年 / 上一年度 / 上年 / 去年 in a 2025 report."""
    last = str(year - 1)
    return (f"{last}年" in text or any(w in text for w in ("上一年", "上年", "去年", "前一年"))
            or "".join(CN_YEAR[d] for d in last) + "年" in text)


@rule("S11", "问题及改进", WARNING)
def s11(ctx: Context):
    if is_blank_text(ctx, "s5"):
        return
    text = "".join(ctx.report.sections["s5"].split())   # “2025 年我们将…”
    year = ctx.report.year
    missing = []
    if not any(w in text for w in W.PROBLEM_WORDS):
        missing.append("存在的主要问题")
    # measures as reports write them: 改进措施, 下一步/今后, “（我们）将切实抓好以下工作：一是…”, 2026年将…
    if not (any(w in text for w in W.MEASURE_WORDS) or W.MEASURE_PROMISE.search(text)
            or f"{year + 1}年" in text):
        missing.append("改进措施")
    if Feature.LAST_YEAR_REVIEW in ctx.fmt.features and not _mentions_last_year(text, year):
        missing.append("上年度问题的改进情况")
    if missing:
        yield Problem("S11@s5", "S11", _sev(ctx),
                      f"五、存在的主要问题及改进情况未涉及：{'、'.join(missing)}", ("s5",))


FEE_ROW = tuple(f"t2.L6_2.{c}" for c in ("C1", "C2", "C3", "C4", "C5", "C6", "CT"))


@rule("M07", "逾期未缴费需有收费说明", WARNING, needs=FEE_ROW)
def m07(ctx: Context):
    n = ctx.report.cells.get("t2.L6_2.CT") or 0
    if n > 0 and not re.search(r"收费通知|信息处理费", ctx.report.sections.get("s6") or ""):
        yield Problem("M07@t2.L6_2", "M07", WARNING,
                      f"表二“申请人逾期未按收费通知要求缴纳费用”为 {n} 件，"
                      "但六、其他需要报告的事项未说明发出收费通知及信息处理费情况", (*FEE_ROW, "s6"))


@rule("L05", "纠错需说明", INFO)
def l05(ctx: Context):
    k = total(ctx.report, (f"t3.{g}.K" for g in ("RV", "LD", "LR")))
    text = (ctx.report.sections.get("s4") or "") + (ctx.report.sections.get("s5") or "")
    if k > 0 and not re.search(r"纠错|纠正|败诉|整改", text):
        yield Problem("L05@s5", "L05", INFO, f"表三有结果纠正 {k} 件，未说明原因和整改情况",
                      ("t3.RV.K", "t3.LD.K", "t3.LR.K", "s5"))


NO_APPLICATION = re.compile(r"未(?:收到|接到)(?:[^。；，,]{0,16}?)(?:政府信息公开)?申请")


@rule("X05", "未收到申请", WARNING)
def x05(ctx: Context):
    n = ctx.report.cells.get("t2.R1.CT") or 0
    if not n:
        return
    for key in ("s1", "s3"):
        count = 0  # the order of the mention within its section, so ids stay stable (rules.md)
        text = ctx.report.sections.get(key) or ""
        for m in NO_APPLICATION.finditer(text):
            if re.search(r"复议|诉讼", m.group(0)):
                continue
            count += 1
            yield Problem(f"X05@{key}#{count}", "X05", WARNING,
                          said(f"正文称未收到政府信息公开申请，但表二 本年新收·总计为 {n}", text, m.span()),
                          (key, "t2.R1.CT"), span=m.span())


NO_NOTICE = re.compile(r"(?:未|没有)(?:发出|涉及|出具)[^。；]{0,6}收费通知")


@rule("X06", "收费通知说法", WARNING, needs=FEE_ROW)
def x06(ctx: Context):
    n = ctx.report.cells.get("t2.L6_2.CT") or 0
    text = ctx.report.sections.get("s6") or ""
    if n and (m := NO_NOTICE.search(text)):
        yield Problem("X06@s6", "X06", WARNING,
                      said(f"六称未发出收费通知，但表二“申请人逾期未按收费通知要求缴纳费用”为 {n} 件", text, m.span()),
                      ("s6", *FEE_ROW), span=m.span())




# A narrow X07: a 县-level body named in a 区's report or the reverse is almost always text copied
# from another unit's report (seen: a 街道 of a 区 promising to improve the “县教育局” platform).
# Superior and national bodies are legitimate and not matched.
ORG = {level: re.compile(rf"{level}[\u4e00-\u9fa5]{{1,8}}?(?:局|委员会|委|办公室)") for level in "县区"}


@rule("X07", "疑似复制其他单位内容", WARNING)
def x07(ctx: Context):
    unit = ctx.report.unit or ""
    levels = {lvl for lvl in "县区" if lvl in unit}
    if len(levels) != 1:
        return
    (other,) = set("县区") - levels
    for section in ctx.fmt.sections:
        text = ctx.report.sections.get(section.key) or ""
        if other not in text:
            continue
        count = 0
        for m in ORG[other].finditer(text):
            count += 1
            name = m.group(0)
            yield Problem(f"X07@{section.key}#{count}", "X07", WARNING,
                          said(f"正文出现“{name}”，与本单位“{unit}”不符，可能从其他单位报告复制", text, m.span()),
                          (section.key,), span=m.span())
