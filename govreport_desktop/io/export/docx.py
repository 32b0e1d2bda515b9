"""Word export: the report as a .docx in the style of Chinese official documents (GB/T 9704).

A4 with the standard margins; the title in 二号 方正小标宋简体 on balanced lines; body 三号
仿宋_GB2312 at a fixed 28.95 pt (22 lines a page) with a two-character indent; 一、 headings in
黑体, （一） headings in 楷体_GB2312; the three tables as in the official form in 五号 宋体
with repeated header rows and rows that never split; “— 1 —” page numbers, odd pages right
and even pages left. Each typeface names its common fallback (宋体, 仿宋, 楷体) in the font
table, which Word and WPS use on machines without the official fonts.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

from ... import APP_NAME
from ...core.report import Report
from .publication import Grid, Para, Publication, Title, build
from . import docx_xml as X
from .typeset import FACES, INDENT_EM, LINE_PT, MARGIN_MM, PAGE_MM, PAGE_NUMBER_GAP_MM, TABLE_LINE_PT
from . import review

SUFFIX = ".docx"
NAME = "Word 文档"

# Paragraph styles: id → (name shown in Word, face, paragraph properties)
_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{X.twips(LINE_PT)}" w:lineRule="exact"/>'
_INDENT = f'<w:ind w:firstLineChars="{INDENT_EM * 100}" w:firstLine="{X.twips(INDENT_EM * FACES["body"].size)}"/>'
_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0" w:left="0" w:right="0"/>'
_TABLE = f'<w:spacing w:before="0" w:after="0" w:line="{X.twips(TABLE_LINE_PT)}" w:lineRule="exact"/>'
STYLES = {
    "GovTitle": ("公文标题", "title", f'<w:keepNext/>{_EXACT}{_NO_INDENT}<w:jc w:val="center"/>'),
    "GovH1": ("一级标题", "h1", f'<w:keepNext/>{_EXACT}{_INDENT}<w:jc w:val="both"/><w:outlineLvl w:val="0"/>'),
    "GovH2": ("二级标题", "h2", f'<w:keepNext/>{_EXACT}{_INDENT}<w:jc w:val="both"/><w:outlineLvl w:val="1"/>'),
    "GovPlain": ("正文（不缩进）", "body", f'{_EXACT}{_NO_INDENT}<w:jc w:val="both"/>'),
    "GovTable": ("表格文字", "table", f'{_TABLE}{_NO_INDENT}<w:jc w:val="center"/>'),
    "GovNote": ("表注", "table", f'<w:spacing w:before="60" w:after="0" w:line="{X.twips(TABLE_LINE_PT)}" '
                                 f'w:lineRule="exact"/>{_NO_INDENT}<w:jc w:val="both"/>'),
}
KIND_STYLE = {"h1": "GovH1", "h2": "GovH2", "body": "Normal", "plain": "GovPlain", "note": "GovNote"}
KIND_FACE = {"GovH1": "h1", "GovH2": "h2", "Normal": "body", "GovPlain": "body", "GovNote": "table"}
# Font table entries: the official face, the face Word should use where it is missing.
ALT_FONTS = {
    "方正小标宋简体": ("宋体", "roman"), "仿宋_GB2312": ("仿宋", "modern"), "楷体_GB2312": ("楷体", "modern"),
    "宋体": ("SimSun", "auto"), "仿宋": ("FangSong", "modern"), "楷体": ("KaiTi", "modern"),
    "黑体": ("SimHei", "modern"),
}


def encode(report: Report, *, problems=None) -> tuple[bytes, list[str]]:
    """The report as .docx bytes, with notices about what the document leaves out."""
    pub = build(report)
    return render(pub), pub.notices + review.error_notice(problems)


def encode_review(report: Report, *, problems=None) -> tuple[bytes, list[str]]:
    """The 审核情况说明 (remaining problems, accepted warnings with their 说明) as a .docx."""
    pub = review.build(report, problems)
    return render(pub), pub.notices


def render(pub: Publication) -> bytes:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.shared import Mm

    doc = Document()
    _styles(doc, parse_xml)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGIN_MM["top"]), Mm(MARGIN_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGIN_MM["left"]), Mm(MARGIN_MM["right"])
    section.header_distance = Mm(15)
    # the page number line 7 mm below the 版心: footer distance is to the bottom of the text
    section.footer_distance = Mm(MARGIN_MM["bottom"] - PAGE_NUMBER_GAP_MM - FACES["page"].size * 1.3 / 72 * 25.4)
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        el = footer._element
        for child in list(el):
            el.remove(child)
        el.append(parse_xml(X.page_number(side)))
    body = doc.element.body
    sect = body.sectPr
    for child in list(body):
        if child is not sect:
            body.remove(child)
    for xml in _blocks(pub):
        sect.addprevious(parse_xml(xml))
    props = doc.core_properties
    props.title = pub.title[:250]
    props.author = pub.author[:250]
    props.subject = pub.subject
    props.last_modified_by = APP_NAME
    props.comments = f"由{APP_NAME}导出"
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    _drop_thumbnail(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _with_font_table(buf.getvalue())


def _blocks(pub: Publication):
    previous = None
    for block in pub.blocks:
        if isinstance(block, Title):
            yield X.paragraph("GovTitle", X.lines(list(block.lines)))
            yield X.paragraph("Normal", "")                 # one blank line under the title
        elif isinstance(block, Grid):
            yield X.table(block)
        elif isinstance(block, Para):
            after_table = isinstance(previous, Grid) or getattr(previous, "kind", "") == "note"
            if after_table and block.kind != "note":
                yield X.paragraph("Normal", "")            # air between a table (and its 注) and what follows
            style = KIND_STYLE[block.kind]
            own = KIND_FACE[style]
            runs = "".join(X.run(r.text, None if r.face == own else r.face) for r in block.runs)
            yield X.paragraph(style, runs)
        previous = block
    if isinstance(previous, Grid):
        yield X.paragraph("Normal", "")                    # a document must not end with a table


def _styles(doc, parse_xml) -> None:
    """Document defaults, Normal (the body text) and the styles of this document."""
    styles = doc.styles.element
    defaults = styles.find(f"{{{X.W_NS}}}docDefaults")
    if defaults is not None:
        styles.remove(defaults)
    body = FACES["body"]
    styles.insert(0, parse_xml(
        f'<w:docDefaults {X.NS}><w:rPrDefault>'
        f'<w:rPr>{X.fonts(body)}<w:kern w:val="2"/><w:sz w:val="{round(body.size * 2)}"/>'
        f'<w:szCs w:val="{round(body.size * 2)}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{_EXACT}</w:pPr></w:pPrDefault></w:docDefaults>'))
    normal = doc.styles["Normal"].element
    for child in list(normal):
        if child.tag in (f"{{{X.W_NS}}}pPr", f"{{{X.W_NS}}}rPr"):
            normal.remove(child)
    normal.append(parse_xml(f'<w:pPr {X.NS}><w:widowControl/>{_EXACT}{_INDENT}<w:jc w:val="both"/></w:pPr>'))
    normal.append(parse_xml(X.run_props(body).replace("<w:rPr>", f"<w:rPr {X.NS}>", 1)))
    footer = doc.styles["Footer"].element
    for child in list(footer):
        if child.tag in (f"{{{X.W_NS}}}pPr", f"{{{X.W_NS}}}rPr"):
            footer.remove(child)
    footer.append(parse_xml(f'<w:pPr {X.NS}><w:spacing w:before="0" w:after="0" w:line="240" '
                            f'w:lineRule="auto"/>{_NO_INDENT}</w:pPr>'))
    footer.append(parse_xml(X.run_props(FACES["page"]).replace("<w:rPr>", f"<w:rPr {X.NS}>", 1)))
    for sid, (name, face, ppr) in STYLES.items():
        styles.append(parse_xml(
            f'<w:style {X.NS} w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            f'<w:pPr>{ppr}</w:pPr>{X.run_props(FACES[face])}</w:style>'))
    settings = doc.settings.element
    lang = settings.find(f"{{{X.W_NS}}}themeFontLang")
    if lang is not None:
        lang.set(f"{{{X.W_NS}}}eastAsia", "zh-CN")


def _drop_thumbnail(doc) -> None:
    """python-docx's template carries a picture of an empty page as the file's thumbnail."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            rels.pop(rid)


def _with_font_table(data: bytes) -> bytes:
    """Adds the official typefaces, each naming its fallback, to word/fontTable.xml."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, (alt, family) in ALT_FONTS.items())
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "word/fontTable.xml":
                blob = blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")
            dst.writestr(item, blob)
    return out.getvalue()
