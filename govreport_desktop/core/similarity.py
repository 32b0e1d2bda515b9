"""Shared sentences between report texts (rule Y04, 内容雷同): within a unit across years, and
across the units of a 汇总.

A text is cut into sentences; headings (一、总体情况, （一）主动公开, 一是…) and statutory stock
phrases every report carries (依据《条例》编制本报告, 统计期限…, 如对本报告有疑问…) are left out,
and each sentence is normalised (width, whitespace, punctuation, digits) so that a copied
sentence whose figures were updated still counts as the same. Sentences are compared by a
64-bit hash, never by text, so thousands of units cost one sort, not a comparison of all pairs.

    sentences(text) -> list[str]            the counted sentences, normalised, in order
    sentence_hashes(text) -> tuple[int]     their distinct hashes, sorted
    shared_fraction(a, b) -> float          the share of a's sentences that also occur in b
    SentenceIndex: add(key, hashes) per unit, then pairs() -> [SimilarPair]
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable

THRESHOLD = 0.8        # “more than 80 % of the sentences” (rules.md Y04)
MIN_SENTENCES = 3      # a part with fewer counted sentences is too short to judge
MIN_CHARS = 10         # shorter sentences (“提高认识”, “特此报告”) are too generic to count
COMMON = 200           # a sentence in more distinct texts than this is template wording: not paired

_ENDS = re.compile(r"[。！？!?；;]+")
# Numbering that opens a heading or an item: 一、 （一） (1) 1. 1、 一是 第一，
_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]"
                     r"|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、])\s*")
_HEADING_MAX = 30      # a numbered line this short, with no sentence inside, is a heading
_DROP = re.compile(r"[\W_]+")    # punctuation, spaces, symbols (\w keeps CJK, letters, digits)
_DIGITS = re.compile(r"\d+")

# Wording every report carries by statute or template (after normalisation, digits as 0).
STOCK = re.compile("|".join(f"(?:{p})" for p in (
    r"(依据|根据|按照).{0,80}(编制|制作|撰写|形成)本(年度)?报告",
    r"(依据|根据|按照).{0,40}(条例|格式).{0,40}(现将|现向社会|向社会公布)",
    r"统计(期限|时限|周期|时间)|所列数据",
    r"(本|年度)报告.{0,40}(网站|网址|门户|下载|查阅|获取)",
    r"(疑问|意见|建议).{0,20}联系|联系(电话|地址|方式)|邮编|邮政编码",
    r"^(现将|现予|现向社会).{0,60}(报告|公布)",
    r"本(年度)?报告(由|包括|共分|分为|主要包括)",
    r"^特此报告",
    r"勾稽关系",
)))                    # one alternation: one search per sentence


# Every stock pattern needs one of these words: a cheap test before the regular expression.
_STOCK_WORDS = ("依据", "根据", "按照", "统计", "所列数据", "报告", "联系", "邮编", "邮政编码", "勾稽关系")
# Full-width forms (Ｕ+FF01…FF5E) and the ideographic space as their plain ones, as NFKC would
# do for them, at a fraction of its cost on long Chinese texts.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(text: str) -> str:
    """text.translate(_WIDTH), by a substitution of just the wide characters: translate looks
    up every character of a long Chinese text in the table, which cost more than the rest."""
    return _WIDE.sub(lambda m: chr(_WIDTH[ord(m.group())]), text)


def _normalise(sentence: str) -> str:
    return _DIGITS.sub("0", _DROP.sub("", sentence))


def _is_heading(line: str) -> bool:
    """A numbered line with no sentence inside and short: （一）主动公开 / 三是提高解读效能。"""
    m = _NUMBER.match(line)
    if not m:
        return False
    rest = line[m.end():].rstrip("。；;!！?？：: ")
    return not _ENDS.search(rest) and len(_DROP.sub("", rest)) <= _HEADING_MAX


def sentences(text: str | None) -> list[str]:
    """The sentences that count for 内容雷同: normalised, headings and stock phrases left out."""
    out: list[str] = []
    for line in _half_width(text or "").splitlines():
        line = line.strip()
        if not line or _is_heading(line):
            continue
        line = _NUMBER.sub("", line, count=1)
        for piece in _ENDS.split(line):
            piece = _NUMBER.sub("", piece.strip(), count=1)
            s = _normalise(piece)
            if len(s) < MIN_CHARS or any(k in s for k in _STOCK_WORDS) and STOCK.search(s):
                continue
            out.append(s)
    return out


def sentence_hash(sentence: str, salt: str = "") -> int:
    """A stable 64-bit hash (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(f"{salt}\x1f{sentence}".encode(), digest_size=8).digest(), "big")


def sentence_hashes(text: str | None, salt: str = "") -> tuple[int, ...]:
    """The distinct hashes of the counted sentences, sorted; `salt` keeps parts apart (s1, s5)."""
    return tuple(sorted({sentence_hash(s, salt) for s in sentences(text)}))


