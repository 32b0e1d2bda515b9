"""Reports brought into the window: File → Open and drag-and-drop of a .docx, .pdf, .html and .txt
(through the reader process), 编辑 → 粘贴整份报告, 文件 → 新建 → 从上年报告开始…, and last year's
report kept in the saved file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.export import export

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "fixtures"
sys.path.insert(0, str(DATA))

import official_docx  # noqa: E402
import official_html  # noqa: E402


def shared(*parts) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    return path


@pytest.fixture
def county():
    return jsondoc.read(shared("truth", "shuyang-county-2025.json"))


@pytest.fixture
def save_dialog(monkeypatch):
    """Answers 另存为 with the name it proposes; records what it proposed."""
    asked = []

    def answer(parent, title, suggested, filters, *a, **k):
        asked.append(suggested)
        return suggested, filters.split(";;")[0]
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", staticmethod(answer))
    return asked


def info(dialogs, title):
    return [text for kind, t, text in dialogs.messages if t == title]


def cells_of(report):
    return {p: report.cells.get(p) for p in report.fmt.cell_paths}


@pytest.fixture(params=[".docx", ".pdf", ".html", ".txt"])
def published(request, tmp_path):
    """A published report of each kind, and the cells it must give."""
    suffix = request.param
    if suffix == ".docx":
        path = tmp_path / "某某镇2022年报.docx"
        official_docx.build(path)
        return path, official_docx.expected_cells()
    if suffix == ".pdf":
        path = tmp_path / "某某镇2022年报.pdf"
        shutil.copy(DATA / "official-2021.pdf", path)
        return path, official_docx.expected_cells()
    if suffix == ".html":
        path = tmp_path / "某某镇2022年报.html"
        path.write_bytes(official_html.build_bytes())
        return path, None
    path = tmp_path / "朝晖街道2021年报.txt"
    shutil.copy(shared("reports", "zhaohui-street-2021.txt"), path)
    return path, {p: v for p, v in jsondoc.read(shared("truth", "zhaohui-street-2021.json")).cells.items()}


def test_open_imports_a_published_report_as_a_new_unsaved_document(window, dialogs, published, save_dialog, tmp_path):
    path, expected = published
    before = path.read_bytes()
    assert window.session.open_file(path, ask=False)
    doc = window.doc
    assert doc.path is None and doc.source == path and doc.modified
    assert window.windowTitle().startswith(f"{path.name}（导入）")
    if expected is not None:
        got = doc.report.cells
        assert {p: got.get(p) for p in expected} == expected
    # the summary: shown once, and kept in the problems list with the importer's findings
    (summary,) = info(dialogs, "导入说明")
    assert f"已从“{path.name}”读入" in summary and "原文件不会被修改" in summary and "表二" in summary
    import_rules = {p.rule for p in doc.problems}
    assert {p.rule for p in doc.findings} <= import_rules
    # 保存 proposes <source name>.xlsx beside it; the source is never written
    assert window.session.save()
    saved = path.with_suffix(".xlsx")
    assert save_dialog == [str(saved)]
    assert path.read_bytes() == before
    assert not doc.modified and doc.path == saved
    assert cells_of(files.open_report(saved).report) == cells_of(doc.report)


@pytest.fixture
def published_docx(tmp_path):
    path = tmp_path / "某某镇2022年报.docx"
    official_docx.build(path)
    return path


def test_what_could_not_be_placed_is_listed_with_where(window, dialogs, tmp_path):
    path = shared("reports", "zhaohui-street-2021.txt")
    assert window.session.open_file(path, ask=False)
    notices = [p for p in window.doc.problems if p.rule == "导入"]
    (summary,) = info(dialogs, "导入说明")
    assert notices and all(p.message in summary for p in notices)
    # the 朝晖街道 report gives only two of 行政规范性文件's three numbers: said where
    assert any("原表未填" in p.message or "未找到" in p.message for p in notices)
    assert "S05" in {p.rule for p in window.doc.problems}


def test_dropping_a_word_document_imports_it(window, published_docx):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(published_docx))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(event)
    assert event.isAccepted()
    window.dropEvent(event)
    assert window.doc.source == published_docx and window.doc.report.cells["t2.R1.CT"] == 23


def test_another_units_workbook_is_imported_not_overwritten(window, dialogs, save_dialog, tmp_path, county):
    from govreport_desktop.io import xlsx_write
    from openpyxl import load_workbook

    path = tmp_path / "其他单位.xlsx"
    path.write_bytes(xlsx_write.encode(county))
    wb = load_workbook(path)
    del wb["_govreport"]                      # no hidden copy: read by its labels, like any unit's workbook
    wb.save(path)
    assert window.session.open_file(path, ask=False)
    assert window.doc.path is None and window.doc.source == path
    assert window.session.save()
    assert save_dialog == [str(tmp_path / "其他单位（导入）.xlsx")]


def test_the_open_dialog_offers_every_readable_type():
    from govreport_desktop.ui.session import open_filters

    filters = open_filters()
    for glob in ("*.xlsx", "*.docx", "*.pdf", "*.html", "*.txt", "*.md"):
        assert glob in filters.split(";;")[0]
    assert "Word 文档 (*.docx" in filters and "PDF 文件 (*.pdf)" in filters


# ---------------------------------------------------------------- 粘贴整份报告

def put_on_clipboard(html=None, text=None):
    mime = QMimeData()
    if html is not None:
        mime.setHtml(html)
    if text is not None:
        mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def test_pasting_a_copied_web_page_gives_the_same_report(window, dialogs, tmp_path):
    page = shared("reports", "shuyang-fagaiju-2023.html")
    from_file = files.open_report(page).report
    put_on_clipboard(html=page.read_bytes().decode("utf-8", "replace"), text="ignored")
    assert window.actions_.paste_report in window.menuBar().actions()[1].menu().actions()
    window.actions_.paste_report.trigger()
    doc = window.doc
    assert doc.path is None and doc.source is None and doc.modified
    assert cells_of(doc.report) == cells_of(from_file) and doc.report.sections == from_file.sections
    assert info(dialogs, "导入说明") and "剪贴板" in info(dialogs, "导入说明")[0]


def test_pasting_plain_text_and_an_empty_clipboard(window, dialogs):
    text = shared("reports", "zhaohui-street-2021.txt").read_text(encoding="utf-8")
    put_on_clipboard(text=text)
    assert window.session.doc is not None
    window.actions_.paste_report.trigger()
    assert window.doc.report.cells["t2.R1.CT"] == 1 and window.doc.report.year == 2021
    window.doc.undo_stack.setClean()
    doc = window.doc
    put_on_clipboard(text="   ")
    window.actions_.paste_report.trigger()
    assert window.doc is doc
    assert dialogs.messages[-1][1] == "无法粘贴整份报告" and "剪贴板" in dialogs.messages[-1][2]


# ---------------------------------------------------------------- 从上年报告开始

@pytest.fixture
def last_years_pdf(tmp_path, county):
    """沭阳县 2025 as the county published it: a PDF made by the application's own export."""
    path = tmp_path / "沭阳县2025年报.pdf"
    export(county, path)
    return path


