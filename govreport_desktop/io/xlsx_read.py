"""Reading workbooks: our own exactly, other units' by their labels (.xlsx and .xls).

Every file is checked before any parser sees it (size, zip members, compression ratio, the
real file type behind the suffix). Cell values come from python-calamine, which reads both
.xlsx and .xls and is much faster than openpyxl (see benchmarks/bench_xlsx.py); openpyxl is a
second backend for the same grids.

Our own workbook carries the exact report as JSON in a hidden sheet; the visible tables are
read as well and win where someone changed them in Excel. Any other workbook is read by its
labels: each table is found wherever it starts, rows and columns are matched by label
(io/labels.py), merged cells are followed because only their top-left cell holds the text.
What the reader had to interpret becomes an import finding (S03, S04, S05, V03).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..core.formats import ANY_CELL, FORMATS, foreign_cells, format_for_year
from ..core.report import SECTION_KEYS, UNIT_KINDS, Report
from ..core.rules import ERROR, WARNING, Problem
from ..core.schema import Kind
from ..core.values import MAX_DIGITS, Value, extract_number, format_value
from . import jsondoc, labels
from .errors import GovReportIOError, NotAReportError, ReadError, read_bytes
from .files import Loaded
from .xlsx_write import FOREIGN_MARK, ILLEGAL, MARK, META_SHEET, NOTES_SHEET

# ---------------------------------------------------------------- limits (untrusted files)

MAX_FILE = 64 * 1024 * 1024          # a real annual report workbook is well under 1 MB
MAX_MEMBERS = 5000
MAX_MEMBER = 128 * 1024 * 1024       # uncompressed size of one part
MAX_TOTAL = 256 * 1024 * 1024        # uncompressed size of all parts
MAX_RATIO = 250                      # beyond this a part is a compression bomb, not a sheet
MAX_CELLS = 2_000_000

KINDS: dict[str, Kind] = {p: s.kind for p, s in ANY_CELL.items()}
NAMES: dict[str, str] = {p: s.name for p, s in ANY_CELL.items()}

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Sheets a 汇总 workbook adds after the summed report (io/summary_write.py): the unit table,
# the trace-back, the 内容雷同 pairs. They are not part of any report and can be large.
APPENDIX_SHEETS = ("单位情况", "数据来源", "内容雷同")
_LIMIT = 10 ** MAX_DIGITS            # the report core's range for any cell (values.py)


# ---------------------------------------------------------------- grids

@dataclass
class Grid:
    """One sheet as a rectangle of plain values (str, int, float, bool, dates or None)."""

    name: str
    rows: list[list]
    hidden: bool = False
    origin: tuple[int, int] = (0, 0)       # sheet row/column of rows[0][0], for messages

    def at(self, r: int, c: int):
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                v = row[c]
                return None if v == "" else v
        return None

    def text(self, r: int, c: int) -> str:
        v = self.at(r, c)
        return v if isinstance(v, str) else ""

    def where(self, r: int) -> str:
        return f"第 {r + self.origin[0] + 1} 行"


def grids_calamine(data: bytes) -> list[Grid]:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    out = []
    total = 0
    for meta in wb.sheets_metadata:
        if str(meta.typ).split(".")[-1] != "WorkSheet" or meta.name in APPENDIX_SHEETS:
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        total += sheet.height * sheet.width
        if total > MAX_CELLS:
            raise NotAReportError("工作簿的单元格数量过多，不像是年度报告，已停止读取。")
        rows = sheet.to_python(skip_empty_area=False)
        hidden = str(meta.visible).split(".")[-1] != "Visible"
        out.append(Grid(meta.name, rows, hidden))
    return out


def grids_openpyxl(data: bytes) -> list[Grid]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = []
    try:
        for ws in wb.worksheets:
            if ws.title in APPENDIX_SHEETS:
                continue
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            out.append(Grid(ws.title, rows, ws.sheet_state != "visible"))
    finally:
        wb.close()
    return out


# ---------------------------------------------------------------- safety

def check_container(data: bytes, name: str) -> str:
    """'xlsx' or 'xls' after checking the bytes; raises a ReadError for anything unsafe or foreign."""
    if len(data) > MAX_FILE:
        raise ReadError(f"“{name}”过大（{len(data) // (1024 * 1024)} MB），不像是年度报告工作簿，未打开。")
    if not data:
        raise NotAReportError(f"“{name}”是空文件。")
    if data.startswith(OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise NotAReportError(f"“{name}”设有打开密码。请在 Excel 或 WPS 中取消密码后另存，再打开。")
        return "xls"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        _check_zip(data, name)
        return "xlsx"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<html" in head or b"<table" in head:
        raise NotAReportError(f"“{name}”实际是网页（HTML）文件，不是 Excel 工作簿。"
                              "请在 Excel 或 WPS 中打开后“另存为” .xlsx 文件，再导入。")
    raise NotAReportError(f"“{name}”不是 Excel 工作簿（文件内容无法识别），可能已损坏或扩展名有误。")


def _check_zip(data: bytes, name: str) -> None:
    corrupt = f"“{name}”已损坏或不完整，无法作为 Excel 工作簿打开。"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise NotAReportError(corrupt) from None
    bomb = f"“{name}”的压缩内容异常（解压后过大），可能是恶意文件，已拒绝打开。"
    if len(infos) > MAX_MEMBERS:
        raise NotAReportError(bomb)
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > MAX_MEMBER or declared > MAX_TOTAL:
            raise NotAReportError(bomb)
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise NotAReportError(bomb)
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        raise NotAReportError(f"“{name}”是压缩文件，但不是 Excel 工作簿。")
    # Declared sizes can lie: decompress with a cap so that a lying part cannot blow up memory.
    total = 0
    try:
        for info in infos:
            with zf.open(info) as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > MAX_TOTAL:
                        raise NotAReportError(bomb)
    except NotAReportError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise NotAReportError(corrupt) from None


def load_grids(path: Path, backend: str = "calamine") -> list[Grid]:
    return grids_from_bytes(read_bytes(path), path.name, backend)


def grids_from_bytes(data: bytes, name: str, backend: str = "calamine") -> list[Grid]:
    kind = check_container(data, name)
    try:
        if backend == "openpyxl" and kind == "xlsx":
            return grids_openpyxl(data)
        return grids_calamine(data)
    except GovReportIOError:
        raise
    except Exception as e:  # parser errors of broken files: a message, never a traceback
        text = str(e).lower()
        if "password" in text or "encrypt" in text:
            raise NotAReportError(f"“{name}”设有密码，请取消密码后另存再打开。") from None
        raise NotAReportError(f"“{name}”已损坏或格式不受支持，无法读取（{type(e).__name__}）。") from None


# ---------------------------------------------------------------- values

def read_value(raw, path: str) -> tuple[Value, str | None]:
    """A cell value as the report holds it, and the original text when it held more (V03)."""
    kind = KINDS[path]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, bool) or isinstance(raw, (_dt.date, _dt.time, _dt.timedelta)):
        raw = str(raw)
    if isinstance(raw, (int, float)) and not (abs(raw) < _LIMIT):
        return None, str(raw)        # NaN, infinity or too large to be a count: V03, blank
    if isinstance(raw, int):
        return (raw if kind in (Kind.COUNT, Kind.SIGNED) else Decimal(raw)), None
    if isinstance(raw, float):
        if kind in (Kind.COUNT, Kind.SIGNED) and raw.is_integer():
            return int(raw), None
        d = Decimal(repr(raw))
        if kind in (Kind.MONEY, Kind.AMOUNT) and d == d.to_integral_value():
            d = d.quantize(Decimal(1))
        return d, None
    return extract_number(str(raw), kind)


def v03(path: str, original: str, value: Value) -> Problem:
    where = NAMES.get(path, path)
    if value is None:
        msg = f"{where}原为“{original}”：无数值，按空白读入"
    else:
        msg = f"{where}原为“{original}”：已取数值 {format_value(value)}，文字移入备注"
    return Problem(f"V03@{path}", "V03", WARNING, msg, (path,))


def same(a: Value, b: Value) -> bool:
    """Equal as a spreadsheet shows them (a workbook keeps numbers as binary doubles)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return float(a) == float(b)
    except (OverflowError, ValueError):
        return a == b


