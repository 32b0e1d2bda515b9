"""ReportTableModel: layout, roles, live highlights, edits through the Document, rebuilds.

The model is always read with model.data(index, role), never index.data(role): see the
PySide6 6.12 note in ui/grid_view.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.migrate import migrate
from govreport_desktop.ui.document import Document
from govreport_desktop.ui.table_model import (BlankRole, MarkerRole, NoteRole, PathRole, ReportTableModel,
                                              SeverityRole)

from .conftest import zero_report


def look(model, path):
    """What BackgroundRole paints for a cell, comparable across calls."""
    brush = model.data(model.index_of(path), Qt.BackgroundRole)
    if brush is None:
        return None
    return brush.style(), brush.color().rgba(), brush.texture().cacheKey() if not brush.texture().isNull() else 0


def looks(model):
    return {p: look(model, p) for p in model.data_paths}


def t2_cells(rows, cols):
    return {f"t2.{r}.{c}" for r in rows for c in cols}


ALL_COLS = ("C1", "C2", "C3", "C4", "C5", "C6", "CT")


# ---------------------------------------------------------------- structure

@pytest.mark.parametrize("format_id", ["2021", "2019"])
@pytest.mark.parametrize("table", ["t1", "t2", "t3"])
def test_qtmodeltester(qtmodeltester, qapp, format_id, table):
    doc = Document(zero_report(format_id))
    doc.set_cell(f"{table}.{FORMATS[format_id].table[table].cells[0].row}."
                 f"{FORMATS[format_id].table[table].cells[0].col}", None)   # one blank cell too
    model = ReportTableModel(doc, table)
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("format_id", ["2021", "2019"])
@pytest.mark.parametrize("table", ["t1", "t2", "t3"])
def test_user_role_paths_are_the_layout_paths(qapp, format_id, table):
    doc = Document(zero_report(format_id))
    model = ReportTableModel(doc, table)
    layout = FORMATS[format_id].table[table].layout
    assert (model.rowCount(), model.columnCount()) == (layout.n_rows, layout.n_cols)
    seen = {}
    for r in range(layout.n_rows):
        for c in range(layout.n_cols):
            path = model.data(model.index(r, c), PathRole)
            box = layout.box_at(r, c)
            if box.role == "data" and (box.row, box.col) == (r, c):
                assert path == box.path
                seen[path] = (r, c)
                assert model.flags(model.index(r, c)) & Qt.ItemIsEditable
            elif box.role != "data":
                assert path is None
                assert not model.flags(model.index(r, c)) & Qt.ItemIsEditable
    assert seen == layout.position
    assert set(seen) == set(FORMATS[format_id].table[table].cell)
    for path, (r, c) in seen.items():
        assert model.index_of(path) == model.index(r, c)
    assert not model.index_of("t2.nope.C1").isValid()


def test_spans_labels_and_alignment(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    for box in model.layout.boxes:
        i = model.index(box.row, box.col)
        span = model.span(i)
        assert (span.height(), span.width()) == (box.rowspan, box.colspan)
        if box.role != "data":
            assert model.data(i, Qt.DisplayRole) == box.text
    header = model.index(*_find(model, "申请人情况"))
    assert model.data(header, Qt.FontRole).bold()
    assert model.data(header, Qt.TextAlignmentRole) & Qt.AlignHCenter
    data = model.index_of("t2.R1.C1")
    assert model.data(data, Qt.TextAlignmentRole) & Qt.AlignRight
    label = model.index(*_find(model, "一、本年新收政府信息公开申请数量"))
    assert model.data(label, Qt.TextAlignmentRole) & Qt.AlignLeft


def _find(model, text):
    for b in model.layout.boxes:
        if b.text == text:
            return b.row, b.col
    raise KeyError(text)


# ---------------------------------------------------------------- blank vs 0

def test_blank_looks_different_from_zero(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    zero = model.index_of("t2.R1.C1")
    zero_doc.set_cell("t2.R2.C1", None)
    blank = model.index_of("t2.R2.C1")
    assert model.data(zero, Qt.DisplayRole) == "0"
    assert model.data(blank, Qt.DisplayRole) == ""
    assert look(model, "t2.R1.C1") != look(model, "t2.R2.C1")
    assert model.data(blank, BlankRole) is True and model.data(zero, BlankRole) is False
    assert "空白" in model.data(blank, Qt.ToolTipRole)


# ---------------------------------------------------------------- live highlights

def test_typing_highlights_exactly_the_affected_totals(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    before = looks(model)
    assert all(model.data(model.index_of(p), SeverityRole) is None for p in model.data_paths)
    emitted = []
    model.dataChanged.connect(lambda a, b, roles: emitted.append((a.row(), a.column(), b.row(), b.column())))

    assert model.setData(model.index_of("t2.R1.C1"), "5", Qt.EditRole)

    # Same turn: no event processing between the edit and these checks.
    after = looks(model)
    changed = {p for p in model.data_paths if before[p] != after[p]}
    m01 = t2_cells(("R1", "R2", "R3", "R4"), ("C1",))        # 本列: R1+R2 = R3+R4
    m03 = t2_cells(("R1",), ALL_COLS)                        # 本行: C1…C6 = CT
    assert changed == m01 | m03
    assert model.data(model.index_of("t2.R1.C1"), Qt.DisplayRole) == "5"
    ids = {p.id for p in zero_doc.problems if p.severity == "error"}
    assert {"M01@t2.C1", "M03@t2.R1"} <= ids
    for p in changed:
        assert model.data(model.index_of(p), SeverityRole) == "error"
        assert model.data(model.index_of(p), MarkerRole) == "error"
    tip = model.data(model.index_of("t2.R4.C1"), Qt.ToolTipRole)
    assert "M01" in tip and "相差 5" in tip
    assert "M03" not in tip
    # Minimal repaint: no signal covers a cell outside the relations (group labels aside).
    covered = {(r, c) for r0, c0, r1, c1 in emitted for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    allowed = {model.layout.position[p] for p in m01 | m03} | set(model._groups)
    assert covered <= allowed

    zero_doc.undo_stack.undo()
    assert looks(model) == before
    assert model.data(model.index_of("t2.R1.C1"), Qt.DisplayRole) == "0"
    assert not [p for p in zero_doc.problems if p.severity == "error" and p.rule.startswith("M")]


def test_fixing_the_total_clears_the_highlight(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    before = looks(model)
    model.setData(model.index_of("t2.L3_2.C3"), 2, Qt.EditRole)
    assert look(model, "t2.R3.C3") != before["t2.R3.C3"]          # M02 column C3
    assert look(model, "t2.L3_2.CT") != before["t2.L3_2.CT"]      # M03 row L3_2
    for path, value in (("t2.L3_2.CT", "2"), ("t2.R3.C3", "2"), ("t2.R3.CT", "2"), ("t2.R4.C3", "-2")):
        model.setData(model.index_of(path), value, Qt.EditRole)
    # R4 cannot be negative: still highlighted (M01), the rejected value changed nothing.
    assert zero_doc.report.cells["t2.R4.C3"] == 0
    model.setData(model.index_of("t2.R1.C3"), "2", Qt.EditRole)
    model.setData(model.index_of("t2.R1.CT"), "2", Qt.EditRole)
    assert looks(model) == before
    assert zero_doc.undo_stack.count() == 6


def test_error_and_warning_look_different(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t1")
    # P02 (warning): 现行有效件数 below 本年制发 − 本年废止.
    model.setData(model.index_of("t1.normative.issued"), "3", Qt.EditRole)
    warning = model.index_of("t1.normative.in_force")
    assert model.data(warning, SeverityRole) == "warning"
    assert model.data(warning, MarkerRole) == "warning"
    t2 = ReportTableModel(zero_doc, "t2")
    t2.setData(t2.index_of("t2.R1.C1"), "1", Qt.EditRole)
    error = t2.index_of("t2.R1.C1")
    assert t2.data(error, MarkerRole) == "error"
    assert look(model, "t1.normative.in_force") != look(t2, "t2.R1.C1")
    assert look(model, "t1.normative.in_force") != look(model, "t1.regulations.in_force")


def test_accepted_warning_is_no_longer_painted(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t1")
    model.setData(model.index_of("t1.normative.issued"), "3", Qt.EditRole)
    problem = next(p for p in zero_doc.problems if p.rule == "P02")
    zero_doc.set_explanation(problem.id, "其中3件本年内制发后即废止")
    i = model.index_of("t1.normative.in_force")
    assert model.data(i, SeverityRole) == "warning"
    assert model.data(i, MarkerRole) is None
    assert "已说明" in model.data(i, Qt.ToolTipRole)


# ---------------------------------------------------------------- edits

def test_invalid_value_is_rejected_with_a_chinese_message(qapp, zero_doc, qtbot):
    model = ReportTableModel(zero_doc, "t2")
    i = model.index_of("t2.R1.C1")
    for bad in ("abc", "-1", "1.5"):
        with qtbot.waitSignal(model.rejected) as blocker:
            assert model.setData(i, bad, Qt.EditRole) is False
        assert "表二 本年新收·自然人" in blocker.args[0]
        assert "整数" in blocker.args[0] or "负数" in blocker.args[0]
    assert zero_doc.report.cells["t2.R1.C1"] == 0
    assert zero_doc.undo_stack.count() == 0
    assert model.setData(model.index(0, 0), "1", Qt.EditRole) is False      # a header box


def test_values_by_kind(qapp, zero_doc, zero_doc_2019):
    t2 = ReportTableModel(zero_doc, "t2")
    assert t2.setData(t2.index_of("t2.R1.C1"), "１２", Qt.EditRole)             # full-width digits
    assert zero_doc.report.cells["t2.R1.C1"] == 12
    assert t2.setData(t2.index_of("t2.R1.C2"), 7, Qt.EditRole)                  # a number
    assert t2.setData(t2.index_of("t2.R1.C3"), "", Qt.EditRole)                 # cleared → blank
    assert zero_doc.report.cells["t2.R1.C3"] is None
    t1 = ReportTableModel(zero_doc, "t1")
    money = t1.index_of("t1.fees.amount")
    assert t1.setData(money, "4068.2085", Qt.EditRole)
    assert zero_doc.report.cells["t1.fees.amount"] == Decimal("4068.2085")
    assert t1.data(money, Qt.DisplayRole) == "4068.2085"
    assert not t1.setData(money, "1.23456", Qt.EditRole)
    assert "万元" in t1.data(money, Qt.ToolTipRole)
    old = ReportTableModel(zero_doc_2019, "t1")
    assert old.setData(old.index_of("t1.licensing.change"), "-3", Qt.EditRole)
    assert zero_doc_2019.report.cells["t1.licensing.change"] == -3
    assert not old.setData(old.index_of("t1.licensing.prev_items"), "-3", Qt.EditRole)


def test_same_value_is_accepted_without_an_undo_step(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    assert model.setData(model.index_of("t2.R1.C1"), "0", Qt.EditRole)
    assert zero_doc.undo_stack.count() == 0


def test_notes(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    i = model.index_of("t2.R2.C1")
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a, b)))
    zero_doc.set_note("t2.R2.C1", "含上年12月31日收到的2件")
    assert changed == [(i, i)]
    assert model.data(i, NoteRole) == "含上年12月31日收到的2件"
    assert "备注" in model.data(i, Qt.ToolTipRole)
    zero_doc.undo_stack.undo()
    assert model.data(i, NoteRole) is None


# ---------------------------------------------------------------- hints

def test_subtotal_hints(qapp, zero_doc):
    model = ReportTableModel(zero_doc, "t2")
    for path, v in (("t2.L3_1.C1", 2), ("t2.L3_4.C1", 3), ("t2.L3_4.CT", 3)):
        zero_doc.set_cell(path, v)
    label = model.index(*_find(model, "（三）不予公开"))
    tip = model.data(label, Qt.ToolTipRole)
    assert "（三）不予公开 小计" in tip and "自然人 5" in tip and "总计 3" in tip
    box = model.layout.box_at(label.row(), label.column())
    assert model.subtotal_text(box) == "小计\n总计 3"
    assert model.subtotal_text(box, "C1") == "小计\n自然人 5"
    assert model.subtotal_text(model.layout.box_at(1, 3)) == ""        # not a group label
    assert "不予公开 5" in model.data(model.index_of("t2.R3.C1"), Qt.ToolTipRole)


def test_sample_shows_its_problems(qapp, sample_doc):
    model = ReportTableModel(sample_doc, "t2")
    # The sample's 2021 （六） rows are empty (it used the 2019 single row): blank and flagged.
    i = model.index_of("t2.L6_1.C1")
    assert model.data(i, BlankRole)
    assert model.data(i, SeverityRole) == "error"
    assert "S05" in model.data(i, Qt.ToolTipRole)


# ---------------------------------------------------------------- rebuild

def test_rebuild_after_format_migration(qapp, zero_doc, qtbot):
    model = ReportTableModel(zero_doc, "t2")
    rows_2021 = model.rowCount()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        zero_doc.replace_report(migrate(zero_doc.report, "2019"), "转换为2019年格式")
    layout = FORMATS["2019"].table["t2"].layout
    assert model.rowCount() == layout.n_rows == rows_2021 - 2
    for path, (r, c) in layout.position.items():
        assert model.data(model.index(r, c), PathRole) == path
    assert model.index_of("t2.L6.C1").isValid() and not model.index_of("t2.L6_1.C1").isValid()
    # Still live after the rebuild.
    before = look(model, "t2.R4.C1")
    model.setData(model.index_of("t2.R1.C1"), "1", Qt.EditRole)
    assert look(model, "t2.R4.C1") != before
    zero_doc.undo_stack.undo()
    zero_doc.undo_stack.undo()
    assert model.rowCount() == rows_2021 and model.index_of("t2.L6_1.C1").isValid()
    assert model.data(QModelIndex(), PathRole) is None
