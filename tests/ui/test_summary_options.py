"""The 汇总 window's options (报送名单, 汇总年度, 计入其他年度, 汇总单位): what a run sums, what the
unit table shows, that they are remembered, and that a result the options no longer describe
is never shown as current."""

from __future__ import annotations

import pytest

from govreport_desktop.core.summary import MISSING, OTHER_YEAR
from govreport_desktop.ui import summary_window
from govreport_desktop.ui.settings import Settings
from test_summary_run import unit

from .test_summary_window import run
from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "各单位"
    d.mkdir()
    for i in range(1, 4):
        unit(d, f"第{i}镇", i)                      # 2025: the year most files report
    for i in (7, 8):
        unit(d, f"第{i}镇", 10 * i, year=2024)
    return d


@pytest.fixture
def sw(window, qtbot):
    w = summary_window.show_for(window)
    w.jobs = 1
    qtbot.waitExposed(w)
    yield w
    w.close()


def units_with(sw, status: str) -> list[str]:
    return sorted(u.unit for u in sw.summary.units if u.status == status)


def test_the_rosters_missing_units_appear_in_the_unit_table(sw, qtbot, folder, tmp_path):
    roster = tmp_path / "名单.txt"
    roster.write_text("第1镇\n第2镇\n第3镇\n第9镇\n城关镇\n", encoding="utf-8")
    assert sw.options.set_roster(str(roster))
    assert sw.options.roster_count.text() == "5 个单位"
    assert run(sw, qtbot, [folder]) == "done"
    assert units_with(sw, MISSING) == ["城关镇", "第9镇"]
    sw.status_filter.setCurrentText(MISSING)
    assert sw.proxy.rowCount() == 2
    assert "未报送 2" in sw.status.text()


def test_a_bad_roster_gives_a_message_and_no_run(sw, qtbot, folder, tmp_path, dialogs):
    bad = tmp_path / "名单.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    assert not sw.options.set_roster(str(bad))          # refused when chosen
    assert sw.options.roster_path.text() == "" and "名单.xlsx" in dialogs.messages[-1][2]
    good = tmp_path / "名单.txt"
    good.write_text("第1镇\n", encoding="utf-8")
    assert sw.options.set_roster(str(good))
    good.write_text("# 仅注释\n\n", encoding="utf-8")     # emptied before the run
    n = len(dialogs.messages)
    assert not sw.start([folder])
    assert len(dialogs.messages) == n + 1 and "未开始汇总" in dialogs.messages[-1][2]
    assert sw.job is None and sw.summary is None and sw.proxy.rowCount() == 0


def test_a_chosen_year_leaves_the_other_years_files_out(sw, qtbot, folder):
    run(sw, qtbot, [folder])
    assert sw.summary.report.year == 2025 and units_with(sw, OTHER_YEAR) == ["第7镇", "第8镇"]
    sw.options.year.setCurrentIndex(sw.options.year.findData(2024))
    run(sw, qtbot, [folder])
    assert sw.summary.report.year == 2024
    assert units_with(sw, OTHER_YEAR) == ["第1镇", "第2镇", "第3镇"]
    assert sw.summary.report.cells["t2.R1.CT"] == 70 + 80
    sw.options.other_years.setChecked(True)
    run(sw, qtbot, [folder])
    assert units_with(sw, OTHER_YEAR) == [] and sw.summary.report.cells["t2.R1.CT"] == 1 + 2 + 3 + 70 + 80


def test_changing_an_option_after_a_run_offers_to_run_again(sw, qtbot, folder):
    run(sw, qtbot, [folder])
    assert sw.stale.isHidden() and sw.export.isEnabled()
    sw.options.year.setCurrentIndex(sw.options.year.findData(2024))
    assert sw.stale.isVisible() and "汇总年度：2024年" in sw.stale_text.text()
    assert not sw.export.isEnabled() and not sw.open_sum.isEnabled()
    sw.options.year.setCurrentIndex(0)                  # back to 自动: the result fits again
    assert sw.stale.isHidden() and sw.export.isEnabled()
    sw.options.other_years.setChecked(True)
    assert sw.stale.isVisible()
    with qtbot.waitSignal(sw.finished, timeout=60_000):
        sw.rerun.click()
    assert sw.stale.isHidden() and units_with(sw, OTHER_YEAR) == []


def test_the_summing_units_name_titles_the_report_without_a_new_run(sw, qtbot, folder, window):
    sw.options.unit.setText("某某县人民政府")
    sw.options.unit_kind.setCurrentIndex(sw.options.unit_kind.findData("county_gov"))
    sw.options.unit.editingFinished.emit()
    run(sw, qtbot, [folder])
    assert sw.summary.report.unit == "某某县人民政府" and sw.summary.report.unit_kind == "county_gov"
    assert sw.summary.report.title == "某某县人民政府2025年政府信息公开工作年度报告"
    sw.options.unit.setText("某某区人民政府")
    sw.options.unit.editingFinished.emit()
    assert sw.stale.isHidden() and sw.open_sum.isEnabled()
    assert sw.open_summed_report()
    assert window.doc.report.title == "某某区人民政府2025年政府信息公开工作年度报告"
    assert window.meta_tab.isEnabled()


def test_the_options_are_remembered(sw, settings, tmp_path):
    roster = tmp_path / "名单.txt"
    roster.write_text("第1镇\n", encoding="utf-8")
    sw.options.set_roster(str(roster))
    sw.options.year.setCurrentIndex(sw.options.year.findData(2024))
    sw.options.other_years.setChecked(True)
    sw.options.unit.setText("某某县人民政府")
    sw.options.unit.editingFinished.emit()
    settings.sync()
    again = summary_window.SummaryWindow(None, settings=Settings(settings.path))
    o = again.options.options()
    assert (o.roster, o.year, o.other_years, o.unit) == (str(roster), 2024, True, "某某县人民政府")
    again.deleteLater()