def _has_value(v) -> bool:
    if v is None:
        return False
    if isinstance(v, str):
        return bool(re.search(r"\d", v)) or v.strip() in ("/", "-", "—", "无", "－")
    return True


# ---------------------------------------------------------------- the visible reader

@dataclass
class Seen:
    """What the label reader found in the visible sheets."""

    cells: dict[str, Value] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    t1_units: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    v03: dict[str, Problem] = field(default_factory=dict)
    labels: list = field(default_factory=list)    # (table, key, raw text, official label), for S04
    extra: dict[str, list[str]] = field(default_factory=dict)   # table → labels of extra rows
    extra_text: dict[str, list[str]] = field(default_factory=dict)  # section → paragraphs
    found: dict[str, str] = field(default_factory=dict)         # table → where it was found
    sections: dict[str, list[str]] = field(default_factory=dict)
    headings: list = field(default_factory=list)  # (key, raw) of variant headings (S03)
    preamble: list[str] = field(default_factory=list)
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    section_sheets: dict[str, str] = field(default_factory=dict)

    def put(self, path: str, raw) -> None:
        if path in self.cells:
            return                              # first occurrence wins
        value, note = read_value(raw, path)
        self.cells[path] = value
        if note is not None:
            self.notes[path] = note
            self.v03[path] = v03(path, note, value)
            if path == "t1.procurement.amount":
                if "万元" in note:
                    self.t1_units["procurement.amount"] = "万元"
                elif "元" in note:
                    self.t1_units["procurement.amount"] = "元"


