"""Every rule of spec/rules.md: a passing and a failing case each.

Each test starts from a *clean* report (hand-built, internally consistent, no problem at all),
breaks one thing and asserts the exact problem: id, rule, severity, cells and the message as
rules.md writes it (operands, both sides, 相差, 空白 for blanks). Expected messages were written
from the spec by hand.
"""

from decimal import Decimal

import pytest

from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import RULES, check
from rule_coverage import covered, covers

COLS = ("C1", "C2", "C3", "C4", "C5", "C6", "CT")
PARTS = COLS[:-1]
ARITHMETIC = {"M01", "M02", "M03", "L01"}


def clean_report(format_id="2021", year=None, unit_kind="township", unit="某某街道办事处"):
    """A complete, consistent report on which no rule fires."""
    year = year or (2021 if format_id == "2021" else 2020)
    rep = Report(format=format_id, year=year, unit=unit, unit_kind=unit_kind,
                 title=f"{unit}{year}年政府信息公开工作年度报告")
    rep.sections.update(
        s1=(f"本报告所列数据统计期限为{year}年1月1日至12月31日。（一）主动公开：全年主动公开信息100条。"
            "（二）依申请公开：依法办理申请。（三）政府信息管理：完善审核制度。"
            "（四）政府信息公开平台建设：维护门户网站。（五）监督保障：纳入年度考核，开展社会评议，"
            "未发生责任追究情况。"),
        s5=f"存在的主要问题是政策解读形式单一。下一步将改进解读方式。{year - 1}年报告所列问题已落实。",
        s6="本年度未收取信息处理费。",
    )
    for path in rep.fmt.cell_paths:
        rep.cells[path] = 0
    if format_id == "2021":
        rep.cells["t1.fees.amount"] = Decimal("0")
    else:
        rep.cells["t1.procurement.amount"] = Decimal("0")
        rep.t1_units["procurement.amount"] = "万元"
    # 表二: 6 new + 1 carried over = 6 answered + 1 carried forward
    row(rep, "R1", C1=5, C2=1)
    row(rep, "R2", C1=1)
    row(rep, "L1", C1=3, C2=1)
    row(rep, "L2", C1=1)
    row(rep, "L4_1", C1=1)
    row(rep, "R3", C1=5, C2=1)
    row(rep, "R4", C1=1)
    rep.cells.update({"t3.RV.M": 1, "t3.RV.S": 1})
    return rep


def row(rep, key, **parts):
    """Set a 表二 row: the given applicant columns, the others 0, 总计 = their sum."""
    for c in PARTS:
        rep.cells[f"t2.{key}.{c}"] = parts.get(c, 0)
    rep.cells[f"t2.{key}.CT"] = sum(parts.values())


def add_applications(rep, col, leaf, n):
    """n more applications of column `col` answered as `leaf`: keeps M01–M03 true."""
    for r in ("R1", leaf, "R3"):
        for c in (col, "CT"):
            rep.cells[f"t2.{r}.{c}"] += n


def only(problems, rule_id):
    return [p for p in problems if p.rule == rule_id]


def one(problems, rule_id):
    found = only(problems, rule_id)
    assert len(found) == 1, f"expected one {rule_id}, got {found}"
    return found[0]


@pytest.fixture(params=["2021", "2019"])
def clean(request):
    return clean_report(request.param)


def test_clean_reports_have_no_problem(clean):
    assert check(clean) == []


def last_year(rep):
    """Last year's report of the same unit that raises nothing against `rep`: its 结转下年度 is
    this year's 上年结转, its figures otherwise differ (Y03), 现行有效/项目数量 continue, and
    its 一 and 五 are its own words (Y04)."""
    prev = clean_report(rep.format, year=rep.year - 1, unit_kind=rep.unit_kind, unit=rep.unit)
    prev.cells.update({"t3.RV.M": 2, "t3.RV.S": 2})
    prev.sections.update(s1="上一年度重点建设了政务公开专区，编制了公开目录。全年办理群众申请若干件，均按时答复。"
                            "平台方面完成了网站集约化迁移工作，栏目设置更加清晰。",
                         s5="当年存在的问题是专区内容更新不及时。已明确专人负责每周检查更新情况。")
    return prev


def test_clean_reports_with_last_year_have_no_problem(clean):
    # the passing case of every rule that needs last year's report (Y*, P03, P05, P07)
    assert check(clean, previous=last_year(clean)) == []


def found(report, rule, previous=None):
    return only(check(report, previous), rule)


# ---------------------------------------------------------------- M: 表二

covers("M01", "M02", "M03", "M06", "M07", "M08")


