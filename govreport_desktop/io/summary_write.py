"""The 汇总 workbook: the summed report in the official layout plus three sheets.

The summed report is written by the normal workbook writer (xlsx_write.build), so the file opens
in the application and passes `govreport check` like any report. Then come 单位情况 (the unit
table), 数据来源 (per summed cell, what each unit contributed) and 内容雷同 (the pairs); the
readers skip these sheets (xlsx_read.APPENDIX_SHEETS).

Those sheets can hold a province's ten thousand units × two hundred cells, far more than
openpyxl builds in reasonable time and memory. openpyxl therefore writes each of them with its
headers and one styled template row; the saved package is then copied into the output with the
template row replaced by the real rows, generated one by one (each cell takes the template's
style of its column). Text from units' files is always written as inline text, never as a
formula, whatever characters it starts with.
"""

from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Callable, Iterator
from xml.sax.saxutils import escape

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ..core.summary import (DUPLICATE, HAS_ERRORS, MISSING, OTHER_YEAR, PASSED, SUMMARY_FILE, UNIT_COLUMNS,
                            UNREADABLE, WHAT, Summary, unit_cell)
from . import files, xlsx_write
from .summary_run import Cancelled
from .xlsx_read import APPENDIX_SHEETS
from .xlsx_style import A_CENTER, A_LEFT, BORDER, F_HEADING, F_TABLE, F_TABLE_BOLD, FILL_HEADER, clean
from .xlsx_write import CHUNK

UNITS, SOURCES, SIMILAR = APPENDIX_SHEETS
FAST_DEFLATE = 1
_NONE = type(None)
_PLAIN_TYPES = frozenset({int, float, Decimal, _NONE})   # written by a format string as _cell writes them
A_NUMBER = Alignment(horizontal="right", vertical="center")
CHECK_EVERY = 500          # rows between two looks at the cancel flag

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass
class Sheet:
    name: str
    note: str
    headers: list[str]
    widths: list[float]
    numbers: set[int]                  # columns holding numbers (the others hold text)
    rows: Callable[[], Iterator[list]]
    count: int                         # how many rows `rows()` gives
    fixed: list[list] = None           # rows between the headers and the template (数据来源: 汇总)
    percent: set[int] = frozenset()    # number columns shown as 0%


def encode(summary: Summary, cancel: Callable[[], bool] | None = None) -> tuple[bytes, list[str]]:
    """The workbook's bytes and the writer's notices (characters Excel cannot hold …)."""
    out = io.BytesIO()
    notices = write(summary, out, cancel)
    return out.getvalue(), notices


def write(summary: Summary, out: BinaryIO, cancel: Callable[[], bool] | None = None) -> list[str]:
    """Write the workbook to `out` (seekable) as it is generated; returns the notices."""
    wb, notices = xlsx_write.build(summary.report)
    sheets = [_units(summary), _sources(summary), _similar(summary)]
    templates = {}
    for sheet in sheets:
        templates[sheet.name] = _template(wb, sheet)
    _check(cancel)
    buf = io.BytesIO()                  # the package without the big rows: small
    wb.save(buf)
    _expand(buf.getvalue(), sheets, templates, cancel, out)
    return notices


def _check(cancel) -> None:
    if cancel and cancel():
        raise Cancelled()


def save(summary: Summary, path: str | Path, cancel: Callable[[], bool] | None = None) -> list[str]:
    """Write atomically, streaming into the temporary file beside the target: a cancelled or
    failed save leaves any earlier file as it was and no temporary file."""
    notices: list[str] = []

    def fill(f) -> None:
        notices.extend(write(summary, f, cancel))
        _check(cancel)
    files.atomic_write_with(path, fill)
    return notices


# ---------------------------------------------------------------- the three sheets