class VisibleReader:
    def __init__(self, grids: list[Grid]):
        self.grids = [g for g in grids if not g.hidden and g.name != META_SHEET]
        self.notes_grid = next((g for g in self.grids if g.name == NOTES_SHEET), None)
        self.grids = [g for g in self.grids if g.name != NOTES_SHEET]
        self.seen = Seen()
        self.claimed: dict[int, set[int]] = {}     # grid index → rows belonging to tables
        self.barriers: dict[int, set[int]] = {}    # grid index → rows where a structure starts
        self.index()

    # -------------------------------------------------------- index

    def index(self) -> None:
        self.row_norms: list[list[list[tuple[int, str, str]]]] = []
        r1 = labels.norm(FORMATS["2021"].table["t2"].row["R1"].label)
        note = labels.norm(labels.t2_note())
        for gi, g in enumerate(self.grids):
            per_row = []
            bars = set()
            for r, row in enumerate(g.rows):
                # Labels and headings are short; a long paragraph is never one of them.
                cells = [(c, v, labels.norm(v) if len(v) <= 100 else "\u2026")
                         for c, v in enumerate(row) if isinstance(v, str) and v.strip()]
                per_row.append(cells)
                for _c, _v, n in cells:
                    if (labels.is_block_title(n) or n in (r1, note, "申请人情况", "行政复议")
                            or n.startswith(FOREIGN_MARK) or labels.match_heading(n)):
                        bars.add(r)
            self.row_norms.append(per_row)
            self.barriers[gi] = bars

    def find(self, wanted: str, grids=None) -> list[tuple[int, int, int]]:
        out = []
        for gi, per_row in enumerate(self.row_norms):
            if grids is not None and gi not in grids:
                continue
            for r, cells in enumerate(per_row):
                for c, _v, n in cells:
                    if n == wanted:
                        out.append((gi, r, c))
        return out

    def next_barrier(self, gi: int, after: int) -> int:
        later = [b for b in self.barriers[gi] if b > after]
        return min(later) if later else len(self.grids[gi].rows)

    def claim(self, gi: int, rows) -> None:
        self.claimed.setdefault(gi, set()).update(rows)

    # -------------------------------------------------------- run

    def read(self) -> Seen:
        self.read_t1()
        self.read_t2()
        self.read_t3()
        self.read_texts()
        self.read_notes_sheet()
        return self.seen

    # -------------------------------------------------------- 表一

    def read_t1(self) -> None:
        titles = [(gi, r, c) for gi, per_row in enumerate(self.row_norms) for r, cells in enumerate(per_row)
                  for c, _v, n in cells if labels.is_block_title(n)]
        if not titles:
            return
        gi0 = titles[0][0]
        titles = [t for t in titles if t[0] == gi0]
        g = self.grids[gi0]
        items, fields, _titles = labels.t1_labels()
        item_labels = tuple(label for ls in items.values() for label in ls)
        item_key = {label: key for key, ls in items.items() for label in ls}
        field_labels = tuple(label for ls in fields.values() for label in ls)
        field_key = {label: key for key, ls in fields.items() for label in ls}
        first = last = None             # rows of the blocks actually read (a line of text
        for gi, r, c in titles:         # that merely reads “第二十条第（一）项” is not one)
            end = self.next_barrier(gi, r)
            # header row: the first non-empty row after the title
            h = r + 1
            while h < end and not self.row_norms[gi][h]:
                h += 1
            if h >= end:
                continue
            cols: dict[int, str] = {}
            item_col = c
            for col, raw, n in self.row_norms[gi][h]:
                if n == "信息内容":
                    item_col = col
                    continue
                m = labels.match_label(raw, field_labels)
                if m:
                    cols[col] = field_key[m.canonical]
                    self.seen.labels.append(("t1f", cols[col], raw, m.canonical))
            if not cols:
                continue
            first = r if first is None else first
            last = h if last is None else max(last, h)
            fcols = sorted(cols)
            for rr in range(h + 1, end):
                cells = [x for x in self.row_norms[gi][rr] if x[0] < fcols[0]]
                label_raw = next((raw for col, raw, _n in cells), "")
                values = [g.at(rr, col) for col in fcols]
                if not label_raw and not any(_has_value(v) for v in values):
                    continue
                m = labels.match_label(label_raw, item_labels) if label_raw else None
                if not m:
                    if any(_has_value(v) for v in values) and not labels.norm(label_raw).startswith("注"):
                        self.extra("t1", "s2", label_raw or g.where(rr),
                                   [(fields[cols[col]][0], v) for col, v in zip(fcols, values)])
                    continue
                item = item_key[m.canonical]
                for col, v in zip(fcols, values):
                    path = f"t1.{item}.{cols[col]}"
                    if path in KINDS:
                        self.seen.put(path, v)
                        self.seen.labels.append(("t1i", path, label_raw, m.canonical))
                    elif _has_value(v):
                        self.extra("t1", "s2", f"{m.canonical}·{fields[cols[col]][0]}", [("", v)])
                last = max(last, rr)
        if first is None:
            return
        self.claim(gi0, range(first, last + 1))
        self.seen.found["t1"] = f"工作表“{g.name}”{g.where(first)}至{g.where(last)}"

    def extra(self, table: str, section: str, label: str, pairs) -> None:
        self.seen.extra.setdefault(table, []).append(label)
        text = "，".join(f"{name} {format_value(v) if not isinstance(v, str) else v}".strip()
                        for name, v in pairs if v is not None)
        name = FORMATS["2021"].table[table].name
        self.seen.extra_text.setdefault(section, []).append(f"{name}原有栏目“{label}”：{text}")

    # -------------------------------------------------------- 表二

    def read_t2(self) -> None:
        t2_rows = labels.t2_row_labels()
        r1 = labels.norm(FORMATS["2021"].table["t2"].row["R1"].label)
        hits = self.find(r1)
        if not hits:
            # R1 itself may be a variant; fall back to the printed note.
            hits = [(gi, r + 3, c) for gi, r, c in self.find(labels.norm(labels.t2_note()))]
            if not hits:
                return
        col_labels = labels.t2_col_labels()

        def headers(gi: int, top: int, c0: int):
            """Column labels in the rows above 一、本年新收…: {key: (col, raw, official)}."""
            found = {}
            for r in range(max(0, top - 8), top):
                for col, raw, n in self.row_norms[gi][r]:
                    if col <= c0:
                        continue
                    m = labels.match_label(raw, tuple(lb for _k, lb in col_labels))
                    if m:
                        found[next(k for k, lb in col_labels if lb == m.canonical)] = (col, raw, m.canonical)
            return found

        # The table is where the label has column headers above it, not a line of text that
        # happens to read “一、本年新收政府信息公开申请数量”.
        scored = [(len(headers(gi, top, c0)) >= 3, -i, (gi, top, c0)) for i, (gi, top, c0) in enumerate(hits)]
        gi, top, c0 = max(scored)[2]
        g = self.grids[gi]
        start = max(0, top - 8)
        colmap: dict[str, int] = {}
        for key, (col, raw, official) in headers(gi, top, c0).items():
            colmap[key] = col
            self.seen.labels.append(("t2c", key, raw, official))
        keys = [k for k, _lb in col_labels]
        if len(colmap) < len(keys):
            # infer the missing ones from the official order (merged or garbled headers)
            if colmap:
                k0, c_0 = next(iter(colmap.items()))
                base = c_0 - keys.index(k0)
            else:
                base = c0 + 3
            for i, k in enumerate(keys):
                colmap.setdefault(k, base + i)
        first_data = min(colmap.values())
        header_top = top
        for r in range(start, top):
            if any(col >= first_data for col, _raw, n in self.row_norms[gi][r]
                   if n in ("申请人情况", "自然人")) or any(
                   n == labels.norm(labels.t2_note()) for _c, _raw, n in self.row_norms[gi][r]):
                header_top = min(header_top, r)
        end = len(g.rows)
        for b in sorted(self.barriers[gi]):
            if b > top and not self._is_foreign_mark(gi, b):
                end = b
                break
        last = top
        groups = labels.t2_group_labels()
        for r in range(top, end):
            cells = [x for x in self.row_norms[gi][r] if x[0] < first_data]
            values = {k: g.at(r, col) for k, col in colmap.items()}
            key = self._t2_row(gi, r, first_data, t2_rows)
            if key is None:
                if any(_has_value(v) for v in values.values()):
                    raw = "".join(raw for _c, raw, n in cells if n not in groups)
                    if labels.norm(raw).startswith("注"):
                        continue
                    self.extra("t2", "s3", raw or g.where(r), [(k if k != "CT" else "总计", v)
                                                                for k, v in values.items()])
                    last = r
                continue
            rkey, raw, canonical = key
            self.seen.labels.append(("t2r", rkey, raw, canonical))
            for ckey, v in values.items():
                self.seen.put(f"t2.{rkey}.{ckey}", v)
            last = r
        self.claim(gi, range(header_top, last + 1))
        self.seen.found["t2"] = f"工作表“{g.name}”{g.where(header_top)}至{g.where(last)}"

    def _is_foreign_mark(self, gi: int, r: int) -> bool:
        return any(n.startswith(FOREIGN_MARK) for _c, _raw, n in self.row_norms[gi][r])

    def _t2_row(self, gi: int, r: int, first_data: int, t2_rows) -> tuple[str, str, str] | None:
        """(row key, raw label, official label) of a 表二 row, from its label cells.

        （六）其他处理 heads the three rows of 2021 and is the single row of 2019: a more
        specific label to its right (1./2./3.) wins, so it is L6 only when alone.
        """
        cands = tuple(label for _k, label in t2_rows.values())
        found = []
        for col, raw, _n in self.row_norms[gi][r]:
            if col >= first_data:
                break
            m = labels.match_label(raw, cands)
            if m:
                found.append((t2_rows[labels.norm(m.canonical)][0], raw, m.canonical))
        specific = [f for f in found if f[0] != "L6"]
        return specific[-1] if specific else (found[-1] if found else None)

    # -------------------------------------------------------- 表三

    def read_t3(self) -> None:
        groups, fields = labels.t3_labels()
        for gi, r_ld, _c in self.find(labels.norm(groups[1][1])):    # 未经复议直接起诉
            if self._read_t3_at(gi, r_ld, groups, fields):
                return

    def _read_t3_at(self, gi: int, r_ld: int, groups, fields) -> bool:
        g = self.grids[gi]
        gcols: dict[str, int] = {}
        rows_used = [r_ld]
        for r in range(max(0, r_ld - 2), r_ld + 1):
            for col, raw, n in self.row_norms[gi][r]:
                for key, label in groups:
                    if n == labels.norm(label) and key not in gcols:
                        gcols[key] = col
                        rows_used.append(r)
        fmap: dict[int, str] = {}
        seen_labels = []
        field_labels = tuple(lb for _k, lb in fields)
        top = min(rows_used)
        last_header = r_ld
        for r in range(top, min(r_ld + 4, len(g.rows))):
            for col, raw, n in self.row_norms[gi][r]:
                m = labels.match_label(raw, field_labels)
                if m:
                    fmap[col] = next(k for k, lb in fields if lb == m.canonical)
                    last_header = max(last_header, r)
                    seen_labels.append(("t3f", fmap[col], raw, m.canonical))
        if len(fmap) < 5:
            return False                 # a line of text, not the header of 表三
        self.seen.labels.extend(seen_labels)
        gcols.setdefault("RV", min(fmap))
        order = sorted(gcols.items(), key=lambda kv: kv[1])
        data_row = last_header + 1
        for r in range(last_header + 1, min(last_header + 5, len(g.rows))):
            if any(_has_value(g.at(r, col)) for col in fmap):
                data_row = r
                break
        for col, fkey in fmap.items():
            group = None
            for gkey, gcol in order:
                if gcol <= col:
                    group = gkey
            if group is None:
                continue
            self.seen.put(f"t3.{group}.{fkey}", g.at(data_row, col))
        self.claim(gi, range(top, data_row + 1))
        self.seen.found["t3"] = f"工作表“{g.name}”{g.where(top)}至{g.where(data_row)}"
        return True

    # -------------------------------------------------------- texts

    def read_texts(self) -> None:
        seen = self.seen
        current = None
        by_heading = {labels.norm(s.heading): s.key for s in FORMATS["2021"].sections}
        for gi, g in enumerate(self.grids):
            claimed = self.claimed.get(gi, set())
            after_table = in_foreign = False
            # A sheet named after a part holds that part only: a line of its text that looks
            # like another heading is text, not a new part.
            locked = by_heading.get(labels.norm(g.name))
            if locked in seen.sections:
                locked = None
            for r, cells in enumerate(self.row_norms[gi]):
                if r in claimed:
                    after_table = True
                    continue
                if cells and any(n.startswith(FOREIGN_MARK) for _c, _raw, n in cells):
                    in_foreign = True           # the other format's cells, listed below a table
                    continue
                raw = "".join(raw for _c, raw, _n in cells)
                if in_foreign and not (cells and labels.match_heading(raw)):
                    continue
                in_foreign = False
                if after_table and (not cells or labels.norm(raw).startswith("注")):
                    continue                     # the table's own note or spacing
                after_table = False
                heading = labels.match_heading(raw) if cells else None
                if heading and locked and (heading[0] != locked or current == locked):
                    heading = None
                if heading:
                    key, exact = heading
                    if key not in seen.sections:
                        current = key
                        seen.sections[key] = []
                        seen.section_sheets[key] = g.name
                        if not exact:
                            seen.headings.append((key, raw.strip()))
                        continue
                if not cells:
                    if current:
                        seen.sections[current].append("")
                    continue
                if current is None:
                    n = labels.norm(raw)
                    meta = re.match(r"^(单位类型|单位|年度|格式):(.*)$", n)
                    if meta:
                        seen.meta[meta.group(1)] = raw.split("：", 1)[-1].split(":", 1)[-1].strip()
                    elif not seen.title and "政府信息公开" in n and "报告" in n and len(n) < 80:
                        seen.title = raw.strip()
                    else:
                        seen.preamble.append(raw)
                    continue
                seen.sections[current].append(raw)

    def read_notes_sheet(self) -> None:
        g = self.notes_grid
        if g is None:
            return
        for r in range(len(g.rows)):
            kind, key, text = g.text(r, 0), g.text(r, 1), g.text(r, 2)
            if kind.startswith("备注：") and key in KINDS:
                self.seen.notes.setdefault(key, text)
            elif kind.startswith("单位：") and key.startswith("t1.") and key in KINDS:
                self.seen.t1_units.setdefault(key[3:], text)
            elif kind.startswith("说明：") and key:
                self.seen.explanations.setdefault(key, text)


