"""The written workbook follows the schema's official layout: merges, labels, borders on every
cell (merged ones too), 宋体, print set-up, frozen panes, validation and 勾稽关系 formats."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.report import Report
from govreport_desktop.io import xlsx_write


def workbook(report: Report):
    return openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(report)))


def table_origin(ws, table) -> int:
    """Row where the table's first box sits (the writer puts tables in column A)."""
    first = next(b for b in table.layout.boxes if b.row == 0 and b.col == 0)
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if first.text and cell.value == first.text:
            return cell.row
    raise AssertionError(f"{table.name} not found")


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_tables_follow_the_schema_layout(format_id):
    fmt = FORMATS[format_id]
    report = Report.new(2024 if format_id == "2021" else 2020, "某街道办事处", "township", format_id)
    for i, p in enumerate(fmt.cell_paths):
        report.cells[p] = i
    wb = workbook(report)
    for table in fmt.tables:
        ws = wb[fmt.section_of(table.key).heading]
        top = table_origin(ws, table)
        merges = {str(m) for m in ws.merged_cells.ranges}
        for box in table.layout.boxes:
            r, c = top + box.row, 1 + box.col
            cell = ws.cell(row=r, column=c)
            if box.role == "data":
                assert cell.value == report.cells[box.path]
            elif box.text:
                assert cell.value == box.text
            if box.rowspan > 1 or box.colspan > 1:
                ref = f"{get_column_letter(c)}{r}:{get_column_letter(box.last_col + 1)}{top + box.last_row}"
                assert ref in merges, (table.name, box.text, ref)
            # The whole outline of a merged range is drawn, not just its top-left cell.
            last_r, last_c = top + box.last_row, box.last_col + 1
            for rr in range(r, last_r + 1):
                for cc in range(c, last_c + 1):
                    b = ws.cell(row=rr, column=cc).border
                    edges = [(cc == c, b.left), (cc == last_c, b.right), (rr == r, b.top), (rr == last_r, b.bottom)]
                    assert all(side.style == "thin" for on_edge, side in edges if on_edge), (table.name, rr, cc)
            assert cell.font.name == "宋体"
        for j, w in enumerate(table.layout.col_widths):
            assert ws.column_dimensions[get_column_letter(j + 1)].width == w
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.freeze_panes
        if table.layout.header_rows:
            assert ws.print_title_rows == f"${top}:${top + table.layout.header_rows - 1}"


def test_validation_on_every_input_cell():
    report = Report.new(2020, "某局", "department", "2019")
    wb = workbook(report)
    t1 = FORMATS["2019"].table["t1"]
    ws = wb[FORMATS["2019"].section_of("t1").heading]
    top = table_origin(ws, t1)
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:              # ranges may span many cells
            for row, col in rng.cells:
                rules[f"{get_column_letter(col)}{row}"] = (dv.type, dv.operator, dv.formula1)
    for box in t1.layout.boxes:
        if box.role == "data":
            ref = f"{get_column_letter(box.col + 1)}{top + box.row}"
            kind = FORMATS["2019"].cell[box.path].kind.value
            expected = {"count": ("whole", "greaterThanOrEqual", "0"), "signed": ("whole", "between", "-2147483647"),
                        "amount": ("decimal", "greaterThanOrEqual", "0")}[kind]
            assert rules[ref] == expected, box.path


def test_reconciliation_formats_cover_every_total():
    fmt = FORMATS["2021"]
    wb = workbook(Report.new(2024, "某局", "department"))
    t2 = fmt.table["t2"]
    ws = wb[FORMATS["2021"].section_of("t2").heading]
    top = table_origin(ws, t2)

    def ref(path):
        r, c = t2.layout.position[path]
        return f"{get_column_letter(c + 1)}{top + r}"

    formats = [(set(str(cf.sqref).split()), cf.rules[0].formula[0]) for cf in ws.conditional_formatting]
    assert len(formats) == 3
    m03, m02, m01 = formats
    assert m03[0] == {ref(f"t2.{r.key}.CT") for r in t2.rows}
    assert m02[0] == {ref(f"t2.R3.{c.key}") for c in t2.cols}
    assert m01[0] == {ref(f"t2.{r}.{c.key}") for r in ("R1", "R2", "R3", "R4") for c in t2.cols}
    r1, r2, r3, r4 = (ref(f"t2.{r}.C1") for r in ("R1", "R2", "R3", "R4"))
    col, rows = r1[0], [x[1:] for x in (r1, r2, r3, r4)]
    assert m01[1] == (f"AND(COUNT({','.join(f'{col}${n}' for n in rows)})>0,"
                      f"SUM({col}${rows[0]},{col}${rows[1]})<>SUM({col}${rows[2]},{col}${rows[3]}))")
    t3 = fmt.table["t3"]
    ws3 = wb[fmt.section_of("t3").heading]
    (cf,) = list(ws3.conditional_formatting)
    assert len(str(cf.sqref).split()) == 3


def test_text_sheets_and_notes():
    report = Report.new(2024, "某街道办事处", "township")
    report.title = "某街道办事处2024年政府信息公开工作年度报告"
    report.sections["s6"] = "本年度未收取信息处理费。\n无其他事项。"
    report.notes["t2.R1.CT"] = "含电话申请 1 件"
    wb = workbook(report)
    ws = wb["一、总体情况"]
    assert ws["A1"].value == report.title and ws["A1"].font.name == "宋体"
    ws6 = wb["六、其他需要报告的事项"]
    assert [ws6["A2"].value, ws6["A3"].value] == ["本年度未收取信息处理费。", "无其他事项。"]
    t2 = FORMATS["2021"].table["t2"]
    ws2 = wb[FORMATS["2021"].section_of("t2").heading]
    top = table_origin(ws2, t2)
    r, c = t2.layout.position["t2.R1.CT"]
    assert ws2.cell(row=top + r, column=c + 1).comment.text == "含电话申请 1 件"
    notes = wb[xlsx_write.NOTES_SHEET]
    assert any(row[2].value == "含电话申请 1 件" for row in notes.iter_rows(min_row=3))
