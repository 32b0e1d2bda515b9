"""The text editors of 一 … 六 and the pages that pair a text with its table (二/三/四).

Widgets only: they emit what the user did; the main window turns that into Document edits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QToolButton,
                               QVBoxLayout, QWidget)


class ReportTextEdit(QPlainTextEdit):
    """A plain-text editor whose Ctrl+Z / Ctrl+Y reach the window's undo stack.

    Typing is recorded in the document's QUndoStack (merged per section), so the editor's own
    undo is off and its shortcuts must not swallow the window's 撤销/重做.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 0.5)   # long Chinese prose: a size up
        self.setFont(font)

    def event(self, e):
        if e.type() == QEvent.ShortcutOverride and (
                e.matches(QKeySequence.Undo) or e.matches(QKeySequence.Redo)):
            e.ignore()
            return False
        return super().event(e)


def char_count(text: str) -> int:
    """字数 as offices count it: characters without spaces and line breaks."""
    return sum(1 for ch in text if not ch.isspace())


class SectionEditor(QWidget):
    """Guidance above, the editor, and a live character count."""

    textEdited = Signal(str, str)  # section key, full text

    def __init__(self, key: str, parent=None, compact: bool = False):
        super().__init__(parent)
        self.key = key
        self._updating = False
        self.guidance = QLabel(self)
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.PlainText)
        self.guidance.setObjectName(f"guidance_{key}")
        self.guidance.setStyleSheet(
            "QLabel { background: #f3f6fa; border: 1px solid #d5dde8; border-radius: 3px;"
            " padding: 6px; color: #33475b; }")
        self.editor = ReportTextEdit(self)
        self.editor.setObjectName(f"text_{key}")
        self.count = QLabel(self)
        self.count.setObjectName(f"count_{key}")
        self.count.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.count.setStyleSheet("color: #555;")
        # Last year's text of the same section, read-only beside the editor (Y05), shown only
        # while the user compares with last year's report.
        self.reference = QPlainTextEdit(self)
        self.reference.setObjectName(f"reference_{key}")
        self.reference.setReadOnly(True)
        self.reference.setFont(self.editor.font())
        self.reference.setStyleSheet("QPlainTextEdit { background: #f7f7f2; color: #444; }")
        self.reference_title = QLabel(self)
        self.reference_title.setWordWrap(True)
        self.reference_title.setStyleSheet("color: #555; font-weight: bold;")
        ref_box = QWidget(self)
        ref_lay = QVBoxLayout(ref_box)
        ref_lay.setContentsMargins(0, 0, 0, 0)
        ref_lay.addWidget(self.reference_title)
        ref_lay.addWidget(self.reference, 1)
        self.reference_box = ref_box
        ref_box.hide()
        self.split = QSplitter(Qt.Horizontal, self)
        self.split.addWidget(self.editor)
        self.split.addWidget(ref_box)
        self.split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0 if compact else 8, 4, 0 if compact else 8, 4)
        lay.addWidget(self.guidance)
        lay.addWidget(self.split, 1)
        lay.addWidget(self.count)
        self.editor.textChanged.connect(self._changed)
        self._update_count()

    def show_reference(self, title: str, text: str | None) -> None:
        """Show `text` read-only beside the editor under `title`; None hides it."""
        self.reference_box.setVisible(text is not None)
        if text is not None:
            self.reference_title.setText(title)
            self.reference.setPlainText(text or "（上年报告此部分为空）")
            self.split.setSizes([3, 2])

    def set_guidance(self, heading: str, guidance: str) -> None:
        self.guidance.setText(f"{heading}　填写说明：{guidance}" if guidance else heading)
        self.editor.setPlaceholderText(f"在此填写“{heading}”")

    def set_text(self, text: str) -> None:
        """Show the document's text (load, undo) without echoing it back as an edit."""
        if self.editor.toPlainText() == text:
            return
        self._updating = True
        try:
            cursor = self.editor.textCursor()
            pos = cursor.position()
            self.editor.setPlainText(text)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(pos, len(text)))
            self.editor.setTextCursor(cursor)
        finally:
            self._updating = False
        self._update_count()

    def _changed(self) -> None:
        self._update_count()
        if not self._updating:
            self.textEdited.emit(self.key, self.editor.toPlainText())

    def _update_count(self) -> None:
        text = self.editor.toPlainText()
        self.count.setText(f"字数：{char_count(text)}（含空格及换行共 {len(text)} 个字符）")


