"""Rules that published reports brought in by import make worth checking (rules.md F).

X08: a report that cites an earlier year's 政务公开工作要点 was usually copied from last year's
report; the citation is fine where the passage speaks about last year (改进情况 …).
Y04: 一 or 五 whose sentences are mostly last year's (内容雷同), counted by the shared
sentence helper (core/similarity.py: headings and statutory stock phrases are left out, figures
do not make a copied sentence new).
"""

from __future__ import annotations

import re

from .. import similarity
from .engine import INFO, WARNING, Context, Problem, rule
from .structure import is_blank_text

# the parts whose copying the 2021 format names as 内容雷同 (rules.md Y04)
Y04_SECTIONS = ("s1", "s5")

CITATION = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?:[^。；;\n]{0,16}?)(?:政务公开|政府信息公开)?工作要点")
# a paragraph about last year may name last year's 要点 (e.g. “（一）2024年工作中存在问题的改进情况”)
ABOUT_LAST_YEAR = re.compile(r"上一?年度?|去年|改进情况|整改情况|落实情况回顾")


@rule("X08", "引用年份", INFO)
def x08(ctx: Context):
    year = ctx.report.year
    for section in ctx.fmt.sections:
        text = ctx.report.sections.get(section.key) or ""
        if "要点" not in text:
            continue
        count = 0
        for m in CITATION.finditer(text):
            cited = int(m.group(1))
            if cited >= year:
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            paragraph = text[start:end if end >= 0 else len(text)]
            if ABOUT_LAST_YEAR.search(paragraph):
                continue
            count += 1
            yield Problem(f"X08@{section.key}#{count}", "X08", INFO,
                          f"正文引用“{cited}年政务公开工作要点”，早于报告年度 {year}，请确认", (section.key,),
                          span=m.span())


@rule("Y04", "内容雷同", WARNING, needs_previous=True)
def y04(ctx: Context):
    last = ctx.previous
    for key in Y04_SECTIONS:
        if key not in ctx.fmt.section or is_blank_text(ctx, key):
            continue
        text = ctx.report.sections.get(key) or ""
        if len(set(similarity.sentences(text))) < similarity.MIN_SENTENCES:
            continue          # too short to judge
        share = similarity.shared_fraction(text, last.sections.get(key) or "")
        if share > similarity.THRESHOLD:
            yield Problem(f"Y04@{key}", "Y04", WARNING,
                          f"{ctx.fmt.section[key].heading}有 {int(share * 100)}% 的句子与{last.year}年报告相同，"
                          "可能内容雷同", (key,), round(share * 100), 80)
