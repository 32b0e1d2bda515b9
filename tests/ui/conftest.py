"""Fixtures of the grid tests: documents on a balanced report (all zeros) and on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "zhaohui-street-2021.json"


def zero_report(format_id: str = "2021"):
    """A report whose every cell is 0: no arithmetic problem, so any highlight is the edit's."""
    from govreport_desktop.core.report import Report
    from govreport_desktop.core.totals import fill_blanks

    report = Report.new(2021 if format_id == "2021" else 2020, unit="测试街道", format_id=format_id)
    report.cells.update(fill_blanks(report))
    return report


@pytest.fixture
def zero_doc(qapp):
    from govreport_desktop.ui.document import Document

    return Document(zero_report("2021"))


@pytest.fixture
def zero_doc_2019(qapp):
    from govreport_desktop.ui.document import Document

    return Document(zero_report("2019"))


@pytest.fixture
def sample_doc(qapp):
    from govreport_desktop.io import jsondoc
    from govreport_desktop.ui.document import Document

    return Document(jsondoc.read(SAMPLE))


@pytest.fixture
def t2_grid(qtbot, zero_doc):
    """A shown 表二 grid with keyboard focus (offscreen)."""
    from govreport_desktop.ui.grid_view import GridView

    view = GridView(zero_doc, "t2")
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    return view


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Leave the clipboard empty after each test: mime data still on the *offscreen* platform's
    clipboard when the process ends makes Qt's teardown segfault (exit 139 after all tests pass;
    a real X11 clipboard does not), which would fail CI."""
    yield
    qapp.clipboard().clear()
    qapp.processEvents()
