"""Typing and importing cell values: blank stays blank, money stays exact, Chinese messages."""

from decimal import Decimal

import pytest

from govreport_desktop.core.schema import Kind
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
