"""Formulas and error values in other units' workbooks: each cell they fill gets a V03 finding
that names the sheet cell, instead of its cached value being taken silently (point 3 of the
reliability issue). Error values are read as blank; a formula without a saved result too."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from govreport_desktop.io import files, limits, xlsx_write
from govreport_desktop.io.marks import META_SHEET


def _foreign(report) -> bytes:
    """Our workbook without its hidden sheet: read by its labels, like another unit's."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(report)))
    del wb[META_SHEET]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _where(data: bytes, report, path: str) -> tuple[str, str]:
    """(sheet name, A1 reference) of a data cell in the workbook."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    table = report.fmt.table_of(path)
    ws = wb[report.fmt.section_of(table.key).heading]
    r, c = table.layout.position[path]
    first = table.layout.boxes[0].text
    top = next(cell for row in ws.iter_rows() for cell in row if cell.value == first)
    return ws.title, f"{openpyxl.utils.get_column_letter(top.column + c)}{top.row + r}"


def _patch(data: bytes, sheet: str, cells: dict[str, bytes]) -> bytes:
    """Replace whole <c> elements of one sheet by the XML given per reference."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    part = next(p for p, n in limits.sheet_parts(zin).items() if n == sheet)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == part:
                for ref, xml in cells.items():
                    body, n = re.subn(rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref.encode(), xml, body, count=1)
                    assert n == 1, ref
            z.writestr(info, body)
    return out.getvalue()


@pytest.fixture
def workbook(zhaohui, tmp_path):
    data = _foreign(zhaohui)
    sheet, e7 = _where(data, zhaohui, "t2.R1.C1")          # 本年新收·自然人
    _s, total = _where(data, zhaohui, "t2.R1.CT")
    _s, legal = _where(data, zhaohui, "t2.R1.C3")
    _s, other = _where(data, zhaohui, "t2.R1.C6")
    data = _patch(data, sheet, {
        e7: b'<c r="%s"><f>SUM(1,11)</f><v>12</v></c>' % e7.encode(),
        total: b'<c r="%s" t="e"><f>A1/0</f><v>#DIV/0!</v></c>' % total.encode(),
        legal: b'<c r="%s" t="e"><v>#N/A</v></c>' % legal.encode(),
        other: b'<c r="%s"><f>B2*2</f></c>' % other.encode(),
    })
    path = tmp_path / "他人的报告.xlsx"
    path.write_bytes(data)
    return path, sheet, {"C1": e7, "CT": total, "C3": legal, "C6": other}


def test_formula_and_error_cells_give_findings_naming_the_cell(workbook):
    path, sheet, refs = workbook
    loaded = files.open_report(path)
    cells = loaded.report.cells
    assert cells["t2.R1.C1"] == 12                       # the saved result, to be checked
    assert cells["t2.R1.CT"] is None and cells["t2.R1.C3"] is None and cells["t2.R1.C6"] is None
    found = {p.cells[0]: p for p in loaded.findings if p.rule == "V03"}
    assert set(found) >= {"t2.R1.C1", "t2.R1.CT", "t2.R1.C3", "t2.R1.C6"}
    where = f"工作表“{sheet}”单元格"
    assert found["t2.R1.C1"].message == (f"表二 本年新收·自然人（{where} {refs['C1']}）为公式，"
                                         "已取其计算结果 12，请核对")
    assert f"{where} {refs['CT']}）为错误值 #DIV/0!，按空白读入" in found["t2.R1.CT"].message
    assert f"{where} {refs['C3']}）为错误值 #N/A，按空白读入" in found["t2.R1.C3"].message
    assert "为公式，但文件中没有保存计算结果，按空白读入" in found["t2.R1.C6"].message
    assert loaded.report.notes["t2.R1.CT"] == "#DIV/0!"   # what the cell showed, kept
    assert "t2.R1.C1" not in loaded.report.notes
    assert any("公式或错误值" in n and "4 个" in n for n in loaded.notices)


def test_the_same_findings_through_the_reader_process_and_openpyxl(workbook):
    from govreport_desktop.io import sandbox, xlsx_read

    path, _sheet, _refs = workbook
    here = files.open_report(path)
    there = sandbox.load(path)
    assert [p.message for p in there.findings] == [p.message for p in here.findings]
    other = xlsx_read.read(path, backend="openpyxl")
    assert {p.id for p in other.findings if p.rule == "V03"} == {p.id for p in here.findings if p.rule == "V03"}


def test_a_formula_in_our_own_workbook_changed_in_excel_is_reported(zhaohui, tmp_path):
    data = xlsx_write.encode(zhaohui)
    sheet, ref = _where(data, zhaohui, "t2.R1.C1")
    data = _patch(data, sheet, {ref: b'<c r="%s"><f>SUM(1,6)</f><v>7</v></c>' % ref.encode()})
    path = tmp_path / "改过.xlsx"
    path.write_bytes(data)
    loaded = files.open_report(path)
    assert loaded.report.cells["t2.R1.C1"] == 7
    assert [p.id for p in loaded.findings] == ["V03@t2.R1.C1"] and "为公式" in loaded.findings[0].message
