"""The session on its own (no window): a document's life, its prompts, messages and signals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from govreport_desktop.io import files, jsondoc
from govreport_desktop.ui import dialogs as dialogs_mod
from govreport_desktop.ui.new_report_dialog import NewReportDialog
from govreport_desktop.ui.session import Session, dropped_file

from .window_helpers import SAMPLE, dialogs, sample_copy, settings  # noqa: F401


@pytest.fixture
def session(qapp, dialogs, settings, sample_copy):
    s = Session(settings)
    assert s.open_file(sample_copy, ask=False)
    yield s
    s.doc.undo_stack.setClean()


def other_file(tmp_path, unit="某某镇人民政府"):
    report = jsondoc.read(SAMPLE)
    report.unit = unit
    path = tmp_path / "other.json"
    path.write_bytes(jsondoc.encode(report))
    return path


def recorder(signal) -> list:
    got = []
    signal.connect(lambda *args: got.append(args))
    return got


# ------------------------------------------------------------ unsaved changes

def test_opening_another_file_with_unsaved_changes_asks_first(session, dialogs, monkeypatch, tmp_path, sample_copy):
    asked = []
    answers = [dialogs_mod.CANCEL, dialogs_mod.SAVE]
    monkeypatch.setattr(dialogs_mod, "ask_save_changes", lambda parent, name: asked.append(name) or answers.pop(0))
    shown = recorder(session.documentChanged)
    doc = session.doc
    doc.set_cell("t2.R1.C1", 3)
    other = other_file(tmp_path)
    assert not session.open_file(other)                 # 取消: nothing happens
    assert asked == ["朝晖街道2021.json"] and session.doc is doc and doc.modified and not shown
    assert session.open_file(other)                     # 保存: written, then the other opens
    assert files.open_report(sample_copy).report.cells["t2.R1.C1"] == 3
    assert session.doc.report.unit == "某某镇人民政府" and not session.doc.modified
    assert shown == [(session.doc,)]


def test_no_prompt_without_changes_and_discard_drops_them(session, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(dialogs_mod, "ask_save_changes", lambda parent, name: asked.append(name) or dialogs_mod.DISCARD)
    assert session.maybe_save() and not asked
    session.doc.set_section("s6", "改动")
    assert session.open_file(other_file(tmp_path)) and asked == ["朝晖街道2021.json"]
    assert session.doc.report.sections["s6"] != "改动"


def test_pending_edits_are_asked_for_before_deciding(session, monkeypatch):
    """An editor still holding text commits it when asked: then the prompt knows about it."""
    session.commitRequested.connect(lambda: session.doc.set_meta("title", "正在输入的标题"))
    asked = []
    monkeypatch.setattr(dialogs_mod, "ask_save_changes", lambda parent, name: asked.append(name) or dialogs_mod.CANCEL)
    assert not session.maybe_save() and asked


def test_new_report_cancelled_keeps_the_document(session, monkeypatch):
    doc = session.doc
    monkeypatch.setattr(NewReportDialog, "exec", lambda self: NewReportDialog.Rejected)
    assert not session.new_report() and session.doc is doc

    def accept(dlg):
        dlg.year.setValue(2020)
        return NewReportDialog.Accepted
    monkeypatch.setattr(NewReportDialog, "exec", accept)
    assert session.new_report()
    assert session.doc is not doc and session.doc.report.year == 2020 and session.doc.path is None
    assert session.display_name() == "未命名报告"


# ------------------------------------------------------------ files that cannot be read

def test_a_broken_file_shows_why_and_leaves_the_document_alone(session, dialogs, tmp_path):
    doc = session.doc
    doc.set_cell("t2.R1.C1", 3)
    before = jsondoc.to_dict(doc.report)
    recent = session.recent_files
    shown = recorder(session.documentChanged)
    bad = tmp_path / "坏文件.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert not session.open_file(bad, ask=False)
    kind, title, text = dialogs.messages[-1]
    assert title == "无法打开文件" and "坏文件.json" in text
    assert session.doc is doc and doc.modified and jsondoc.to_dict(doc.report) == before
    assert session.recent_files == recent and not shown


def test_a_reader_that_crashes_is_a_message_too(session, dialogs, monkeypatch, tmp_path):
    def crash(path):
        raise RuntimeError("reader bug")
    monkeypatch.setitem(files.READERS, ".wps", crash)
    path = tmp_path / "x.wps"
    path.write_text("x", encoding="utf-8")
    doc = session.doc
    assert not session.open_file(path, ask=False)
    assert dialogs.messages[-1][1] == "无法打开文件" and "内部错误" in dialogs.messages[-1][2]
    assert session.doc is doc


# ------------------------------------------------------------ recent files

def test_recent_files_follow_open_and_save_and_forget_missing_files(session, tmp_path, sample_copy):
    assert session.recent_files[0] == str(sample_copy.resolve())
    other = other_file(tmp_path)
    session.open_file(other)
    assert session.recent_files[:2] == [str(other.resolve()), str(sample_copy.resolve())]
    saved = tmp_path / "另存.json"
    assert session.save_to(saved)
    assert session.recent_files[0] == str(saved.resolve())
    gone = tmp_path / "已删除.json"
    session.settings.add_recent(gone)
    assert not session.open_file(gone)
    assert str(gone.resolve()) not in session.recent_files
    session.clear_recent()
    assert session.recent_files == []


# ------------------------------------------------------------ save as

def test_save_as_gives_the_document_its_new_name(session, monkeypatch, tmp_path, sample_copy):
    target = tmp_path / "另存为.json"
    offered = []

    def dialog(parent, title, suggested, filters):
        offered.append(suggested)
        return str(target), "JSON 文档 (*.json)"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    names = recorder(session.doc.pathChanged)
    session.doc.set_cell("t2.R1.C1", 3)
    assert session.save_as()
    assert offered[0].startswith(str(tmp_path / "朝晖街道2021"))   # suggests the current name and folder
    assert session.doc.path == target and session.display_name() == "另存为.json"
    assert not session.doc.modified and names == [(target,)]
    assert files.open_report(target).report.cells["t2.R1.C1"] == 3
    assert files.open_report(sample_copy).report.cells["t2.R1.C1"] == 1   # the old file is left as it was


def test_save_as_cancelled_changes_nothing(session, monkeypatch, sample_copy):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    session.doc.set_cell("t2.R1.C1", 3)
    assert not session.save_as()
    assert session.doc.path == sample_copy and session.doc.modified


# ------------------------------------------------------------ export is never a save

def test_export_keeps_the_documents_file_and_unsaved_state(session, tmp_path, sample_copy):
    session.doc.set_cell("t2.R1.C1", 3)
    recent = session.recent_files
    said = recorder(session.message)
    written = []

    def write(report, path):
        written.append(report.cells["t2.R1.C1"])
        path.write_bytes(b"exported")
    out = tmp_path / "发布稿.html"
    assert session.export_to(out, write, "网页")
    assert out.read_bytes() == b"exported" and written == [3]
    assert session.doc.path == sample_copy and session.doc.modified
    assert session.recent_files == recent
    assert said and said[-1][0].startswith("已导出 网页")
    # …and a saved document stays saved.
    assert session.save_to(sample_copy) and session.export_to(out, write, "网页")
    assert not session.doc.modified and session.doc.path == sample_copy


def test_export_pdf_from_its_dialog_is_not_a_save(session, monkeypatch, tmp_path, sample_copy):
    out = tmp_path / "报告.pdf"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: asked.append(a[1:]) or (str(out), "")))
    session.doc.set_cell("t2.R1.C1", 3)
    assert session.export_pdf()
    assert asked[0][0] == "导出 PDF" and asked[0][1].endswith("朝晖街道2021.pdf")
    assert out.read_bytes()[:4] == b"%PDF"
    assert session.doc.path == sample_copy and session.doc.modified


def test_a_failed_export_is_a_message_and_loses_nothing(session, dialogs, tmp_path):
    session.doc.set_cell("t2.R1.C1", 3)

    def fail(report, path):
        raise PermissionError(13, "拒绝访问")
    assert not session.export_to(tmp_path / "x.pdf", fail, "PDF")
    kind, title, text = dialogs.messages[-1]
    assert title == "导出失败" and "x.pdf" in text and "拒绝访问" in text
    assert session.doc.modified and session.doc.report.cells["t2.R1.C1"] == 3


# ------------------------------------------------------------ the autosave hook

def test_edited_fires_on_every_change_and_snapshots_stand_still(session, tmp_path):
    edits = recorder(session.edited)
    doc = session.doc
    doc.set_cell("t2.R1.C1", 3)
    doc.set_section("s6", "一")
    doc.set_section("s6", "一二")       # merged into the previous undo step, still a change
    assert len(edits) == 3
    snap = session.snapshot()
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert len(edits) == 5
    assert (snap.report.cells["t2.R1.C1"], snap.report.sections["s6"]) == (3, "一二")
    doc.set_cell("t2.R1.C1", 5)
    assert snap.report.cells["t2.R1.C1"] == 3 and snap.modified and snap.path == doc.path
    # A newly opened document reports its edits; the one it replaced is gone.
    session.doc.undo_stack.setClean()
    session.open_file(other_file(tmp_path))
    n = len(edits)
    session.doc.set_cell("t2.R1.C1", 4)
    assert len(edits) == n + 1


# ------------------------------------------------------------ drop

def test_a_drop_offers_the_first_file_we_can_read(tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.invalid/a.json"), QUrl.fromLocalFile(str(tmp_path / "说明.pages")),
                  QUrl.fromLocalFile(str(tmp_path / "报告.json"))])
    assert dropped_file(mime) == tmp_path / "报告.json"
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "说明.pages"))])
    assert dropped_file(mime) is None
    assert dropped_file(QMimeData()) is None


@pytest.mark.parametrize("chosen, suffix", [("JSON 文档 (*.json)", ".json"), ("Excel 工作簿 (*.xlsx)", ".xlsx"),
                                            ("", ".xlsx")])
def test_save_as_without_a_suffix_takes_the_chosen_filters(session, monkeypatch, tmp_path, chosen, suffix):
    files._load_plugins()
    typed = tmp_path / "朝晖街道 2021 终稿"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(typed), chosen)))
    assert session.save_as()
    saved = tmp_path / f"朝晖街道 2021 终稿{suffix}"
    assert session.doc.path == saved and saved.is_file()
    assert files.open_report(saved).report.unit == session.doc.report.unit