# ---------------------------------------------------------------- assembling a report

def _join(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs).strip("\n")


def _squash(text: str) -> str:
    return re.sub(r"\s", "", ILLEGAL.sub("", text or ""))


def _year(seen: Seen) -> int | None:
    for text in (seen.meta.get("年度", ""), seen.title, *seen.preamble[:3]):
        m = re.search(r"((?:19|20)\d{2})\s*年", text or "")
        if m:
            return int(m.group(1))
    return None


def _unit(seen: Seen, year: int | None) -> str:
    if seen.meta.get("单位"):
        return seen.meta["单位"]
    t = re.sub(r"\s", "", seen.title)
    if not t:
        return ""
    t = re.sub(r"^关于", "", t)
    if year:
        t = t.replace(f"{year}年度", "").replace(f"{year}年", "")
    t = re.sub(r"政府信息公开.*$", "", t)
    return t


def _unit_kind(seen: Seen, unit: str) -> str:
    label = seen.meta.get("单位类型")
    for key, name in UNIT_KINDS.items():
        if label == name:
            return key
    if re.search(r"(街道|乡|镇)(人民政府|办事处)?$", unit):
        return "township"
    if re.search(r"(省|自治区|市)人民政府(办公厅)?$", unit) and not re.search(r"[县区]人民政府", unit):
        return "provincial_gov" if re.search(r"(省|自治区)人民政府", unit) else "municipal_gov"
    if re.search(r"(县|区|旗)人民政府(办公室)?$", unit):
        return "county_gov"
    if re.search(r"(局|委员会|委|办公室|办|厅|中心|院)$", unit):
        return "department"
    return "other"


