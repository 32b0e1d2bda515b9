"""Sheet ranges of an .xlsx, measured from its XML before any native parser allocates a grid.

python-calamine allocates the whole rectangle from A1 to the last cell it sees: one cell at
A1 and one at XFD1048576 make it ask for 2^34 cells and abort the process (no exception to
catch). So the declared `<dimension ref>`, every `<c r=…>` and `<row r=…>` of every sheet are
read here first, streaming and with the zip's own decompression caps, and an absurd range is
refused with a Chinese message. The scan also notes formula and error cells (`<f>`, t="e"),
which the values alone cannot show (for the import findings still to come).

Most parts — every one the application writes — are plain enough for `quick_scan`: a few
searches over the decompressed part bound the same figures at a fraction of the cost; a part
it cannot bound, or whose bound is beyond the limits, gets the exact scan, which decides.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from .errors import NotAReportError

# A report's sheet has some hundred rows and a few dozen columns. Beyond these bounds the label
# reader alone would need seconds (a cell in A1048576 made it loop over a million rows).
MAX_CELLS = 1_000_000      # the box from A1 to the last cell with a value, all sheets together
MAX_ROWS = 65_536
# calamine ignores <dimension> when it allocates, so a declared range is refused only beyond a
# whole .xls sheet (IV65536): converters from .xls declare that much on ordinary files.
MAX_DECLARED = 256 * 65_536
MAX_ROW = 1_048_576        # Excel's own limits: a reference beyond them is not a real cell
MAX_COL = 16_384
CHUNK = 1 << 20
TAIL = 64 * 1024           # the longest start tag carried over from one chunk to the next

# Start tags of rows, cells, formulas, values and the dimension, with any namespace prefix.
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c|v|is|f|dimension)(?=[\s/>])([^<>]*)>?")
_ATTR_R = re.compile(rb"""\sr\s*=\s*["']([^"']*)["']""")
_ATTR_REF = re.compile(rb"""\sref\s*=\s*["']([^"']*)["']""")
_ATTR_T = re.compile(rb"""\st\s*=\s*["']([^"']*)["']""")
_CELL = re.compile(rb"^\$?([A-Za-z]{1,7})\$?(\d{1,12})$")


@dataclass
class SheetScan:
    name: str                       # the sheet's name as the user sees it (or its part name)
    rows: int = 0                   # the box from A1 that a grid of this sheet needs
    cols: int = 0
    cells: int = 0
    declared: str = ""              # <dimension ref>, as written
    formulas: list[str] = field(default_factory=list)   # "B7", …
    errors: list[str] = field(default_factory=list)     # cells whose value is an error (#DIV/0!)
    error_values: dict[str, str] = field(default_factory=dict)   # "B7" → "#DIV/0!"


def col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def cell_ref(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _parse_ref(text: bytes) -> tuple[int, int] | None:
    m = _CELL.match(text.strip())
    if not m:
        return None
    return int(m.group(2)), col_number(m.group(1))


def workbook_sheets(zf: zipfile.ZipFile, parts: dict[str, bytes] | None = None) -> list[tuple[str, str, bool]]:
    """(part name, sheet name, hidden) of every sheet workbook.xml lists, in its order, resolved
    through the workbook's relationships (taken from `parts` when they are already decompressed
    there); only parts the package has."""
    names = set(zf.namelist())
    parts = parts or {}

    def member(name: str) -> bytes:
        return parts[name] if name in parts else zf.read(name) if name in names else b""
    try:
        book, rels = member("xl/workbook.xml"), member("xl/_rels/workbook.xml.rels")
    except Exception:   # zlib.error, BadZipFile …: the damage is reported when the sheets are read
        book = rels = b""
    targets = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", rels):
        rid = re.search(rb"""\bId\s*=\s*["']([^"']*)["']""", tag)
        target = re.search(rb"""\bTarget\s*=\s*["']([^"']*)["']""", tag)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1)] = normpath(t.lstrip("/") if t.startswith("/") else join("xl", t))
    out = []
    for tag in re.findall(rb"<(?:[\w.-]+:)?sheet\b[^>]*>", book):
        name = re.search(rb"""\bname\s*=\s*["']([^"']*)["']""", tag)
        rid = re.search(rb"""\b(?:[\w.-]+:)?id\s*=\s*["']([^"']*)["']""", tag)
        state = re.search(rb"""\bstate\s*=\s*["']([^"']*)["']""", tag)
        if name and rid and targets.get(rid.group(1)) in names:
            hidden = state is not None and state.group(1) != b"visible"
            out.append((targets[rid.group(1)], _unescape(name.group(1)), hidden))
    return out


def sheet_parts(zf: zipfile.ZipFile, parts: dict[str, bytes] | None = None) -> dict[str, str]:
    """Worksheet part name → sheet name (workbook_sheets); any other part under xl/worksheets/
    is scanned as well (a parser may find it by another route)."""
    out = {part: name for part, name, _hidden in workbook_sheets(zf, parts)}
    for part in zf.namelist():
        if dirname(part) == "xl/worksheets" and part.endswith(".xml"):
            out.setdefault(part, part.rsplit("/", 1)[-1])
    return out


_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|quot|apos|amp));")
_NAMED = {"lt": "<", "gt": ">", "quot": '"', "apos": "'", "amp": "&"}


def _unescape(raw: bytes) -> str:
    """An attribute's text: character references and the five named entities resolved."""
    def one(m: re.Match) -> str:
        if m.group(3):
            return _NAMED[m.group(3)]
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    return _REFERENCE.sub(one, raw.decode("utf-8", "replace"))


