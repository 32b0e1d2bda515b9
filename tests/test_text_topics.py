"""S09 and S11 recognise topics and measures written the way reports write them, and name
exactly the required point that is missing. The 五 sentence marked “real” is quoted in issue 13."""

import pytest
from text_corpus import COUNTY_FIVE, constructed, zhouji

from govreport_desktop.core.rules import check

REAL_FIVE = COUNTY_FIVE + "丰富政策解读形式；二是推进基层公开专区标准化建设；三是加强业务培训。"
PROBLEMS = "本年度工作仍存在一些不足：政策解读形式较为单一。"


def message(report, rule):
    found = [p.message for p in check(report) if p.rule == rule]
    return found[0] if found else None


def with_s5(s5, year=2024):
    return constructed(year, "某县人民政府", "county_gov", s5=s5)


def test_real_measures_after_zhenduicunzaiwenti_are_measures():
    """“针对存在问题，2025 年我们将切实抓好以下工作：一是…” (real) in a 2024 report."""
    assert message(with_s5(PROBLEMS + REAL_FIVE + "2023年度报告所列问题已落实。"), "S11") is None
    # without last year, S11 names exactly that point, not the measures
    assert message(with_s5(PROBLEMS + REAL_FIVE), "S11") == "五、存在的主要问题及改进情况未涉及：上年度问题的改进情况"


@pytest.mark.parametrize("measures", [
    "下一步，我局将丰富解读形式。", "今后要丰富解读形式。", "（二）改进措施\n丰富解读形式。",
    "2025年，我县将进一步丰富解读形式。", "我们将持续丰富解读形式。", "（二）下一年度工作计划：丰富解读形式。",
])
def test_measures_as_reports_write_them(measures):
    assert message(with_s5(PROBLEMS + measures + "上一年度报告所列问题已解决。"), "S11") is None


def test_no_measures_is_named_precisely():
    s5 = "存在的问题是政策解读形式单一、公开专区建设不够均衡。上一年度报告所列问题已解决。"
    assert message(with_s5(s5), "S11") == "五、存在的主要问题及改进情况未涉及：改进措施"


@pytest.mark.parametrize("last_year", ["2023 年度报告所列问题已整改。", "二〇二三年报告所列问题已整改。",
                                       "去年报告指出的问题已整改。"])
def test_last_year_written_with_spaces_or_chinese_numerals(last_year):
    assert message(with_s5(PROBLEMS + "下一步将丰富解读形式。" + last_year), "S11") is None


def test_problems_written_as_shortcomings():
    s5 = "仍存在短板：一是政策解读多样性需进一步加强。下一步将丰富解读形式。2023年问题已整改。"
    assert message(with_s5(s5), "S11") is None
    s5 = "本年度工作取得一定成效。下一步将丰富解读形式。2023年报告所列事项已落实。"
    assert message(with_s5(s5), "S11") == "五、存在的主要问题及改进情况未涉及：存在的主要问题"


def test_s09_reads_information_management_under_other_headings(load_truth):
    """沭阳县 2025: （三） speaks of 发布审核把关 and 过期信息清理 — 政府信息管理 is covered; 社会评议
    and 责任追究, required of a government, are not."""
    assert message(load_truth("shuyang-county-2025"), "S09") == "一、总体情况未涉及：社会评议、责任追究"


def test_s09_protecting_rights_is_not_supervision():
    """周矶街道 2020 (real, partial): “依法保障公民…获取政府信息的权利” is not 监督保障."""
    assert message(zhouji(), "S09") == ("一、总体情况未涉及：依申请公开、政府信息管理、平台建设、监督保障、"
                                       "工作考核、社会评议、责任追究")


@pytest.mark.parametrize("s1, missing", [
    ("（一）主动公开（二）依申请公开（三）政府信息管理（四）平台建设（五）监督保障", None),
    ("主动公开政府信息120条。办理政府信息公开申请36件。开展过期信息清理。维护政府网站。加强业务培训。", None),
    ("主动公开政府信息120条。办理政府信息公开申请36件。维护政府网站。加强业务培训。", "政府信息管理"),
    ("主动公开政府信息120条。开展过期信息清理。维护政府网站。加强业务培训。", "依申请公开"),
])
def test_s09_aspects_in_headings_or_in_prose(s1, missing):
    rep = constructed(2024, "某县某局", "department", s1=s1 + "统计期限为2024年1月1日至12月31日。")
    assert message(rep, "S09") == (f"一、总体情况未涉及：{missing}" if missing else None)
