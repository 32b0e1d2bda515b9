"""The label reader works on any grid of cell texts (io/tables.py): a document presented as
paragraphs (one cell a row) and tables (merged cells blank or repeated) gives the same report as
the workbook, and says where it looked in the document's own words."""

from __future__ import annotations

import pytest

from govreport_desktop.core.values import format_value
from govreport_desktop.io import tables
from govreport_desktop.io.errors import NotAReportError


def table_rows(report, table, repeat_merged: bool) -> list[list]:
    """A table as a Word or HTML importer gives it: cell texts, a merged cell's text in its first
    cell and the covered cells blank (or repeating it, as python-docx does)."""
    layout = table.layout
    rows = [[None] * layout.n_cols for _ in range(layout.n_rows)]
    for box in layout.boxes:
        value = report.cells.get(box.path) if box.path else None
        text = ("" if value is None else format_value(value)) if box.path else box.text
        for r in range(box.row, box.last_row + 1):
            for c in range(box.col, box.last_col + 1):
                if repeat_merged or (r, c) == (box.row, box.col):
                    rows[r][c] = text
    return rows


def document_grids(report, repeat_merged=False, drop_table=None) -> list[tables.Grid]:
    """Title and parts as one paragraph per row; each table in a grid of its own, in order."""
    out, paras = [], [[report.title], [""]]
    for section in report.fmt.sections:
        paras.append([section.heading])
        paras += [[p] for p in report.sections[section.key].split("\n")]
        table = report.fmt.table_in(section.key)
        if table is not None and table.key != drop_table:
            out.append(tables.Grid(f"段落{len(out) + 1}", paras))
            out.append(tables.Grid(table.name, table_rows(report, table, repeat_merged)))
            paras = []
    out.append(tables.Grid("段落", paras))
    return out


@pytest.mark.parametrize("repeat_merged", [False, True])
@pytest.mark.parametrize("name", ["shuyang-county-2025", "shuyang-fagaiju-2023", "zhaohui-street-2021"])
def test_a_document_as_grids_gives_the_report(load_truth, name, repeat_merged):
    report = load_truth(name)
    loaded = tables.read_grids(document_grids(report, repeat_merged), "报告.docx", source="文档")
    got = loaded.report
    assert (got.format, got.year, got.title) == (report.format, report.year, report.title)
    if report.unit in report.title:          # the unit is taken from the title
        assert (got.unit, got.unit_kind) == (report.unit, report.unit_kind)
    assert got.sections == report.sections
    in_layout = {b.path for t in report.fmt.tables for b in t.layout.boxes if b.path}
    for path in in_layout:
        assert got.cells.get(path) == report.cells.get(path), path
    assert loaded.findings == [] or name == "zhaohui-street-2021"   # its 2019 row is not in the layout


def test_where_things_were_looked_for_is_said_in_the_documents_words(load_truth):
    report = load_truth("shuyang-county-2025")
    loaded = tables.read_grids(document_grids(report, drop_table="t3"), "报告.docx", source="文档")
    assert any(n.startswith("未在文档中找到表三") for n in loaded.notices)
    assert all(v is None for p, v in loaded.report.cells.items() if p.startswith("t3."))
    # a table missing some rows says where the table was: the grid's own name and kind
    rows = document_grids(report)
    t1 = next(g for g in rows if g.name == "表一")
    t1.rows = t1.rows[:-1]          # drop the last row: 行政事业性收费
    t1.kind = "第2页表格"
    loaded = tables.read_grids(rows, "报告.pdf", source="PDF 文件")
    assert any("在第2页表格“表一”第 1 行至第" in n and "未找到“行政事业性收费" in n for n in loaded.notices)


def test_text_that_is_no_report_is_refused():
    grids = [tables.Grid("段落", [["会议通知"], ["请各单位于周五前报送材料。"]])]
    with pytest.raises(NotAReportError, match="不像是政府信息公开工作年度报告"):
        tables.read_grids(grids, "通知.docx")


def test_a_layout_that_trips_the_reader_is_a_message_not_a_crash(monkeypatch):
    def broken(self):
        raise IndexError("row out of range")

    monkeypatch.setattr(tables.VisibleReader, "read", broken)
    with pytest.raises(NotAReportError, match="无法识别“奇怪.docx”中的年度报告内容（IndexError）"):
        tables.read_grids([tables.Grid("x", [["一、总体情况"]])], "奇怪.docx")
