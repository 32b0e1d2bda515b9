"""汇总: many units' reports → one summed report, the unit table, trace-back and cross-unit findings.

The per-file step (io/summary_run.py) turns every file into a small `UnitRecord`; this module
reduces the records: it picks the year, leaves out files of other years and second copies of a
unit, maps units of the other format with `migrate()`, adds every cell exactly (blank counts as
0 and is recorded; money stays Decimal), and finds units whose 一 or 五 share more than 80 % of
their sentences or whose 表一–表三 are identical. No Qt, no files: a window shows `Summary.units`
in a table model and `Summary.trace()` beside a summed cell.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator

from .formats import FORMATS, format_for_year, latest
from .migrate import migrate
from .report import UNIT_KINDS, Report, default_title
from .schema import Format, Kind
from .similarity import SentenceIndex
from .summary_record import BLANK, ODD, SIMILAR_SECTIONS, UnitInfo, UnitRecord, pack
from .values import Value

PASSED, HAS_ERRORS, UNREADABLE, DUPLICATE, OTHER_YEAR, MISSING, SUMMARY_FILE = (
    "通过", "有错误", "无法读取", "重复单位", "年度不符", "未报送", "汇总文件")
WHAT = {"s1": "一、总体情况", "s5": "五、存在的主要问题及改进情况", "data": "表一至表三数据"}
BLANK_NAMES = 3        # units named in a summed cell's note about blanks


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
    report: Report                       # the summed report (texts left to the author)
    units: list[UnitRow]                 # every file, in order, then the roster units missing
    similar: list[Similar] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)     # roster units that sent nothing
    blanks: dict[str, int] = field(default_factory=dict)  # cell → included units that left it blank
    _rows: list = field(default_factory=list, repr=False)  # (UnitRow.index, values, odd) per included unit

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
        return [(self.units[i], None if v[j] == BLANK else odd[j] if v[j] == ODD else v[j])
                for i, v, odd in self._rows]

    def contributions(self) -> Iterator[tuple[UnitRow, list[Value]]]:
        """Every included unit with its values in the order of `fmt.cell_paths` (数据来源)."""
        for i, values, odd in self._rows:
            yield self.units[i], [None if v == BLANK else odd[j] if v == ODD else v
                                  for j, v in enumerate(values)]

    def count(self, status: str) -> int:
        return sum(1 for u in self.units if u.status == status)


def name_key(name: str) -> str:
    """A unit name as compared between files and with the roster (width, spaces ignored)."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def choose_year(records: Iterable[UnitRecord]) -> int | None:
    """The year most readable files report (the later one on a tie)."""
    years = Counter(r.year for r in records if r.ok and r.year is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


class SummaryBuilder:
    """Collects records as the files are read (in any order), then `build()` reduces them."""

    def __init__(self, year: int | None = None, include_other_years: bool = False):
        self.year = year
        self.include_other_years = include_other_years
        self.records: list[UnitRecord] = []

    def add(self, record: UnitRecord) -> None:
        self.records.append(record)

    def build(self, roster: Iterable[str] = (), unit: str = "", unit_kind: str = "other") -> Summary:
        records = sorted(self.records, key=lambda r: r.index)
        year = self.year or choose_year(records) or latest().years.start
        fmt = format_for_year(year) or latest()
        rows = [_row(i, r) for i, r in enumerate(records)]
        taken = self._select(records, rows, year, fmt)
        packed = []
        for i in taken:
            values, odd, note = _aligned(records[i], fmt)
            rows[i].included = True
            if note:
                rows[i].note = "；".join(filter(None, (rows[i].note, note)))
            packed.append((i, values, odd))
        report, blanks = _sum(fmt, year, packed, rows, unit, unit_kind)
        summary = Summary(report, rows, blanks=blanks, _rows=packed)
        summary.similar = _similar(records, packed)
        summary.missing = _roster(rows, roster, year, summary)
        return summary

    def _select(self, records, rows, year: int, fmt: Format) -> list[int]:
        """Statuses of every row; the indices whose values are summed."""
        candidates = []
        for i, (rec, row) in enumerate(zip(records, rows)):
            if not rec.ok:
                continue
            if rec.is_summary:
                row.status = SUMMARY_FILE
                row.note = "这是一份汇总工作簿（含“单位情况”“数据来源”），不作为单位计入"
                continue
            if rec.year != year and not self.include_other_years:
                row.status = OTHER_YEAR
                row.note = f"报告年度为{rec.year}年，汇总年度为{year}年，未计入汇总"
                continue
            candidates.append(i)
        by_unit: dict[str, list[int]] = {}
        for i in candidates:
            key = name_key(records[i].unit)
            if key:
                by_unit.setdefault(key, []).append(i)
        dropped = set()
        for group in by_unit.values():
            if len(group) > 1:
                dropped.update(_duplicates(records, rows, group))
        return [i for i in candidates if i not in dropped]


def _row(i: int, r: UnitRecord) -> UnitRow:
    if not r.ok:
        return UnitRow(i, r.file, status=UNREADABLE, note=r.reason)
    return UnitRow(i, r.file, r.unit, r.unit_kind, r.year, r.format, r.errors, r.warnings, r.infos,
                   status=HAS_ERRORS if r.errors else PASSED)


def _duplicates(records, rows, group: list[int]) -> list[int]:
    """The same unit in several files: keep the one with fewer errors, then the newer, then the
    later file; say so on every row of the group. Returns the rows left out."""
    order = sorted(group, key=lambda i: (records[i].errors, -records[i].mtime, -i))
    best, second = order[0], order[1]
    if records[best].errors != records[second].errors:
        why = "错误较少"
    elif records[best].mtime != records[second].mtime:
        why = "修改时间较晚"
    else:
        why = "文件顺序靠后"
    name = records[best].file
    others = "、".join(f"“{records[i].file}”" for i in order[1:])
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
    return tuple(p for p, s in fmt.cell.items() if s.kind is Kind.AMOUNT)


def _other(fmt: Format) -> Format:
    return next(f for f in FORMATS.values() if f.id != fmt.id)


def _sum(fmt: Format, year: int, packed, rows, unit: str, unit_kind: str):
    """The summed report and, per cell, how many included units left it blank."""
    paths = fmt.cell_paths
    cells: dict[str, Value] = {p: None for p in paths}
    notes: dict[str, str] = {}
    blanks: dict[str, int] = {}
    n = len(packed)
    arrays = [v for _i, v, _o in packed]
    for j in range(len(paths) if packed else 0):
        col = [v[j] for v in arrays]        # one column at a time: the units' values as ints
        nb, no = col.count(BLANK), col.count(ODD)
        total = sum(col) - BLANK * nb - ODD * no
        if no:
            total += sum((odd[j] for _i, v, odd in packed if v[j] == ODD), Decimal(0) if _money(fmt, j) else 0)
        if _money(fmt, j) and nb < n:
            total = Decimal(total)
        path = paths[j]
        cells[path] = None if nb == n else total
        if nb:
            blanks[path] = nb
            notes[path] = _blank_note(col, nb, n, packed, rows)
    t1_units = {p[3:]: "万元" for p in _amount_paths(fmt) if cells.get(p) is not None}
    report = Report(format=fmt.id, year=year, unit=unit, unit_kind=unit_kind,
                    title=default_title(unit, year) if unit else "",
                    sections={}, cells=cells, t1_units=t1_units, notes=notes)
    return report, blanks


def _money(fmt: Format, j: int) -> bool:
    return fmt.cell[fmt.cell_paths[j]].kind in (Kind.MONEY, Kind.AMOUNT)


def _blank_note(col, nb: int, n: int, packed, rows) -> str:
    if nb == n:
        return f"汇总的 {n} 个单位均为空白"
    first, start = [], 0
    while len(first) < min(nb, BLANK_NAMES):
        start = col.index(BLANK, start) + 1
        first.append(rows[packed[start - 1][0]].unit or rows[packed[start - 1][0]].file)
    more = "等" if nb > len(first) else ""
    return f"汇总含 {nb} 个单位的空白（按 0 计）：{'、'.join(first)}{more}"


def _similar(records, packed) -> list[Similar]:
    """内容雷同 between included units (一 and 五 separately) and identical 表一–表三."""
    out: list[Similar] = []
    for key in SIMILAR_SECTIONS:
        index = SentenceIndex()
        for i, _v, _o in packed:
            index.add(i, records[i].sentence_hashes(key))
        out += [Similar(key, p.a, p.b, p.shared, p.of_a, p.of_b) for p in index.pairs()]
    same: dict[tuple, list[int]] = {}
    for i, values, odd in packed:
        if any(v not in (0, BLANK, ODD) for v in values) or any(odd.values()):   # all 0: nothing to report
            same.setdefault((values.tobytes(), tuple(sorted(odd.items()))), []).append(i)
    for group in same.values():
        for k, a in enumerate(group):
            for b in group[k + 1:]:
                out.append(Similar("data", a, b, len(records[a].values), 1.0, 1.0))
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
