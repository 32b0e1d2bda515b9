"""The format schema against spec/format-2021.md, format-2019.md and keys.md.

Expected labels, merges and counts below were copied by hand from the spec tables, not from
the code, so a typo in the schema shows up here.
"""

import pytest

from govreport_desktop.core.formats import FORMATS, foreign_cells, format_for_year
from govreport_desktop.core.schema import Kind

F21, F19 = FORMATS["2021"], FORMATS["2019"]


@pytest.mark.parametrize("fmt, t1, t2, t3", [(F21, 10, 175, 15), (F19, 22, 161, 15)],
                         ids=["2021", "2019"])
def test_cell_counts(fmt, t1, t2, t3):
    assert [len(fmt.table[k].cells) for k in ("t1", "t2", "t3")] == [t1, t2, t3]
    assert len(fmt.cell_paths) == len(set(fmt.cell_paths)) == t1 + t2 + t3


@pytest.mark.parametrize("fmt, rows, leaves", [(F21, 25, 21), (F19, 23, 19)], ids=["2021", "2019"])
def test_t2_rows_and_leaves(fmt, rows, leaves):
    t2 = fmt.table["t2"]
    assert len(t2.rows) == rows
    assert len(fmt.t2_leaves) == leaves
    assert [c.key for c in t2.cols] == ["C1", "C2", "C3", "C4", "C5", "C6", "CT"]
    keys = [r.key for r in t2.rows]
    # rules.md Sets: ROWS = R1, R2, LEAVES, R3, R4
    assert keys == ["R1", "R2", *fmt.t2_leaves, "R3", "R4"]


def test_leaves_differ_only_in_other_processing():
    assert F21.t2_leaves[-3:] == ("L6_1", "L6_2", "L6_3")
    assert F19.t2_leaves[-1] == "L6"
    assert F21.t2_leaves[:-3] == F19.t2_leaves[:-1]


@pytest.mark.parametrize("fmt", [F21, F19], ids=["2021", "2019"])
@pytest.mark.parametrize("table", ["t1", "t2", "t3"])
def test_layout_has_no_holes_or_overlaps(fmt, table):
    layout = fmt.table[table].layout
    seen = {}
    for box in layout.boxes:
        assert box.rowspan >= 1 and box.colspan >= 1
        assert 0 <= box.row and box.last_row < layout.n_rows, box
        assert 0 <= box.col and box.last_col < layout.n_cols, box
        for r in range(box.row, box.last_row + 1):
            for c in range(box.col, box.last_col + 1):
                assert (r, c) not in seen, f"{box} overlaps {seen[(r, c)]}"
                seen[(r, c)] = box
    assert len(seen) == layout.n_rows * layout.n_cols
    layout.validate()


@pytest.mark.parametrize("fmt", [F21, F19], ids=["2021", "2019"])
@pytest.mark.parametrize("table", ["t1", "t2", "t3"])
def test_data_boxes_are_exactly_the_cells(fmt, table):
    t = fmt.table[table]
    data = [b.path for b in t.layout.boxes if b.role == "data"]
    assert all(b.path is None for b in t.layout.boxes if b.role != "data")
    assert len(data) == len(set(data))
    assert set(data) == {c.path for c in t.cells}


@pytest.mark.parametrize("fmt, rows", [(F21, 14), (F19, 18)], ids=["2021", "2019"])
def test_t1_grid_size(fmt, rows):
    # format-2021.md §4: 14 rows A–D; format-2019.md §3: 18 rows A–D
    layout = fmt.table["t1"].layout
    assert (layout.n_rows, layout.n_cols) == (rows, 4)


def _box(layout, row, col):
    box = layout.box_at(row, col)
    assert box is not None and (box.row, box.col) == (row, col), (row, col, box)
    return box


def test_t1_2021_layout_matches_spec():
    lay = F21.table["t1"].layout
    # spec rows are 1-based, boxes 0-based
    for row, title in ((1, "第二十条第（一）项"), (5, "第二十条第（五）项"), (8, "第二十条第（六）项"),
                       (12, "第二十条第（八）项")):
        b = _box(lay, row - 1, 0)
        assert (b.text, b.colspan) == (title, 4)                     # A:D merged
    assert [_box(lay, 1, c).text for c in range(4)] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [_box(lay, 2, c).path for c in (1, 2, 3)] == [
        "t1.regulations.issued", "t1.regulations.repealed", "t1.regulations.in_force"]
    assert _box(lay, 3, 0).text == "行政规范性文件"
    hdr = _box(lay, 12, 1)                                               # B13:D13
    assert (hdr.text, hdr.colspan) == ("本年收费金额（单位：万元）", 3)
    fee = _box(lay, 13, 1)                                               # B14:D14
    assert (fee.path, fee.colspan) == ("t1.fees.amount", 3)
    assert _box(lay, 6, 1).path == "t1.licensing.decisions" and _box(lay, 6, 1).colspan == 3
    assert [_box(lay, r, 0).text for r in (9, 10)] == ["行政处罚", "行政强制"]