def _units(s: Summary) -> Sheet:
    roster = any(u.on_roster is not None for u in s.units) or s.missing
    headers = ["序号"] + [h for _a, h in UNIT_COLUMNS] + (["名单"] if roster else [])
    counts = "，".join(f"{st} {s.count(st)}" for st in (PASSED, HAS_ERRORS, UNREADABLE, DUPLICATE, OTHER_YEAR,
                                                              SUMMARY_FILE, MISSING)
                      if s.count(st))
    files_n = sum(1 for u in s.units if u.status != MISSING)
    note = (f"单位情况：{files_n} 个文件，计入汇总 {len(s.included)} 个单位（{s.report.year}年，{s.fmt.name}）；"
            f"{counts or '无'}。")

    def rows():
        for n, u in enumerate(s.units, 1):
            line = [n] + [unit_cell(u, a) for a, _h in UNIT_COLUMNS]
            if roster:
                line.append("" if u.on_roster is None else "在名单中" if u.on_roster else "不在名单中")
            yield line
    widths = [6, 36, 30, 24, 7, 10, 6, 6, 10, 50] + ([10] if roster else [])
    return Sheet(UNITS, note, headers, widths, {0, 4, 6, 7}, rows, len(s.units))


def _sources(s: Summary) -> Sheet:
    fmt = s.fmt
    cols = [j for j, p in enumerate(fmt.cell_paths) if s.report.cells.get(p) not in (0, None) or s.blanks.get(p)]
    paths = [fmt.cell_paths[j] for j in cols]
    note = ("数据来源：每列为汇总报告的一个单元格，第 3 行为汇总数（各单位之和），第 4 行为空白单位数，"
            "以下每行为一个计入汇总的单位；空白表示该单位未填（按 0 计）。全部单位均为 0 的单元格未列出。")
    headers = ["序号", "单位", "文件"] + [fmt.cell[p].name for p in paths]
    fixed = [["汇总", "", ""] + [s.report.cells.get(p) for p in paths],
             ["空白单位数", "", ""] + [s.blanks.get(p, 0) for p in paths]]

    def rows():
        for n, (u, values) in enumerate(s.contributions(), 1):
            yield [n, u.unit, u.file] + [values[j] for j in cols]
    widths = [6, 30, 30] + [12] * len(paths)
    return Sheet(SOURCES, note, headers, widths, {0} | set(range(3, 3 + len(paths))), rows, len(s.included), fixed)


def _similar(s: Summary) -> Sheet:
    note = ("内容雷同：一、总体情况或五、存在的主要问题及改进情况超过 80% 的句子相同的单位（标题和固定表述不计，"
            "数字不同仍算相同），以及表一至表三数据完全相同的单位。")
    headers = ["序号", "内容", "单位甲", "文件甲", "单位乙", "文件乙", "相同句子数", "占甲的比例", "占乙的比例"]

    def rows():
        if not s.similar:
            yield [None, "未发现内容雷同或数据完全相同的单位"] + [None] * 7
        for n, p in enumerate(s.similar, 1):
            a, b = s.unit(p.a), s.unit(p.b)
            shared = None if p.what == "data" else p.shared
            yield [n, WHAT[p.what], a.unit, a.file, b.unit, b.file, shared, p.of_a, p.of_b]
    return Sheet(SIMILAR, note, headers, [6, 24, 30, 30, 30, 30, 10, 10, 10], {0, 6, 7, 8}, rows,
                 max(1, len(s.similar)), percent={7, 8})


# ---------------------------------------------------------------- openpyxl part: headers, template

def _template(wb, sheet: Sheet) -> int:
    """Create the sheet with its note, headers and fixed rows; returns the template row."""
    ws = wb.create_sheet(sheet.name)
    note = ws.cell(row=1, column=1, value=clean(sheet.note)[0])
    note.data_type, note.font = "s", F_HEADING
    for j, (header, width) in enumerate(zip(sheet.headers, sheet.widths), 1):
        c = ws.cell(row=2, column=j, value=header)
        c.data_type, c.font, c.fill, c.border, c.alignment = "s", F_TABLE_BOLD, FILL_HEADER, BORDER, A_CENTER
        ws.column_dimensions[get_column_letter(j)].width = width
    row = 3
    for fixed in sheet.fixed or ():
        for j, v in enumerate(fixed):
            c = ws.cell(row=row, column=j + 1)
            if isinstance(v, str):
                c.value, c.data_type = v, "s"
            else:
                c.value = v
            c.font, c.border, c.fill = F_TABLE_BOLD, BORDER, FILL_HEADER
        row += 1
    for j in range(len(sheet.headers)):
        c = ws.cell(row=row, column=j + 1)
        c.font, c.border = F_TABLE, BORDER
        c.alignment = A_NUMBER if j in sheet.numbers else A_LEFT
        if j in sheet.percent:
            c.number_format = "0%"
    ws.freeze_panes = ws.cell(row=row, column=4 if sheet.name == SOURCES else 1)
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return row


