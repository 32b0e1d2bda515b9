"""A document's life: new, open, save, save as, recent files, drop, last year's report, export.

The Session owns the open Document; the window only shows it. It asks the user what a
document's life needs (保存更改？, file dialogs, error messages) and knows no widget of the
window: it asks the editors for what they still hold with `commitRequested`, and says what to
show with its other signals.

Autosave and recovery (ui/autosave.py) start from here: `edited` fires after every change of the
open report (an edit, an undo, a redo, a merged keystroke), `snapshot()` gives a copy that can be
written while the user goes on typing, and `open_restored()` brings such a copy back.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from ..core.report import Report
from ..core.rules import ERROR, WARNING
from ..io import files, sandbox
from ..io.base import READERS
from ..io.errors import GovReportIOError
from . import calm, dialogs
from .document import Document
from .imported_document import open_imported
from .new_report_dialog import NewReportDialog, default_year
from .settings import Settings
from .tools import open_counts

log = logging.getLogger(__name__)

UNTITLED = "未命名报告"
# Rules that need last year's report besides Y01–Y06 (spec/rules.md, Scope): counted as 跨年核对.
CROSS_YEAR_RULES = ("P03", "P05", "P07")


@dataclass(frozen=True)
class Snapshot:
    """The open report at one moment: its own copy, the file it belongs to, unsaved or not."""

    report: Report
    path: Path | None
    modified: bool


def file_filters(kinds) -> str:
    """File-dialog filters for these suffixes: Excel first, then JSON."""
    parts = []
    if ".xlsx" in kinds or ".xls" in kinds:
        excel = " ".join(f"*{k}" for k in (".xlsx", ".xls") if k in kinds)
        parts.append(f"Excel 工作簿 ({excel})")
    if ".json" in kinds:
        parts.append("JSON 文档 (*.json)")
    return ";;".join(parts)


def filter_suffix(chosen: str | None, kinds) -> str:
    """The first writable suffix a file-dialog filter names (“JSON 文档 (*.json)” → .json),
    else the first of `kinds` (Excel when it can be written)."""
    patterns = (chosen or "").rpartition("(")[2].rstrip(")").split()
    for pattern in patterns:
        suffix = pattern.lstrip("*").lower()
        if suffix in kinds:
            return suffix
    return kinds[0]


def open_filters() -> str:
    kinds = files.readable()
    all_kinds = " ".join(f"*{k}" for k in kinds)
    return f"报告文件 ({all_kinds});;{READERS.filters(kinds)};;所有文件 (*)"


def dropped_file(mime) -> Path | None:
    """The first local file of a drag that we can read, or None (the drop is refused)."""
    if not mime.hasUrls():
        return None
    kinds = files.readable()
    for url in mime.urls():
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.suffix.lower() in kinds:
                return p
    return None


class Session(QObject):
    documentChanged = Signal(object)   # the Document now open (new, open): show it
    edited = Signal()                  # the open report changed (edit, undo, redo): the autosave hook
    previousChanged = Signal(object)   # last year's Report compared with, or None
    commitRequested = Signal()         # editors: hand what you still hold to the document now
    message = Signal(str, int)         # status-bar text, milliseconds to show it
    busy = Signal(str)                 # a slow step begins (its text) or ends ("")

    def __init__(self, settings: Settings, parent=None):
        """`parent` (the window) is also the parent of every dialog the session shows."""
        super().__init__(parent)
        self.settings = settings
        self.doc: Document | None = None

    # ------------------------------------------------------------ the open document

    def set_document(self, doc: Document) -> None:
        """Make `doc` the open document; the previous one is dropped without asking."""
        old = self.doc
        if old is not None:
            old.blockSignals(True)
            old.undo_stack.indexChanged.disconnect(self._stack_moved)
        doc.setParent(self)
        self.doc = doc
        doc.undo_stack.indexChanged.connect(self._stack_moved)
        self.documentChanged.emit(doc)
        if old is not None:
            old.deleteLater()

    def _stack_moved(self, _index: int) -> None:
        self.edited.emit()

    def snapshot(self) -> Snapshot:
        """A copy of the open report as it is now; later edits do not change it."""
        doc = self.doc
        return Snapshot(doc.report.copy(), doc.path, doc.modified)

    def display_name(self) -> str:
        if self.doc is not None and self.doc.path:
            return self.doc.path.name
        if self.doc is not None and self.doc.source:      # imported, not saved yet
            return f"{self.doc.source.name}（导入）"
        return UNTITLED

    def maybe_save(self) -> bool:
        """Ask 保存/不保存/取消 when there are unsaved changes; True when it is safe to go on."""
        if self.doc is None:
            return True
        self.commitRequested.emit()
        if not self.doc.modified:
            return True
        answer = dialogs.ask_save_changes(self.parent(), self.display_name())
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    @contextlib.contextmanager
    def _busy(self, text: str):
        self.busy.emit(text)
        try:
            yield
        finally:
            self.busy.emit("")

    # ------------------------------------------------------------ new, open

    def new_default(self) -> None:
        """The report shown at start-up without a file: last year's, in that year's format."""
        self.set_document(Document(Report.new(default_year())))

    def new_report(self) -> bool:
        """新建: after 保存更改？, ask for year, unit and kind; False when the user cancels."""
        if not self.maybe_save():
            return False
        report = self.doc.report if self.doc else None
        dlg = NewReportDialog(self.parent(), unit=report.unit if report else "",
                              unit_kind=report.unit_kind if report else "township")
        if dlg.exec() != NewReportDialog.Accepted:
            return False
        self.set_document(Document(Report.new(**dlg.values())))
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(self.parent(), "打开报告", self.settings.last_folder, open_filters())
        return bool(path) and self.open_file(path, ask=False)

    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        """Open a report (any readable type, through the reader process); on failure show why
        and keep the current report untouched. A report read from another file's labels opens
        as a new unsaved document (imported_document.py)."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            with self._busy(f"正在打开“{path.name}”…"):
                loaded = sandbox.load(path)
        except GovReportIOError as e:
            log.warning("open failed: %s: %s", path, e)
            dialogs.show_error(self.parent(), "无法打开文件", str(e))
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        except Exception:
            log.exception("open crashed: %s", path)
            dialogs.show_error(self.parent(), "无法打开文件",
                               f"读取“{path.name}”时发生内部错误，当前报告未受影响。\n请将此文件和日志发给技术支持。")
            return False
        if loaded.imported:
            return open_imported(self, loaded, path)
        # A file we can read but not write (.xls): 保存 sees the suffix has no writer and asks where.
        self.set_document(Document(loaded.report, path, loaded.findings))
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        log.info("opened %s", path)
        n = len(loaded.findings)
        self.message.emit(f"已打开“{path.name}”" + (f"，导入时发现 {n} 个问题，见问题列表" if n else ""), 10000)
        if loaded.notices:
            dialogs.show_info(self.parent(), "导入说明", "\n".join(f"• {t}" for t in loaded.notices))
        return True

    def open_restored(self, report: Report, path: Path | None) -> None:
        """Unsaved work brought back after a crash: modified, with its own file kept, so that
        保存 writes to it (and 保存更改？ asks before it is dropped)."""
        doc = Document(report, path)
        self.set_document(doc)
        doc.undo_stack.resetClean()
        self.message.emit(f"已恢复未保存的报告“{self.display_name()}”，请核对后保存", 12000)

    # ------------------------------------------------------------ recent files

    @property
    def recent_files(self) -> list[str]:
        return self.settings.recent_files

    def last_file(self) -> Path | None:
        """The file to reopen at start-up: the most recent one, if it is still there and the
        user wants it (settings.reopen_last)."""
        recent = self.recent_files
        if not recent or not self.settings.reopen_last:
            return None
        path = Path(recent[0])
        return path if path.is_file() else None

    def clear_recent(self) -> None:
        self.settings.recent_files = []

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        self.commitRequested.emit()
        path = self.doc.path
        if path is None or path.suffix.lower() not in files.writable():
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        self.commitRequested.emit()
        kinds = sorted(files.writable(), key=lambda k: k != ".xlsx")   # Excel first when available
        report = self.doc.report
        known = self.doc.path or self.doc.source      # an imported report: beside its source
        base = known.stem if known else (report.title or f"{report.unit}{report.year}年政府信息公开工作年度报告")
        folder = Path(known.parent if known else self.settings.last_folder)
        suggested = str(folder / f"{base}{kinds[0]}")
        if self.doc.source is not None and Path(suggested) == self.doc.source:
            suggested = str(folder / f"{base}（导入）{kinds[0]}")    # never propose the source itself
        path, chosen = QFileDialog.getSaveFileName(self.parent(), "另存为", suggested, file_filters(kinds))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in kinds:
            # A name typed without a suffix takes the chosen filter's (JSON 文档 → .json).
            path = path.with_name(path.name + filter_suffix(chosen, kinds))
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        """Write the report to `path`; it becomes the document's file, saved (clean)."""
        path = Path(path)
        try:
            with self._busy(f"正在保存“{path.name}”…"):
                notices = files.save_report(self.doc.report, path)
        except GovReportIOError as e:
            log.warning("save failed: %s: %s", path, e)
            dialogs.show_error(self.parent(), "保存失败", str(e))
            return False
        except Exception:
            log.exception("save crashed: %s", path)
            dialogs.show_error(self.parent(), "保存失败", f"保存“{path.name}”时发生内部错误，当前内容未丢失。\n请另存为 JSON 文件并将日志发给技术支持。")
            return False
        self.doc.mark_saved(path)
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self.message.emit(f"已保存到“{path}”。{self.full_check()}", 12000)
        if notices:
            dialogs.show_info(self.parent(), "保存说明", "\n".join(f"• {t}" for t in notices))
        log.info("saved %s", path)
        return True

    # ------------------------------------------------------------ export (never 保存)

    def export_to(self, path: str | Path, write: Callable[[Report, Path], object], what: str) -> bool:
        """Write the report in another form with `write(report, path)` (ui/export_actions.py).

        Not a save: the document keeps its file, its saved/unsaved state and the recent list.
        """
        path = Path(path)
        try:
            with self._busy(f"正在导出 {what}…"):
                write(self.doc.report, path)
        except GovReportIOError as e:
            dialogs.show_error(self.parent(), "导出失败", str(e))
            return False
        except OSError as e:
            dialogs.show_error(self.parent(), "导出失败", f"无法写入“{path.name}”：{e.strerror or e}")
            return False
        except Exception:
            log.exception("export crashed: %s", path)
            dialogs.show_error(self.parent(), "导出失败", f"导出“{path.name}”时发生内部错误，报告未受影响。\n请将日志发给技术支持。")
            return False
        self.message.emit(f"已导出 {what}：{path}。{self.full_check()}", 12000)
        return True

    def full_check(self) -> str:
        """Every problem counted, those held back on screen too (ui/calm.py): said on save and export."""
        doc = self.doc
        c = open_counts(doc.problems, doc.report.explanations)
        text = f"全部校验：{c[ERROR]} 个错误，{c[WARNING]} 个警告"
        if doc.held:
            held = open_counts(doc.held, doc.report.explanations)
            text += (f"（其中 {held[ERROR]} 个错误、{held[WARNING]} 个警告在尚未填写的"
                     f"{calm.names(doc.report, calm.waiting(doc.untouched, doc.held))}）")
        return text

    def export_dialog(self, write: Callable[[Report, Path], object], what: str, suffix: str, filters: str) -> bool:
        """Ask where, then export_to(); the name suggested is the report's, in the last folder."""
        report = self.doc.report
        base = self.doc.path.stem if self.doc.path else (report.title or "政府信息公开工作年度报告")
        suggested = str(Path(self.settings.last_folder) / f"{base}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self.parent(), f"导出 {what}", suggested, filters)
        return bool(path) and self.export_to(path, write, what)

    def export_pdf(self) -> bool:
        """导出 PDF: the publication PDF, after the errors are told (ui/export_actions.py)."""
        from .export_actions import export_as

        return export_as(self, "pdf")

    # ------------------------------------------------------------ last year's report (对照上年报告)

    def choose_previous(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self.parent(), "选择上一年度的报告", self.settings.last_folder,
                                              open_filters())
        return bool(path) and self.load_previous(path)

    def load_previous(self, path: str | Path) -> bool:
        """Read last year's report and compare with it (Y01 上年结转 …); the current report is untouched."""
        path = Path(path)
        try:
            with self._busy(f"正在读取上年报告“{path.name}”…"):
                previous = sandbox.load(path).report
        except GovReportIOError as e:
            dialogs.show_error(self.parent(), "无法读取上年报告", str(e))
            return False
        year = self.doc.report.year
        if previous.year != year - 1 and not dialogs.confirm(
                self.parent(), "对照上年报告",
                f"所选报告是{previous.year}年度的，不是{year - 1}年度。仍要用它核对吗？", yes="仍要核对"):
            return False
        self.set_previous(previous)
        return True

    def set_previous(self, previous: Report | None) -> None:
        """Compare with `previous` (None: stop comparing); not part of the file, no undo step."""
        self.doc.set_previous(previous)
        self.previousChanged.emit(previous)
        if previous is None:
            self.message.emit("已取消对照上年报告", 6000)
        else:
            n = sum(1 for p in self.doc.problems if p.rule.startswith("Y") or p.rule in CROSS_YEAR_RULES)
            self.message.emit(f"已对照{previous.unit or ''}{previous.year}年报告：跨年核对发现 {n} 个问题", 10000)
