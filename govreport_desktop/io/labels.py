"""Matching the labels of workbooks made by other units to the official ones.

Other units retype the official tables: full- or half-width brackets, spaces and line breaks
inside labels (“商业\\n企业”), other quotes, “，” for “、”, “1、” for “1.”, and a few wordings
that the spec lists as variants. `norm()` removes the differences that carry no meaning; the
variant tables map the rest onto the official label and say that the S04/S03 warning applies.
Official labels themselves are never repeated here: they come from the format schema.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..core.formats import FORMATS, derived, latest
from ..core.formats.common import HEADINGS, RESULTS, T2_NOTE

_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』〝〞'‘’‚‛＂"})
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(\d+)[.,、](?=\D)")


def norm(text) -> str:
    """The label with every meaningless difference removed (width, spaces, quotes, 、/，, 1./1、)."""
    if text is None:
        return ""
    text = str(text)
    return _norm(text) if len(text) <= 200 else _norm_uncached(text)


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return _norm_uncached(text)


def _norm_uncached(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s).translate(_QUOTES)
    s = s.replace("\\", "/")                      # 本年增\减
    s = _NUMBERING.sub(r"\1.", s)                  # 1、 1． 1. → 1.
    return s.replace("、", ",")                    # “，”/“、” are used interchangeably


# Wordings seen in published reports (format-2021.md §4–5, format-2019.md §3), as
# variant → official label. Reading one of them is an S04 warning.
_LABEL_VARIANTS = {
    "（二）部分公开（区分处理的，只计这一情况，不计其他情形）": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "5.属于三类内容事务信息": "5.属于三类内部事务信息",
}
# 行政规范性文件 (2021) and 规范性文件 (2019) are the same row; the other format's word is a variant.
_NORMATIVE = ("行政规范性文件", "规范性文件")

# Section headings seen in published reports (format-2021.md §2) → section key; S03 warning.
_HEADING_KEYWORDS = {
    "s1": ("总体",),
    "s2": ("主动公开",),
    "s3": ("申请",),
    "s4": ("复议", "诉讼"),
    "s5": ("问题",),
    "s6": ("其他",),
}
_NUMERALS = {"一": "s1", "二": "s2", "三": "s3", "四": "s4", "五": "s5", "六": "s6"}
_HEADING = re.compile(r"^([一二三四五六])[,.]")


@dataclass(frozen=True)
class Match:
    canonical: str      # the official label
    exact: bool         # equal after norm(); False → a listed variant (S04/S03)


@lru_cache(maxsize=None)
def _variants() -> dict[str, str]:
    return {norm(k): v for k, v in _LABEL_VARIANTS.items()}


@lru_cache(maxsize=64)
def _exact(candidates: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in candidates:
        out.setdefault(norm(c), c)
    return out


def match_label(text, candidates: tuple[str, ...]) -> Match | None:
    """The official label among `candidates` that `text` stands for, if any."""
    n = norm(text)
    if not n:
        return None
    exact = _exact(candidates).get(n)
    if exact is not None:
        return Match(exact, True)
    v = _variants().get(n)
    if v in candidates:
        return Match(v, False)
    if n in (norm(x) for x in _NORMATIVE):
        for c in candidates:
            if c in _NORMATIVE:
                return Match(c, False)
    return _tolerant(n, candidates)


# ---------------------------------------------------------------- tolerant matching (published text)
# Published and converted reports damage labels in a few known ways; each is accepted only when
# it leaves exactly one candidate, and reading it is an S04 warning like any variant.

_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[,.]|\([一二三四五六七八九十]+\)|\d+\.)")
_MIN_TOLERANT = 4            # labels shorter than this (其他, 总计) are only ever matched exactly


@lru_cache(maxsize=64)
def _stripped(candidates: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in candidates:
        out.setdefault(_LEADING_NUMBER.sub("", norm(c)), []).append(c)
    return out


def _tolerant(n: str, candidates: tuple[str, ...]) -> Match | None:
    # “法人或其他组织: 商业企业”, “columns: 自然人”: a header cell that names its group first.
    if ":" in n and not n.endswith(":"):
        tail = n.rsplit(":", 1)[1]
        exact = _exact(candidates).get(tail)
        if exact is not None and len(tail) >= 2:
            return Match(exact, False)
    # “本年新收政府信息公开申请数量”, “予以公开”: the numbering 一、/（一）/1. left out.
    if not _LEADING_NUMBER.match(n) and len(n) >= _MIN_TOLERANT:
        hits = _stripped(candidates).get(n, [])
        if len(hits) == 1:
            return Match(hits[0], False)
    # One character dropped or misread (PDF extraction, OCR): “社会公益组”, “未经复议直接诉”.
    if len(n) >= _MIN_TOLERANT + 1:
        by_length = _by_length(candidates)     # only labels one longer, or as long, can be one off
        pool = by_length.get(len(n) + 1, []) + (by_length.get(len(n), []) if len(n) >= 8 else [])
        found = [c for c, nc in pool if _one_off(n, nc)]
        if len(found) == 1:
            return Match(found[0], False)
    return None


@lru_cache(maxsize=64)
def _by_length(candidates: tuple[str, ...]) -> dict[int, list[tuple[str, str]]]:
    """The distinct candidates with their normalised text, by its length."""
    out: dict[int, list[tuple[str, str]]] = {}
    for c in dict.fromkeys(candidates):
        nc = norm(c)
        out.setdefault(len(nc), []).append((c, nc))
    return out


def _one_off(n: str, c: str) -> bool:
    """`n` is `c` with one character missing, or (for long labels, not in the numbering) one
    character different."""
    if len(c) == len(n) + 1:
        i = 0
        while i < len(n) and n[i] == c[i]:
            i += 1
        return n[i:] == c[i + 1:]
    if len(c) == len(n) >= 8:
        diff = [i for i in range(len(n)) if n[i] != c[i]]
        return len(diff) == 1 and diff[0] >= 2
    return False


@lru_cache(maxsize=None)
def _all_labels() -> tuple[str, ...]:
    items, fields, titles = t1_labels()
    groups, t3f = t3_labels()
    out = [lb for ls in items.values() for lb in ls] + [lb for ls in fields.values() for lb in ls]
    out += list(titles) + ["信息内容", "申请人情况", "法人或其他组织", "行政诉讼", T2_NOTE]
    out += [lb for _k, lb in t2_row_labels().values()] + [lb for _k, lb in t2_col_labels()]
    out += [lb for _k, lb in groups] + [lb for _k, lb in t3f]
    for fmt in FORMATS.values():
        out += [a.group for a in fmt.table["t2"].rows if a.group]
    return tuple(dict.fromkeys(out))


def is_known_label(text) -> bool:
    """Whether `text` is a label, header or title of any table of either format."""
    if is_block_title(text):
        return True
    n = norm(text)
    return bool(n) and len(n) <= 80 and match_label(text, _all_labels()) is not None


@lru_cache(maxsize=None)
def _row_starts() -> tuple[str, ...]:
    items, _fields, _titles = t1_labels()
    out = [lb for ls in items.values() for lb in ls] + ["信息内容", T2_NOTE]
    out += [lb for _k, lb in t2_row_labels().values()]
    for fmt in FORMATS.values():
        out += [a.group for a in fmt.table["t2"].rows if a.group]
    return tuple(dict.fromkeys(out))


def starts_row(text) -> bool:
    """Whether `text` begins a row of a table (a row label, a block title, 信息内容): used to
    rebuild rows from text that lists a table's cells one after another."""
    return is_block_title(text) or (len(norm(text)) <= 80 and match_label(text, _row_starts()) is not None)


