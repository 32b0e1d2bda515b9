"""The JSON report document of spec/interchange.md: exact decimals, blank ≠ 0, unknown keys,
other-format keys, clear Chinese errors, and a lossless round trip (hypothesis)."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_desktop.core.formats import FORMATS, foreign_cells
from govreport_desktop.core.report import SECTION_KEYS, UNIT_KINDS, Report
from govreport_desktop.core.rules import check
from govreport_desktop.core.schema import Kind
from govreport_desktop.io import jsondoc
from govreport_desktop.io.errors import NotAReportError, UnknownKeyError


def doc(**overrides):
    d = {"schema": "govreport/1", "format": "2021", "year": 2021, "unit": "某某街道办事处",
         "unit_kind": "township", "title": "某某街道办事处2021年政府信息公开工作年度报告"}
    d.update(overrides)
    return d


def load(**overrides):
    return jsondoc.loads(json.dumps(doc(**overrides), ensure_ascii=False))


# ---------------------------------------------------------------- exact numbers

def test_money_string_stays_exact(load_truth):
    rep = load_truth("shuyang-county-2025")
    v = rep.cells["t1.fees.amount"]
    assert isinstance(v, Decimal) and v == Decimal("4068.208")
    assert jsondoc.to_dict(rep)["t1"]["fees.amount"] == "4068.208"
    assert '"fees.amount": "4068.208"' in jsondoc.dumps(rep)


def test_json_number_read_exactly():
    rep = jsondoc.loads('{"schema": "govreport/1", "format": "2021", "year": 2021,'
                        ' "t1": {"fees.amount": 0.1}}')
    v = rep.cells["t1.fees.amount"]
    assert isinstance(v, Decimal) and v == Decimal("0.1")      # not 0.1000000000000000055…
    assert jsondoc.to_dict(rep)["t1"]["fees.amount"] == "0.1"
    rep = jsondoc.loads('{"schema": "govreport/1", "format": "2021", "year": 2021,'
                        ' "t1": {"fees.amount": 4068.208}}')
    assert rep.cells["t1.fees.amount"] == Decimal("4068.208")


def test_money_is_never_a_float_in_the_output():
    rep = load(t1={"fees.amount": "12.3400"})
    out = json.loads(jsondoc.dumps(rep))
    assert out["t1"]["fees.amount"] == "12.3400"                # a decimal string as written
    assert isinstance(out["t2"]["R1"]["C1"], type(None))


def test_counts_are_json_integers():
    rep = load(t2={"R1": {"C1": 3, "CT": 3.0}})
    assert rep.cells["t2.R1.C1"] == 3 and type(rep.cells["t2.R1.CT"]) is int
    out = json.loads(jsondoc.dumps(rep))
    assert out["t2"]["R1"]["CT"] == 3 and type(out["t2"]["R1"]["CT"]) is int


def test_fraction_in_a_count_is_kept_reported_and_still_readable():
    """A count 1.5 (V01) must survive a save: the file the app writes must open again."""
    rep = load(t2={"R1": {"C1": 1.5}})
    assert rep.cells["t2.R1.C1"] == Decimal("1.5")
    assert any(p.id == "V01@t2.R1.C1" for p in check(rep))
    again = jsondoc.loads(jsondoc.dumps(rep))
    assert again.cells["t2.R1.C1"] == Decimal("1.5")


def test_negative_money_is_kept_for_v04():
    rep = load(t1={"fees.amount": "-3"})
    assert rep.cells["t1.fees.amount"] == Decimal("-3")
    assert [p.message for p in check(rep) if p.rule == "V04"] == ["行政事业性收费 本年收费金额 -3：不能为负数"]


def test_signed_change_2019():
    rep = load(format="2019", year=2020, t1={"licensing.change": -4, "licensing.prev_items": 10})
    assert rep.cells["t1.licensing.change"] == -4
    assert json.loads(jsondoc.dumps(rep))["t1"]["licensing.change"] == -4


# ---------------------------------------------------------------- blank vs 0

def test_blank_and_zero_stay_distinct():
    rep = load(t2={"R1": {"C1": 0, "C2": None}}, t1={"fees.amount": "0"})
    assert rep.cells["t2.R1.C1"] == 0 and rep.cells["t2.R1.C1"] is not None
    assert rep.cells["t2.R1.C2"] is None
    assert rep.cells["t1.fees.amount"] == 0
    out = json.loads(jsondoc.dumps(rep))
    assert out["t2"]["R1"]["C1"] == 0 and out["t2"]["R1"]["C2"] is None
    assert out["t1"]["fees.amount"] == "0"


def test_missing_rows_cells_and_sections_read_as_blank():
    rep = load(t2={"R1": {"C1": 2}}, sections={"s1": "总体"})
    assert rep.cells["t2.R1.C2"] is None and rep.cells["t2.R4.CT"] is None and rep.cells["t3.RV.S"] is None
    assert rep.sections["s1"] == "总体" and rep.sections["s6"] == ""
    out = json.loads(jsondoc.dumps(rep))
    assert set(out["sections"]) == set(SECTION_KEYS)
    assert len(out["t2"]) == 25 and all(len(r) == 7 for r in out["t2"].values())
    assert len(out["t1"]) == 10


def test_document_shape_follows_interchange_md(load_truth):
    out = jsondoc.to_dict(load_truth("shuyang-county-2025"))
    assert list(out) == ["schema", "format", "year", "unit", "unit_kind", "title", "sections", "t1",
                         "t1_units", "t2", "t3", "notes", "explanations"]
    assert out["schema"] == "govreport/1"
    assert list(out["t2"]) == [r.key for r in FORMATS["2021"].table["t2"].rows]   # official order
    assert list(out["t3"]) == ["RV", "LD", "LR"] and list(out["t3"]["RV"]) == ["M", "K", "O", "P", "S"]


def test_file_round_trip_equals_fixture_document(load_truth):
    """Reading and writing a truth document changes nothing (values, blanks, texts)."""
    from conftest import truth_path
    for name in ("shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"):
        original = json.loads(truth_path(name).read_text(encoding="utf-8"))
        written = json.loads(jsondoc.dumps(load_truth(name)))
        for table in ("t2", "t3"):       # rows absent from the file are written as blank rows
            for row, cols in written[table].items():
                original[table].setdefault(row, {c: None for c in cols})
        assert written == original, name


# ---------------------------------------------------------------- unknown and foreign keys

def test_unknown_keys_rejected_naming_each():
    with pytest.raises(UnknownKeyError) as e:
        load(extra=1, sections={"s7": ""}, t1={"regulations.bogus": 0},
             t2={"R9": {"C1": 1}, "R1": {"C9": 1}}, t3={"RV": {"X": 0}}, t1_units={"bogus.amount": "元"})
    msg = str(e.value)
    for key in ("extra", "sections.s7", "t1.regulations.bogus", "t2.R9", "t2.R1.C9", "t3.RV.X",
                "t1_units.bogus.amount"):
        assert key in msg, key
        assert key in e.value.keys
    assert "无法识别" in msg


def test_other_format_keys_are_kept_and_written_back():
    rep = load(t1={"regulations.made": 2}, t2={"L6": {"C1": 1, "CT": 1}, "L1": {"C1": 0}})
    assert rep.cells["t1.regulations.made"] == 2 and rep.cells["t2.L6.C1"] == 1
    assert set(rep.foreign_paths()) >= {"t1.regulations.made", "t2.L6.C1", "t2.L6.CT"}
    out = json.loads(jsondoc.dumps(rep))
    assert out["t1"]["regulations.made"] == 2 and out["t2"]["L6"]["C1"] == 1
    assert {p.rule for p in check(rep)} >= {"S01", "S05"}


def test_2019_document_keeps_2021_keys():
    rep = load(format="2019", year=2020, t1={"fees.amount": "1.5"}, t2={"L6_2": {"CT": 1}})
    assert rep.cells["t1.fees.amount"] == Decimal("1.5") and rep.cells["t2.L6_2.CT"] == 1
    assert jsondoc.loads(jsondoc.dumps(rep)) == rep


# ---------------------------------------------------------------- bad documents

@pytest.mark.parametrize("text, expected", [
    ("{", "不是有效的 JSON 文件"),
    ("", "不是有效的 JSON 文件"),
    (b"\xff\xfe\x00garbage", "不是有效的 JSON 文件"),
    ("[1, 2]", "顶层应为对象"),
    ('{"format": "2021", "year": 2021}', "schema 应为“govreport/1”"),
])
def test_not_a_report(text, expected):
    with pytest.raises(NotAReportError) as e:
        jsondoc.loads(text, "报告.json")
    assert expected in str(e.value) and "“报告.json”" in str(e.value)


@pytest.mark.parametrize("overrides, expected", [
    ({"year": "2021"}, "年度“2021”不是整数"),
    ({"year": True}, "不是整数"),
    ({"format": "2020"}, "格式“2020”无法识别"),
    ({"unit_kind": "village"}, "单位类型“village”无法识别"),
    ({"unit": 5}, "“unit”应为文字"),
    ({"sections": {"s1": 3}}, "sections.s1 应为文字"),
    ({"t2": []}, "“t2”应为对象"),
    ({"t2": {"R1": 5}}, "t2.R1 应为对象"),
    ({"t2": {"R1": {"C1": "五"}}}, "单元格 t2.R1.C1 应为数字，实际为“五”"),
    ({"t2": {"R1": {"C1": "5"}}}, "单元格 t2.R1.C1 应为数字"),
    ({"t2": {"R1": {"C1": True}}}, "单元格 t2.R1.C1 应为数字"),
    ({"t1": {"fees.amount": "约5万元"}}, "单元格 t1.fees.amount 应为数字"),
    ({"notes": {"t2.R1.C1": 5}}, "notes.t2.R1.C1 应为文字"),
])
def test_bad_types_give_a_clear_chinese_message(overrides, expected):
    with pytest.raises(NotAReportError) as e:
        load(**overrides)
    assert expected in str(e.value)
    assert "Traceback" not in str(e.value) and "Error" not in str(e.value)


# ---------------------------------------------------------------- property: lossless round trip

# any character but lone surrogates (they cannot be typed or saved as UTF-8); an explicit alphabet
# also avoids hypothesis building its UTF-8 codec table, which costs ~10 s per run
CHARS = st.characters(exclude_categories=("Cs",))
TEXT = st.text(CHARS, max_size=40)
# Decimal money with 0–4 places, trailing zeros included (“1.2300” must stay “1.2300”); built from
# integers because st.decimals is slow for ~200 cells per example
MONEY = st.builds(lambda n, places: Decimal(n).scaleb(-places),
                  st.integers(-10**6, 10**12), st.integers(0, 4))


# invalid values a file may hold and the checker reports (V01): negative counts, fractions
FRACTION = st.builds(lambda n, d: Decimal(n * 10 + d).scaleb(-1), st.integers(-10**6, 10**6), st.integers(1, 9))
_VALUES = {
    Kind.COUNT: st.none() | st.integers(0, 10**9) | st.integers(-10, -1) | FRACTION,
    Kind.SIGNED: st.none() | st.integers(-10**6, 10**6) | FRACTION,
    Kind.MONEY: st.none() | MONEY,
    Kind.AMOUNT: st.none() | MONEY,
}


def _cells(specs):
    paths = [spec.path for spec in specs]
    return st.tuples(*(_VALUES[spec.kind] for spec in specs)).map(lambda values: dict(zip(paths, values)))


# built once: building ~200 strategies per example made the test take minutes
_OWN = {fid: _cells(list(fmt.cell.values())) for fid, fmt in FORMATS.items()}
_FOREIGN = {fid: {path: fmt.cell[path] for path, fmt in foreign_cells(fid).items()} for fid in FORMATS}
_FOREIGN_CELLS = {fid: st.lists(st.sampled_from(sorted(specs)), max_size=8, unique=True)
                  for fid, specs in _FOREIGN.items()}


@st.composite
def reports(draw):
    format_id = draw(st.sampled_from(sorted(FORMATS)))
    cells = draw(_OWN[format_id])
    for path in draw(_FOREIGN_CELLS[format_id]):
        cells[path] = draw(_VALUES[_FOREIGN[format_id][path].kind])
    paths = st.sampled_from(sorted(cells))
    return Report(
        format=format_id,
        year=draw(st.integers(1990, 2100)),
        unit=draw(TEXT),
        unit_kind=draw(st.sampled_from(sorted(UNIT_KINDS))),
        title=draw(TEXT),
        sections={k: draw(st.text(CHARS, max_size=200)) for k in SECTION_KEYS},
        cells=cells,
        t1_units=draw(st.dictionaries(st.sampled_from(["procurement.amount", "fees.amount"]),
                                      st.sampled_from(["元", "万元", ""]), max_size=2)),
        notes=draw(st.dictionaries(paths, TEXT, max_size=4)),
        explanations=draw(st.dictionaries(st.text(CHARS, min_size=1, max_size=20), TEXT, max_size=3)),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_report_survives_a_round_trip(rep):
    text = jsondoc.dumps(rep)
    again = jsondoc.loads(text)
    assert again == rep
    for path, value in rep.cells.items():           # same kind of value too: blank stays blank
        assert (again.cells[path] is None) == (value is None), path
        assert isinstance(again.cells[path], Decimal) == isinstance(value, Decimal), path
    assert jsondoc.to_dict(again) == jsondoc.to_dict(rep)    # to_dict is stable
    assert jsondoc.dumps(again) == text
    assert jsondoc.loads(jsondoc.encode(rep).decode("utf-8")) == rep


# ---------------------------------------------------------------- absurd files must not crash or hang

@pytest.mark.parametrize("cell", [
    '"t2": {"R1": {"C1": 1e5000}}',           # a 5000-digit count cannot even be printed
    '"t2": {"R1": {"C1": 1e999999999}}',      # int() of it would hang
    '"t1": {"fees.amount": "1e400"}',          # V04 raised InvalidOperation
    '"t1": {"fees.amount": 1e-999999999}',     # writing it out would hang
    '"t2": {"R1": {"C1": 1' + "0" * 20 + '}}',
])
def test_absurd_numbers_are_refused_with_a_message(cell):
    text = '{"schema": "govreport/1", "format": "2021", "year": 2021, ' + cell + "}"
    with pytest.raises(NotAReportError) as e:
        jsondoc.loads(text, "怪.json")
    assert "数值超出范围" in str(e.value) or "不是有效的 JSON" in str(e.value)


def test_very_long_integer_and_deep_nesting_are_not_internal_errors():
    with pytest.raises(NotAReportError):
        jsondoc.loads('{"year": 1' + "0" * 5000 + "}")
    with pytest.raises(NotAReportError) as e:
        jsondoc.loads("[" * 100000)
    assert "嵌套层次过深" in str(e.value)


def test_large_but_sane_values_are_kept():
    rep = load(t1={"licensing.decisions": 517645, "fees.amount": "99999999999999.9999"})
    assert rep.cells["t1.licensing.decisions"] == 517645
    assert rep.cells["t1.fees.amount"] == Decimal("99999999999999.9999")
