"""Typesetting rules of Chinese official documents (GB/T 9704-2012) shared by every exporter.

Page, margins, typefaces and sizes; the width of a text in em; the title broken into balanced
lines; which paragraphs of a section are 一、 or （一） headings. The Word, PDF and web
exporters take all of these from here so the three publications look alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# ---------------------------------------------------------------- page and type

MM = 72 / 25.4                       # points per millimetre
PAGE_MM = (210.0, 297.0)             # A4 portrait
# GB/T 9704 版心 156 × 225 mm: top 37, bottom 35, left 28, right 26 mm
MARGIN_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
TEXT_WIDTH_PT = (PAGE_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]) * MM
TEXT_HEIGHT_PT = (PAGE_MM[1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]) * MM
LINES_PER_PAGE = 22                  # the standard's 22 lines of 三号 text per page
LINE_PT = 28.95                      # fixed line spacing: 22 lines fill the 225 mm 版心
PAGE_NUMBER_GAP_MM = 7.0             # the page number line sits 7 mm below the 版心

# Chinese type sizes in points
ERHAO, SANHAO, SIHAO, WUHAO = 22.0, 16.0, 14.0, 10.5


@dataclass(frozen=True)
class Face:
    """The typeface and size of one kind of text; `names` in order of preference."""

    names: tuple[str, ...]
    size: float
    latin: str = "Times New Roman"   # digits and Latin letters in running text

    @property
    def name(self) -> str:
        return self.names[0]


FACES = {
    "title": Face(("方正小标宋简体", "宋体"), ERHAO),
    "body": Face(("仿宋_GB2312", "仿宋"), SANHAO),
    "h1": Face(("黑体",), SANHAO),
    "h2": Face(("楷体_GB2312", "楷体"), SANHAO),
    "table": Face(("宋体",), WUHAO, latin="宋体"),
    "table_head": Face(("黑体",), WUHAO, latin="黑体"),   # 表一's 第二十条第（X）项 rows
    "page": Face(("宋体",), SIHAO, latin="宋体"),   # 4号半角宋体阿拉伯数字
}
TABLE_LINE_PT = 14.0                 # single-spaced 五号 in table cells
TABLE_PAD_PT = (2.0, 1.5)            # cell padding: top/bottom, left/right
INDENT_EM = 2                        # first-line indent of body paragraphs

# ---------------------------------------------------------------- measuring text


def char_em(ch: str) -> float:
    """Advance of one character in em: CJK and full-width forms are square, the rest half."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def em_width(text: str) -> float:
    return sum(char_em(ch) for ch in text)


def lines_needed(text: str, width_em: float) -> int:
    """How many lines a text takes in a box `width_em` wide (greedy, per character)."""
    lines, used = 1, 0.0
    for ch in text:
        w = char_em(ch)
        if used + w > width_em + 1e-9 and used > 0:
            lines, used = lines + 1, 0.0
        used += w
    return lines


# ---------------------------------------------------------------- the title

# No line may start with these, nor end with the opening ones (禁则).
_NO_START = set("，。、；：？！）》」』】〕”’…—·%,.;:?!)]}")
_NO_END = set("（《「『【〔“‘([{")
# Good places for a title line break: before the name of the report, after the year, after
# the name of the office. Breaking elsewhere is allowed but costs.
_GOOD_BEFORE = ("政府信息公开", "关于", "年度报告", "工作年度报告")
_GOOD_AFTER = re.compile(r"(\d{4}年度?|人民政府|办公室|办公厅|委员会|办事处|管理局|局|委|厅|院|中心)$")


def _break_cost(title: str, i: int) -> float | None:
    """Cost of breaking `title` before index i; None where a break is not allowed."""
    a, b = title[i - 1], title[i]
    if b in _NO_START or a in _NO_END:
        return None
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return None                              # inside a number or a Latin word
    if (b == "年" and a.isdigit()) or (a, b) == ("年", "度"):
        return None                              # 2025 | 年, 年 | 度
    if any(title.startswith(w, i) for w in _GOOD_BEFORE) or _GOOD_AFTER.search(title[:i]):
        return 0.0
    return 6.0


def title_lines(title: str, max_em: float | None = None) -> list[str]:
    """The title broken into as few balanced lines as fit (never one character alone).

    Lines are chosen to be of similar width (GB/T 9704: 排列对称，长短适宜), preferring breaks
    at word boundaries such as before “政府信息公开” or after the year.
    """
    title = " ".join(title.split())
    if max_em is None:
        max_em = math.floor(TEXT_WIDTH_PT / FACES["title"].size) - 1   # a little air each side
    total = em_width(title)
    if total <= max_em or len(title) < 4:
        return [title] if title else []
    cuts = [i for i in range(2, len(title) - 1) if _break_cost(title, i) is not None]
    n_min = math.ceil(total / max_em)
    for n in range(n_min, n_min + 3):
        best = _best_breaks(title, cuts, n, max_em)
        if best is not None:
            return [title[a:b] for a, b in zip([0, *best], [*best, len(title)])]
    return [title]


