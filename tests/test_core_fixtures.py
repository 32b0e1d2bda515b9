"""The real published reports of ../shared/fixtures/truth, checked with the outcomes their
arithmetic dictates (see each *.notes.md)."""

from decimal import Decimal

import pytest

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.rules import check

ARITHMETIC = {"M01", "M02", "M03", "L01"}


def ids(problems):
    return {p.id for p in problems}


@pytest.mark.parametrize("name", ["shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"])
def test_arithmetic_holds(load_truth, name):
    """notes: M01, M02, M03, L01 all pass (blank = 0)."""
    problems = check(load_truth(name))
    assert [p for p in problems if p.rule in ARITHMETIC] == []


def test_county_2025(load_truth):
    rep = load_truth("shuyang-county-2025")
    assert rep.cells["t1.fees.amount"] == Decimal("4068.208")
    assert (rep.cells["t2.R1.CT"], rep.cells["t2.R2.CT"], rep.cells["t2.R3.CT"], rep.cells["t2.R4.CT"]) == (713, 36, 718, 31)
    problems = check(rep)
    rules = {p.rule for p in problems}
    assert "V02" not in rules                          # notes: no blank cell
    # L6_2 = 7 and 六 reports the 380 元 信息处理费: no fee warning
    assert not rules & {"M07", "X06", "S10"}
    assert not rules & {"S01", "S02", "S05", "V01", "V04", "P01"}   # a county government, 2021 format, 0 规章
    assert [p for p in problems if p.severity == "error"] == []


def test_county_relation_broken_by_one_leaf(load_truth):
    """issue 2, Done when: one leaf cell off by one → M02 for its column, M03 for its row only."""
    rep = load_truth("shuyang-county-2025")
    rep.cells["t2.L4_1.C1"] += 1
    arithmetic = [p for p in check(rep) if p.rule in ARITHMETIC]
    assert [p.id for p in arithmetic] == ["M02@t2.C1", "M03@t2.L4_1"]
    assert arithmetic[0].message == (
        "自然人列：办理结果各项之和 = 711（予以公开 290 + 部分公开 99 + 不予公开 32 + 无法提供 114 + 不予处理 18 + "
        "其他处理 158），不等于 （七）总计(710)，相差 1")
    assert arithmetic[1].message == (
        "无法提供·1.本机关不掌握相关政府信息：自然人(112) + 商业企业(0) + 科研机构(0) + 社会公益组织(0) + "
        "法律服务机构(0) + 其他(0) = 112，不等于 总计(111)，相差 1")


def test_fagaiju_2023_blank_legal_person_columns(load_truth):
    rep = load_truth("shuyang-fagaiju-2023")
    problems = check(rep)
    v02 = [p for p in problems if p.rule == "V02"]
    assert [p.id for p in v02] == ["V02@t2"]           # 表一 and 表三 are complete
    (p,) = v02
    assert p.message == "表二有 125 个空白单元格，无数据请填写 0" and p.severity == "warning"
    rows = [r.key for r in FORMATS["2021"].table["t2"].rows]
    assert set(p.cells) == {f"t2.{r}.{c}" for r in rows for c in ("C2", "C3", "C4", "C5", "C6")}
    assert [q for q in problems if q.severity == "error"] == []
    # title as published lacks “工作”
    assert "S07@title" in ids(problems)


def test_zhaohui_2021_mixed(zhaohui):
    problems = check(zhaohui)
    got = ids(problems)
    assert {"S01@format", "S05@t2", "V02@t1"} <= got
    assert [p.id for p in problems if p.severity == "error"] == ["S01@format", "S05@t2"]
    v02 = {p.id: p for p in problems if p.rule == "V02"}
    assert v02["V02@t1"].cells == ("t1.normative.in_force",)       # the missing third value
    assert "V02@t2" not in v02       # L6_1..L6_3 do not exist in its 表二 (S05 says so), not blanks
    assert zhaohui.cells["t2.L6.CT"] == 0                            # the 2019 row is kept
    assert "S08@s1" in got                                           # no statistics period in 一


def test_zhaohui_sample_equals_truth(zhaohui, load_truth):
    assert zhaohui == load_truth("zhaohui-street-2021")
