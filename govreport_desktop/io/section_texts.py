"""The parts' texts: what is left of the grids once the tables have claimed their rows.

A row that reads like a part's heading (一、总体情况 or a known variant) starts that part; the
rows before the first heading give the title, the “单位：/年度：” lines our workbook writes, and
a preamble (kept at the start of part 一).
"""

from __future__ import annotations

import re

from ..core.formats import latest
from . import labels
from .marks import FOREIGN_MARK


def read_texts(reader) -> None:
    """Fill `reader.seen` with the parts' paragraphs, title and metadata lines from the rows of
    `reader` (a table_finder.VisibleReader) that no table claimed."""
    seen = reader.seen
    current = None
    by_heading = {labels.norm(s.heading): s.key for s in latest().sections}
    for gi, g in enumerate(reader.grids):
        claimed = reader.claimed.get(gi, set())
        after_table = in_foreign = False
        # A sheet named after a part holds that part only: a line of its text that looks
        # like another heading is text, not a new part.
        locked = by_heading.get(labels.norm(g.name))
        if locked in seen.sections:
            locked = None
        for r, cells in enumerate(reader.row_norms[gi]):
            if r in claimed:
                after_table = True
                continue
            if after_table and cells and any(n.startswith(FOREIGN_MARK) for _c, _raw, n in cells):
                in_foreign = True           # the other format's cells, listed below a table
                continue                    # (a part's text may start with the same words)
            raw = "".join(raw for _c, raw, _n in cells)
            if in_foreign and not (cells and labels.match_heading(raw)):
                continue
            in_foreign = False
            if after_table and (not cells or labels.norm(raw).startswith("注")):
                continue                     # the table's own note or spacing
            after_table = False
            heading = labels.match_heading(raw) if cells else None
            if heading and locked and (heading[0] != locked or current == locked):
                heading = None
            if heading:
                key, exact = heading
                if key not in seen.sections:
                    current = key
                    seen.sections[key] = []
                    seen.section_sheets[key] = g.name
                    if not exact:
                        seen.headings.append((key, raw.strip()))
                    continue
            if not cells:
                if current:
                    seen.sections[current].append("")
                continue
            if current is None:
                n = labels.norm(raw)
                meta = re.match(r"^(单位类型|单位|年度|格式):(.*)$", n)
                if meta:
                    seen.meta[meta.group(1)] = raw.split("：", 1)[-1].split(":", 1)[-1].strip()
                elif (not seen.title and "政府信息公开" in n and "报告" in n and len(n) < 80
                      and not re.search(r"[。；]", n)):    # a sentence of the introduction is no title
                    seen.title = raw.strip()
                else:
                    seen.preamble.append(raw)
                continue
            seen.sections[current].append(raw)
