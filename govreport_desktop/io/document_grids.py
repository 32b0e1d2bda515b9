"""Published reports (Word, PDF, web pages, text) → one grid of cell texts → the shared table reader.

Every document reader turns its file into a flat sequence of blocks — paragraphs and tables
whose merged cells are already expanded (text in the top-left cell, None in the rest) — and
hands them to `read_blocks`. The blocks become one `Grid` in document order, so the shared
reader (Grid, VisibleReader, read_grids) finds sections by their headings and tables by their
labels exactly as in other units' workbooks; there is no second table finder.

Before that, what every published document carries around the report is taken off and
reported: the site's information lines (索引号、发布机构…), the signature and date at the end,
a note printed under a table. Afterwards the import summary says what was missing or could not
be placed, with where it was found.

The shared reader is io/tables.py (`read_grids`), as for other units' workbooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import labels, table_notes
from .base import Loaded
from .errors import NotAReportError, read_bytes as _read_file
from .grid import Grid
from .tables import read_grids

MAX_ROWS = 200_000          # rows of the whole document; a real report has a few hundred
MAX_CELL = 20_000           # characters kept of one cell or paragraph

# Information lines of government CMS pages and of copied articles (not part of the report).
_META = re.compile(r"^(来源|名称|标题|索引号|分类|主题分类|发布机构|公开日期|发布日期|发布时间|生成日期|成文日期|"
                   r"文号|关键词|主题词|时效|有效性|信息来源|浏览次数|访问次数|作者|字号|打印|关闭)\s*[：:]")
_DATE = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$")
_PAGE_NO = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-—–－\s]*$")


@dataclass
class Block:
    """A paragraph (`text`) or a table (`rows`), with where it was found for messages."""

    text: str | None = None
    rows: list[list] | None = None
    place: str = ""                       # e.g. “第3页”, “第2个表格”
    row_places: list[str] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return self.rows is not None


class DocumentGrid(Grid):
    """The whole document as one grid; `where()` names pages and tables, not sheet rows."""

    def __init__(self, name: str, rows: list[list], places: list[str]):
        super().__init__(name, rows, kind="文档")
        self.places = places

    def where(self, r: int) -> str:
        if 0 <= r < len(self.places) and self.places[r]:
            return self.places[r]
        return f"第 {r + 1} 行"

    def span(self, first: int, last: int) -> str:
        a, b = self.where(first), self.where(last)
        return a if a == b else f"{a}至{b}"


def clean_text(text: str) -> str:
    """A paragraph or cell as the reader keeps it: no control characters, no NBSP, bounded."""
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "").replace("\u200b", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return text[:MAX_CELL]


def squash_cjk_spaces(text: str) -> str:
    """Spaces between Chinese characters (PDF and OCR artefacts: “政府 信息”) removed."""
    cjk = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]"
    return re.sub(rf"(?<={cjk})[ \t]+(?={cjk})|(?<={cjk})[ \t]+(?=\d)|(?<=\d)[ \t]+(?={cjk})", "", text)


# ---------------------------------------------------------------- tidying the blocks

def _is_title(text: str) -> bool:
    n = labels.norm(text)
    return (len(n) <= 80 and "政府信息公开" in n and "报告" in n and not re.search(r"[。；]", n)
            and not labels.match_heading(text))


def _tidy(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Front matter, signature and table notes taken off; what was taken is in the notices."""
    notices: list[str] = []
    out = [b for b in blocks if b.is_table or (b.text and b.text.strip())]
    first_heading = next((i for i, b in enumerate(out) if not b.is_table and labels.match_heading(b.text)),
                         len(out))
    dropped_meta: list[str] = []
    front: list[Block] = []
    for i, b in enumerate(out[:first_heading]):
        if b.is_table:
            front.append(b)
            continue
        t = b.text.strip()
        if _META.match(t):
            dropped_meta.append(t.split("：")[0].split(":")[0].strip())
            continue
        front.append(b)
    # A title printed on two lines (“…政府信息公开” / “年度工作报告”) is one title.
    joined: list[Block] = []
    for b in front:
        prev = joined[-1] if joined else None
        if (prev is not None and not prev.is_table and not b.is_table and not _is_title(prev.text)
                and len(prev.text.strip()) <= 40 and len(b.text.strip()) <= 20 and b.text.strip().endswith("报告")
                and _is_title(prev.text.strip() + b.text.strip())):
            prev.text = prev.text.strip() + b.text.strip()
            continue
        joined.append(b)
    # Under the title some reports print the unit and the date: not part of the introduction.
    title_at = next((i for i, b in enumerate(joined) if not b.is_table and _is_title(b.text)), None)
    if title_at is not None:
        joined[title_at].text = squash_cjk_spaces(joined[title_at].text.strip())
        j = title_at + 1
        taken = []
        while j < len(joined) and len(taken) < 2 and not joined[j].is_table:
            t = joined[j].text.strip()
            if _DATE.match(t) or (len(t) <= 30 and not re.search(r"[，。；：,;:]", t) and j + 1 < len(joined)
                                  and not joined[j + 1].is_table and _DATE.match(joined[j + 1].text.strip())):
                taken.append(t)
                j += 1
                continue
            break
        if taken:
            notices.append(f"标题下的“{' '.join(taken)}”（单位和日期）未计入正文。")
            del joined[title_at + 1:j]
    if dropped_meta:
        notices.append(f"已略去网页或文档的信息栏（{'、'.join(dict.fromkeys(dropped_meta))}），不计入正文。")
    out = joined + out[first_heading:]

    # The signature at the end: a date line, maybe preceded by the unit's name.
    tail: list[str] = []
    while out and not out[-1].is_table and len(tail) < 3:
        t = out[-1].text.strip()
        if _DATE.match(t) or (tail and len(t) <= 30 and not re.search(r"[，。；：,;:、]", t)
                              and not labels.match_heading(t)):
            tail.insert(0, t)
            out.pop()
            continue
        break
    if tail:
        notices.append(f"文末落款“{' '.join(tail)}”未计入正文。")

    # A line under a table that explains it (注：…, or wholly in brackets) belongs to the table;
    # so do the items “2.…”, “3.…” that follow a numbered “注：1.…”.
    kept: list[Block] = []
    notes: list[tuple[str, str]] = []        # (text, the table's place)
    last_note = ""
    for b in out:
        under_table = not b.is_table and kept and kept[-1].is_table and len(b.text) <= 300
        if under_table and last_note and table_notes.continues_note(b.text, last_note):
            notes.append((b.text.strip(), kept[-1].place))
            last_note = b.text
            continue
        last_note = ""
        if (under_table and re.match(r"^\s*(注[：:]|[（(].*[）)]\s*$)", b.text) and not labels.match_heading(b.text)
                and not labels.is_known_label(b.text)):
            notes.append((b.text.strip(), kept[-1].place))
            last_note = b.text if table_notes.starts_note(b.text) else ""
            continue
        kept.append(b)
    return kept, notices, notes