def choose(monkeypatch, path):
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def test_start_from_last_years_pdf(window, dialogs, monkeypatch, last_years_pdf, county):
    new_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "new_menu")
    assert [a.text() for a in new_menu.actions()] == ["空白报告(&B)…", "从上年报告开始(&L)…"]
    choose(monkeypatch, last_years_pdf)
    window.actions_.from_last_year.trigger()
    doc = window.doc
    rep = doc.report
    assert (rep.year, rep.unit, rep.format) == (2026, county.unit, "2021")
    assert doc.path is None and doc.modified and doc.previous is not None
    for c in ("C1", "C2", "C3", "C4", "C5", "C6", "CT"):
        assert rep.cells[f"t2.R2.{c}"] == county.cells[f"t2.R4.{c}"]
    assert "上年结转总计 31 件" in window.statusBar().currentMessage()
    # cross-year rules run at once
    window.doc.set_cell("t2.R2.C1", 30)
    assert "Y01@t2.C1" in {p.id for p in window.doc.problems}
    # last year's texts beside the editors, not copied
    for key in ("s1", "s5", "s6"):
        editor = window.editors[key]
        assert not editor.reference_box.isHidden() and "2025年报告" in editor.reference_title.text()
        assert editor.reference.toPlainText().replace("\n", "")[:20] == county.sections[key].replace("\n", "")[:20]
        assert editor.editor.toPlainText() != county.sections[key]


def test_a_started_report_keeps_last_year_in_its_file(window, dialogs, monkeypatch, last_years_pdf, tmp_path):
    choose(monkeypatch, last_years_pdf)
    window.actions_.from_last_year.trigger()
    window.doc.set_cell("t2.R2.C1", 30)
    out = tmp_path / "沭阳县2026.xlsx"
    assert window.session.save_to(out)
    window.session.set_document(type(window.doc)(jsondoc.read(shared("truth", "shuyang-county-2025.json"))))
    assert window.doc.previous is None and window.editors["s1"].reference_box.isHidden()
    assert window.session.open_file(out, ask=False)
    assert window.doc.path == out and window.doc.previous is not None and window.doc.previous.year == 2025
    assert "Y01@t2.C1" in {p.id for p in window.doc.problems}
    assert not window.editors["s5"].reference_box.isHidden() and window.actions_.clear_previous.isEnabled()


def test_comparing_with_last_year_is_kept_at_the_next_save(window, tmp_path):
    last = window.doc.report.copy()
    last.year = 2020
    last.cells["t2.R4.C1"] = 2
    path = tmp_path / "2020.json"
    path.write_bytes(jsondoc.encode(last))
    assert window.session.load_previous(path)
    out = tmp_path / "2021.json"
    assert window.session.save_to(out)
    again = files.open_report(out).report
    assert again.previous is not None and again.previous.cells["t2.R4.C1"] == 2
    window.session.set_previous(None)
    assert window.session.save_to(out)
    assert files.open_report(out).report.previous is None


def test_an_unreadable_last_year_changes_nothing(window, dialogs, monkeypatch, tmp_path):
    bad = tmp_path / "上年.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    choose(monkeypatch, bad)
    doc = window.doc
    window.actions_.from_last_year.trigger()
    assert window.doc is doc and dialogs.messages[-1][1] == "无法读取上年报告"


def test_a_clipboard_that_is_no_report_or_too_big_changes_nothing(window, dialogs, monkeypatch):
    from govreport_desktop.io import html_read

    doc = window.doc
    put_on_clipboard(html="<html><body><p>会议通知</p><p>请各单位按时参会。</p></body></html>")
    window.actions_.paste_report.trigger()
    assert window.doc is doc and dialogs.messages[-1][1] == "无法粘贴整份报告"
    assert "不像是政府信息公开工作年度报告" in dialogs.messages[-1][2]
    monkeypatch.setattr(html_read, "MAX_BYTES", 1000)
    put_on_clipboard(text="一、总体情况\n" + "全年主动公开信息。" * 200)
    window.actions_.paste_report.trigger()
    assert window.doc is doc and "过大" in dialogs.messages[-1][2]