def test_t1_2019_layout_matches_spec():
    lay = F19.table["t1"].layout
    assert [_box(lay, 1, c).text for c in range(4)] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert _box(lay, 3, 0).text == "规范性文件"
    assert [_box(lay, 5, c).text for c in range(4)] == ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    assert _box(lay, 7, 0).text == "其他对外管理服务事项"
    assert [_box(lay, 7, c).path for c in (1, 2, 3)] == [
        "t1.other_services.prev_items", "t1.other_services.change", "t1.other_services.decisions"]
    assert _box(lay, 15, 0).text == "第二十条第（九）项" and _box(lay, 15, 0).colspan == 4
    assert [_box(lay, 16, c).text for c in (1, 2)] == ["采购项目数量", "采购总金额"]
    assert _box(lay, 17, 2).path == "t1.procurement.amount"
    # column D of rows 14, 15, 17, 18 is not a data cell
    for r in (13, 14, 16, 17):
        assert _box(lay, r, 3).role == "blank" and _box(lay, r, 3).path is None


# (row key, exact label) from format-2021.md §5
T2_LABELS = [
    ("R1", "一、本年新收政府信息公开申请数量"),
    ("R2", "二、上年结转政府信息公开申请数量"),
    ("L1", "（一）予以公开"),
    ("L2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("L3_1", "1.属于国家秘密"),
    ("L3_3", "3.危及“三安全一稳定”"),
    ("L3_5", "5.属于三类内部事务信息"),
    ("L3_8", "8.属于行政查询事项"),
    ("L4_2", "2.没有现成信息需要另行制作"),
    ("L5_5", "5.要求行政机关确认或重新出具已获取信息"),
    ("R3", "（七）总计"),
    ("R4", "四、结转下年度继续办理"),
]
T2_2021_ONLY = [
    ("L6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("L6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("L6_3", "3.其他"),
]


@pytest.mark.parametrize("key, label", T2_LABELS + T2_2021_ONLY)
def test_t2_labels_2021(key, label):
    assert F21.table["t2"].row[key].label == label


@pytest.mark.parametrize("key, label", T2_LABELS + [("L6", "（六）其他处理")])
def test_t2_labels_2019(key, label):
    assert F19.table["t2"].row[key].label == label


@pytest.mark.parametrize("fmt, results_rows", [(F21, 22), (F19, 20)], ids=["2021", "2019"])
def test_t2_header_and_label_merges(fmt, results_rows):
    lay = fmt.table["t2"].layout
    note = _box(lay, 0, 0)                                               # A1:C3
    assert (note.text, note.rowspan, note.colspan) == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
    assert (_box(lay, 0, 3).text, _box(lay, 0, 3).colspan) == ("申请人情况", 7)      # D1:J1
    assert (_box(lay, 1, 3).text, _box(lay, 1, 3).rowspan) == ("自然人", 2)         # D2:D3
    assert (_box(lay, 1, 4).text, _box(lay, 1, 4).colspan) == ("法人或其他组织", 5)   # E2:I2
    assert (_box(lay, 1, 9).text, _box(lay, 1, 9).rowspan) == ("总计", 2)           # J2:J3
    assert [_box(lay, 2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = _box(lay, 5, 0)                                            # A6:A27 (2019 A6:A25)
    assert (results.text, results.rowspan) == ("三、本年度办理结果", results_rows)
    assert _box(lay, 7, 1).text == "（三）不予公开" and _box(lay, 7, 1).rowspan == 8      # B8:B15
    assert _box(lay, 15, 1).text == "（四）无法提供" and _box(lay, 15, 1).rowspan == 3    # B16:B18
    assert _box(lay, 18, 1).text == "（五）不予处理" and _box(lay, 18, 1).rowspan == 5    # B19:B23
    assert _box(lay, 3, 0).colspan == 3 and _box(lay, 4, 0).colspan == 3                 # A4:C4, A5:C5
    last = lay.n_rows - 1
    assert (_box(lay, last, 0).text, _box(lay, last, 0).colspan) == ("四、结转下年度继续办理", 3)
    assert _box(lay, 3, 9).path == "t2.R1.CT" and _box(lay, last, 3).path == "t2.R4.C1"


def test_t2_other_processing_block_2021():
    lay = F21.table["t2"].layout
    b = _box(lay, 23, 1)                                                 # B24:B26
    assert (b.text, b.rowspan) == ("（六）其他处理", 3)
    assert _box(lay, 26, 1).text == "（七）总计" and _box(lay, 26, 1).colspan == 2    # B27:C27
    assert lay.n_rows == 28


def test_t2_other_processing_row_2019():
    lay = F19.table["t2"].layout
    b = _box(lay, 23, 1)                                                 # B24:C24
    assert (b.text, b.colspan) == ("（六）其他处理", 2)
    assert _box(lay, 23, 3).path == "t2.L6.C1"
    assert lay.n_rows == 26


@pytest.mark.parametrize("fmt", [F21, F19], ids=["2021", "2019"])
def test_t3_layout(fmt):
    lay = fmt.table["t3"].layout
    assert (lay.n_rows, lay.n_cols) == (4, 15)
    assert (_box(lay, 0, 0).text, _box(lay, 0, 0).colspan) == ("行政复议", 5)      # A1:E1
    assert (_box(lay, 0, 5).text, _box(lay, 0, 5).colspan) == ("行政诉讼", 10)     # F1:O1
    assert (_box(lay, 1, 5).text, _box(lay, 1, 5).colspan) == ("未经复议直接起诉", 5)
    assert (_box(lay, 1, 10).text, _box(lay, 1, 10).colspan) == ("复议后起诉", 5)
    fields = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [_box(lay, 1, c).text for c in range(5)] == fields and _box(lay, 1, 0).rowspan == 2
    assert [_box(lay, 2, c).text for c in range(5, 10)] == fields
    assert [_box(lay, 2, c).text for c in range(10, 15)] == fields
    assert [_box(lay, 3, c).path for c in (0, 4, 5, 9, 10, 14)] == [
        "t3.RV.M", "t3.RV.S", "t3.LD.M", "t3.LD.S", "t3.LR.M", "t3.LR.S"]


def test_section_headings():
    expected = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    for fmt in (F21, F19):
        assert [s.heading for s in fmt.sections] == expected
        assert [s.key for s in fmt.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]


def test_value_kinds():
    assert {p for p, c in F21.cell.items() if c.kind is not Kind.COUNT} == {"t1.fees.amount"}
    assert F21.cell["t1.fees.amount"].kind is Kind.MONEY
    special19 = {p: c.kind for p, c in F19.cell.items() if c.kind is not Kind.COUNT}
    assert special19 == {
        **{f"t1.{i}.change": Kind.SIGNED for i in ("licensing", "other_services", "penalty", "coercion", "fees")},
        "t1.procurement.amount": Kind.AMOUNT}


def test_t1_keys_match_keys_md():
    assert set(F21.table["t1"].cell) == {
        "t1.regulations.issued", "t1.regulations.repealed", "t1.regulations.in_force",
        "t1.normative.issued", "t1.normative.repealed", "t1.normative.in_force",
        "t1.licensing.decisions", "t1.penalty.decisions", "t1.coercion.decisions", "t1.fees.amount"}
    t1 = set(F19.table["t1"].cell)
    assert "t1.fees.decisions" not in t1 and "t1.procurement.items" in t1
    assert {p for p in t1 if p.startswith("t1.fees.")} == {"t1.fees.prev_items", "t1.fees.change"}


@pytest.mark.parametrize("year, fmt", [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021"),
                                       (2018, None)])
def test_format_for_year(year, fmt):
    got = format_for_year(year)
    assert (got.id if got else None) == fmt


def test_foreign_cells():
    f21 = foreign_cells("2021")
    assert "t2.L6.CT" in f21 and "t1.regulations.made" in f21
    assert "t2.L1.C1" not in f21 and "t1.licensing.decisions" not in f21   # shared by both formats
    f19 = foreign_cells("2019")
    assert {"t2.L6_1.C1", "t1.fees.amount", "t1.regulations.in_force"} <= set(f19)
