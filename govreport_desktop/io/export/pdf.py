"""PDF export with the layout and typography of the Word export, without Word or LibreOffice.

Drawn with ReportLab (BSD licence) from the same `Publication` as the .docx: A4, GB/T 9704
margins, fixed 28.95 pt lines, the official typefaces found on this machine at run time
(`fonts.py`) and embedded as subsets, so the file shows the same on any computer. Tables
repeat their header rows on each page, never split a row, keep 表一/表三 and each group of
表二 on one page; 表二 may break inside 三、本年度办理结果, as in Word.
"""

from __future__ import annotations

import io

from ... import APP_NAME
from ...core.report import Report
from . import review
from .fonts import NO_FONT, FontMissingError, find
from .publication import Grid, Para, Publication, Title, build
from .typeset import (FACES, INDENT_EM, LINE_PT, MARGIN_MM, MM, PAGE_MM, PAGE_NUMBER_GAP_MM,
                      TABLE_LINE_PT, TABLE_PAD_PT)

SUFFIX = ".pdf"
NAME = "PDF 文档"
_registered: dict[tuple[str, int], str] = {}     # (font file, index) → name registered with ReportLab


def encode(report: Report, *, problems=None) -> tuple[bytes, list[str]]:
    """The report as PDF bytes, with notices (fonts stood in for, characters the fonts lack)."""
    pub = build(report)
    data, notices = render(pub)
    return data, pub.notices + notices + review.error_notice(problems)


def encode_review(report: Report, *, problems=None) -> tuple[bytes, list[str]]:
    """The 审核情况说明 as a separate PDF."""
    pub = review.build(report, problems)
    data, notices = render(pub)
    return data, pub.notices + notices


# ---------------------------------------------------------------- fonts