def _choose_format(seen: Seen, year: int | None) -> str:
    only = {fid: set(FORMATS[fid].cell_paths) - set(FORMATS[o].cell_paths)
            for fid, o in (("2021", "2019"), ("2019", "2021"))}
    marks = {fid for fid, paths in only.items() if any(p in seen.cells for p in paths)}
    if len(marks) == 1:
        return marks.pop()
    fmt = format_for_year(year) if year else None
    return fmt.id if fmt else "2021"


def _label_findings(seen: Seen, fmt_id: str) -> list[Problem]:
    fmt = FORMATS[fmt_id]
    out: dict[str, Problem] = {}
    for kind, key, raw, canonical in seen.labels:
        if kind == "t1i":
            _t, item, _f = key.split(".")
            official = fmt.table["t1"].row[item].label if item in fmt.table["t1"].row else canonical
            pid, table = f"S04@t1.{item}", "表一"
        elif kind == "t1f":
            cols = fmt.table["t1"].col
            official = cols[key].label if key in cols else canonical
            pid, table = f"S04@t1.{key}", "表一"
        elif kind == "t2r":
            official, pid, table = canonical, f"S04@t2.{key}", "表二"
        elif kind == "t2c":
            official, pid, table = canonical, f"S04@t2.{key}", "表二"
        else:
            official, pid, table = canonical, f"S04@t3.{key}", "表三"
        if labels.norm(raw) != labels.norm(official) and pid not in out:
            out[pid] = Problem(pid, "S04", WARNING,
                               f"{table}标签“{raw.strip()}”与规范标签“{official}”不一致，已按规范标签读入", ())
    return list(out.values())


