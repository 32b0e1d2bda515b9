"""What the application writes, it reads back unchanged: save → open in .xlsx and .json gives
the same report, with no notice that the workbook was changed in Excel/WPS.

The reports drawn here are the hard ones: texts made of the workbook's own labels, block titles,
headings and marks (the label reader must not take them for a table), long repetitive texts (the
zip-bomb guard must let our own workbooks through), counts of 17–18 digits and the tiny doubles a
foreign workbook can hand over, control characters. A lone surrogate is kept exactly by the
workbook's hidden copy; a JSON file carries it as an escape that reading repairs with a notice.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govreport_desktop.core.formats import FORMATS, foreign_cells
from govreport_desktop.core.report import SECTION_KEYS, UNIT_KINDS, Report
from govreport_desktop.core.schema import Kind
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.marks import FOREIGN_MARK, MARK, NOTES_SHEET
from govreport_desktop.io.xlsx_tables import TABLE_HINTS


def _workbook_words() -> list[str]:
    """Every text the writer itself puts into a workbook besides the report's own."""
    words = {FOREIGN_MARK, FOREIGN_MARK + "2019年格式", MARK, NOTES_SHEET, "备注与说明", "（无备注）",
             "位置", "单元格", "内容", "第二十条第（一）项", "第二十条第(一)项", "注：", "单位：某某镇",
             "年度：2020年", "格式：国办公开办函〔2019〕60号", "单位类型：乡镇（街道）",
             "某某镇人民政府2024年政府信息公开工作年度报告", *TABLE_HINTS.values()}
    for fmt in FORMATS.values():
        words.add(fmt.name)
        for section in fmt.sections:
            words.add(section.heading)
        for table in fmt.table.values():
            words.add(table.name)
            words.update(box.text for box in table.layout.boxes if box.text)
            words.update(a.label for a in (*table.rows, *table.cols))
    return sorted(words)


WORDS = _workbook_words()
CONTROL = st.sampled_from(["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\r", "\t", "\ufffe", "\uffff"])
PLAIN = st.characters(exclude_categories=("Cs", "Cc"))
LINE = st.one_of(
    st.sampled_from(WORDS),
    st.text(PLAIN, max_size=30),
    st.builds(lambda w, t: w + t, st.sampled_from(WORDS), st.text(PLAIN, max_size=10)),
    st.text(st.one_of(PLAIN, CONTROL), max_size=12),
    st.sampled_from(["", " ", "22（其中修订16件）", "=SUM(A1:A3)", "-", "/", "0"]),
)
TEXT = st.lists(LINE, max_size=6).map("\n".join)
SHORT = st.one_of(st.sampled_from(WORDS), st.text(st.one_of(PLAIN, CONTROL), max_size=20))

TINY = st.floats(min_value=0, max_value=2.2250738585072014e-308, allow_subnormal=True,
                 exclude_min=True).map(lambda f: Decimal(repr(f)))   # as a foreign cell gives them
LONG_MONEY = st.builds(lambda n, places: Decimal(n).scaleb(-places),
                       st.integers(10**16, 10**18 - 1), st.integers(0, 4))
VALUES = {
    Kind.COUNT: st.one_of(st.none(), st.integers(0, 10**6), st.integers(10**16, 10**18 - 1),
                          st.integers(-5, -1), TINY),
    Kind.SIGNED: st.one_of(st.none(), st.integers(-(10**18 - 1), 10**18 - 1)),
    Kind.MONEY: st.one_of(st.none(), LONG_MONEY, TINY, st.just(Decimal("4068.2080"))),
    Kind.AMOUNT: st.one_of(st.none(), LONG_MONEY, TINY, st.just(Decimal("251000"))),
}


@st.composite
def reports(draw, format_id: str):
    fmt = FORMATS[format_id]
    cells = {p: draw(VALUES[spec.kind]) for p, spec in fmt.cell.items()}
    foreign = foreign_cells(format_id)
    for p in draw(st.lists(st.sampled_from(sorted(foreign)), max_size=4, unique=True)):
        cells[p] = draw(VALUES[foreign[p].cell[p].kind])
    return Report(
        format=format_id, year=draw(st.integers(2019, 2030)),
        unit=draw(SHORT), unit_kind=draw(st.sampled_from(sorted(UNIT_KINDS))), title=draw(SHORT),
        sections={k: draw(TEXT) for k in SECTION_KEYS}, cells=cells,
        notes=draw(st.dictionaries(st.sampled_from(sorted(cells)), SHORT.filter(bool), max_size=3)),
        explanations=draw(st.dictionaries(st.sampled_from(["M01@t2.CT", "V02@t2"]), SHORT, max_size=2)),
    )


