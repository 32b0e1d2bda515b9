"""The relations and equivalences declared in the formats, and what uses them: the rules, 自动合计,
the workbook's red shading, 空白填 0 and the explicit 2019 ↔ 2021 conversion, as a user would
see them. The agreement tests iterate every relation of both formats, so a relation added to a
format is checked by all of its users at once."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from govreport_desktop.core.formats import FORMATS, equivalences, foreign_cells
from govreport_desktop.core.migrate import RECLASSIFY, migrate
from govreport_desktop.core.report import Report
from govreport_desktop.core.rules import check
from govreport_desktop.core.totals import auto_totals, fill_blanks, subtotals
from govreport_desktop.io import xlsx_write

ARITHMETIC = {"M01", "M02", "M03", "L01"}


def arithmetic_ids(report):
    return {p.id for p in check(report) if p.rule in ARITHMETIC}


def balanced(fmt) -> Report:
    """A report on which every relation holds, with non-zero parts that differ from each other."""
    rep = Report.new(fmt.years.start, "某街道办事处", format_id=fmt.id)
    totals = {r.total for r in fmt.relations if r.total}
    inputs = [p for p in fmt.cell_paths if p.startswith(("t2.", "t3.")) and p not in totals]
    for i, p in enumerate(inputs):
        rep.cells[p] = i % 4 + 1
    rep.cells.update(auto_totals(rep))
    for rel in fmt.relations:      # M01: 本年新收 is what balances the column
        if rel.total is None and rel.left[0] not in totals:
            rep.cells[rel.left[0]] = sum(rep.cells[p] for p in rel.right) - sum(rep.cells[p] for p in rel.left[1:])
    rep.cells.update(auto_totals(rep))
    assert arithmetic_ids(rep) == set()
    return rep


@pytest.fixture(params=["2021", "2019"])
def fmt(request):
    return FORMATS[request.param]


def test_the_arithmetic_rules_are_the_relations_rules(fmt):
    assert {r.rule for r in fmt.relations} == ARITHMETIC
    assert len({(r.rule, r.place) for r in fmt.relations}) == len(fmt.relations)


def test_rules_and_auto_totals_agree_on_every_relation(fmt):
    """Breaking one cell makes exactly the relations that contain it fail, each problem listing
    exactly its relation's cells and sums; 自动合计 then repairs a broken total."""
    rep = balanced(fmt)
    totals = {r.total for r in fmt.relations if r.total}
    for rel in fmt.relations:
        cell = rel.total or rel.right[-1]          # M01 has no total: break 结转下年度
        broken = rep.copy()
        broken.cells[cell] += 1
        problems = {p.id: p for p in check(broken) if p.rule in ARITHMETIC}
        assert set(problems) == {f"{r.rule}@{r.place}" for r in fmt.relations if cell in r.cells}, rel
        p = problems[f"{rel.rule}@{rel.place}"]
        assert p.cells == rel.cells
        assert (p.left, p.right) == (sum(broken.cells[x] for x in rel.left), sum(broken.cells[x] for x in rel.right))
        changes = auto_totals(broken)
        assert set(changes) <= totals, rel         # 自动合计 writes totals only, never a typed part
        if cell in totals:
            broken.cells.update(changes)
            assert arithmetic_ids(broken) == set(), rel
            assert broken.cells[cell] == rep.cells[cell]


_REF = re.compile(r"(\$?)([A-Z]+)(\$?)(\d+)")
_FORMULA = re.compile(r"AND\(COUNT\(([^)]*)\)>0,SUM\(([^)]*)\)<>SUM\(([^)]*)\)\)")


def _origin(ws, table) -> int:
    """The sheet row of the table's first layout row (the writer puts tables in column A)."""
    first = next(b for b in table.layout.boxes if b.row == 0 and b.col == 0)
    return next(row[0].row for row in ws.iter_rows(min_col=1, max_col=1) if row[0].value == first.text)


def _formats(ws):
    """(cells (row, col) it colours, its top-left cell, formula) of each conditional format."""
    out = []
    for cf in ws.conditional_formatting:
        cells = {rc for rng in cf.sqref.ranges for rc in rng.cells}      # (row, col)
        anchor = (min(r for r, _c in cells), min(c for _r, c in cells))
        for rule in cf.rules:
            out.append((cells, anchor, rule.formula[0]))
    return out


