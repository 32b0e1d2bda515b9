"""The window's problems list: what it shows (the calm start of ui/calm.py), the counts in
the status bar and tab badges, and going to a problem (click, Enter, F8).

A mixin of MainWindow: it uses the window's doc, tabs, grids, editors and problems panel.
"""

from __future__ import annotations

from ..core.rules import ERROR, INFO, WARNING
from . import tools
from .report_tabs import select_span, tab_of

META_WIDGETS = {"unit": "unit", "unit_kind": "kind", "year": "year", "format": "format",
                "title": "title", "t1_units": None}


class ProblemsMixin:
    def open_counts(self) -> dict[str, int]:
        """The counts the window shows: problems of untouched parts are held back (ui/calm.py)."""
        return tools.open_counts(self.doc.shown, self.doc.report.explanations)

    def tab_error_counts(self) -> list[int]:
        return self.tabs.error_counts(self.doc.shown)

    def _on_problems(self, _problems=None) -> None:
        doc = self.doc
        todo = doc.todo_lines()
        self.problems_panel.set_problems(todo + doc.shown, doc.report.explanations)
        c = self.open_counts()
        text = f"{c[ERROR]} 个错误，{c[WARNING]} 个警告"
        waiting = f"{len(todo)} 部分待填写" if todo else ""
        self.status_counts.setText(text + (f" · {waiting}" if waiting else ""))
        extra = f"，{c[INFO]} 个提示" + (f"，{c['accepted']} 个警告已说明" if c["accepted"] else "")
        hint = "。单击或按回车转到对应位置。"
        if todo:
            hint += f"{waiting}：开始填写后再标出其中的问题，保存和导出时全部校验。"
        self.problems_panel.summary.setText(text + extra + hint)
        self.problems_panel.summary.setToolTip(text + extra + hint)
        self.tabs.show_error_counts(self.tab_error_counts())

    def go_to_problem(self, problem) -> None:
        keys = list(problem.cells)
        first = keys[0] if keys else ""
        self.show_report()
        self.tabs.setCurrentIndex(tab_of(first))
        if "." in first:
            table = first.split(".", 1)[0]
            self._select_in_grid(table, keys)
            grid = self.grids.get(table)
            if grid is not None:
                grid.setFocus()
        elif first in self.editors:
            page = self.tabs.currentWidget()
            if page in self.table_pages.values():
                page.show_text(True)            # a folded narrative unfolds to show the problem
            editor = self.editors[first].editor
            editor.setFocus()
            if problem.span:   # select the mention the rule found, e.g. the copied “县教育局”
                select_span(editor, *problem.span)
        elif META_WIDGETS.get(first):
            getattr(self.meta_tab, META_WIDGETS[first]).setFocus()
        text = f"{problem.rule}：{problem.message}" if problem.rule else problem.message
        # The full message is in the list's tooltip; the status bar must leave room for the counts.
        self.statusBar().showMessage(text if len(text) <= 60 else text[:59] + "…", 10000)

    def next_problem(self) -> None:
        model = self.problems_panel.model
        if model.rowCount() == 0:
            self.statusBar().showMessage("没有发现问题", 5000)
            return
        view = self.problems_panel.view
        row = (view.currentIndex().row() + 1) % model.rowCount()
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        self.go_to_problem(model.problem(row))
