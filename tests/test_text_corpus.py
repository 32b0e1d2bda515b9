"""The precision corpus (tests/text_corpus.py): on every report, each text warning is on its
hand-checked list, none a reviewer rejected is raised, and no true warning is lost."""

import pytest
from text_corpus import CASES, TEXT_RULES, judge

from govreport_desktop.core.rules import check


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_text_warning_is_one_a_reviewer_agrees_with(case):
    problems = check(case.report())
    verdict = judge(case, problems)
    rejected = [(p.id, p.message) for row in verdict.values() for p in row["rejected"]]
    missed = [why for row in verdict.values() for why in row["missed"]]
    assert rejected == [] and missed == []
    text = [p for p in problems if p.rule in TEXT_RULES]
    for rule, words, why in case.rejected:
        assert not [p for p in text if p.rule == rule and words in p.message], why


def test_the_true_warnings_issue_13_names_are_in_the_corpus():
    tags = {t for c in CASES for t in c.tags}
    assert {"县教育局", "均获维持"} <= tags
    sources = {c.name: c.source for c in CASES}
    assert all(s.startswith(("real:", "constructed")) for s in sources.values())
    assert sum(s.startswith("real:") for s in sources.values()) == 5     # every report in the fixtures


def test_a_warning_off_the_list_is_counted_as_rejected():
    case = CASES[0]
    rep = case.report()
    rep.sections["s3"] = "全年共受理政府信息公开申请750件。"     # a true warning, but not on this case's list
    verdict = judge(case, check(rep))
    assert [p.id for p in verdict["X01"]["rejected"]] == ["X01@s3#1"]