def _reading(formula: str, anchor, at, path_at) -> tuple[set, set, set]:
    """The cell paths a formula refers to when Excel evaluates it for cell `at`: relative
    references move with the cell, $-fixed ones do not. (COUNT cells, SUM parts, SUM totals)."""
    dr, dc = at[0] - anchor[0], at[1] - anchor[1]

    def paths(refs: str) -> set:
        out = set()
        for col_abs, col, row_abs, row in _REF.findall(refs):
            r = int(row) + (0 if row_abs else dr)
            c = column_index_from_string(col) + (0 if col_abs else dc)
            out.add(path_at[(r, c)])
        return out

    count, parts, totals = _FORMULA.fullmatch(formula).groups()
    return paths(count), paths(parts), paths(totals)


def test_workbook_reddens_every_relation_with_exactly_its_cells(fmt):
    """Each relation's targets have a conditional format whose formula, evaluated at that cell,
    refers to exactly the relation's cells; and every conditional format is one of them."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(balanced(fmt))))
    for table in fmt.tables:
        ws = wb[fmt.section_of(table.key).heading]
        formats = _formats(ws)
        relations = fmt.relations_of(table.key)
        if not relations:
            assert formats == []
            continue
        top = _origin(ws, table)
        path_at = {(top + r, c + 1): p for p, (r, c) in table.layout.position.items()}
        pos = {p: rc for rc, p in path_at.items()}
        wanted = {}
        for rel in relations:
            for target in rel.targets:
                wanted.setdefault(pos[target], []).append((set(rel.cells), set(rel.left), set(rel.right)))
        for at, readings in wanted.items():
            found = [_reading(f, anchor, at, path_at) for cells, anchor, f in formats if at in cells]
            assert all(r in found for r in readings), (table.key, path_at[at])
        for cells, anchor, f in formats:
            for at in cells:
                assert _reading(f, anchor, at, path_at) in wanted[at], (table.key, path_at[at])


def test_every_equivalence_converts_both_ways_keeping_its_sum():
    for fmt in FORMATS.values():
        for own, other, eq in equivalences(fmt.id):
            source = foreign_cells(fmt.id)[other.cells[0]]
            rep = Report.new(source.years.start, format_id=source.id)
            rep.cells.update(fill_blanks(rep))
            for i, p in enumerate(other.cells):
                rep.cells[p] = i + 2
            rep.notes[other.cells[0]] = "原表注明"
            out = migrate(rep, fmt.id)
            assert sum(out.cells.get(p) or 0 for p in own.cells) == sum(range(2, 2 + len(other.cells))), eq
            assert out.cells[own.receiver] is not None
            assert "原表注明" in out.notes[own.receiver]         # nothing typed is lost
            assert not own.note or own.note in out.notes[own.receiver]


def test_s01_names_the_other_formats_rows_by_their_shape():
    # a 2020 report in the 2019 format typed with the 2021 （六） rows (format-2019.md §7 C)
    rep = Report.new(2020, "某街道办事处", format_id="2019")
    rep.cells.update({"t2.L6_1.C1": 1, "t2.L6_3.C1": 2})
    (p,) = [p for p in check(rep) if p.rule == "S01"]
    assert p.message == ("报告年度为2020年，应使用2019年格式（国办公开办函〔2019〕60号），"
                         "但表二“（六）其他处理”分为三行（2021年格式）")
    assert {"t2.L6_1.C1", "t2.L6_3.C1"} <= set(p.cells)


def test_auto_totals_fixes_every_sum_and_leaves_blank_rows_blank():
    r = Report.new(2025, "某街道")
    r.cells.update({"t2.R1.C1": 3, "t2.R1.C2": 1, "t2.L1.C1": 2, "t2.L3_4.C2": 1,
                    "t2.R4.C1": 1, "t3.LD.M": 2, "t3.LD.P": 1})
    assert arithmetic_ids(r)  # totals missing → failing relations
    changes = auto_totals(r)
    assert changes == {"t2.R1.CT": 4, "t2.L1.CT": 2, "t2.L3_4.CT": 1, "t2.R4.CT": 1,
                       "t2.R3.C1": 2, "t2.R3.C2": 1, "t2.R3.CT": 3, "t3.LD.S": 3}
    r.cells.update(changes)
    assert arithmetic_ids(r) == set()
    assert r.cells["t2.R2.CT"] is None  # nothing to add up: stays blank, not 0
    assert auto_totals(r) == {}         # idempotent


def test_auto_totals_overrides_a_wrong_typed_total_only_as_a_proposal():
    r = Report.new(2025)
    r.cells.update({"t2.R1.C1": 5, "t2.R1.CT": 7})
    assert auto_totals(r) == {"t2.R1.CT": 5}
    assert r.cells["t2.R1.CT"] == 7  # the report itself is untouched


def test_subtotals_per_group_blank_when_all_blank():
    r = Report.new(2025)
    r.cells.update({"t2.L3_1.C1": 2, "t2.L3_8.C1": 3, "t2.L5_2.C1": 0})
    assert subtotals(r, "C1") == {"不予公开": 5, "无法提供": None, "不予处理": 0, "其他处理": None}


def test_fill_blanks_uses_zero_of_the_right_kind():
    r = Report.new(2025)
    r.cells["t2.R1.C1"] = 4
    changes = fill_blanks(r)
    assert "t2.R1.C1" not in changes
    assert changes["t2.R2.C1"] == 0 and type(changes["t2.R2.C1"]) is int
    assert changes["t1.fees.amount"] == Decimal(0) and isinstance(changes["t1.fees.amount"], Decimal)
    assert len(changes) == 10 + 175 + 15 - 1


def test_mixed_2021_report_converts_its_single_other_row(zhaohui):
    assert {"S01@format", "S05@t2"} <= {p.id for p in check(zhaohui)}
    zhaohui.cells["t2.L6.C1"] = 2
    converted = migrate(zhaohui, "2021")
    ids = {p.id for p in check(converted)}
    assert "S01@format" not in ids and "S05@t2" not in ids
    assert converted.foreign_paths() == []
    assert converted.cells["t2.L6_3.C1"] == 2
    assert RECLASSIFY in converted.notes["t2.L6_3.C1"]
    # the transcriber's note on the old row follows the value
    assert "单行" in converted.notes["t2.L6_3.CT"]
    # 表一 was already 2021: untouched, no spurious notes
    assert converted.cells["t1.normative.issued"] == 0
    assert not any(k.startswith("t1.licensing") for k in converted.notes)
    # the input is not changed (the UI keeps it for undo)
    assert "t2.L6.C1" in zhaohui.cells


def test_2019_report_to_2021_keeps_what_cannot_convert_as_notes():
    old = Report.new(2020, "某街道", format_id="2019")
    old.cells.update({"t1.regulations.made": 2, "t1.regulations.total": 10,
                      "t1.licensing.decisions": 7, "t1.licensing.change": -1,
                      "t1.procurement.amount": Decimal("251000"), "t2.L6.C1": 3})
    old.t1_units["procurement.amount"] = "元"
    new = migrate(old, "2021")
    assert new.format == "2021"
    assert all(p in new.fmt.cell for p in new.cells)           # no 2019 keys left
    assert all(p in new.fmt.cell for p in new.notes)
    assert new.cells["t1.regulations.issued"] == 2              # suggestion, with a note to confirm
    assert "请核对" in new.notes["t1.regulations.issued"]
    assert new.cells["t1.regulations.in_force"] is None         # cumulative ≠ currently valid
    assert "10" in new.notes["t1.regulations.in_force"]
    assert "-1" in new.notes["t1.licensing.decisions"]
    assert "251000元" in new.notes["t1.fees.amount"]
    assert new.cells["t1.fees.amount"] is None
    assert new.cells["t2.L6_3.C1"] == 3
    assert new.t1_units == {}


def test_2021_layout_typed_for_a_2020_report_converts_back():
    r = Report.new(2020, format_id="2021")
    r.cells.update({"t2.L6_1.C1": 1, "t2.L6_3.C1": 2, "t1.regulations.issued": 4})
    back = migrate(r, "2019")
    assert back.cells["t2.L6.C1"] == 3
    assert back.cells["t2.L6.C2"] is None
    assert "4" in back.notes["t1.regulations.made"]
    assert "S01@format" not in {p.id for p in check(back)}


def test_mixed_table_counts_its_old_other_row_in_m02(zhaohui):
    # 朝晖街道 2021 with a non-zero single （六） row whose own sums hold: only S01/S05, no M02.
    zhaohui.cells.update({"t2.L6.C1": 1, "t2.L6.CT": 1, "t2.R3.C1": 2, "t2.R3.CT": 2,
                          "t2.R1.C1": 2, "t2.R1.CT": 2})
    ids = {p.id for p in check(zhaohui)}
    assert {"S01@format", "S05@t2"} <= ids
    assert not {i for i in ids if i.startswith(("M01", "M02", "M03"))}
    zhaohui.cells["t2.R3.C1"] = 3          # now the column really does not add up
    assert "M02@t2.C1" in {p.id for p in check(zhaohui)}
