"""审核情况说明: what a collecting office asks for before it accepts a report.

A separate short document listing the errors and warnings still open and every warning the
user accepted, with the 说明 they wrote (`Report.explanations`, keyed by problem id). The
publication itself never shows these explanations. `rows()` gives the same content as plain
rows for a workbook sheet.
"""

from __future__ import annotations

from ... import APP_NAME
from ...core.report import Report, UNIT_KINDS
from ...core.rules import ERROR, RULES, SEVERITY_LABEL, WARNING, Problem, check
from .publication import FALLBACK_TITLE, Cell, Cleaner, Grid, Para, Publication, Run, Title
from .typeset import TEXT_WIDTH_PT

TITLE = "审核情况说明"
HEADERS = ("序号", "类别", "规则", "问题", "说明")
WIDTHS_EM = (2.6, 3.0, 3.2, 20.6, 12.6)      # at 五号; the problem text gets the room
UNEXPLAINED = "（未说明）"


def _problems(report: Report, problems) -> list[Problem]:
    return list(problems) if problems is not None else check(report)


def error_notice(problems) -> list[str]:
    """A notice for an export of a report that still has errors (the numbers are exported as they are)."""
    if problems is None:
        return []
    n = sum(1 for p in problems if p.severity == ERROR)
    return [f"报告仍有 {n} 个错误，导出的文件按现有数字制作；报送前请先改正。"] if n else []


def rows(report: Report, problems=None) -> list[tuple[str, str, str, str, str]]:
    """(序号, 类别, 规则, 问题, 说明): errors, warnings without a 说明, then accepted warnings."""
    found = _problems(report, problems)
    explained = report.explanations
    errors = [p for p in found if p.severity == ERROR]
    warnings = [p for p in found if p.severity == WARNING and not explained.get(p.id, "").strip()]
    accepted = [p for p in found if p.severity == WARNING and explained.get(p.id, "").strip()]
    out = []
    for p in [*errors, *warnings, *accepted]:
        note = explained.get(p.id, "").strip() if p.severity == WARNING else ""
        out.append((str(len(out) + 1), SEVERITY_LABEL[p.severity], p.rule, p.message,
                    note or (UNEXPLAINED if p.severity == WARNING else "")))
    return out


def build(report: Report, problems=None) -> Publication:
    """The 审核情况说明 as a publication (drawn by the Word and PDF exporters)."""
    tidy = Cleaner()
    found = _problems(report, problems)
    table = [tuple(tidy(v) for v in row) for row in rows(report, found)]
    n_err = sum(1 for r in table if r[1] == SEVERITY_LABEL[ERROR])
    n_warn = sum(1 for r in table if r[4] == UNEXPLAINED)
    n_acc = len(table) - n_err - n_warn
    n_rules = sum(1 for r in RULES.values() if report.format in r.formats and not r.import_only)
    title = tidy(report.title) or FALLBACK_TITLE
    facts = [f"报告名称：{title}", f"报送单位：{tidy(report.unit) or '（未填写）'}",
             f"单位类型：{UNIT_KINDS.get(report.unit_kind, report.unit_kind)}",
             f"统计年度：{report.year}年", f"报告格式：{report.fmt.name}"]
    blocks = [Title((TITLE,))]
    blocks += [Para("plain", (Run(f, "body"),)) for f in facts]
    if table:
        summary = (f"按年度报告格式和勾稽关系逐项校验（{n_rules} 条规则），现有错误 {n_err} 项、"
                   f"未说明的警告 {n_warn} 项、已说明的警告 {n_acc} 项，列表如下。")
    else:
        summary = f"按年度报告格式和勾稽关系逐项校验（{n_rules} 条规则），未发现错误或警告。"
    blocks.append(Para("body", (Run(summary, "body"),)))
    if table:
        blocks.append(_grid(table))
    blocks.append(Para("note", (Run(f"本说明由{APP_NAME}根据报告内容生成；“说明”一栏为填报单位所写。", "table"),)))
    notices = [f"报告文字中有 {tidy.removed} 个控制字符，导出的文件中已略去。"] if tidy.removed else []
    return Publication(f"{title} {TITLE}", blocks, author=tidy(report.unit), subject=TITLE, notices=notices)


def _grid(table: list[tuple[str, ...]]) -> Grid:
    scale = TEXT_WIDTH_PT / sum(WIDTHS_EM)
    widths = tuple(w * scale for w in WIDTHS_EM)
    cells = [Cell(0, j, 1, 1, h, "header") for j, h in enumerate(HEADERS)]
    for i, row in enumerate(table, start=1):
        for j, value in enumerate(row):
            cells.append(Cell(i, j, 1, 1, value, "text", align="left" if j >= 3 else "center"))
    return Grid("review", len(table) + 1, len(HEADERS), 1, widths, tuple(cells))