def test_m01_blank_total_carried_forward(clean):
    clean.cells["t2.R4.CT"] = None
    p = one(check(clean), "M01")
    assert (p.id, p.severity) == ("M01@t2.CT", "error")
    assert p.message == ("总计列：本年新收(6) + 上年结转(1) = 7，不等于 办理结果总计(6) + 结转下年度(空白) = 6，"
                         "相差 1")
    assert p.cells == ("t2.R1.CT", "t2.R2.CT", "t2.R3.CT", "t2.R4.CT")
    assert (p.left, p.right) == (7, 6)


def test_m01_column_name_of_c6():
    rep = clean_report()
    rep.cells["t2.R2.C6"] = 2
    rep.cells["t2.R2.CT"] += 2          # keep M03 true: then 总计 breaks together with C6
    problems = check(rep)
    assert [p.id for p in problems] == ["M01@t2.C6", "M01@t2.CT"]
    assert problems[0].message == ("其他（法人或其他组织）列：本年新收(0) + 上年结转(2) = 2，"
                                   "不等于 办理结果总计(0) + 结转下年度(0) = 0，相差 2")
    assert problems[1].message == ("总计列：本年新收(6) + 上年结转(3) = 9，"
                                   "不等于 办理结果总计(6) + 结转下年度(1) = 7，相差 2")


def test_one_leaf_off_by_one_gives_m02_for_its_column_and_m03_for_its_row_only(clean):
    """issue 2, Done when: one leaf off by one → M02 for that column, M03 for that row only."""
    clean.cells["t2.L1.C1"] += 1        # 3 → 4, 总计 of the row and （七）总计 unchanged
    problems = check(clean)
    arithmetic = [p for p in problems if p.rule in ARITHMETIC]
    assert [p.id for p in arithmetic] == ["M02@t2.C1", "M03@t2.L1"]
    assert problems == arithmetic      # nothing else at all
    m02, m03 = arithmetic
    if clean.format == "2021":
        assert m02.message == ("自然人列：办理结果各项之和 = 6（予以公开 4 + 部分公开 1 + 不予公开 0 + 无法提供 1 + "
                               "不予处理 0 + 其他处理 0），不等于 （七）总计(5)，相差 1")
    assert m02.severity == m03.severity == "error"
    assert (m02.left, m02.right) == (6, 5)
    assert m02.cells == (*(f"t2.{x}.C1" for x in clean.fmt.t2_leaves), "t2.R3.C1")
    assert len(m02.cells) == (22 if clean.format == "2021" else 20)
    assert m03.message == ("予以公开：自然人(4) + 商业企业(1) + 科研机构(0) + 社会公益组织(0) + 法律服务机构(0) + "
                           "其他(0) = 5，不等于 总计(4)，相差 1")
    assert m03.cells == tuple(f"t2.L1.{c}" for c in COLS)
    assert (m03.left, m03.right) == (5, 4)


def test_m02_2019_sums_the_single_other_row():
    rep = clean_report("2019")
    rep.cells["t2.L6.C2"] = 2
    rep.cells["t2.L6.CT"] = 2
    rep.cells["t2.L3_1.C2"] = None
    p = [q for q in check(rep) if q.id == "M02@t2.C2"][0]
    assert p.message == ("商业企业列：办理结果各项之和 = 3（予以公开 1 + 部分公开 0 + 不予公开 0 + 无法提供 0 + "
                         "不予处理 0 + 其他处理 2），不等于 （七）总计(1)，相差 2")


def test_m02_blank_results_total_and_blank_group():
    rep = clean_report()
    rep.cells["t2.R3.C1"] = None
    for k in ("L3_1", "L3_2", "L3_3", "L3_4", "L3_5", "L3_6", "L3_7", "L3_8"):
        rep.cells[f"t2.{k}.C1"] = None
    p = one(check(rep), "M02")
    assert p.id == "M02@t2.C1"
    assert p.message == ("自然人列：办理结果各项之和 = 5（予以公开 3 + 部分公开 1 + 不予公开 空白 + 无法提供 1 + "
                         "不予处理 0 + 其他处理 0），不等于 （七）总计(空白)，相差 5")


def test_m03_leaf_label_and_blank_total():
    rep = clean_report()
    rep.cells["t2.L3_1.C1"] = 2
    rep.cells["t2.L3_1.CT"] = None
    p = [q for q in check(rep) if q.rule == "M03"][0]
    assert p.id == "M03@t2.L3_1"
    assert p.message == ("不予公开·1.属于国家秘密：自然人(2) + 商业企业(0) + 科研机构(0) + 社会公益组织(0) + "
                         "法律服务机构(0) + 其他(0) = 2，不等于 总计(空白)，相差 2")


