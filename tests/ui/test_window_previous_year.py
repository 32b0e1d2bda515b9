"""工具 → 对照上年报告: last year's report turns on the year-over-year rules (Y01 上年结转 …)."""

from __future__ import annotations

from govreport_desktop.io import jsondoc

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401


def last_year_of(report, tmp_path, carried: int):
    """朝晖街道's 2020 report as the user would have it: 结转下年度 自然人 = `carried`."""
    last = report.copy()
    last.year = 2020
    last.cells["t2.R4.C1"] = carried
    last.cells["t2.R4.CT"] = carried
    path = tmp_path / "朝晖街道2020.json"
    path.write_bytes(jsondoc.encode(last))
    return path


def rule_ids(window):
    return {p.id for p in window.doc.problems}


def test_last_years_carry_forward_is_checked(window, tmp_path):
    assert not any(i.startswith("Y01") for i in rule_ids(window))
    assert not window.actions_.clear_previous.isEnabled()
    # 2020 carried 2 applications forward; 2021 says it took over 0.
    assert window.session.load_previous(last_year_of(window.doc.report, tmp_path, carried=2))
    assert {"Y01@t2.C1", "Y01@t2.CT"} <= rule_ids(window)
    assert "跨年核对发现" in window.statusBar().currentMessage()
    assert window.actions_.clear_previous.isEnabled()
    # Not part of the user's data: no undo step, the report is not modified.
    assert not window.doc.modified
    window.actions_.clear_previous.trigger()
    assert not any(i.startswith("Y01") for i in rule_ids(window))


def test_a_report_of_another_year_asks_first(window, dialogs, tmp_path):
    path = last_year_of(window.doc.report, tmp_path, carried=2)
    wrong = jsondoc.read(path)
    wrong.year = 2018
    path.write_bytes(jsondoc.encode(wrong))
    dialogs.confirm = False
    assert not window.session.load_previous(path)
    assert window.doc.previous is None
    assert any("2018年度" in text for _kind, _title, text in dialogs.messages)


def test_an_unreadable_previous_report_changes_nothing(window, dialogs, tmp_path):
    bad = tmp_path / "上年.json"
    bad.write_text("{", encoding="utf-8")
    before = rule_ids(window)
    assert not window.session.load_previous(bad)
    assert rule_ids(window) == before
    assert dialogs.messages and dialogs.messages[-1][1] == "无法读取上年报告"



def test_last_years_problems_section_stands_beside_this_years(window, tmp_path):
    """Y05: while comparing, last year's 五 is shown read-only next to the 五 editor."""
    path = last_year_of(window.doc.report, tmp_path, carried=0)
    last = jsondoc.read(path)
    last.sections["s5"] = "2020年存在的问题：公开指南更新不及时。"
    path.write_bytes(jsondoc.encode(last))
    editor = window.editors["s5"]
    assert editor.reference_box.isHidden()
    window.session.load_previous(path)
    assert not editor.reference_box.isHidden()
    assert editor.reference.toPlainText() == last.sections["s5"]
    assert editor.reference.isReadOnly()
    assert "2020年报告" in editor.reference_title.text()
    window.session.set_previous(None)
    assert editor.reference_box.isHidden()
