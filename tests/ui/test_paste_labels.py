"""Paste like a spreadsheet user expects: a block copied with its label columns lands by its
labels; unknown leading text is left out and said so; what does not fit is named exactly and
the part that fits can be pasted on its own (Ctrl+Shift+V)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from govreport_desktop.ui.grid_clipboard import split_labels

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401

COLS = ("C1", "C2", "C3", "C4", "C5", "C6", "CT")


def go(view, path):
    view.setCurrentIndex(view.model().index_of(path))


def row(doc, key):
    return [doc.report.cells[f"t2.{key}.{c}"] for c in COLS]


def test_a_row_copied_with_its_label_lands_on_that_row(t2_grid, qtbot):
    doc = t2_grid.document
    go(t2_grid, "t2.L3_1.C2")                      # the cursor is elsewhere
    with qtbot.waitSignal(t2_grid.message) as said:
        assert t2_grid.paste("一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6\r\n")
    assert row(doc, "R1") == [5, 1, 0, 0, 0, 0, 6]
    assert row(doc, "L3_1") == [0] * 7
    assert "按行标签" in said.args[0]
    assert doc.undo_stack.count() == 1


def test_an_official_block_with_three_label_columns_and_its_header(t2_grid, qtbot):
    doc = t2_grid.document
    go(t2_grid, "t2.R1.C1")
    text = ("\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
            "三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n"
            "\t\t2.其他法律行政法规禁止公开\t0\t2\t0\t0\t0\t0\t2\n"
            "\t（四）无法提供\t1、本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3\n")   # “1、” as retyped
    assert split_labels([r.split("\t") for r in text.strip("\n").split("\n")]) == (1, 3)
    with qtbot.waitSignal(t2_grid.message) as said:
        assert t2_grid.paste(text)
    assert row(doc, "L3_1") == [1, 0, 0, 0, 0, 0, 1]
    assert row(doc, "L3_2") == [0, 2, 0, 0, 0, 0, 2]
    assert row(doc, "L4_1") == [3, 0, 0, 0, 0, 0, 3]
    assert row(doc, "R1") == [0] * 7
    assert "按行标签放入 3 行" in said.args[0] and "跳过前 1 行表头" in said.args[0]


def test_labels_this_table_does_not_have_are_left_out_and_said(t2_grid, qtbot):
    doc = t2_grid.document
    go(t2_grid, "t2.R2.C1")
    with qtbot.waitSignal(t2_grid.message) as said:
        assert t2_grid.paste("上年遗留申请件\t4\t1\n")
    assert doc.report.cells["t2.R2.C1"] == 4 and doc.report.cells["t2.R2.C2"] == 1
    assert "已跳过前 1 列文字" in said.args[0]


def test_what_does_not_fit_is_named_and_the_rest_can_be_pasted(t2_grid, qtbot):
    doc = t2_grid.document
    go(t2_grid, "t2.R1.C6")
    snapshot = dict(doc.report.cells)
    with qtbot.waitSignal(t2_grid.message) as said:
        assert not t2_grid.paste("1\t2\t3\n4\t5\t6\n")
    assert "第 3 列超出表格右边界" in said.args[0] and "（2 个数）" in said.args[0]
    assert "Ctrl+Shift+V" in said.args[0] and "未作任何修改" in said.args[0]
    assert "第 3 列" in t2_grid.balloon_text()               # said at the cell too
    assert doc.report.cells == snapshot and doc.undo_stack.count() == 0
    assert t2_grid.paste_fitting()
    assert [doc.report.cells[p] for p in ("t2.R1.C6", "t2.R1.CT", "t2.R2.C6", "t2.R2.CT")] == [1, 2, 4, 5]
    assert doc.undo_stack.count() == 1 and not t2_grid.balloon_text()


def test_rows_past_the_bottom_are_named(t2_grid, qtbot):
    go(t2_grid, "t2.R4.C1")
    with qtbot.waitSignal(t2_grid.message) as said:
        assert not t2_grid.paste("1\n2\n3\n")
    assert "第 2–3 行超出表格下边界" in said.args[0]


def test_a_trailing_empty_column_does_not_count_as_not_fitting(t2_grid):
    go(t2_grid, "t2.R1.C6")
    assert t2_grid.paste("1\t2\t\n")                # Excel copies often end in a tab
    assert t2_grid.document.report.cells["t2.R1.CT"] == 2


def test_ctrl_shift_v_in_the_window_pastes_what_fits(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.tabs.setCurrentIndex(3)
    grid = window.grids["t2"]
    grid.select_cells(["t2.R1.C6"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    QGuiApplication.clipboard().setText("7\t8\t9\n")
    qtbot.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    assert window.doc.report.cells["t2.R1.C6"] == 0
    qtbot.keyClick(grid, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.doc.report.cells["t2.R1.C6"] == 7 and window.doc.report.cells["t2.R1.CT"] == 8
    window.doc.undo_stack.setClean()