def test_blank_counts_as_zero_but_all_blank_relation_is_not_reported(clean):
    for r in clean.fmt.table["t2"].rows:  # column C6 blank everywhere: its sums are all blank
        clean.cells[f"t2.{r.key}.C6"] = None
    for f in "MKOPS":                  # one 表三 group entirely blank
        clean.cells[f"t3.LD.{f}"] = None
    problems = check(clean)
    assert [p for p in problems if p.rule in ARITHMETIC] == []
    assert {p.id: len(p.cells) for p in problems} == {
        "V02@t2": len(clean.fmt.table["t2"].rows), "V02@t3": 5}


def test_blank_zero_is_not_an_error_when_other_operands_are_zero():
    rep = clean_report()
    rep.cells["t2.R2.C2"] = None        # 0 → blank: 1 + 空白 = 1 + 0 still holds
    problems = check(rep)
    assert [p.rule for p in problems] == ["V02"]


def test_m06_carry_over_ratio():
    rep = clean_report()
    row(rep, "R1", C1=10)
    row(rep, "R2")
    for k in ("L1", "L2", "L4_1"):
        row(rep, k)
    row(rep, "L1", C1=6)
    row(rep, "R3", C1=6)
    row(rep, "R4", C1=4)
    p = one(check(rep), "M06")
    assert (p.id, p.severity) == ("M06@t2.R4", "info")
    assert p.message == "结转下年度(4) 占 本年新收 + 上年结转(10) 的 40%，请确认"
    assert "t2.R4.CT" in p.cells
    assert [q.rule for q in check(rep)] == ["M06"]
    # 3 of 10 is exactly 30 %: not more than 0.3 ×
    row(rep, "R4", C1=3)
    row(rep, "L1", C1=7)
    row(rep, "R3", C1=7)
    assert check(rep) == []


def test_m06_needs_at_least_ten_applications():
    rep = clean_report()              # 6 + 1 = 7 applications, 1 carried forward
    row(rep, "R4", C1=1)
    assert only(check(rep), "M06") == []


@pytest.mark.parametrize("col, name", [("C3", "科研机构"), ("C4", "社会公益组织")])
def test_m08_rare_applicant_types(col, name):
    rep = clean_report()
    add_applications(rep, col, "L1", 2)
    problems = check(rep)
    p = one(problems, "M08")
    assert (p.id, p.severity, p.cells) == (f"M08@t2.{col}", "info", (f"t2.R1.{col}",))
    assert p.message == f"{name}本年新收申请 2 件，此类申请人较少见，请确认申请人类型"
    assert [q.rule for q in problems] == ["M08"]     # add_applications kept the sums


def test_m08_other_columns_are_not_rare():
    rep = clean_report()
    add_applications(rep, "C5", "L1", 2)
    assert check(rep) == []


def test_m07_fee_row_needs_fee_statement():
    rep = clean_report()
    add_applications(rep, "C1", "L6_2", 1)
    rep.sections["s6"] = "本年度未收取任何费用。"
    p = one(check(rep), "M07")
    assert (p.id, p.severity) == ("M07@t2.L6_2", "warning")
    assert p.message == ("表二“申请人逾期未按收费通知要求缴纳费用”为 1 件，"
                         "但六、其他需要报告的事项未说明发出收费通知及信息处理费情况")
    assert set(p.cells) == {*(f"t2.L6_2.{c}" for c in COLS), "s6"}
    rep.sections["s6"] = "本年度发出收费通知1件，申请人未缴纳，未收取信息处理费。"
    assert check(rep) == []


def test_m07_not_in_2019():
    rep = clean_report("2019")
    rep.sections["s6"] = "无。"
    assert check(rep) == []


# ---------------------------------------------------------------- L: 表三

covers("L01", "L04", "L05")


@pytest.mark.parametrize("group, name", [("RV", "行政复议"), ("LD", "行政诉讼（未经复议直接起诉）"),
                                         ("LR", "行政诉讼（复议后起诉）")])
def test_l01(clean, group, name):
    clean.cells[f"t3.{group}.O"] = 2
    clean.cells[f"t3.{group}.P"] = None
    clean.cells[f"t3.{group}.S"] = 5
    problems = check(clean)
    p = one(problems, "L01")
    m = clean.cells[f"t3.{group}.M"]
    assert (p.id, p.severity) == (f"L01@t3.{group}", "error")
    assert p.message == (f"{name}：结果维持({m}) + 结果纠正(0) + 其他结果(2) + 尚未审结(空白) = {m + 2}，"
                         f"不等于 总计(5)，相差 {3 - m}")
    assert p.cells == tuple(f"t3.{group}.{f}" for f in "MKOPS")
    assert (p.left, p.right) == (m + 2, 5)


