"""Texts against tables (X01–X04, X07, P04) and last year against this year (Y01, Y03, Y06, P03, P05, P07)."""

import pytest

from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import check
from govreport_desktop.core.textnum import parse_number


def found(report, rule, previous=None):
    return [p for p in check(report, previous) if p.rule == rule]


@pytest.mark.parametrize("text,n", [("749", 749), ("1,295", 1295), ("１２", 12), ("七十二", 72),
                                    ("两千零五", 2005), ("十", 10), ("一百零三", 103), ("三万五千", 35000)])
def test_numbers_in_text(text, n):
    assert parse_number(text) == n


def test_real_reports_raise_no_text_table_warning(load_truth):
    for name in ("shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"):
        report = load_truth(name)
        assert [p.id for p in check(report) if p.rule in ("X01", "X02", "X03", "X04", "P04")] == []


@pytest.fixture
def county(load_truth):
    return load_truth("shuyang-county-2025")  # R1 713, R2 36, R3 718, R4 31; 表三 61 / 3 / 10


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
        "正文出现“县教育局”，与本单位“杭州市拱墅区朝晖街道办事处”不符，可能从其他单位报告复制"]
    # a county report naming its own county's bureau is fine
    assert found(load_truth("shuyang-county-2025"), "X07") == []


def test_year_rules_skip_without_last_year(county):
    assert [p for p in check(county) if p.rule.startswith("Y")] == []


def test_y01_carry_over_must_equal_last_years_carry_forward(county):
    last = county.copy()
    last.year = 2024
    last.cells["t2.R4.C1"], last.cells["t2.R4.CT"] = 31, 31   # this year R2 = 36
    problems = found(county, "Y01", last)
    assert [p.id for p in problems] == ["Y01@t2.C1", "Y01@t2.CT"]
    assert problems[1].message == "总计列：上年结转(36) 不等于 2024年报告的结转下年度(31)，相差 5"
    last.cells["t2.R4.C1"], last.cells["t2.R4.CT"] = 36, 36
    assert found(county, "Y01", last) == []


def test_y03_identical_data_and_y06_p05_jumps(county):
    last = county.copy()
    last.year = 2024
    last.cells.update({"t2.R4.C1": 36, "t2.R4.CT": 36})
    assert found(county, "Y03", last) == []
    same = county.copy()
    assert [p.id for p in found(county, "Y03", same)] == ["Y03@report"]
    last.cells["t2.R1.CT"] = 100
    assert [p.message for p in found(county, "Y06", last)] == ["本年新收申请 713 件，上年 100 件，变化超过 5 倍，请确认"]
    last.cells["t1.coercion.decisions"] = 2154 * 6
    assert [p.id for p in found(county, "P05", last)] == ["P05@t1.coercion.decisions"]


def test_p03_in_force_continuity(county):
    last = county.copy()
    last.cells["t1.normative.in_force"] = 27         # 27 + 6 − 1 = 32 ✓
    assert found(county, "P03", last) == []
    last.cells["t1.normative.in_force"] = 20
    assert [p.message for p in found(county, "P03", last)] == [
        "行政规范性文件：上年现行有效(20) + 本年制发(6) − 本年废止(1) = 25，不等于 本年现行有效(32)，相差 7"]
    old = Report.new(2020, format_id="2019")        # a 2019-format last year cannot be compared
    assert found(county, "P03", old) == []


def test_p07_item_counts_continue():
    last = Report.new(2019, format_id="2019")
    this = Report.new(2020, format_id="2019")
    last.cells.update({"t1.fees.prev_items": 10, "t1.fees.change": -2})
    this.cells["t1.fees.prev_items"] = 8
    assert found(this, "P07", last) == []
    this.cells["t1.fees.prev_items"] = 9
    assert [p.message for p in found(this, "P07", last)] == [
        "行政事业性收费：上年报告 上一年项目数量(10) + 本年增/减(-2) = 8，不等于 本年 上一年项目数量(9)，相差 1"]


def test_last_year_in_2019_format_compares_other_processing_as_one_row(county):
    last = Report.new(2020, format_id="2019")
    for p in county.fmt.cell_paths:
        if p in last.fmt.cell:
            last.cells[p] = county.cells[p]
    for c in ("C1", "C2", "C3", "C4", "C5", "C6", "CT"):
        last.cells[f"t2.L6.{c}"] = sum(county.cells[f"t2.L6_{i}.{c}"] for i in (1, 2, 3))
    assert [p.id for p in found(county, "Y03", last)] == ["Y03@report"]


def test_text_problems_carry_the_span_of_their_mention(county, zhaohui):
    county.sections["s3"] = "前言。共受理政府信息公开申请750件。"
    (p,) = found(county, "X01")
    assert county.sections["s3"][slice(*p.span)] == "受理政府信息公开申请750件"
    assert "span" not in p.to_dict()          # screen-only: the check output is unchanged
    (x07,) = found(zhaohui, "X07")
    assert zhaohui.sections["s5"][slice(*x07.span)] == "县教育局"
