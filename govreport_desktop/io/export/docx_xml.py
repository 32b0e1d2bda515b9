"""WordprocessingML fragments for the Word export: runs, paragraphs, tables, page numbers.

Written as XML text because python-docx has no API for the parts that matter here (the
w:eastAsia typeface, w:tblHeader, w:cantSplit, w:vMerge, fields) and building 表二 cell by
cell through its API is slow. Every fragment declares the `w` namespace so it can be parsed
on its own.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .publication import Cell, Grid
from .typeset import FACES, TABLE_LINE_PT, TABLE_PAD_PT, Face

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'


def twips(pt: float) -> int:
    return round(pt * 20)


def fonts(face: Face) -> str:
    """rFonts with the Chinese typeface in w:eastAsia (python-docx sets only the Latin slots)."""
    latin = quoteattr(face.latin)
    return (f'<w:rFonts w:ascii={latin} w:hAnsi={latin} w:eastAsia={quoteattr(face.name)} '
            f'w:cs={latin} w:hint="eastAsia"/>')


def run_props(face: Face) -> str:
    half = round(face.size * 2)
    return f'<w:rPr>{fonts(face)}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'


def text(s: str) -> str:
    return f'<w:t xml:space="preserve">{escape(s)}</w:t>'


def run(s: str, face: str | None = None) -> str:
    """A run; `face` only where it differs from the paragraph style's typeface."""
    return f"<w:r>{run_props(FACES[face]) if face else ''}{text(s)}</w:r>"


def paragraph(style: str, runs: str, props: str = "") -> str:
    return f'<w:p {NS}><w:pPr><w:pStyle w:val="{style}"/>{props}</w:pPr>{runs}</w:p>'


def lines(parts: list[str]) -> str:
    """Runs separated by line breaks (the title's balanced lines)."""
    return "<w:r><w:br/></w:r>".join(run(p) for p in parts)


# ---------------------------------------------------------------- tables

BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
BORDERS = "".join(BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
MIN_ROW_PT = TABLE_LINE_PT + 2 * TABLE_PAD_PT[0]


def table(grid: Grid) -> str:
    """The grid as a w:tbl: fixed column widths, merged cells, repeated header rows, rows
    that never split across pages, the grid's keep ranges on one page (w:keepNext)."""
    widths = [twips(w) for w in grid.widths]
    pad_v, pad_h = twips(TABLE_PAD_PT[0]), twips(TABLE_PAD_PT[1])
    out = [f'<w:tbl {NS}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="{pad_v}" w:type="dxa"/><w:left w:w="{pad_h}" w:type="dxa"/>'
           f'<w:bottom w:w="{pad_v}" w:type="dxa"/><w:right w:w="{pad_h}" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    starts = {(c.row, c.col): c for c in grid.cells}
    covering = {}
    for c in grid.cells:
        for r in range(c.row + 1, c.row + c.rowspan):
            covering[(r, c.col)] = c
    for r in range(grid.n_rows):
        header = r < grid.header_rows
        keep = grid.keeps_with_next(r)
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{twips(MIN_ROW_PT)}" w:hRule="atLeast"/>'
                   f'{"<w:tblHeader/>" if header else ""}</w:trPr>')
        col = 0
        while col < grid.n_cols:
            cell = starts.get((r, col))
            if cell is not None:
                out.append(_tc(cell, widths, "restart" if cell.rowspan > 1 else None, keep))
            else:
                cell = covering[(r, col)]
                out.append(_tc(cell, widths, "continue", keep, empty=True))
            col += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tc(cell: Cell, widths: list[int], vmerge: str | None, keep: bool, empty: bool = False) -> str:
    width = sum(widths[cell.col:cell.col + cell.colspan])
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    ppr = f'<w:pStyle w:val="GovTable"/>{"<w:keepNext/>" if keep else ""}<w:jc w:val="{_jc(cell.align)}"/>'
    body = "" if empty or not cell.text else _cell_runs(cell)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{body}</w:p></w:tc>"


def _cell_runs(cell: Cell) -> str:
    face = None if cell.face == "table" else cell.face
    return "<w:r><w:br/></w:r>".join(run(p, face) for p in cell.text.split("\n"))


def _jc(align: str) -> str:
    return {"left": "left", "right": "right"}.get(align, "center")


# ---------------------------------------------------------------- page numbers


def page_number(side: str) -> str:
    """“— 1 —” with a PAGE field; odd pages on the right, even on the left, one character in."""
    indent = twips(FACES["page"].size)
    ind = f'<w:ind w:right="{indent}"/>' if side == "right" else f'<w:ind w:left="{indent}"/>'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{text("1")}</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return paragraph("Footer", f"{run('— ')}{field}{run(' —')}", f'{ind}<w:jc w:val="{side}"/>')  # schema order: ind before jc
