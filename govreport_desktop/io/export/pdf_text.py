"""A paragraph of Chinese text for the PDF, broken into lines by the rules of typeset.py.

ReportLab's own CJK wrapping lets “，” start a line and “（” end one; this flowable breaks
with `typeset.break_lines` (禁则, numbers kept whole), justifies each full line by spacing
the characters evenly, keeps the fixed line pitch of the Word export, and splits between
lines at a page break (never leaving a single line behind or ahead).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from .typeset import break_lines

_widths: dict[tuple[str, str], float] = {}    # (font, character) → advance at 1 pt


def advance(font: str, ch: str) -> float:
    w = _widths.get((font, ch))
    if w is None:
        w = _widths[(font, ch)] = pdfmetrics.stringWidth(ch, font, 1.0)
    return w


@dataclass(frozen=True)
class TextStyle:
    size: float
    leading: float
    indent: float = 0.0          # first-line indent in points
    align: str = "justify"       # justify | center | left
    keep_with_next: bool = False


class TextBlock(Flowable):
    """Runs of (text, font) set as one paragraph; `lines` (title) fixes the line breaks."""

    def __init__(self, runs: list[tuple[str, str]], style: TextStyle, lines: list[str] | None = None,
                 _broken: list[tuple[int, int]] | None = None, _continued: bool = False):
        super().__init__()
        self.runs = [(t, f) for t, f in runs if t]
        self.style = style
        self.keepWithNext = int(style.keep_with_next)
        self.spaceBefore = 0.0          # set by the caller; a frame drops it at the top of a page
        self.text = "".join(t for t, _f in self.runs)
        self.fonts = [f for t, f in self.runs for _ in t]
        self.fixed = lines
        self._broken = _broken          # the lines of this part after a split
        self.first_indent = 0.0 if _continued else style.indent
        self.continues = False          # the paragraph goes on in a next part: justify every line
        self._lines: list[tuple[int, int]] = []
        self._width = 0.0

    # -------------------------------------------------------------- layout

    def _break(self, width: float) -> list[tuple[int, int]]:
        if self._broken is not None:
            return self._broken
        if self.fixed is not None:
            out, pos = [], 0
            for line in self.fixed:
                out.append((pos, pos + len(line)))
                pos += len(line)
            return out
        size = self.style.size
        widths = [advance(f, ch) * size for ch, f in zip(self.text, self.fonts)]
        return break_lines(self.text, widths, width - self.first_indent, width)

    def wrap(self, availWidth, availHeight):
        self._width = availWidth
        self._lines = self._break(availWidth)
        self.height = max(1, len(self._lines)) * self.style.leading
        self.width = availWidth
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        lines = self._break(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) - fit < 2:
            fit = len(lines) - 2          # no single last line on the next page
        if fit < 2:
            return []                     # no single first line at the bottom of a page
        head = TextBlock(self.runs, self.style, _broken=lines[:fit])
        head.first_indent = self.first_indent
        head.keepWithNext = 0
        head.spaceBefore = self.spaceBefore
        head.continues = True
        tail = TextBlock(self.runs, self.style, _broken=lines[fit:], _continued=True)
        return [head, tail]

    # -------------------------------------------------------------- drawing

    def draw(self):
        canvas = self.canv
        style = self.style
        size = style.size
        last = len(self._lines) - 1
        for n, (a, b) in enumerate(self._lines):
            indent = self.first_indent if n == 0 else 0.0
            width = self._width - indent
            used = sum(advance(self.fonts[k], self.text[k]) * size for k in range(a, b))
            space = 0.0
            x = indent
            if style.align == "center":
                x = (self._width - used) / 2
            elif style.align == "justify" and (n < last or self.continues) and b - a > 1:
                space = max(0.0, (width - used) / (b - a - 1))
            # baseline: glyphs centred in the fixed line pitch, as Word sets exact spacing
            y = self.height - n * style.leading - style.leading / 2 - 0.36 * size
            text = canvas.beginText(x, y)
            text.setCharSpace(space)
            k = a
            while k < b:
                font = self.fonts[k]
                j = k
                while j < b and self.fonts[j] == font:
                    j += 1
                text.setFont(font, size)
                text.textOut(self.text[k:j])
                k = j
            canvas.drawText(text)
