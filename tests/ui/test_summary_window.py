"""工具 → 汇总多个单位…: a run with progress, cancel, double-click opens a unit, the summed
report opens as a new document, and the export writes the 汇总 workbook."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from govreport_desktop.core.summary import UNREADABLE
from govreport_desktop.io import xlsx_read
from govreport_desktop.ui import summary_window
from test_summary_run import unit

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401

N = 6


@pytest.fixture
def units(tmp_path):
    folder = tmp_path / "各单位"
    (folder / "镇").mkdir(parents=True)
    paths = [unit(folder / "镇", f"第{i}镇", i) for i in range(1, N + 1)]
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    return folder, paths


@pytest.fixture
def sw(window, qtbot):
    w = summary_window.show_for(window)
    w.jobs = 1                        # one worker process: the machine is shared
    qtbot.waitExposed(w)
    yield w
    w.close()


def run(sw, qtbot, inputs, timeout=60_000) -> str:
    with qtbot.waitSignal(sw.finished, timeout=timeout) as blocker:
        assert sw.start(inputs)
    return blocker.args[0]


def test_the_tools_menu_opens_the_summary_window(window):
    tools = window.menuBar().actions()[3].menu()
    action = next(a for a in tools.actions() if a.text() == "汇总多个单位(&U)…")
    action.trigger()
    assert window.summary_window.isVisible() and window.summary_window.windowTitle() == "汇总多个单位"
    window.summary_window.close()


def test_a_run_fills_progress_and_the_unit_table(sw, qtbot, units):
    folder, paths = units
    seen = []
    sw.progress.valueChanged.connect(seen.append)
    assert run(sw, qtbot, [folder]) == "done"
    assert sw.progress.maximum() == N + 1 and sw.progress.value() == N + 1 and len(seen) >= 2
    assert sw.proxy.rowCount() == N + 1
    assert sw.summary.report.cells["t2.R1.CT"] == sum(range(1, N + 1))
    assert sw.export.isEnabled() and sw.open_sum.isEnabled() and not sw.cancel_button.isEnabled()
    assert "已汇总 6 个单位" in sw.status.text() and "无法读取 1" in sw.status.text()
    sw.status_filter.setCurrentText(UNREADABLE)
    assert sw.proxy.rowCount() == 1
    sw.text_filter.setText("第2")
    assert sw.proxy.rowCount() == 0
    sw.status_filter.setCurrentIndex(0)
    assert sw.proxy.rowCount() == 1
    tab = sw.results.widget(1)
    cell = tab.model().index(*sw.summary.fmt.table["t2"].layout.position["t2.R1.CT"])
    assert "（6 个单位）" in cell.data(Qt.ToolTipRole)


def test_cancel_leaves_nothing_and_no_result(sw, qtbot, units, tmp_path):
    folder, _paths = units
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with qtbot.waitSignal(sw.finished, timeout=60_000) as blocker:
        sw.start([folder])
        assert sw.cancel_button.isEnabled() and not sw.pick_folder.isEnabled()
        sw.cancel()
    assert blocker.args == ["cancelled"]
    assert sw.summary is None and sw.proxy.rowCount() == 0 and "已取消" in sw.status.text()
    assert not sw.export.isEnabled()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_double_click_opens_that_units_report(sw, qtbot, units, window):
    folder, paths = units
    run(sw, qtbot, [folder])
    sw.text_filter.setText("第3镇")
    assert sw.proxy.rowCount() == 1
    view = sw.table
    rect = view.visualRect(sw.proxy.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())     # a real double-click starts with a press
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.doc.path == paths[2] and window.doc.report.unit == "第3镇"


def test_the_summed_report_opens_as_a_new_unsaved_document(sw, qtbot, units, window):
    folder, _paths = units
    run(sw, qtbot, [folder])
    assert sw.open_summed_report()
    assert window.doc.path is None and window.doc.modified
    assert window.doc.report.cells == sw.summary.report.cells


def test_export_writes_the_summary_workbook_and_cancel_writes_nothing(sw, qtbot, units, tmp_path):
    folder, _paths = units
    run(sw, qtbot, [folder])
    out = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(sw.finished, timeout=60_000) as blocker:
        sw.export_to(out)
    assert blocker.args == ["done"] and out.is_file()
    assert xlsx_read.read(out).report.cells["t2.R1.CT"] == sum(range(1, N + 1))
    again = tmp_path / "再次.xlsx"
    with qtbot.waitSignal(sw.finished, timeout=60_000) as blocker:
        sw.export_to(again)
        sw.cancel()
    assert blocker.args == ["cancelled"] and not again.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("再次")] == []


def test_export_over_a_units_report_is_refused(sw, qtbot, units, monkeypatch):
    folder, paths = units
    run(sw, qtbot, [folder])
    said = []
    monkeypatch.setattr(summary_window.dialogs, "show_error", lambda parent, title, text: said.append(text))
    before = paths[0].read_bytes()
    sw.export_to(paths[0])
    assert said and "是要汇总的单位报告" in said[0]
    assert paths[0].read_bytes() == before
