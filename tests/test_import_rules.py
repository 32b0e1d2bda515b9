"""X08 (引用年份): citing an earlier year's 政务公开工作要点, a rule that imported reports make
worth checking (they are often last year's report with the year changed). Y04 is not here yet."""

from __future__ import annotations

from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import RULES, check
from rule_coverage import covers

covers("X08")


def x08(report):
    return [p for p in check(report) if p.rule == "X08"]


def report(year=2022, **sections):
    return Report(format="2021", year=year, unit="某某街道办事处", unit_kind="township", sections=sections)


def test_earlier_year_cited():
    rep = report(s1="一年来，严格按照2020年政务公开工作要点，扎实推进各项工作。\n全年主动公开信息100条。",
                 s6="落实《2021年政务公开工作要点》情况：已全部完成。")
    found = x08(rep)
    assert [p.id for p in found] == ["X08@s1#1", "X08@s6#1"]
    assert found[0].message == "正文引用“2020年政务公开工作要点”，早于报告年度 2022，请确认"
    assert found[0].severity == "info" and found[0].cells == ("s1",)
    start, end = found[0].span
    assert rep.sections["s1"][start:end].startswith("2020年") and rep.sections["s1"][start:end].endswith("工作要点")


def test_this_year_or_last_year_passage_is_fine():
    rep = report(s1="严格按照2022年政务公开工作要点开展工作。",
                 s5="（一）上年度问题的改进情况：对照2021年政务公开工作要点逐项整改。")
    assert x08(rep) == []


def test_zhaohui_cites_its_own_year(zhaohui):
    assert x08(zhaohui) == []                     # “严格按照2021年政务公开工作要点” in a 2021 report
    zhaohui.year = 2022
    assert [p.id for p in x08(zhaohui)] == ["X08@s1#1"]


def test_registered_for_both_formats():
    rule = RULES["X08"]
    assert rule.severity == "info" and set(rule.formats) == {"2021", "2019"} and not rule.import_only
