"""A calm start: parts of the report nobody has begun are not shown as a wall of errors.

A new report breaks S02 (缺少表二 …), V02 (175 blank cells) and S08 in every part; showing all
of that before the user has typed anything hides where to begin. So, on screen only:

- A *part* is one of the format's tables (t1 … t3) or section texts (s1 … s6).
- A part is *untouched* while it holds nothing — no cell of the table has a value, the text is
  empty or still the new report's template — and nobody has edited it in this document
  (typing a value and clearing it again counts as begun).
- A problem is *held back* when every key it names lies in untouched parts. Problems of the
  metadata, of the report as a whole, and of any part that has values are never held back.
- Held-back problems are not listed, counted in the status bar or tab badges, nor marked in
  the grid; blank cells of an untouched table are not hatched. Instead the problems list shows
  one 待填写 line per untouched part that has held-back problems (“表二尚未填写 …”).

Nothing else changes: `Document.problems` is the full check, and saving, exporting, the
command line and 汇总 use it; the session's save and export messages count every problem,
held-back ones included.
"""

from __future__ import annotations

from ..core.report import Report
from ..core.rules import Problem

TODO = "todo"   # the severity of a 待填写 line: where to begin, not a rule's finding


def part_of(key: str) -> str:
    """t2.R1.C1 → t2; s3 → s3; metadata keys are their own (never untouched) part."""
    return key.split(".", 1)[0]


def untouched_parts(report: Report, touched: set[str]) -> tuple[str, ...]:
    """The parts nobody has begun, in the order of the tabs (section, then its table)."""
    fmt = report.fmt
    cells = report.cells
    out = []
    for section in fmt.sections:
        text = report.sections.get(section.key, "").strip()
        if section.key not in touched and text in ("", section.template.strip()):
            out.append(section.key)
        table = fmt.table.get(section.table) if section.table else None
        if table is not None and table.key not in touched and \
                all(cells.get(c.path) is None for c in table.cells):
            out.append(table.key)
    return tuple(out)


def split(problems: list[Problem], untouched: tuple[str, ...]) -> tuple[list[Problem], list[Problem]]:
    """(shown, held back)."""
    quiet = set(untouched)
    shown, held = [], []
    for p in problems:
        (held if p.cells and all(part_of(k) in quiet for k in p.cells) else shown).append(p)
    return shown, held


def waiting(untouched: tuple[str, ...], held: list[Problem]) -> list[str]:
    """The untouched parts that have held-back problems, in tab order."""
    parts = {part_of(k) for p in held for k in p.cells}
    return [p for p in untouched if p in parts]


def todo_lines(report: Report, untouched: tuple[str, ...], held: list[Problem]) -> list[Problem]:
    """One 待填写 line per untouched part with held-back problems; activating it goes there."""
    fmt = report.fmt
    lines = []
    for part in waiting(untouched, held):
        if part in fmt.table:
            table = fmt.table[part]
            first = next((b.path for b in table.layout.boxes if b.role == "data"), table.cells[0].path)
            text = (f"{table.name}尚未填写：从第一格起逐格填写，没有的填 0"
                    "（也可用“编辑 → 空白填 0”）")
            lines.append(Problem(f"{TODO}@{part}", "", TODO, text, (first,)))
        else:
            heading = fmt.section[part].heading
            lines.append(Problem(f"{TODO}@{part}", "", TODO, f"“{heading}”尚未填写", (part,)))
    return lines


def names(report: Report, parts) -> str:
    """表二、五、问题及改进 … for messages."""
    fmt = report.fmt
    return "、".join(fmt.table[p].name if p in fmt.table else fmt.section[p].short for p in parts)
