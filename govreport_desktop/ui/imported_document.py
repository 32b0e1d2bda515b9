"""An imported report (Word, PDF, web page, text, clipboard, another unit's workbook) becomes a
new, unsaved document: the file it came from is never written to, 保存 proposes `<its name>.xlsx`
beside it, and the import summary — what was found, what was assumed, what could not be placed
and where — is shown once in a dialog and kept in the problems list with the importer's findings
(S03/S04/S05/V03) until the report is saved.

No widget of the window is touched here: the Session shows the document (documentChanged).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..core.rules import INFO, SEVERITY_LABEL, Problem
from ..io.base import Loaded
from . import dialogs
from .document import Document

log = logging.getLogger(__name__)

NOTICE_RULE = "导入"          # problems-list entries of the import summary (not a rule of rules.md)
SHOWN = 12                    # lines of findings in the dialog; the problems list has them all


def notice_problems(notices: list[str]) -> list[Problem]:
    """The importer's sentences as entries of the problems list (information, no cell)."""
    return [Problem(f"{NOTICE_RULE}@{i}", NOTICE_RULE, INFO, text, ()) for i, text in enumerate(notices, 1)]


def found_parts(report) -> tuple[str, str]:
    """(what the import filled, what it left empty) in words: “表一、表二；正文第一、五部分”."""
    fmt = report.fmt
    tables: tuple[list, list] = ([], [])
    parts: tuple[list, list] = ([], [])
    for table in fmt.tables:
        filled = any(report.cells.get(c.path) is not None for c in table.cells)
        tables[not filled].append(table.name)
    for section in fmt.sections:
        if not section.table:       # 二/三/四 may well have no text of their own
            text = (report.sections.get(section.key) or "").strip()
            parts[not text].append(section.heading.split("、")[0])

    def words(i: int) -> str:
        return "；".join(filter(None, ["、".join(tables[i]),
                                       f"正文第{'、'.join(parts[i])}部分" if parts[i] else ""]))
    return words(0), words(1)


def import_summary(name: str, loaded: Loaded) -> str:
    """The dialog's text: what was read, what to check, where things could not be placed."""
    rep = loaded.report
    found, empty = found_parts(rep)
    lines = [f"已从“{name}”读入{rep.unit or '（未识别单位）'}{rep.year}年度报告（{rep.fmt.short_name}），"
             "作为新的未保存报告打开；原文件不会被修改，保存时另存为 Excel 工作簿。"]
    if found:
        lines.append(f"读入：{found}。")
    if empty:
        lines.append(f"未找到或为空：{empty}（按空白读入，未填 0）。")
    if loaded.notices or loaded.findings:
        lines.append("")
        lines.append("请核对：")
    lines += [f"• {t}" for t in loaded.notices]
    shown = loaded.findings[:SHOWN]
    lines += [f"• [{SEVERITY_LABEL[p.severity]}] {p.rule} {p.message}" for p in shown]
    if len(loaded.findings) > SHOWN:
        lines.append(f"……另有 {len(loaded.findings) - SHOWN} 条，见问题列表。")
    if loaded.notices or loaded.findings:
        lines.append("以上内容同时列在问题列表中，保存后不再显示。")
    return "\n".join(lines)


def new_unsaved(report, findings=(), source: Path | None = None) -> Document:
    """A document that has never been saved: 保存 asks where, closing asks 保存更改？."""
    doc = Document(report, None, list(findings))
    doc.source = Path(source) if source else None
    doc.undo_stack.resetClean()             # modified from the start; no undo step to take back
    return doc


def open_imported(session, loaded: Loaded, source: Path | None, name: str | None = None) -> bool:
    """Show `loaded` as a new unsaved report read from `source` (None: the clipboard)."""
    name = name or (source.name if source else "剪贴板")
    findings = list(loaded.findings) + notice_problems(loaded.notices)
    session.set_document(new_unsaved(loaded.report, findings, source))
    if source is not None:
        session.settings.add_recent(source)
        session.settings.last_folder = str(source.parent)
    log.info("imported %s: %d findings, %d notices", name, len(loaded.findings), len(loaded.notices))
    n = len(loaded.findings)
    session.message.emit(f"已导入“{name}”（未保存）" + (f"，发现 {n} 个需核对的问题，见问题列表" if n else ""), 10000)
    dialogs.show_info(session.parent(), "导入说明", import_summary(name, loaded))
    return True
