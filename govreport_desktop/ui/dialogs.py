"""Small modal questions with Chinese buttons, in one place so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from .. import APP_NAME, __version__
from ..core.formats import FORMATS

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent, name: str) -> str:
    """保存/不保存/取消 → SAVE | DISCARD | CANCEL."""
    box = QMessageBox(QMessageBox.Warning, "保存更改", f"“{name}”已修改，是否保存更改？",
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, parent)
    box.setInformativeText("如果不保存，所做的更改将丢失。")
    box.button(QMessageBox.Save).setText("保存")
    box.button(QMessageBox.Discard).setText("不保存")
    box.button(QMessageBox.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.Save)
    box.setEscapeButton(QMessageBox.Cancel)
    answer = box.exec()
    if answer == QMessageBox.Save:
        return SAVE
    if answer == QMessageBox.Discard:
        return DISCARD
    return CANCEL


def confirm(parent, title: str, text: str, yes: str = "确定", no: str = "取消") -> bool:
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText(yes)
    box.button(QMessageBox.No).setText(no)
    box.setDefaultButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes


def show_error(parent, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_explanation(parent, problem, current: str = "") -> str | None:
    """The 说明 for accepting a warning; None when cancelled, "" is not accepted."""
    dlg = QInputDialog(parent)
    dlg.setWindowTitle("接受警告并说明")
    dlg.setLabelText(f"{problem.rule}：{problem.message}\n\n请说明为何该警告不需要修改（随报告保存）：")
    dlg.setOption(QInputDialog.UsePlainTextEditForTextInput, True)
    dlg.setTextValue(current)
    dlg.setOkButtonText("确定")
    dlg.setCancelButtonText("取消")
    dlg.resize(480, 260)
    if dlg.exec() != QInputDialog.Accepted:
        return None
    return dlg.textValue().strip()


def show_about(parent) -> None:
    """关于: the version and the official formats supported (from the format definitions)."""
    supported = "和".join(f"{f.id}年格式（{f.document}）" for f in FORMATS.values())
    QMessageBox.about(parent, f"关于{APP_NAME}",
                      f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
                      "<p>编写、校验并导出政府信息公开工作年度报告。<br>"
                      f"支持{supported}。</p>")
