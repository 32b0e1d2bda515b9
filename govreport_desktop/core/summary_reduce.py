"""The one pass of a 汇总 over its included units: exact sums, blanks, identical data, 内容雷同.

`Reducer.add()` takes each included unit's aligned row (int64 values, odd values beside) and its
sentence hashes, in the order of the summary; nothing of a unit is kept but 8 bytes of digest
(identical 表一–表三) and its sentences in the 内容雷同 index. Rows are summed a block at a time:
one column of a block is a strided slice of an int64 array, so counting blanks and adding up
stay in C however many units there are. Money is added as Decimal in unit order, exactly as a
plain sum over all units would.
"""

from __future__ import annotations

import hashlib
from array import array
from decimal import Decimal
from typing import Callable

from .schema import Format, Kind
from .similarity import SentenceIndex
from .summary_record import BLANK, ODD, SIMILAR_SECTIONS
from .values import Value

BLOCK = 256                # rows summed together
BLANK_NAMES = 3            # units named in a summed cell's note about blanks


class Reducer:
    def __init__(self, fmt: Format):
        self.fmt = fmt
        w = self.width = len(fmt.cell_paths)
        self.money = [fmt.cell[p].kind in (Kind.MONEY, Kind.AMOUNT) for p in fmt.cell_paths]
        self.n = 0
        self._ints = [0] * w                   # the int64 values, sentinels taken out
        self._odds: list[Value] = [Decimal(0) if m else 0 for m in self.money]
        self._n_odd = [0] * w
        self._n_blank = [0] * w
        self._first_blank: list[list[int]] = [[] for _ in range(w)]   # rows of the first blanks
        self._block = array("q")
        self._block_odd: list[dict] = []
        self._digests = array("Q")             # identical data: digest of each row with data …
        self._digest_rows = array("l")         # … and its row number
        self.index = {key: SentenceIndex() for key in SIMILAR_SECTIONS}

    def add(self, key: int, values: array, odd: dict[int, Value], hashes: Callable[[str], array]) -> None:
        """Row `self.n` (key: the unit's UnitRow.index, for 内容雷同)."""
        k = self.n
        self.n += 1
        for section, index in self.index.items():
            index.add(key, hashes(section))
        if _has_data(values) or any(odd.values()):            # all 0: nothing to compare
            self._digests.append(row_digest(values, odd))
            self._digest_rows.append(k)
        self._block.extend(values)
        self._block_odd.append(odd)
        if len(self._block_odd) >= BLOCK:
            self._flush()

    def _flush(self) -> None:
        block, odds, w = self._block, self._block_odd, self.width
        start = self.n - len(odds)
        for j in range(w if odds else 0):
            col = block[j::w]
            nb, no = col.count(BLANK), col.count(ODD)
            self._ints[j] += sum(col) - BLANK * nb - ODD * no
            if no:
                self._n_odd[j] += no
                acc = self._odds[j]
                for r, v in enumerate(col):
                    if v == ODD:
                        acc = acc + odds[r][j]          # in unit order, as sum() over all would
                self._odds[j] = acc
            if nb:
                self._n_blank[j] += nb
                first, at = self._first_blank[j], 0
                while len(first) < BLANK_NAMES and at < len(col):
                    try:
                        at = col.index(BLANK, at)
                    except ValueError:
                        break
                    first.append(start + at)
                    at += 1
        self._block, self._block_odd = array("q"), []

    def totals(self) -> tuple[list[Value], list[int], list[list[int]]]:
        """Per cell: the sum (None when every unit left it blank), the blank count, the rows of
        the first blanks."""
        self._flush()
        out: list[Value] = []
        for j in range(self.width):
            nb = self._n_blank[j]
            if not self.n or nb == self.n:
                out.append(None)
                continue
            total = self._ints[j]
            if self._n_odd[j]:
                total = total + self._odds[j]
            out.append(Decimal(total) if self.money[j] else total)
        return out, list(self._n_blank), self._first_blank

    def identical(self, row: Callable[[int], tuple[array, dict]]) -> list[list[int]]:
        """Groups of rows with identical data (each ascending, by first row); `row(k)` reads a
        row back so that equal digests are confirmed on the values themselves."""
        d, rows = self._digests, self._digest_rows
        order = sorted(range(len(d)), key=d.__getitem__)
        groups: list[list[int]] = []
        at = 0
        while at < len(order):
            end = at + 1
            while end < len(order) and d[order[end]] == d[order[at]]:
                end += 1
            if end - at > 1:
                classes: dict[tuple, list[int]] = {}
                for k in sorted(rows[x] for x in order[at:end]):
                    values, odd = row(k)
                    classes.setdefault((values.tobytes(), tuple(sorted(odd.items()))), []).append(k)
                groups += [g for g in classes.values() if len(g) > 1]
            at = end
        return sorted(groups)


def _has_data(values: array) -> bool:
    """A value other than 0 and the sentinels (one pass in C for the usual rows)."""
    if values and max(values) > 0:
        return True
    return any(v < 0 and v not in (BLANK, ODD) for v in values)


def row_digest(values: array, odd: dict[int, Value]) -> int:
    """64 bits of a row's data; equal values (Decimal 1.0 and 1.00, int 5 and Decimal 5) give
    equal digests."""
    h = hashlib.blake2b(values.tobytes(), digest_size=8)
    for j in sorted(odd):
        v = odd[j]
        h.update(b"%d=%s;" % (j, str(Decimal(v).normalize() if isinstance(v, (int, Decimal)) else v).encode()))
    return int.from_bytes(h.digest(), "big")


__all__ = ["Reducer", "row_digest", "BLANK_NAMES"]
