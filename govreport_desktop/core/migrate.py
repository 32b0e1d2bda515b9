"""Explicit conversion between the 2019 and 2021 formats (format-2019.md §7 B and C).

Never applied silently: the UI offers it and applies the result as one undo step. Values that
have no place in the target format become notes on its cells, so nothing typed is lost, and
the converted report holds only keys of the target format.
"""

from __future__ import annotations

from .formats import FORMATS
from .formats.common import T2_COLS
from .report import Report
from .values import show

RECLASSIFY = "原“其他处理”为单行，请按1./2./3.重新分类"

# 2019 表一 cell → (2021 cell that receives it, how): "value" = prefilled as a suggestion,
# "note" = kept as a note on that cell.
T1_2019_TO_2021 = {
    "regulations.made": ("regulations.issued", "value"),
    "normative.made": ("normative.issued", "value"),
    "regulations.published": ("regulations.issued", "note"),
    "normative.published": ("normative.issued", "note"),
    "regulations.total": ("regulations.in_force", "note"),
    "normative.total": ("normative.in_force", "note"),
    "licensing.decisions": ("licensing.decisions", "value"),
    "penalty.decisions": ("penalty.decisions", "value"),
    "coercion.decisions": ("coercion.decisions", "value"),
    "licensing.prev_items": ("licensing.decisions", "note"),
    "licensing.change": ("licensing.decisions", "note"),
    "penalty.prev_items": ("penalty.decisions", "note"),
    "penalty.change": ("penalty.decisions", "note"),
    "coercion.prev_items": ("coercion.decisions", "note"),
    "coercion.change": ("coercion.decisions", "note"),
    "other_services.prev_items": ("licensing.decisions", "note"),
    "other_services.change": ("licensing.decisions", "note"),
    "other_services.decisions": ("licensing.decisions", "note"),
    "fees.prev_items": ("fees.amount", "note"),
    "fees.change": ("fees.amount", "note"),
    "procurement.items": ("fees.amount", "note"),
    "procurement.amount": ("fees.amount", "note"),
}

# 2021 表一 cell → 2019 cell (C: a 2019/2020 report typed in the 2021 layout).
T1_2021_TO_2019 = {
    "regulations.issued": ("regulations.made", "note"),
    "regulations.repealed": ("regulations.total", "note"),
    "regulations.in_force": ("regulations.total", "note"),
    "normative.issued": ("normative.made", "note"),
    "normative.repealed": ("normative.total", "note"),
    "normative.in_force": ("normative.total", "note"),
    "licensing.decisions": ("licensing.decisions", "value"),
    "penalty.decisions": ("penalty.decisions", "value"),
    "coercion.decisions": ("coercion.decisions", "value"),
    "fees.amount": ("fees.prev_items", "note"),
}


def _add_note(notes: dict[str, str], path: str, text: str) -> None:
    notes[path] = f"{notes[path]}；{text}" if notes.get(path) else text


def _label(fmt_id: str, t1_key: str) -> str:
    return FORMATS[fmt_id].cell_label(f"t1.{t1_key}")


def migrate(report: Report, to_format: str) -> Report:
    """A new report in `to_format` (the input is not changed)."""
    if to_format not in FORMATS:
        raise ValueError(to_format)
    src = report.copy()
    target = FORMATS[to_format]
    notes = dict(src.notes)
    cells = {p: v for p, v in src.cells.items() if p in target.cell}
    other = "2019" if to_format == "2021" else "2021"
    other_name = f"{other}年格式"

    # 表二 （六）其他处理
    if to_format == "2021":
        for col in T2_COLS:
            old = src.cells.get(f"t2.L6.{col.key}")
            if f"t2.L6.{col.key}" in src.cells and all(
                    src.cells.get(f"t2.L6_{i}.{col.key}") is None for i in (1, 2, 3)):
                path = f"t2.L6_3.{col.key}"
                cells[path] = old
                if old is not None:
                    _add_note(notes, path, RECLASSIFY)
                if notes.get(f"t2.L6.{col.key}"):
                    _add_note(notes, path, notes[f"t2.L6.{col.key}"])
    else:
        for col in T2_COLS:
            parts = [src.cells.get(f"t2.L6_{i}.{col.key}") for i in (1, 2, 3)]
            if src.cells.get(f"t2.L6.{col.key}") is None and any(v is not None for v in parts):
                cells[f"t2.L6.{col.key}"] = sum(v for v in parts if v is not None)

    # 表一, only when it is still in the other layout (a mixed report converts only old tables)
    mapping = T1_2019_TO_2021 if to_format == "2021" else T1_2021_TO_2019
    t1_old = src.format == other or any(
        p.startswith("t1.") and p not in target.cell for p in src.cells)
    for key, (dest, how) in mapping.items() if t1_old else ():
        path = f"t1.{key}"
        value = src.cells.get(path)
        if value is None:
            continue
        dest_path = f"t1.{dest}"
        label = _label(other, key)
        if dest == key:  # same key in both formats: kept, but the meaning may differ
            _add_note(notes, dest_path, f"由{other_name}“{label}”转入，请核对")
            continue
        if key == "procurement.amount" and src.t1_units.get("procurement.amount"):
            shown = f"{show(value)}{src.t1_units['procurement.amount']}"
        else:
            shown = show(value)
        if how == "value" and cells.get(dest_path) is None:
            cells[dest_path] = value
            _add_note(notes, dest_path, f"由{other_name}“{label}”({shown})转入，请核对")
        else:
            _add_note(notes, dest_path, f"{other_name}“{label}”为 {shown}")

    units = {k: v for k, v in src.t1_units.items() if f"t1.{k}" in target.cell}
    notes = {p: t for p, t in notes.items() if p in target.cell or not p.startswith("t")}
    return Report(format=to_format, year=src.year, unit=src.unit, unit_kind=src.unit_kind,
                  title=src.title, sections=dict(src.sections), cells=cells, t1_units=units,
                  notes=notes, explanations=dict(src.explanations))