def scan_sheet(stream, name: str) -> SheetScan:
    """Rows, columns and cells a parser would allocate for one worksheet part (read in chunks).

    As in calamine, a cell counts when it has a value (`<v>` or an inline string); styled empty
    cells and empty rows do not. Cells without r= follow the previous one.
    """
    scan = SheetScan(name)
    row = col = 0
    pending = None           # (row, col) of the open <c> until its value or the next <c>
    last = None              # the last valued cell, for a formula that follows its value
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        data = carry + chunk
        if chunk:
            cut = data.rfind(b"<")
            if cut < 0 or len(data) - cut > TAIL:
                cut = len(data)
            data, carry = data[:cut], data[cut:]
        else:
            carry = b""
        for m in _TAG.finditer(data):
            tag, attrs = m.group(1), m.group(2)
            if tag == b"c":
                r = _ATTR_R.search(attrs)
                pos = _parse_ref(r.group(1)) if r else None
                row, col = pos if pos else (max(row, 1), col + 1)
                _check_position(scan, row, col)
                t = _ATTR_T.search(attrs)
                if t and t.group(1) == b"e":
                    scan.errors.append(cell_ref(row, col))
                pending = None if attrs.rstrip().endswith(b"/") else (row, col)
            elif tag in (b"v", b"is"):
                if pending and tag == b"v" and scan.errors and scan.errors[-1] == cell_ref(*pending):
                    end = data.find(b"<", m.end())
                    text = data[m.end():end if end >= 0 else len(data)][:16]
                    scan.error_values[scan.errors[-1]] = text.decode("ascii", "replace").strip()
                if pending:
                    _extend(scan, *pending)
                    last, pending = pending, None
            elif tag == b"f":
                cell = pending or last
                if cell and (not scan.formulas or scan.formulas[-1] != cell_ref(*cell)):
                    scan.formulas.append(cell_ref(*cell))
            elif tag == b"row":
                r = _ATTR_R.search(attrs)
                digits = r.group(1) if r else b""
                row = int(digits) if digits.isdigit() and len(digits) < 12 else row + 1
                col = 0
                _check_position(scan, row, 1)
            else:
                ref = _ATTR_REF.search(attrs)
                if ref:
                    scan.declared = ref.group(1).decode("ascii", "replace")[:40]
                    for part in ref.group(1).split(b":")[:2]:
                        pos = _parse_ref(part)
                        if pos:
                            _check_position(scan, *pos)
                            if pos[0] * pos[1] > MAX_DECLARED:
                                raise _Refused(scan, f"声明的单元格范围过大（{scan.declared}）")
        if not chunk:
            return scan


def _check_position(scan: SheetScan, row: int, col: int) -> None:
    if row > MAX_ROW or col > MAX_COL:
        raise _Refused(scan, f"单元格位置超出 Excel 的范围（{cell_ref(min(row, 10**9), min(col, 10**6))}）")


def _extend(scan: SheetScan, row: int, col: int) -> None:
    scan.cells += 1
    scan.rows, scan.cols = max(scan.rows, row), max(scan.cols, col)
    if scan.rows > MAX_ROWS:
        raise _Refused(scan, f"有内容的行数过多（第 {scan.rows:,} 行有内容）")
    if scan.rows * scan.cols > MAX_CELLS:
        raise _Refused(scan, f"单元格分布范围过大（A1:{cell_ref(scan.rows, scan.cols)}，"
                             f"约 {scan.rows * scan.cols:,} 个单元格）")


class _Refused(Exception):
    def __init__(self, scan: SheetScan, why: str):
        super().__init__(why)
        self.scan, self.why = scan, why


