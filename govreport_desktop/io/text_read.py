"""Reports as plain text or Markdown: copied from a web page or from Word, or converted by others.

A copied table arrives in one of four shapes, all rebuilt into rows here:
- Markdown or “|”-separated rows (a row may run over several lines: “信息内容 | 上一年项目数量” /
  “| 本年增/减” / “|”);
- tab-separated rows (copied from Excel, WPS or Word);
- one cell per line, each starting with a tab, rows separated by blank lines (copied from a
  browser); a line without the tab continues the cell above (“商业” / “企业”);
- one cell per line separated by blank lines, an extra blank line for an empty cell, no row
  marks at all: rows start again at each row label of the official tables.
Encodings: UTF-8, GB18030 (GBK, GB2312) and UTF-16, with or without a byte-order mark.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from . import labels
from .document_grids import Block, check_bytes, read_as, read_blocks, read_path, utf16_encoding
from .errors import NotAReportError
from .base import Loaded

SUFFIXES = (".txt", ".md", ".markdown", ".text")
NAME = "文本文件"

MAX_BYTES = 16 * 1024 * 1024       # a report as text is well under 100 KB

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")


def decode(data: bytes, name: str) -> str:
    """The text of a file in any encoding a Chinese office PC produces."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise NotAReportError(f"“{name}”的文字编码已损坏，无法读取。") from None
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a mark: every other byte of Chinese-and-ASCII text is often 0
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            raise NotAReportError(f"“{name}”不是文本文件，可能已损坏或扩展名有误。") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    enc = utf16_encoding(data[:4096])              # UTF-16 of Chinese text has few zero bytes
    if enc:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    raise NotAReportError(f"“{name}”的文字编码无法识别（不是 UTF-8、GB18030 或 UTF-16），"
                          "请用记事本或 WPS 另存为 UTF-8 后再打开。")


