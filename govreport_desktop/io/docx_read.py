"""Word and WPS documents (.docx) → report; the old binary formats get advice instead.

The document part is read with lxml directly (no entity resolution, no network, sizes capped
before anything is decompressed), which is several times faster than building python-docx's
object model and sidesteps its merged-cell duplicates: a horizontally merged cell is one
`<w:tc>` with `w:gridSpan`, a vertical merge is a `<w:tc>` with `w:vMerge` in each row, so the
grid is rebuilt from the `<w:tc>` elements themselves (text in the top-left cell, None in the
rest). Heading numbers that Word generates (“一、” of an automatically numbered list) are
rendered from numbering.xml, because the section headings are found by them.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from .document_grids import Block, check_bytes, read_as, read_blocks, read_path
from .errors import EncryptedFileError, NotAReportError, OldFormatError
from .base import Loaded

SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")
NAME = "Word 文档"

MAX_FILE = 64 * 1024 * 1024
MAX_PART = 64 * 1024 * 1024          # document.xml uncompressed; a report is well under 2 MB
MAX_RATIO = 300
MAX_GRID = 64                        # columns of one table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_w = "{%s}" % W


def _q(tag: str) -> str:
    return _w + tag


# ---------------------------------------------------------------- the container

def _old_or_locked(data: bytes, name: str) -> NotAReportError:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return EncryptedFileError(f"“{name}”设有打开密码，无法读取。请在 Word 或 WPS 中打开，取消密码"
                                  "（文件 → 信息 → 保护文档，或 文件 → 文档加密）后另存为 .docx，再导入。")
    if "WordDocument".encode("utf-16-le") in data:
        return OldFormatError(f"“{name}”是旧版 Word/WPS 格式（.doc/.wps），无法直接读取。"
                              "请在 Word 或 WPS 中打开后“另存为” Word 文档（.docx），再导入。")
    if "Workbook".encode("utf-16-le") in data:
        return NotAReportError(f"“{name}”实际是 Excel 工作簿（.xls），请将扩展名改为 .xls 后打开。")
    return NotAReportError(f"“{name}”不是 Word 文档（.docx），可能已损坏或扩展名有误。")


def _part(zf: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    try:
        info = zf.getinfo(member)
    except KeyError:
        return None
    bomb = NotAReportError(f"“{name}”的压缩内容异常（解压后过大），可能是恶意文件，已拒绝打开。")
    if info.file_size > MAX_PART or (info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
        raise bomb
    try:
        with zf.open(info) as f:
            data = f.read(MAX_PART + 1)      # the declared size may lie
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise NotAReportError(f"“{name}”已损坏或不完整，无法作为 Word 文档打开。") from None
    if len(data) > MAX_PART:
        raise bomb
    return data


def _xml(data: bytes, name: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise NotAReportError(f"“{name}”已损坏（文档内容不是有效的 XML），无法读取。") from None


def _main_part(zf: zipfile.ZipFile, name: str) -> str:
    rels = _part(zf, "_rels/.rels", name)
    if rels:
        for rel in _xml(rels, name):
            if rel.get("Type") == R_OFFICE and rel.get("Target"):
                return posixpath.normpath(rel.get("Target").lstrip("/"))
    return "word/document.xml"


# ---------------------------------------------------------------- numbering (一、 二、 …)

_CN = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN[tens]) + "十" if tens else "") + (_CN[ones] if ones or not tens else "")


def _format(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt.startswith("ideograph") or fmt == "taiwaneseCounting":
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Renders the automatic number of a paragraph (w:numPr) from numbering.xml."""

    def __init__(self, root, styles=None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, object] = {}      # style id → its w:numPr (headings numbered by style)
        self.based_on: dict[str, str] = {}
        for st in styles.iter(_q("style")) if styles is not None else ():
            sid = st.get(_q("styleId"))
            numpr = st.find(f"{_q('pPr')}/{_q('numPr')}")
            if numpr is not None:
                self.style_num[sid] = numpr
            base = st.find(_q("basedOn"))
            if base is not None:
                self.based_on[sid] = base.get(_q("val"))
        if root is None:
            return
        abstract = {}
        for a in root.iter(_q("abstractNum")):
            lv = {}
            for lvl in a.iter(_q("lvl")):
                ilvl = int(lvl.get(_q("ilvl"), "0") or 0)
                fmt = lvl.find(_q("numFmt"))
                text = lvl.find(_q("lvlText"))
                start = lvl.find(_q("start"))
                lv[ilvl] = (fmt.get(_q("val"), "decimal") if fmt is not None else "decimal",
                            text.get(_q("val"), "") if text is not None else "",
                            int(start.get(_q("val"), "1") or 1) if start is not None else 1)
            abstract[a.get(_q("abstractNumId"))] = lv
        for num in root.iter(_q("num")):
            ref = num.find(_q("abstractNumId"))
            if ref is not None:
                self.levels[num.get(_q("numId"))] = abstract.get(ref.get(_q("val")), {})

    def label(self, p) -> str:
        ppr = p.find(_q("pPr"))
        numpr = ppr.find(_q("numPr")) if ppr is not None else None
        style_pr = None
        pstyle = ppr.find(_q("pStyle")) if ppr is not None else None
        sid, seen = (pstyle.get(_q("val")) if pstyle is not None else None), set()
        while sid and sid not in seen and style_pr is None:
            seen.add(sid)
            style_pr = self.style_num.get(sid)
            sid = self.based_on.get(sid)
        if numpr is None:
            numpr = style_pr
        if numpr is None:
            return ""
        num_id = numpr.find(_q("numId"))
        if num_id is None and style_pr is not None:
            num_id = style_pr.find(_q("numId"))
        ilvl_el = numpr.find(_q("ilvl"))
        nid = num_id.get(_q("val")) if num_id is not None else None
        levels = self.levels.get(nid)
        if not levels:
            return ""
        ilvl = int(ilvl_el.get(_q("val"), "0") or 0) if ilvl_el is not None else 0
        if ilvl not in levels or ilvl > 8:
            return ""
        counts = self.counters.setdefault(nid, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0

        def render(m):
            k = int(m.group(1)) - 1
            fmt, _t, start = levels.get(k, ("decimal", "", 1))
            return _format(counts[k] + start - 1 if k < len(counts) else 1, fmt)

        return re.sub(r"%(\d)", render, levels[ilvl][1])


# ---------------------------------------------------------------- the body

def _text(el) -> str:
    """The visible text of a paragraph or cell: runs, tabs, breaks; no deleted text, no field
    codes, no fallback copies of drawings, no text boxes."""
    out: list[str] = []
    skip = {_q("delText"), _q("instrText"), "{%s}Fallback" % MC, _q("txbxContent"), _q("del")}

    def go(node):
        for ch in node:
            tag = ch.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == _q("t"):
                out.append(ch.text or "")
            elif tag == _q("tab"):
                out.append("\t")
            elif tag in (_q("br"), _q("cr")):
                out.append("\n")
            elif tag == _q("p"):
                if out and not out[-1].endswith("\n"):
                    out.append("\n")
                go(ch)
            else:
                go(ch)

    go(el)
    return "".join(out)


def _val(el, tag: str):
    pr = el.find(_q("tcPr"))
    x = pr.find(_q(tag)) if pr is not None else None
    return x


def _owner(el, tag: str):
    """The nearest enclosing element named `tag` (rows and cells may sit inside content controls)."""
    for anc in el.iterancestors(_q(tag)):
        return anc
    return None


def _table(tbl, numbering: _Numbering) -> list[list]:
    rows: list[list] = []
    width = len(tbl.findall(f"{_q('tblGrid')}/{_q('gridCol')}"))
    for tr in tbl.iter(_q("tr")):
        if _owner(tr, "tbl") is not tbl:
            continue                         # a row of a nested table
        row: list = []
        trpr = tr.find(_q("trPr"))
        before = trpr.find(_q("gridBefore")) if trpr is not None else None
        if before is not None:
            row.extend([None] * min(MAX_GRID, int(before.get(_q("val"), "0") or 0)))
        for tc in tr.iter(_q("tc")):
            if _owner(tc, "tr") is not tr:
                continue
            span_el = _val(tc, "gridSpan")
            span = max(1, min(MAX_GRID, int(span_el.get(_q("val"), "1") or 1))) if span_el is not None else 1
            vm = _val(tc, "vMerge")
            continued = vm is not None and vm.get(_q("val"), "continue") != "restart"
            text = None if continued else "\n".join(
                line for line in _text(tc).split("\n"))
            row.append(text.strip("\n") if text is not None else None)
            row.extend([None] * (span - 1))
            if len(row) > MAX_GRID:
                break
        rows.append(row[:MAX_GRID])
    width = max([width] + [len(r) for r in rows]) if rows else 0
    return [r + [None] * (width - len(r)) for r in rows]


def blocks_from_docx(data: bytes, name: str) -> list[Block]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise NotAReportError(f"“{name}”已损坏或不完整，无法作为 Word 文档打开。") from None
    if "xl/workbook.xml" in names:
        raise NotAReportError(f"“{name}”实际是 Excel 工作簿，请将扩展名改为 .xlsx 后打开。")
    main = _main_part(zf, name)
    doc = _part(zf, main, name)
    if doc is None:
        raise NotAReportError(f"“{name}”是压缩文件，但不是 Word 文档（.docx）。")
    root = _xml(doc, name)
    num_xml = _part(zf, posixpath.join(posixpath.dirname(main), "numbering.xml"), name)
    styles_xml = _part(zf, posixpath.join(posixpath.dirname(main), "styles.xml"), name)
    numbering = _Numbering(_xml(num_xml, name) if num_xml else None, _xml(styles_xml, name) if styles_xml else None)
    body = root.find(_q("body"))
    if body is None:
        raise NotAReportError(f"“{name}”中没有正文内容。")
    blocks: list[Block] = []
    tables = 0

    def walk(container):
        nonlocal tables
        for el in container:
            tag = el.tag
            if tag == _q("p"):
                text = numbering.label(el) + _text(el)
                for line in text.split("\n"):
                    if line.strip():
                        blocks.append(Block(text=line.strip()))
            elif tag == _q("tbl"):
                tables += 1
                rows = _table(el, numbering)
                if rows:
                    blocks.append(Block(rows=rows, place=f"第{tables}个表格"))
            elif tag in (_q("sdt"), _q("customXml"), _q("sdtContent"), "{%s}AlternateContent" % MC, "{%s}Choice" % MC):
                walk(el)

    walk(body)
    return blocks


# ---------------------------------------------------------------- entry points

def read_bytes(data: bytes, name: str) -> Loaded:
    kind = check_bytes(data, name, MAX_FILE)
    if kind == "ole":
        raise _old_or_locked(data, name)
    if kind != "zip":
        if kind in ("pdf", "html", "rtf") or (kind == "text" and Path(name).suffix.lower() in (".doc", ".wps")):
            # Word's “save as web page” and “.doc” files that are really RTF or HTML are common
            return read_as(kind, data, name)
        raise NotAReportError(f"“{name}”不是 Word 文档（.docx），可能已损坏或扩展名有误。")
    return read_blocks(blocks_from_docx(data, name), name, "文档")


def read(path: str | Path) -> Loaded:
    return read_path(path, read_bytes)
