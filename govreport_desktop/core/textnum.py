"""Numbers as written in report texts: Arabic (749, 1,295, full-width) or Chinese (七十二, 两千零五)."""

from __future__ import annotations

import re
from functools import lru_cache

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

# One number in a sentence; used inside larger patterns as (?P<n>…).
NUM = r"(?P<n>[0-9０-９][0-9０-９,，]*|[零〇一二两三四五六七八九十百千万]+)"


def parse_number(text: str) -> int | None:
    """749 / １２ / 1,295 / 七十二 / 两千零五 → int; None when it is not a number."""
    s = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "").replace("，", "")
    if s.isdigit():
        return int(s)
    if not s or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in s):
        return None
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            unit = CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


ARABIC = frozenset("0123456789０１２３４５６７８９")
CHINESE = frozenset(CN_DIGITS) | frozenset(CN_UNITS)


def number_before(text: str, end: int, lo: int = 0, chinese: bool = True) -> tuple[int, int] | None:
    """(start, value) of the number written right before text[end] (spaces skipped), or None.

    Reading backwards from a unit such as 件: “749件”, “1,295 件”, “七十二件”. A number glued to
    more digits (“1.2万件”) or written with a decimal point is not a count: None.
    """
    i = end
    while i > lo and text[i - 1] in " \u3000\t":
        i -= 1
    stop = i
    if i > lo and text[i - 1] in ARABIC:
        while i > lo and (text[i - 1] in ARABIC or (text[i - 1] == "," and i - 1 > lo and text[i - 2] in ARABIC)):
            i -= 1
    elif chinese:
        while i > lo and text[i - 1] in CHINESE:
            i -= 1
    if i == stop or (i > lo and text[i - 1] in ARABIC | {".", "．"}):
        return None
    value = parse_number(text[i:stop])
    return None if value is None else (i, value)


def percent_before(text: str, end: int, lo: int = 0):
    """(start, value as Decimal, decimals written) of “66.7” in “66.7%” (text[end] is the % sign)."""
    from decimal import Decimal

    i = end
    while i > lo and text[i - 1] == " ":
        i -= 1
    stop = i
    while i > lo and (text[i - 1] in ARABIC or text[i - 1] in ".．"):
        i -= 1
    raw = text[i:stop].translate(_FULL_WIDTH).replace("．", ".")
    if not raw or raw.count(".") > 1 or raw[0] == "." or raw[-1] == ".":
        return None
    return i, Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def mentions(pattern: str, text: str):
    """(match, number) for every match of a pattern that has a NUM group."""
    for m in _finditer(pattern, text):
        n = parse_number(m.group("n"))
        if n is not None:
            yield m, n


# Speed: a pattern that starts with an alternation of words, (?:收到|受理|…), has no literal
# prefix, so re.finditer tries it at every position of a 3 000-character 一 (~0.1 ms per
# pattern, the bulk of check()). Matches can only start where one of the words occurs, so the
# words are located with str.find and the pattern is tried there only: the same matches, in the
# same order, as re.finditer.
_WORD = r"[^()|\\\[\]{}.*+?^$]+"
_LEADING_WORDS = re.compile(rf"\(\?:((?:{_WORD}\|)*{_WORD})\)(?![?*+{{])")


@lru_cache(maxsize=256)
def _compiled(pattern: str):
    m = _LEADING_WORDS.match(pattern)
    return re.compile(pattern), (tuple(m.group(1).split("|")) if m else None)


def _finditer(pattern: str, text: str):
    rx, words = _compiled(pattern)
    if words is None:
        yield from rx.finditer(text)
        return
    starts = set()
    for w in words:
        i = text.find(w)
        while i >= 0:
            starts.add(i)
            i = text.find(w, i + 1)
    end = 0
    for i in sorted(starts):
        if i < end:
            continue            # finditer does not return overlapping matches
        m = rx.match(text, i)
        if m:
            yield m
            end = max(m.end(), i + 1)