def foreign_report(seen: Seen, name: str) -> Loaded:
    """A report from the labels of another unit's workbook."""
    if not seen.found and not seen.sections:
        raise NotAReportError(f"“{name}”中没有找到年度报告的表格（表一、表二、表三）或“一、总体情况”等标题，"
                              "不像是政府信息公开工作年度报告。")
    notices: list[str] = []
    year = _year(seen)
    fmt_id = _choose_format(seen, year)
    fmt = FORMATS[fmt_id]
    if year is None:
        year = 2020 if fmt_id == "2019" else max(2021, _dt.date.today().year - 1)
        notices.append(f"未在工作簿中找到报告年度，暂按 {year} 年读入，请在报告信息中核对。")
    unit = _unit(seen, year)
    sections = {k: _join(seen.sections.get(k, [])) for k in SECTION_KEYS}
    if seen.preamble:
        sections["s1"] = "\n".join(p for p in (_join(seen.preamble), sections["s1"]) if p)
    for key, paras in seen.extra_text.items():
        sections[key] = "\n".join(p for p in (sections[key], *paras) if p)

    findings: list[Problem] = []
    for key, raw in seen.headings:
        findings.append(Problem(f"S03@{key}", "S03", WARNING,
                                f"标题“{raw}”与规范标题“{fmt.section[key].heading}”不一致，已按规范标题读入", (key,)))
    findings += _label_findings(seen, fmt_id)

    cells = dict(seen.cells)
    notes = dict(seen.notes)
    foreign = foreign_cells(fmt_id)
    for table in fmt.tables:
        if table.key not in seen.found:
            notices.append(f"未在工作簿中找到{table.name}（按“{_anchor(table.key)}”等标签查找），{table.name}按空白读入。")
            continue
        has_foreign = any(p in foreign and p.startswith(table.key + ".") for p in cells)
        missing = [c.path for c in table.cells if c.path not in cells]
        extra = seen.extra.get(table.key, [])
        if has_foreign:
            missing = []      # the checker's S05 names the other format's rows and what is missing
        for p in missing:
            notes.setdefault(p, "原表未填")
        if missing or extra:
            missing_labels = list(dict.fromkeys(fmt.cell_label(p) for p in missing))
            what = "，".join(filter(None, [
                "多出“" + "”“".join(extra) + "”" if extra else "",
                "缺少“" + "”“".join(missing_labels) + "”" if missing_labels else "",
            ]))
            findings.append(Problem(f"S05@{table.key}", "S05", ERROR,
                                    f"{table.name}结构与{fmt.id}年格式不符：{what}", tuple(missing)))
            if missing_labels:
                notices.append(f"{table.name}：在{seen.found[table.key]}未找到“{'”“'.join(missing_labels[:5])}”"
                               f"{'等' if len(missing_labels) > 5 else ''}，已按空白读入并备注“原表未填”。")
            if extra:
                notices.append(f"{table.name}：多出的栏目“{'”“'.join(extra)}”已作为文字附在"
                               f"“{fmt.section[_SECTION_OF[table.key]].heading}”末尾。")
    findings += list(seen.v03.values())
    report = Report(format=fmt_id, year=year, unit=unit, unit_kind=_unit_kind(seen, unit),
                    title=seen.title, sections=sections, cells=cells, notes=notes,
                    t1_units=dict(seen.t1_units), explanations=dict(seen.explanations))
    if seen.v03:
        notices.append(f"有 {len(seen.v03)} 个数值单元格含有文字，已取出数值，原文移入备注（V03）。")
    return Loaded(report, findings, notices)


