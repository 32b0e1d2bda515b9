"""V02 counts the blank cells a report's tables have, not the cells its structure lacks (issue 13)."""

from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import check

COLS = ("C1", "C2", "C3", "C4", "C5", "C6", "CT")


def v02(report):
    return {p.id: p for p in check(report) if p.rule == "V02"}


def filled(format_id, year):
    rep = Report.new(year, unit="某某街道办事处", format_id=format_id)
    for path in rep.fmt.cell_paths:
        rep.cells[path] = 0
    return rep


def test_old_single_other_processing_row_is_not_21_blanks(zhaohui):
    """A 2021 report whose （六）其他处理 is one row (old format): S05 names the missing rows."""
    problems = {p.id: p for p in check(zhaohui)}
    assert "V02@t2" not in problems
    assert "缺少“1.申请人无正当理由逾期不补正" in problems["S05@t2"].message
    assert problems["V02@t1"].cells == ("t1.normative.in_force",)      # a real blank still counts


def test_real_blanks_beside_the_old_row_are_still_counted(zhaohui):
    zhaohui.cells["t2.L1.C3"] = None
    zhaohui.cells["t2.R4.CT"] = None
    p = v02(zhaohui)["V02@t2"]
    assert p.message == "表二有 2 个空白单元格，无数据请填写 0"
    assert p.cells == ("t2.L1.C3", "t2.R4.CT")


def test_once_a_new_row_is_typed_the_others_are_blanks_again(zhaohui):
    """With one of 1./2./3. filled the table has the 2021 rows: the rest of them are blank cells."""
    zhaohui.cells["t2.L6_1.C1"] = 0
    p = v02(zhaohui)["V02@t2"]
    assert len(p.cells) == 20 and "t2.L6_1.C1" not in p.cells


def test_a_2021_table_without_old_rows_counts_every_blank():
    rep = filled("2021", 2021)
    for c in COLS:
        rep.cells[f"t2.L6_2.{c}"] = None
    assert v02(rep)["V02@t2"].message == "表二有 7 个空白单元格，无数据请填写 0"


def test_a_2019_report_holding_the_three_new_rows_lacks_its_single_row():
    rep = filled("2019", 2020)
    for c in COLS:
        rep.cells[f"t2.L6.{c}"] = None
        for leaf in ("L6_1", "L6_2", "L6_3"):
            rep.cells[f"t2.{leaf}.{c}"] = 0
    assert "V02@t2" not in v02(rep)
    assert "S05@t2" in {p.id for p in check(rep)}
