"""Texts against tables (X01–X04, X07, P04). Last year against this year: test_core_rules.py."""

from govreport_desktop.core.rules import check
from rule_coverage import covers

covers("X01", "X02", "X03", "X04", "X07", "P04")


def found(report, rule, previous=None):
    return [p for p in check(report, previous) if p.rule == rule]


def test_real_reports_raise_no_text_table_warning(load_truth):
    for name in ("shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"):
        report = load_truth(name)
        assert [p.id for p in check(report) if p.rule in ("X01", "X02", "X03", "X04", "P04")] == []


def test_x01_accepts_both_readings_and_flags_others(county):
    county.sections["s3"] = "共受理政府信息公开申请713件。全年受理申请749件。收到申请七百五十件。"
    problems = found(county, "X01")
    assert [p.id for p in problems] == ["X01@s3#3"]
    assert problems[0].message == ("正文称受理申请 750 件，表二 本年新收 = 713，本年新收 + 上年结转 = 749，均不相符"
                                   "（原文：“收到申请七百五十件”）")
    assert problems[0].cells == ("s3", "t2.R1.CT", "t2.R2.CT")


def test_x02_carry_over_from_last_year_is_not_read_as_carry_over_to_next(county):
    county.sections["s3"] = "含上年结转36件，办结718件，结转下年度30件。"
    problems = found(county, "X02")
    assert [p.message for p in problems] == ["正文称结转 30 件，表二 结转下年度·总计 = 31，相差 1（原文：“…结转下年度30件”）"]
    assert problems[0].id == "X02@s3#3"


def test_x03_categories(county):
    county.sections["s3"] = "予以公开及部分公开300件，不予公开七件。"
    messages = [p.message for p in found(county, "X03")]
    l1_l2 = county.cells["t2.L1.CT"] + county.cells["t2.L2.CT"]
    l3 = sum(county.cells[f"t2.L3_{i}.CT"] for i in range(1, 9))
    assert messages == [f"正文称予以公开及部分公开 300 件，表二 予以公开及部分公开合计 {l1_l2} 件，相差 {abs(300 - l1_l2)}"
                        "（原文：“予以公开及部分公开300件…”）",
                        f"正文称不予公开 7 件，表二 不予公开合计 {l3} 件，相差 {abs(7 - l3)}（原文：“…不予公开七件”）"]


def test_x04_counts_and_claims(county):
    county.sections["s4"] = "行政复议61件，行政诉讼13件。"
    assert found(county, "X04") == []
    county.sections["s4"] = "行政复议60件，均获维持。"
    messages = [p.message for p in found(county, "X04")]
    assert messages == ["正文称行政复议 60 件，表三 行政复议总计 = 61，相差 1（原文：“行政复议60件…”）",
                        "正文称“均获维持”，但表三有 结果纠正 10、其他结果 10、尚未审结 16（原文：“行政复议60件，均获维持”）"]


def test_p04_text_against_table_one(county):
    county.sections["s2"] = "全年制发行政规范性文件6件。"
    assert found(county, "P04") == []
    county.sections["s2"] = "全年制发行政规范性文件5件。"
    assert [p.message for p in found(county, "P04")] == [
        "正文称行政规范性文件 5 件，表一为 6 件，相差 1（原文：“全年制发行政规范性文件5件”）"]


def test_x07_body_of_another_county_in_a_district_report(zhaohui, load_truth):
    assert [p.message for p in found(zhaohui, "X07")] == [
        "正文出现“县教育局”，与本单位“杭州市拱墅区朝晖街道办事处”不符，可能从其他单位报告复制（原文：“进一步整合优化县教育局…”）"]
    # a county report naming its own county's bureau is fine
    assert found(load_truth("shuyang-county-2025"), "X07") == []


def test_text_problems_carry_the_span_of_their_mention(county, zhaohui):
    county.sections["s3"] = "前言。共受理政府信息公开申请750件。"
    (p,) = found(county, "X01")
    assert county.sections["s3"][slice(*p.span)] == "受理政府信息公开申请750件"
    assert "span" not in p.to_dict()          # screen-only: the check output is unchanged
    (x07,) = found(zhaohui, "X07")
    assert zhaohui.sections["s5"][slice(*x07.span)] == "县教育局"
