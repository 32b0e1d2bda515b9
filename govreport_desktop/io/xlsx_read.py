"""Reading workbooks: our own exactly, other units' by their labels (.xlsx and .xls).

Every file is checked before any parser sees it (size, zip members, compression ratio, the
real file type behind the suffix). Cell values come from python-calamine, which reads both
.xlsx and .xls and is much faster than openpyxl (see benchmarks/bench_xlsx.py); openpyxl is a
second backend for the same grids, imported only when asked for, so that reading a workbook does
not load it.

Our own workbook carries the exact report as JSON in a hidden sheet; the visible tables are
read as well and win where someone changed them in Excel. Any other workbook is read by its
labels through io/tables.py, which every importer shares; what is Excel-specific stays here:
the container checks, the grids of calamine/openpyxl, the hidden copy and the notes sheet.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from pathlib import Path

from ..core.report import SECTION_KEYS
from ..core.rules import Problem
from . import jsondoc, tables, xlsx_plain
from .base import Loaded
from ..core.formats import ANY_CELL
from .cell_values import computed, error_cell, same
from .errors import GovReportIOError, NotAReportError, ReadError, read_bytes
from .grid import Grid
from .limits import SheetScan, check_ranges, col_number, sheet_parts
from .marks import DIGESTS, ILLEGAL, MARK, META_SHEET, NOTES_SHEET, PREVIOUS_MARK, PREVIOUS_SHEET, text_digest
from .marks import REVIEW_SHEET            # written for people: the report at saving, not its content
from .table_finder import Seen
from .zip_parts import small_member

# ---------------------------------------------------------------- limits (untrusted files)

MAX_FILE = 64 * 1024 * 1024          # a real annual report workbook is well under 1 MB
MAX_MEMBERS = 5000
MAX_MEMBER = 128 * 1024 * 1024       # uncompressed size of one part
MAX_TOTAL = 256 * 1024 * 1024        # uncompressed size of all parts
MAX_RATIO = 250                      # beyond this a part is a compression bomb, not a sheet
# … but only a part larger than our own workbooks have: the application writes every text
# twice (the sheet and the hidden copy, both in sharedStrings.xml), and a long repetitive text
# (340,000 times the same character in 六) compresses 1000:1. A report as large as the JSON
# reader takes (16 MB) stays below this; the total is still capped while decompressing.
RATIO_FROM = 2 * jsondoc.MAX_FILE
MAX_CELLS = 2_000_000
WHOLE_PART = 4 * 1024 * 1024         # worksheet parts up to this are decompressed in one piece

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Sheets a 汇总 workbook adds after the summed report (io/summary_write.py): the unit table,
# the trace-back, the 内容雷同 pairs. They are not part of any report and can be large.
APPENDIX_SHEETS = ("单位情况", "数据来源", "内容雷同")
# Sheets no reader looks at: the appendices, and the review written for people at saving (its
# grid cost a third of loading one of our workbooks). They are neither scanned nor loaded.
UNREAD_SHEETS = frozenset(APPENDIX_SHEETS + (REVIEW_SHEET,))


# ---------------------------------------------------------------- grids

def grids_calamine(data: bytes) -> list[Grid]:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    out = []
    total = 0
    for meta in wb.sheets_metadata:
        if str(meta.typ).split(".")[-1] != "WorkSheet" or meta.name in UNREAD_SHEETS:
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        total += sheet.height * sheet.width
        if total > MAX_CELLS:
            raise NotAReportError("工作簿的单元格数量过多，不像是年度报告，已停止读取。")
        rows = sheet.to_python(skip_empty_area=False)
        hidden = str(meta.visible).split(".")[-1] != "Visible"
        out.append(Grid(meta.name, rows, hidden, kind="工作表"))
    return out


def grids_openpyxl(data: bytes) -> list[Grid]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = []
    try:
        for ws in wb.worksheets:
            if ws.title in UNREAD_SHEETS:
                continue
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            out.append(Grid(ws.title, rows, ws.sheet_state != "visible", kind="工作表"))
    finally:
        wb.close()
    return out


# ---------------------------------------------------------------- safety

def check_container(data: bytes, name: str) -> str:
    """'xlsx' or 'xls' after checking the bytes; raises a ReadError for anything unsafe or foreign."""
    return _checked(data, name)[0]


def _checked(data: bytes, name: str) -> tuple[str, list[SheetScan]]:
    """check_container(), and for .xlsx the sheets' scans (formula and error cells)."""
    kind, zf, parts = _container(data, name)
    return kind, (check_ranges(data, name, zf, parts, skip=UNREAD_SHEETS) if kind == "xlsx" else [])


