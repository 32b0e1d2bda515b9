"""发现未保存的报告: at start, the snapshots a crash or power loss left, one row per report.

Each row says whose report it is (单位, 年度), which file it belongs to and when it was last
changed, and what to do with it: 恢复 (the default: nothing is lost by accident), 丢弃, or
暂不处理 (asked again at the next start). The dialog only asks; ui/windows.py acts.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..io.snapshots import Entry
from .session import UNTITLED

RESTORE, DISCARD, LATER = "restore", "discard", "later"
ACTIONS = {RESTORE: "恢复", DISCARD: "丢弃", LATER: "暂不处理"}
COLUMNS = ("单位", "年度", "原文件", "最后修改", "处理")


def when(changed: float, now: float | None = None) -> str:
    """“2026-11-03 14:25（5 分钟前）”."""
    now = time.time() if now is None else now
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(changed))
    ago = max(0, int(now - changed))
    if ago < 60:
        rel = "刚才"
    elif ago < 3600:
        rel = f"{ago // 60} 分钟前"
    elif ago < 86400:
        rel = f"{ago // 3600} 小时前"
    else:
        rel = f"{ago // 86400} 天前"
    return f"{stamp}（{rel}）"


class RecoveryDialog(QDialog):
    def __init__(self, entries: list[Entry], parent=None):
        super().__init__(parent)
        self.entries = list(entries)
        self.setWindowTitle("发现未保存的报告")
        self.setObjectName("recovery_dialog")
        intro = QLabel("本软件上次没有正常退出（如死机、断电或被强制结束），以下报告有尚未保存的修改。\n"
                       "恢复的报告以“未保存”状态打开，核对后保存即写入原文件；丢弃的修改无法找回。")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.entries), len(COLUMNS), self)
        self.table.setObjectName("recovery_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setTextElideMode(Qt.ElideMiddle)      # the file name stays in sight
        self.combos: list[QComboBox] = []
        for row, entry in enumerate(self.entries):
            if entry.report is None:
                texts = (f"（{entry.error}）", "", "", when(entry.changed))
            else:
                texts = (entry.unit or "（未填写单位）", f"{entry.year}年度",
                         str(entry.path) if entry.path else UNTITLED, when(entry.changed))
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
            combo = QComboBox(self.table)
            for action in (RESTORE, DISCARD, LATER) if entry.report is not None else (DISCARD, LATER):
                combo.addItem(ACTIONS[action], action)
            combo.setAccessibleName(f"第 {row + 1} 份报告的处理方式")
            self.table.setCellWidget(row, len(COLUMNS) - 1, combo)
            self.combos.append(combo)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton("确定", QDialogButtonBox.AcceptRole)
        later = buttons.addButton("以后再说", QDialogButtonBox.RejectRole)
        ok.setDefault(True)
        later.setToolTip("全部暂不处理，下次启动时再询问")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, 180 + 30 * min(len(self.entries), 8))

    def set_choice(self, row: int, action: str) -> None:
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(action))

    def choices(self) -> list[tuple[Entry, str]]:
        """What the user chose per row; 以后再说 (or closing the dialog) is 暂不处理 for all."""
        if self.result() != QDialog.Accepted:
            return [(e, LATER) for e in self.entries]
        return [(e, c.currentData()) for e, c in zip(self.entries, self.combos)]


def ask(entries: list[Entry], parent=None) -> list[tuple[Entry, str]]:
    dlg = RecoveryDialog(entries, parent)
    dlg.setWindowModality(Qt.ApplicationModal)
    dlg.exec()
    return dlg.choices()
