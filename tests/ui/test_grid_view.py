"""GridView: spans and widths from the layout, spreadsheet keys, clipboard, selection API."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from govreport_desktop.core.migrate import migrate
from govreport_desktop.ui.grid_clipboard import parse_block
from govreport_desktop.ui.grid_view import GridView

from .test_grid_model import look, looks


def current_path(view):
    return view.model().path_at(view.currentIndex())


def go(view, path):
    view.setCurrentIndex(view.model().index_of(path))


def cells(doc, *paths):
    return [doc.report.cells[p] for p in paths]


# ---------------------------------------------------------------- layout

def test_spans_widths_and_headers(t2_grid):
    layout = t2_grid.model().layout
    for b in layout.boxes:
        assert (t2_grid.rowSpan(b.row, b.col), t2_grid.columnSpan(b.row, b.col)) == (b.rowspan, b.colspan)
    assert t2_grid.horizontalHeader().isHidden() and t2_grid.verticalHeader().isHidden()
    widths = [t2_grid.columnWidth(c) for c in range(layout.n_cols)]
    assert widths[2] > 3 * widths[3] > 0            # the leaf label column is the widest
    # The longest （六） label wraps: its row is taller than a one-line row.
    r = layout.position["t2.L6_2.C1"][0]
    assert t2_grid.rowHeight(r) > t2_grid.rowHeight(layout.position["t2.L1.C1"][0])
    assert t2_grid.objectName() == "grid_t2"
    assert current_path(t2_grid) == "t2.R1.C1"


def test_rebuild_after_format_change(t2_grid):
    doc = t2_grid.document
    doc.replace_report(migrate(doc.report, "2019"), "转换为2019年格式")
    layout = t2_grid.model().layout
    assert t2_grid.model().rowCount() == layout.n_rows
    for b in layout.boxes:
        assert (t2_grid.rowSpan(b.row, b.col), t2_grid.columnSpan(b.row, b.col)) == (b.rowspan, b.colspan)
    assert current_path(t2_grid) == "t2.R1.C1"


# ---------------------------------------------------------------- keyboard

def test_typing_a_digit_edits_and_enter_moves_down(t2_grid, qtbot):
    doc = t2_grid.document
    model = t2_grid.model()
    before = looks(model)
    go(t2_grid, "t2.R1.C1")
    qtbot.keyClick(t2_grid, Qt.Key_7)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "7"     # replaces the old 0
    qtbot.keyClick(editor, Qt.Key_Return)
    assert doc.report.cells["t2.R1.C1"] == 7
    assert current_path(t2_grid) == "t2.R2.C1"
    assert t2_grid.state() != t2_grid.State.EditingState and t2_grid.hasFocus()
    changed = {p for p, v in looks(model).items() if v != before[p]}
    assert changed == ({f"t2.{r}.C1" for r in ("R1", "R2", "R3", "R4")}
                       | {f"t2.R1.{c}" for c in ("C1", "C2", "C3", "C4", "C5", "C6", "CT")})
    assert {"M01@t2.C1", "M03@t2.R1"} <= {p.id for p in doc.problems}
    doc.undo_stack.undo()
    assert looks(model) == before


def test_tab_moves_right_and_wraps(t2_grid, qtbot):
    go(t2_grid, "t2.R1.C6")
    qtbot.keyClick(t2_grid, Qt.Key_Tab)
    assert current_path(t2_grid) == "t2.R1.CT"
    qtbot.keyClick(t2_grid, Qt.Key_Tab)
    assert current_path(t2_grid) == "t2.R2.C1"          # skips the label columns
    qtbot.keyClick(t2_grid, Qt.Key_Backtab)
    assert current_path(t2_grid) == "t2.R1.CT"
    # Tab while editing commits and moves right.
    qtbot.keyClick(t2_grid, Qt.Key_Left)
    qtbot.keyClick(t2_grid, Qt.Key_3)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert t2_grid.document.report.cells["t2.R1.C6"] == 3
    assert current_path(t2_grid) == "t2.R1.CT"


def test_home_end_and_ctrl_home_end_land_on_data_cells(t2_grid, qtbot):
    go(t2_grid, "t2.R2.C3")
    qtbot.keyClick(t2_grid, Qt.Key_Home)
    assert current_path(t2_grid) == "t2.R2.C1"          # not the row's label
    qtbot.keyClick(t2_grid, Qt.Key_End)
    assert current_path(t2_grid) == "t2.R2.CT"
    qtbot.keyClick(t2_grid, Qt.Key_End, Qt.ControlModifier)
    assert current_path(t2_grid) == "t2.R4.CT"          # 四、结转下年度继续办理, 总计
    qtbot.keyClick(t2_grid, Qt.Key_Home, Qt.ControlModifier)
    assert current_path(t2_grid) == "t2.R1.C1"


def test_arrows_stay_on_data_cells(t2_grid, qtbot):
    go(t2_grid, "t2.R1.C1")
    qtbot.keyClick(t2_grid, Qt.Key_Left)
    assert current_path(t2_grid) == "t2.R1.C1"
    qtbot.keyClick(t2_grid, Qt.Key_Up)
    assert current_path(t2_grid) == "t2.R1.C1"
    qtbot.keyClick(t2_grid, Qt.Key_Down)
    qtbot.keyClick(t2_grid, Qt.Key_Right)
    assert current_path(t2_grid) == "t2.R2.C2"
    go(t2_grid, "t2.R4.CT")
    qtbot.keyClick(t2_grid, Qt.Key_Down)
    qtbot.keyClick(t2_grid, Qt.Key_Return)
    assert current_path(t2_grid) == "t2.R4.CT"


def test_enter_in_table_one_skips_block_headers(qtbot, zero_doc):
    view = GridView(zero_doc, "t1")
    qtbot.addWidget(view)
    go(view, "t1.normative.issued")
    qtbot.keyClick(view, Qt.Key_Return)
    assert current_path(view) == "t1.licensing.decisions"      # over the title and header rows
    qtbot.keyClick(view, Qt.Key_Return)
    assert current_path(view) == "t1.penalty.decisions"


def test_rejected_typing_keeps_the_editor_open(t2_grid, qtbot):
    go(t2_grid, "t2.R1.C1")
    with qtbot.waitSignal(t2_grid.message) as blocker:
        qtbot.keyClick(t2_grid, Qt.Key_Minus)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_2)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert "负数" in blocker.args[0]
    assert t2_grid.state() == t2_grid.State.EditingState
    assert t2_grid.document.report.cells["t2.R1.C1"] == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert t2_grid.document.undo_stack.count() == 0


def test_delete_clears_the_selection_in_one_step(t2_grid, qtbot):
    doc = t2_grid.document
    paths = ["t2.R1.C1", "t2.R1.C2", "t2.R2.C1", "t2.R2.C2"]
    t2_grid.select_cells(paths)
    qtbot.keyClick(t2_grid, Qt.Key_Delete)
    assert cells(doc, *paths) == [None] * 4
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "清除内容"
    doc.undo_stack.undo()
    assert cells(doc, *paths) == [0] * 4


# ---------------------------------------------------------------- clipboard

def test_copy_block(t2_grid, qtbot):
    doc = t2_grid.document
    doc.set_cells({"t2.R1.C1": 3, "t2.R1.C2": None, "t2.R2.C1": 12, "t2.R2.C2": 4})
    t2_grid.select_cells(["t2.R1.C1", "t2.R1.C2", "t2.R2.C1", "t2.R2.C2"])
    qtbot.keyClick(t2_grid, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3\t\n12\t4\n"


def test_paste_block_from_excel(t2_grid, qtbot):
    doc = t2_grid.document
    model = t2_grid.model()
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n")
    go(t2_grid, "t2.L3_1.C2")
    before = looks(model)
    with qtbot.waitSignal(t2_grid.message) as blocker:
        qtbot.keyClick(t2_grid, Qt.Key_V, Qt.ControlModifier)
    assert "12" in blocker.args[0]
    rows, cols = ("L3_1", "L3_2", "L3_3"), ("C2", "C3", "C4", "C5")
    got = [[doc.report.cells[f"t2.{r}.{c}"] for c in cols] for r in rows]
    assert got == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    assert doc.report.cells["t2.L3_1.C1"] == 0 and doc.report.cells["t2.L3_1.C6"] == 0
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "粘贴"
    assert sorted(t2_grid.selected_paths()) == sorted(f"t2.{r}.{c}" for r in rows for c in cols)
    assert look(model, "t2.R3.C2") != before["t2.R3.C2"]           # highlights followed
    doc.undo_stack.undo()
    assert looks(model) == before
    assert all(doc.report.cells[f"t2.{r}.{c}"] == 0 for r in rows for c in cols)


def test_paste_accepts_what_spreadsheets_produce(t2_grid):
    doc = t2_grid.document
    go(t2_grid, "t2.R1.C1")
    assert t2_grid.paste('"1,234"\t１２\t\t 7 \n')
    assert cells(doc, "t2.R1.C1", "t2.R1.C2", "t2.R1.C3", "t2.R1.C4") == [1234, 12, None, 7]


def test_bad_paste_changes_nothing(t2_grid, qtbot):
    doc = t2_grid.document
    go(t2_grid, "t2.R1.C1")
    snapshot = dict(doc.report.cells)
    with qtbot.waitSignal(t2_grid.message) as blocker:
        assert not t2_grid.paste("1\t2\n3\t约5\n")
    assert "表二 上年结转·商业企业" in blocker.args[0] and "约5" in blocker.args[0]
    assert "未作任何修改" in blocker.args[0]
    assert doc.report.cells == snapshot and doc.undo_stack.count() == 0
    go(t2_grid, "t2.R1.C6")
    with qtbot.waitSignal(t2_grid.message) as blocker:
        assert not t2_grid.paste("1\t2\t3\n")                        # past the right edge
    assert "超出" in blocker.args[0]
    go(t2_grid, "t2.R4.C1")
    assert not t2_grid.paste("1\n2\n")                               # past the bottom
    assert doc.report.cells == snapshot and doc.undo_stack.count() == 0


def test_one_value_fills_the_selection(t2_grid):
    doc = t2_grid.document
    paths = ["t2.R1.C1", "t2.R1.C2", "t2.R2.C1"]
    t2_grid.select_cells(paths)
    assert t2_grid.paste("0\n") is True and doc.undo_stack.count() == 0    # nothing changed
    assert t2_grid.paste("9\n")
    assert cells(doc, *paths) == [9, 9, 9] and doc.undo_stack.count() == 1


def test_parse_block():
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block('"a\tb"\t"x ""y"""\n') == [["a\tb", 'x "y"']]
    assert parse_block("") == [[""]]
    assert parse_block("5") == [["5"]]