def _register(faces: set[str], texts: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """ReportLab font names for the faces used, and notices about stand-ins and missing glyphs."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    names: dict[str, str] = {}
    notices: list[str] = []
    for key in sorted(faces):
        face = FACES[key]
        font, substituted = find(face.names)
        if font is None:
            raise FontMissingError(NO_FONT)
        ident = (str(font.path), font.index)
        if ident not in _registered:
            rl_name = f"gr{len(_registered)}"
            try:
                pdfmetrics.registerFont(TTFont(rl_name, str(font.path), subfontIndex=font.index))
            except (TTFError, OSError, ValueError) as e:
                raise FontMissingError(f"字体“{font.family}”（{font.path.name}）无法嵌入 PDF：{e}。"
                                       "请安装宋体、仿宋等常用中文字体后再试。") from None
            _registered[ident] = rl_name
        names[key] = _registered[ident]
        if substituted:
            notices.append(f"本机未安装{face.names[-1]}，PDF 中以“{font.family}”代替。")
        missing = _missing_glyphs(pdfmetrics.getFont(names[key]), texts.get(key, ""))
        if missing:
            shown = "".join(missing[:10]) + ("…" if len(missing) > 10 else "")
            notices.append(f"字体“{font.family}”中没有“{shown}”等 {len(missing)} 个字符，PDF 中这些字符显示为空白。")
    return names, list(dict.fromkeys(notices))


def _missing_glyphs(font, text: str) -> list[str]:
    cmap = font.face.charToGlyph
    return sorted(ch for ch in set(text) if ord(ch) not in cmap and not ch.isspace())


def _texts(pub: Publication) -> dict[str, str]:
    """All text by the face it is set in (to check the fonts have every character)."""
    out: dict[str, list[str]] = {}
    for block in pub.blocks:
        if isinstance(block, Title):
            out.setdefault("title", []).append(block.text)
        elif isinstance(block, Para):
            for r in block.runs:
                out.setdefault(r.face, []).append(r.text)
        elif isinstance(block, Grid):
            for c in block.cells:
                out.setdefault(c.face, []).append(c.text)
    out.setdefault("page", []).append("— 0123456789 —")
    return {k: "".join(v) for k, v in out.items()}


# ---------------------------------------------------------------- layout


def render(pub: Publication) -> tuple[bytes, list[str]]:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    from .pdf_text import TextBlock, TextStyle

    texts = _texts(pub)
    fonts, notices = _register(set(FACES), texts)
    indent = INDENT_EM * FACES["body"].size
    size = FACES["body"].size
    styles = {
        "title": TextStyle(FACES["title"].size, LINE_PT, align="center", keep_with_next=True),
        "h1": TextStyle(size, LINE_PT, indent, keep_with_next=True),
        "h2": TextStyle(size, LINE_PT, indent, keep_with_next=True),
        "body": TextStyle(size, LINE_PT, indent),
        "plain": TextStyle(size, LINE_PT),
        "note": TextStyle(FACES["table"].size, TABLE_LINE_PT),
    }
    cell_styles = {a: TextStyle(FACES["table"].size, TABLE_LINE_PT, align=a) for a in ("left", "center")}

    def cell(c) -> TextBlock:
        return TextBlock([(c.text.replace("\n", ""), fonts[c.face])], cell_styles[c.align])

    story = []
    previous = None
    for block in pub.blocks:
        if isinstance(block, Title):
            story.append(TextBlock([(block.text, fonts["title"])], styles["title"], lines=list(block.lines)))
            story.append(Spacer(1, LINE_PT))
        elif isinstance(block, Grid):
            story.append(_table(block, cell, fonts["table"]))
        elif isinstance(block, Para):
            para = TextBlock([(r.text, fonts[r.face]) for r in block.runs], styles[block.kind])
            # a blank line after a table and its 注 (as space before, which a new page drops)
            if block.kind == "note":
                para.spaceBefore = 3
            elif isinstance(previous, Grid) or getattr(previous, "kind", "") == "note":
                para.spaceBefore = LINE_PT
            story.append(para)
        previous = block
    buf = io.BytesIO()
    width, height = PAGE_MM[0] * MM, PAGE_MM[1] * MM
    m = {k: v * MM for k, v in MARGIN_MM.items()}
    doc = BaseDocTemplate(buf, pagesize=(width, height), leftMargin=m["left"], rightMargin=m["right"],
                          topMargin=m["top"], bottomMargin=m["bottom"], title=pub.title, author=pub.author,
                          subject=pub.subject, creator=APP_NAME, producer=APP_NAME, invariant=1,
                          initialFontName=fonts["body"], lang="zh-CN")
    frame = Frame(m["left"], m["bottom"], width - m["left"] - m["right"], height - m["top"] - m["bottom"],
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number(fonts["page"], width, m))])
    doc.build(story)
    return buf.getvalue(), notices


def _page_number(font: str, width: float, m: dict[str, float]):
    size = FACES["page"].size
    baseline = m["bottom"] - PAGE_NUMBER_GAP_MM * MM - size * 0.88   # top of the digits 7 mm below

    def draw(canvas, _doc):
        n = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(font, size)
        label = f"— {n} —"
        if n % 2:
            canvas.drawRightString(width - m["right"] - size, baseline, label)
        else:
            canvas.drawString(m["left"] + size, baseline, label)
        canvas.restoreState()
    return draw


def _table(grid: Grid, make_cell, font: str):
    from reportlab.platypus import Table

    class GovTable(Table):
        # ReportLab never breaks a page inside a row-spanning cell; Word does, and 表二's
        # 三、本年度办理结果 spans 22 rows. Ignore spans here (the NOSPLIT ranges still hold):
        # as in Word, the label stays on the first page and the continued cell is empty.
        def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
            return super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)

    data = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), font),         # empty cells too: no unembedded default
                ("TOPPADDING", (0, 0), (-1, -1), TABLE_PAD_PT[0]),
                ("BOTTOMPADDING", (0, 0), (-1, -1), TABLE_PAD_PT[0]),
                ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PAD_PT[1]),
                ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PAD_PT[1])]
    for cell in grid.cells:
        data[cell.row][cell.col] = make_cell(cell)
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.col, cell.row),
                             (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)))
    for first, last in grid.keep:
        commands.append(("NOSPLIT", (0, first), (-1, last)))
    min_row = TABLE_LINE_PT + 2 * TABLE_PAD_PT[0]
    return GovTable(data, colWidths=list(grid.widths), repeatRows=grid.header_rows, style=commands,
                    hAlign="CENTER", minRowHeights=[min_row] * grid.n_rows)
