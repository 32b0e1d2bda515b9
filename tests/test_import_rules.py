"""Rules that imported reports make worth checking (they are often last year's report with the
year changed): X08 (引用年份), citing an earlier year's 政务公开工作要点, and Y04 (内容雷同), 一 or 五
mostly in last year's sentences."""

from __future__ import annotations

from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import RULES, check
from rule_coverage import covers

covers("X08", "Y04")


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


# ---------------------------------------------------------------- Y04 内容雷同

LAST_S1 = ("一、总体情况\n"
           "依据《中华人民共和国政府信息公开条例》规定，编制本报告。本报告所列数据统计期限从2021年1月1日至12月31日止。\n"
           "（一）主动公开\n"
           "全年通过门户网站主动公开政府信息1200条，其中政策文件35件。\n"
           "围绕重点领域推进信息公开，及时发布财政预决算和民生项目信息。\n"
           "（二）依申请公开\n"
           "严格按照法定时限答复群众申请，做到件件有回音。\n"
           "（三）政府信息管理\n"
           "健全信息发布保密审查机制，坚持先审后发。\n"
           "（四）平台建设\n"
           "持续优化政府网站栏目设置，提升信息检索的便利程度。")
OWN_S1 = ("全年新建政务公开专区3个，完成公开目录梳理并在专区公示。\n"
          "开展政策解读进社区活动12场，现场解答群众疑问。\n"
          "建立依申请公开登记台账，办理情况每月通报一次。\n"
          "政府网站完成适老化改造，群众查询更加方便。")


def y04(report, previous):
    return [p for p in check(report, previous) if p.rule == "Y04"]


def pair(this_s1, last_s1=LAST_S1, **more):
    last = report(2021, s1=last_s1, **more)
    return report(2022, s1=this_s1, **more), last


def test_last_years_text_with_new_figures_is_content_copying():
    copied = LAST_S1.replace("1200", "1350").replace("35", "41").replace("2021年", "2022年")
    rep, last = pair(copied)
    (p,) = y04(rep, last)
    assert (p.id, p.severity, p.cells) == ("Y04@s1", "warning", ("s1",))
    assert p.message == "一、总体情况有 100% 的句子与2021年报告相同，可能内容雷同"


def test_most_sentences_copied_and_one_new_is_still_reported():
    rep, last = pair(LAST_S1 + "\n今年还开通了政务公开微信公众号，定期推送政策解读。")
    (p,) = y04(rep, last)
    assert p.message.startswith("一、总体情况有 83% ")


def test_own_words_headings_and_statutory_phrases_are_not_copying():
    rep, last = pair(OWN_S1)
    assert y04(rep, last) == []
    # the same headings and the same statutory opening every report has, then new sentences
    same_frame = "\n".join(LAST_S1.splitlines()[:3]) + "\n" + OWN_S1
    rep, last = pair(same_frame)
    assert y04(rep, last) == []


def test_half_copied_is_below_the_threshold():
    lines = LAST_S1.splitlines()
    half = "\n".join(lines[:5] + OWN_S1.splitlines()[:3])   # 2 of 5 sentences last year's
    rep, last = pair(half)
    assert y04(rep, last) == []


def test_part_five_copied_and_short_or_blank_parts_skipped():
    s5 = ("（一）存在的问题。政策解读形式比较单一，图解和视频解读偏少。部分栏目更新不够及时。\n"
          "（二）改进措施。丰富解读形式，增加图解视频。明确专人每周检查栏目更新情况。")
    rep, last = pair(OWN_S1, s5=s5)
    assert [p.id for p in y04(rep, last)] == ["Y04@s5"]
    assert y04(*pair("全年公开信息100条。", last_s1="全年公开信息100条。")) == []   # too short to judge
    assert y04(*pair("", last_s1="")) == []


def test_needs_last_years_report_and_runs_on_both_formats():
    copied = LAST_S1.replace("1200", "1350")
    rep = report(2022, s1=copied)
    assert [p for p in check(rep) if p.rule == "Y04"] == []              # no last year: not run
    rep.attach_previous(report(2021, s1=LAST_S1))                         # attached: runs by itself
    assert [p.id for p in check(rep) if p.rule == "Y04"] == ["Y04@s1"]
    rule = RULES["Y04"]
    assert rule.needs_previous and set(rule.formats) == {"2021", "2019"}


def test_a_real_report_copied_into_next_year(county):
    last = county.copy()
    last.year -= 1
    last.cells["t2.R1.CT"] = 500                 # different figures: not Y03, but the texts are the same
    assert {p.id for p in check(county, last) if p.rule == "Y04"} == {"Y04@s1", "Y04@s5"}
