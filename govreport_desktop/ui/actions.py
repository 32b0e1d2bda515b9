"""The window's actions: names, shortcuts, icons and tips in one table (placed by menus.py,
wired by MainWindow)."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

from ..core.formats import latest

_LATEST = latest().id   # 转换 brings old and mixed reports to the current format

# name: (text, shortcuts, standard icon or None, status tip)
SPECS = {
    "new": ("新建(&N)…", [QKeySequence.New], QStyle.SP_FileIcon, "新建一份年度报告"),
    "open": ("打开(&O)…", [QKeySequence.Open], QStyle.SP_DialogOpenButton,
             "打开报告文件（Excel、JSON），或导入 Word、PDF、网页、文本格式的已发布报告"),
    "save": ("保存(&S)", [QKeySequence.Save], QStyle.SP_DialogSaveButton, "保存报告"),
    "save_as": ("另存为(&A)…", ["Ctrl+Shift+S"], None, "将报告保存为新文件"),
    "print": ("打印(&P)…", [QKeySequence.Print], None, "打印预览并打印报告"),
    # 文件 → 导出 (ui/export_actions.py): publications, never a save of the report
    "export_docx": ("Word 文档(&W)…", [], None, "导出为公文格式的 Word 文档，供印发和存档"),
    "export_pdf": ("PDF 文件(&P)…", [], None, "导出为 PDF 文件，版式与 Word 文档和打印相同"),
    "export_html": ("网页(&H)…", [], None, "导出为可上传到政府网站的网页（.html，不含脚本和外部文件）"),
    "export_review_docx": ("审核情况说明（Word）(&R)…", [], None,
                           "列出仍存在的错误、警告和已说明的警告，供报送时提交（Word 文档）"),
    "export_review_pdf": ("审核情况说明（PDF）(&S)…", [], None,
                          "列出仍存在的错误、警告和已说明的警告，供报送时提交（PDF 文件）"),
    "copy_html": ("复制为网页(&C)", [], None, "将报告复制为网页内容，可直接粘贴到网站的编辑器中"),
    "quit": ("退出(&X)", ["Ctrl+Q"], None, "退出程序"),
    "auto_totals": ("自动合计(&T)", ["Ctrl+T"], QStyle.SP_DialogApplyButton,
                    "按各部分之和填写表二、表三的合计单元格（一步操作，可撤销）"),
    "fill_blanks": ("空白填 0(&B)", [], None, "将表格中仍为空白的单元格填为 0（可撤销）"),
    "migrate": (f"转换为{_LATEST}年格式(&M)…", [], None, f"将旧格式或混合格式的表格转换为{_LATEST}年格式（可撤销）"),
    "compare_previous": ("对照上年报告(&Y)…", [], None,
                         "载入本单位上一年度的报告，核对上年结转、现行有效件数等跨年数据"),
    "clear_previous": ("取消对照上年报告(&C)", [], None, "不再与上一年度的报告核对"),
    "summarize": ("汇总多个单位(&U)…", [], None,
                  "读取各单位报送的报告，校验并加总表一至表三，列出各单位情况、数据来源和内容雷同"),
    "show_sources": ("查看数据来源(&S)", [], None, "列出汇总报告中当前单元格的来源单位及各自的数值"),
    "recheck": ("重新校验(&R)", ["F5"], QStyle.SP_BrowserReload, "重新检查全部校验规则"),
    "next_problem": ("下一个问题(&X)", ["F8"], QStyle.SP_ArrowDown, "转到问题列表中的下一个问题"),
    "next_page": ("下一页(&N)", ["Ctrl+PgDown", "Ctrl+Tab"], None, "转到下一个标签页（在表格中也可用）"),
    "previous_page": ("上一页(&R)", ["Ctrl+PgUp", "Ctrl+Shift+Backtab", "Ctrl+Shift+Tab"], None,
                      "转到上一个标签页（在表格中也可用）"),
    "switch_area": ("在页面和问题列表间切换(&F)", ["F6", "Shift+F6"], None,
                    "从正文或表格转到问题列表，再按一次回到原处"),
    "paste_fitting": ("粘贴能放下的部分(&F)", ["Ctrl+Shift+V"], None,
                      "上次粘贴的内容超出表格时，只粘贴能放下的部分（一步操作，可撤销）"),
    "edit_note": ("单元格备注(&M)…", ["Shift+F2"], None, "编辑当前单元格的备注（保存在文件中）"),
    "start_page": ("开始页(&H)", [], None, "最近打开的文件、新建、打开"),
    "show_all_problems": ("显示未填写部分的问题(&U)", [], None,
                          "尚未开始填写的表格和部分也逐条列出并标出问题（默认只提示“尚未填写”）"),
    "about": ("关于(&A)", [], None, "版本信息"),
    "log_folder": ("打开日志文件夹(&L)", [], None, "出错时请将日志文件发给技术支持"),
}


def build_actions(parent) -> SimpleNamespace:
    ns = SimpleNamespace()
    style = parent.style()
    for name, (text, keys, icon, tip) in SPECS.items():
        a = QAction(text, parent)
        a.setObjectName(f"action_{name}")
        if keys:
            a.setShortcuts([QKeySequence(k) for k in keys])
        if icon is not None:
            a.setIcon(style.standardIcon(icon))
        a.setStatusTip(tip)
        a.setToolTip(tip)
        setattr(ns, name, a)
    ns.show_all_problems.setCheckable(True)
    return ns