# ---------------------------------------------------------------- package part: the real rows

def _expand(package: bytes, sheets: list[Sheet], templates: dict[str, int], cancel, out: BinaryIO) -> None:
    src = zipfile.ZipFile(io.BytesIO(package))
    parts = _sheet_parts(src)
    by_part = {parts[s.name]: s for s in sheets}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            sheet = by_part.get(info.filename)
            if sheet is None:
                dst.writestr(info, src.read(info))
                continue
            _check(cancel)
            part = zipfile.ZipInfo(info.filename, info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            part._compresslevel = FAST_DEFLATE     # (no public setter keeps the date) megabytes of rows: level 1, 3× faster
            with dst.open(part, "w") as f:
                for chunk in _sheet_xml(src.read(info), sheet, templates[sheet.name], cancel):
                    f.write(chunk)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip part of every worksheet (the package openpyxl just wrote)."""
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG)}
    out = {}
    for s in book.iter(_NS + "sheet"):
        t = target.get(s.get(_REL), "")
        out[s.get("name")] = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
    return out


def _sheet_xml(xml: bytes, sheet: Sheet, template: int, cancel) -> Iterator[bytes]:
    """The sheet's XML with the template row replaced by the real rows, in pieces."""
    m = re.search(rb'<row r="%d"[ >].*?</row>' % template, xml, re.S)
    styles = {_col(c.group(1)): c.group(2).decode()
              for c in re.finditer(rb'<c r="([A-Z]+)\d+" s="(\d+)"', m.group(0))}
    yield _dimension(xml[:m.start()], template + sheet.count - 1, len(sheet.headers))
    # Per column, once: the reference's letters and the style attribute. The number columns at
    # the end of a row (数据来源: ten thousand rows × hundreds of cells) get one format string per
    # pattern of value types (counts, money, blanks): a row is then a single format call.
    width = len(sheet.headers)
    letters = [get_column_letter(j + 1) for j in range(width)]
    styled = [f' s="{styles[j]}"' if styles.get(j) else "" for j in range(width)]
    tail = next(k for k in range(width + 1) if all(j in sheet.numbers for j in range(k, width)))
    patterns: dict[tuple, str] = {}

    def pattern(types: tuple) -> str:
        return "".join("" if t is _NONE else
                       f'<c r="{letters[j]}{{0}}"{styled[j]}><v>{{{i}{":f" if t is Decimal else ""}}}</v></c>'
                       for i, (j, t) in enumerate(zip(range(tail, width), types), 1))
    buf: list[str] = []
    for n, values in enumerate(sheet.rows()):
        r = template + n
        numbers = values[tail:]
        types = tuple(map(type, numbers))
        if len(values) == width and (types in patterns or _PLAIN_TYPES.issuperset(types)):
            fast = patterns.get(types) or patterns.setdefault(types, pattern(types))
            cells = "".join(_cell(j, r, v, styles.get(j)) for j, v in enumerate(values[:tail])) + fast.format(r, *numbers)
        else:
            cells = "".join(_cell(j, r, v, styles.get(j)) for j, v in enumerate(values))
        buf.append(f'<row r="{r}">{cells}</row>')
        if len(buf) >= CHECK_EVERY:
            _check(cancel)
            yield "".join(buf).encode()
            buf = []
    yield "".join(buf).encode()
    yield xml[m.end():]


def _col(letters: bytes) -> int:
    c = 0
    for ch in letters:
        c = c * 26 + ch - 64
    return c - 1


def _cell(j: int, r: int, v, style: str | None) -> str:
    if v is None or v == "":
        return ""
    ref = f"{get_column_letter(j + 1)}{r}"
    s = f' s="{style}"' if style else ""
    if isinstance(v, bool):
        v = "是" if v else "否"
    if isinstance(v, (int, float, Decimal)):
        return f'<c r="{ref}"{s}><v>{format(v, "f") if isinstance(v, Decimal) else v}</v></c>'
    text = escape(clean(str(v))[0][:CHUNK]).replace("\r", "&#13;")
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _dimension(head: bytes, last_row: int, ncols: int) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:%s%d"' % (get_column_letter(ncols).encode(), last_row),
                  head, count=1)
