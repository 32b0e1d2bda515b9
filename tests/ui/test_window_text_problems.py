"""Clicking a problem found in a text selects the words the rule found."""

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401


def test_clicking_a_text_problem_selects_the_mention(window):
    """X07: the copied “县教育局” in 五 is selected in its editor, not just the tab shown."""
    problem = next(p for p in window.doc.problems if p.rule == "X07")
    window.go_to_problem(problem)
    editor = window.editors["s5"].editor
    assert window.tabs.currentWidget().isAncestorOf(editor)
    assert editor.textCursor().selectedText() == "县教育局"
