"""The whole story of issue 4, as one user would live it, through the real window:

open the 朝晖街道 2021 report → see the format problems → convert → fix 表二 with the keyboard
and a block pasted from Excel → watch the highlights follow → undo → save to Excel → reopen
with nothing lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from govreport_desktop.app import create_window
from govreport_desktop.ui.table_model import SeverityRole

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401


def error_cells(grid) -> set[str]:
    model = grid.model()
    out = set()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            path = model.data(index, Qt.UserRole)
            if path and model.data(index, SeverityRole) == "error":
                out.add(path)
    return out


def type_into(qtbot, grid, path: str, text: str) -> None:
    """Select the cell like a user (click), type the digits, press Enter."""
    grid.select_cells([path])
    grid.setFocus()
    for ch in text:
        qtbot.keyClick(grid, ch)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key_Return)


def test_open_convert_fix_undo_save_reopen(window, dialogs, qtbot, tmp_path, settings):
    doc = window.doc
    problems = {p.id for p in doc.problems}
    # The format problems are there, and no arithmetic error.
    assert {"S01@format", "S05@t2"} <= problems
    assert not [p for p in problems if p[:3] in ("M01", "M02", "M03")]

    # 转换为2021年格式: explicit (confirmed in the dialog), one undo step.
    window.change_format("2021")
    assert not {"S01@format", "S05@t2"} & {p.id for p in doc.problems}
    window.ensure_grids()
    grid = window.grids["t2"]

    # Keyboard: two new applications by natural persons, both answered 予以公开.
    type_into(qtbot, grid, "t2.R1.C1", "3")
    assert doc.report.cells["t2.R1.C1"] == 3
    # The highlight follows in the same turn: the R1 row and the 自然人 column relation.
    assert {"t2.R1.C1", "t2.R1.CT", "t2.R2.C1", "t2.R3.C1", "t2.R4.C1"} <= error_cells(grid)

    # A block copied from Excel: 予以公开 row, 自然人 … 总计 for 本年新收 corrected at once.
    QApplication.clipboard().setText("3\t0\t0\t0\t0\t0\t3\r\n")
    grid.select_cells(["t2.R1.C1"])
    grid.paste()
    QApplication.clipboard().setText("3\t0\t0\t0\t0\t0\t3\r\n")
    grid.select_cells(["t2.L1.C1"])
    grid.paste()
    assert doc.report.cells["t2.L1.CT"] == 3
    window.auto_totals()                       # （七）总计 from the leaves, one undo step
    assert doc.report.cells["t2.R3.C1"] == 3 and doc.report.cells["t2.R3.CT"] == 3
    assert error_cells(grid) == set()

    # Undo the 自动合计: the totals are wrong again and highlighted again.
    window.doc.undo_stack.undo()
    assert doc.report.cells["t2.R3.C1"] == 1
    assert "t2.R3.C1" in error_cells(grid)
    window.doc.undo_stack.redo()
    assert error_cells(grid) == set()

    # Save to Excel, reopen in a fresh window: every cell, text and note comes back.
    out = tmp_path / "朝晖街道2021.xlsx"
    assert window.session.save_to(out)
    saved = doc.report
    again = create_window(out, settings=settings)
    try:
        back = again.doc.report
        assert back.cells == saved.cells
        assert back.sections == saved.sections
        assert back.notes == saved.notes
        assert (back.format, back.year, back.unit, back.title) == (saved.format, saved.year, saved.unit, saved.title)
        assert not again.doc.modified
    finally:
        again.doc.undo_stack.setClean()
        again.close()
        again.deleteLater()
