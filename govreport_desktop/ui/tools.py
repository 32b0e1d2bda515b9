"""编辑 and 工具 on the open report: 自动合计, 空白填 0, format conversion, 接受警告, 重新校验.

Each is at most one undo step on the Document and asks the user (ui/dialogs.py) only when it
must. It returns what the status bar says and which cells changed, so the window can show
them; no widget of the window is touched here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.formats import FORMATS
from ..core.migrate import migrate
from ..core.report import Report
from ..core.rules import ERROR, INFO, WARNING
from ..core.totals import auto_totals as computed_totals
from ..core.totals import fill_blanks as blank_zeros
from . import dialogs


@dataclass(frozen=True)
class Outcome:
    message: str                   # for the status bar
    ms: int                        # how long it stays
    cells: tuple[str, ...] = ()    # cell paths it changed (the window selects them)


def open_counts(problems, explanations) -> dict[str, int]:
    """Errors, warnings not accepted, infos, and accepted warnings."""
    c = {ERROR: 0, WARNING: 0, INFO: 0, "accepted": 0}
    for p in problems:
        if p.severity == WARNING and p.id in explanations:
            c["accepted"] += 1
        else:
            c[p.severity] += 1
    return c


def auto_totals(doc) -> Outcome:
    report = doc.report
    changes = {p: v for p, v in computed_totals(report).items() if report.cells.get(p) != v}
    if not changes:
        return Outcome("自动合计：所有合计均与各部分之和一致，无需修改", 8000)
    doc.set_cells(changes, "自动合计")
    names = "、".join(report.fmt.cell[p].name for p in list(changes)[:3] if p in report.fmt.cell)
    more = " 等" if len(changes) > 3 else ""
    return Outcome(f"自动合计：已更新 {len(changes)} 个合计单元格（{names}{more}），可撤销", 12000, tuple(changes))


def fill_blanks(doc) -> Outcome:
    changes = blank_zeros(doc.report)
    if not changes:
        return Outcome("没有空白单元格", 6000)
    doc.set_cells(changes, "空白填 0")
    return Outcome(f"已将 {len(changes)} 个空白单元格填为 0（可撤销）", 10000, tuple(changes))


def migration_target(report: Report) -> str:
    """The format 转换 converts to: the successor of the report's format, else its own
    (a mixed report is cleaned up into the format it declares)."""
    return report.fmt.migrates_to or report.format


def change_format(doc, parent, format_id: str) -> Outcome | None:
    """Convert the tables to another format after the user confirms; None when cancelled."""
    report = doc.report
    target = FORMATS[format_id]
    if report.format == format_id and not report.foreign_paths():
        return Outcome(f"报告已是{target.name}", 6000)
    text = (f"将报告的表格转换为{target.name}？\n\n"
            "无法直接对应的数据将保留为单元格备注，请转换后逐项核对。此操作可以撤销。")
    if not dialogs.confirm(parent, "转换报告格式", text, yes="转换"):
        return None
    doc.replace_report(migrate(report, format_id), f"转换为{format_id}年格式")
    return Outcome(f"已转换为{target.name}，请核对带备注的单元格（可撤销）", 12000)


def accept_warning(doc, parent, problem) -> Outcome | None:
    """接受警告: the user's 说明 is stored with the report (one undo step); None when cancelled."""
    current = doc.report.explanations.get(problem.id, "")
    text = dialogs.ask_explanation(parent, problem, current)
    if text is None:
        return None
    if not text:
        dialogs.show_info(parent, "接受警告", "请填写说明后再接受该警告。")
        return None
    doc.set_explanation(problem.id, text)
    return Outcome(f"已接受警告 {problem.rule} 并保存说明（可撤销）", 6000)


def recheck(doc) -> Outcome:
    """Every rule on the whole report; the counts include what the calm start holds back."""
    doc.revalidate()
    c = open_counts(doc.problems, doc.report.explanations)
    held = f"（其中 {len(doc.held)} 个在尚未填写的部分，开始填写后标出）" if doc.held else ""
    return Outcome(f"校验完成：{c[ERROR]} 个错误，{c[WARNING]} 个警告，{c[INFO]} 个提示{held}", 8000)