def _best_breaks(title: str, cuts: list[int], n: int, max_em: float) -> list[int] | None:
    """The n-1 cut positions minimising width spread plus break costs (small exhaustive DP)."""
    target = em_width(title) / n
    prefix = [0.0]
    for ch in title:
        prefix.append(prefix[-1] + char_em(ch))

    def width(a: int, b: int) -> float:
        return prefix[b] - prefix[a]

    # state: (lines used, last cut) -> (cost, cuts)
    states: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for _line in range(n - 1):
        nxt: dict[int, tuple[float, list[int]]] = {}
        for start, (cost, chosen) in states.items():
            for c in cuts:
                if c - start < 2 or width(start, c) > max_em:
                    continue
                c_cost = cost + (width(start, c) - target) ** 2 + _break_cost(title, c)
                if c not in nxt or c_cost < nxt[c][0]:
                    nxt[c] = (c_cost, [*chosen, c])
        states = nxt
    best = None
    for start, (cost, chosen) in states.items():
        last = width(start, len(title))
        if len(title) - start < 2 or last > max_em:
            continue
        total = cost + (last - target) ** 2
        if best is None or total < best[0]:
            best = (total, chosen)
    return best[1] if best else None


# ---------------------------------------------------------------- headings in section texts

_H1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_H2 = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
HEADING_MAX = 40          # a heading longer than this is a body paragraph that starts with a number


def split_heading(paragraph: str) -> tuple[str, str, str]:
    """(level, head, rest) of a paragraph: level "h1" for 一、…, "h2" for （一）…, else "body".

    A heading followed by text in the same paragraph (“（三）精细化建设公开平台。我县…”,
    “（二）依申请公开情况：全年…”) keeps the text as `rest`, which is set in the body face.
    """
    level = "h1" if _H1.match(paragraph) else "h2" if _H2.match(paragraph) else "body"
    if level == "body":
        return level, "", paragraph
    stops = [i for i in (paragraph.find("。"), paragraph.find("：")) if i != -1]
    stop = min(stops) if stops else -1
    if stop == -1 or stop == len(paragraph) - 1:
        if len(paragraph) <= HEADING_MAX:
            return level, paragraph, ""
        return "body", "", paragraph
    if stop < HEADING_MAX:
        return level, paragraph[:stop + 1], paragraph[stop + 1:]
    return "body", "", paragraph


# ---------------------------------------------------------------- line breaking (PDF)

# 禁则 for running text: these never start a line, those never end one.
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·％%,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
_LATIN = re.compile(r"[A-Za-z0-9]")


def _units(text: str) -> list[tuple[int, int]]:
    """Unbreakable pieces of text as (start, end): one CJK character with the punctuation that
    must stay with it, a number or Latin word (“4068.208”, “2025”), or a space."""
    units: list[list[int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if _LATIN.match(ch):
            while j < n and (_LATIN.match(text[j]) or (text[j] in ".,:/-" and j + 1 < n and _LATIN.match(text[j + 1]))):
                j += 1
        glue_left = units and (ch in NO_LINE_START or text[units[-1][1] - 1] in NO_LINE_END)
        if glue_left and not ch.isspace():
            units[-1][1] = j
        else:
            units.append([i, j])
        i = j
    return [(a, b) for a, b in units]


def break_lines(text: str, widths: list[float], first: float, rest: float) -> list[tuple[int, int]]:
    """Greedy line breaking for Chinese text: (start, end) of each line.

    `widths` are the advances of the characters; the first line is `first` wide (a first-line
    indent makes it shorter), the others `rest`. Punctuation is never alone at a line's start
    or end, numbers are not broken, spaces at a line break are dropped.
    """
    lines: list[tuple[int, int]] = []
    start = used = None
    limit = first
    for a, b in _units(text):
        w = sum(widths[a:b])
        if start is None:
            if text[a:b].isspace():
                continue
            start, used = a, 0.0
        if used + w > limit + 1e-6 and used > 0:
            end = a
            while end > start and text[end - 1].isspace():
                end -= 1
            lines.append((start, end))
            limit = rest
            if text[a:b].isspace():
                start = None
                continue
            start, used = a, 0.0
        if w > limit and used == 0:          # a piece longer than a line: cut it by characters
            for k in range(a, b):
                if used + widths[k] > limit + 1e-6 and used > 0:
                    lines.append((start, k))
                    limit, start, used = rest, k, 0.0
                used += widths[k]
            continue
        used += w
    if start is not None:
        end = len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            lines.append((start, end))
    return lines
