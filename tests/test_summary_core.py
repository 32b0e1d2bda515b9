"""汇总 in the core: exact cell-wise sums, trace-back, statuses, duplicates, years, formats, the
roster, 内容雷同 and identical data."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.migrate import migrate
from govreport_desktop.core.report import Report
from govreport_desktop.core.schema import Kind
from govreport_desktop.core.summary import (DUPLICATE, HAS_ERRORS, MISSING, OTHER_YEAR, PASSED, UNREADABLE,
                                            summarize)
from govreport_desktop.core.summary_record import record_of, unreadable


def values_for(kind: Kind):
    if kind is Kind.COUNT:
        return st.one_of(st.none(), st.integers(0, 10**6), st.integers(0, 10**15))
    if kind is Kind.SIGNED:
        return st.one_of(st.none(), st.integers(-10**6, 10**6))
    return st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False))


@st.composite
def units(draw, format_id: str, year: int):
    fmt = FORMATS[format_id]
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        cells = {p: draw(values_for(spec.kind)) for p, spec in fmt.cell.items()}
        r = Report(format=format_id, year=year, unit=f"第{i}单位", cells=cells,
                   t1_units={"procurement.amount": "万元"} if format_id == "2019" else {})
        out.append(r)
    return out


def records(reports, errors=()):
    problems = lambda i: [SimpleNamespace(severity="error")] * (errors[i] if i < len(errors) else 0)
    return [record_of(i, f"u{i}.xlsx", r, problems(i), mtime=float(i)) for i, r in enumerate(reports)]


def expected_sum(reports, path):
    values = [r.cells.get(path) for r in reports]
    if all(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


@pytest.mark.parametrize("format_id,year", [("2021", 2025), ("2019", 2020)])
def test_sums_are_the_cell_wise_sums_and_the_trace_back_adds_up(format_id, year):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(units(format_id, year))
    def run(reports):
        s = summarize(records(reports))
        assert s.report.format == format_id and s.report.year == year
        for path, spec in s.fmt.cell.items():
            want = expected_sum(reports, path)
            got = s.report.cells[path]
            assert got == want, path
            if spec.kind in (Kind.MONEY, Kind.AMOUNT) and want is not None:
                assert isinstance(got, Decimal), path           # exact, never float
            trace = s.trace(path)
            assert [u.unit for u, _v in trace] == [r.unit for r in reports]
            filled = [v for _u, v in trace if v is not None]
            assert (sum(filled) if filled else None) == got
            blanks = sum(1 for _u, v in trace if v is None)
            assert s.blanks.get(path, 0) == blanks
            if blanks and want is not None:
                assert f"汇总含 {blanks} 个单位的空白（按 0 计）" in s.report.notes[path]
        assert all(not t for t in s.report.sections.values())          # texts are the author's

    run()


def test_money_is_added_exactly():
    a = Report.new(2025, "甲", "township")
    b = Report.new(2025, "乙", "township")
    a.cells["t1.fees.amount"] = Decimal("4068.208")
    b.cells["t1.fees.amount"] = Decimal("0.0001")
    s = summarize(records([a, b]))
    assert s.report.cells["t1.fees.amount"] == Decimal("4068.2081")
    assert str(s.report.cells["t1.fees.amount"]) == "4068.2081"


def test_2019_procurement_amounts_are_added_in_wan_yuan():
    a, b, c = (Report.new(2020, n, "department") for n in "甲乙丙")
    a.cells["t1.procurement.amount"], a.t1_units["procurement.amount"] = Decimal("251000"), "元"
    b.cells["t1.procurement.amount"], b.t1_units["procurement.amount"] = Decimal("12.5"), "万元"
    c.cells["t1.procurement.amount"] = Decimal("7")                       # no unit: not added
    s = summarize(records([a, b, c]))
    assert s.report.cells["t1.procurement.amount"] == Decimal("37.6")
    assert s.report.t1_units == {"procurement.amount": "万元"}
    assert "未注明单位" in s.units[2].note


def test_a_unit_in_the_other_format_is_mapped_by_migrate(load_truth):
    zhaohui = load_truth("zhaohui-street-2021")          # 2021, with the 2019 single （六）其他处理 row
    assert zhaohui.foreign_paths()
    other = Report.new(2021, "另一街道", "township")
    other.cells["t2.L6_3.CT"] = 2
    s = summarize(records([zhaohui, other]))
    mapped = migrate(zhaohui, "2021")
    for path in s.fmt.cell_paths:
        assert dict((u.unit, v) for u, v in s.trace(path))[zhaohui.unit] == mapped.cells.get(path), path
    assert s.report.cells["t2.L6_3.CT"] == (mapped.cells["t2.L6_3.CT"] or 0) + 2
    assert "换算为2021年格式" in s.units[0].note and s.units[0].included


def test_years_are_never_mixed_silently(load_truth):
    county, bureau = load_truth("shuyang-county-2025"), load_truth("shuyang-fagaiju-2023")
    second = county.copy()
    second.unit = "另一县"
    recs = records([county, bureau, second])
    s = summarize(recs)
    assert s.report.year == 2025                                   # the year most files report
    assert [u.status for u in s.units] == [PASSED, OTHER_YEAR, PASSED]
    assert not s.units[1].included and "2023年" in s.units[1].note
    assert s.report.cells["t2.R1.CT"] == 2 * county.cells["t2.R1.CT"]
    s = summarize(recs, year=2023)
    assert [u.included for u in s.units] == [False, True, False]
    s = summarize(recs, include_other_years=True)
    assert all(u.included for u in s.units)
    assert s.report.cells["t2.R1.CT"] == 2 * county.cells["t2.R1.CT"] + bureau.cells["t2.R1.CT"]


def test_a_2019_format_year_with_a_2021_format_unit(load_truth):
    old = Report.new(2020, "甲街道", "township")
    old.cells["t2.L6.C1"] = 3
    new = load_truth("zhaohui-street-2021")
    new.year = 2020                                 # a 2020 report typed in the 2021 layout
    s = summarize(records([old, new]), year=2020)
    assert s.report.format == "2019"
    assert s.report.cells["t2.L6.C1"] == 3 + migrate(new, "2019").cells["t2.L6.C1"]
    assert "换算为2019年格式" in s.units[1].note


def test_the_same_unit_twice_keeps_one_copy_and_says_why():
    a = Report.new(2025, "朝晖街道", "township")
    a.cells["t2.R1.C1"] = 1
    b = a.copy()
    b.cells["t2.R1.C1"] = 5
    c = Report.new(2025, " 朝晖 街道", "township")          # spaces do not make another unit
    c.cells["t2.R1.C1"] = 9
    s = summarize(records([a, b, c], errors=(2, 0, 1)))
    assert [u.status for u in s.units] == [DUPLICATE, PASSED, DUPLICATE]
    assert s.report.cells["t2.R1.C1"] == 5
    assert "采用本文件（错误较少）" in s.units[1].note
    assert "采用“u1.xlsx”（错误较少）" in s.units[0].note
    s = summarize(records([a, b]))                            # equal errors: the newer file
    assert [u.status for u in s.units] == [DUPLICATE, PASSED] and "修改时间较晚" in s.units[1].note


def test_unreadable_files_are_listed_with_the_reason_and_add_nothing():
    a = Report.new(2025, "甲", "township")
    a.cells["t2.R1.C1"] = 4
    recs = records([a]) + [unreadable(1, "坏.xlsx", "“坏.xlsx”已损坏或不完整，无法作为 Excel 工作簿打开。")]
    s = summarize(recs)
    assert s.units[1].status == UNREADABLE and "已损坏" in s.units[1].note and not s.units[1].included
    assert s.report.cells["t2.R1.C1"] == 4


def test_units_with_errors_are_summed_and_marked():
    a = Report.new(2025, "甲", "township")
    s = summarize(records([a], errors=(3,)))
    assert s.units[0].status == HAS_ERRORS and s.units[0].included and s.units[0].errors == 3


def test_roster_gives_the_units_that_did_not_submit():
    reps = [Report.new(2025, n, "township") for n in ("杭州市拱墅区朝晖街道办事处", "米市巷街道", "外单位")]
    s = summarize(records(reps), roster=["朝晖街道", "米市巷街道", "湖墅街道", "", "米市巷街道"])
    assert s.missing == ["湖墅街道"]
    assert [u.on_roster for u in s.units[:3]] == [True, True, False]
    assert "不在报送名单中" in s.units[2].note
    assert s.units[3].status == MISSING and s.units[3].unit == "湖墅街道" and s.units[3].file == ""


S1 = ("2025年，我街道坚持以人民为中心，扎实推进政务公开工作。全年主动公开政府信息 300 条，"
      "其中通知公告 20 条。进一步规范依申请公开办理流程，按时答复申请人。加强政府信息管理，"
      "严格落实保密审查制度。优化政务公开专区建设，方便群众查阅信息。")


def test_content_copied_between_units_is_found_and_distinct_real_reports_are_not(load_truth):
    a, b, c = (Report.new(2025, n, "township") for n in ("甲街道", "乙街道", "丙街道"))
    a.sections["s1"] = S1
    b.sections["s1"] = S1.replace("300", "415").replace("20", "33")      # copied, figures changed
    c.sections["s1"] = "本年度我镇政务公开工作有序开展。" * 1 + "镇政府门户网站新增栏目五个，发布信息两百余条。" \
        "围绕乡村振兴发布政策解读多篇。开展政务公开培训一次。"
    s = summarize(records([a, b, c]))
    assert [(p.what, p.a, p.b, p.of_a) for p in s.similar] == [("s1", 0, 1, 1.0)]
    real = [load_truth(n) for n in ("shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021")]
    s = summarize(records(real), include_other_years=True)
    assert all(u.included for u in s.units) and s.similar == []


def test_identical_tables_are_found_but_empty_ones_are_not():
    a, b, c, d = (Report.new(2025, n, "township") for n in "甲乙丙丁")
    for r in (a, b):
        r.cells.update({p: 0 for p in r.fmt.cell_paths})
        r.cells["t2.R1.C1"] = r.cells["t2.R1.CT"] = 3
    for r in (c, d):
        r.cells.update({p: 0 for p in r.fmt.cell_paths})            # nothing to report: legitimate
        r.cells["t1.fees.amount"] = Decimal(0)
    s = summarize(records([a, b, c, d]))
    assert [(p.what, p.a, p.b) for p in s.similar] == [("data", 0, 1)]
