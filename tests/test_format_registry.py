"""Formats are pluggable: a format derived from 2021 is one registration away from working
everywhere (rules, grid, workbook, JSON), and nothing outside core/formats/ names a format id."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from govreport_desktop.core import formats
from govreport_desktop.core.formats import ANY_CELL, FORMATS, common, f2021, foreign_cells
from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import RULES, check
from govreport_desktop.core.rules.engine import applicable
from govreport_desktop.core.totals import auto_totals, fill_blanks
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.errors import UnknownKeyError

PACKAGE = Path(__file__).resolve().parents[1] / "govreport_desktop"
NEW_ROW = ("L5_6", "6.其他不予处理情形", "测试用的新增一行")


def derived_format():
    """The 2021 format with one more row in 表二 （五）不予处理, for the years 2030 on: built
    with the same builders as the real formats, as a new format module would be."""
    g5 = dataclasses.replace(common.G5, leaves=common.G5.leaves + (NEW_ROW,))
    return dataclasses.replace(
        f2021.FORMAT, id="2030", name="2030年格式（测试）", short_name="2030年格式", years=range(2030, 10000),
        **common.official_tables(f2021.FORMAT.table["t1"], (common.G3, common.G4, g5, common.G6_2021)))


@pytest.fixture
def f2030():
    fmt = derived_format()
    formats.register(fmt)
    try:
        yield fmt
    finally:
        formats.unregister(fmt.id)


def balanced_2030(year=2030) -> Report:
    rep = Report.new(year, "某街道办事处", "township")
    rep.title = f"某街道办事处{year}年政府信息公开工作年度报告"
    rep.cells.update(fill_blanks(rep))
    for path, n in (("t2.R1.C1", 3), ("t2.L1.C1", 1), ("t2.L5_6.C1", 2)):
        rep.cells[path] = n
    rep.cells.update(auto_totals(rep))
    return rep


def test_a_derived_format_runs_the_same_rules(f2030):
    assert {r.id for r in applicable("2030")} == {r.id for r in applicable("2021")}
    assert all("2030" in r.formats for r in RULES.values() if "2021" in r.formats)


def test_a_derived_format_is_the_one_of_its_years_and_its_new_row_counts(f2030):
    rep = balanced_2030()
    assert rep.format == "2030" and len(rep.fmt.t2_leaves) == 22
    assert [p.id for p in check(rep) if p.rule in ("M01", "M02", "M03", "L01", "S01", "S05")] == []
    rep.cells["t2.L5_6.C1"] = 3                     # the new row now breaks its column and row
    ids = {p.id for p in check(rep)}
    assert {"M02@t2.C1", "M03@t2.L5_6"} <= ids
    m02 = next(p for p in check(rep) if p.id == "M02@t2.C1")
    assert "t2.L5_6.C1" in m02.cells and "不予处理 3" in m02.message
    # a report of 2030 in the 2021 format is in the wrong format for its year
    old = Report.new(2030, "某街道办事处", format_id="2021")
    assert "应使用2030年格式（测试）" in next(p for p in check(old) if p.rule == "S01").message


def test_the_grid_shows_a_derived_format(f2030, qtmodeltester, qapp):
    from govreport_desktop.ui.document import Document
    from govreport_desktop.ui.table_model import ReportTableModel

    model = ReportTableModel(Document(balanced_2030()), "t2")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == f2021.FORMAT.table["t2"].layout.n_rows + 1
    index = model.index_of("t2.L5_6.C1")
    assert index.isValid() and model.data(index) == "2"
    label = model.index(index.row(), 2)
    assert model.data(label) == NEW_ROW[1]


def test_a_derived_format_saves_and_opens(f2030, tmp_path):
    rep = balanced_2030()
    rep.notes["t2.L5_6.C1"] = "新增一行"
    again = jsondoc.loads(jsondoc.dumps(rep))
    assert again == rep
    files.save_report(rep, tmp_path / "r.json")
    assert files.open_report(tmp_path / "r.json").report == rep
    files.save_report(rep, tmp_path / "r.xlsx")
    loaded = files.open_report(tmp_path / "r.xlsx")
    assert loaded.report == rep
    assert loaded.notices == []


def test_unregistering_restores_what_is_derived_from_the_registry():
    before = (set(ANY_CELL), dict(foreign_cells("2021")), formats.latest().id, applicable("2021"))
    formats.register(derived_format())
    try:
        assert "t2.L5_6.C1" in ANY_CELL and "t2.L5_6.C1" in foreign_cells("2021")
        assert formats.latest().id == "2030"
        with pytest.raises(ValueError):
            formats.register(derived_format())      # one format per id
    finally:
        formats.unregister("2030")
    assert (set(ANY_CELL), dict(foreign_cells("2021")), formats.latest().id, applicable("2021")) == before
    doc = jsondoc.dumps(Report.new(2025)).replace('"L5_5"', '"L5_6"', 1)
    with pytest.raises(UnknownKeyError):
        jsondoc.loads(doc)


def test_importers_find_each_table_by_its_anchor_labels():
    for fmt in FORMATS.values():
        for table in fmt.tables:
            assert table.anchors, table.key
            assert [b.text for b in table.anchor_boxes] == list(table.anchors)
            assert formats.anchors(table.key)[0] == table.anchors[0]
    assert formats.anchors("t2") == ("一、本年新收政府信息公开申请数量", common.T2_NOTE)


NOT_YET: set[str] = set()  # files allowed to name a format id (none)


def test_no_format_id_outside_the_format_modules():
    ids = "|".join(re.escape(i) for i in FORMATS)
    literal = re.compile(rf"""(["'])(?:{ids})\1""")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("core/formats/") or rel in NOT_YET:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if literal.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []
