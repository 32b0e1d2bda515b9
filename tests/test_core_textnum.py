"""textnum's fast scan for patterns that start with (?:word|word…) finds exactly what
re.finditer finds (it only skips positions where no match can start)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_desktop.core.rules.crosscheck import SEP
from govreport_desktop.core.textnum import NUM, _compiled, _finditer, mentions

# Patterns that start with an alternation of words (X01's and X02's before they read sentences
# with rules/reading.py; P04 still uses this kind): examples for the fast scan.
RECEIVED = rf"(?:收到|受理|接收|接到){SEP}{{0,20}}?申请{SEP}{{0,8}}?{NUM}\s*件"
X02_PATTERNS = (
    ("上年结转", rf"上(?:一)?年(?:度)?结转(?:申请)?(?:共)?\s*{NUM}\s*件", "R2"),
    ("结转", rf"(?:结转|顺延)(?:至|到)?(?:下(?:一)?年(?:度)?|明年|次年)?(?:继续办理)?(?:共)?\s*{NUM}\s*件", "R4"),
    ("办结", rf"(?:办结|答复|办理)(?:完毕|完成)?(?:共|了)?\s*{NUM}\s*件", "R3"),
)

P04 = rf"(?:主动公开|制发|出台|印发|制定|发布){SEP}{{0,10}}?(?:行政)?规范性文件(?:共)?\s*{NUM}\s*件"
PATTERNS = [RECEIVED, P04, r"(?:ab|b|abc)c", r"(?:件|件件)件", *(p for _says, p, _row in X02_PATTERNS)]

FRAGMENTS = ["收到", "受理", "接收", "接到", "申请", "结转", "顺延", "至", "下一年度", "继续办理", "办结", "答复",
             "办理", "完毕", "共", "了", "上年", "主动公开", "制发", "出台", "印发", "行政", "规范性文件", "件",
             "12", "３", "七十二", "，", "。", " ", "a", "b", "c", "ab", "abc", "政府信息公开"]


def _plain(pattern, text):
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text)]


def _fast(pattern, text):
    return [(m.span(), m.groupdict()) for m in _finditer(pattern, text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_same_matches_as_re_finditer(text):
    for pattern in PATTERNS:
        assert _fast(pattern, text) == _plain(pattern, text), pattern


def test_fast_path_is_used_only_for_leading_words():
    assert _compiled(RECEIVED)[1] == ("收到", "受理", "接收", "接到")
    assert _compiled(r"(?:含|包括)?上年结转")[1] is None        # optional: a match may start anywhere
    assert _compiled(r"(?:a|b)*c")[1] is None
    assert _compiled(r"行政复议(?:案件)?")[1] is None            # a literal prefix is fast already


def test_mentions_reads_numbers():
    text = "全年共受理政府信息公开申请749件，办理718件，结转下一年31件，顺延 七 件。"
    assert [n for _m, n in mentions(RECEIVED, text)] == [749]
    got = [n for _says, p, _row in X02_PATTERNS for _m, n in mentions(p, text)]
    assert sorted(got) == [7, 31, 718]
