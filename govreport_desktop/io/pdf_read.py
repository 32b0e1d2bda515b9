"""Text PDFs as published (mostly Word or WPS exports) → report.

pypdfium2 (PDFium; Apache-2.0/BSD, wheels for win_amd64) gives every character with its box
and every drawn path. Tables are rebuilt from the ruling lines: the lines' x and y positions
make a grid, a missing line between two grid cells means they are merged, and each character
goes to the cell its centre falls in — so a label printed over three lines, or with a space in
the middle of a word, is still one cell, and numbers land in their column by position only
inside a ruled cell, never by guesswork. The text outside tables becomes lines, then
paragraphs (indent, short last line, gap, heading). A table without ruling lines falls back
to splitting lines at wide gaps. Scanned pages (no text layer) and encrypted files are told
apart from broken ones, each with what to do. The geometry is in pdf_layout.py.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

from . import labels
from .base import Loaded
from .document_grids import Block, check_bytes, read_as, read_blocks, read_path
from .errors import EncryptedFileError, NoTextLayerError, NotAReportError
from .pdf_layout import (SNAP, Char, Line, Table, cluster, components, fill, lines_of, regrid, split_wide,
                         table_from_rules)

SUFFIXES = (".pdf",)
NAME = "PDF 文件"

MAX_FILE = 128 * 1024 * 1024
MAX_PAGES = 300
MAX_CHARS = 2_000_000
MAX_RULES = 20_000                   # ruling lines on one page
_PAGE_NO = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-—–－\s]*$")


# ---------------------------------------------------------------- PDFium

def _open(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4 or "password" in str(e).lower():
            raise EncryptedFileError(f"“{name}”设有打开密码，无法读取。请用密码打开后“另存为”无密码的 PDF，"
                                     "或向发布单位索取 Word 或网页版本，再导入。") from None
        raise NotAReportError(f"“{name}”已损坏或不完整，无法作为 PDF 打开。") from None


def _chars(page, height: float) -> list[Char]:
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        out = []
        rect = raw.FS_RECTF()
        for i in range(n):
            code = raw.FPDFText_GetUnicode(tp.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or code < 32 or chr(code).isspace():
                continue
            if not raw.FPDFText_GetLooseCharBox(tp.raw, i, rect):
                continue
            ch = chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
            out.append(Char(ch, rect.left, height - rect.top, rect.right, height - rect.bottom))
        return out
    finally:
        tp.close()


def _rules(page, height: float) -> tuple[list, list]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments of a page."""
    import pypdfium2.raw as raw

    hs, vs = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        m = obj.get_matrix()
        a, b, c, d, e, f = m.get()
        n = raw.FPDFPath_CountSegments(obj.raw)
        if n <= 0 or n > 5000:
            continue
        pts = []
        start = cur = None
        for i in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            p = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = cur = p
            elif kind == raw.FPDF_SEGMENT_LINETO and cur is not None:
                pts.append((cur, p))
                cur = p
            else:
                cur = p
            if raw.FPDFPathSegment_GetClose(seg) and start is not None and cur is not None:
                pts.append((cur, start))
                cur = start
        for (x0, y0), (x1, y1) in pts:
            if abs(y1 - y0) < 1.0 and abs(x1 - x0) > 3:
                hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) < 1.0 and abs(y1 - y0) > 3:
                vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        if len(hs) + len(vs) > MAX_RULES:
            return [], []
    return hs, vs


def _row_key(row: list) -> tuple[str, ...]:
    return tuple(labels.norm(str(v)) for v in row if v not in (None, ""))


def _repeated_header(above: list[list], below: list[list]) -> int:
    """How many first rows of a table's continuation repeat its first rows (its header)."""
    n = 0
    while n < min(len(above), len(below) - 1) and _row_key(below[n]) and _row_key(below[n]) == _row_key(above[n]):
        n += 1
    return n


def _page_number_lines(lines: list[Line], height: float) -> set[int]:
    """Indexes of the page-number lines (“— 3 —”, “第 3 页”): in the page's outer margin, or the
    first or last line of the page (公文 print it 7 mm below the text, well inside the page)."""
    if not lines:
        return set()
    ends = {min(range(len(lines)), key=lambda i: lines[i].y0), max(range(len(lines)), key=lambda i: lines[i].y1)}
    return {i for i, ln in enumerate(lines)
            if _PAGE_NO.match(ln.text) and (i in ends or ln.y1 < 0.08 * height or ln.y0 > 0.92 * height)}