def _lr_without_review(rep):
    rep.cells.update({"t3.RV.M": 0, "t3.RV.S": 0, "t3.LR.M": 1, "t3.LR.S": 1})


def test_l04_with_last_year_loaded():
    rep = clean_report()
    prev = last_year(rep)              # 2020, in its own words (no Y04)
    _lr_without_review(rep)
    prev.cells["t3.RV.S"] = 0
    prev.cells["t3.RV.M"] = 0
    p = one(check(rep, previous=prev), "L04")
    assert (p.id, p.severity) == ("L04@t3.LR", "info")
    assert p.message == "复议后起诉 1 件，但本年和上年行政复议均为 0，请确认"
    assert "t3.LR.S" in p.cells
    prev.cells.update({"t3.RV.M": 2, "t3.RV.S": 2})   # last year's review explains it
    assert check(rep, previous=prev) == []


def test_l04_this_year_only_when_last_year_is_missing():
    rep = clean_report()
    _lr_without_review(rep)
    p = one(check(rep), "L04")
    # rules.md: without Y−1, L04 checks this year only, so the message must not claim last year
    assert "上年" not in p.message and p.message.startswith("复议后起诉 1 件，但本年")
    rep.cells.update({"t3.RV.M": 1, "t3.RV.S": 1})
    assert check(rep) == []


def test_l05_corrections_need_explanation():
    rep = clean_report()
    rep.cells.update({"t3.LD.K": 1, "t3.LD.S": 1})
    p = one(check(rep), "L05")
    assert (p.id, p.severity) == ("L05@s5", "info")
    assert p.message == "表三有结果纠正 1 件，未说明原因和整改情况"
    assert "s5" in p.cells and "t3.LD.K" in p.cells
    rep.sections["s4"] = "行政诉讼被法院纠正1件，已完成整改。"
    assert check(rep) == []


# ---------------------------------------------------------------- P: 表一

covers("P01", "P02", "P06")


@pytest.mark.parametrize("kind, label, severity", [
    ("township", "乡镇人民政府、街道办事处", "error"),
    ("county_gov", "县级人民政府", "error"),
    ("department", "县级以上人民政府部门", "warning"),
    ("other", "其他", "warning"),
])
def test_p01_regulations_without_power(kind, label, severity):
    rep = clean_report(unit_kind=kind)
    rep.cells["t1.regulations.in_force"] = 6
    p = one(check(rep), "P01")
    assert (p.id, p.severity) == ("P01@t1.regulations", severity)
    assert p.message == f"{label}无规章制定权，规章各栏应为 0（当前：现行有效件数 6）"
    assert set(p.cells) == {"t1.regulations.issued", "t1.regulations.repealed", "t1.regulations.in_force"}


@pytest.mark.parametrize("kind", ["state_council_dept", "provincial_gov", "municipal_gov"])
def test_p01_not_checked_for_bodies_with_power(kind):
    rep = clean_report(unit_kind=kind)
    rep.cells.update({"t1.regulations.issued": 2, "t1.regulations.in_force": 6})
    assert only(check(rep), "P01") == []


def test_p01_2019_cells():
    rep = clean_report("2019")
    rep.cells["t1.regulations.published"] = 1
    rep.cells["t1.regulations.total"] = 1
    p = one(check(rep), "P01")
    assert p.severity == "error"
    assert set(p.cells) == {"t1.regulations.made", "t1.regulations.published", "t1.regulations.total"}
    assert p.message.startswith("乡镇人民政府、街道办事处无规章制定权，规章各栏应为 0（当前：")


def test_p02_in_force_lower_bound():
    rep = clean_report()
    rep.cells.update({"t1.normative.issued": 5, "t1.normative.repealed": 1, "t1.normative.in_force": 3})
    p = one(check(rep), "P02")
    assert (p.id, p.severity) == ("P02@t1.normative", "warning")
    assert p.message == "行政规范性文件：现行有效件数(3) 小于 本年制发件数(5) − 本年废止件数(1) = 4，相差 1"
    assert set(p.cells) == {"t1.normative.issued", "t1.normative.repealed", "t1.normative.in_force"}
    rep.cells["t1.normative.in_force"] = 4
    assert check(rep) == []


def test_p02_blank_in_force():
    rep = clean_report()
    rep.cells.update({"t1.normative.issued": 2, "t1.normative.in_force": None})
    p = one(check(rep), "P02")
    assert p.message == "行政规范性文件：现行有效件数(空白) 小于 本年制发件数(2) − 本年废止件数(0) = 2，相差 2"


