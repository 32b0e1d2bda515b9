"""Finding 表一、表二、表三 in grids of cell texts by their labels (see io/tables.py for the API).

Each table is found wherever it starts, rows and columns are matched by label (io/labels.py),
merged cells are followed because only their top-left cell holds the text; the rows a table
takes are claimed so that the parts' texts (io/section_texts.py) are what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.formats import latest
from ..core.rules import Problem
from ..core.values import Value, format_value
from . import labels
from ..core.formats import ANY_CELL
from .cell_values import ErrorCell, computed_finding, has_value, numberish, origin, read_value, v03
from .grid import Grid
from .marks import FOREIGN_MARK
from .section_texts import read_texts

HEADER_ROWS = 12                     # how far above 一、本年新收… the header of 表二 may start


@dataclass
class Seen:
    """What the label reader found in the grids."""

    cells: dict[str, Value] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    t1_units: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    v03: dict[str, Problem] = field(default_factory=dict)
    labels: list = field(default_factory=list)    # (table, key, raw text, official label), for S04
    extra: dict[str, list[str]] = field(default_factory=dict)   # table → labels of extra rows
    extra_text: dict[str, list[str]] = field(default_factory=dict)  # section → paragraphs
    found: dict[str, str] = field(default_factory=dict)         # table → where it was found
    sections: dict[str, list[str]] = field(default_factory=dict)
    headings: list = field(default_factory=list)  # (key, raw) of variant headings (S03)
    preamble: list[str] = field(default_factory=list)
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    section_sheets: dict[str, str] = field(default_factory=dict)
    raw: dict[str, object] = field(default_factory=dict)       # cell path → the value as found
    computed: set[str] = field(default_factory=set)            # … from a formula or an error value

    def put(self, path: str, raw) -> None:
        if path in self.cells:
            # The first occurrence wins, unless it was blank: converted text may print a row's
            # label once as a heading above the row that holds its numbers.
            if self.cells[path] is not None or path in self.notes or not has_value(raw):
                return
        plain, where, what = origin(raw)
        value, note = read_value(plain, path)
        if isinstance(what, ErrorCell):
            value, note = None, what.text        # an error is no number: blank, its text noted
        self.cells[path] = value
        self.raw[path] = plain
        self.v03.pop(path, None)                 # a blank found first gives way to this one
        self.computed.discard(path)
        if note is not None:
            self.notes[path] = note
            self.v03[path] = v03(path, note, value)
            if path == "t1.procurement.amount":
                if "万元" in note:
                    self.t1_units["procurement.amount"] = "万元"
                elif "元" in note:
                    self.t1_units["procurement.amount"] = "元"
        if where is not None:                    # the finding names the sheet cell instead
            self.computed.add(path)
            self.v03[path] = computed_finding(path, where, what, value, note)


class VisibleReader:
    """Finds 表一、表二、表三 by their labels wherever they start, then the parts' texts."""

    def __init__(self, grids: list[Grid]):
        self.grids = [g for g in grids if not g.hidden]
        self.seen = Seen()
        self.claimed: dict[int, set[int]] = {}     # grid index → rows belonging to tables
        self.barriers: dict[int, set[int]] = {}    # grid index → rows where a structure starts
        self.index()

    # -------------------------------------------------------- index

    def index(self) -> None:
        self.row_norms: list[list[list[tuple[int, str, str]]]] = []
        r1 = labels.norm(latest().table["t2"].row["R1"].label)
        note = labels.norm(labels.t2_note())
        for gi, g in enumerate(self.grids):
            per_row = []
            bars = set()
            for r, row in enumerate(g.rows):
                # Labels and headings are short; a long paragraph is never one of them.
                cells = [(c, v, labels.norm(v) if len(v) <= 100 else "\u2026")
                         for c, v in enumerate(row) if isinstance(v, str) and v.strip()]
                per_row.append(cells)
                for _c, _v, n in cells:
                    if (labels.is_block_title(n) or n in (r1, note, "申请人情况", "行政复议")
                            or n.startswith(FOREIGN_MARK) or labels.match_heading(n)):
                        bars.add(r)
            self.row_norms.append(per_row)
            self.barriers[gi] = bars

    def find(self, wanted: str, grids=None) -> list[tuple[int, int, int]]:
        out = []
        for gi, per_row in enumerate(self.row_norms):
            if grids is not None and gi not in grids:
                continue
            for r, cells in enumerate(per_row):
                for c, _v, n in cells:
                    if n == wanted:
                        out.append((gi, r, c))
        return out

    def next_barrier(self, gi: int, after: int) -> int:
        later = [b for b in self.barriers[gi] if b > after]
        return min(later) if later else len(self.grids[gi].rows)

    def claim(self, gi: int, rows) -> None:
        self.claimed.setdefault(gi, set()).update(rows)

    # -------------------------------------------------------- run

    def read(self) -> Seen:
        self.read_t1()
        self.read_t2()
        self.read_t3()
        read_texts(self)
        return self.seen

    # -------------------------------------------------------- 表一

    def read_t1(self) -> None:
        titles = [(gi, r, c) for gi, per_row in enumerate(self.row_norms) for r, cells in enumerate(per_row)
                  for c, _v, n in cells if labels.is_block_title(n)]
        # The first grid whose titles head real blocks: a paragraph of 一 that reads exactly
        # “第二十条第（一）项” sits on a sheet before the table's.
        for gi0 in dict.fromkeys(t[0] for t in titles):
            if self._read_t1_in(gi0, [t for t in titles if t[0] == gi0]):
                return

    def _read_t1_in(self, gi0: int, titles) -> bool:
        g = self.grids[gi0]
        items, fields, _titles = labels.t1_labels()
        item_labels = tuple(label for ls in items.values() for label in ls)
        item_key = {label: key for key, ls in items.items() for label in ls}
        field_labels = tuple(label for ls in fields.values() for label in ls)
        field_key = {label: key for key, ls in fields.items() for label in ls}
        first = last = None             # rows of the blocks actually read (a line of text
        for gi, r, c in titles:         # that merely reads “第二十条第（一）项” is not one)
            end = self.next_barrier(gi, r)
            # header row: the first non-empty row after the title
            h = r + 1
            while h < end and not self.row_norms[gi][h]:
                h += 1
            if h >= end:
                continue
            cols: dict[int, str] = {}
            item_col = c
            for col, raw, n in self.row_norms[gi][h]:
                if n == "信息内容":
                    item_col = col
                    continue
                m = labels.match_label(raw, field_labels)
                if m:
                    cols[col] = field_key[m.canonical]
                    self.seen.labels.append(("t1f", cols[col], raw, m.canonical))
            if not cols:
                continue
            first = r if first is None else first
            last = h if last is None else max(last, h)
            fcols = sorted(cols)
            for rr in range(h + 1, end):
                cells = [x for x in self.row_norms[gi][rr] if x[0] < fcols[0]]
                label_raw = next((raw for col, raw, _n in cells), "")
                values = [g.at(rr, col) for col in fcols]
                if not label_raw and not any(has_value(v) for v in values):
                    continue
                m = labels.match_label(label_raw, item_labels) if label_raw else None
                if not m:
                    if any(has_value(v) for v in values) and not labels.norm(label_raw).startswith("注"):
                        self.extra("t1", "s2", label_raw or g.where(rr),
                                   [(fields[cols[col]][0], v) for col, v in zip(fcols, values)])
                    continue
                item = item_key[m.canonical]
                for col, v in zip(fcols, values):
                    path = f"t1.{item}.{cols[col]}"
                    if col >= len(g.rows[rr]):
                        continue             # the row stops short (a cell missing, not blank)
                    if path in ANY_CELL:
                        self.seen.put(path, v)
                        self.seen.labels.append(("t1i", path, label_raw, m.canonical))
                    elif has_value(v):
                        self.extra("t1", "s2", f"{m.canonical}·{fields[cols[col]][0]}", [("", v)])
                last = max(last, rr)
        if first is None:
            return False
        self.claim(gi0, range(first, last + 1))
        self.seen.found["t1"] = g.span(first, last)
        return True

    def extra(self, table: str, section: str, label: str, pairs) -> None:
        self.seen.extra.setdefault(table, []).append(label)
        text = "，".join(f"{name} {format_value(v) if not isinstance(v, str) else v}".strip()
                        for name, v in pairs if v is not None)
        name = latest().table[table].name
        self.seen.extra_text.setdefault(section, []).append(f"{name}原有栏目“{label}”：{text}")

    # -------------------------------------------------------- 表二

    def read_t2(self) -> None:
        t2_rows = labels.t2_row_labels()
        r1 = labels.norm(latest().table["t2"].row["R1"].label)
        hits = self.find(r1)
        if not hits:
            # R1 itself may be a variant; fall back to the printed note.
            hits = [(gi, r + 3, c) for gi, r, c in self.find(labels.norm(labels.t2_note()))]
            if not hits:
                return
        col_labels = labels.t2_col_labels()

        def headers(gi: int, top: int, c0: int):
            """Column labels in the rows above 一、本年新收…: {key: (col, raw, official)}."""
            found = {}
            for r in range(max(0, top - HEADER_ROWS), top):
                for col, raw, n in self.row_norms[gi][r]:
                    if col <= c0:
                        continue
                    m = labels.match_label(raw, tuple(lb for _k, lb in col_labels))
                    if m:
                        found[next(k for k, lb in col_labels if lb == m.canonical)] = (col, raw, m.canonical)
            return found

        # The table is where the label has column headers above it, not a line of text that
        # happens to read “一、本年新收政府信息公开申请数量”.
        scored = [(len(headers(gi, top, c0)) >= 3, -i, (gi, top, c0)) for i, (gi, top, c0) in enumerate(hits)]
        gi, top, c0 = max(scored)[2]
        g = self.grids[gi]
        start = max(0, top - HEADER_ROWS)
        colmap: dict[str, int] = {}
        for key, (col, raw, official) in headers(gi, top, c0).items():
            colmap[key] = col
            self.seen.labels.append(("t2c", key, raw, official))
        keys = [k for k, _lb in col_labels]
        if len(colmap) < len(keys):
            # infer the missing ones from the official order (merged or garbled headers)
            if colmap:
                k0, c_0 = next(iter(colmap.items()))
                base = c_0 - keys.index(k0)
            else:
                base = c0 + 3
            for i, k in enumerate(keys):
                colmap.setdefault(k, base + i)
        first_data = min(colmap.values())
        header_top = top
        for r in range(start, top):
            if any(col >= first_data for col, _raw, n in self.row_norms[gi][r]
                   if n in ("申请人情况", "自然人")) or any(
                   n == labels.norm(labels.t2_note()) for _c, _raw, n in self.row_norms[gi][r]):
                header_top = min(header_top, r)
        end = len(g.rows)
        for b in sorted(self.barriers[gi]):
            if b > top and not self._is_foreign_mark(gi, b):
                end = b
                break
        last = top
        groups = labels.t2_group_labels()
        for r in range(top, end):
            row = g.rows[r]
            # Label cells: left of the data columns, or (copied text that lost its merged
            # cells) every cell before the first number.
            zone = max(first_data, next((c for c, v in enumerate(row) if numberish(v)), len(row)))
            cells = [x for x in self.row_norms[gi][r] if x[0] < zone]
            if len(cells) >= 4 and not any(numberish(v) for v in row):
                continue                     # a header row repeated or garbled inside the table
            key = self._t2_row(gi, r, zone, t2_rows)
            if key is not None and len(row) <= key[3] + 1:
                last = r                     # the label alone (a heading in converted text)
                continue
            values = self._t2_values(g, r, colmap, keys, key[3] if key else None)
            if key is None:
                if any(numberish(v) for v in values.values()):
                    raw = "".join(raw for _c, raw, n in cells if n not in groups)
                    if labels.norm(raw).startswith("注"):
                        continue
                    self.extra("t2", "s3", raw or g.where(r), [(k if k != "CT" else "总计", v)
                                                                for k, v in values.items()])
                    last = r
                continue
            rkey, raw, canonical, _col = key
            self.seen.labels.append(("t2r", rkey, raw, canonical))
            for ckey, v in values.items():
                self.seen.put(f"t2.{rkey}.{ckey}", v)
            last = r
        self.claim(gi, range(header_top, last + 1))
        self.seen.found["t2"] = g.span(header_top, last)

    def _is_foreign_mark(self, gi: int, r: int) -> bool:
        return any(n.startswith(FOREIGN_MARK) for _c, _raw, n in self.row_norms[gi][r])

    @staticmethod
    def _t2_values(g: Grid, r: int, colmap: dict[str, int], keys: list[str], label_col: int | None) -> dict:
        """A row's values by column. Copied text keeps no merged cells, so the header positions
        can contradict each other (总计 left of 其他) or the row: then, when the row holds exactly
        seven cells after its label, those in order."""
        if label_col is None:
            return {k: g.at(r, col) for k, col in colmap.items()}
        values = {k: (g.at(r, col) if col > label_col else None) for k, col in colmap.items()}
        after = list(g.rows[r][label_col + 1:])
        while len(after) > len(keys) and (after[-1] is None or (isinstance(after[-1], str) and not after[-1].strip())):
            after.pop()
        cols = [colmap[k] for k in keys]
        consistent = (label_col < cols[0] and cols[-1] < len(g.rows[r])
                      and all(a < b for a, b in zip(cols, cols[1:])))
        if not consistent and len(after) == len(keys):
            return {k: (None if v == "" else v) for k, v in zip(keys, after)}
        return values

    def _t2_row(self, gi: int, r: int, first_data: int, t2_rows) -> tuple[str, str, str, int] | None:
        """(row key, raw label, official label, column) of a 表二 row, from its label cells.

        （六）其他处理 heads the three rows of 2021 and is the single row of 2019: a more
        specific label to its right (1./2./3.) wins, so it is L6 only when alone.
        """
        cands = tuple(label for _k, label in t2_rows.values())
        found = []
        for col, raw, _n in self.row_norms[gi][r]:
            if col >= first_data:
                break
            m = labels.match_label(raw, cands)
            if m:
                found.append((t2_rows[labels.norm(m.canonical)][0], raw, m.canonical, col))
        specific = [f for f in found if f[0] != "L6"]
        return specific[-1] if specific else (found[-1] if found else None)

    # -------------------------------------------------------- 表三

    def read_t3(self) -> None:
        groups, fields = labels.t3_labels()
        ld = labels.norm(groups[1][1])                                # 未经复议直接起诉
        hits = self.find(ld)
        # “未经复议直接起诉: 结果维持” (a header that names its group), or a damaged label
        hits += [(gi, r, c) for gi, per_row in enumerate(self.row_norms) for r, cells in enumerate(per_row)
                 for c, raw, n in cells if n != ld and len(n) <= 30
                 and (n.startswith(ld) or labels.match_label(raw, (groups[1][1],)))]
        for gi, r_ld, _c in hits:
            if self._read_t3_at(gi, r_ld, groups, fields):
                return
        self._read_t3_stacked(groups, fields)

    def _read_t3_at(self, gi: int, r_ld: int, groups, fields) -> bool:
        g = self.grids[gi]
        gcols: dict[str, int] = {}
        rows_used = [r_ld]
        for r in range(max(0, r_ld - 2), r_ld + 1):
            for col, raw, n in self.row_norms[gi][r]:
                for key, label in groups:
                    if n.startswith(labels.norm(label)) and key not in gcols:
                        gcols[key] = col
                        rows_used.append(r)
        fmap: dict[int, str] = {}
        seen_labels = []
        field_labels = tuple(lb for _k, lb in fields)
        top = min(rows_used)
        last_header = r_ld
        for r in range(top, min(r_ld + 4, len(g.rows))):
            for col, raw, n in self.row_norms[gi][r]:
                m = labels.match_label(raw, field_labels)
                if m:
                    fmap[col] = next(k for k, lb in fields if lb == m.canonical)
                    last_header = max(last_header, r)
                    seen_labels.append(("t3f", fmap[col], raw, m.canonical))
        if len(fmap) < 5:
            return False                 # a line of text, not the header of 表三
        self.seen.labels.extend(seen_labels)
        gcols.setdefault("RV", min(fmap))
        order = sorted(gcols.items(), key=lambda kv: kv[1])
        in_order = [fmap[c] for c in sorted(fmap)]
        if in_order == [k for k, _lb in fields] * len(groups):
            # all fifteen in the official order: the groups follow from it, whatever the
            # positions of the group headers (copied text keeps no merged cells)
            cols = sorted(fmap)
            order = [(gkey, cols[i * len(fields)]) for i, (gkey, _lb) in enumerate(groups)]
        data_row = last_header + 1
        for r in range(last_header + 1, min(last_header + 5, len(g.rows))):
            if any(has_value(g.at(r, col)) for col in fmap):
                data_row = r
                break
        for col, fkey in fmap.items():
            group = None
            for gkey, gcol in order:
                if gcol <= col:
                    group = gkey
            if group is None:
                continue
            self.seen.put(f"t3.{group}.{fkey}", g.at(data_row, col))
        self.claim(gi, range(top, data_row + 1))
        self.seen.found["t3"] = g.span(top, data_row)
        return True

    def _read_t3_stacked(self, groups, fields) -> bool:
        """表三 printed as three small tables, each under its group's name (converted text)."""
        field_labels = tuple(lb for _k, lb in fields)
        for gi, g in enumerate(self.grids):
            per_row = self.row_norms[gi]
            found: dict[str, tuple[int, int]] = {}
            first = last = None
            for r, cells in enumerate(per_row):
                if len(cells) != 1 or len(cells[0][2]) > 20:
                    continue
                n = cells[0][2]
                gkey = next((k for k, lb in reversed(groups) if labels.norm(lb) in n), None)
                if gkey is None or gkey in found:
                    continue
                h = r + 1
                while h < len(per_row) and not per_row[h]:
                    h += 1
                fmap = {}
                for col, raw, _n in per_row[h] if h < len(per_row) else ():
                    m = labels.match_label(raw, field_labels)
                    if m:
                        fmap[col] = next(k for k, lb in fields if lb == m.canonical)
                if len(fmap) < len(fields) - 1:
                    continue
                d = next((x for x in range(h + 1, min(h + 3, len(g.rows)))
                          if any(has_value(g.at(x, c)) for c in fmap)), None)
                if d is None:
                    continue
                for col, fkey in fmap.items():
                    self.seen.put(f"t3.{gkey}.{fkey}", g.at(d, col))
                found[gkey] = (r, d)
                first = r if first is None else min(first, r)
                last = d if last is None else max(last, d)
            if len(found) >= 2:
                self.claim(gi, range(first, last + 1))
                self.seen.found["t3"] = g.span(first, last)
                return True
        return False

    # -------------------------------------------------------- texts