# Our own workbooks (and most others) give every cell and row its r=, in plain double quotes,
# with no formula and no error cell: then one findall over the part gives a bound on the box
# calamine will allocate (styled empty cells counted too, so it is never smaller), at a tenth
# of the tag-by-tag scan. Anything else — or a bound beyond the limits — takes the exact scan.
_QUICK_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_QUICK_ROW = re.compile(rb'<row r="([0-9]{1,7})"')
# Formulas, and any prefixed element (x:c …): each pattern starts with a literal, which keeps
# the search at memchr speed (one alternation of them was ten times slower).
_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED = re.compile(rb"<[\w.-]+:")
_ANY_CELL = re.compile(rb"<c[\s/>]")
_ANY_ROW = re.compile(rb"<row[\s/>]")
_DIMENSION = re.compile(rb"<dimension\b([^<>]*)>")


def quick_scan(xml: bytes, name: str) -> SheetScan | None:
    """An upper bound of `scan_sheet` for a plainly written part, or None (take the exact scan)."""
    if b'"e"' in xml or b"'e'" in xml or _FORMULA.search(xml) or _PREFIXED.search(xml):
        return None                      # an error cell (t="e") perhaps, a formula, a prefix
    cells = _QUICK_CELL.findall(xml)
    rows = _QUICK_ROW.findall(xml)
    if len(cells) != len(_ANY_CELL.findall(xml)) or len(rows) != len(_ANY_ROW.findall(xml)):
        return None                      # a cell or row without r= follows the previous one
    scan = SheetScan(name, cells=len(cells))
    if cells:
        scan.cols = max(col_number(c) for c in {c for c, _r in cells})
        scan.rows = max(int(r) for r in {r for _c, r in cells})
    last_row = max((int(r) for r in set(rows)), default=0)
    dims = [m for m in (_ATTR_REF.search(d) for d in _DIMENSION.findall(xml)) if m]
    corners = [_parse_ref(part) for ref in dims for part in ref.group(1).split(b":")[:2]]
    if (scan.rows > MAX_ROWS or scan.rows * scan.cols > MAX_CELLS or last_row > MAX_ROW
            or scan.cols > MAX_COL or any(c and (c[0] > MAX_ROW or c[1] > MAX_COL or c[0] * c[1] > MAX_DECLARED)
                                          for c in corners)):
        return None                      # let the exact scan decide and word the refusal
    if dims:
        scan.declared = dims[-1].group(1).decode("ascii", "replace")[:40]
    return scan


def scan_xlsx(data: bytes, zf: zipfile.ZipFile | None = None, parts: dict[str, bytes] | None = None,
              skip: frozenset[str] = frozenset()) -> list[SheetScan]:
    """Every worksheet's scan but those named in `skip` (the parser never loads them); raises
    _Refused for an absurd range (see check_ranges).

    `parts` may hold worksheet parts already decompressed (the container check reads them all
    once anyway); those get the quick scan first. Its bounds may add up beyond the limits where
    the exact figures do not: then every sheet is measured exactly before anything is refused."""
    zf = zf or zipfile.ZipFile(io.BytesIO(data))
    try:
        return _scan_parts(zf, parts or {}, skip)
    except _Refused:
        if not parts:
            raise
        return _scan_parts(zf, {}, skip)


def _scan_parts(zf: zipfile.ZipFile, parts: dict[str, bytes], skip: frozenset[str]) -> list[SheetScan]:
    out = []
    total = 0
    for part, name in sheet_parts(zf, parts).items():
        if name in skip:
            continue
        xml = parts.get(part)
        scan = quick_scan(xml, name) if xml is not None else None
        if scan is None:
            with zf.open(part) as f:
                scan = scan_sheet(f, name)
        total += scan.rows * scan.cols
        if total > MAX_CELLS or sum(s.cells for s in out) + scan.cells > MAX_CELLS:
            raise _Refused(scan, "各工作表的单元格合计过多")
        out.append(scan)
    return out


def check_ranges(data: bytes, name: str, zf: zipfile.ZipFile | None = None,
                 parts: dict[str, bytes] | None = None, skip: frozenset[str] = frozenset()) -> list[SheetScan]:
    """The container check's last step for .xlsx: refuse ranges no annual report has, before
    calamine sees them. Damage in the zip itself is left to the caller's mapping."""
    try:
        return scan_xlsx(data, zf, parts, skip)
    except _Refused as e:
        raise NotAReportError(f"“{name}”的工作表“{e.scan.name}”{e.why}，不像是年度报告，已停止读取。") from None