def _attach_notes(loaded: Loaded, notes: list[tuple[str, str]]) -> list[str]:
    """The 注 naming a cell as the exports print them become that cell's note; the notices for the rest."""
    found, other = table_notes.cell_notes([t for t, _place in notes], loaded.report.fmt)
    for path, text in found.items():
        loaded.report.notes.setdefault(path, text)
    places = dict(notes)
    return [f"{places[t] or '表格'}下方的说明“{t[:60]}”未计入正文。" for t in other]


# ---------------------------------------------------------------- the grid

def to_grid(blocks: list[Block], name: str) -> DocumentGrid:
    rows: list[list] = []
    places: list[str] = []
    for b in blocks:
        if b.is_table:
            for i, row in enumerate(b.rows):
                rows.append([clean_text(v) if isinstance(v, str) else v for v in row])
                rp = b.row_places[i] if i < len(b.row_places) else ""
                places.append(rp or (f"{b.place}第 {i + 1} 行" if b.place else ""))
        else:
            rows.append([clean_text(b.text.strip())])
            places.append(b.place)
        if len(rows) > MAX_ROWS:
            raise NotAReportError(f"“{name}”内容过多（超过 {MAX_ROWS} 行），不像是年度报告，已停止读取。")
    return DocumentGrid(name, rows, places)


def _missing_headings(blocks: list[Block]) -> list[str]:
    from ..core.formats.common import HEADINGS

    found = set()
    for b in blocks:
        texts = [b.text] if not b.is_table else [v for row in b.rows[:3] for v in row if isinstance(v, str)]
        for t in texts:
            h = labels.match_heading(t)
            if h:
                found.add(h[0])
    return [HEADINGS[k] for k in HEADINGS if k not in found]


