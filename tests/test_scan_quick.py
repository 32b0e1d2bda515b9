"""The quick range scan (io/limits.quick_scan) never lets through what the exact scan refuses,
never hides a formula or an error cell, and is what our own workbooks get."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_desktop.io import limits, xlsx_read, xlsx_write


def sheet_xml(cells: list[str], dimension: str = "", last_row: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    tail = f'<row r="{last_row}"/>' if last_row else ""
    return (f'<worksheet xmlns="x">{dim}<sheetData><row r="1">{"".join(cells)}</row>{tail}'
            "</sheetData></worksheet>").encode()


def workbook(xmls: list[bytes]) -> bytes:
    """A minimal package with these worksheet parts (enough for the scans)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        sheets = "".join(f'<sheet name="表{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(xmls) + 1))
        z.writestr("xl/workbook.xml", f'<workbook xmlns:r="r"><sheets>{sheets}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(xmls) + 1))
        z.writestr("xl/_rels/workbook.xml.rels", f"<Relationships>{rels}</Relationships>")
        for i, xml in enumerate(xmls, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buf.getvalue()


def outcome(data: bytes, quick: bool):
    """What the range check decides: the refusal's wording, or the formulas and errors found."""
    zf, parts = xlsx_read._check_zip(data, "x.xlsx")
    try:
        scans = limits.scan_xlsx(data, zf, parts if quick else None)
    except limits._Refused as e:
        return "refused", e.why
    return "read", [(s.name, s.formulas, s.errors, s.error_values) for s in scans]


ordinary = st.builds(lambda c, r: f"{c}{r}", st.sampled_from(["A", "C", "K", "AZ", "ZZ"]), st.integers(1, 3000))
far = st.sampled_from(["XFD1", "A1048576", "XFD1048576", "A70000", "Z50000", "XFE1", "A99999999", "IV65536"])
refs = st.one_of(ordinary, ordinary, ordinary, ordinary, far)
cell = st.builds(
    lambda ref, kind, quote, styled: (
        (f"<c r={quote}{ref}{quote}" if ref else "<c") + (' s="1"' if styled else "")
        + {"value": "><v>1</v></c>", "empty": "/>", "formula": "><f>A1*2</f><v>2</v></c>",
           "error": ' t="e"><v>#DIV/0!</v></c>', "prefixed": "/><x:c r=\"XFD1048576\"><x:v>1</x:v></x:c>"}[kind]),
    st.one_of(refs, refs, refs, refs, st.none()),       # now and then a cell without r=
    st.sampled_from(["value"] * 4 + ["empty", "empty", "formula", "error", "prefixed"]),
    st.sampled_from(['"'] * 5 + ["'"]), st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, max_size=6), min_size=1, max_size=3),
       st.sampled_from(["", "A1:B2", "A1:XFD1048576", "A1:IV65536"]),
       st.sampled_from(["", "", "", "70000", "2000000"]))
def test_quick_scan_decides_as_the_exact_scan(sheets, dimension, last_row):
    data = workbook([sheet_xml(cells, dimension, last_row) for cells in sheets])
    assert outcome(data, quick=True) == outcome(data, quick=False)


def test_bounds_that_add_up_too_far_are_measured_exactly():
    # styled empty cells far down in many sheets: a bound of 26 × 4000 each, no values there
    xml = sheet_xml(['<c r="A1"><v>1</v></c>', '<c r="Z4000" s="1"/>'])
    data = workbook([xml] * 12)
    assert outcome(data, quick=True) == outcome(data, quick=False) == ("read", [(f"表{i}", [], [], {})
                                                                               for i in range(1, 13)])


def test_own_workbooks_take_the_quick_scan(zhaohui):
    data = xlsx_write.encode(zhaohui)
    zf, parts = xlsx_read._check_zip(data, "x.xlsx")
    sheets = {part: xml for part, xml in parts.items() if part.startswith("xl/worksheets/")}
    assert sheets
    for part, xml in sheets.items():
        quick, exact = limits.quick_scan(xml, part), limits.scan_sheet(io.BytesIO(xml), part)
        assert quick is not None, part
        assert quick.rows >= exact.rows and quick.cols >= exact.cols and quick.cells >= exact.cells
        assert quick.declared == exact.declared


def test_the_review_sheet_is_neither_scanned_nor_loaded(zhaohui):
    data = xlsx_write.encode(zhaohui)
    names = [s.name for s in xlsx_read._checked(data, "x.xlsx")[1]]
    grids = [g.name for g in xlsx_read.grids_from_bytes(data, "x.xlsx")]
    assert "审核情况说明" in limits.sheet_parts(zipfile.ZipFile(io.BytesIO(data))).values()
    assert "审核情况说明" not in names and "审核情况说明" not in grids
    assert grids == names
