"""文件 → 导出 (Word, PDF, 网页, 审核情况说明) and 编辑 → 复制为网页.

Every export goes through `Session.export_dialog`, so it is never a save: the document keeps
its file name and its saved/unsaved state. The bytes come from the registry of io/export/
(`export()`: atomic write, typed Chinese errors). A report that still has errors is exported
only after the user has read them — it is their publication, so they may go on. The notices of
an export (fonts stood in for, cells of the other format left out) are shown afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from ..core.rules import ERROR
from ..io.export import export
from . import dialogs

SHOWN_ERRORS = 8         # errors listed before 导出; the rest are counted


@dataclass(frozen=True)
class Kind:
    suffix: str
    what: str            # for the dialog title and the status bar: 导出 {what}
    filters: str
    review: bool = False

    @property
    def name_end(self) -> str:
        """What follows the report's name in the name suggested (export_dialog appends it)."""
        return (" 审核情况说明" if self.review else "") + self.suffix


KINDS = {
    "docx": Kind(".docx", "Word 文档", "Word 文档 (*.docx)"),
    "pdf": Kind(".pdf", "PDF", "PDF 文件 (*.pdf)"),
    "html": Kind(".html", "网页", "网页 (*.html *.htm)"),
    "review_docx": Kind(".docx", "审核情况说明（Word）", "Word 文档 (*.docx)", review=True),
    "review_pdf": Kind(".pdf", "审核情况说明（PDF）", "PDF 文件 (*.pdf)", review=True),
}
# window action → kind (actions.py names them, menus.py places them)
ACTIONS = {"export_docx": "docx", "export_pdf": "pdf", "export_html": "html",
           "export_review_docx": "review_docx", "export_review_pdf": "review_pdf"}


def errors_text(problems) -> str:
    """The errors still in the report, one per line, for the question before exporting."""
    errors = [p for p in problems if p.severity == ERROR]
    lines = [f"• {p.rule} {p.message}" for p in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(f"……另有 {len(errors) - SHOWN_ERRORS} 个错误，见问题列表。")
    return "\n".join(lines)


def go_on_despite_errors(parent, problems, what: str) -> bool:
    """Say which errors remain before a publication is made; True: export anyway (or no errors)."""
    n = sum(1 for p in problems if p.severity == ERROR)
    if not n:
        return True
    text = (f"报告仍有 {n} 个错误：\n{errors_text(problems)}\n\n"
            f"导出的{what}将按现有数字和文字制作。报送或发布前请先改正这些错误。仍要导出吗？")
    return dialogs.confirm(parent, "报告仍有错误", text, yes="仍要导出", no="取消")


def with_suffix(path: Path, suffix: str) -> Path:
    """A name typed without a suffix gets the kind's (a native dialog adds it, Qt's own may not)."""
    return path if path.suffix else path.with_name(path.name + suffix)


def export_as(session, key: str) -> bool:
    """导出 in one of KINDS after the checks above; False when cancelled or failed."""
    kind = KINDS[key]
    doc = session.doc
    session.commitRequested.emit()             # what an editor still holds belongs in the export
    problems = list(doc.problems)
    if not kind.review and not go_on_despite_errors(session.parent(), problems, kind.what):
        return False
    notices: list[str] = []

    def write(report, path: Path) -> None:
        path = with_suffix(path, kind.suffix)
        if kind.review:
            notices.extend(export(report, path, kind.suffix, problems=problems, review=True))
        else:
            # the errors were asked about above: no second notice about them
            notices.extend(export(report, path, kind.suffix))

    if not session.export_dialog(write, kind.what, kind.name_end, kind.filters):
        return False
    if notices:
        dialogs.show_info(session.parent(), "导出说明", "\n".join(f"• {t}" for t in notices))
    return True


def copy_as_web_page(session) -> None:
    """编辑 → 复制为网页: the publication's HTML for a site's editor, plain text for the rest."""
    from ..io.export import webpage

    session.commitRequested.emit()
    report = session.doc.report
    mime = QMimeData()
    mime.setHtml(webpage.fragment(report))
    mime.setText(webpage.plain_text(report))
    QApplication.clipboard().setMimeData(mime)
    n = sum(1 for p in session.doc.problems if p.severity == ERROR)
    tail = f"（报告仍有 {n} 个错误，发布前请先改正）" if n else ""
    session.message.emit(f"已复制为网页，可粘贴到网站的编辑器中{tail}", 10000)


def connect(window) -> None:
    """Wire the export actions of `window.actions_` to the window's session."""
    a, s = window.actions_, window.session
    for name, key in ACTIONS.items():
        if name != "export_pdf":               # 导出 PDF: Session.export_pdf, wired by the window
            getattr(a, name).triggered.connect(lambda _=False, key=key: export_as(s, key))
    a.copy_html.triggered.connect(lambda: copy_as_web_page(s))
