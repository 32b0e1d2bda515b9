"""Numbers as people write them: typed and imported cell values (blank stays blank, money stays
exact, Chinese messages) and numbers inside report texts (textnum)."""

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_desktop.core.rules.crosscheck import SEP
from govreport_desktop.core.schema import Kind
from govreport_desktop.core.textnum import NUM, _compiled, _finditer, mentions, parse_number
from govreport_desktop.core.values import ValueRejected, extract_number, format_value, parse_value, show


@pytest.mark.parametrize("text, kind, value", [
    ("12", Kind.COUNT, 12),
    ("０１２", Kind.COUNT, 12),                 # full-width digits of a Chinese input method
    (" 7 ", Kind.COUNT, 7),
    ("1,234", Kind.COUNT, 1234),
    ("1，234", Kind.COUNT, 1234),
    ("0", Kind.COUNT, 0),
    ("3.0", Kind.COUNT, 3),
    ("-4", Kind.SIGNED, -4),
    ("－4", Kind.SIGNED, -4),
    ("4068.208", Kind.MONEY, Decimal("4068.208")),
    ("0.0001", Kind.MONEY, Decimal("0.0001")),
    ("251000", Kind.AMOUNT, Decimal("251000")),
    (5, Kind.COUNT, 5),
    (Decimal("2.50"), Kind.MONEY, Decimal("2.50")),
])
def test_parse_accepts(text, kind, value):
    got = parse_value(text, kind)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", ["", "   ", None, "　"])
def test_blank_is_none_not_zero(text):
    assert parse_value(text, Kind.COUNT) is None
    assert parse_value(text, Kind.MONEY) is None


@pytest.mark.parametrize("text, kind, words", [
    ("-1", Kind.COUNT, "为负数"),
    ("1.5", Kind.COUNT, "不是整数"),
    ("abc", Kind.COUNT, "不是整数"),
    ("五", Kind.COUNT, "不是整数"),
    ("1.5", Kind.SIGNED, "不是整数"),
    ("-0.5", Kind.MONEY, "为负数"),
    ("1.23456", Kind.MONEY, "小数超过4位"),
    ("约5", Kind.MONEY, "不是数字"),
    ("NaN", Kind.MONEY, "不是数字"),
    ("Infinity", Kind.AMOUNT, "不是数字"),
    (True, Kind.COUNT, "整数"),
])
def test_parse_rejects_with_a_chinese_message(text, kind, words):
    with pytest.raises(ValueRejected) as e:
        parse_value(text, kind)
    assert words in str(e.value)


def test_money_never_goes_through_float():
    v = parse_value("0.1", Kind.MONEY)
    assert v == Decimal("0.1") and v + parse_value("0.2", Kind.MONEY) == Decimal("0.3")


@pytest.mark.parametrize("value, shown", [
    (None, ""), (0, "0"), (12, "12"), (Decimal("4068.2080"), "4068.208"), (Decimal("5.000"), "5"),
    (Decimal("0"), "0"), (Decimal("0.0001"), "0.0001"), (-3, "-3"),
])
def test_format_value(value, shown):
    assert format_value(value) == shown


def test_show_blank_in_messages():
    assert show(None) == "空白" and show(0) == "0"


@pytest.mark.parametrize("text, kind, value, note", [
    ("22（其中修订16件）", Kind.COUNT, 22, "22（其中修订16件）"),
    ("55（含自然失效29件）", Kind.COUNT, 55, "55（含自然失效29件）"),
    ("251000元", Kind.AMOUNT, Decimal("251000"), "251000元"),
    ("/", Kind.COUNT, None, "/"),
    ("—", Kind.COUNT, None, "—"),
    ("无", Kind.COUNT, None, "无"),
    ("17", Kind.COUNT, 17, None),
    ("", Kind.COUNT, None, None),
])
def test_extract_number_for_import(text, kind, value, note):
    assert extract_number(text, kind) == (value, note)


@pytest.mark.parametrize("text, kind", [("1e999999999", Kind.MONEY), ("9" * 30, Kind.COUNT),
                                        ("1" + "0" * 18, Kind.AMOUNT)])
def test_absurd_magnitudes_are_rejected_not_hung(text, kind):
    with pytest.raises(ValueRejected) as e:
        parse_value(text, kind)
    assert "数值过大" in str(e.value)


def test_long_money_with_many_places_is_a_clear_rejection():
    # the default 28-digit decimal context made this raise InvalidOperation
    with pytest.raises(ValueRejected) as e:
        parse_value("12345678901234.123456", Kind.MONEY)
    assert "小数超过4位" in str(e.value)
    assert parse_value("12345678901234.1234", Kind.MONEY) == Decimal("12345678901234.1234")


# ---------------------------------------------------------------- numbers in texts (textnum)

@pytest.mark.parametrize("text,n", [("749", 749), ("1,295", 1295), ("１２", 12), ("七十二", 72),
                                    ("两千零五", 2005), ("十", 10), ("一百零三", 103), ("三万五千", 35000)])
def test_numbers_in_text(text, n):
    assert parse_number(text) == n


# textnum's fast scan for patterns that start with (?:word|word…) finds exactly what
# re.finditer finds (it only skips positions where no match can start). Patterns that start with
# an alternation of words (X01's and X02's before they read sentences with rules/reading.py; P04
# still uses this kind) are the examples.
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
