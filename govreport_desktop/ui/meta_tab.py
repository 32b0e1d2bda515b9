"""基本信息: unit, unit kind, year, format and title.

Line edits report a change when editing is finished (one undo step per field change, not per
keystroke). A format change is only *requested* here: the main window confirms and migrates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ..core.formats import FORMATS, earliest_year, format_for_year, latest
from ..core.migrate import migration_target
from ..core.report import UNIT_KINDS, Report, default_title


def needs_migration(report: Report) -> bool:
    """转换 applies to a report in the old layout for its year, or in a mixed layout."""
    return migration_target(report) is not None


def _migrate_texts(format_id: str) -> tuple[str, str]:
    """(button text, tooltip) of the 转换 button for a target format."""
    name = FORMATS[format_id].short_name
    return f"转换为{name}…", f"将旧格式或混合格式的表格转换为{name}（需确认，可撤销）"


class MetaTab(QWidget):
    metaEdited = Signal(str, object)     # field, value (unit, unit_kind, year, title)
    formatRequested = Signal(str)        # format id the user picked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._report: Report | None = None
        self.unit = QLineEdit()
        self.unit.setObjectName("meta_unit")
        self.unit.setPlaceholderText("机关全称，如：杭州市拱墅区朝晖街道办事处")
        self.kind = QComboBox()
        self.kind.setObjectName("meta_unit_kind")
        for key, label in UNIT_KINDS.items():
            self.kind.addItem(label, key)
        self.year = QSpinBox()
        self.year.setObjectName("meta_year")
        self.year.setRange(earliest_year(), 2100)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)   # one change when the user is done, not per digit
        self.format = QComboBox()
        self.format.setObjectName("meta_format")
        for fmt in FORMATS.values():
            self.format.addItem(fmt.name, fmt.id)
        self.format_hint = QLabel()
        self._migrate_to = latest().id        # the target of the report shown (set_report)
        text, tip = _migrate_texts(self._migrate_to)
        self.migrate_button = QPushButton(text)
        self.migrate_button.setObjectName("meta_migrate")
        self.migrate_button.setToolTip(tip)
        self.migrate_button.clicked.connect(lambda: self.formatRequested.emit(self._migrate_to))
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.format_hint, 1)
        hint_row.addWidget(self.migrate_button)
        self.title = QLineEdit()
        self.title.setObjectName("meta_title")
        self.title_button = QPushButton("使用规范标题")
        self.title_button.setToolTip("规范标题为“单位名称＋年度＋政府信息公开工作年度报告”")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.title_button)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.addRow("单位名称：", self.unit)
        form.addRow("单位类型：", self.kind)
        form.addRow("报告年度：", self.year)
        form.addRow("报告格式：", self.format)
        form.addRow("", hint_row)
        form.addRow("报告标题：", title_row)
        note = QLabel("单位类型决定部分校验规则（例如只有具有规章制定权的机关可填报规章）；"
                      "报告格式决定表一、表二的行列。更改格式会转换表格数据，可撤销。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        # A form a page wide is hard to read on a wide screen: keep it to a comfortable width.
        body = QWidget()
        body.setMaximumWidth(960)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addSpacing(12)
        inner.addWidget(note)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addWidget(body)
        lay.addStretch(1)

        self.unit.editingFinished.connect(lambda: self._emit("unit", self.unit.text().strip()))
        self.title.editingFinished.connect(lambda: self._emit("title", self.title.text().strip()))
        self.kind.activated.connect(lambda i: self._emit("unit_kind", self.kind.itemData(i)))
        self.year.valueChanged.connect(lambda v: self._emit("year", int(v)))
        self.format.activated.connect(self._format_picked)
        self.title_button.clicked.connect(self._standard_title)

    def commit_pending(self) -> None:
        """Turn text still being typed into edits (Ctrl+S does not move the focus)."""
        self._emit("unit", self.unit.text().strip())
        self._emit("title", self.title.text().strip())

    def _emit(self, field: str, value) -> None:
        if self._report is not None and getattr(self._report, field) != value:
            self.metaEdited.emit(field, value)

    def _format_picked(self, i: int) -> None:
        fid = self.format.itemData(i)
        if self._report is not None and fid != self._report.format:
            # Show the current format until the main window has confirmed and migrated.
            self.set_report(self._report)
            self.formatRequested.emit(fid)

    def _standard_title(self) -> None:
        if self._report is not None:
            self._emit("title", default_title(self._report.unit, self._report.year))

    def set_report(self, report: Report) -> None:
        """Show the report's metadata without emitting edits."""
        self._report = report
        widgets = (self.unit, self.kind, self.year, self.format, self.title)
        for w in widgets:
            w.blockSignals(True)
        try:
            if self.unit.text() != report.unit:
                self.unit.setText(report.unit)
            self.kind.setCurrentIndex(max(self.kind.findData(report.unit_kind), 0))
            self.year.setValue(report.year)
            self.format.setCurrentIndex(max(self.format.findData(report.format), 0))
            if self.title.text() != report.title:
                self.title.setText(report.title)
        finally:
            for w in widgets:
                w.blockSignals(False)
        expected = format_for_year(report.year)
        mixed = bool(report.foreign_paths())
        target = migration_target(report)
        if target is not None:
            self._migrate_to = target
            text, tip = _migrate_texts(target)
            self.migrate_button.setText(text)
            self.migrate_button.setToolTip(tip)
        self.migrate_button.setVisible(target is not None)
        if expected and expected.id != report.format:
            self.format_hint.setText(f"{report.year}年度的报告应使用{expected.name}。")
            self.format_hint.setStyleSheet("color: #b26a00; font-weight: bold;")
        elif mixed:
            self.format_hint.setText(f"本报告使用{report.fmt.name}，但部分表格仍为旧格式的行列，请转换后核对。")
            self.format_hint.setStyleSheet("color: #b26a00; font-weight: bold;")
        else:
            self.format_hint.setText(f"本报告使用{report.fmt.name}。")
            self.format_hint.setStyleSheet("color: #555;")
