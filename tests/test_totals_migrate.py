"""自动合计, 空白填 0 and the explicit 2019 ↔ 2021 conversion, as a user would see them."""

from decimal import Decimal

from govreport_desktop.core.migrate import RECLASSIFY, migrate
from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import check
from govreport_desktop.core.totals import auto_totals, fill_blanks, subtotals

ARITHMETIC = {"M01", "M02", "M03", "L01"}


def arithmetic_ids(report):
    return {p.id for p in check(report) if p.rule in ARITHMETIC}


def test_auto_totals_fixes_every_sum_and_leaves_blank_rows_blank():
    r = Report.new(2025, "某街道")
    r.cells.update({"t2.R1.C1": 3, "t2.R1.C2": 1, "t2.L1.C1": 2, "t2.L3_4.C2": 1,
                    "t2.R4.C1": 1, "t3.LD.M": 2, "t3.LD.P": 1})
    assert arithmetic_ids(r)  # totals missing → failing relations
    changes = auto_totals(r)
    assert changes == {"t2.R1.CT": 4, "t2.L1.CT": 2, "t2.L3_4.CT": 1, "t2.R4.CT": 1,
                       "t2.R3.C1": 2, "t2.R3.C2": 1, "t2.R3.CT": 3, "t3.LD.S": 3}
    r.cells.update(changes)
    assert arithmetic_ids(r) == set()
    assert r.cells["t2.R2.CT"] is None  # nothing to add up: stays blank, not 0
    assert auto_totals(r) == {}         # idempotent


def test_auto_totals_overrides_a_wrong_typed_total_only_as_a_proposal():
    r = Report.new(2025)
    r.cells.update({"t2.R1.C1": 5, "t2.R1.CT": 7})
    assert auto_totals(r) == {"t2.R1.CT": 5}
    assert r.cells["t2.R1.CT"] == 7  # the report itself is untouched


def test_subtotals_per_group_blank_when_all_blank():
    r = Report.new(2025)
    r.cells.update({"t2.L3_1.C1": 2, "t2.L3_8.C1": 3, "t2.L5_2.C1": 0})
    assert subtotals(r, "C1") == {"不予公开": 5, "无法提供": None, "不予处理": 0, "其他处理": None}


def test_fill_blanks_uses_zero_of_the_right_kind():
    r = Report.new(2025)
    r.cells["t2.R1.C1"] = 4
    changes = fill_blanks(r)
    assert "t2.R1.C1" not in changes
    assert changes["t2.R2.C1"] == 0 and type(changes["t2.R2.C1"]) is int
    assert changes["t1.fees.amount"] == Decimal(0) and isinstance(changes["t1.fees.amount"], Decimal)
    assert len(changes) == 10 + 175 + 15 - 1


def test_mixed_2021_report_converts_its_single_other_row(zhaohui):
    assert {"S01@format", "S05@t2"} <= {p.id for p in check(zhaohui)}
    zhaohui.cells["t2.L6.C1"] = 2
    converted = migrate(zhaohui, "2021")
    ids = {p.id for p in check(converted)}
    assert "S01@format" not in ids and "S05@t2" not in ids
    assert converted.foreign_paths() == []
    assert converted.cells["t2.L6_3.C1"] == 2
    assert RECLASSIFY in converted.notes["t2.L6_3.C1"]
    # the transcriber's note on the old row follows the value
    assert "单行" in converted.notes["t2.L6_3.CT"]
    # 表一 was already 2021: untouched, no spurious notes
    assert converted.cells["t1.normative.issued"] == 0
    assert not any(k.startswith("t1.licensing") for k in converted.notes)
    # the input is not changed (the UI keeps it for undo)
    assert "t2.L6.C1" in zhaohui.cells


def test_2019_report_to_2021_keeps_what_cannot_convert_as_notes():
    old = Report.new(2020, "某街道", format_id="2019")
    old.cells.update({"t1.regulations.made": 2, "t1.regulations.total": 10,
                      "t1.licensing.decisions": 7, "t1.licensing.change": -1,
                      "t1.procurement.amount": Decimal("251000"), "t2.L6.C1": 3})
    old.t1_units["procurement.amount"] = "元"
    new = migrate(old, "2021")
    assert new.format == "2021"
    assert all(p in new.fmt.cell for p in new.cells)           # no 2019 keys left
    assert all(p in new.fmt.cell for p in new.notes)
    assert new.cells["t1.regulations.issued"] == 2              # suggestion, with a note to confirm
    assert "请核对" in new.notes["t1.regulations.issued"]
    assert new.cells["t1.regulations.in_force"] is None         # cumulative ≠ currently valid
    assert "10" in new.notes["t1.regulations.in_force"]
    assert "-1" in new.notes["t1.licensing.decisions"]
    assert "251000元" in new.notes["t1.fees.amount"]
    assert new.cells["t1.fees.amount"] is None
    assert new.cells["t2.L6_3.C1"] == 3
    assert new.t1_units == {}


def test_2021_layout_typed_for_a_2020_report_converts_back():
    r = Report.new(2020, format_id="2021")
    r.cells.update({"t2.L6_1.C1": 1, "t2.L6_3.C1": 2, "t1.regulations.issued": 4})
    back = migrate(r, "2019")
    assert back.cells["t2.L6.C1"] == 3
    assert back.cells["t2.L6.C2"] is None
    assert "4" in back.notes["t1.regulations.made"]
    assert "S01@format" not in {p.id for p in check(back)}


def test_mixed_table_counts_its_old_other_row_in_m02(zhaohui):
    # 朝晖街道 2021 with a non-zero single （六） row whose own sums hold: only S01/S05, no M02.
    zhaohui.cells.update({"t2.L6.C1": 1, "t2.L6.CT": 1, "t2.R3.C1": 2, "t2.R3.CT": 2,
                          "t2.R1.C1": 2, "t2.R1.CT": 2})
    ids = {p.id for p in check(zhaohui)}
    assert {"S01@format", "S05@t2"} <= ids
    assert not {i for i in ids if i.startswith(("M01", "M02", "M03"))}
    zhaohui.cells["t2.R3.C1"] = 3          # now the column really does not add up
    assert "M02@t2.C1" in {p.id for p in check(zhaohui)}
