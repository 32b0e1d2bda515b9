"""Reading the sentences of a report: which figure of 表二 or 表三 a number in the text counts.

Every number followed by 件 (or a percentage) is read together with the words before it in its
clause — back to the previous number or the previous comma — and bound to what those words
say it counts: a total of 表二 (受理/新收, 上年结转, 办结, 结转), a category of results
(予以公开 … 其他处理, or several counted together: 予以公开及部分公开) or a group of 表三.

Words that make the number a part, a change, an estimate or another period (其中自然人…,
同比增加…, 700余件, 上半年…) leave it unread. A category always wins over a total (“所有办结的
申请中同意公开答复9件” counts 予以公开), so a sentence that states a category count never
counts as a total. When in doubt the number is not read: a text warning must be one a
reviewer agrees with, and a missed reading costs nothing but a check not made.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..textnum import number_before, percent_before
from . import words as W

SENTENCE_ENDS = "。！？!?\n"
CLAUSE_BREAKS = "，,：:；;（(）)"
_BREAK = re.compile(r"[，,：:；;（(）)]")
_SPACE = re.compile(r"\s")
_VERB = W.alternation(W.RECEIVED_VERBS + W.HANDLED_VERBS)   # longest first: 处理完毕 before 处理
OPENING = {"）": "（", ")": "("}
QUOTE_MAX = 40
# between a count and its percentage: “294件，占40.9%”, “294件（占比40.9%）”
ATTACH = re.compile(r"[，,（(]?(?:约)?(?:占|占比|比例为?|比重为?)?(?:办结总数|办理总数|申请总数|总数|总量|全部|的|为|达|约)*")
# between the numbers of “A、B分别为9件、2件”
LIST_SEPARATOR = re.compile(r"[、，,和及与]?")
APPEAL_GAP = re.compile(r"(?:案件|案|申请|共|共计|合计|累计|总计|的|为|有|达|被|提起|发生|收到|数量|件数|总数)*")
CATEGORY_TAIL = re.compile(r"(?:答复|告知|决定|处理|办理|的|有|共|共计|合计|累计|总计|为|是|达|申请|件数|数量|"
                           r"情形|了|均|占|占比|比例|比重|约)*")


@dataclass(frozen=True)
class Mention:
    """One number of the text and what it counts."""

    kind: str                    # received | new | carried_in | handled | carried_out | category | appeal
    what: tuple[str, ...]        # category names (予以公开 …) or 表三 groups (RV, LD, LR); () for totals
    n: int | None                # the count written; None for a percentage written alone
    percent: Decimal | None      # “占 40.9%”
    places: int                  # decimals written in the percentage
    span: tuple[int, int]        # from the word read to the unit: what the editor selects
    quote: str                   # the sentence, shortened around the mention, for messages
    sentence: int                # where its sentence starts (lists of categories add up per sentence)
    loose: bool = False          # 办理/处理 N 件 may also mean every application dealt with


@dataclass(frozen=True)
class _Binding:
    kind: str
    what: tuple[str, ...]
    at: int                      # where the word read starts in the lead (without spaces)
    loose: bool = False


@lru_cache(maxsize=64)
def read(text: str, year: int) -> tuple[Mention, ...]:
    """Every number of the text bound to what it counts, in the order they appear."""
    out: list[Mention] = []
    hi = -1
    group: list = []
    for token in _tokens(text, 0, len(text)):   # a number never spans a sentence end
        if token[0] >= hi:                        # the first number of another sentence
            if group:
                out.extend(_sentence(text, lo, hi, year, group))
            lo = max(text.rfind(c, 0, token[0]) for c in SENTENCE_ENDS) + 1
            hi = min((j for j in (text.find(c, token[0]) for c in SENTENCE_ENDS) if j >= 0), default=len(text))
            group = []
        group.append(token)
    if group:
        out.extend(_sentence(text, lo, hi, year, group))
    return tuple(out)


# ---------------------------------------------------------------- one sentence

def _tokens(text: str, lo: int, hi: int):
    """(start, end, value, percent places or None) of every count and percentage, in order."""
    found = []
    for unit in "件起宗":
        i = text.find(unit, lo, hi)
        while i >= 0:
            # 起/宗 only after Arabic digits: “一起” is “together”
            hit = number_before(text, i, lo, chinese=unit == "件")
            if hit and not text.startswith(W.APPROXIMATE_AFTER, i + 1):
                found.append((hit[0], i + 1, hit[1], None))
            i = text.find(unit, i + 1, hi)
    for sign in "%％":
        i = text.find(sign, lo, hi)
        while i >= 0:
            hit = percent_before(text, i, lo)
            if hit:
                found.append((hit[0], i + 1, hit[1], hit[2]))
            i = text.find(sign, i + 1, hi)
    found.sort()
    return found


def _clause_start(breaks: list[int], lo: int, hi: int) -> int:
    """Just after the last clause break before `hi` (breaks: their positions in the sentence)."""
    k = bisect_left(breaks, hi)
    return breaks[k - 1] + 1 if k and breaks[k - 1] >= lo else lo


def _squeeze(raw: str):
    """The text without spaces and, for each of its characters, its index in `raw`."""
    if not _SPACE.search(raw):        # the usual case
        return raw, range(len(raw))
    keep = [i for i, ch in enumerate(raw) if not ch.isspace()]
    return "".join(raw[i] for i in keep), keep


def _sentence(text: str, lo: int, hi: int, year: int, tokens) -> list[Mention]:
    items: list[Mention] = []
    pending: list[_Binding] = []      # what the next numbers of a “A、B分别为…” list count
    prev_end = lo
    breaks = [m.start() for m in _BREAK.finditer(text, lo, hi)]
    for start, end, value, places in tokens:
        lead_lo = max(prev_end, _clause_start(breaks, lo, start))
        between = "".join(text[prev_end:start].split())
        if places is not None:
            _percent(text, items, lead_lo, start, end, value, places, between, prev_end, lo, hi, year)
            prev_end = end
            continue
        if pending:
            b = pending.pop(0) if LIST_SEPARATOR.fullmatch(between) else None
            if b is None:
                pending = []
            else:
                at = lead_lo + len(text[lead_lo:start]) - len(text[lead_lo:start].lstrip(" 、，,和及与"))
                items.append(_mention(text, b, at, at, end, value, lo, hi))
                prev_end = end
                continue
        lead, keep = _squeeze(text[lead_lo:start])
        b = _classify(lead, year)
        if b is None and W.FILLER.fullmatch(lead) and lead_lo > prev_end:
            # “受理政府信息公开申请，共计749件”, “予以公开（含部分公开）30件”: read the clause before too
            wider = _wider_start(text, breaks, prev_end, lead_lo, lo)
            if wider is not None:
                w_lead = _squeeze(_strip_breaks(text[wider:start]))[0]
                b = _classify(w_lead, year)
                if b is not None:
                    lead_lo, lead, keep = wider, w_lead, _raw_positions(text, wider, start)
        if b is None and "分别" in lead:
            listed = _listed(lead, year)
            if listed:
                b, pending = listed[0], listed[1:]
        if (b is not None and b.kind != "category" and lead.find("其中", 0, b.at) >= 0
                and any(m.kind == b.kind for m in items)):
            b = None                  # “收到申请36件，其中受理30件”: a part of the number before
        if b is not None:
            at_raw = lead_lo + keep[b.at] if b.at < len(keep) else lead_lo
            items.append(_mention(text, b, lead_lo, at_raw, end, value, lo, hi))
        prev_end = end
    return items


def _wider_start(text: str, breaks: list[int], prev_end: int, lead_lo: int, lo: int) -> int | None:
    """Start of the clause before lead_lo (skipping a whole “（…）”), when no number is in it."""
    brk = lead_lo - 1
    if text[brk] in OPENING:
        opening = text.rfind(OPENING[text[brk]], prev_end, brk)
        if opening < 0:
            return None
        brk = opening
    start = _clause_start(breaks, lo, brk)
    return start if start >= prev_end else None


def _strip_breaks(raw: str) -> str:
    return "".join(" " if ch in CLAUSE_BREAKS else ch for ch in raw)


def _raw_positions(text: str, lo: int, hi: int) -> list[int]:
    return [i for i in range(hi - lo) if not text[lo + i].isspace() and text[lo + i] not in CLAUSE_BREAKS]


def _listed(lead: str, year: int) -> list[_Binding] | None:
    """“不予公开、无法提供分别为…”: what each number of the list counts, or None."""
    head = lead[:lead.index("分别")]
    parts = [p for p in re.split(r"[、和及与]|以及", head) if p]
    if len(parts) < 2:
        return None
    out = [_classify(p, year) for p in parts]
    return None if any(b is None for b in out) else [_Binding(b.kind, b.what, 0, b.loose) for b in out]


def _percent(text, items, lead_lo, start, end, value, places, between, prev_end, lo, hi, year):
    last = items[-1] if items else None
    if (last is not None and last.span[1] == prev_end and last.kind == "category" and last.percent is None
            and ATTACH.fullmatch(between)):
        items[-1] = Mention(last.kind, last.what, last.n, value, places, (last.span[0], end),
                            _quote(text, last.span[0], end, lo, hi), lo)
        return
    lead, keep = _squeeze(text[lead_lo:start])
    b = _classify(lead, year)
    if b is not None and b.kind == "category":
        at = lead_lo + keep[b.at]
        items.append(Mention("category", b.what, None, value, places, (at, end), _quote(text, at, end, lo, hi), lo))


def _mention(text, b: _Binding, quote_from, at, end, value, lo, hi) -> Mention:
    return Mention(b.kind, b.what, value, None, 0, (at, end), _quote(text, quote_from, end, lo, hi), lo, b.loose)


def quote(text: str, start: int, end: int) -> str:
    """The sentence of a phrase found outside read() (“均获维持”), up to the phrase, for messages."""
    lo = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS) + 1
    his = [j for j in (text.find(c, end) for c in SENTENCE_ENDS) if j >= 0]
    return _quote(text, lo, end, lo, min(his, default=len(text)))


QUOTED = "（原文：“{}”）"   # how every text warning ends: the sentence it read


def said(message: str, text: str, span: tuple[int, int]) -> str:
    """A text warning's message ending with the sentence it read."""
    return message + QUOTED.format(quote(text, *span))


