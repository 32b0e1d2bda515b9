"""Saved web pages of government sites (and HTML on the clipboard) → report.

Pages come from CMS sites with the report pasted from Word: spans split labels into runs
(“申请人情”+“况”), `<o:p>` and `&nbsp;` everywhere, merged cells as rowspan/colspan, and the
site's header, menus and footer around the article. The article is the smallest element that
holds the section headings (or, failing that, the report's tables); its title is the heading
printed above it or the page title. Charset from the byte-order mark or the `<meta>`
declaration (gb2312/gbk read as GB18030, their superset), else UTF-8, else GB18030.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from . import labels
from .document_grids import Block, check_bytes, read_as, read_blocks, read_path
from .errors import NotAReportError
from .base import Loaded

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
NAME = "网页"

MAX_BYTES = 32 * 1024 * 1024        # a saved report page is a few hundred KB with its chrome
MAX_SPAN = 200                      # colspan/rowspan beyond this is not a report table
MAX_TABLE_CELLS = 100_000

BLOCK = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article header footer
    main nav aside center address figure figcaption hr tr caption form fieldset body html""".split())
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SKIP = frozenset("""script style noscript template head title meta link iframe object embed svg canvas select
    option button input textarea map area video audio""".split())

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "x-cp936": "gb18030", "hz-gb-2312": "gb18030", "unicode": "utf-16", "big5": "big5hkscs"}


def decode(data: bytes) -> tuple[str, str | None]:
    """(text, notice): the page as text, and a sentence when characters had to be replaced."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), None
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(enc, errors="replace"), None
    m = _CHARSET.search(head)
    tried = []
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        declared = _ALIASES.get(declared, declared)
        tried.append(declared)
    for enc in (*tried, "utf-8", "gb18030"):
        try:
            codecs.lookup(enc)
            return data.decode(enc), None
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace"), "网页中有无法识别的字符，已用“�”代替，请核对。"


# ---------------------------------------------------------------- page → blocks

class _Walker:
    def __init__(self):
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.tables = 0
        self.heading = 0          # inside h1…h6: a <br> there breaks a long title, not a paragraph

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf.clear()
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Block(text=re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()))

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text.replace("\r", "").replace("\n", " "))

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP:
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            if not self.heading:
                self.flush()
            return
        block = tag in BLOCK or tag in ("td", "th")
        heading = tag in HEADINGS
        if block:
            self.flush()
        self.heading += heading
        self.add(el.text)
        for ch in el:
            self.walk(ch)
            self.add(ch.tail)
        self.heading -= heading
        if block:
            self.flush()

    def table(self, el) -> None:
        rows = el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        if not rows:
            return
        texts = [[(_cell_text(c), c) for c in tr.xpath("./td|./th")] for tr in rows]
        nested = bool(el.xpath(".//td//table|.//th//table"))
        long_text = any(len(t) > 300 and labels.match_heading(t.split("\n")[0]) for row in texts for t, _c in row)
        if nested or long_text or _layout(texts):
            # a table used for page layout: its cells are the article's blocks
            for tr in rows:
                for c in tr.xpath("./td|./th"):
                    self.walk(c)
            return
        self.tables += 1
        grid = _expand(texts)
        if grid:
            self.blocks.append(Block(rows=grid, place=f"第{self.tables}个表格"))


def _layout(texts) -> bool:
    """One or two big cells full of paragraphs: layout, not data."""
    cells = [t for row in texts for t, _c in row]
    return len(cells) <= 3 and any(t.count("\n") >= 3 and len(t) > 200 for t in cells)


def _cell_text(cell) -> str:
    w = _Walker()
    w.walk(cell)
    w.flush()
    return "\n".join(b.text for b in w.blocks if b.text)


def _span(cell, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(re.sub(r"\D", "", cell.get(name, "1")) or 1)))
    except ValueError:
        return 1


def _expand(texts) -> list[list]:
    """Rows with merged cells expanded: the text in the top-left cell, None in the others."""
    grid: dict[tuple[int, int], str | None] = {}
    width = 0
    for r, row in enumerate(texts):
        c = 0
        for text, cell in row:
            while (r, c) in grid:
                c += 1
            rs, cs = _span(cell, "rowspan"), _span(cell, "colspan")
            if len(grid) + rs * cs > MAX_TABLE_CELLS:
                raise NotAReportError("网页中的表格过大，不像是年度报告，已停止读取。")
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text if dr == dc == 0 else None
            c += cs
            width = max(width, c)
    height = len(texts)
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]


def _leaf_texts(root):
    """(element, text) of the paragraphs: block elements without block children."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "div", "dt", "dd", "span", "strong",
                   "b", "font"):
            text = el.text_content() if len(el) < 40 else ""
            if text and len(text) <= 120:
                yield el, text