def _unplaced(blocks: list[Block]) -> list[str]:
    """Table rows with numbers whose label no table of either format has."""
    out = []
    for b in blocks:
        if not b.is_table:
            continue
        known_table = any(labels.is_known_label(v) for row in b.rows for v in row if isinstance(v, str))
        if not known_table:
            if any(isinstance(v, str) and re.search(r"\d", v) for row in b.rows for v in row):
                out.append(f"{b.place or '表格'}（{len(b.rows)} 行）不是年度报告的表格，未读入")
            continue
        for i, row in enumerate(b.rows):
            texts = [v for v in row if isinstance(v, str) and v.strip()]
            numbers = [v for v in texts if re.match(r"^\s*[-+]?\d", v)]
            words = [v for v in texts if v not in numbers]
            if numbers and words and not any(labels.is_known_label(v) for v in words):
                where = b.row_places[i] if i < len(b.row_places) and b.row_places[i] else f"{b.place}第 {i + 1} 行"
                out.append(f"{where}“{'、'.join(w.strip() for w in words)[:40]}”")
    return out


def read_blocks(blocks: list[Block], name: str, kind: str = "文档") -> Loaded:
    """The report in `blocks`: a new, unsaved report with what the import noticed."""
    blocks, notices, notes = _tidy(blocks)
    if not blocks:
        raise NotAReportError(f"“{name}”中没有文字内容，无法作为年度报告读入。")
    grid = to_grid(blocks, name)
    loaded = read_grids([grid], name, kind)
    missing = _missing_headings(blocks)
    if missing:
        loaded.notices.append(f"{kind}中未找到标题：{'、'.join(missing)}（原文可能不完整），相应部分为空。")
    unplaced = _unplaced(blocks)
    if unplaced:
        more = f"等 {len(unplaced)} 处" if len(unplaced) > 8 else ""
        loaded.notices.append("表格中不属于官方格式的内容：" + "；".join(unplaced[:8]) + more + "。")
    loaded.notices.extend(notices + _attach_notes(loaded, notes))
    return loaded


# ---------------------------------------------------------------- what a file really is

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str | None:
    """The kind of document behind any suffix: 'pdf', 'zip', 'ole', 'html', 'rtf', 'text' or None."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE):
        return "ole"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    low = head.lower()
    for bom in (b"\xef\xbb\xbf", b""):
        s = low[len(bom):].lstrip() if low.startswith(bom) else None
        if s and (s.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<p"))):
            return "html"
    u16 = low.replace(b"\x00", b"")
    if low.count(b"\x00") > len(low) // 4 and (b"<html" in u16 or b"<!doctype html" in u16):
        return "html"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 4
                               or utf16_encoding(head)):
        return None
    return "text"


def utf16_encoding(head: bytes) -> str | None:
    """The UTF-16 byte order of Chinese text without a byte-order mark (few zero bytes: only its
    ASCII has them), or None when the bytes do not read as such text."""
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = head[: len(head) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\n\r\t，。、")
        if text and good > 0.9 * len(text):
            return enc
    return None


_READER_OF = {"pdf": ("pdf_read", "PDF 文件"), "html": ("html_read", "网页（HTML）"),
              "zip": ("docx_read", "Word 文档"), "ole": ("docx_read", "Word 文档"), "text": ("text_read", "文本")}


def read_as(kind: str, data: bytes, name: str) -> Loaded:
    """Read a file whose suffix does not say what it is (“报告.txt” that is a web page …) with the
    reader of what it really is. The readers call this, so it finds them by name, as the registry
    does (io/base.py), instead of importing them back."""
    import importlib

    if kind == "rtf":
        raise NotAReportError(f"“{name}”是 RTF 格式。请在 Word 或 WPS 中打开后“另存为” .docx 文件，再导入。")
    if kind not in _READER_OF:
        raise NotAReportError(f"“{name}”的内容无法识别，可能已损坏或扩展名有误。")
    module, what = _READER_OF[kind]
    reader = importlib.import_module(f"{__package__}.{module}")
    if kind == "text":
        loaded = reader.read_text(reader.decode(data, name), name)
    else:
        loaded = reader.read_bytes(data, name)
    loaded.notices.insert(0, f"“{name}”的扩展名与内容不符，已按{what}读入。")
    return loaded


def check_bytes(data: bytes, name: str, limit: int) -> str | None:
    """What every reader checks first (not too big for a report, not empty); the sniffed kind."""
    if len(data) > limit:
        raise NotAReportError(f"“{name}”过大（{len(data) // (1024 * 1024)} MB），不像是年度报告，未打开。")
    if not data.strip():
        raise NotAReportError(f"“{name}”是空文件。")
    return sniff(data)


def read_path(path, read_bytes) -> Loaded:
    """A reader's `read(path)`: the file's bytes (with the OS's reasons in Chinese) → `read_bytes`."""
    from pathlib import Path

    path = Path(path)
    return read_bytes(_read_file(path), path.name)
