"""Explicit conversion between formats (format-2019.md §7 B and C), from the format data.

Never applied silently: the UI offers it and applies the result as one undo step. Cells of the
target format are kept; an equivalence between formats carries the other layout's rows into
the target's (2019 （六）其他处理 → 2021 3.其他, with a note to reclassify; the reverse sums
them); the target's `Conversion` from the source format carries 表一 values or notes. Values that
have no place in the target format become notes on its cells, so nothing typed is lost, and the
converted report holds only keys of the target format.
"""

from __future__ import annotations

from .formats import FORMATS, equivalences, format_for_year
from .formats.common import RECLASSIFY  # noqa: F401  (the note the UI and tests look for)
from .report import Report
from .schema import VALUE, Conversion, Format
from .values import show


def migration_target(report: Report) -> str | None:
    """The format the explicit 转换 offers for this report, or None when it is right as it is:
    the format it migrates to when its year asks for that one, or — when it keeps cells of
    another format (a mixed report) — the format it migrates to, else its own."""
    target = report.fmt.migrates_to
    expected = format_for_year(report.year)
    if target is not None and expected is not None and expected.id == target:
        return target
    if report.foreign_paths():
        return target or report.format
    return None


def _add_note(notes: dict[str, str], path: str, text: str) -> None:
    notes[path] = f"{notes[path]}；{text}" if notes.get(path) else text


def _equivalent_rows(src: Report, target: Format, cells: dict, notes: dict) -> None:
    """The other layout's side of each equivalence → the target's, when the target's is blank."""
    for own, other, _eq in equivalences(target.id):
        if not any(p in src.cells for p in other.cells) or any(src.cells.get(p) is not None for p in own.cells):
            continue
        values = [src.cells.get(p) for p in other.cells]
        if any(v is not None for v in values):
            cells[own.receiver] = sum(v for v in values if v is not None)
            if own.note:
                _add_note(notes, own.receiver, own.note)
        for p in other.cells:       # the transcriber's notes on the old rows follow the value
            if notes.get(p):
                _add_note(notes, own.receiver, notes[p])


def _old_layout(src: Report, target: Format, conv: Conversion) -> bool:
    """Whether the report still has the source layout of a conversion (its own format, or
    cells of the source that the target does not have: a mixed report)."""
    if src.format == conv.source:
        return True
    source = FORMATS[conv.source].cell
    return any(c.source in src.cells and c.source in source and c.source not in target.cell for c in conv.carries)


def _carry(src: Report, conv: Conversion, cells: dict, notes: dict) -> None:
    source = FORMATS[conv.source]
    source_name = source.short_name
    for carry in conv.carries:
        value = src.cells.get(carry.source)
        if value is None:
            continue
        label = source.cell_label(carry.source)
        if carry.target == carry.source:  # same key in both formats: kept, but the meaning may differ
            _add_note(notes, carry.target, f"由{source_name}“{label}”转入，请核对")
            continue
        unit = src.t1_units.get(carry.source.split(".", 1)[1])
        shown = f"{show(value)}{unit}" if unit else show(value)
        if carry.how == VALUE and cells.get(carry.target) is None:
            cells[carry.target] = value
            _add_note(notes, carry.target, f"由{source_name}“{label}”({shown})转入，请核对")
        else:
            _add_note(notes, carry.target, f"{source_name}“{label}”为 {shown}")


def migrate(report: Report, to_format: str) -> Report:
    """A new report in `to_format` (the input is not changed)."""
    if to_format not in FORMATS:
        raise ValueError(to_format)
    src = report.copy()
    target = FORMATS[to_format]
    notes = dict(src.notes)
    cells = {p: v for p, v in src.cells.items() if p in target.cell}
    _equivalent_rows(src, target, cells, notes)
    for conv in target.conversions:
        if conv.source in FORMATS and _old_layout(src, target, conv):
            _carry(src, conv, cells, notes)
    units = {k: v for k, v in src.t1_units.items() if f"t1.{k}" in target.cell}
    notes = {p: t for p, t in notes.items() if p in target.cell or not p.startswith("t")}
    return Report(format=to_format, year=src.year, unit=src.unit, unit_kind=src.unit_kind,
                  title=src.title, sections=dict(src.sections), cells=cells, t1_units=units,
                  notes=notes, explanations=dict(src.explanations), previous=src.previous)