def _container(data: bytes, name: str) -> tuple[str, zipfile.ZipFile | None, dict[str, bytes]]:
    """'xlsx' (with the open zip and its decompressed worksheet parts) or 'xls'; raises a
    ReadError for anything unsafe or foreign."""
    if len(data) > MAX_FILE:
        raise ReadError(f"“{name}”过大（{len(data) // (1024 * 1024)} MB），不像是年度报告工作簿，未打开。")
    if not data:
        raise NotAReportError(f"“{name}”是空文件。")
    if data.startswith(OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise NotAReportError(f"“{name}”设有打开密码。请在 Excel 或 WPS 中取消密码后另存，再打开。")
        return "xls", None, {}
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        zf, parts = _check_zip(data, name)
        return "xlsx", zf, parts
    head = data[:512].lstrip().lower()
    if head.startswith((b"<", b"\xef\xbb\xbf<")) or b"<html" in head or b"<table" in head:
        raise NotAReportError(f"“{name}”实际是网页（HTML）文件，不是 Excel 工作簿。"
                              "请在 Excel 或 WPS 中打开后“另存为” .xlsx 文件，再导入。")
    raise NotAReportError(f"“{name}”不是 Excel 工作簿（文件内容无法识别），可能已损坏或扩展名有误。")


def _check_zip(data: bytes, name: str) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """The open zip and its parts of ordinary size, decompressed (the range scan needs the
    worksheets; the plain reader and the sheet names the workbook and its relationships)."""
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
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise NotAReportError(bomb)
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        raise NotAReportError(f"“{name}”是压缩文件，但不是 Excel 工作簿。")
    # Declared sizes can lie: decompress with a cap so that a lying part cannot blow up memory
    # (every read is bounded: zipfile decompresses at most what one read asks for). Every part
    # is decompressed, read or not: damage anywhere is reported as damage, not found later.
    total = 0
    parts: dict[str, bytes] = {}
    try:
        for info in infos:
            whole = small_member(data, info, WHOLE_PART)
            if whole is not None:
                total += len(whole)
                if total > MAX_TOTAL:
                    raise NotAReportError(bomb)
                parts[info.filename] = whole      # the scan, the plain reader, sheet names read them
                continue
            with zf.open(info) as f:
                if info.file_size <= WHOLE_PART and info.filename.startswith("xl/worksheets/"):
                    parts[info.filename] = f.read(WHOLE_PART)
                    total += len(parts[info.filename])
                    if total > MAX_TOTAL:
                        raise NotAReportError(bomb)
                    continue
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > MAX_TOTAL:
                        raise NotAReportError(bomb)
    except NotAReportError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise NotAReportError(corrupt) from None
    return zf, parts


def load_grids(path: Path, backend: str = "calamine", sheets: list[str] | None = None) -> list[Grid]:
    return grids_from_bytes(read_bytes(path), path.name, backend, sheets)


def grids_from_bytes(data: bytes, name: str, backend: str = "calamine", sheets: list[str] | None = None) -> list[Grid]:
    """The grids of the sheets a reader looks at; `sheets`, if given, receives the names of all
    worksheets, unread ones too (the 汇总 tells its own workbooks by them)."""
    kind, zf, parts = _container(data, name)
    if kind == "xlsx" and sheets is not None:
        sheets += sheet_parts(zf, parts).values()
    if kind == "xlsx" and backend == "calamine":
        plain = xlsx_plain.grids(zf, parts, UNREAD_SHEETS)     # as we write them: no scan, no calamine
        if plain is not None:
            return plain
    scans = check_ranges(data, name, zf, parts, skip=UNREAD_SHEETS) if kind == "xlsx" else []
    try:
        if backend == "openpyxl" and kind == "xlsx":
            grids = grids_openpyxl(data)
        else:
            grids = grids_calamine(data)
    except (GovReportIOError, ImportError):   # a missing library is named by io/base.py
        raise
    except Exception as e:  # parser errors of broken files: a message, never a traceback
        text = str(e).lower()
        if "password" in text or "encrypt" in text:
            raise NotAReportError(f"“{name}”设有密码，请取消密码后另存再打开。") from None
        raise NotAReportError(f"“{name}”已损坏或格式不受支持，无法读取（{type(e).__name__}）。") from None
    tag_computed(grids, scans)
    return grids


_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def tag_computed(grids: list[Grid], scans: list[SheetScan]) -> None:
    """Tag the values of formula and error cells (the scan saw `<f>` and t="e"; calamine gives
    only the cached result, or "" for an error), so the cells they fill get a V03 finding."""
    by_name = {s.name: s for s in scans if s.formulas or s.errors}
    for g in grids:
        scan = by_name.get(g.name)
        if scan is None:
            continue
        errors = set(scan.errors)
        for ref in dict.fromkeys(scan.formulas + scan.errors):
            m = _REF.match(ref)
            r, c = (int(m.group(2)) - 1, col_number(m.group(1).encode()) - 1) if m else (-1, -1)
            if not (0 <= r < len(g.rows) and 0 <= c < len(g.rows[r])):
                continue
            where = f"{g.kind}“{g.name}”单元格 {ref}"
            value = g.rows[r][c]
            g.rows[r][c] = (error_cell(where, scan.error_values.get(ref, "")) if ref in errors
                            else computed(value, where))



# ---------------------------------------------------------------- the notes sheet

def read_notes_sheet(g: Grid, seen: Seen) -> None:
    """Notes, units and explanations from the visible “备注与说明” sheet our workbook has."""
    for r in range(len(g.rows)):
        kind, key, text = g.text(r, 0), g.text(r, 1), g.text(r, 2)
        if kind.startswith("备注：") and key in ANY_CELL:
            seen.notes.setdefault(key, text)
        elif kind.startswith("单位：") and key.startswith("t1.") and key in ANY_CELL:
            seen.t1_units.setdefault(key[3:], text)
        elif kind.startswith("说明：") and key:
            seen.explanations.setdefault(key, text)


# ---------------------------------------------------------------- our own workbooks

def own_document(grids: list[Grid]) -> str | None:
    meta = next((g for g in grids if g.name == META_SHEET), None)
    if meta is None or meta.text(0, 0) != MARK:
        if meta is not None and meta.text(0, 0).startswith("govreport-xlsx/"):
            raise NotAReportError("该工作簿由更新版本的“政务公开年报助手”保存，请升级本软件后再打开。")
        return None
    return _hidden_json(meta)


def _hidden_json(g: Grid) -> str:
    parts = []
    r = 1
    while r < len(g.rows) and g.text(r, 0):
        parts.append(g.text(r, 0))
        r += 1
    return "".join(parts)


def attach_previous(loaded: Loaded, grids: list[Grid], name: str) -> Loaded:
    """Last year's report from its hidden sheet, when the workbook has one; one that cannot be
    read is left out with a notice (this year's report is intact)."""
    sheet = next((g for g in grids if g.name == PREVIOUS_SHEET), None)
    if sheet is None or sheet.text(0, 0) != PREVIOUS_MARK:
        return loaded
    try:
        loaded.report.attach_previous(jsondoc.loads(_hidden_json(sheet), f"{name}的上年数据"))
    except GovReportIOError:
        loaded.notices.append(f"“{name}”中保存的上年报告数据已损坏，已略去；本年报告不受影响，"
                              "可用“工具 → 对照上年报告”重新载入上年报告。")
    return loaded


def unchanged_sheets(grids: list[Grid]) -> frozenset[str]:
    """The visible sheets whose texts are as the application wrote them (marks.DIGESTS)."""
    meta = next((g for g in grids if g.name == META_SHEET), None)
    cell = meta.text(0, 3) if meta is not None else ""
    try:
        digests = json.loads(cell[len(DIGESTS):]) if cell.startswith(DIGESTS) else {}
    except ValueError:
        return frozenset()
    if not isinstance(digests, dict):
        return frozenset()
    return frozenset(g.name for g in grids if g is not meta and g.name in digests
                     and digests[g.name] == text_digest(v for row in g.rows for v in row))


def own_report(doc: str, seen: Seen, name: str, unchanged: frozenset[str] = frozenset()) -> Loaded:
    """Our hidden copy, checked against the visible sheets: numbers edited in Excel win, and
    so do texts of the sheets that are not `unchanged`."""
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
        raw = seen.raw.get(path)
        if same(hidden, visible) or (isinstance(raw, (int, float)) and not isinstance(raw, bool)
                                     and same(hidden, raw)):
            continue                 # (a count just below 10^18 reads back as the double 1e18)
        report.cells[path] = visible
        changed.append(ANY_CELL[path].name if path in ANY_CELL else path)
        if path in seen.v03:
            if path in seen.notes:
                report.notes[path] = seen.notes[path]
            findings.append(seen.v03[path])
    texts: list[str] = []
    sheet_of = {s.key: s.heading[:31] for s in report.fmt.sections}   # as xlsx_write names them
    for key in SECTION_KEYS:
        if key not in seen.sections or sheet_of.get(key) in unchanged:
            continue
        visible = tables.join_paragraphs(seen.sections[key])
        if _squash(visible) != _squash(report.sections.get(key, "")):
            report.sections[key] = visible
            texts.append(report.fmt.section[key].heading)
    first_sheet = report.fmt.sections[0].heading[:31]
    if seen.title and first_sheet not in unchanged and _squash(seen.title) != _squash(report.title):
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


def _squash(text: str) -> str:
    return re.sub(r"\s", "", ILLEGAL.sub("", text or ""))


# ---------------------------------------------------------------- entry points

def read_grids(grids: list[Grid], name: str) -> Loaded:
    """A workbook's report: the hidden copy checked against the visible sheets, or, without
    one, what the labels give."""
    shown = [g for g in grids if not g.hidden and g.name not in (META_SHEET, REVIEW_SHEET)]
    notes = next((g for g in shown if g.name == NOTES_SHEET), None)
    seen = tables.find_tables([g for g in shown if g.name != NOTES_SHEET])
    if notes is not None:
        read_notes_sheet(notes, seen)
    doc = own_document(grids)
    if doc is not None:
        return attach_previous(own_report(doc, seen, name, unchanged_sheets(grids)), grids, name)
    return tables.foreign_report(seen, name, source="工作簿")


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
        raise tables.not_understood(path.name, e, path) from e