def test_p06_published_bounds_2019():
    rep = clean_report("2019")
    rep.cells.update({"t1.normative.made": 1, "t1.normative.published": 3, "t1.normative.total": 2})
    problems = only(check(rep), "P06")
    by_id = {p.id: p for p in problems}
    assert set(by_id) == {"P06@t1.normative.total", "P06@t1.normative.made"}
    total, made = by_id["P06@t1.normative.total"], by_id["P06@t1.normative.made"]
    assert total.severity == "error" and made.severity == "warning"
    assert total.message == "规范性文件：本年新公开数量(3) 大于 对外公开总数量(2)，相差 1"
    assert made.message == "规范性文件：本年新公开数量(3) 大于 本年新制作数量(1)，相差 2"
    rep.cells.update({"t1.normative.made": 3, "t1.normative.total": 3})
    assert check(rep) == []


# ---------------------------------------------------------------- V: cell values

covers("V01", "V02", "V04", "V05", "V06")


def test_v01_negative_and_fraction_counts():
    rep = clean_report()
    rep.cells["t1.licensing.decisions"] = -3
    rep.cells["t1.penalty.decisions"] = Decimal("2.5")
    problems = only(check(rep), "V01")
    assert [(p.id, p.severity, p.cells) for p in problems] == [
        ("V01@t1.licensing.decisions", "error", ("t1.licensing.decisions",)),
        ("V01@t1.penalty.decisions", "error", ("t1.penalty.decisions",))]
    assert problems[0].message == "表一 行政许可·本年处理决定数量应为不小于 0 的整数，当前为“-3”"
    assert problems[1].message == "表一 行政处罚·本年处理决定数量应为不小于 0 的整数，当前为“2.5”"


def test_v01_covers_t2_and_t3():
    rep = clean_report()
    rep.cells["t3.RV.O"] = -1
    rep.cells["t3.RV.S"] = 0             # keep L01 true
    p = one(check(rep), "V01")
    assert p.id == "V01@t3.RV.O" and "当前为“-1”" in p.message


def test_v01_not_for_signed_change_or_money():
    rep = clean_report("2019")
    rep.cells["t1.licensing.prev_items"] = 5
    rep.cells["t1.licensing.change"] = -2     # a decrease is legitimate
    assert check(rep) == []
    rep21 = clean_report()
    rep21.cells["t1.fees.amount"] = Decimal("-1")
    assert only(check(rep21), "V01") == []     # V04 covers money


def test_v02_one_problem_per_table_listing_its_blanks(clean):
    clean.cells["t3.LD.M"] = None
    clean.cells["t1.coercion.decisions"] = None
    problems = check(clean)
    assert [p.id for p in problems] == ["V02@t1", "V02@t3"]
    t1, t3 = problems
    assert t1.severity == t3.severity == "warning"
    assert t1.message == "表一有 1 个空白单元格，无数据请填写 0" and t1.cells == ("t1.coercion.decisions",)
    assert t3.message == "表三有 1 个空白单元格，无数据请填写 0" and t3.cells == ("t3.LD.M",)


def test_v04_fee_amount():
    rep = clean_report(unit_kind="county_gov")
    rep.cells["t1.fees.amount"] = Decimal("4068.208")       # a county government, 2025
    assert check(rep) == []
    cases = [
        (Decimal("-1"), "township", "error", "行政事业性收费 本年收费金额 -1：不能为负数"),
        (Decimal("1.23456"), "township", "warning",
         "行政事业性收费 本年收费金额 1.23456：小数超过4位（0.0001万元即1元）"),
        (Decimal("10000"), "township", "warning", "行政事业性收费 本年收费金额 10000：数额较大，请确认单位为万元"),
        (Decimal("12000.5"), "department", "warning",
         "行政事业性收费 本年收费金额 12000.5：数额较大，请确认单位为万元"),
    ]
    for value, kind, severity, message in cases:
        rep = clean_report(unit_kind=kind)
        rep.cells["t1.fees.amount"] = value
        p = one(check(rep), "V04")
        assert (p.id, p.severity, p.message, p.cells) == (
            "V04@t1.fees.amount", severity, message, ("t1.fees.amount",))
    for value, kind in ((Decimal("1.2345"), "township"), (Decimal("9999.9999"), "township"),
                        (Decimal("10000"), "county_gov"), (Decimal("0.0001"), "other")):
        rep = clean_report(unit_kind=kind)
        rep.cells["t1.fees.amount"] = value
        assert check(rep) == [], value