def _check_text(text: str, name: str) -> None:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\x00" or ("\x00" < ch < " " and ch not in "\t\n\r\x0c"))
    if sample and bad > max(8, len(sample) // 50):
        raise NotAReportError(f"“{name}”不是文本文件（含有大量二进制内容），可能已损坏或扩展名有误。")


# ---------------------------------------------------------------- lines → blocks

def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _is_pipe(line: str) -> bool:
    s = line.strip()
    return "|" in s and (s.startswith("|") or s.count("|") >= 2 or s.endswith("|"))


def _is_cell_line(line: str) -> bool:
    """A browser-copied cell: the line starts with a tab and holds no other tab."""
    s = line.lstrip(" ")
    return s.startswith("\t") and "\t" not in s[1:].rstrip("\t ")


def _is_tab_row(line: str) -> bool:
    return "\t" in line.strip(" \t")


class _Lines:
    """Walks the lines once, producing paragraphs and table blocks in order."""

    def __init__(self, text: str, markdown: bool):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.markdown = markdown
        self.blocks: list[Block] = []
        self.table: Block | None = None
        self.tables = 0

    # a table block collects consecutive rows of one of the shapes
    def row(self, cells: list, line_no: int) -> None:
        if self.table is None:
            self.tables += 1
            self.table = Block(rows=[], place=f"第{self.tables}个表格")
            self.blocks.append(self.table)
        self.table.rows.append(cells)
        self.table.row_places.append(f"第 {line_no} 行")

    def end_table(self) -> None:
        self.table = None

    def paragraph(self, text: str, line_no: int) -> None:
        self.end_table()
        if self.markdown:
            text = _MD_HEADING.sub("", text)
            text = text.replace("**", "").replace("__", "")
            text = re.sub(r"^\s*>\s?", "", text)
        if text.strip():
            self.blocks.append(Block(text=text.strip(), place=f"第 {line_no} 行"))

    def run(self) -> list[Block]:
        lines = self.lines
        i = 0
        blanks = 0
        plain: list[tuple[str, int, int]] = []    # (line, blanks before, line number)
        pipe_open = False
        cells: list[str] | None = None             # the browser-copied row being built
        cell_row_no = 0

        def flush_cells():
            nonlocal cells
            if cells is not None:
                self.row(cells, cell_row_no)
                cells = None

        def flush_plain():
            if plain:
                self._plain(plain)
                plain.clear()

        while i < len(lines):
            line = lines[i].rstrip("\n")
            no = i + 1
            i += 1
            if not line.strip() and "\t" in line and (cells is not None or (i < len(lines) and _is_cell_line(lines[i]))):
                if cells is None:
                    cells, cell_row_no = [], no
                cells.append("")                   # an empty copied cell
                blanks = 0
                continue
            if not line.strip():
                blanks += 1
                if cells is not None and not _is_cell_line(line):
                    flush_cells()                  # a blank line ends a copied row
                pipe_open = False
                continue
            b, blanks = blanks, 0
            if (_is_pipe(line) or ("|" in line and i < len(lines) and _is_pipe(lines[i]))) and not _is_cell_line(line):
                flush_plain()
                flush_cells()
                if _SEPARATOR.match(line.strip()):
                    continue
                s = line.strip()
                if pipe_open and s.startswith("|") and self.table is not None and self.table.rows:
                    self.table.rows[-1].extend(_pipe_cells(s) if s != "|" else [])
                else:
                    if b and self.table is not None and self.markdown:
                        self.end_table()
                    self.row(_pipe_cells(s), no)
                pipe_open = not s.endswith("|")
                continue
            pipe_open = False
            if _is_cell_line(line):
                flush_plain()
                text = line.strip(" \t")
                if cells is not None and labels.is_block_title(text):
                    flush_cells()                  # a block title always heads its own row
                if cells is None:
                    cells, cell_row_no = [], no
                cells.append(text)
                if labels.is_block_title(text):
                    flush_cells()
                continue
            if cells is not None and not b:
                # “商业” / “企业”: the rest of the cell above, wrapped by the browser
                if cells and len(line.strip()) <= 12 and not re.match(r"^\s*[-+]?\d", cells[-1]):
                    cells[-1] = cells[-1] + "\n" + line.strip()
                    continue
            flush_cells()
            if _is_tab_row(line):
                flush_plain()
                self.row([c.strip() for c in line.rstrip().split("\t")], no)
                continue
            plain.append((line, b, no))
        flush_cells()
        flush_plain()
        return self.blocks

    def _plain(self, plain: list[tuple[str, int, int]]) -> None:
        """Plain lines: paragraphs, except where a table lists its cells one per line."""
        k = 0
        while k < len(plain):
            line, _b, no = plain[k]
            if not _starts_flat(line):
                self.paragraph(line, no)
                k += 1
                continue
            j = k + 1
            while j < len(plain) and _is_flat_cell(plain[j][0]):
                j += 1
            if j - k < 3:
                for line, _b, no in plain[k:j]:
                    self.paragraph(line, no)
                k = j
                continue
            self.end_table()
            title_before = False
            for n, (line, b, no) in enumerate(plain[k:j]):
                text = line.strip()
                if n:
                    # extra blank lines are empty cells of the row being listed
                    self.table.rows[-1].extend([""] * max(0, b - 1))
                if n == 0 or title_before or labels.starts_row(text):
                    self.row([], no)
                self.table.rows[-1].append(text)
                title_before = labels.is_block_title(text)
            self.end_table()
            k = j


def _starts_flat(line: str) -> bool:
    t = line.strip()
    return len(t) <= 60 and (labels.is_block_title(t) or labels.starts_row(t))


def _is_flat_cell(line: str) -> bool:
    t = line.strip()
    if labels.match_heading(t) or len(labels.norm(t)) > 60:
        return False
    if re.match(r"^[（(].*[）)]$", t) and not labels.is_known_label(t):
        return False                     # a bracketed remark ends the listed table
    return not (t.endswith("。") and len(t) > 20)


def blocks_from_text(text: str, markdown: bool = False) -> list[Block]:
    return _Lines(text, markdown).run()


# ---------------------------------------------------------------- entry points

def read_text(text: str, name: str = "粘贴的内容", markdown: bool | None = None) -> Loaded:
    if markdown is None:
        markdown = bool(re.search(r"^\s{0,3}#{1,6}\s", text[:20000], re.M))
    _check_text(text, name)
    return read_blocks(blocks_from_text(text, markdown), name, "文本")


def read_bytes(data: bytes, name: str) -> Loaded:
    other = check_bytes(data, name, MAX_BYTES)
    if other is None:
        raise NotAReportError(f"“{name}”不是文本文件（含有二进制内容），可能已损坏或扩展名有误。")
    if other != "text":
        return read_as(other, data, name)
    return read_text(decode(data, name), name, markdown=Path(name).suffix.lower() in (".md", ".markdown") or None)


def read(path: str | Path) -> Loaded:
    return read_path(path, read_bytes)