class TablePage(QWidget):
    """二/三/四: the optional narrative above, the table below (a splitter between).

    The narrative folds away (文字说明 button, Alt+W) so that on a small screen the table gets
    the room: the button says how much text there is while it is folded.
    """

    def __init__(self, key: str, table_key: str, parent=None):
        super().__init__(parent)
        self.table_key = table_key
        self.text = SectionEditor(key, compact=True)
        self.text.editor.setMinimumHeight(48)
        self.grid_box = QWidget()
        self.grid_layout = QVBoxLayout(self.grid_box)
        self.grid_layout.setContentsMargins(0, 0, 0, 0)
        self.table_title = QLabel(self.grid_box)
        self.table_title.setStyleSheet("font-weight: bold; padding: 2px 0;")
        self.text_toggle = QToolButton(self.grid_box)
        self.text_toggle.setObjectName(f"text_toggle_{key}")
        self.text_toggle.setCheckable(True)
        self.text_toggle.setChecked(True)
        self.text_toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.text_toggle.setAutoRaise(True)
        self.text_toggle.toggled.connect(self.show_text)
        self.text.editor.textChanged.connect(self._update_toggle)
        self.extra_bar = QHBoxLayout()
        self.extra_bar.addWidget(self.table_title, 1)
        self.extra_bar.addWidget(self.text_toggle)
        self.grid_layout.addLayout(self.extra_bar)
        self.grid: QWidget | None = None
        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(self.grid_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([120, 800])   # the table is the main thing on these pages
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.splitter)
        self._update_toggle()

    def show_text(self, on: bool) -> None:
        """Unfold (and focus) or fold the narrative above the table."""
        if self.text_toggle.isChecked() != on:
            self.text_toggle.setChecked(on)     # comes back here through toggled
            return
        self.text.setVisible(on)
        self._update_toggle()
        if self.isVisible():
            target = self.text.editor if on else self.grid
            if target is not None:
                target.setFocus(Qt.ShortcutFocusReason)

    def text_shown(self) -> bool:
        return self.text_toggle.isChecked()

    def _update_toggle(self) -> None:
        n = char_count(self.text.editor.toPlainText())
        on = self.text_toggle.isChecked()
        self.text_toggle.setArrowType(Qt.DownArrow if on else Qt.RightArrow)
        state = f"{n} 字" if n else "可不填"
        self.text_toggle.setText(f"文字说明(&W)（{state}）")
        self.text_toggle.setToolTip("收起本部分的文字说明，让表格占满页面（Alt+W）" if on
                                    else "展开本部分的文字说明（Alt+W）")

    def set_grid(self, grid: QWidget) -> None:
        if self.grid is not None:
            self.grid_layout.removeWidget(self.grid)
            self.grid.hide()
            self.grid.setParent(None)
            self.grid.deleteLater()
        self.grid = grid
        self.grid_layout.addWidget(grid, 1)


class T1Page(TablePage):
    """二、主动公开: adds the 2019 format's 采购总金额 unit (元/万元)."""

    amountUnitChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__("s2", "t1", parent)
        self.unit_label = QLabel("采购总金额单位：")
        self.unit_box = QComboBox()
        self.unit_box.setObjectName("procurement_unit")
        # An unset unit shows as such (V06 warns), never as a silent default the user did not pick.
        self.unit_box.addItem("请选择", "")
        self.unit_box.addItem("万元", "万元")
        self.unit_box.addItem("元", "元")
        self.unit_box.setToolTip("2019年格式表一“政府集中采购 · 采购总金额”所用的单位")
        self.unit_box.activated.connect(lambda i: self.amountUnitChanged.emit(self.unit_box.itemData(i)))
        self.extra_bar.addWidget(self.unit_label)
        self.extra_bar.addWidget(self.unit_box)

    def show_amount_unit(self, visible: bool, unit: str) -> None:
        self.unit_label.setVisible(visible)
        self.unit_box.setVisible(visible)
        self.unit_box.setCurrentIndex(max(self.unit_box.findData(unit or ""), 0))
