"""文件 → 导出 and 编辑 → 复制为网页 in the window: never a save, errors told first, notices shown."""

from __future__ import annotations

import io
import zipfile

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from govreport_desktop.core.rules import ERROR
from govreport_desktop.io import files
from govreport_desktop.io.export import fonts
from govreport_desktop.ui import export_actions

from .window_helpers import dialogs, sample_copy, settings, type_cell, window  # noqa: F401

needs_fonts = pytest.mark.skipif(fonts.find(("宋体",))[0] is None, reason="no CJK TrueType font")


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """Answers the export file dialog with a file in tmp_path; records what was asked."""
    asked = []

    def answer(name):
        def dialog(parent, title, suggested, filters, *a, **k):
            asked.append((title, suggested, filters))
            return (str(tmp_path / name) if name else "", "")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
        return asked
    return answer


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_the_export_menu_lists_every_publication(window):
    menu = window.findChild(QMenu, "export_menu")
    assert menu is not None and menu.title() == "导出(&E)"
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names == ["Word 文档(&W)…", "PDF 文件(&P)…", "网页(&H)…", "审核情况说明（Word）(&R)…", "审核情况说明（PDF）(&S)…"]
    edit = window.menuBar().actions()[1].menu()
    assert "复制为网页(&C)" in [a.text() for a in edit.actions()]


@needs_fonts
@pytest.mark.parametrize("action,name,magic", [
    ("export_docx", "报告.docx", b"PK"), ("export_pdf", "报告.pdf", b"%PDF"), ("export_html", "报告.html", b"<!DOCTYPE"),
])
def test_each_export_writes_its_file_and_is_never_a_save(window, dialogs, save_to, sample_copy, tmp_path,
                                                         action, name, magic):
    asked = save_to(name)
    type_cell(window, "t2.R1.C1", "7")
    getattr(window.actions_, action).trigger()
    out = tmp_path / name
    assert out.read_bytes().startswith(magic)
    assert asked[0][1].endswith("朝晖街道2021" + out.suffix)        # the report's name, the kind's suffix
    # the document keeps its file, its unsaved change and the recent list
    assert window.doc.path == sample_copy and window.doc.modified and window.isWindowModified()
    assert window.windowTitle().startswith("朝晖街道2021.json")
    assert files.open_report(sample_copy).report.cells["t2.R1.C1"] != 7
    assert str(out) not in window.session.recent_files
    assert "已导出" in window.statusBar().currentMessage()


def test_a_saved_document_stays_saved_after_an_export(window, save_to, tmp_path):
    save_to("报告.html")
    assert not window.doc.modified
    window.actions_.export_html.trigger()
    assert (tmp_path / "报告.html").exists() and not window.doc.modified and not window.isWindowModified()


def test_errors_are_listed_before_exporting_and_the_user_may_stop(window, dialogs, save_to, tmp_path):
    asked = save_to("报告.html")
    errors = [p for p in window.doc.problems if p.severity == ERROR]
    assert errors, "the sample still has errors (S01, S05)"
    dialogs.confirm = False
    window.actions_.export_html.trigger()
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("exec", "报告仍有错误")
    assert f"报告仍有 {len(errors)} 个错误" in text and all(p.rule in text for p in errors)
    assert not asked and not (tmp_path / "报告.html").exists()   # stopped before the file dialog
    dialogs.confirm = True
    window.actions_.export_html.trigger()
    assert (tmp_path / "报告.html").exists()


def test_export_notices_are_shown(window, dialogs, save_to, tmp_path):
    """The sample's 2019-style （六）其他处理 is not in the 2021 table: the export says so."""
    save_to("报告.html")
    window.actions_.export_html.trigger()
    info = [m for m in dialogs.messages if m[:2] == ("information", "导出说明")]
    assert info and "属于其他格式的栏目" in info[-1][2]


@needs_fonts
@pytest.mark.parametrize("action,name", [("export_review_docx", "说明.docx"), ("export_review_pdf", "说明.pdf")])
def test_review_exports_are_separate_documents_without_the_error_question(window, dialogs, save_to, tmp_path,
                                                                        action, name):
    asked = save_to(name)
    getattr(window.actions_, action).trigger()
    assert not [m for m in dialogs.messages if m[1] == "报告仍有错误"]
    suffix = "." + name.rsplit(".", 1)[1]
    assert asked[0][0].startswith("导出 审核情况说明") and asked[0][1].endswith("朝晖街道2021 审核情况说明" + suffix)
    data = (tmp_path / name).read_bytes()
    if name.endswith(".docx"):
        text = docx_text(data)
        assert "审核情况说明" in text and "S01" in text and "县教育局" in text     # errors and open warnings
    else:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert "审核情况说明" in text and "S01" in text
    assert not window.doc.modified


def test_a_failed_export_is_a_message_and_changes_nothing(window, dialogs, save_to, tmp_path):
    """A name of a report file type is refused: an export never writes over a report."""
    save_to("报告.json")
    type_cell(window, "t2.R1.C1", "7")
    window.actions_.export_html.trigger()
    kind, title, text = dialogs.messages[-1]
    assert title == "导出失败" and "导出不会覆盖报告文件" in text
    assert not (tmp_path / "报告.json").exists() and window.doc.modified


def test_a_name_without_suffix_gets_the_kinds(window, save_to, tmp_path):
    save_to("发布稿")
    window.actions_.export_html.trigger()
    assert (tmp_path / "发布稿.html").read_bytes().startswith(b"<!DOCTYPE")


def test_copy_as_web_page_puts_html_and_plain_text_on_the_clipboard(window):
    from govreport_desktop.io.export import webpage

    QApplication.clipboard().clear()
    window.actions_.copy_html.trigger()
    mime = QApplication.clipboard().mimeData()
    report = window.doc.report
    assert mime.hasHtml() and mime.hasText()
    html = mime.html()
    assert html == webpage.fragment(report)
    assert html.count("<table") == 3 and 'rowspan="' in html and "<script" not in html
    text = mime.text()
    assert text == webpage.plain_text(report)
    assert "申请人情况" in text and "\t" in text and "<" not in text.split("\n")[0]
    assert "已复制为网页" in window.statusBar().currentMessage()
    assert not window.doc.modified


def test_errors_text_lists_a_few_and_counts_the_rest(window):
    from govreport_desktop.core.rules import Problem

    many = [Problem(f"A{i:02d}@x", f"A{i:02d}", ERROR, f"第{i}个", ()) for i in range(12)]
    text = export_actions.errors_text(many)
    assert text.count("\n• ") == export_actions.SHOWN_ERRORS - 1 and "另有 4 个错误" in text
