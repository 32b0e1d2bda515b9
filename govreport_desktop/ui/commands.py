"""Undo commands: every change to the report is one of these (Document pushes them).

They change the report only through the Document's public `apply_*` mutators, and import
nothing of the Document at run time: document.py imports this module, not the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ..core.report import Report
from ..core.values import Value

if TYPE_CHECKING:
    from .document import Document

# Consecutive typing in one section merges into one undo step.
SECTION_MERGE_ID = 1001


class SetCellsCommand(QUndoCommand):
    """Set any number of cells at once (typing, paste, Delete, 自动合计): one undo step."""

    def __init__(self, doc: Document, changes: dict[str, Value], text: str):
        super().__init__(text)
        self.doc = doc
        self.new = dict(changes)
        self.old = {p: doc.report.cells.get(p) for p in changes}

    def redo(self):
        self.doc.apply_cells(self.new)

    def undo(self):
        self.doc.apply_cells(self.old)


class SetSectionCommand(QUndoCommand):
    def __init__(self, doc: Document, key: str, text: str):
        super().__init__(f"编辑{doc.report.fmt.section[key].heading}")
        self.doc = doc
        self.key = key
        self.old = doc.report.sections.get(key, "")
        self.new = text

    def id(self):
        return SECTION_MERGE_ID

    def mergeWith(self, other):
        if not isinstance(other, SetSectionCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self):
        self.doc.apply_section(self.key, self.new)

    def undo(self):
        self.doc.apply_section(self.key, self.old)


META_LABELS = {"unit": "单位名称", "unit_kind": "单位类型", "year": "报告年度", "title": "报告标题",
               "t1_units": "金额单位"}


class SetMetaCommand(QUndoCommand):
    def __init__(self, doc: Document, field: str, value):
        super().__init__(f"修改{META_LABELS.get(field, field)}")
        self.doc = doc
        self.field = field
        self.old = getattr(doc.report, field)
        self.new = value

    def redo(self):
        self.doc.apply_meta(self.field, self.new)

    def undo(self):
        self.doc.apply_meta(self.field, self.old)


class SetNoteCommand(QUndoCommand):
    def __init__(self, doc: Document, path: str, text: str):
        super().__init__("编辑备注")
        self.doc = doc
        self.path = path
        self.old = doc.report.notes.get(path, "")
        self.new = text

    def redo(self):
        self.doc.apply_note(self.path, self.new)

    def undo(self):
        self.doc.apply_note(self.path, self.old)


class SetExplanationCommand(QUndoCommand):
    def __init__(self, doc: Document, problem_id: str, text: str):
        super().__init__("接受警告并说明" if text else "撤销对警告的说明")
        self.doc = doc
        self.problem_id = problem_id
        self.old = doc.report.explanations.get(problem_id, "")
        self.new = text

    def redo(self):
        self.doc.apply_explanation(self.problem_id, self.new)

    def undo(self):
        self.doc.apply_explanation(self.problem_id, self.old)


class ReplaceReportCommand(QUndoCommand):
    """Swap the whole report (format migration): undo restores the exact previous one."""

    def __init__(self, doc: Document, new_report: Report, text: str):
        super().__init__(text)
        self.doc = doc
        self.old = doc.report
        self.new = new_report

    def redo(self):
        self.doc.apply_report(self.new)

    def undo(self):
        self.doc.apply_report(self.old)