def test_v05_items_cannot_become_negative():
    rep = clean_report("2019")
    rep.cells.update({"t1.penalty.prev_items": 2, "t1.penalty.change": -3})
    p = one(check(rep), "V05")
    assert (p.id, p.severity) == ("V05@t1.penalty", "error")
    assert p.message == "行政处罚：上一年项目数量(2) + 本年增/减(-3) = -1，小于 0"
    assert set(p.cells) == {"t1.penalty.prev_items", "t1.penalty.change"}
    rep.cells.update({"t1.penalty.prev_items": None, "t1.penalty.change": -1})
    p = one(check(rep), "V05")
    assert p.message == "行政处罚：上一年项目数量(空白) + 本年增/减(-1) = -1，小于 0"
    rep.cells.update({"t1.penalty.prev_items": 3, "t1.penalty.change": -3})
    assert check(rep) == []


def test_v06_procurement_unit():
    rep = clean_report("2019")
    rep.cells["t1.procurement.amount"] = Decimal("251000")
    rep.t1_units.clear()
    p = one(check(rep), "V06")
    assert (p.id, p.severity, p.cells) == ("V06@t1.procurement.amount", "warning", ("t1.procurement.amount",))
    assert p.message == "政府集中采购 采购总金额 251000 未注明单位（元或万元）"
    rep.t1_units["procurement.amount"] = "元"
    assert check(rep) == []


# ---------------------------------------------------------------- S: structure

covers("S01", "S02", "S05", "S06", "S07", "S08", "S09", "S10", "S11")


def test_s01_mixed_other_processing(zhaohui):
    p = one(check(zhaohui), "S01")
    assert (p.id, p.severity) == ("S01@format", "error")
    # the example of rules.md S01, word for word
    assert p.message == ("报告年度为2021年，应使用2021年格式（国办公开办函〔2021〕30号），"
                         "但表二“（六）其他处理”只有一行（2019年格式）")
    assert {"year", "format", *(f"t2.L6.{c}" for c in COLS)} <= set(p.cells)


def test_s01_wrong_format_for_year():
    rep = clean_report("2019", year=2021)
    p = one(check(rep), "S01")
    assert p.message.startswith("报告年度为2021年，应使用2021年格式（国办公开办函〔2021〕30号），但")
    assert "2019年格式" in p.message
    assert {"year", "format"} <= set(p.cells)
    assert check(clean_report("2019", year=2020)) == []
    assert only(check(clean_report("2021", year=2020)), "S01")


def test_s01_stale_t1_in_2022():
    rep = clean_report(year=2022)
    rep.cells.update({"t1.regulations.made": 0, "t1.regulations.published": 0})
    p = one(check(rep), "S01")
    assert p.message.startswith("报告年度为2022年，应使用2021年格式（国办公开办函〔2021〕30号），但表一")
    assert p.message.endswith("（2019年格式）")
    assert {"t1.regulations.made", "t1.regulations.published"} <= set(p.cells)


def test_s01_unsupported_year():
    rep = clean_report("2019", year=2018)
    p = one(check(rep), "S01")
    assert "2018" in p.message


def test_s05_mixed_table(zhaohui):
    p = one(check(zhaohui), "S05")
    assert (p.id, p.severity) == ("S05@t2", "error")
    assert p.message.startswith("表二结构与2021年格式不符：多出“（六）其他处理”")
    assert "缺少“1.申请人无正当理由逾期不补正" in p.message and "“3.其他”" in p.message
    assert {f"t2.L6.{c}" for c in COLS} | {f"t2.L6_3.{c}" for c in COLS} <= set(p.cells)


def test_s05_not_for_a_pure_report(clean):
    assert only(check(clean), "S05") == []


@pytest.mark.parametrize("key, heading", [("s1", "一、总体情况"), ("s5", "五、存在的主要问题及改进情况"),
                                          ("s6", "六、其他需要报告的事项")])
def test_s02_missing_section(clean, key, heading):
    clean.sections[key] = "  \n"
    p = one(check(clean), "S02")
    assert (p.id, p.severity, p.cells) == (f"S02@{key}", "error", (key,))
    assert p.message == f"缺少“{heading}”部分"


def test_s02_template_only_counts_as_missing():
    rep = clean_report()
    rep.sections["s1"] = rep.fmt.section["s1"].template
    assert [p.id for p in check(rep) if p.rule == "S02"] == ["S02@s1"]


def test_s02_optional_sections_may_be_empty(clean):
    clean.sections.update(s2="", s3="", s4="")
    assert check(clean) == []


def test_s02_missing_table(clean):
    for path in clean.fmt.table["t3"].cell:
        clean.cells[path] = None
    problems = check(clean)
    p = one(problems, "S02")
    assert (p.id, p.message) == ("S02@t3", "缺少表三（全部单元格为空白）")
    assert set(p.cells) == set(clean.fmt.table["t3"].cell)
    assert only(problems, "L01") == []


