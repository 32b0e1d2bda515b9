"""The official formats, one module each, and the registry of formats in use.

A new format year is one new module here, registered below. Everything derived from the set
of formats (ANY_CELL, foreign_cells, the rules a format runs, the equivalences that concern
it …) is recomputed when a format is registered or unregistered: functions that derive from
the registry are decorated with `derived`, whose cache `register`/`unregister` clear.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..schema import CellSpec, Equivalence, Format, Side
from . import f2019, f2021

FORMATS: dict[str, Format] = {}      # id → format, in the order offered to the user

# Every cell path of any format (readers accept the other format's keys: mixed reports); for a
# path several formats share, the most recent format's spec (its wording) wins. Updated in
# place, so a module that imported it sees formats registered later.
ANY_CELL: dict[str, CellSpec] = {}

_CLEARS: list[Callable[[], None]] = []


def derived(fn):
    """Cache a function of the registry (and of hashable arguments) until the next change of
    the registry. Callers must not mutate what it returns."""
    cached = lru_cache(maxsize=None)(fn)
    _CLEARS.append(cached.cache_clear)
    return cached


def on_change(clear: Callable[[], None]) -> None:
    """Call `clear` whenever a format is registered or unregistered (caches kept elsewhere)."""
    _CLEARS.append(clear)


def _changed() -> None:
    ANY_CELL.clear()
    for fmt in sorted(FORMATS.values(), key=lambda f: f.years.start):
        ANY_CELL.update(fmt.cell)
    for clear in _CLEARS:
        clear()


def register(fmt: Format) -> None:
    """Make a format available to reports, readers, rules and the UI."""
    if fmt.id in FORMATS:
        raise ValueError(f"format {fmt.id} is already registered")
    FORMATS[fmt.id] = fmt
    _changed()


def unregister(format_id: str) -> None:
    del FORMATS[format_id]
    _changed()


def latest() -> Format:
    """The format of the most recent years: what a new report uses by default."""
    return max(FORMATS.values(), key=lambda f: f.years.start)


def earliest_year() -> int:
    """The first statistical year any format applies to (earlier reports are out of scope)."""
    return min(f.years.start for f in FORMATS.values())


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]


def format_for_year(year: int) -> Format | None:
    """The format a report of this statistical year must use, or None before the first one.

    When ranges overlap (a new format supersedes an open-ended one), the most recent wins."""
    fitting = [f for f in FORMATS.values() if year in f.years]
    return max(fitting, key=lambda f: f.years.start) if fitting else None


@derived  # S01/S05 ask on every check (do not mutate the result)
def foreign_cells(format_id: str) -> dict[str, Format]:
    """Cell paths that exist only in another format → that format (mixed reports keep them)."""
    own = set(FORMATS[format_id].cell_paths)
    out: dict[str, Format] = {}
    for other in FORMATS.values():
        if other.id != format_id:
            for p in other.cell_paths:
                if p not in own:
                    out.setdefault(p, other)
    return out


@derived
def equivalences(format_id: str) -> tuple[tuple[Side, Side, Equivalence], ...]:
    """Every equivalence declared by any format that concerns this one, as (this format's
    side, the other side, the equivalence): the other side's cells are not this format's."""
    cell = FORMATS[format_id].cell
    seen = dict.fromkeys(eq for f in FORMATS.values() for eq in f.equivalences)
    out = []
    for eq in seen:
        sides = eq.oriented(cell)
        if sides is not None and not any(p in cell for p in sides[1].cells):
            out.append((*sides, eq))
    return tuple(out)


@derived
def anchors(table_key: str) -> tuple[str, ...]:
    """The labels an importer looks for to find a table, over every format (`Table.anchors`),
    the most recent format's first."""
    out: dict[str, None] = {}
    for fmt in sorted(FORMATS.values(), key=lambda f: -f.years.start):
        if table_key in fmt.table:
            out.update(dict.fromkeys(fmt.table[table_key].anchors))
    return tuple(out)


for _fmt in (f2021.FORMAT, f2019.FORMAT):
    register(_fmt)
del _fmt
