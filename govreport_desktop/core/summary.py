"""汇总: many units' reports → one summed report, the unit table, trace-back and cross-unit findings.

The per-file step (io/summary_run.py) turns every file into a small `UnitRecord`; this module
reduces the records: it picks the year, leaves out files of other years and second copies of a
unit, maps units of the other format with `migrate()`, adds every cell exactly (blank counts as
0 and is recorded; money stays Decimal), and finds units whose 一 or 五 share more than 80 % of
their sentences or whose 表一–表三 are identical. No Qt, no files: a window shows `Summary.units`
in a table model and `Summary.trace()` beside a summed cell.

Memory: the builder keeps one `UnitRow` per file; everything else of a record goes to a store
(core/summary_store.py; a temporary file in io/summary_store.py) and is read back once, in
order, by `build()` (core/summary_reduce.py sums it as it goes), so ten thousand units cost the
unit table and the 内容雷同 index, not ten thousand records.
"""

from __future__ import annotations

import sys
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .formats import FORMATS, format_for_year, latest
from .migrate import migrate
from .report import UNIT_KINDS, Report, default_title
from .schema import Format, Kind
from .summary_record import BLANK, ODD, UnitInfo, UnitRecord, pack
from .summary_reduce import Reducer
from .summary_store import MemoryStore
from .values import Value

PASSED, HAS_ERRORS, UNREADABLE, DUPLICATE, OTHER_YEAR, MISSING, SUMMARY_FILE = (
    "通过", "有错误", "无法读取", "重复单位", "年度不符", "未报送", "汇总文件")
WHAT = {"s1": "一、总体情况", "s5": "五、存在的主要问题及改进情况", "data": "表一至表三数据"}


@dataclass(slots=True)
class UnitRow(UnitInfo):
    """One line of the unit table (a file, or a roster unit that sent none)."""

    status: str = PASSED
    note: str = ""                 # the reason: why unreadable, which copy is taken, mapped …
    included: bool = False         # counted in the sums
    on_roster: bool | None = None  # None: no roster given


# The unit table's columns: (UnitRow attribute, header). The workbook sheet 单位情况 and the
# window's table model both show these.
UNIT_COLUMNS = (("file", "文件"), ("unit", "单位"), ("unit_kind", "单位类型"), ("year", "年度"),
                ("format", "格式"), ("errors", "错误"), ("warnings", "警告"), ("status", "状态"),
                ("note", "说明"))


def unit_cell(row: UnitRow, attr: str):
    """What the unit table shows in a column (numbers stay numbers)."""
    value = getattr(row, attr)
    if attr == "unit_kind":
        return UNIT_KINDS.get(value, value)
    if attr == "format":
        return f"{value}年格式" if value else ""
    if attr in ("errors", "warnings") and not row.format:
        return None              # nothing was checked
    return value


@dataclass(frozen=True)
class Similar:
    """Two included units with 内容雷同 (`what` s1/s5) or identical 表一–表三 (`what` "data")."""

    what: str
    a: int                 # UnitRow.index
    b: int
    shared: int            # sentences in both (data: cells)
    of_a: float
    of_b: float


