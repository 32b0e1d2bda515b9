"""Page geometry of a PDF: characters → lines, ruling lines → table grids (io/pdf_read.py).

Plain data and arithmetic on positions (points, y growing downwards); PDFium itself is only
used by pdf_read.py. A table is the grid of its ruling lines' x and y positions; a missing line
between two grid cells merges them, and each character goes to the cell its centre falls in.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .document_grids import squash_cjk_spaces

SNAP = 2.0                           # points: lines this close are the same line

@dataclass
class Char:
    ch: str
    x0: float
    y0: float                        # top (y grows downwards)
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    chars: list[Char]
    x0: float = 0
    x1: float = 0
    y0: float = 0
    y1: float = 0
    text: str = ""

    def finish(self) -> "Line":
        self.chars.sort(key=lambda c: c.x0)
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.y0 = min(c.y0 for c in self.chars)
        self.y1 = max(c.y1 for c in self.chars)
        self.text = join_chars(self.chars)
        return self


@dataclass
class Table:
    xs: list[float]
    ys: list[float]
    rows: list[list] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, c: Char) -> bool:
        return self.xs[0] - 1 <= c.cx <= self.xs[-1] + 1 and self.ys[0] - 1 <= c.cy <= self.ys[-1] + 1


def join_chars(chars: list[Char]) -> str:
    """Characters of one line: a space only where the gap is wide (words of Latin text)."""
    out = []
    prev = None
    for c in chars:
        if prev is not None:
            h = max(1.0, min(prev.y1 - prev.y0, c.y1 - c.y0))
            if c.x0 - prev.x1 > 0.35 * h:
                out.append(" ")
        out.append(c.ch)
        prev = c
    return squash_cjk_spaces("".join(out))


# ---------------------------------------------------------------- tables from ruling lines

def cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= SNAP:
            continue
        out.append(v)
    return out


def components(hs, vs):
    """Groups of ruling lines that touch each other: one group per table."""
    items = [("h", h) for h in hs] + [("v", v) for v in vs]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    nh = len(hs)
    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(i)] = find(nh + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (kind, seg) in enumerate(items):
        g = groups.setdefault(find(i), ([], []))
        (g[0] if kind == "h" else g[1]).append(seg)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covered(segs, pos: float, lo: float, mid: float) -> bool:
    return any(abs(p - pos) <= SNAP and a - SNAP <= mid <= b + SNAP for p, a, b in segs)


def table_from_rules(hs, vs) -> Table | None:
    xs, ys = cluster([v[0] for v in vs]), cluster([h[0] for h in hs])
    if len(xs) < 2 or len(ys) < 2 or len(xs) > 80 or len(ys) > 400:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not _covered(vs, xs[c + 1], 0, ymid):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(hs, ys[r + 1], 0, xmid):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    t = Table(xs, ys)
    t.owner = [[find(r * nc + c) for c in range(nc)] for r in range(nr)]     # type: ignore[attr-defined]
    return t


def fill(t: Table, chars: list[Char]) -> None:
    nr, nc = len(t.ys) - 1, len(t.xs) - 1
    owner = t.owner                                                          # type: ignore[attr-defined]
    top_left: dict[int, tuple[int, int]] = {}
    for r in range(nr):
        for c in range(nc):
            top_left.setdefault(owner[r][c], (r, c))
    bucket: dict[tuple[int, int], list[Char]] = {}
    for ch in chars:
        c = min(nc - 1, max(0, bisect_right(t.xs, ch.cx) - 1))
        r = min(nr - 1, max(0, bisect_right(t.ys, ch.cy) - 1))
        bucket.setdefault(top_left[owner[r][c]], []).append(ch)
    rows: list[list] = [[None] * nc for _ in range(nr)]
    for (r, c), cs in bucket.items():
        rows[r][c] = "\n".join(line.text for line in lines_of(cs))
    for key, (r, c) in top_left.items():
        if rows[r][c] is None:
            rows[r][c] = ""                     # an empty cell, not part of a merge
    # rows of a table split over two pages may be cut in the middle: drop empty slivers
    t.rows = [row for r, row in enumerate(rows) if t.ys[r + 1] - t.ys[r] > 1.5]


# ---------------------------------------------------------------- lines and paragraphs

def lines_of(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines by vertical overlap, top to bottom."""
    out: list[Line] = []
    for c in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if out:
            last = out[-1]
            h = min(c.y1 - c.y0, last.y1 - last.y0) or 1.0
            if abs(c.cy - (last.y0 + last.y1) / 2) < 0.45 * h:
                last.chars.append(c)
                last.y0, last.y1 = min(last.y0, c.y0), max(last.y1, c.y1)
                continue
        out.append(Line([c], c.x0, c.x1, c.y0, c.y1))
    return [ln.finish() for ln in out]


def regrid(rows: list[list], xs: list[float], union: list[float]) -> list[list]:
    """Rows of a table with column edges `xs` laid on the finer edges `union`: a column that
    now spans several keeps its text in the first (like a merged cell)."""
    starts = [min(range(len(union)), key=lambda k: abs(union[k] - x)) for x in xs]
    width = len(union) - 1
    out = []
    for row in rows:
        new: list = [None] * width
        for j, v in enumerate(row):
            if j < len(starts) - 1 and starts[j] < width:
                new[starts[j]] = v
        out.append(new)
    return out


def split_wide(line: Line) -> list[str] | None:
    """A line whose words stand in columns (a table without ruling lines), else None."""
    cells, cur, prev = [], [], None
    for c in line.chars:
        h = max(1.0, c.y1 - c.y0)
        if prev is not None and c.x0 - prev.x1 > 1.8 * h:
            cells.append(join_chars(cur))
            cur = []
        cur.append(c)
        prev = c
    cells.append(join_chars(cur))
    return cells if len(cells) >= 3 else None
