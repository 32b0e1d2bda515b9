"""One unit's contribution to a 汇总: the small record the per-file step hands to the reduce step.

A record holds what the summary needs and nothing else — identification, problem counts, the
cell values packed into an int64 array (8 bytes a cell; a blank is a sentinel), the hashes of
the sentences of 一 and 五 — so thousands of them fit in a few megabytes and cross a process
boundary cheaply. The report itself (texts, notes) is never kept.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .formats import FORMATS
from .report import Report
from .similarity import sentence_hashes
from .values import Value

BLANK = -(1 << 63)            # a blank cell in the packed array
ODD = BLANK + 1               # the value is in `odd` (money, a fraction, beyond int64)
_LOW, _HIGH = ODD + 1, (1 << 63) - 1
SIMILAR_SECTIONS = ("s1", "s5")   # the parts compared for 内容雷同 (rules.md Y04)


@dataclass(slots=True)       # thousands are held: no per-object __dict__
class UnitInfo:
    """What identifies a unit's file and its problem counts (records and the unit table)."""

    index: int                     # position of the file in the run (the unit table's order)
    file: str
    unit: str = ""
    unit_kind: str = ""
    year: int | None = None
    format: str = ""
    errors: int = 0
    warnings: int = 0
    infos: int = 0


@dataclass(slots=True)
class UnitRecord(UnitInfo):
    ok: bool = True
    reason: str = ""               # why the file could not be read (Chinese)
    is_summary: bool = False       # a 汇总 workbook itself (its units would be counted twice)
    mtime: float = 0.0             # modification time: one of the tie-breaks between duplicates
    values: array = field(default_factory=lambda: array("q"))   # the format's cell_paths, in order
    odd: dict[int, Value] = field(default_factory=dict)         # position → value not in int64
    foreign: dict[str, Value] = field(default_factory=dict)     # cells of the other format (mixed report)
    t1_units: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, bytes] = field(default_factory=dict)      # section → packed sentence hashes

    def cells(self) -> dict[str, Value]:
        """The cell values by path (the format's cells, then the other format's)."""
        out = dict(zip(FORMATS[self.format].cell_paths, unpack(self.values, self.odd)))
        out.update(self.foreign)
        return out

    def sentence_hashes(self, section: str) -> array:
        a = array("Q")
        a.frombytes(self.hashes.get(section, b""))
        return a


def pack(values) -> tuple[array, dict[int, Value]]:
    """Values as an int64 array; what does not fit (None aside) goes to the returned dict."""
    out = array("q")
    odd: dict[int, Value] = {}
    for i, v in enumerate(values):
        if v is None:
            out.append(BLANK)
        elif type(v) is int and _LOW <= v <= _HIGH:
            out.append(v)
        else:
            out.append(ODD)
            odd[i] = v
    return out, odd


def unpack(values: array, odd: dict[int, Value]) -> list[Value]:
    return [None if v == BLANK else odd[i] if v == ODD else v for i, v in enumerate(values)]


def record_of(index: int, file: str, report: Report, problems, mtime: float = 0.0) -> UnitRecord:
    """The record of a report that was read; `problems` are its findings and check() results."""
    fmt = report.fmt
    values, odd = pack(report.cells.get(p) for p in fmt.cell_paths)
    counts = {"error": 0, "warning": 0, "info": 0}
    for p in problems:
        counts[p.severity] += 1
    hashes = {}
    for key in SIMILAR_SECTIONS:
        hashes[key] = array("Q", sentence_hashes(report.sections.get(key), key)).tobytes()
    return UnitRecord(
        index=index, file=file, unit=report.unit, unit_kind=report.unit_kind, year=report.year,
        format=report.format, errors=counts["error"], warnings=counts["warning"], infos=counts["info"],
        mtime=mtime, values=values, odd=odd,
        foreign={p: report.cells[p] for p in report.foreign_paths()},
        t1_units=dict(report.t1_units), hashes=hashes)


def unreadable(index: int, file: str, reason: str) -> UnitRecord:
    return UnitRecord(index=index, file=file, ok=False, reason=reason)
