"""The 汇总 window's models: the unit table sorts and filters, the summed tables trace back."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from govreport_desktop.core.summary import HAS_ERRORS, PASSED, UNREADABLE, summarize
from govreport_desktop.core.values import format_value
from govreport_desktop.io.summary_run import map_file
from govreport_desktop.ui.summary_model import (PathRole, SummedTableModel, UnitFilterProxy, UnitTableModel,
                                                trace_lines)
from test_summary_run import unit


@pytest.fixture
def summary(tmp_path):
    paths = [unit(tmp_path, f"第{i}街道", 10 * i + 3) for i in range(1, 6)]
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    paths.append(bad)
    records = [map_file(i, p) for i, p in enumerate(paths)]
    records[2].errors = 4            # one unit with errors, as its checker would have said
    return summarize(records)


def proxy_of(summary, qtmodeltester):
    model = UnitTableModel()
    model.set_units(summary.units)
    qtmodeltester.check(model)
    proxy = UnitFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    return proxy


def column(proxy, name: str) -> list:
    c = next(i for i in range(proxy.columnCount()) if proxy.headerData(i, Qt.Horizontal) == name)
    return [proxy.index(r, c).data() for r in range(proxy.rowCount())]


def test_unit_table_filters_by_status_and_text(summary, qtmodeltester):
    proxy = proxy_of(summary, qtmodeltester)
    assert proxy.rowCount() == 6
    proxy.set_status(UNREADABLE)
    assert column(proxy, "文件") == ["坏文件.xlsx"]
    proxy.set_status(HAS_ERRORS)
    assert column(proxy, "单位") == ["第3街道"]
    proxy.set_status(PASSED)
    proxy.set_text("第4")
    assert column(proxy, "单位") == ["第4街道"]
    proxy.set_status("")
    proxy.set_text("损坏")                      # the reason in 说明 is searched too
    assert column(proxy, "文件") == ["坏文件.xlsx"]
    proxy.set_text("")
    assert proxy.rowCount() == 6


def test_unit_table_sorts_numbers_as_numbers_and_blanks_last(summary, qtmodeltester):
    proxy = proxy_of(summary, qtmodeltester)
    errors = next(i for i in range(proxy.columnCount()) if proxy.headerData(i, Qt.Horizontal) == "错误")
    proxy.sort(errors, Qt.DescendingOrder)
    values = column(proxy, "错误")
    assert values[0] == 4 and values[1:5] == [0, 0, 0, 0]
    proxy.sort(errors, Qt.AscendingOrder)
    values = column(proxy, "错误")
    assert values[:5] == [0, 0, 0, 0, 4] and values[5] == ""     # unreadable: nothing was checked


def test_every_summed_cells_tooltip_adds_up_to_the_cell(summary, qtmodeltester):
    model = SummedTableModel(summary, "t2")
    qtmodeltester.check(model)
    checked = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            path = index.data(PathRole)
            if path is None:
                continue
            tip = index.data(Qt.ToolTipRole)
            lines = tip.split("<br/>")
            assert "（5 个单位）" in lines[0]
            parts = [Decimal(re.search(r"：(-?[\d,.]+)$", line).group(1).replace(",", ""))
                     for line in lines[1:] if "空白" not in line]
            cell = summary.report.cells[path]
            assert sum(parts) == cell and index.data() == format_value(cell)
            checked += 1
    assert checked == len(summary.fmt.table["t2"].cells)


def test_a_long_trace_names_the_largest_and_sums_the_rest(summary):
    lines = trace_lines(summary, "t2.R1.C1", shown=2)
    assert lines[1].startswith("　第5街道：53") and lines[2].startswith("　第4街道：43")
    assert lines[3] == "　其余 3 个单位合计：69"          # 13 + 23 + 33



