"""Report → xlsx → report is lossless: random reports of both formats, the real fixtures,
odd texts (formula-like, control characters, very long), and edits made later in Excel."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_desktop.core.formats import FORMATS, foreign_cells
from govreport_desktop.core.report import SECTION_KEYS, UNIT_KINDS, Report
from govreport_desktop.core.schema import Kind
from govreport_desktop.io import files, jsondoc, xlsx_read, xlsx_write

# Text an XML file can hold (no surrogates, no C0 controls except tab/CR/LF), with much
# Chinese and the characters that matter here (= + - @ at line starts, quotes, spaces).
TEXT_CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from("\n\n\t\r =+-@“”、，。（）0123456789年月日街道政府信息公开"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
)
texts = st.text(TEXT_CHARS, max_size=80)


def values_for(kind: Kind):
    if kind is Kind.COUNT:
        return st.one_of(st.none(), st.integers(0, 10**6), st.integers(0, 10**15),
                         st.integers(-5, -1),                                   # kept for V01
                         # a fraction in a count (V01); an integral one is an int in the JSON contract
                         st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)
                         .filter(lambda d: d != d.to_integral_value()))
    if kind is Kind.SIGNED:
        return st.one_of(st.none(), st.integers(-10**6, 10**6))
    return st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False),
                     st.decimals(min_value=0, max_value=10**4, places=7, allow_nan=False))   # V04


@st.composite
def reports(draw, format_id: str):
    fmt = FORMATS[format_id]
    year = draw(st.integers(2019, 2030))
    cells = {p: draw(values_for(spec.kind)) for p, spec in fmt.cell.items()}
    foreign = foreign_cells(format_id)
    for p in draw(st.lists(st.sampled_from(sorted(foreign)), max_size=8, unique=True)):
        cells[p] = draw(values_for(foreign[p].cell[p].kind))
    paths = sorted(cells)
    notes = draw(st.dictionaries(st.sampled_from(paths), texts.filter(bool), max_size=4))
    units = {}
    if format_id == "2019":
        units = draw(st.dictionaries(st.just("procurement.amount"), st.sampled_from(["元", "万元", "千元"]), max_size=1))
    return Report(
        format=format_id, year=year,
        unit=draw(texts), unit_kind=draw(st.sampled_from(sorted(UNIT_KINDS))), title=draw(texts),
        sections={k: draw(st.text(TEXT_CHARS, max_size=300)) for k in SECTION_KEYS},
        cells=cells, t1_units=units, notes=notes,
        explanations=draw(st.dictionaries(st.sampled_from(["M01@t2.CT", "V02@t2", "S07@title"]), texts, max_size=2)),
    )


def roundtrip(report: Report, tmp_path) -> files.Loaded:
    path = tmp_path / "报告.xlsx"
    files.save_report(report, path)
    return files.open_report(path)


def assert_same(a: Report, b: Report) -> None:
    assert jsondoc.to_dict(a) == jsondoc.to_dict(b)
    assert a.cells.keys() == b.cells.keys()
    for p, v in a.cells.items():
        assert type(v) is type(b.cells[p]), p
        if isinstance(v, Decimal):
            assert str(v) == str(b.cells[p]), p     # exact digits, not just equal value


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_random_reports_roundtrip_losslessly(format_id, tmp_path_factory):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(format_id))
    def run(report):
        loaded = roundtrip(report, tmp_path_factory.mktemp("rt"))
        assert loaded.notices == []
        assert loaded.findings == []
        assert_same(report, loaded.report)

    run()


@pytest.mark.parametrize("name", ["zhaohui-street-2021", "shuyang-county-2025", "shuyang-fagaiju-2023"])
def test_real_reports_roundtrip(name, load_truth, tmp_path):
    report = load_truth(name)
    loaded = roundtrip(report, tmp_path)
    assert_same(report, loaded.report)
    assert loaded.notices == []


@pytest.mark.parametrize("name", ["zhaohui-street-2021", "shuyang-county-2025", "shuyang-fagaiju-2023"])
def test_real_reports_read_from_visible_sheets_alone(name, load_truth):
    """Without the hidden sheet (a copy made by hand), the visible tables still give the report."""
    report = load_truth(name)
    data = xlsx_write.encode(report)
    grids = [g for g in xlsx_read.grids_from_bytes(data, "x.xlsx") if g.name != xlsx_write.META_SHEET]
    loaded = xlsx_read.read_grids(grids, "x.xlsx")
    got = loaded.report
    assert got.format == report.format and got.year == report.year
    assert got.unit == report.unit and got.title == report.title and got.unit_kind == report.unit_kind
    assert got.sections == report.sections
    for p, v in report.cells.items():
        assert got.cells.get(p) == v, p
    assert got.notes == report.notes
    assert loaded.findings == []


def test_fixtures_through_cli_convert(load_truth, tmp_path):
    from govreport_desktop import cli

    src = tmp_path / "in.json"
    src.write_bytes(jsondoc.encode(load_truth("shuyang-county-2025")))
    xlsx, back = tmp_path / "out.xlsx", tmp_path / "back.json"
    assert cli.main(["convert", str(src), str(xlsx)]) == 0
    assert cli.main(["convert", str(xlsx), str(back)]) == 0
    assert jsondoc.read(back).cells == jsondoc.read(src).cells
    assert cli.main(["check", str(xlsx)]) in (0, 1)


def test_formula_like_texts_stay_text(tmp_path):
    report = Report.new(2024, "=HYPERLINK(\"http://x\")", "township")
    report.title = "+1+1"
    report.sections["s1"] = "=SUM(A1:A3)\n+cmd|' /C calc'!A0\n-2+3\n@SUM(1)"
    report.sections["s6"] = "=1"
    report.notes["t2.R1.CT"] = "=A1"
    report.explanations["V02@t2"] = "@x"
    path = tmp_path / "f.xlsx"
    files.save_report(report, path)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert_same(report, files.open_report(path).report)


def test_control_characters_are_left_out_of_cells_but_kept(tmp_path):
    report = Report.new(2024, "某街道\x00办事处", "township")
    report.sections["s1"] = "第一段\x01\x1f\n\ud800第二段\ufffe"
    report.notes["t1.fees.amount"] = "备注\x0b"
    data, notices = xlsx_write.encode_with_notices(report)
    assert notices and "控制字符" in notices[0]
    path = tmp_path / "c.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    assert wb["一、总体情况"]["A7"].value == "第一段"
    loaded = files.open_report(path)
    assert_same(report, loaded.report)
    assert loaded.notices == []


def test_text_longer_than_a_cell_is_split_not_cut(tmp_path):
    report = Report.new(2024, "某局", "department")
    para = "长" * 70000 + "尾"
    report.sections["s5"] = "开头\n" + para + "\n结尾"
    path = tmp_path / "long.xlsx"
    files.save_report(report, path)
    ws = openpyxl.load_workbook(path)["五、存在的主要问题及改进情况"]
    col = [c.value for c in ws["A"] if c.value]
    assert all(len(v) <= 32767 for v in col)
    assert "".join(col[2:-1]) == para
    assert files.open_report(path).report.sections["s5"] == report.sections["s5"]


def _edit(path, sheet: str, ref: str, value):
    wb = openpyxl.load_workbook(path)
    wb[sheet][ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())


def _ref(report: Report, path: str) -> tuple[str, str]:
    """Sheet and cell reference of a data cell in the written workbook."""
    data = xlsx_write.encode(report)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    table = report.fmt.table_of(path)
    ws = wb[report.fmt.section_of(table.key).heading]
    r, c = table.layout.position[path]
    first = table.layout.boxes[0]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == first.text and first.text:
                from openpyxl.utils import get_column_letter
                return ws.title, f"{get_column_letter(cell.column + c)}{cell.row + r}"
    raise AssertionError("table not found")


def test_visible_numbers_edited_in_excel_win(zhaohui, tmp_path):
    path = tmp_path / "z.xlsx"
    files.save_report(zhaohui, path)
    sheet, ref = _ref(zhaohui, "t2.R1.C1")
    _edit(path, sheet, ref, 7)
    loaded = files.open_report(path)
    assert loaded.report.cells["t2.R1.C1"] == 7
    assert loaded.notices and "本年新收·自然人" in loaded.notices[0] and "已按工作表中显示的数字读入" in loaded.notices[0]
    others = {p: v for p, v in loaded.report.cells.items() if p != "t2.R1.C1"}
    assert others == {p: v for p, v in zhaohui.cells.items() if p != "t2.R1.C1"}


def test_visible_text_typed_into_a_number_cell(zhaohui, tmp_path):
    path = tmp_path / "z.xlsx"
    files.save_report(zhaohui, path)
    sheet, ref = _ref(zhaohui, "t1.normative.issued")
    _edit(path, sheet, ref, "22（其中修订16件）")
    loaded = files.open_report(path)
    assert loaded.report.cells["t1.normative.issued"] == 22
    assert loaded.report.notes["t1.normative.issued"] == "22（其中修订16件）"
    assert [p.id for p in loaded.findings] == ["V03@t1.normative.issued"]
    assert loaded.findings[0].message == "表一 行政规范性文件·本年制发件数原为“22（其中修订16件）”：已取数值 22，文字移入备注"


def test_visible_cell_cleared_in_excel_becomes_blank(zhaohui, tmp_path):
    path = tmp_path / "z.xlsx"
    files.save_report(zhaohui, path)
    sheet, ref = _ref(zhaohui, "t3.RV.S")
    _edit(path, sheet, ref, None)
    assert files.open_report(path).report.cells["t3.RV.S"] is None


def test_workbook_carries_properties_and_hidden_sheet(zhaohui):
    from govreport_desktop import __version__

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(zhaohui)))
    assert wb[xlsx_write.META_SHEET].sheet_state == "hidden"
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["schema"] == jsondoc.SCHEMA and props["format"] == "2021" and props["year"] == 2021
    assert props["unit"] == zhaohui.unit and props["app_version"] == __version__
    assert wb.properties.title == zhaohui.title
    names = wb.sheetnames
    assert names[:6] == [s.heading for s in FORMATS["2021"].sections]


def test_texts_that_look_like_labels_or_headings_stay_texts(tmp_path):
    """Lines of a part's text equal to a heading or a table label must not confuse the reader."""
    report = Report.new(2024, "某街道办事处", "township")
    report.sections["s1"] = "二、主动公开政府信息情况\n六、其他需要报告的事项\n正文"
    report.sections["s2"] = "第二十条第（一）项\n信息内容\n规章"
    report.sections["s3"] = "一、本年新收政府信息公开申请数量"
    report.sections["s4"] = "未经复议直接起诉\n行政复议\n结果维持"
    report.cells["t3.RV.S"] = 5
    data = xlsx_write.encode(report)
    grids = [g for g in xlsx_read.grids_from_bytes(data, "x.xlsx") if g.name != xlsx_write.META_SHEET]
    seen = xlsx_read.read_grids(grids, "x.xlsx").report
    assert seen.sections == report.sections
    assert seen.cells["t3.RV.S"] == 5
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    loaded = files.open_report(path)
    assert loaded.notices == [] and loaded.report.sections == report.sections
