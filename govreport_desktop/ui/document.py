"""The open report as the UI sees it: the core report, its undo stack and its problems.

Two layers of public API. The `set_*` methods are what views and tools call: each pushes an
undo command (ui/commands.py). The `apply_*` methods are what those commands call on redo and
undo: they change the core report, re-run the rules synchronously (so highlights follow in the
same event-loop turn) and emit signals. Calling `apply_*` from anywhere else would change the
report without an undo step, so only commands do. Views never change the report themselves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.report import Report
from ..core.rules import Problem, check, counts
from ..core.values import Value
from . import calm
from .commands import (ReplaceReportCommand, SetCellsCommand, SetExplanationCommand, SetMetaCommand,
                       SetNoteCommand, SetSectionCommand)


class Document(QObject):
    cellsChanged = Signal(object)        # set of cell paths whose value changed
    sectionChanged = Signal(str)         # section key s1..s6
    metaChanged = Signal(str)            # unit, unit_kind, year, title, format, t1_units
    notesChanged = Signal(object)        # set of cell paths whose note changed
    explanationsChanged = Signal()
    reportReplaced = Signal()            # whole report swapped (format migration): rebuild views
    problemsChanged = Signal(list)       # list[Problem]
    pathChanged = Signal(object)         # Path | None
    modifiedChanged = Signal(bool)

    def __init__(self, report: Report | None = None, path: str | Path | None = None,
                 findings: list[Problem] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report or Report.new(2025)
        self.path: Path | None = Path(path) if path else None
        # The file an imported report was read from (Word, PDF, web page …): never written to,
        # only where 保存 proposes `<its name>.xlsx`; None for the application's own files.
        self.source: Path | None = None
        # Problems the importer found (S03, S04, V03 …): shown until the file is saved anew.
        self.findings: list[Problem] = list(findings or [])
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # Last year's report of the same unit, when the user loads it: the Y rules compare with it.
        # The report carries it too (Report.previous), so that saving keeps the comparison.
        self.previous: Report | None = self.report.previous
        self.problems: list[Problem] = []
        # The calm start (ui/calm.py): parts edited in this document, and whether problems of
        # untouched parts are held back on screen (视图 → 显示未填写部分的问题 turns it off).
        self.touched: set[str] = set()
        self.calm = True
        self.untouched: tuple[str, ...] = ()
        self.shown: list[Problem] = []       # what the screen lists, counts and marks
        self.held: list[Problem] = []        # held back: in untouched parts only
        self._held_ids: frozenset[str] = frozenset()
        self._by_cell: dict[str, list[Problem]] = {}
        self.revalidate()

    # ------------------------------------------------------------ state

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_path(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.pathChanged.emit(self.path)

    def mark_saved(self, path: str | Path) -> None:
        self.set_path(path)
        self.findings = []
        self.undo_stack.setClean()
        self.revalidate()

    def set_previous(self, report: Report | None) -> None:
        """Compare with last year's report (or stop comparing). No undo step and no unsaved
        change: the comparison is kept in the file at the next save (its figures, not a path)."""
        self.report.attach_previous(report)
        self.previous = self.report.previous
        self.revalidate()

    def problems_for(self, key: str) -> list[Problem]:
        """Problems whose relation includes this cell path or section/meta key."""
        return self._by_cell.get(key, [])

    def counts(self) -> dict[str, int]:
        return counts(self.problems)

    def started(self, part: str) -> bool:
        """Has the user begun this table or text (or is the calm start off)?"""
        return part not in self.untouched

    def is_held(self, problem: Problem) -> bool:
        return problem.id in self._held_ids

    def todo_lines(self) -> list[Problem]:
        """待填写 lines for the problems list, one per untouched part with held-back problems."""
        return calm.todo_lines(self.report, self.untouched, self.held)

    def set_calm(self, on: bool) -> None:
        self.calm = on
        self.revalidate()

    def revalidate(self) -> None:
        self.problems = list(self.findings) + check(self.report, self.previous)
        self.untouched = calm.untouched_parts(self.report, self.touched) if self.calm else ()
        self.shown, self.held = calm.split(self.problems, self.untouched)
        self._held_ids = frozenset(p.id for p in self.held)
        by_cell: dict[str, list[Problem]] = {}
        for p in self.problems:
            for c in p.cells:
                by_cell.setdefault(c, []).append(p)
        self._by_cell = by_cell
        self.problemsChanged.emit(self.problems)

    # ------------------------------------------------------------ edits (undoable)

    def set_cells(self, changes: dict[str, Value], text: str = "编辑单元格") -> bool:
        """One undo step setting several cells; returns False when nothing changes."""
        changes = {p: v for p, v in changes.items() if self.report.cells.get(p) != v
                   or type(self.report.cells.get(p)) is not type(v)}
        if not changes:
            return False
        self.undo_stack.push(SetCellsCommand(self, changes, text))
        return True

    def set_cell(self, path: str, value: Value) -> bool:
        return self.set_cells({path: value}, "编辑单元格")

    def set_section(self, key: str, text: str) -> None:
        if self.report.sections.get(key, "") != text:
            self.undo_stack.push(SetSectionCommand(self, key, text))

    def set_meta(self, field: str, value) -> None:
        if getattr(self.report, field) != value:
            self.undo_stack.push(SetMetaCommand(self, field, value))

    def set_note(self, path: str, text: str) -> None:
        if self.report.notes.get(path, "") != text:
            self.undo_stack.push(SetNoteCommand(self, path, text))

    def set_explanation(self, problem_id: str, text: str) -> None:
        if self.report.explanations.get(problem_id, "") != text:
            self.undo_stack.push(SetExplanationCommand(self, problem_id, text))

    def replace_report(self, new_report: Report, text: str) -> None:
        """An undoable swap of the whole report (format migration, 空白填 0 …)."""
        self.undo_stack.push(ReplaceReportCommand(self, new_report, text))

    # ------------------------------------------------------------ plain mutators: undo commands call these

    def apply_cells(self, values: dict[str, Value]) -> None:
        self.touched.update(calm.part_of(p) for p in values)
        self.report.cells.update(values)
        self.cellsChanged.emit(set(values))
        self.revalidate()

    def apply_section(self, key: str, text: str) -> None:
        self.touched.add(key)
        self.report.sections[key] = text
        self.sectionChanged.emit(key)
        self.revalidate()

    def apply_meta(self, field: str, value) -> None:
        setattr(self.report, field, value)
        self.metaChanged.emit(field)
        self.revalidate()

    def apply_note(self, path: str, text: str) -> None:
        if text:
            self.report.notes[path] = text
        else:
            self.report.notes.pop(path, None)
        self.notesChanged.emit({path})

    def apply_explanation(self, problem_id: str, text: str) -> None:
        if text:
            self.report.explanations[problem_id] = text
        else:
            self.report.explanations.pop(problem_id, None)
        self.explanationsChanged.emit()
        self.problemsChanged.emit(self.problems)

    def apply_report(self, report: Report) -> None:
        report.attach_previous(self.previous)    # a conversion (or its undo) compares as before
        self.report = report
        self.reportReplaced.emit()
        self.revalidate()