# ---------------------------------------------------------------- selection API and mouse

def test_select_cells(t2_grid):
    t2_grid.select_cells(["t2.R4.CT", "t2.R4.C1", "t1.fees.amount"])
    assert current_path(t2_grid) == "t2.R4.CT"
    assert set(t2_grid.selected_paths()) == {"t2.R4.CT", "t2.R4.C1"}


def test_clicking_a_row_label_selects_its_data(t2_grid, qtbot):
    model = t2_grid.model()
    box = next(b for b in model.layout.boxes if b.text == "（四）无法提供")
    rect = t2_grid.visualRect(model.index(box.row, box.col))
    qtbot.mouseClick(t2_grid.viewport(), Qt.LeftButton, pos=rect.center())
    expected = {f"t2.L4_{i}.{c}" for i in (1, 2, 3) for c in ("C1", "C2", "C3", "C4", "C5", "C6", "CT")}
    assert set(t2_grid.selected_paths()) == expected


# ---------------------------------------------------------------- F2, context menu, notes

def test_f2_edits_the_current_value(t2_grid, qtbot):
    t2_grid.document.set_cell("t2.R2.C3", 41)
    go(t2_grid, "t2.R2.C3")
    qtbot.keyClick(t2_grid, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "41"
    qtbot.keyClick(editor, Qt.Key_End)
    qtbot.keyClick(editor, Qt.Key_2)
    qtbot.keyClick(editor, Qt.Key_Tab)
    assert t2_grid.document.report.cells["t2.R2.C3"] == 412
    assert current_path(t2_grid) == "t2.R2.C4"


def test_context_menu_and_note(t2_grid, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("  原表此格为“—”，按 0 填写  ", True)))
    menu = t2_grid.context_menu(t2_grid.model().index_of("t2.R4.C2"))
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == ["复制", "粘贴", "清除内容", "编辑备注…"]
    assert all(a.isEnabled() for a in actions)
    assert current_path(t2_grid) == "t2.R4.C2"
    actions[-1].trigger()
    doc = t2_grid.document
    assert doc.report.notes["t2.R4.C2"] == "原表此格为“—”，按 0 填写"
    assert doc.undo_stack.undoText() == "编辑备注"
    actions[2].trigger()
    assert doc.report.cells["t2.R4.C2"] is None
    header = t2_grid.context_menu(t2_grid.model().index(0, 0))
    assert not [a for a in header.actions() if a.text() == "粘贴"][0].isEnabled()


def test_header_rows_stay_pinned(t2_grid, qtbot):
    from govreport_desktop.ui.grid_header import FrozenHeader

    t2_grid.resize(700, 360)
    header = t2_grid.findChild(FrozenHeader)
    layout = t2_grid.model().layout
    pinned = sum(t2_grid.rowHeight(r) for r in range(layout.header_rows))
    assert header.isVisible() and header.height() == pinned == header.pinned_height()
    for path in ("t2.R4.CT", "t2.R1.C1", "t2.L5_3.C4"):
        t2_grid.select_cells([path])
        rect = t2_grid.visualRect(t2_grid.model().index_of(path))
        assert rect.top() >= pinned and rect.bottom() <= t2_grid.viewport().height()
    t2_grid.horizontalScrollBar().setValue(120)
    assert header.horizontalScrollBar().value() == t2_grid.horizontalScrollBar().value() > 0
    t1 = GridView(t2_grid.document, "t1")           # 表一 has no header rows to pin
    qtbot.addWidget(t1)
    assert t1.findChild(FrozenHeader).isHidden()