def same_report(a: Report, b: Report) -> None:
    assert jsondoc.to_dict(b) == jsondoc.to_dict(a)
    for p, v in a.cells.items():                    # the same kind of value and the same digits
        assert type(b.cells[p]) is type(v), p
        assert str(b.cells[p]) == str(v), p


def reopen(report: Report, folder, suffix: str) -> files.Loaded:
    path = folder / f"报告{suffix}"
    files.save_report(report, path, backup=False)
    return files.open_report(path)


@pytest.mark.parametrize("format_id", ["2021", "2019"])
@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_hard_reports_come_back_unchanged(format_id, suffix, tmp_path_factory):
    @settings(max_examples=40 if suffix == ".xlsx" else 120, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(reports(format_id))
    @example(Report.new(2024, "第二十条第（一）项", "township"))
    def run(report):
        loaded = reopen(report, tmp_path_factory.mktemp("rt"), suffix)
        assert loaded.notices == []
        assert loaded.findings == []
        same_report(report, loaded.report)

    run()


def _with(**changes) -> Report:
    report = Report.new(2024, "某某街道办事处", "township")
    report.cells.update({p: 0 if spec.kind in (Kind.COUNT, Kind.SIGNED) else Decimal(0)
                         for p, spec in report.fmt.cell.items()})
    for key, value in changes.items():
        if key in SECTION_KEYS:
            report.sections[key] = value
        else:
            report.cells[key.replace("_", ".")] = value
    return report


KNOWN = {   # each of these changed or was refused on reopening before
    "340,000 repeated characters in 六": _with(s6="年" * 340_000),
    "一 exactly the 表一 block title": _with(s1="第二十条第（一）项"),
    "六 starting with 以下栏目属于": _with(s6="以下栏目属于2019年格式的栏目，特此说明。"),
    "a 17-digit count": _with(t2_R1_C1=12345678901234567),
    "an 18-digit count": _with(t2_R1_CT=999999999999999999),
    "a subnormal amount": _with(t1_fees_amount=Decimal(repr(1e-320))),
}


@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
@pytest.mark.parametrize("case", sorted(KNOWN))
def test_known_round_trip_failures_are_fixed(case, suffix, tmp_path):
    report = KNOWN[case]
    loaded = reopen(report, tmp_path, suffix)
    assert loaded.notices == []
    same_report(report, loaded.report)


def test_long_repetitive_texts_in_every_part(tmp_path):
    report = _with(**{k: ch * 120_000 for k, ch in zip(SECTION_KEYS, "年月日一二三")})
    report.notes["t2.R1.C1"] = "备" * 50_000
    loaded = reopen(report, tmp_path, ".xlsx")
    assert loaded.notices == []
    same_report(report, loaded.report)


def test_lone_surrogates_survive_the_workbook_and_are_repaired_in_json(tmp_path):
    report = _with(s1="前\ud800后", s6="\udfff")
    report.unit = "某\udc80镇"
    loaded = reopen(report, tmp_path, ".xlsx")
    assert loaded.notices == []
    same_report(report, loaded.report)
    loaded = reopen(report, tmp_path, ".json")
    assert loaded.report.sections["s1"] == "前\ufffd后" and loaded.report.unit == "某\ufffd镇"
    assert len(loaded.notices) == 1 and "代理项" in loaded.notices[0]


def _edit_text(path, sheet: str, old: str, new: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    cell = next(c for row in wb[sheet].iter_rows() for c in row if c.value == old)
    cell.value = new
    wb.save(path)


def test_a_text_edited_in_excel_still_wins_and_other_sheets_keep_the_hidden_copy(tmp_path):
    report = _with(s6="原来的文字")
    report.title = "一、总体情况"                      # reads like a heading on the cover sheet
    path = tmp_path / "改过.xlsx"
    files.save_report(report, path, backup=False)
    _edit_text(path, report.fmt.section["s6"].heading, "原来的文字", "在 WPS 中改过的文字")
    loaded = files.open_report(path)
    assert loaded.report.sections["s6"] == "在 WPS 中改过的文字"
    assert loaded.report.title == "一、总体情况" and loaded.report.sections["s1"] == report.sections["s1"]
    assert len(loaded.notices) == 1 and "六、其他需要报告的事项" in loaded.notices[0]
