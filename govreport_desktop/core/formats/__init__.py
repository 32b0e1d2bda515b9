"""The official formats, one module each. A new format year is one new module here."""

from functools import lru_cache

from ..schema import CellSpec, Format
from . import f2019, f2021

FORMATS: dict[str, Format] = {f.id: f for f in (f2021.FORMAT, f2019.FORMAT)}

# Every cell path of any format (readers accept the other format's keys: mixed reports);
# for a path both formats share, the current format's spec (its wording) wins.
ANY_CELL: dict[str, CellSpec] = {**f2019.FORMAT.cell, **f2021.FORMAT.cell}


def latest() -> Format:
    """The format of the most recent years: what a new report uses by default."""
    return max(FORMATS.values(), key=lambda f: f.years.start)


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]


def format_for_year(year: int) -> Format | None:
    """The format a report of this statistical year must use, or None before 2019."""
    for fmt in FORMATS.values():
        if year in fmt.years:
            return fmt
    return None


@lru_cache(maxsize=None)  # formats are constant; S01/S05 ask on every check (do not mutate the result)
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
