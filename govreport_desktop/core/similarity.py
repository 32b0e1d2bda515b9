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
from typing import Hashable, Iterable

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
    for line in (text or "").translate(_WIDTH).splitlines():
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
    of units is one entry; every hash is packed with its group number into one array and the
    array is sorted once. Memory is 8 bytes per distinct (group, sentence).
    """

    _BITS = 24                                       # group numbers below 2**24 (16 million)

    def __init__(self, threshold: float = THRESHOLD, min_sentences: int = MIN_SENTENCES,
                 common: int = COMMON):
        self.threshold = threshold
        self.min_sentences = min_sentences
        self.common = common
        self._group_of: dict[bytes, int] = {}        # packed sorted hashes → group number
        self._members: list[list[Hashable]] = []     # group → unit keys
        self._size = array("l")                      # group → number of distinct sentences
        self._packed = array("Q")                    # (hash >> 24 << 24) | group
        self._seq: dict[Hashable, int] = {}          # unit key → order of adding (pairs read a, b in it)

    def add(self, key: Hashable, hashes: Iterable[int]) -> None:
        """One unit's text (distinct sentence hashes, e.g. from sentence_hashes())."""
        distinct = array("Q", sorted(set(hashes)))
        if len(distinct) < self.min_sentences:
            return
        self._seq[key] = len(self._seq)
        sig = distinct.tobytes()
        group = self._group_of.get(sig)
        if group is None:
            group = self._group_of[sig] = len(self._members)
            if group >= 1 << self._BITS:
                raise OverflowError("too many distinct texts")
            self._members.append([])
            self._size.append(len(distinct))
            low = (1 << self._BITS) - 1
            self._packed.extend((h & ~low) | group for h in distinct)
        self._members[group].append(key)

    def pairs(self) -> list[SimilarPair]:
        """Every pair of units above the threshold (identical texts included), strongest first."""
        out: list[SimilarPair] = []
        for group, members in enumerate(self._members):     # identical sentence sets
            n = self._size[group]
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    out.append(SimilarPair(a, b, n, 1.0, 1.0))
        for (ga, gb), n in self._shared_counts().items():
            of_a, of_b = n / self._size[ga], n / self._size[gb]
            if max(of_a, of_b) <= self.threshold:
                continue
            for a in self._members[ga]:
                for b in self._members[gb]:
                    if self._seq[a] < self._seq[b]:
                        out.append(SimilarPair(a, b, n, of_a, of_b))
                    else:
                        out.append(SimilarPair(b, a, n, of_b, of_a))
        out.sort(key=lambda p: (-p.fraction, self._seq[p.a], self._seq[p.b]))
        return out

    def _shared_counts(self) -> dict[tuple[int, int], int]:
        """(group a, group b) → distinct sentences they share, a < b.

        The packed values are sorted in 256 buckets by their top byte, so the transient list of
        Python ints is 1/256 of the index, not all of it.
        """
        low = (1 << self._BITS) - 1
        buckets: list[array] = [array("Q") for _ in range(256)]
        for v in self._packed:
            buckets[v >> 56].append(v)
        counts: dict[tuple[int, int], int] = {}
        for bucket in buckets:
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
