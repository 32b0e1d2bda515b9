"""Cell values: parsing what a person types, and showing values back.

A value is None (blank — never the same as 0), an int (counts) or a Decimal (money): no float
ever, so 4068.208 万元 stays exactly 4068.208.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from decimal import Context as DecimalContext

from .schema import Kind

Value = int | Decimal | None

MONEY_PLACES = 4
# Integer digits a value may have: far beyond any count (件) or amount (万元), and small enough
# that messages can print it and sums stay exact (“1e999999999” would hang, a 5000-digit count
# cannot even be printed).
MAX_DIGITS = 18

# Full-width digits and signs as typed with a Chinese input method.
_WIDTH = str.maketrans("０１２３４５６７８９．－＋，　", "0123456789.-+, ")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class ValueRejected(ValueError):
    """The text is not a valid value for the cell; `str()` is a Chinese message."""


def normalise_number_text(text: str) -> str:
    s = text.translate(_WIDTH).strip().replace(" ", "")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    return s


def parse_value(text: str | int | Decimal | None, kind: Kind) -> Value:
    """Parse a typed or pasted value strictly; blank text gives None.

    Raises ValueRejected with a message that says what the cell accepts.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueRejected(_expect(kind))
    if isinstance(text, int):
        s = str(text)
    elif isinstance(text, Decimal):
        s = format(text, "f")
    else:
        s = normalise_number_text(str(text))
    if s == "":
        return None
    if kind in (Kind.COUNT, Kind.SIGNED):
        if not re.fullmatch(r"[+-]?\d+(\.0*)?", s):
            raise ValueRejected(f"“{text}”不是整数：{_expect(kind)}")
        if Decimal(s).adjusted() >= MAX_DIGITS:
            raise ValueRejected(f"“{text}”数值过大：{_expect(kind)}")
        n = int(Decimal(s))
        if kind is Kind.COUNT and n < 0:
            raise ValueRejected(f"“{text}”为负数：{_expect(kind)}")
        return n
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueRejected(f"“{text}”不是数字：{_expect(kind)}") from None
    if not d.is_finite():
        raise ValueRejected(f"“{text}”不是数字：{_expect(kind)}")
    if d < 0:
        raise ValueRejected(f"“{text}”为负数：{_expect(kind)}")
    if d and d.adjusted() >= MAX_DIGITS:
        raise ValueRejected(f"“{text}”数值过大：{_expect(kind)}")
    if kind is Kind.MONEY and has_more_places(d, MONEY_PLACES):
        raise ValueRejected(f"“{text}”小数超过{MONEY_PLACES}位：{_expect(kind)}")
    return d


def has_more_places(d: Decimal, places: int) -> bool:
    """More than `places` decimals once trailing zeros are dropped (1.23450 has 4).

    Quantizes in a context as precise as the number: the default 28 digits raise
    InvalidOperation for long values such as 1234567890123456789012345.12345.
    """
    if d.as_tuple().exponent >= -places:
        return False
    exact = DecimalContext(prec=len(d.as_tuple().digits) + 1)
    return d != d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN, context=exact)


def _expect(kind: Kind) -> str:
    return {
        Kind.COUNT: "此处应填写不小于 0 的整数（件数），无数据请填 0",
        Kind.SIGNED: "此处应填写整数（本年增/减，可为负数）",
        Kind.MONEY: "此处应填写金额（单位：万元），不小于 0，最多 4 位小数",
        Kind.AMOUNT: "此处应填写金额，不小于 0",
    }[kind]


def expectation(kind: Kind) -> str:
    """What a cell of this kind accepts, in Chinese (tooltips, error messages)."""
    return _expect(kind)


def format_value(value: Value) -> str:
    """The value as shown in a cell or message; blank is the empty string."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        s = format(value, "f")
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return s or "0"
    return str(value)


def show(value: Value) -> str:
    """The value inside a problem message: blank is 空白 (rules.md)."""
    return "空白" if value is None else format_value(value)


_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def extract_number(text: str, kind: Kind) -> tuple[Value, str | None]:
    """Lenient reading of an imported cell such as “22（其中修订16件）” or “251000元”.

    Returns (value, note): the value is the first number in the text (None if there is none
    or it does not fit the cell), the note is the original text when it held more than the
    number (V03), else None.
    """
    original = str(text).strip()
    s = normalise_number_text(original)
    if s == "":
        return None, None
    try:
        return parse_value(s, kind), None
    except ValueRejected:
        pass
    m = _NUMBER.search(s)
    if not m:
        return None, original
    try:
        return parse_value(m.group(0), kind), original
    except ValueRejected:
        return None, original
