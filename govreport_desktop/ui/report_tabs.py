"""The tabs of a report: 基本信息, then one page per section of the format, the table printed
under a section on the same page (二 表一, 三 表二, 四 表三).

Pages, titles and which tab shows a key all come from the format definition (Section.short,
Section.table), so a format with other sections needs no change here. Both official formats
have the same sections, so the tabs are built once, from the latest format.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QTextCursor
from PySide6.QtWidgets import QTabWidget, QWidget

from ..core.formats import latest
from ..core.rules import ERROR
from .meta_tab import MetaTab
from .problems_panel import severity_icon
from .sections_tab import SectionEditor, T1Page, TablePage

META_TITLE = "基本信息"


def section_title(section) -> str:
    """A tab names the table printed on it, so “填表二” finds 三、依申请公开（表二）."""
    table = latest().table.get(section.table) if section.table else None
    return f"{section.short}（{table.name}）" if table else section.short


TAB_TITLES = (META_TITLE,) + tuple(section_title(s) for s in latest().sections)
# Which tab shows a key: cell paths by their table, texts by their section, the rest is metadata.
KEY_TAB = {k: i for i, s in enumerate(latest().sections, 1) for k in (s.key, s.table) if k}


def tab_of(key: str) -> int:
    return KEY_TAB.get(key.split(".", 1)[0], 0)


def place_of(keys) -> str:
    """Where a problem is, by tab title (the problems list's 位置 column): one or two tabs."""
    tabs = sorted({tab_of(k) for k in keys}) or [0]
    return "、".join(TAB_TITLES[t] for t in tabs[:2]) + (" 等" if len(tabs) > 2 else "")


def select_span(editor, start: int, end: int) -> None:
    """Select text[start:end] of a plain-text editor and scroll to it.

    Python counts code points, Qt counts UTF-16 units: characters outside the BMP before the
    span shift it, so positions are converted first.
    """
    text = editor.toPlainText()

    def qt_pos(i: int) -> int:
        return i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)
    cursor = editor.textCursor()
    cursor.setPosition(qt_pos(start))
    cursor.setPosition(qt_pos(end), QTextCursor.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


class ReportTabs(QTabWidget):
    """The pages only; the window fills them from the document and wires their signals."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sections")
        self.setDocumentMode(True)
        self.meta_tab = MetaTab()
        self.editors: dict[str, SectionEditor] = {}
        self.table_pages: dict[str, TablePage] = {}
        pages: list[QWidget] = [self.meta_tab]
        for section in latest().sections:
            if section.table:
                # 表一 also carries the 2019 format's 采购总金额 unit.
                page = T1Page() if section.table == "t1" else TablePage(section.key, section.table)
                self.table_pages[section.table] = page
                self.editors[section.key] = page.text
            else:
                page = self.editors[section.key] = SectionEditor(section.key)
            pages.append(page)
        for title, page in zip(TAB_TITLES, pages):
            self.addTab(page, title)
        self.t1_page: T1Page = self.table_pages["t1"]
        self.table_tabs = {self.indexOf(p) for p in self.table_pages.values()}

    def current_table(self) -> str | None:
        """The table on the page shown, if it has one."""
        return next((k for k, page in self.table_pages.items() if page is self.currentWidget()), None)

    def show_key(self, key: str) -> None:
        self.setCurrentIndex(tab_of(key))

    def error_counts(self, problems) -> list[int]:
        """Errors per tab: a problem counts on every tab that shows one of its cells."""
        n = [0] * self.count()
        for p in problems:
            if p.severity == ERROR:
                for t in {tab_of(k) for k in p.cells} or {0}:
                    n[t] += 1
        return n

    def show_error_counts(self, counts: list[int]) -> None:
        """The badge of each tab: “三、依申请公开 (2)” with the error icon."""
        for i, n in enumerate(counts):
            self.setTabText(i, f"{TAB_TITLES[i]} ({n})" if n else TAB_TITLES[i])
            self.setTabIcon(i, severity_icon(ERROR) if n else QIcon())
            self.setTabToolTip(i, f"本页有 {n} 个错误" if n else "")