def test_s06_template_text_left(clean):
    clean.sections["s3"] = "编写说明：可先适当综述。要注意数据间的逻辑关系。"
    p = one(check(clean), "S06")
    assert (p.id, p.severity, p.cells) == ("S06@s3", "warning", ("s3",))
    assert p.message.startswith("三、收到和处理政府信息公开申请情况中残留模板说明文字：“编写说明")
    assert p.message.endswith("”")


def test_s06_table_placeholder():
    rep = clean_report()
    rep.sections["s2"] = "该部分以表格形式报告。表格如下"
    assert one(check(rep), "S06").id == "S06@s2"


@pytest.mark.parametrize("title, reason", [
    ("某某街道办事处2021年政府信息公开年度工作报告", "应为“政府信息公开工作年度报告”"),
    ("某某街道办事处政府信息公开工作年度报告", "缺少年度"),
    ("某某街道办事处2020年政府信息公开工作年度报告", "年度与统计年度2021不一致"),
])
def test_s07_title(title, reason):
    rep = clean_report()
    rep.title = title
    p = one(check(rep), "S07")
    assert (p.id, p.severity, p.cells) == ("S07@title", "warning", ("title",))
    assert p.message == f"报告标题“{title}”不规范：{reason}"


def test_s07_year_first_title_and_spaces_are_fine():
    rep = clean_report()
    rep.title = "2021年 某某街道办事处 政府信息公开工作年度报告"
    assert check(rep) == []


def test_s08_period():
    rep = clean_report()
    rep.sections["s1"] = rep.sections["s1"].replace("本报告所列数据统计期限为2021年1月1日至12月31日。", "")
    p = one(check(rep), "S08")
    assert (p.id, p.severity, p.cells) == ("S08@s1", "info", ("s1",))
    assert p.message == "未写明统计期限（2021年1月1日至12月31日）"
    rep.sections["s1"] = "统计期限为2020年1月1日至12月31日。" + rep.sections["s1"]
    assert one(check(rep), "S08").message == "统计期限年份2020与报告年度2021不一致"


@pytest.mark.parametrize("format_id, severity", [("2021", "warning"), ("2019", "info")])
def test_s09_five_aspects_severity_per_format(format_id, severity):
    rep = clean_report(format_id, unit_kind="department")
    rep.sections["s1"] = rep.sections["s1"].replace("（四）政府信息公开平台建设：维护门户网站。", "")
    p = one(check(rep), "S09")
    assert (p.id, p.severity, p.cells) == ("S09@s1", severity, ("s1",))
    assert p.message == "一、总体情况未涉及：平台建设"


def test_s09_governments_must_report_assessment():
    s1 = ("统计期限为2021年1月1日至12月31日。主动公开……依申请公开……政府信息管理……平台建设……监督保障……")
    gov = clean_report(unit_kind="county_gov")
    gov.sections["s1"] = s1
    assert one(check(gov), "S09").message == "一、总体情况未涉及：工作考核、社会评议、责任追究"
    dept = clean_report(unit_kind="department")
    dept.sections["s1"] = s1
    assert check(dept) == []


def test_s10_fee_statement_2021_only():
    rep = clean_report()
    rep.sections["s6"] = "无。"
    p = one(check(rep), "S10")
    assert (p.id, p.severity, p.cells) == ("S10@s6", "warning", ("s6",))
    assert p.message == ("六、其他需要报告的事项未说明信息处理费情况"
                         "（是否收取；如收取，发出收费通知件数、金额及实际收取金额）")
    rep19 = clean_report("2019")
    rep19.sections["s6"] = "无。"
    assert check(rep19) == []


@pytest.mark.parametrize("format_id, severity", [("2021", "warning"), ("2019", "info")])
def test_s11_problems_and_measures_severity_per_format(format_id, severity):
    rep = clean_report(format_id)
    rep.sections["s5"] = "本年度工作取得一定成效。"
    p = one(check(rep), "S11")
    assert (p.id, p.severity, p.cells) == ("S11@s5", severity, ("s5",))
    missing = "存在的主要问题、改进措施" + ("、上年度问题的改进情况" if format_id == "2021" else "")
    assert p.message == f"五、存在的主要问题及改进情况未涉及：{missing}"


def test_s11_last_year_required_in_2021_only():
    text = "存在的主要问题是解读形式单一。下一步将加以改进。"
    rep = clean_report()
    rep.sections["s5"] = text
    assert one(check(rep), "S11").message == "五、存在的主要问题及改进情况未涉及：上年度问题的改进情况"
    rep.sections["s5"] = text + "上一年度报告所列问题均已整改。"
    assert check(rep) == []
    rep19 = clean_report("2019")
    rep19.sections["s5"] = text
    assert check(rep19) == []


# ---------------------------------------------------------------- X: text against tables

