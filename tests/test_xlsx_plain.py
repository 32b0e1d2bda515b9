"""The plain reader of our own workbooks (io/xlsx_plain.py) gives exactly calamine's grids, and
steps aside for anything it was not made for."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from govreport_desktop.io import jsondoc, xlsx_plain, xlsx_read, xlsx_write
from govreport_desktop.io.xlsx_read import UNREAD_SHEETS

from test_roundtrip_exact import KNOWN, reports
from zip_edit import repacked


def plain_and_calamine(data: bytes):
    kind, zf, parts = xlsx_read._container(data, "x.xlsx")
    plain = xlsx_plain.grids(zf, parts, UNREAD_SHEETS)
    shape = lambda grids: [(g.name, g.hidden, g.kind, g.rows) for g in grids]
    return (None if plain is None else shape(plain)), shape(xlsx_read.grids_calamine(data))


@pytest.mark.parametrize("name", ["zhaohui-street-2021", "shuyang-county-2025", "shuyang-fagaiju-2023"])
def test_every_fixture_reads_as_calamine_reads_it(name, load_truth):
    report = load_truth(name)
    report.previous = jsondoc.loads(jsondoc.dumps(report), "上年")    # the hidden last-year sheet too
    plain, calamine = plain_and_calamine(xlsx_write.encode(report))
    assert plain is not None, "our own workbook must take the plain reader"
    assert plain == calamine


@pytest.mark.parametrize("case", sorted(KNOWN))
def test_the_known_hard_reports_read_as_calamine_reads_them(case):
    plain, calamine = plain_and_calamine(xlsx_write.encode(KNOWN[case]))
    assert plain in (None, calamine)


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_hostile_reports_read_as_calamine_reads_them(format_id):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(reports(format_id))
    def run(report):
        plain, calamine = plain_and_calamine(xlsx_write.encode(report))
        assert plain in (None, calamine)

    run()


def _resaved(data: bytes, change) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_workbook_edited_elsewhere_reads_as_calamine_reads_it(zhaohui):
    def edit(wb):
        ws = wb.worksheets[2]
        ws["D6"] = 7
        ws["B40"] = "  前后有空格的说明  "
        ws["C41"] = "第一行\n第二行\t制表"
        ws["E42"] = 1.5e-9
    plain, calamine = plain_and_calamine(_resaved(xlsx_write.encode(zhaohui), edit))
    assert plain in (None, calamine)


@pytest.mark.parametrize("change, why", [
    (lambda ws: ws.cell(1, 1).__setattr__("value", "=1+1"), "a formula"),
    (lambda ws: ws.cell(2, 2).__setattr__("number_format", "yyyy-mm-dd"), "a date format"),
    (lambda ws: ws.cell(70_000, 1).__setattr__("value", 1), "a sheet beyond the row limit"),
])
def test_what_it_was_not_made_for_goes_the_normal_way(zhaohui, change, why):
    data = _resaved(xlsx_write.encode(zhaohui), lambda wb: change(wb.worksheets[0]))
    kind, zf, parts = xlsx_read._container(data, "x.xlsx")
    assert xlsx_plain.grids(zf, parts, UNREAD_SHEETS) is None, why


def test_shared_strings_go_the_normal_way(zhaohui):
    table = lambda body: re.sub(rb'<c r="A1"([^>]*) t="inlineStr"><is><t>[^<]*</t></is></c>',   # A1 from a table
                                rb'<c r="A1"\1 t="s"><v>0</v></c>', body)
    data = repacked(xlsx_write.encode(zhaohui), {"xl/worksheets/sheet1.xml": table},
                    added={"xl/sharedStrings.xml": '<sst xmlns="x" count="1" uniqueCount="1"><si><t>标题</t></si></sst>'})
    kind, zf, parts = xlsx_read._container(data, "x.xlsx")
    assert b't="s"' in parts["xl/worksheets/sheet1.xml"]
    assert xlsx_plain.grids(zf, parts, UNREAD_SHEETS) is None


@pytest.mark.parametrize("cell", ['<x:c r="Z9"><x:v>5</x:v></x:c>', '<c r="Z9" t="e"><v>#N/A</v></c>',
                                  '<c r="Z9"><f>1+1</f><v>2</v></c>', '<c r="Z9" t="inlineStr"><is><t>a_x000D_b</t></is></c>'])
def test_a_cell_of_another_shape_goes_the_normal_way(zhaohui, cell):
    add_cell = lambda body: body.replace(b"</row>", cell.encode() + b"</row>", 1)
    data = repacked(xlsx_write.encode(zhaohui), {"xl/worksheets/sheet1.xml": add_cell})
    kind, zf, parts = xlsx_read._container(data, "x.xlsx")
    assert xlsx_plain.grids(zf, parts, UNREAD_SHEETS) is None


def test_a_package_whose_main_part_is_elsewhere_goes_the_normal_way(zhaohui):
    data = xlsx_write.encode(zhaohui)
    book = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    data = repacked(data, {"_rels/.rels": lambda body: body.replace(b"xl/workbook.xml", b"xl/book.xml")},
                    renames={"xl/workbook.xml": "xl/book.xml"},
                    added={"xl/workbook.xml": book})                   # a decoy the package does not use
    kind, zf, parts = xlsx_read._container(data, "x.xlsx")
    assert xlsx_plain.grids(zf, parts, UNREAD_SHEETS) is None
