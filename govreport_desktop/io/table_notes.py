"""注 under a table: how a publication names a cell in a note, and reading such notes back.

The exporters (io/export/publication.py) print the notes on a table's cells as
“注：行政复议·总计：另有1件撤回。”, numbered “注：1.…” / “2.…” when there are several; the cell
is named by its row and column as printed. The readers of Word, PDF and web pages
(io/document_grids.py) turn a 注 that names a cell this way back into that cell's note, so an
exported report reads back with its notes; any other 注 stays a notice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.formats import ANY_CELL, FORMATS
from ..core.schema import Format
from . import labels

NOTE = re.compile(r"^\s*注\s*[：:]\s*")
ITEM = re.compile(r"^\s*(\d{1,2})\s*[.．]\s*")
_NAMED = re.compile(r"([^：:]+)[：:](.*\S.*)", re.S)         # 名称：内容


def cell_name(fmt: Format, path: str) -> str:
    """How a 注 names a cell: row·column as printed (表二 rows with their applicant column)."""
    spec = fmt.cell.get(path) or ANY_CELL.get(path)
    if spec is None:
        return path
    owner = fmt if path in fmt.cell else next(f for f in FORMATS.values() if path in f.cell)
    table = owner.table[spec.table]
    return f"{table.row[spec.row].label}·{table.col[spec.col].name}"


def starts_note(text: str) -> bool:
    return bool(NOTE.match(text))


def continues_note(text: str, previous: str) -> bool:
    """“2.…” right after “注：1.…” (or after “2.…”): the next item of the same 注."""
    body = NOTE.sub("", previous, count=1)
    before, after = ITEM.match(body), ITEM.match(text)
    return bool(before and after and int(after.group(1)) == int(before.group(1)) + 1)


@lru_cache(maxsize=4)
def _names(format_id: str) -> dict[str, str]:
    """Normalised cell name → path: the format's own cells, then those of the other formats."""
    fmt = FORMATS[format_id]
    out = {labels.norm(cell_name(fmt, p)): p for p in ANY_CELL if p not in fmt.cell}
    out.update({labels.norm(cell_name(fmt, p)): p for p in fmt.cell})
    return out


def cell_notes(texts: list[str], fmt: Format) -> tuple[dict[str, str], list[str]]:
    """The notes (path → text) of the 注 items that name a cell, and the texts naming none."""
    names = _names(fmt.id)
    notes: dict[str, str] = {}
    other: list[str] = []
    for text in texts:
        item = ITEM.sub("", NOTE.sub("", text, count=1), count=1)
        m = _NAMED.match(item)
        path = names.get(labels.norm(m.group(1))) if m else None
        if path is None:
            other.append(text)
            continue
        # the export ends every note with 。: taken off again (a note is a remark, not a sentence)
        notes.setdefault(path, m.group(2).strip().removesuffix("。"))
    return notes, other
