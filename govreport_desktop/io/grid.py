"""`Grid`: a rectangle of cell values, the one shape every importer hands to io/tables.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Grid:
    """A worksheet, a table of a document, or a run of its paragraphs, as rows of plain values
    (str, int, float, bool, dates or None; "" counts as empty). A merged cell holds its text in
    its top-left cell only; the cells it covers are None (or repeat the text: both are read)."""

    name: str
    rows: list[list]
    hidden: bool = False
    origin: tuple[int, int] = (0, 0)       # sheet row/column of rows[0][0], for messages
    kind: str = "表格"                      # what it is called in messages: 工作表, 表格, 页

    def at(self, r: int, c: int):
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                v = row[c]
                return None if v == "" else v
        return None

    def text(self, r: int, c: int) -> str:
        v = self.at(r, c)
        return v if isinstance(v, str) else ""

    def where(self, r: int) -> str:
        return f"第 {r + self.origin[0] + 1} 行"

    def span(self, first: int, last: int) -> str:
        """Where rows first…last are, for the user: 工作表“年报”第 3 行至第 20 行."""
        return f"{self.kind}“{self.name}”{self.where(first)}至{self.where(last)}"
