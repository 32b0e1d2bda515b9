"""Web page export: one self-contained .html for a government site's content system.

No scripts, no style sheet, no external files: every element carries plain inline styles
(the CMS editors in common use — UEditor, KindEditor, TinyMCE, CKEditor — drop <style>
blocks and classes when a page is pasted in) and the tables keep `border`/`cellpadding`
attributes for editors that strip styles too. Tables are semantic: <thead> for the header
rows, <th> for labels, row/column spans exactly as in the official form. `fragment()` is
the same content for the clipboard (编辑 → 复制为网页), `plain_text()` its text/plain
fallback.
"""

from __future__ import annotations

from html import escape

from ...core.report import Report
from . import review
from .publication import Grid, Para, Publication, Title, build
from .typeset import FACES, INDENT_EM, LINE_PT

SUFFIX = ".html"
NAME = "网页"

_FAMILY = {  # CSS font stacks: the official face, its common fallback, the Windows/English names
    "title": "方正小标宋简体,宋体,SimSun,serif",
    "body": "仿宋_GB2312,仿宋,FangSong,STFangsong,serif",
    "h1": "黑体,SimHei,'Microsoft YaHei',sans-serif",
    "h2": "楷体_GB2312,楷体,KaiTi,STKaiti,serif",
    "table": "宋体,SimSun,serif",
    "table_head": "黑体,SimHei,sans-serif",
}
_LINE = f"line-height:{LINE_PT:.0f}pt"


def _font(face: str) -> str:
    return f"font-family:{_FAMILY[face]};font-size:{FACES[face].size:g}pt"


def encode(report: Report, *, problems=None) -> tuple[bytes, list[str]]:
    """The report as a complete UTF-8 web page."""
    pub = build(report)
    page = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(pub.title)}</title>\n</head>\n<body>\n{render(pub)}</body>\n</html>\n")
    return page.encode("utf-8"), pub.notices + review.error_notice(problems)


def fragment(report: Report) -> str:
    """The page's content without <html>/<head>, for the clipboard's text/html."""
    return render(build(report))


def render(pub: Publication) -> str:
    out = ['<div style="max-width:160mm;margin:0 auto;color:#000">\n']
    blocks = pub.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, Title):
            lines = "<br>".join(escape(line) for line in block.lines)
            out.append(f'<h1 style="{_font("title")};font-weight:normal;text-align:center;'
                       f'line-height:1.5;margin:0 0 {LINE_PT:.0f}pt 0">{lines}</h1>\n')
        elif isinstance(block, Para):
            out.append(_para(block))
        elif isinstance(block, Grid):
            followed_by_note = i + 1 < len(blocks) and getattr(blocks[i + 1], "kind", "") == "note"
            out.append(table(block, gap=not followed_by_note))
    out.append("</div>\n")
    return "".join(out)


def _para(para: Para) -> str:
    own = {"note": "table", "plain": "body"}.get(para.kind, para.kind)
    inner = "".join(escape(r.text) if r.face == own else f'<span style="{_font(r.face)}">{escape(r.text)}</span>'
                    for r in para.runs)
    if para.kind == "note":
        return f'<p style="{_font("table")};line-height:1.5;margin:4pt 0 {LINE_PT:.0f}pt 0">{inner}</p>\n'
    indent = "" if para.kind == "plain" else f"text-indent:{INDENT_EM}em;"
    tag = {"h1": "h2", "h2": "h3"}.get(para.kind, "p")
    weight = "font-weight:normal;" if tag != "p" else ""
    return (f'<{tag} style="{_font(own)};{weight}{indent}text-align:justify;{_LINE};margin:0">'
            f"{inner}</{tag}>\n")


_CELL = "border:1px solid #000;padding:2pt 3pt;vertical-align:middle"


def table(grid: Grid, gap: bool = True) -> str:
    """The grid as a bordered <table> with the official merged cells (`gap`: a blank line after)."""
    cols = "".join(f'<col style="width:{w / sum(grid.widths) * 100:.1f}%">' for w in grid.widths)
    out = ['<table border="1" cellspacing="0" cellpadding="3" '
           f'style="border-collapse:collapse;width:100%;{_font("table")};line-height:1.4;margin:0 auto {LINE_PT if gap else 0:.0f}pt auto">'
           f"<colgroup>{cols}</colgroup>\n"]
    rows = grid.rows()
    for r, cells in enumerate(rows):
        if r == 0 and grid.header_rows:
            out.append("<thead>\n")
        if r == grid.header_rows:
            out.append("<tbody>\n")
        out.append("<tr>" + "".join(_cell(c, r < grid.header_rows) for c in cells) + "</tr>\n")
        if grid.header_rows and r == grid.header_rows - 1:
            out.append("</thead>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _cell(cell, in_header: bool) -> str:
    spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
            (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
    face = "" if cell.face == "table" else f";{_font(cell.face)}"
    style = f"{_CELL};text-align:{cell.align};font-weight:normal{face}"
    tag = "td" if cell.role in ("data", "blank", "text") else "th"
    scope = ""
    if tag == "th":
        scope = ' scope="col"' if in_header else (' scope="rowgroup"' if cell.rowspan > 1 else ' scope="row"')
    return f'<{tag}{spans}{scope} style="{style}">{escape(cell.text)}</{tag}>'


# ---------------------------------------------------------------- text/plain


def plain_text(report: Report) -> str:
    """The publication as plain text: paragraphs indented with two ideographic spaces, tables as
    tab-separated rows (a merged cell's text in its first position) so they paste into a sheet."""
    out: list[str] = []
    for block in build(report).blocks:
        if isinstance(block, Title):
            out.extend(block.lines)
            out.append("")
        elif isinstance(block, Para):
            indent = "" if block.kind in ("note", "plain") else "\u3000" * INDENT_EM
            out.append(indent + block.text)
        elif isinstance(block, Grid):
            grid = [[""] * block.n_cols for _ in range(block.n_rows)]
            for c in block.cells:
                grid[c.row][c.col] = c.text.replace("\n", "")
            out.extend("\t".join(row).rstrip("\t") for row in grid)
            out.append("")
    return "\r\n".join(out).rstrip() + "\r\n"
