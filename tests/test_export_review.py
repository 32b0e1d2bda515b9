"""审核情况说明: open errors and warnings, accepted warnings with their 说明 (io/export/review.py)."""

from govreport_desktop.core.rules import ERROR, WARNING, check
from govreport_desktop.io.export import review
from govreport_desktop.io.export.publication import Grid, Para


def test_rows_list_errors_then_open_then_accepted_warnings(load_truth):
    report = load_truth("shuyang-county-2025")
    report.cells["t2.R1.C1"] = 706                       # breaks the arithmetic: errors
    problems = check(report)
    warnings = [p for p in problems if p.severity == WARNING]
    report.explanations[warnings[0].id] = "已在监督保障部分说明"
    report.explanations["X99@gone"] = "一条已不存在的问题的说明"
    rows = review.rows(report, problems)
    kinds = [r[1] for r in rows]
    n_err = sum(1 for p in problems if p.severity == ERROR)
    assert n_err and kinds[:n_err] == ["错误"] * n_err
    assert rows[-1][2:] == (warnings[0].rule, warnings[0].message, "已在监督保障部分说明")
    assert all(r[4] == review.UNEXPLAINED for r in rows[n_err:-1])
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert not any("已不存在" in r[4] for r in rows)
    assert len(rows) == n_err + len(warnings)             # 提示 (info) are not listed


def test_review_publication_states_the_counts(load_truth):
    report = load_truth("shuyang-county-2025")
    pub = review.build(report, [])
    text = "".join(b.text for b in pub.blocks if isinstance(b, Para))
    assert "未发现错误或警告" in text and not any(isinstance(b, Grid) for b in pub.blocks)
    pub = review.build(report)                            # problems=None: checked here
    text = "".join(b.text for b in pub.blocks if isinstance(b, Para))
    assert "现有错误 0 项、未说明的警告 2 项、已说明的警告 0 项" in text


def test_error_notice_only_when_errors_remain(load_truth):
    report = load_truth("shuyang-county-2025")
    assert review.error_notice(None) == [] and review.error_notice(check(report)) == []
    report.cells["t2.R1.C1"] = 706
    assert "错误" in review.error_notice(check(report))[0]
