"""文件 → 新建 → 从上年报告开始…, and 编辑 → 粘贴整份报告: two ways to a new, unsaved report.

从上年报告开始 reads last year's report in any readable form (through the reader process), then
core/next_year.py makes this year's: unit and kind, 上年结转 from last year's 结转下年度, last year
attached so the cross-year rules run at once, last year's texts beside the editors.
粘贴整份报告 reads what a browser or Word put on the clipboard (text/html first, else the plain
text) with html_read.read_clipboard and opens it like an imported file.

`install(window)` adds both actions to the window's menus; what they do needs only the Session.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu

from ..core import next_year
from ..io import html_read, sandbox
from ..io.errors import GovReportIOError
from . import dialogs
from .imported_document import new_unsaved, open_imported
from .new_report_dialog import default_year
from .session import open_filters

log = logging.getLogger(__name__)

CLIPBOARD = "剪贴板"


# ---------------------------------------------------------------- 从上年报告开始

def start_from_last_year(session) -> bool:
    """Ask for last year's report, then start_from_file(); False when the user cancels."""
    if not session.maybe_save():
        return False
    path, _ = QFileDialog.getOpenFileName(session.parent(), "从上年报告开始：选择上一年度的报告",
                                          session.settings.last_folder, open_filters())
    return bool(path) and start_from_file(session, path)


def start_from_file(session, path: str | Path) -> bool:
    """This year's report from last year's file `path` (any readable type), unsaved."""
    parent = session.parent()
    path = Path(path)
    session.busy.emit(f"正在读取上年报告“{path.name}”…")
    try:
        loaded = sandbox.load(path)
    except GovReportIOError as e:
        dialogs.show_error(parent, "无法读取上年报告", str(e))
        return False
    finally:
        session.busy.emit("")
    last = loaded.report
    year, expected = next_year.next_year_of(last), default_year()
    if year != expected and not dialogs.confirm(
            parent, "从上年报告开始",
            f"所选报告是{last.year}年度的，将据此新建{year}年度的报告（现在通常编写{expected}年度的报告）。继续吗？",
            yes=f"新建{year}年度报告"):
        return False
    try:
        started = next_year.start_from(last)
    except ValueError as e:
        dialogs.show_error(parent, "无法新建报告", str(e))
        return False
    log.info("started %s from %s (%d notices reading it)", year, path, len(loaded.notices))
    session.set_document(new_unsaved(started.report))
    session.settings.last_folder = str(path.parent)
    session.previousChanged.emit(started.report.previous)
    session.message.emit(next_year.summary(started), 12000)
    if started.notices:
        dialogs.show_info(parent, "从上年报告开始", "\n".join(f"• {t}" for t in started.notices))
    return True


# ---------------------------------------------------------------- 粘贴整份报告

def clipboard_flavours(clipboard=None) -> tuple[str | None, str | None]:
    """(text/html, text/plain) of the clipboard; None for a flavour it does not hold."""
    mime = (clipboard or QGuiApplication.clipboard()).mimeData()
    if mime is None:
        return None, None
    return (mime.html() if mime.hasHtml() else None), (mime.text() if mime.hasText() else None)


def paste_report(session, clipboard=None) -> bool:
    """The report copied from a web page or Word, as a new unsaved report."""
    if not session.maybe_save():
        return False
    html, text = clipboard_flavours(clipboard)
    parent = session.parent()
    if len(html or "") + len(text or "") > html_read.MAX_BYTES:
        dialogs.show_error(parent, "无法粘贴整份报告", "剪贴板中的内容过大，不像是一份年度报告。")
        return False
    session.busy.emit("正在读取剪贴板中的报告…")
    try:
        loaded = sandbox.contained(lambda _p: html_read.read_clipboard(html, text), Path(CLIPBOARD))
    except GovReportIOError as e:
        dialogs.show_error(parent, "无法粘贴整份报告", str(e))
        return False
    finally:
        session.busy.emit("")
    return open_imported(session, loaded, None, CLIPBOARD)


# ---------------------------------------------------------------- menus

def _menu(window, title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and menu.title().startswith(title):
            return menu
    return None


def install(window) -> None:
    """文件 → 新建 ▸ 空白报告… / 从上年报告开始…, and 编辑 → 粘贴整份报告 (window.actions_ gets
    `from_last_year` and `paste_report`)."""
    a, session = window.actions_, window.session
    a.from_last_year = QAction("从上年报告开始(&L)…", window)
    a.from_last_year.setObjectName("action_from_last_year")
    tip = "读入本单位上一年度的报告（Excel、Word、PDF、网页、文本），新建本年度报告：上年结转自动填写，并与上年报告核对"
    a.from_last_year.setStatusTip(tip)
    a.from_last_year.setToolTip(tip)
    a.from_last_year.triggered.connect(lambda: start_from_last_year(session) and window.tabs.setCurrentIndex(0))
    a.paste_report = QAction("粘贴整份报告(&W)", window)
    a.paste_report.setObjectName("action_paste_report")
    tip = "将从网页或 Word 中复制的整份年度报告读入为新报告（不改动当前报告）"
    a.paste_report.setStatusTip(tip)
    a.paste_report.setToolTip(tip)
    a.paste_report.triggered.connect(lambda: paste_report(session))

    file_menu = _menu(window, "文件")
    if file_menu is not None and a.new in file_menu.actions():
        new_menu = QMenu("新建(&N)", file_menu)
        new_menu.setObjectName("new_menu")
        file_menu.insertMenu(a.new, new_menu)
        file_menu.removeAction(a.new)
        a.new.setText("空白报告(&B)…")
        a.new.setIconText("新建")            # the toolbar keeps its short label
        new_menu.addActions([a.new, a.from_last_year])
    elif file_menu is not None:
        file_menu.insertAction(file_menu.actions()[0] if file_menu.actions() else None, a.from_last_year)
    edit_menu = _menu(window, "编辑")
    if edit_menu is not None:
        edit_menu.addSeparator()
        edit_menu.addAction(a.paste_report)