class _Flow:
    """Paragraphs across pages: a line continues the paragraph above unless something says not."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.prev: Line | None = None
        self.stream: Block | None = None
        self.tables = 0

    def table(self, t: Table, page: int) -> None:
        places = [f"第{page}页表格第 {i + 1} 行" for i in range(len(t.rows))]
        last = self.blocks[-1] if self.blocks and self.open is None and self.stream is None else None
        if (last is not None and last.is_table and getattr(last, "xs", None)
                and abs(last.xs[0] - t.xs[0]) <= SNAP and abs(last.xs[-1] - t.xs[-1]) <= SNAP):
            # the same table continued on the next page: one grid over the columns of both
            # (a page holding only merged label rows lacks some of the column lines)
            union = cluster(last.xs + t.xs)
            above, below = regrid(last.rows, last.xs, union), regrid(t.rows, t.xs, union)
            repeated = _repeated_header(above, below)       # “重复标题行”: printed on every page
            last.rows = above + below[repeated:]
            last.row_places += places[repeated:]
            last.xs = union
            return
        self.close()
        self.tables += 1
        b = Block(rows=t.rows, place=f"第{page}页第{self.tables}个表格")
        b.row_places = places
        b.xs = t.xs                                                           # type: ignore[attr-defined]
        self.blocks.append(b)

    def close(self) -> None:
        self.open = None
        self.prev = None
        self.stream = None

    def line(self, ln: Line, page: int, left: float, right: float, new_page: bool) -> None:
        wide = split_wide(ln)
        if wide:
            if self.stream is None:
                self.close()
                self.tables += 1
                self.stream = Block(rows=[], place=f"第{page}页第{self.tables}个表格")
                self.blocks.append(self.stream)
            self.stream.rows.append(wide)
            self.stream.row_places.append(f"第{page}页表格第 {len(self.stream.rows)} 行")
            return
        self.stream = None
        h = max(1.0, ln.y1 - ln.y0)
        text = ln.text
        starts = (self.open is None or self.prev is None
                  or ln.x0 > left + 1.2 * h                                  # indented first line
                  or (not new_page and ln.y0 - self.prev.y1 > 1.2 * h)          # a gap
                  or self.prev.x1 < right - 2.0 * h                            # the line above ended short
                  or labels.match_heading(text) or labels.match_heading(self.open.text)
                  or labels.is_block_title(text))
        if starts:
            self.open = Block(text=text, place=f"第{page}页")
            self.blocks.append(self.open)
        else:
            self.open.text += text
        self.prev = ln


def blocks_from_pdf(data: bytes, name: str) -> list[Block]:
    pdf = _open(data, name)
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise NotAReportError(f"“{name}”有 {pages} 页，不像是年度报告（通常不超过 30 页），未打开。")
        flow = _Flow()
        total = 0
        any_text = False
        for pno in range(pages):
            page = pdf[pno]
            try:
                width, height = page.get_size()
                chars = _chars(page, height)
                total += len(chars)
                if total > MAX_CHARS:
                    raise NotAReportError(f"“{name}”的文字过多，不像是年度报告，已停止读取。")
                any_text = any_text or bool(chars)
                hs, vs = _rules(page, height)
            finally:
                page.close()
            tables = [t for t in (table_from_rules(h, v) for h, v in components(hs, vs)) if t is not None]
            inside: dict[int, list[Char]] = {}
            outside: list[Char] = []
            for ch in chars:
                for i, t in enumerate(tables):
                    if t.contains(ch):
                        inside.setdefault(i, []).append(ch)
                        break
                else:
                    outside.append(ch)
            for i, t in enumerate(tables):
                fill(t, inside.get(i, []))
            lines = lines_of(outside)
            drop = _page_number_lines(lines, height)
            lines = [ln for i, ln in enumerate(lines) if i not in drop]
            body = [ln for ln in lines if not split_wide(ln)] or lines
            left = min((ln.x0 for ln in body), default=0)
            right = max((ln.x1 for ln in body), default=width)
            items = [(ln.y0, 0, ln) for ln in lines] + [(t.top, 1, t) for t in tables if t.rows]
            first = True
            for _y, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
                if kind == 1:
                    flow.table(item, pno + 1)
                else:
                    flow.line(item, pno + 1, left, right, first)
                first = False
        if not any_text:
            raise NoTextLayerError(f"“{name}”是扫描件（页面是图片，没有文字），无法读取。请向发布单位索取 Word 或网页版本，"
                                   "或先用文字识别（OCR）软件转成 Word 文档并核对后再导入。")
        return flow.blocks
    finally:
        pdf.close()


# ---------------------------------------------------------------- entry points

def read_bytes(data: bytes, name: str) -> Loaded:
    kind = check_bytes(data, name, MAX_FILE)
    if kind != "pdf":
        if kind in ("zip", "ole", "html", "rtf"):
            return read_as(kind, data, name)
        raise NotAReportError(f"“{name}”不是 PDF 文件，可能已损坏或扩展名有误。")
    return read_blocks(blocks_from_pdf(data, name), name, "PDF 文件")


def read(path: str | Path) -> Loaded:
    return read_path(path, read_bytes)