def _article(root):
    """The smallest element holding the most section headings (the report's tables otherwise)."""
    marks = []
    for el, text in _leaf_texts(root):
        h = labels.match_heading(text.strip())
        if h:
            marks.append((el, h[0]))
    if not marks:
        marks = [(t, "t") for t in root.iter("table")
                 if any(labels.is_known_label(x) for x in t.itertext() if len(x.strip()) < 60 and x.strip())]
    if not marks:
        return root
    counts: dict = {}
    depth: dict = {}
    for el, key in marks:
        d = 0
        for anc in el.iterancestors():
            counts.setdefault(anc, set()).add(key)
            d += 1
        for anc in el.iterancestors():
            depth[anc] = d
            d -= 1
    best = max(len(v) for v in counts.values())
    return max((a for a, v in counts.items() if len(v) == best), key=lambda a: depth.get(a, 0))


def _title(root, article) -> str | None:
    """The title printed above the article (or inside its first lines), else the page title."""
    for el in article.iterdescendants():        # the article itself holds all the text
        if isinstance(el.tag, str) and el.tag.lower() in ("h1", "h2", "h3", "p", "div"):
            t = " ".join(el.text_content().split())
            if _titleish(t):
                return None                          # the article carries its own title
            if len(t) > 40:
                break
    before = []
    for el in root.iter():
        if el is article:
            break
        if isinstance(el.tag, str) and (el.tag.lower() in ("h1", "h2", "h3")
                                        or "title" in (el.get("class") or "") + (el.get("id") or "")):
            t = " ".join(el.text_content().split())
            if _titleish(t):
                before.append(t)
    if before:
        return before[-1]
    for t in root.iter("title"):
        for part in re.split(r"\s*[-_|—]\s*", t.text_content().strip()):
            if _titleish(part):
                return part
    return None


def _titleish(t: str) -> bool:
    n = labels.norm(t)
    return 6 < len(n) <= 80 and "报告" in n and "政府信息公开" in n and not re.search(r"[。；]", n)


def blocks_from_html(text: str) -> list[Block]:
    import lxml.html
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = re.sub(r"^Version:\d[\s\S]*?(?=<)", "", text)        # the Windows clipboard's CF_HTML header
    if not text.strip():
        return []
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, huge_tree=False))
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    article = _article(root)
    w = _Walker()
    title = _title(root, article)
    if title:
        w.blocks.append(Block(text=title))
    w.walk(article)
    w.flush()
    return w.blocks


# ---------------------------------------------------------------- entry points

def read_html(text: str, name: str = "粘贴的内容", notice: str | None = None) -> Loaded:
    blocks = blocks_from_html(text)
    if not blocks:
        raise NotAReportError(f"“{name}”中没有可读的网页内容。")
    loaded = read_blocks(blocks, name, "网页")
    if notice:
        loaded.notices.insert(0, notice)
    return loaded


def read_bytes(data: bytes, name: str) -> Loaded:
    kind = check_bytes(data, name, MAX_BYTES)
    if kind not in ("html", "text"):
        return read_as(kind, data, name)
    text, notice = decode(data)
    if kind == "text" and not re.search(r"<(p|div|table|br|span|body)\b", text[:200000], re.I):
        from . import text_read
        loaded = text_read.read_text(text, name)
        loaded.notices.insert(0, f"“{name}”不是网页，已按文本读入。")
        return loaded
    return read_html(text, name, notice)


def read(path: str | Path) -> Loaded:
    return read_path(path, read_bytes)


def read_clipboard(html: str | None, text: str | None) -> Loaded:
    """编辑 → 粘贴整份报告: the HTML a browser or Word puts on the clipboard, else its plain text."""
    from . import text_read

    if html and html.strip():
        try:
            return read_html(html, "粘贴的内容")
        except NotAReportError:
            if not (text and text.strip()):
                raise
    if text and text.strip():
        return text_read.read_text(text, "粘贴的内容")
    raise NotAReportError("剪贴板中没有文字内容。请在网页或 Word 中选中整份报告，复制后再粘贴。")
