"""A summed report opened in the main window shows where its numbers come from: the grid's
tooltip names the units and their values, 查看数据来源 lists them in the 数据来源 dock, an edited
cell says its sources no longer hold (and undo takes that back), other documents show none."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from govreport_desktop.core.report import Report
from govreport_desktop.core.totals import fill_blanks
from govreport_desktop.io import files
from govreport_desktop.ui import summary_window
from govreport_desktop.ui.summary_sources import STALE, SourcesModel, sources_of
from test_summary_run import unit

from .test_summary_window import run
from .window_helpers import dialogs, model_of, sample_copy, settings, type_cell, window  # noqa: F401

PATH = "t2.R1.CT"


@pytest.fixture
def summed(window, qtbot, tmp_path):
    """The main window showing the sum of 第1镇 … 第4镇 (n = 10·i) and 空白镇 (t2.R1.C2 blank)."""
    d = tmp_path / "各单位"
    d.mkdir()
    paths = [unit(d, f"第{i}镇", 10 * i) for i in range(1, 5)]
    r = Report.new(2025, "空白镇", "township")
    r.cells.update(fill_blanks(r))
    r.cells["t2.R1.C2"] = None
    for key in ("s1", "s5", "s6"):
        r.sections[key] = f"空白镇{key}的内容。"
    files.save_report(r, d / "空白镇.xlsx", backup=False)
    sw = summary_window.show_for(window)
    sw.jobs = 1
    assert run(sw, qtbot, [d]) == "done"
    assert sw.open_summed_report()
    yield window, paths
    sw.close()


def tooltip(window, path: str) -> str:
    model = model_of(window, path.split(".")[0])
    return model.index_of(path).data(Qt.ToolTipRole)


def test_a_summed_cells_tooltip_names_the_units_and_their_values(summed):
    window, _paths = summed
    tip = tooltip(window, PATH)
    assert "数据来源" in tip and "（5 个单位）" in tip
    for i in range(1, 5):
        assert f"第{i}镇：{10 * i}" in tip
    assert tip.index("第4镇：40") < tip.index("第1镇：10")          # largest first
    blank = tooltip(window, "t2.R1.C2")
    assert "空白（按 0 计）1 个单位：空白镇" in blank


def test_an_edit_makes_the_cell_stale_and_undo_takes_it_back(summed, qtbot):
    window, _paths = summed
    assert type_cell(window, PATH, "7")
    tip = tooltip(window, PATH)
    assert STALE in tip and "汇总结果为 100" in tip and "第4镇：40" not in tip
    assert STALE not in tooltip(window, "t2.R1.C1")               # other cells keep their sources
    window.actions_.undo.trigger()
    tip = tooltip(window, PATH)
    assert STALE not in tip and "第4镇：40" in tip


def test_view_sources_lists_every_unit_sorted_by_value_and_opens_one(summed, qtbot, dialogs):
    window, paths = summed
    grid = window.grids["t2"]
    menu = grid.context_menu(grid.model().index_of(PATH))
    action = next(a for a in menu.actions() if a.text() == "查看数据来源…")
    action.trigger()
    panel = window.sources_panel
    assert window.sources_dock.isVisible() and "汇总 100，来自 5 个单位" in panel.heading.text()
    shown = [(panel.proxy.index(r, 0).data(), panel.proxy.index(r, 1).data()) for r in range(panel.proxy.rowCount())]
    assert shown[:4] == [("第4镇", "40"), ("第3镇", "30"), ("第2镇", "20"), ("第1镇", "10")]
    panel.table.sortByColumn(1, Qt.AscendingOrder)
    assert panel.proxy.index(0, 1).data() == "0" and panel.proxy.index(4, 0).data() == "第4镇"
    type_cell(window, PATH, "99")                                # the panel says so at once
    assert STALE in panel.heading.text() and "现为 99" in panel.heading.text()
    dialogs.answers = [QMessageBox.Discard]                      # 保存更改？ as 文件 → 打开
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "第2镇")
    panel.table.doubleClicked.emit(panel.proxy.index(row, 0))
    assert window.doc.path == paths[1] and sources_of(window.doc) is None
    assert not window.sources_dock.isVisible() and not window.actions_.show_sources.isEnabled()


def test_the_tools_menu_entry_shows_the_current_cells_sources(summed):
    window, _paths = summed
    window.tabs.show_key("t2")
    grid = window.grids["t2"]
    grid.setCurrentIndex(grid.model().index_of("t2.R1.C1"))
    window.sources_dock.hide()
    assert window.actions_.show_sources.isEnabled()
    window.actions_.show_sources.trigger()
    assert window.sources_dock.isVisible() and window.sources_panel.path == "t2.R1.C1"


def test_documents_not_from_a_summary_show_no_sources(window):
    assert sources_of(window.doc) is None
    assert "数据来源" not in tooltip(window, PATH)
    grid = window.grids["t2"]
    texts = [a.text() for a in grid.context_menu(grid.model().index_of(PATH)).actions()]
    assert "查看数据来源…" not in texts
    assert not window.sources_dock.isVisible() and not window.actions_.show_sources.isEnabled()


def test_the_sources_model(summed, qtmodeltester):
    window, _paths = summed
    model = SourcesModel()
    model.set_rows(sources_of(window.doc).summary.trace(PATH))
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_the_shown_panel_follows_the_cell_the_user_moves_to(summed, qtbot):
    window, _paths = summed
    window.tabs.show_key("t2")
    grid = window.grids["t2"]
    window.summary_window.hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.setCurrentIndex(grid.model().index_of("t2.R1.C2"))
    assert window.sources_dock.isVisible() and window.sources_panel.path == "t2.R1.C2"
    grid.move_current("left")
    assert window.sources_panel.path == "t2.R1.C1"
    assert window.sources_panel.proxy.index(0, 0).data() == "第4镇"
