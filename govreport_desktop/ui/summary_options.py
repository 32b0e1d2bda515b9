"""The options of 工具 → 汇总多个单位…, the same as `govreport summarize`'s: 报送名单 (--roster),
汇总年度 (--year), 计入其他年度的报告 (--include-other-years), and the name and kind of the summing
unit (--unit, --unit-kind), which make the summed report's title.

`OptionsBar` shows them and remembers them through ui/settings.py; `Options` is what one run
used, so the window can tell whether the result on screen still matches what is chosen now.
A roster is read when it is chosen (a bad one is refused with the reader's message) and again
when a run starts, since the file may have changed in between.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton)

from ..core.formats import earliest_year
from ..core.report import UNIT_KINDS
from ..io import summary_run
from ..io.errors import GovReportIOError
from . import dialogs

AUTO = "自动（取多数文件的年度）"
DEFAULT_KIND = "other"              # as the command line's --unit-kind


@dataclass(frozen=True)
class Options:
    roster: str = ""                # the roster file, "" for none
    year: int | None = None         # None: 自动
    other_years: bool = False
    unit: str = ""
    unit_kind: str = DEFAULT_KIND

    def needs_reading(self, other: Options) -> bool:
        """Does going from `other` to these options change which units are summed (a new run)?
        The name and kind only retitle the summed report."""
        return replace(self, unit="", unit_kind="") != replace(other, unit="", unit_kind="")


class RosterError(Exception):
    """The roster cannot be used; the message says why, in Chinese."""


def read_roster(path: str) -> list[str]:
    """The roster's unit names; RosterError with the reader's reason when it gives none."""
    name = Path(path).name
    try:
        names = summary_run.read_roster(path)
    except GovReportIOError as e:
        raise RosterError(f"无法读取报送名单“{name}”：{e}") from None
    except Exception as e:      # a defect in a reader: the run is not started, the window stays
        raise RosterError(f"读取报送名单“{name}”时发生内部错误（{type(e).__name__}）。") from None
    if not names:
        raise RosterError(f"报送名单“{name}”中没有单位名称（.xlsx 取“单位”列或第一列，.txt 每行一个单位）。")
    return names


class OptionsBar(QGroupBox):
    """The option widgets; `changed` fires on every change the user makes (already remembered)."""

    changed = Signal()

    def __init__(self, settings, parent=None):
        super().__init__("汇总选项", parent)
        self.setObjectName("summary_options")
        self.settings = settings
        self.roster_path = QLineEdit()
        self.roster_path.setReadOnly(True)
        self.roster_path.setPlaceholderText("未选择（不列出未报送单位）")
        self.roster_path.setMinimumWidth(220)
        self.pick_roster = QPushButton("选择名单(&L)…")
        self.pick_roster.setToolTip("应报送单位名单：.xlsx/.xls 的“单位”列（无此标题时取第一列），或 .txt 每行一个单位；"
                                    "名单中未报送的单位在单位情况表中列为“未报送”")
        self.clear_roster = QPushButton("不用名单(&N)")
        self.roster_count = QLabel()
        self.year = QComboBox()
        self.year.addItem(AUTO, 0)
        for y in range(datetime.date.today().year, earliest_year() - 1, -1):
            self.year.addItem(f"{y} 年", y)
        self.year.setToolTip("只汇总该年度的报告；其他年度的文件列为“年度不符”，不计入（除非勾选右侧选项）")
        self.other_years = QCheckBox("计入其他年度的报告(&Y)")
        self.other_years.setToolTip("其他年度的报告也加入汇总（按汇总年度的格式换算）")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如：某某县人民政府（用于汇总报告的标题）")
        self.unit_kind = QComboBox()
        for key, label in UNIT_KINDS.items():
            self.unit_kind.addItem(label, key)

        grid = QGridLayout(self)
        roster = QHBoxLayout()
        roster.addWidget(self.roster_path, 1)
        roster.addWidget(self.pick_roster)
        roster.addWidget(self.clear_roster)
        roster.addWidget(self.roster_count)
        grid.addWidget(QLabel("报送名单："), 0, 0)
        grid.addLayout(roster, 0, 1)
        grid.addWidget(QLabel("汇总年度："), 0, 2)
        grid.addWidget(self.year, 0, 3)
        grid.addWidget(self.other_years, 0, 4)
        grid.addWidget(QLabel("汇总单位："), 1, 0)
        grid.addWidget(self.unit, 1, 1)
        grid.addWidget(QLabel("单位类型："), 1, 2)
        grid.addWidget(self.unit_kind, 1, 3, 1, 2)
        grid.setColumnStretch(1, 1)

        self._load()
        self.pick_roster.clicked.connect(self.choose_roster)
        self.clear_roster.clicked.connect(lambda: self.set_roster(""))
        self.year.currentIndexChanged.connect(self._edited)
        self.other_years.toggled.connect(self._edited)
        self.unit.editingFinished.connect(self._edited)
        self.unit_kind.currentIndexChanged.connect(self._edited)

    def _load(self) -> None:
        s = self.settings
        self._show_roster(s.summary_roster, None)
        year = s.summary_year or 0
        if self.year.findData(year) < 0:             # a year outside the list, from an older setting
            self.year.addItem(f"{year} 年", year)
        self.year.setCurrentIndex(self.year.findData(year))
        self.other_years.setChecked(s.summary_other_years)
        self.unit.setText(s.summary_unit)
        self.unit_kind.setCurrentIndex(max(self.unit_kind.findData(s.summary_unit_kind or DEFAULT_KIND), 0))

    def options(self) -> Options:
        return Options(self.roster_path.text(), self.year.currentData() or None, self.other_years.isChecked(),
                       self.unit.text().strip(), self.unit_kind.currentData())

    def _edited(self, *_args) -> None:
        o, s = self.options(), self.settings
        s.summary_roster, s.summary_year, s.summary_other_years = o.roster, o.year, o.other_years
        s.summary_unit, s.summary_unit_kind = o.unit, o.unit_kind
        self.changed.emit()

    # ------------------------------------------------------------ the roster

    def choose_roster(self) -> bool:
        start = str(Path(self.roster_path.text()).parent) if self.roster_path.text() else self.settings.last_folder
        path, _ = QFileDialog.getOpenFileName(self, "选择应报送单位名单", start,
                                              "单位名单 (*.xlsx *.xls *.txt);;所有文件 (*)")
        return bool(path) and self.set_roster(path)

    def set_roster(self, path: str) -> bool:
        """Use this roster ("" for none); a roster that gives no names is refused with a message."""
        if path == self.roster_path.text():
            return True
        names = None
        if path:
            try:
                names = read_roster(path)
            except RosterError as e:
                dialogs.show_error(self, "报送名单", str(e))
                return False
        self._show_roster(path, names)
        self._edited()
        return True

    def _show_roster(self, path: str, names: list[str] | None) -> None:
        self.roster_path.setText(path)
        self.roster_path.setToolTip(path)
        self.clear_roster.setEnabled(bool(path))
        self.roster_count.setText(f"{len(names)} 个单位" if names else "")

    def roster_names(self) -> list[str]:
        """The names of the roster chosen now, read afresh ([] without one); RosterError when bad."""
        path = self.roster_path.text()
        if not path:
            return []
        names = read_roster(path)
        self.roster_count.setText(f"{len(names)} 个单位")
        return names
