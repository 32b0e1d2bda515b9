"""新建报告: year, unit, unit kind; the format follows the year unless the user changes it."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout)

from ..core.formats import FORMATS, earliest_year, format_for_year, latest
from ..core.report import UNIT_KINDS


def default_year() -> int:
    # Reports are written early in the year about the year before.
    return datetime.date.today().year - 1


class NewReportDialog(QDialog):
    def __init__(self, parent=None, unit: str = "", unit_kind: str = "township"):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.year = QSpinBox()
        self.year.setRange(earliest_year(), 2100)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年")
        self.unit = QLineEdit(unit)
        self.unit.setPlaceholderText("机关全称，如：杭州市拱墅区朝晖街道办事处")
        self.unit.setMinimumWidth(320)
        self.kind = QComboBox()
        for key, label in UNIT_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(self.kind.findData(unit_kind), 0))
        self.format = QComboBox()
        for fmt in FORMATS.values():
            self.format.addItem(fmt.name, fmt.id)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow("报告年度：", self.year)
        form.addRow("单位名称：", self.unit)
        form.addRow("单位类型：", self.kind)
        form.addRow("报告格式：", self.format)
        form.addRow("", self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("新建")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.year.valueChanged.connect(self._suggest_format)
        self._suggest_format(self.year.value())

    def _suggest_format(self, year: int) -> None:
        fmt = format_for_year(year) or latest()
        self.format.setCurrentIndex(max(self.format.findData(fmt.id), 0))
        self.hint.setText(f"{year}年度报告应使用{fmt.name}")

    def values(self) -> dict:
        return {"year": self.year.value(), "unit": self.unit.text().strip(),
                "unit_kind": self.kind.currentData(), "format_id": self.format.currentData()}
