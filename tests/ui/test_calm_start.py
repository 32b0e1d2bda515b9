"""A calm start: a new report shows where to begin, not 175 hatched cells and a ✕ on every tab;
a table is marked once begun; saving and exporting still count every problem."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from govreport_desktop.core.rules import ERROR
from govreport_desktop.io import files
from govreport_desktop.ui.table_model import MarkerRole

from .window_helpers import dialogs, sample_copy, settings, type_cell  # noqa: F401


@pytest.fixture
def new_window(qtbot, dialogs, settings):
    from govreport_desktop.app import create_window

    w = create_window(settings=settings)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.doc.undo_stack.setClean()
    w.close()
    w.deleteLater()


def hatched(grid) -> int:
    """Cells painted with the blank hatch (a texture brush) or a problem marker."""
    model = grid.model()
    n = 0
    for path in model.data_paths:
        i = model.index_of(path)
        brush = model.data(i, Qt.BackgroundRole)
        if (isinstance(brush, QBrush) and brush.style() == Qt.TexturePattern) or model.data(i, MarkerRole):
            n += 1
    return n


def listed(window) -> list[tuple[str, str]]:
    m = window.problems_panel.model
    return [(m.index(r, 0).data(), m.index(r, 3).data()) for r in range(m.rowCount())]


def test_a_new_report_shows_where_to_begin(new_window):
    w = new_window
    assert len([p for p in w.doc.problems if p.severity == ERROR]) == 6   # the full check is unchanged
    assert w.open_counts()[ERROR] == 0
    assert w.tab_error_counts() == [0] * 7
    assert all(w.tabs.tabIcon(i).isNull() for i in range(7))
    for key in ("t1", "t2", "t3"):
        assert hatched(w.grids[key]) == 0, key
    todo = [text for level, text in listed(w) if level == "待填写"]
    assert [t[:3] for t in todo] == ["“一、", "表一尚", "表二尚", "表三尚", "“五、", "“六、"]
    assert "6 部分待填写" in w.status_counts.text()
    assert "错误" not in {level for level, _ in listed(w)}


def test_a_table_is_marked_once_begun_and_stays_so(new_window):
    w = new_window
    assert type_cell(w, "t2.R1.C1", "3")
    grid = w.grids["t2"]
    assert hatched(grid) >= 174                       # every blank cell hatched, the edit's errors marked
    assert w.tab_error_counts()[3] > 0 and w.open_counts()[ERROR] > 0
    assert hatched(w.grids["t3"]) == 0                # 表三 is still untouched
    todo = [text for level, text in listed(w) if level == "待填写"]
    assert not [t for t in todo if t.startswith("表二")] and [t for t in todo if t.startswith("表三")]
    assert type_cell(w, "t2.R1.C1", "")               # cleared again: begun all the same
    assert w.doc.started("t2") and hatched(grid) == 175


def test_a_table_with_values_is_never_calm(qtbot, dialogs, settings, tmp_path):
    from govreport_desktop.app import create_window
    from govreport_desktop.core.report import Report

    report = Report.new(2025, unit="某镇人民政府")
    report.cells["t2.R1.C1"] = 3                      # 表二 has a value: its errors show at once
    path = tmp_path / "半成品.json"
    files.save_report(report, path)
    w = create_window(path, settings=settings)
    qtbot.addWidget(w)
    assert w.doc.started("t2") and not w.doc.started("t3")
    t2_errors = [p for p in w.doc.problems if p.severity == ERROR and any(c.startswith("t2.") for c in p.cells)]
    assert t2_errors and all(p in w.doc.shown for p in t2_errors)
    assert w.tab_error_counts()[3] == len(t2_errors)
    assert hatched(w.grids["t2"]) > 0


def test_saving_and_exporting_count_every_problem(new_window, tmp_path):
    w = new_window
    assert w.session.save_to(tmp_path / "新报告.xlsx")
    said = w.statusBar().currentMessage()
    assert "全部校验：6 个错误" in said and "尚未填写的" in said and "表二" in said
    reread = files.open_report(tmp_path / "新报告.xlsx").report
    from govreport_desktop.core.rules import check
    assert len([p for p in check(reread) if p.severity == ERROR]) == 6


def test_showing_every_problem_is_one_switch(new_window):
    w = new_window
    w.actions_.show_all_problems.trigger()
    assert w.open_counts()[ERROR] == 6 and w.tab_error_counts()[3] > 0
    assert hatched(w.grids["t2"]) == 175
    assert "待填写" not in {level for level, _ in listed(w)}
    w.actions_.show_all_problems.trigger()
    assert w.open_counts()[ERROR] == 0


def test_a_todo_line_opens_its_table(new_window):
    w = new_window
    m = w.problems_panel.model
    row = next(r for r in range(m.rowCount()) if m.index(r, 3).data().startswith("表二"))
    w.go_to_problem(m.problem(row))
    assert w.tabs.currentIndex() == 3
    assert w.grids["t2"].selected_paths() == ["t2.R1.C1"]


def test_tabs_and_the_problems_list_name_the_tables(qtbot, dialogs, settings, sample_copy):
    from govreport_desktop.app import create_window

    w = create_window(sample_copy, settings=settings)
    qtbot.addWidget(w)
    assert [w.tabs.tabText(i).split(" (")[0] for i in (2, 3, 4)] == [
        "二、主动公开（表一）", "三、依申请公开（表二）", "四、复议诉讼（表三）"]
    type_cell(w, "t2.R1.C1", "3")
    m = w.problems_panel.model
    assert m.headerData(2, Qt.Horizontal) == "位置"
    places = {m.index(r, 2).data() for r in range(m.rowCount()) if "t2.R1.CT" in m.problem(r).cells}
    assert places == {"三、依申请公开（表二）"}
    w.doc.undo_stack.setClean()


def test_recheck_counts_every_problem_and_says_which_wait(new_window):
    new_window.actions_.recheck.trigger()
    said = new_window.statusBar().currentMessage()
    assert said.startswith("校验完成：6 个错误") and "尚未填写的部分" in said
