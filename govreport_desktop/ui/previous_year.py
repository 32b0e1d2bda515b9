"""Last year's texts beside this year's editors, read-only, while a previous-year report is
attached (对照上年报告, 从上年报告开始, or a file that carries one).

五 has always been shown (Y05: say how last year's problems were dealt with); the other parts
are offered for reference the same way — never copied into this year's report, since a text
taken over from last year is what Y04 (内容雷同) reports.
"""

from __future__ import annotations

from ..core.report import Report

ALWAYS = ("s5",)      # shown even when last year's part is empty (the editor says so)


def reference_title(previous: Report, key: str, heading: str) -> str:
    if key == "s5":
        return (f"{previous.year}年报告的“五、存在的主要问题及改进情况”（只读，供对照；"
                "今年应说明这些问题的改进情况）")
    return f"{previous.year}年报告的“{heading}”（只读，供参考；请用今年的情况重新撰写，勿照搬）"


def show_references(editors: dict, previous: Report | None) -> None:
    """Each part's editor shows last year's text of the same part (None: hides them all)."""
    for key, editor in editors.items():
        text = previous.sections.get(key, "") if previous is not None else None
        if previous is not None and key not in ALWAYS and not (text or "").strip():
            text = None                   # nothing to show: keep the editor its full width
        heading = previous.fmt.section[key].heading if previous is not None and key in previous.fmt.section else key
        editor.show_reference(reference_title(previous, key, heading) if text is not None else "", text)