def shared_fraction(a: str | None, b: str | None) -> float:
    """The share (0…1) of a's distinct counted sentences that also occur in b; 0 when a has none."""
    mine = set(sentences(a))
    if not mine:
        return 0.0
    return len(mine & set(sentences(b))) / len(mine)


@dataclass(frozen=True)
class SimilarPair:
    a: Hashable
    b: Hashable
    shared: int          # distinct sentences in both
    of_a: float          # shared / a's counted sentences
    of_b: float

    @property
    def fraction(self) -> float:
        return max(self.of_a, self.of_b)


class SentenceIndex:
    """Many units' sentence hashes → the pairs sharing more than `threshold` of a text's sentences.

    Units whose sentence sets are identical are grouped first, so a template copied by hundreds
    of units is one entry. Every distinct (group, sentence) is one 8-byte value — the hash with
    its low bits replaced by the group number — kept in 256 arrays by the hash's top byte, so
    that pairs() sorts one small array at a time and never copies the index. Besides that, a
    unit costs its group number, its key and, for a new text, one dict entry (about 100 bytes).
    """

    _BITS = 24                                       # group numbers below 2**24 (16 million)

    def __init__(self, threshold: float = THRESHOLD, min_sentences: int = MIN_SENTENCES,
                 common: int = COMMON):
        self.threshold = threshold
        self.min_sentences = min_sentences
        self.common = common
        self._group_of: dict[int, int] = {}          # 128-bit digest of the sorted hashes → group
        self._size = array("l")                      # group → number of distinct sentences
        self._keys: list[Hashable] = []              # unit (order of adding) → its key
        self._group = array("l")                     # unit → group
        self._buckets = [array("Q") for _ in range(256)]   # (hash >> 24 << 24) | group, by top byte

    def add(self, key: Hashable, hashes: Iterable[int]) -> None:
        """One unit's text (distinct sentence hashes, e.g. from sentence_hashes())."""
        distinct = array("Q", sorted(set(hashes)))
        if len(distinct) < self.min_sentences:
            return
        sig = int.from_bytes(hashlib.blake2b(distinct.tobytes(), digest_size=16).digest(), "big")
        group = self._group_of.get(sig)
        if group is None:
            group = self._group_of[sig] = len(self._size)
            if group >= 1 << self._BITS:
                raise OverflowError("too many distinct texts")
            self._size.append(len(distinct))
            low = (1 << self._BITS) - 1
            buckets = self._buckets
            for h in distinct:
                buckets[h >> 56].append((h & ~low) | group)
        self._keys.append(key)
        self._group.append(group)

    def _members(self) -> Callable[[int], list[int]]:
        """group → its units (positions in the order of adding); most groups have one unit, so
        that one is in an array and only the others in lists."""
        first = array("l", [-1]) * len(self._size)
        more: dict[int, list[int]] = {}
        for unit, group in enumerate(self._group):
            if first[group] < 0:
                first[group] = unit
            else:
                more.setdefault(group, []).append(unit)
        return lambda group: [first[group], *more.get(group, ())]

    def pairs(self) -> list[SimilarPair]:
        """Every pair of units above the threshold (identical texts included), strongest first."""
        members = self._members()
        found: list[tuple[int, int, int, float, float]] = []   # positions a < b
        for group in range(len(self._size)):                   # identical sentence sets
            units = members(group)
            n = self._size[group]
            for i, a in enumerate(units):
                for b in units[i + 1:]:
                    found.append((a, b, n, 1.0, 1.0))
        for (ga, gb), n in self._shared_counts().items():
            of_a, of_b = n / self._size[ga], n / self._size[gb]
            if max(of_a, of_b) <= self.threshold:
                continue
            for a in members(ga):
                for b in members(gb):
                    found.append((a, b, n, of_a, of_b) if a < b else (b, a, n, of_b, of_a))
        found.sort(key=lambda p: (-max(p[3], p[4]), p[0], p[1]))
        keys = self._keys
        return [SimilarPair(keys[a], keys[b], n, of_a, of_b) for a, b, n, of_a, of_b in found]

    def _shared_counts(self) -> dict[tuple[int, int], int]:
        """(group a, group b) → distinct sentences they share, a < b; one bucket sorted at a time."""
        low = (1 << self._BITS) - 1
        counts: dict[tuple[int, int], int] = {}
        for bucket in self._buckets:
            run: list[int] = []
            current = None
            for v in sorted(bucket) + [None]:
                h = None if v is None else v & ~low
                if h != current:
                    if 2 <= len(run) <= self.common:
                        for i, ga in enumerate(run):
                            for gb in run[i + 1:]:
                                k = (ga, gb) if ga < gb else (gb, ga)
                                counts[k] = counts.get(k, 0) + 1
                    run = []
                    current = h
                if v is not None:
                    run.append(v & low)
        return counts