def _quote(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The clause read, trimmed to QUOTE_MAX characters, with … where the sentence goes on."""
    while start < end and (text[start].isspace() or text[start] in CLAUSE_BREAKS + "、"):
        start += 1
    body = " ".join(text[start:end].split())
    head = "…" if text[lo:start].strip() else ""
    if len(body) > QUOTE_MAX:
        body, head = body[-(QUOTE_MAX - 1):], "…"
    tail = "…" if text[end:hi].strip(" 。；;，,") else ""
    return head + body + tail


# ---------------------------------------------------------------- what the words say

def _classify(lead: str, year: int) -> _Binding | None:
    """What a number counts, from the words of its clause before it (spaces removed)."""
    if not lead or lead.endswith(W.APPROXIMATE_ENDINGS) or W.NOT_A_COUNT_RX.search(lead):
        return None
    cats = list(W.CATEGORY_WORDS.finditer(lead))
    m = W.CARRIED_IN.search(lead)
    if m:
        return None if cats else _Binding("carried_in", (), m.start())
    if _other_period(lead, year):
        return None
    if W.APPEAL_RX.search(lead):
        return _appeal(lead)
    if W.PART_RX.search(lead):     # 案件, a numbered row of a category, an applicant, a channel
        return None
    m = W.CARRIED_OUT.search(lead)
    if m:
        return None if cats else _Binding("carried_out", (), m.start())
    if cats:
        return _categories(lead, cats)
    return _total(lead)


def _other_period(lead: str, year: int) -> bool:
    t = W.WHOLE_YEAR.sub("", lead) if "月" in lead else lead
    if W.OTHER_PERIOD.search(t) or W.LAST_YEAR_RX.search(t):
        return True
    return "年" in t and any(int(y) != year for y in re.findall(r"(\d{4})年", t))


def _appeal(lead: str) -> _Binding | None:
    if W.APPEAL_OUTCOME_RX.search(lead):
        return None
    last = max((lead.rfind(w) + len(w), w) for w in W.APPEAL_WORDS if w in lead)
    if not APPEAL_GAP.fullmatch(lead[last[0]:]):
        return None
    first = min(lead.find(w) for w in ("行政复议", "复议", "行政诉讼", "诉讼", "起诉", "应诉") if w in lead)
    if "未经复议" in lead or "直接起诉" in lead:
        groups = ("LD",)
    elif "复议后" in lead or "经复议" in lead:
        groups = ("LR",)
    elif "复议" in lead and any(w in lead for w in ("诉讼", "起诉", "应诉")):
        groups = ("RV", "LD", "LR")
    elif "复议" in lead:
        groups = ("RV",)
    else:
        groups = ("LD", "LR")
    return _Binding("appeal", groups, first)


def _categories(lead: str, cats: list) -> _Binding | None:
    tail = lead[cats[-1].end():]
    if not CATEGORY_TAIL.fullmatch(tail):
        return None               # “…等共办结35件”, “予以公开的信息…”: not a count of the category
    if any(not W.JOINED.fullmatch(lead[a.end():b.start()]) for a, b in zip(cats, cats[1:])):
        return None               # two categories not counted together: which one is unclear
    names = tuple(dict.fromkeys(W.CATEGORY_OF_GROUP[m.lastgroup] for m in cats))
    return _Binding("category", names, cats[0].start())


def _total(lead: str) -> _Binding | None:
    last = None
    for last in _VERB.finditer(lead):   # the verb closest to the number
        pass
    i, verb = (last.start(), last.group()) if last else (-1, "")
    if i < 0:
        i = lead.rfind("申请")   # “全年政府信息公开申请共36件”
        if i < 0 or not W.FILLER.fullmatch(lead[i:]):
            return None
        return _Binding("received", (), i)
    if not W.FILLER.fullmatch(lead[i + len(verb):]):
        return None               # “办理人大代表建议12件”, “受理网络问政182件”
    if verb in W.RECEIVED_VERBS:
        new = verb == "新收" or lead[i - 1:i] == "新"
        return _Binding("new" if new else "received", (), i - 1 if new and verb != "新收" else i)
    return _Binding("handled", (), i, loose=verb in ("办理", "处理"))
