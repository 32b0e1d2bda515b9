"""The grids of a workbook written the way this application writes it, straight from its XML.

For a 汇总 of thousands of our own workbooks, calamine and the range scan before it were more
than half of reading one (io/limits.py explains why the scan must come first). The parts our
writer produces are plain: every cell `<c r="B7" s="3" t="n|inlineStr">` with its value as
`<v>number</v>` or `<is><t>text</t></is>`, no shared strings, formulas, dates or prefixes. Such
a part is read here with one regular expression, giving exactly the grid calamine gives
(tests/test_xlsx_plain.py compares them on every fixture, generated reports and hostile texts).
Anything else — a cell of another shape, a custom number format, a sheet beyond the range
limits, a sheet not under xl/worksheets/ — returns None, and the caller reads the workbook
through the normal path (scan, calamine), which also words every refusal.
"""

from __future__ import annotations

import re
import zipfile
import zlib
import xml.etree.ElementTree as ET

from .grid import Grid
from .limits import MAX_CELLS, MAX_ROWS, col_number, workbook_sheets

_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="[0-9]{1,5}")?(?: t="(n|inlineStr)")?'
                   rb'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]+)</t></is>)?</c>)')
_ANY_CELL = re.compile(rb"<c[\s/>]")
# A formula, an error or a shared string inside a cell breaks the match of _CELL, and so the count;
# a cell with a prefix (<x:c …>) would not be counted at all: it is looked for on its own.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_NUMFMT = re.compile(rb'numFmtId="([0-9]+)"')
# Built-in number formats that show numbers as numbers (not dates or times): calamine gives
# floats for them, as here.
_PLAIN_FORMATS = frozenset({0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class NotPlain(Exception):
    """Not in the shape our writer produces: read through the normal path."""


def grids(zf: zipfile.ZipFile, parts: dict[str, bytes], skip: frozenset[str]) -> list[Grid] | None:
    """The grids calamine would give (sheets in `skip` left out), or None."""
    try:
        return _grids(zf, parts, skip)
    except (NotPlain, KeyError, ValueError, OverflowError, zipfile.BadZipFile, zlib.error):
        return None


def _grids(zf: zipfile.ZipFile, parts: dict[str, bytes], skip: frozenset[str]) -> list[Grid]:
    member = lambda name: parts[name] if name in parts else zf.read(name)
    if not re.search(rb'Target="/?xl/workbook\.xml"', member("_rels/.rels")):
        raise NotPlain("the workbook part is elsewhere")      # calamine would follow the package's own
    styles = member("xl/styles.xml") if "xl/styles.xml" in zf.NameToInfo else b""
    if any(int(n) not in _PLAIN_FORMATS for n in _NUMFMT.findall(styles)):
        raise NotPlain("number formats")
    listed = workbook_sheets(zf, parts)
    if len(listed) != len(re.findall(rb"<sheet\b", member("xl/workbook.xml"))):
        raise NotPlain("a sheet whose part is missing")        # calamine decides what that means
    sheets, texts, total = [], [], 0
    for part, name, hidden in listed:
        if name in skip:
            continue
        if not part.startswith("xl/worksheets/") or part not in parts:
            raise NotPlain("sheet part")
        placed, n_rows, n_cols = _cells(parts[part], texts)
        total += n_rows * n_cols
        if n_rows > MAX_ROWS or total > MAX_CELLS:
            raise NotPlain("size")
        sheets.append((name, hidden, placed, n_rows, n_cols))
    decoded = _decode(texts)
    out = []
    for name, hidden, placed, n_rows, n_cols in sheets:
        rows = [[""] * n_cols for _ in range(n_rows)]
        for r, c, v in placed:
            rows[r][c] = decoded[v] if type(v) is int else v
        out.append(Grid(name, rows, hidden, kind="工作表"))
    return out


def _cells(xml: bytes, texts: list[bytes]) -> tuple[list[tuple[int, int, object]], int, int]:
    """(row, col, value) of every cell with a value — a float, or the index of its raw text in
    `texts` — and the grid's size."""
    if b"_x" in xml or b"\r" in xml or _PREFIXED_CELL.search(xml):
        raise NotPlain("markup")                       # Excel's _x000D_ escapes, CR, prefixes
    cells = _CELL.findall(xml)
    if len(cells) != len(_ANY_CELL.findall(xml)):
        raise NotPlain("a cell of another shape")
    placed = []
    n_rows = n_cols = 0
    columns: dict[bytes, int] = {}
    for letters, digits, kind, number, text in cells:
        if text:
            value = len(texts)
            texts.append(text)
        elif number and kind != b"inlineStr":
            value = float(number)
        else:
            continue                                   # no value: not part of the grid
        col = columns.get(letters) or columns.setdefault(letters, col_number(letters))
        row = int(digits)
        placed.append((row - 1, col - 1, value))
        if row > n_rows:
            n_rows = row
        if col > n_cols:
            n_cols = col
    return placed, n_rows, n_cols


def _decode(texts: list[bytes]) -> list[str]:
    """The raw texts of every cell, unescaped by the XML parser in one go (our writer spells
    each CJK character as &#NNNNN;: resolving them one by one in Python cost more than
    calamine). The texts hold no markup ([^<]+), so they are parsed as one small document."""
    if not texts:
        return []
    try:
        root = ET.fromstring(b"<a><t>" + b"</t><t>".join(texts) + b"</t></a>")
    except ET.ParseError:                              # a reference XML does not allow
        raise NotPlain("text") from None
    out = [t.text or "" for t in root]
    if len(out) != len(texts) or _CONTROL.search("".join(out)):
        raise NotPlain("control character")
    return out