def match_heading(text) -> tuple[str, bool] | None:
    """(section key, exact) when `text` is one of the six headings or a known variant of it.

    A heading is short, starts with its numeral 一…六 and names its subject; anything longer
    is a paragraph that happens to start with a numeral.
    """
    n = norm(text)
    if not n or len(n) > 40:
        return None
    m = _HEADING.match(n)
    if not m:
        return None
    key = _NUMERALS[m.group(1)]
    if n == norm(HEADINGS[key]):
        return key, True
    if any(k in n for k in _HEADING_KEYWORDS[key]):
        return key, False
    return None


# ---------------------------------------------------------------- label sets from the schema

@derived
def t2_row_labels() -> dict[str, tuple[str, str]]:
    """norm(label) → (row key, official label) of every 表二 row of both formats."""
    out: dict[str, tuple[str, str]] = {}
    for fmt in FORMATS.values():
        for axis in fmt.table["t2"].rows:
            out.setdefault(norm(axis.label), (axis.key, axis.label))
    return out


@derived
def t2_group_labels() -> frozenset[str]:
    """Labels of the merged group cells of 表二 (三、本年度办理结果, （三）不予公开 …)."""
    out = {norm(RESULTS)}
    for fmt in FORMATS.values():
        for axis in fmt.table["t2"].rows:
            if axis.group and axis.group != RESULTS:
                out.add(norm(axis.group))
    return frozenset(out)


def t2_col_labels() -> tuple[tuple[str, str], ...]:
    return tuple((a.key, a.label) for a in latest().table["t2"].cols)


def t2_note() -> str:
    return T2_NOTE


def t3_labels():
    t3 = latest().table["t3"]
    groups = tuple((a.key, a.label) for a in t3.rows)
    fields = tuple((a.key, a.label) for a in t3.cols)
    return groups, fields


@derived
def t1_labels():
    """Items and fields of 表一 in both formats: ({item key: labels}, {field key: labels}, titles)."""
    items: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}
    titles: list[str] = []
    for fmt in FORMATS.values():
        t1 = fmt.table["t1"]
        for a in t1.rows:
            items.setdefault(a.key, [])
            if a.label not in items[a.key]:
                items[a.key].append(a.label)
        for a in t1.cols:
            fields.setdefault(a.key, [])
            if a.label not in fields[a.key]:
                fields[a.key].append(a.label)
        for box in t1.layout.boxes:
            if box.role == "title" and box.text not in titles:
                titles.append(box.text)
    return ({k: tuple(v) for k, v in items.items()}, {k: tuple(v) for k, v in fields.items()},
            tuple(titles))


BLOCK_TITLE = re.compile(r"^第二十条第\(([一二三四五六七八九十]+)\)项")


def is_block_title(text) -> bool:
    """“第二十条第（一）项” in any spelling (half-width brackets, spaces); a sentence of a text
    that merely starts with it is not a title."""
    n = norm(text)
    return len(n) <= 24 and bool(BLOCK_TITLE.match(n))