_SECTION_OF = {"t1": "s2", "t2": "s3", "t3": "s4"}


def _anchor(table: str) -> str:
    return {"t1": "第二十条第（一）项", "t2": "一、本年新收政府信息公开申请数量",
            "t3": "未经复议直接起诉"}[table]


# ---------------------------------------------------------------- our own workbooks

def own_document(grids: list[Grid]) -> str | None:
    meta = next((g for g in grids if g.name == META_SHEET), None)
    if meta is None or meta.text(0, 0) != MARK:
        if meta is not None and meta.text(0, 0).startswith("govreport-xlsx/"):
            raise NotAReportError("该工作簿由更新版本的“政务公开年报助手”保存，请升级本软件后再打开。")
        return None
    parts = []
    r = 1
    while r < len(meta.rows) and meta.text(r, 0):
        parts.append(meta.text(r, 0))
        r += 1
    return "".join(parts)


def own_report(doc: str, seen: Seen, name: str) -> Loaded:
    try:
        report = jsondoc.loads(doc, name)
    except GovReportIOError:
        raise NotAReportError(f"“{name}”中本软件的隐藏数据已损坏，无法读取；"
                              f"可删除隐藏工作表“{META_SHEET}”后按普通工作簿导入。") from None
    findings: list[Problem] = []
    changed: list[str] = []
    for path, hidden in list(report.cells.items()):
        if path not in seen.cells:
            continue
        visible = seen.cells[path]
        if same(hidden, visible):
            continue
        report.cells[path] = visible
        changed.append(NAMES.get(path, path))
        if path in seen.v03:
            report.notes[path] = seen.notes[path]
            findings.append(seen.v03[path])
    texts: list[str] = []
    for key in SECTION_KEYS:
        if key not in seen.sections:
            continue
        visible = _join(seen.sections[key])
        if _squash(visible) != _squash(report.sections.get(key, "")):
            report.sections[key] = visible
            texts.append(report.fmt.section[key].heading)
    if seen.title and _squash(seen.title) != _squash(report.title):
        report.title = seen.title.strip()
        texts.append("报告标题")
    notices = []
    if changed:
        more = "等" if len(changed) > 3 else ""
        notices.append(f"工作簿保存后在 Excel 或 WPS 中被修改过：{'、'.join(changed[:3])}{more} {len(changed)} 个单元格"
                       "与本软件保存时不同，已按工作表中显示的数字读入。")
    if texts:
        notices.append(f"工作簿保存后{'、'.join(texts)}的文字被修改过，已按工作表中的文字读入。")
    return Loaded(report, findings, notices)


# ---------------------------------------------------------------- entry points

def read_grids(grids: list[Grid], name: str) -> Loaded:
    doc = own_document(grids)
    seen = VisibleReader(grids).read()
    if doc is not None:
        return own_report(doc, seen, name)
    return foreign_report(seen, name)


def read(path: str | Path, backend: str = "calamine") -> Loaded:
    path = Path(path)
    return interpret(load_grids(path, backend), path)


def interpret(grids: list[Grid], path: Path, reader=None) -> Loaded:
    """The report in a file's grids, by `reader` (default read_grids; io/xlsx_fast.py passes its
    own), with every failure turned into a message naming the file."""
    try:
        return (reader or read_grids)(grids, path.name)
    except GovReportIOError as e:
        if e.path is None:
            e.path = path
        raise
    except Exception as e:   # a layout the reader does not understand must not crash the app
        raise NotAReportError(f"无法识别“{path.name}”中的年度报告内容（{type(e).__name__}）。", path) from e
