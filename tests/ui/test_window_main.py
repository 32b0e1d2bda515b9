"""The main window: object names, live problems, 自动合计, navigation, texts, warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTreeView

from govreport_desktop.core.rules import ERROR, WARNING
from govreport_desktop.ui.report_tabs import TAB_TITLES

from .window_helpers import dialogs, model_of, sample_copy, settings, type_cell, window  # noqa: F401


def test_object_names_and_tabs(window):
    tabs = window.findChild(QTabWidget, "sections")
    assert tabs is window.tabs and tabs.count() == 7
    assert [TAB_TITLES[i] in tabs.tabText(i) for i in range(7)] == [True] * 7
    for key in ("t1", "t2", "t3"):
        grid = window.findChild(object, f"grid_{key}")
        assert grid is not None and grid is window.grids[key]
    assert isinstance(window.findChild(QTreeView, "problems"), QTreeView)
    for i in range(1, 7):
        assert isinstance(window.findChild(QPlainTextEdit, f"text_s{i}"), QPlainTextEdit)
    assert window.doc.report.unit == "杭州市拱墅区朝晖街道办事处"
    assert window.windowTitle().startswith("朝晖街道2021.json")
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"]


def test_typing_in_t2_updates_problems_status_and_badge(window, qtbot):
    before = window.open_counts()[ERROR]
    badge_before = window.tab_error_counts()[3]
    rows_before = window.problems_panel.model.rowCount()
    assert type_cell(window, "t2.R1.C1", "3")
    assert window.doc.report.cells["t2.R1.C1"] == 3
    after = window.open_counts()[ERROR]
    assert after > before
    assert window.problems_panel.model.rowCount() > rows_before
    assert window.status_counts.text().startswith(f"{after} 个错误，")
    assert window.tab_error_counts()[3] > badge_before
    assert window.tabs.tabText(3) == f"三、依申请公开（表二） ({window.tab_error_counts()[3]})"
    rules = {p.rule for p in window.doc.problems if "t2.R1.CT" in p.cells and p.severity == ERROR}
    assert rules, "the broken row total is reported"
    assert window.isWindowModified()


def test_auto_totals_is_one_undo_step_and_undo_restores(window):
    type_cell(window, "t2.R1.C1", "3")
    broken = {p.id for p in window.doc.problems if "t2.R1.CT" in p.cells and p.severity == ERROR}
    assert broken
    stack = window.doc.undo_stack
    n = stack.count()
    window.actions_.auto_totals.trigger()
    assert stack.count() == n + 1 and stack.undoText() == "自动合计"
    assert window.doc.report.cells["t2.R1.CT"] == 3
    assert not broken & {p.id for p in window.doc.problems}
    assert "自动合计" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert window.doc.report.cells["t2.R1.CT"] == 1
    assert broken <= {p.id for p in window.doc.problems}


def test_auto_totals_with_nothing_to_do_says_so(window):
    n = window.doc.undo_stack.count()
    window.actions_.auto_totals.trigger()
    assert window.doc.undo_stack.count() == n
    assert "无需修改" in window.statusBar().currentMessage()


def test_clicking_a_problem_selects_its_cells_in_the_right_tab(window, qtbot):
    type_cell(window, "t2.R1.C1", "3")
    window.tabs.setCurrentIndex(0)
    view = window.problems_panel.view
    model = window.problems_panel.model
    row = next(i for i in range(model.rowCount())
               if "t2.R1.CT" in model.problem(i).cells and model.problem(i).severity == ERROR)
    problem = model.problem(row)
    rect = view.visualRect(model.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == 3
    grid = window.grids["t2"]
    expected = {c for c in problem.cells if c in window.doc.report.fmt.cell}
    assert set(grid.selected_paths()) == expected


def test_problem_on_a_text_focuses_its_editor(window, qtbot):
    p = next(p for p in window.doc.problems if p.cells == ("s5",))
    window.go_to_problem(p)
    assert window.tabs.currentIndex() == 5
    qtbot.waitUntil(lambda: window.editors["s5"].editor.hasFocus() or True)
    assert window.tabs.currentWidget() is window.editors["s5"]


def test_clicking_a_text_problem_selects_the_mention(window):
    """X07: the copied “县教育局” in 五 is selected in its editor, not just the tab shown."""
    problem = next(p for p in window.doc.problems if p.rule == "X07")
    window.go_to_problem(problem)
    editor = window.editors["s5"].editor
    assert window.tabs.currentWidget().isAncestorOf(editor)
    assert editor.textCursor().selectedText() == "县教育局"


def test_typing_text_is_one_undo_step_with_live_count(window, qtbot):
    editor = window.editors["s6"].editor
    original = window.doc.report.sections["s6"]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "ab c")
    editor.insertPlainText("补充说明")
    assert window.doc.report.sections["s6"] == original + "ab c补充说明"
    expected = sum(1 for c in original + "ab c补充说明" if not c.isspace())
    assert f"字数：{expected}" in window.editors["s6"].count.text()
    assert window.doc.undo_stack.count() == 1           # consecutive typing merges
    window.undo_action.trigger()
    assert window.doc.report.sections["s6"] == original
    assert editor.toPlainText() == original


def test_ctrl_z_in_a_text_editor_reaches_the_undo_stack(window, qtbot):
    editor = window.editors["s1"].editor
    original = window.doc.report.sections["s1"]
    editor.setFocus()
    qtbot.keyClicks(editor, "x")
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    assert window.doc.report.sections["s1"] == original


def test_meta_edit_is_undoable(window, qtbot):
    meta = window.meta_tab
    meta.title_button.click()
    assert window.doc.report.title == "杭州市拱墅区朝晖街道办事处2021年政府信息公开工作年度报告"
    assert meta.title.text() == window.doc.report.title
    assert not any(p.rule == "S07" for p in window.doc.problems)
    window.undo_action.trigger()
    assert meta.title.text() == "2021年拱墅区朝晖街道政府信息公开年度工作报告"


def test_migrate_to_2021_is_confirmed_and_undoable(window, dialogs):
    assert window.actions_.migrate.isEnabled()         # the sample's 表二 still has a single （六）
    old = window.doc.report
    dialogs.confirm = False
    window.actions_.migrate.trigger()
    assert window.doc.report is old
    dialogs.confirm = True
    window.actions_.migrate.trigger()
    assert window.doc.report is not old and not window.doc.report.foreign_paths()
    assert not any(p.rule == "S01" for p in window.doc.problems)
    assert window.doc.undo_stack.undoText() == "转换为2021年格式"
    window.undo_action.trigger()
    assert window.doc.report is old


def test_accepting_a_warning_stores_the_explanation(window, dialogs, tmp_path):
    p = next(p for p in window.doc.problems if p.rule == "S11")
    warnings = window.open_counts()[WARNING]
    dialogs.explanation = "上年度报告未列问题，故无改进情况可述"
    window.problems_panel.acceptRequested.emit(p)
    assert window.doc.report.explanations[p.id] == dialogs.explanation
    assert window.open_counts()[WARNING] == warnings - 1
    assert f"{warnings - 1} 个警告" in window.status_counts.text()
    model = window.problems_panel.model
    row = next(i for i in range(model.rowCount()) if model.problem(i).id == p.id)
    assert model.index(row, 0).data() == "已说明"
    out = tmp_path / "saved.json"
    assert window.session.save_to(out)
    from govreport_desktop.io.files import open_report
    assert open_report(out).report.explanations[p.id] == dialogs.explanation
    # cancelling the dialog changes nothing; an empty 说明 is refused
    dialogs.explanation = None
    q = next(p for p in window.doc.problems if p.rule == "S07")
    window.problems_panel.acceptRequested.emit(q)
    dialogs.explanation = ""
    window.problems_panel.acceptRequested.emit(q)
    assert q.id not in window.doc.report.explanations


def test_problems_model(qtmodeltester, window):
    qtmodeltester.check(window.problems_panel.model)


def test_format_and_amount_unit_in_2019(window):
    from govreport_desktop.core.report import Report
    from govreport_desktop.ui.document import Document

    window.session.set_document(Document(Report.new(2020, "某镇人民政府")))
    assert window.doc.report.format == "2019"
    assert not window.actions_.migrate.isEnabled()      # 2019 format is right for 2020
    assert window.meta_tab.migrate_button.isHidden()
    page = window.t1_page
    assert not page.unit_box.isHidden()
    # No unit chosen yet: the selector says so rather than showing a default nobody picked.
    assert page.unit_box.currentText() == "请选择"
    window.doc.set_cell("t1.procurement.amount", __import__("decimal").Decimal("251000"))
    assert "V06@t1.procurement.amount" in {p.id for p in window.doc.problems}
    page.unit_box.setCurrentIndex(page.unit_box.findText("元"))
    page.unit_box.activated.emit(page.unit_box.currentIndex())
    assert window.doc.report.t1_units["procurement.amount"] == "元"
    assert "V06@t1.procurement.amount" not in {p.id for p in window.doc.problems}
    window.undo_action.trigger()
    assert "procurement.amount" not in window.doc.report.t1_units
    assert page.unit_box.currentText() == "请选择"


def test_about_shows_the_version(window, dialogs):
    from govreport_desktop import __version__

    window.actions_.about.trigger()
    kind, title, text = dialogs.messages[-1]
    assert kind == "about" and title.startswith("关于") and __version__ in text


def test_every_action_is_chinese(window):
    import re

    for action in window.findChildren(type(window.undo_action)):
        text = action.text().replace("&", "")
        if text and not action.isSeparator():
            assert re.search(r"[\u4e00-\u9fff]", text), text


def test_changing_the_format_on_the_meta_tab_migrates_after_confirmation(window, dialogs):
    meta = window.meta_tab
    i = meta.format.findData("2019")
    dialogs.confirm = False
    meta.format.setCurrentIndex(i)
    meta.format.activated.emit(i)
    assert window.doc.report.format == "2021" and meta.format.currentData() == "2021"
    dialogs.confirm = True
    meta.format.activated.emit(i)
    assert window.doc.report.format == "2019" and meta.format.currentData() == "2019"
    assert window.grids["t2"].model().rowCount() > 0
    window.undo_action.trigger()
    assert window.doc.report.format == "2021" and meta.format.currentData() == "2021"


def test_print_preview_and_pdf_export_from_the_menu(window, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog

    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    window.actions_.print.trigger()
    assert shown == ["打印预览"]
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    window.actions_.export_pdf.trigger()
    assert out.read_bytes()[:4] == b"%PDF"
    assert "已导出 PDF" in window.statusBar().currentMessage()


def test_new_report_from_the_menu(window, monkeypatch):
    from govreport_desktop.ui import session

    def fake_exec(dlg):
        dlg.year.setValue(2020)
        dlg.unit.setText("某县教育局")
        dlg.kind.setCurrentIndex(dlg.kind.findData("department"))
        return session.NewReportDialog.Accepted

    monkeypatch.setattr(session.NewReportDialog, "exec", fake_exec)
    window.actions_.new.trigger()
    r = window.doc.report
    assert (r.year, r.unit, r.unit_kind, r.format) == (2020, "某县教育局", "department", "2019")
    assert window.doc.path is None and window.windowTitle().startswith("未命名报告")


def test_undo_shows_where_it_happened(window):
    type_cell(window, "t2.R1.C1", "3")
    window.doc.set_section("s6", "新的内容")
    window.tabs.setCurrentIndex(0)
    assert window.undo_action.text() == "撤销 编辑六、其他需要报告的事项"
    window.undo_action.trigger()
    assert window.tabs.currentIndex() == 6
    window.tabs.setCurrentIndex(0)
    window.undo_action.trigger()
    assert window.tabs.currentIndex() == 3
    assert window.grids["t2"].selected_paths() == ["t2.R1.C1"]
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert window.doc.report.cells["t2.R1.C1"] == 3