covers("X05", "X06")


def test_x05_text_says_no_applications():
    rep = clean_report()
    rep.sections["s1"] += "本年度未收到政府信息公开申请。"
    p = one(check(rep), "X05")
    assert (p.id, p.severity) == ("X05@s1#1", "warning")
    assert p.message == "正文称未收到政府信息公开申请，但表二 本年新收·总计为 6（原文：“本年度未收到政府信息公开申请”）"
    assert set(p.cells) == {"s1", "t2.R1.CT"}


def test_x05_passes_when_there_were_none():
    rep = clean_report()
    for r in rep.fmt.table["t2"].rows:
        row(rep, r.key)
    rep.sections["s1"] += "本年度未收到政府信息公开申请。"
    assert check(rep) == []


def test_x05_ignores_appeals():
    rep = clean_report()
    rep.sections["s1"] += "未收到针对本机关的行政复议申请。"
    assert check(rep) == []


def test_x05_ids_count_mentions_per_section():
    # rules.md: the id adds the order of the mention; editing s1 must not change the id of s3's
    rep = clean_report()
    rep.sections["s1"] += "本年度未收到政府信息公开申请。"
    rep.sections["s3"] = "全年未接到政府信息公开申请。"
    assert [p.id for p in only(check(rep), "X05")] == ["X05@s1#1", "X05@s3#1"]


def test_x06_no_notice_claim_against_fee_row():
    rep = clean_report()
    add_applications(rep, "C1", "L6_2", 1)
    rep.sections["s6"] = "本年度未发出收费通知，未收取信息处理费。"
    p = one(check(rep), "X06")
    assert (p.id, p.severity) == ("X06@s6", "warning")
    assert p.message == "六称未发出收费通知，但表二“申请人逾期未按收费通知要求缴纳费用”为 1 件（原文：“本年度未发出收费通知…”）"
    assert {"s6", "t2.L6_2.CT"} <= set(p.cells)
    # “未收取信息处理费” alone is compatible with L6_2 > 0
    rep.sections["s6"] = "本年度发出收费通知1件，未收取信息处理费。"
    assert check(rep) == []


# ---------------------------------------------------------------- Y: last year against this year

covers("Y01", "Y03", "Y06", "P03", "P05", "P07")


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


# ---------------------------------------------------------------- the catalogue

def test_every_rule_is_covered():
    """Every rule check() can run has its tests, marked with covers() (text rules:
    test_rules_text_years.py): a rule added to the catalogue without them fails here."""
    runnable = {r.id for r in RULES.values() if not r.import_only}
    assert covered() == runnable


def test_import_only_rules_are_registered_but_not_run_by_check():
    # S03, S04, V03 come from the importers; check() cannot produce them on a report
    assert {r.id for r in RULES.values() if r.import_only} >= {"S03", "S04", "V03"}
    assert all(r.run(None) == () for r in RULES.values() if r.import_only)


def test_rule_ids_and_formats_follow_rules_md():
    # format-2019.md §6: only 2019 — V05, V06, P06, P07; only 2021 — V04, P02, P03, M07, X06, S10
    only_2021 = {"V04", "P02", "P03", "M07", "X06", "S10"}
    only_2019 = {"V05", "V06", "P06", "P07"}
    for r in RULES.values():
        if r.id in only_2021:
            assert r.formats == ("2021",), r.id
        elif r.id in only_2019:
            assert r.formats == ("2019",), r.id
        else:
            assert set(r.formats) == {"2021", "2019"}, r.id


def test_problems_are_sorted_errors_first():
    rep = clean_report()
    rep.cells["t2.L1.C1"] += 1          # errors
    rep.cells["t3.LD.M"] = None         # warning
    rep.cells.update({"t3.LD.K": 1, "t3.LD.S": 1})  # info L05
    severities = [p.severity for p in check(rep)]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert set(severities) == {"error", "warning", "info"}


def test_ids_are_stable_across_runs():
    rep = clean_report()
    rep.cells["t2.L1.C1"] += 1
    assert [p.id for p in check(rep)] == [p.id for p in check(rep.copy())]
    assert len({p.id for p in check(rep)}) == len(check(rep))


def test_check_does_not_modify_the_report(clean):
    before = clean.copy()
    clean.cells["t2.R4.CT"] = None
    before.cells["t2.R4.CT"] = None
    check(clean)
    assert clean == before


def test_v04_long_amount_with_many_places_does_not_crash():
    rep = clean_report(unit_kind="county_gov")
    rep.cells["t1.fees.amount"] = Decimal("1234567890123456789012345.12345")   # 30 digits
    p = one(check(rep), "V04")
    assert p.message.endswith("小数超过4位（0.0001万元即1元）")
