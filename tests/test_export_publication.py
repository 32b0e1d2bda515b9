"""The layout shared by the Word, PDF and web exports: title lines, headings, line breaking,
table grids and 注 (io/export/publication.py, typeset.py)."""

from decimal import Decimal

import pytest

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.report import Report
from govreport_desktop.io.export import publication as P
from govreport_desktop.io.export.typeset import (FACES, NO_LINE_END, NO_LINE_START, TABLE_PAD_PT, TEXT_WIDTH_PT,
                                                 break_lines, char_em, em_width, lines_needed, split_heading,
                                                 title_lines)

TITLES = [
    "沭阳县人民政府2025年政府信息公开工作年度报告",
    "沭阳县发展和改革局2023年政府信息公开年度报告",
    "2021年拱墅区朝晖街道政府信息公开年度工作报告",
    "某某省人民政府办公厅关于2025年度政府信息公开工作情况的报告",
    "某某自治区某某市某某区某某街道办事处2025年政府信息公开工作年度报告",
]


@pytest.mark.parametrize("title", TITLES)
def test_title_lines_are_balanced_and_never_leave_a_character_alone(title):
    lines = title_lines(title)
    assert "".join(lines) == title
    max_em = TEXT_WIDTH_PT / FACES["title"].size
    assert all(em_width(line) <= max_em for line in lines)
    assert all(len(line) >= 2 for line in lines)
    if len(lines) > 1:
        widths = [em_width(line) for line in lines]
        assert max(widths) - min(widths) <= 6          # 排列对称，长短适宜
        assert not any(line[-1].isdigit() and nxt[0] in "年0123456789" for line, nxt in zip(lines, lines[1:]))


def test_county_title_breaks_before_the_name_of_the_report():
    assert title_lines(TITLES[0]) == ["沭阳县人民政府2025年", "政府信息公开工作年度报告"]
    assert title_lines("短标题") == ["短标题"]


@pytest.mark.parametrize("text,level,head", [
    ("（一）系统化推进主动公开。", "h2", "（一）系统化推进主动公开。"),
    ("（三）精细化建设公开平台。我县坚持把平台建设作为政务公开的重要载体。", "h2", "（三）精细化建设公开平台。"),
    ("（二）依申请公开情况：全年依申请公开1条。", "h2", "（二）依申请公开情况："),
    ("一、总体情况", "h1", "一、总体情况"),
    ("一是拓宽主动公开渠道。", "body", ""),
    ("（一）" + "很长的一句话没有句号" * 6, "body", ""),
])
def test_headings_in_section_texts(text, level, head):
    got_level, got_head, rest = split_heading(text)
    assert (got_level, got_head) == (level, head)
    assert got_head + rest == text


def test_line_breaking_keeps_punctuation_and_numbers_with_their_neighbours():
    text = "全年通过县政府门户网站主动公开政府信息4511条，开展意见征集9期。收费4068.208万元（含“三首两新”）。" * 3
    widths = [char_em(ch) for ch in text]
    for width in (9.0, 10.5, 13.0, 17.0):
        lines = break_lines(text, widths, width - 2, width)
        assert "".join(text[a:b] for a, b in lines) == text
        for n, (a, b) in enumerate(lines):
            assert sum(widths[a:b]) <= (width - 2 if n == 0 else width) + 1e-6
            assert text[a] not in NO_LINE_START and text[b - 1] not in NO_LINE_END
        breaks = {b for _a, b in lines}
        for number in ("4511", "4068.208"):
            start = text.find(number)
            while start != -1:
                assert not any(start < b < start + len(number) for b in breaks), number
                start = text.find(number, start + 1)


def test_line_breaking_drops_spaces_at_a_break_and_cuts_an_overlong_word():
    text = "abc " + "x" * 30
    lines = break_lines(text, [0.5] * len(text), 5, 5)
    assert all(text[a] != " " and text[b - 1] != " " for a, b in lines)
    assert all(sum([0.5] * (b - a)) <= 5 for a, b in lines)


def test_every_label_of_table_two_fits_three_lines(load_truth):
    report = load_truth("shuyang-county-2025")
    for fmt in FORMATS.values():
        grid = P.grid(Report.new(2025 if fmt.id == "2021" else 2020, format_id=fmt.id), fmt.table["t2"])
        assert sum(grid.widths) == pytest.approx(TEXT_WIDTH_PT)
        size = FACES["table"].size
        for cell in grid.cells:
            if cell.role != "data":
                inner = (grid.cell_width(cell) - 2 * TABLE_PAD_PT[1]) / size
                assert lines_needed(cell.text, inner) <= 3, cell.text
    assert P.grid(report, report.fmt.table["t2"]).n_rows == 28


def test_grid_follows_the_official_layout_and_shows_blank_as_empty(load_truth):
    report = load_truth("shuyang-county-2025")
    report.cells["t2.L1.C2"] = None
    for table in report.fmt.tables:
        grid = P.grid(report, table)
        boxes = {(b.row, b.col): b for b in table.layout.boxes}
        assert {(c.row, c.col) for c in grid.cells} == set(boxes)
        for c in grid.cells:
            b = boxes[(c.row, c.col)]
            assert (c.rowspan, c.colspan, c.path) == (b.rowspan, b.colspan, b.path)
    t2 = P.grid(report, report.fmt.table["t2"])
    assert next(c for c in t2.cells if c.path == "t2.L1.C2").text == ""
    assert next(c for c in t2.cells if c.path == "t2.R1.C1").text == "705"
    t1 = P.grid(report, report.fmt.table["t1"])
    assert next(c for c in t1.cells if c.path == "t1.fees.amount").text == "4068.208"
    assert t1.keep == ((0, t1.n_rows - 1),)                 # 表一 stays on one page
    assert (t2.keep[0][1] - t2.keep[0][0]) == 7             # （三）不予公开's eight rows together


def test_notes_become_a_zhu_under_their_table_and_units_join_the_header():
    report = Report.new(2020, "某街道办事处", format_id="2019")
    report.cells["t1.procurement.amount"] = Decimal("251000")
    report.t1_units["procurement.amount"] = "元"
    report.notes["t1.normative.made"] = "其中修订16件"
    report.notes["t2.R1.C1"] = "含电话申请2件。"
    pub = P.build(report)
    notes = [b.text for b in pub.blocks if isinstance(b, P.Para) and b.kind == "note"]
    assert notes == ["注：规范性文件·本年新制作数量：其中修订16件。", "注：一、本年新收政府信息公开申请数量·自然人：含电话申请2件。"]
    t1 = next(b for b in pub.blocks if isinstance(b, P.Grid) and b.key == "t1")
    assert "采购总金额（单位：元）" in [c.text for c in t1.cells]
    assert "251000" in [c.text for c in t1.cells]


def test_explanations_and_control_characters_stay_out_of_the_publication(load_truth):
    report = load_truth("shuyang-county-2025")
    report.explanations["S09@s1"] = "本单位已在其他栏目说明考核情况"
    report.sections["s5"] += "\x07"
    pub = P.build(report)
    text = "".join(b.text for b in pub.blocks if not isinstance(b, P.Grid))
    assert "本单位已在其他栏目说明" not in text and "\x07" not in text
    assert any("控制字符" in n for n in pub.notices)
