"""The start page: where the user left off (recent files), 新建, 打开, or the blank report.

Shown at start-up when no file was given and the last file was not reopened. The buttons are
made from the window's own actions (`add_action`), so they say what the menus say and carry
the same shortcuts; another way to begin (e.g. 从上年报告开始) is one more `add_action` call.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from .. import APP_NAME

PathRole = int(Qt.UserRole)


def _plain(text: str) -> str:
    """An action's text for a button: without its menu mnemonic (“新建(&N)…” → “新建…”)."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


class StartPage(QWidget):
    fileChosen = Signal(str)            # a recent file to open
    blankChosen = Signal()              # go on with the blank report already open
    reopenLastChanged = Signal(bool)    # 启动时打开上次的文件

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("start_page")
        title = QLabel(APP_NAME)
        title.setStyleSheet("font-size: 20px; font-weight: bold; color: #1d3b5c;")
        intro = QLabel("编写、校验并导出政府信息公开工作年度报告。请选择从哪里开始：")
        intro.setWordWrap(True)

        self.buttons = QVBoxLayout()
        self.buttons.setSpacing(8)
        self.blank_button = QPushButton("填写空白报告(&B)")
        self.blank_button.setObjectName("start_blank")
        self.blank_button.setToolTip("直接填写已新建的空白报告（上一年度、按该年度的格式）")
        self.blank_button.clicked.connect(self.blankChosen)
        self._blank_year = QLabel()
        self._blank_year.setStyleSheet("color: #555;")
        left = QVBoxLayout()
        left.addLayout(self.buttons)
        left.addWidget(self.blank_button)
        left.addWidget(self._blank_year)
        left.addStretch(1)

        recent_title = QLabel("最近打开的文件(&R)：")
        self.recent = QListWidget()
        self.recent.setObjectName("start_recent")
        self.recent.setMinimumWidth(360)
        recent_title.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._activated)   # Enter, double click
        self.no_recent = QLabel("（还没有打开过文件）")
        self.no_recent.setStyleSheet("color: #777;")
        self.reopen = QCheckBox("启动时自动打开上次的文件(&L)")
        self.reopen.setObjectName("start_reopen")
        self.reopen.toggled.connect(self.reopenLastChanged)
        right = QVBoxLayout()
        right.addWidget(recent_title)
        right.addWidget(self.recent, 1)
        right.addWidget(self.no_recent)
        right.addWidget(self.reopen)

        columns = QHBoxLayout()
        columns.addLayout(left, 0)
        line = QFrame()
        line.setFrameShape(QFrame.VLine)
        line.setStyleSheet("color: #d5dde8;")
        columns.addWidget(line)
        columns.addLayout(right, 1)
        body = QWidget()
        body.setMaximumWidth(980)
        inner = QVBoxLayout(body)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(12)
        inner.addLayout(columns, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 24, 24, 24)
        lay.addWidget(body, 1, Qt.AlignHCenter)

    def add_action(self, action: QAction) -> QPushButton:
        """A button for `action` (text, tip, enabled state and shortcut shown as the menus do)."""
        button = QPushButton()
        button.setObjectName(f"start_{action.objectName().removeprefix('action_')}")
        button.setMinimumWidth(220)

        def sync():
            keys = action.shortcut().toString()
            button.setText(_plain(action.text()) + (f"　{keys}" if keys else ""))
            button.setToolTip(action.statusTip() or action.toolTip())
            button.setEnabled(action.isEnabled())
            button.setVisible(action.isVisible())
        sync()
        action.changed.connect(sync)
        button.clicked.connect(action.trigger)
        self.buttons.addWidget(button)
        return button

    def set_recent(self, files: list[str], reopen_last: bool) -> None:
        self.recent.clear()
        for f in files:
            path = Path(f)
            there = path.exists()
            item = QListWidgetItem(f"{path.name}" + ("" if there else "（文件已不存在）") + f"\n{path.parent}")
            item.setData(PathRole, f)
            item.setToolTip(f)
            if not there:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            self.recent.addItem(item)
        self.recent.setVisible(bool(files))
        self.no_recent.setVisible(not files)
        first = next((i for i in range(self.recent.count()) if self.recent.item(i).flags() & Qt.ItemIsEnabled), None)
        if first is not None:
            self.recent.setCurrentRow(first)
        self.reopen.blockSignals(True)
        self.reopen.setChecked(reopen_last)
        self.reopen.blockSignals(False)

    def set_blank(self, text: str) -> None:
        self._blank_year.setText(text)

    def focus_target(self) -> QWidget:
        """Where the keyboard starts: the last file, or the first button."""
        if self.recent.isVisible() and self.recent.currentItem() is not None:
            return self.recent
        for i in range(self.buttons.count()):
            w = self.buttons.itemAt(i).widget()
            if w is not None and w.isEnabled() and not w.isHidden():
                return w
        return self.blank_button

    def _activated(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemIsEnabled:
            self.fileChosen.emit(item.data(PathRole))