@dataclass
class Summary:
    """The result of a 汇总. The included units' values stay in the store `build()` wrote them
    to (in memory, or a temporary file: io/summary_store.py); `close()` releases it — it is
    also released when the Summary is garbage-collected — after which trace() and
    contributions() no longer work."""

    report: Report                       # the summed report (texts left to the author)
    units: list[UnitRow]                 # every file, in order, then the roster units missing
    similar: list[Similar] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)     # roster units that sent nothing
    blanks: dict[str, int] = field(default_factory=dict)  # cell → included units that left it blank
    _store: object = field(default_factory=MemoryStore, repr=False)   # row k: the k-th included unit
    _order: array = field(default_factory=lambda: array("l"), repr=False)  # row k → UnitRow.index

    @property
    def fmt(self) -> Format:
        return self.report.fmt

    @property
    def included(self) -> list[UnitRow]:
        return [u for u in self.units if u.included]

    def unit(self, index: int) -> UnitRow:
        return self.units[index]

    def trace(self, path: str) -> list[tuple[UnitRow, Value]]:
        """The units behind a summed cell and what each contributed (None: left blank)."""
        j = self.fmt.cell_paths.index(path)
        store, units, order = self._store, self.units, self._order
        col = store.column(j) if order else []
        return [(units[order[k]], None if v == BLANK else store.odd(k)[j] if v == ODD else v)
                for k, v in enumerate(col)]

    def contributions(self) -> Iterator[tuple[UnitRow, list[Value]]]:
        """Every included unit with its values in the order of `fmt.cell_paths` (数据来源)."""
        if not self._order:
            return
        for k, (values, odd) in enumerate(self._store.rows()):
            out = values.tolist()                   # the common case at C speed, then the exceptions
            for j, v in odd.items():
                out[j] = v
            if BLANK in values:
                out = [None if v == BLANK else out[j] for j, v in enumerate(values)]
            yield self.units[self._order[k]], out

    def count(self, status: str) -> int:
        return sum(1 for u in self.units if u.status == status)

    def close(self) -> None:
        """Release the units' values (a temporary file); the unit table and the report stay."""
        self._store.close()

    def __enter__(self) -> "Summary":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def name_key(name: str) -> str:
    """A unit name as compared between files and with the roster (width, spaces ignored)."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def choose_year(records: Iterable[UnitRecord]) -> int | None:
    """The year most readable files report (the later one on a tie)."""
    return _most_common(r.year for r in records if r.ok)


def _most_common(years: Iterable[int | None]) -> int | None:
    counts = Counter(y for y in years if y is not None)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


class SummaryBuilder:
    """Collects records as the files are read (in any order), then `build()` reduces them.

    Of each record only its unit-table row stays here; the rest goes to `store` (default: in
    memory; io/summary_store.FileStore spools it to a temporary file). The store then belongs
    to the Summary that build() returns (close it, or drop the Summary, to release it)."""

    def __init__(self, year: int | None = None, include_other_years: bool = False, store=None):
        self.year = year
        self.include_other_years = include_other_years
        self.store = store if store is not None else MemoryStore()
        self._rows: list[UnitRow] = []      # in the order the records came
        self._mtimes = array("d")           # beside _rows: a tie-break between duplicates

    def add(self, record: UnitRecord) -> None:
        self._rows.append(_row(record))
        self._mtimes.append(record.mtime)
        if record.ok:
            self.store.put(record)

    def build(self, roster: Iterable[str] = (), unit: str = "", unit_kind: str = "other") -> Summary:
        arrival = sorted(range(len(self._rows)), key=lambda a: self._rows[a].index)
        rows = [self._rows[a] for a in arrival]
        mtimes = [self._mtimes[a] for a in arrival]
        stored = [r.index for r in rows]            # the store knows the records by their index
        for i, r in enumerate(rows):
            r.index = i                             # the unit table's position from now on
        self._rows, self._mtimes = [], array("d")
        year = self.year or _most_common(r.year for r in rows if r.status != UNREADABLE) or latest().years.start
        fmt = format_for_year(year) or latest()
        taken = self._select(rows, mtimes, year)
        store = self.store
        store.start_rows(len(fmt.cell_paths))
        reducer = Reducer(fmt)
        order = array("l")
        for i in taken:
            rec = store.get(stored[i])
            values, odd, note = _aligned(rec, fmt)
            rows[i].included = True
            if note:
                rows[i].note = "；".join(filter(None, (rows[i].note, note)))
            store.add_row(values, odd)
            reducer.add(i, values, odd, rec.sentence_hashes)
            order.append(i)
        store.finish_rows()
        store.drop_records()
        report, blanks = _sum(fmt, year, reducer, order, rows, unit, unit_kind)
        summary = Summary(report, rows, blanks=blanks, _store=store, _order=order)
        summary.similar = _similar(reducer, order, rows, store)
        summary.missing = _roster(rows, roster, year, summary)
        return summary

    def _select(self, rows: list[UnitRow], mtimes, year: int) -> list[int]:
        """Statuses of every row; the indices whose values are summed."""
        candidates = []
        for i, row in enumerate(rows):
            if row.status in (UNREADABLE, SUMMARY_FILE):
                continue
            if row.year != year and not self.include_other_years:
                row.status = OTHER_YEAR
                row.note = f"报告年度为{row.year}年，汇总年度为{year}年，未计入汇总"
                continue
            candidates.append(i)
        by_unit: dict[str, list[int]] = {}
        for i in candidates:
            key = name_key(rows[i].unit)
            if key:
                by_unit.setdefault(key, []).append(i)
        dropped = set()
        for group in by_unit.values():
            if len(group) > 1:
                dropped.update(_duplicates(rows, mtimes, group))
        return [i for i in candidates if i not in dropped]


def _row(r: UnitRecord) -> UnitRow:
    """The unit-table row of a record (its index still the record's; build() renumbers)."""
    if not r.ok:
        return UnitRow(r.index, r.file, status=UNREADABLE, note=r.reason)
    # ten thousand rows share a handful of kinds and formats: one string object each
    row = UnitRow(r.index, r.file, r.unit, sys.intern(r.unit_kind), r.year, sys.intern(r.format), r.errors,
                  r.warnings, r.infos, status=HAS_ERRORS if r.errors else PASSED)
    if r.is_summary:
        row.status = SUMMARY_FILE
        row.note = "这是一份汇总工作簿（含“单位情况”“数据来源”），不作为单位计入"
    return row


def _duplicates(rows: list[UnitRow], mtimes, group: list[int]) -> list[int]:
    """The same unit in several files: keep the one with fewer errors, then the newer, then the
    later file; say so on every row of the group. Returns the rows left out."""
    order = sorted(group, key=lambda i: (rows[i].errors, -mtimes[i], -i))
    best, second = order[0], order[1]
    if rows[best].errors != rows[second].errors:
        why = "错误较少"
    elif mtimes[best] != mtimes[second]:
        why = "修改时间较晚"
    else:
        why = "文件顺序靠后"
    name = rows[best].file
    others = "、".join(f"“{rows[i].file}”" for i in order[1:])
    rows[best].note = f"同一单位另有{others}，采用本文件（{why}）"
    for i in order[1:]:
        rows[i].status = DUPLICATE
        rows[i].note = f"与“{name}”为同一单位，采用“{name}”（{why}），本文件未计入汇总"
    return order[1:]


def _aligned(rec: UnitRecord, fmt: Format):
    """The record's values in `fmt`'s cell order (mapped by migrate() from the other format),
    2019 采购总金额 in 万元; and a note for the unit table."""
    note = ""
    if rec.format == fmt.id and not rec.foreign and not _amount_paths(fmt):
        return rec.values, rec.odd, note
    cells, units = rec.cells(), dict(rec.t1_units)
    if rec.format != fmt.id or rec.foreign:
        source = Report(format=rec.format, year=rec.year or 0, cells=cells, t1_units=units)
        mapped = migrate(source, fmt.id)
        cells, units = mapped.cells, mapped.t1_units
        note = (f"由{FORMATS[rec.format].name}换算为{fmt.id}年格式后计入" if rec.format != fmt.id
                else f"含{_other(fmt).id}年格式栏目，换算为{fmt.id}年格式后计入")
    for path in _amount_paths(fmt):
        value, unit = cells.get(path), units.get(path[3:])
        if value is not None:
            cells[path] = value / 10000 if unit == "元" else value if unit == "万元" else None
            if unit not in ("元", "万元"):
                note = "；".join(filter(None, (note, f"{fmt.cell[path].name}未注明单位，未计入")))
    values, odd = pack(cells.get(p) for p in fmt.cell_paths)
    return values, odd, note


def _amount_paths(fmt: Format) -> tuple[str, ...]:
    paths = _AMOUNTS.get(fmt.id)
    if paths is None:                  # asked once per unit: computed once per format
        paths = _AMOUNTS[fmt.id] = tuple(p for p, s in fmt.cell.items() if s.kind is Kind.AMOUNT)
    return paths


_AMOUNTS: dict[str, tuple[str, ...]] = {}


def _other(fmt: Format) -> Format:
    return next(f for f in FORMATS.values() if f.id != fmt.id)


def _sum(fmt: Format, year: int, reducer: Reducer, order, rows, unit: str, unit_kind: str):
    """The summed report and, per cell, how many included units left it blank."""
    totals, n_blank, first_blank = reducer.totals()
    cells: dict[str, Value] = dict(zip(fmt.cell_paths, totals))
    notes: dict[str, str] = {}
    blanks: dict[str, int] = {}
    for j, path in enumerate(fmt.cell_paths):
        if n_blank[j]:
            blanks[path] = n_blank[j]
            notes[path] = _blank_note(n_blank[j], reducer.n, [rows[order[k]] for k in first_blank[j]])
    t1_units = {p[3:]: "万元" for p in _amount_paths(fmt) if cells.get(p) is not None}
    report = Report(format=fmt.id, year=year, unit=unit, unit_kind=unit_kind,
                    title=default_title(unit, year) if unit else "",
                    sections={}, cells=cells, t1_units=t1_units, notes=notes)
    return report, blanks


def _blank_note(nb: int, n: int, first: list[UnitRow]) -> str:
    if nb == n:
        return f"汇总的 {n} 个单位均为空白"
    more = "等" if nb > len(first) else ""
    return f"汇总含 {nb} 个单位的空白（按 0 计）：{'、'.join(r.unit or r.file for r in first)}{more}"


def _similar(reducer: Reducer, order, rows: list[UnitRow], store) -> list[Similar]:
    """内容雷同 between included units (一 and 五 separately) and identical 表一–表三."""
    out: list[Similar] = []
    for key, index in reducer.index.items():
        out += [Similar(key, p.a, p.b, p.shared, p.of_a, p.of_b) for p in index.pairs()]
    for group in reducer.identical(store.row):
        members = [order[k] for k in group]
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                out.append(Similar("data", a, b, len(FORMATS[rows[a].format].cell_paths), 1.0, 1.0))
    return out


def _roster(rows: list[UnitRow], roster: Iterable[str], year: int, summary: Summary) -> list[str]:
    """Mark which rows are on the roster; the roster units with no file of the year → 未报送 rows."""
    names = [n for n in dict.fromkeys(name.strip() for name in roster) if n]
    if not names:
        return []
    pool = {r.index: name_key(r.unit) for r in rows if r.status not in (UNREADABLE, OTHER_YEAR, SUMMARY_FILE)}
    matched: dict[int, str] = {}
    left = []
    for name in names:                              # exact names first
        key = name_key(name)
        hit = [i for i, k in pool.items() if k == key and i not in matched]
        for i in hit:
            matched[i] = name
        if not hit:
            left.append(name)
    missing = []
    for name in left:                               # then a unique partial name (朝晖街道 ↔ …朝晖街道办事处)
        key = name_key(name)
        hit = [i for i, k in pool.items() if i not in matched and k and (key in k or k in key)]
        if len(hit) == 1:
            matched[hit[0]] = name
        else:
            missing.append(name)
    for r in rows:
        if r.index in pool:
            r.on_roster = r.index in matched
            if not r.on_roster:
                r.note = "；".join(filter(None, (r.note, "不在报送名单中")))
    for name in missing:
        rows.append(UnitRow(len(rows), "", name, status=MISSING, note=f"名单中有此单位，未收到{year}年报告"))
    return missing


def summarize(records: Iterable[UnitRecord], year: int | None = None, include_other_years: bool = False,
              roster: Iterable[str] = (), unit: str = "", unit_kind: str = "other") -> Summary:
    builder = SummaryBuilder(year, include_other_years)
    for r in records:
        builder.add(r)
    return builder.build(roster, unit, unit_kind)


def describe(s: Similar, summary: Summary) -> str:
    """One line about a finding, e.g. 一、总体情况：A 与 B 有 92% 的句子相同."""
    a, b = summary.unit(s.a), summary.unit(s.b)
    who = f"“{a.unit or a.file}”与“{b.unit or b.file}”"
    if s.what == "data":
        return f"{WHAT['data']}：{who}完全相同"
    return f"{WHAT[s.what]}：{who}有 {round(100 * max(s.of_a, s.of_b))}% 的句子相同（内容雷同）"


__all__ = ["PASSED", "HAS_ERRORS", "UNREADABLE", "DUPLICATE", "OTHER_YEAR", "MISSING", "SUMMARY_FILE", "UNIT_COLUMNS",
           "UnitRow", "Similar", "Summary", "SummaryBuilder", "summarize", "choose_year", "name_key",
           "unit_cell", "describe"]
