"""What a report format *is*: sections, tables, their rows, columns, cells and official layout.

One `Format` per official format (see `core/formats/`). The grids on screen, the Excel layout,
the importers and the rules all read rows, columns, labels and merges from here; nothing else
hard-codes them.

Every table is addressed as `TABLE.ROW.COL` (keys.md): for 表一 ROW is the item
(`regulations`) and COL the field (`issued`), for 表二 row and column keys, for 表三 group and
field. A table lists its row axis and column axis; only the pairs in `cells` exist (表一 is
sparse).

Facts between cells are data too, declared once per format: `Relation` (parts add up to a
total, rules.md M01–M03, L01), `Equivalence` (cells of two formats that count the same thing)
and `Conversion` (where a cell of another format goes when a report is converted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Feature(str, Enum):
    """What a format's official text requires beyond its cells; rules that depend on the wording
    of a format (not on the cells it has) ask for one of these instead of naming a format."""

    PRESCRIBED_TEXTS = "prescribed_texts"  # 一/五 contents are prescribed: S09, S11 warn (else a hint)
    LAST_YEAR_REVIEW = "last_year_review"  # 五 reports on last year's problems (S11)
    FEE_STATEMENT = "fee_statement"        # 六 states the 信息处理费 (S10, 国办函〔2020〕109号)


class Kind(Enum):
    """The kind of value a data cell holds."""

    COUNT = "count"    # 件: integer >= 0
    SIGNED = "signed"  # 2019 本年增/减: any integer
    MONEY = "money"    # 2021 本年收费金额: decimal 万元 >= 0, at most 4 places
    AMOUNT = "amount"  # 2019 采购总金额: decimal >= 0, unit (元/万元) kept in t1_units


@dataclass(frozen=True)
class Section:
    key: str            # s1 … s6
    heading: str        # official heading, e.g. 一、总体情况
    short: str          # tab title, e.g. 三、依申请公开
    guidance: str       # what the section must cover (shown beside the editor)
    template: str = ""  # text a new report starts with
    table: str | None = None  # the table printed under this section (t1 under 二 …): the one place


@dataclass(frozen=True)
class Axis:
    """One row or column of a table."""

    key: str
    label: str          # the official label, exactly as printed
    name: str           # the name used in problem messages (rules.md)
    tooltip: str = ""
    group: str = ""     # label of the parent group (表二 leaves: （三）不予公开 …)


@dataclass(frozen=True)
class CellSpec:
    path: str           # t2.L1.C1
    table: str
    row: str
    col: str
    kind: Kind
    name: str           # position in messages, e.g. 表二 予以公开·自然人


@dataclass(frozen=True)
class Box:
    """One rectangle of the official layout (0-based, spans >= 1)."""

    row: int
    col: int
    text: str = ""
    role: str = "label"   # title | header | label | data | blank
    path: str | None = None
    rowspan: int = 1
    colspan: int = 1
    tooltip: str = ""

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(frozen=True)
class Layout:
    """The official table as a grid of boxes; every grid position belongs to exactly one box."""

    n_rows: int
    n_cols: int
    boxes: tuple[Box, ...]
    header_rows: int = 0        # rows repeated on printed pages / frozen on screen
    col_widths: tuple[float, ...] = ()  # in Excel character units

    @cached_property
    def _grid(self) -> dict[tuple[int, int], Box]:
        grid: dict[tuple[int, int], Box] = {}
        for box in self.boxes:
            for r in range(box.row, box.row + box.rowspan):
                for c in range(box.col, box.col + box.colspan):
                    if (r, c) in grid:
                        raise ValueError(f"overlapping boxes at {(r, c)}")
                    grid[(r, c)] = box
        return grid

    def box_at(self, row: int, col: int) -> Box | None:
        return self._grid.get((row, col))

    @cached_property
    def position(self) -> dict[str, tuple[int, int]]:
        """Cell path → (row, col) of its top-left corner."""
        return {b.path: (b.row, b.col) for b in self.boxes if b.path}

    def validate(self) -> None:
        grid = self._grid
        missing = [(r, c) for r in range(self.n_rows) for c in range(self.n_cols) if (r, c) not in grid]
        if missing:
            raise ValueError(f"layout has holes at {missing[:5]}")


@dataclass(frozen=True)
class Table:
    key: str               # t1 | t2 | t3
    name: str              # 表一 (its section: Format.section_of)
    rows: tuple[Axis, ...]
    cols: tuple[Axis, ...]
    cells: tuple[CellSpec, ...]
    layout: Layout
    # Anchor labels: what an importer looks for to find this table in another unit's grid of
    # cell texts, most telling first. Each is the text of a box of `layout`, so where the
    # table starts follows from the box's place (`anchor_boxes`): 表二's first row label sits
    # in layout row 3, its printed 勾稽关系 note (the fall-back) in row 0.
    anchors: tuple[str, ...] = ()

    @cached_property
    def anchor_boxes(self) -> tuple[Box, ...]:
        """The layout box of each anchor label, in the order of `anchors`."""
        by_text = {}
        for b in self.layout.boxes:
            by_text.setdefault(b.text, b)
        return tuple(by_text[a] for a in self.anchors)

    @cached_property
    def row(self) -> dict[str, Axis]:
        return {a.key: a for a in self.rows}

    @cached_property
    def col(self) -> dict[str, Axis]:
        return {a.key: a for a in self.cols}

    @cached_property
    def cell(self) -> dict[str, CellSpec]:
        return {c.path: c for c in self.cells}

    def path(self, row: str, col: str) -> str:
        return f"{self.key}.{row}.{col}"


@dataclass(frozen=True)
class Relation:
    """Σ left = Σ right over cells of one table, a blank counting as 0 (rules.md “Blanks”).

    Declared once in the format; the rule `rule` checks it (problem id `rule@place`), 自动合计
    derives `total` from `left`, the workbook reddens `targets` while it does not hold, and a
    汇总 adds the parts of many reports up the same way.
    """

    rule: str                   # M01 | M02 | M03 | L01
    place: str                  # the problem id's place: t2.C1, t2.L1, t3.RV
    name: str                   # the column / row / group as messages name it: 自然人, 予以公开
    left: tuple[str, ...]       # the parts
    right: tuple[str, ...]      # the total, or (M01) the other side's terms

    @property
    def total(self) -> str | None:
        """The cell 自动合计 computes from `left`, None for an equality of two sums (M01)."""
        return self.right[0] if len(self.right) == 1 else None

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell of the relation, in the order problems list them."""
        return self.left + self.right

    @property
    def targets(self) -> tuple[str, ...]:
        """The cells shown as wrong while the relation fails (the total; all cells of M01)."""
        return (self.total,) if self.total else self.cells


@dataclass(frozen=True)
class Side:
    """One side of an `Equivalence`: cells of one format's layout."""

    cells: tuple[str, ...]
    receiver: str          # the cell that takes the other side's sum when a report converts to this side
    note: str = ""         # note put on the receiver then (what the user must still do)


@dataclass(frozen=True)
class Equivalence:
    """Two sets of cells, of two formats, that count the same thing: Σ sides[0] = Σ sides[1].

    E.g. 2019 `t2.L6.C1` = 2021 `t2.L6_1.C1 + t2.L6_2.C1 + t2.L6_3.C1`. Sides are cell paths, so
    a format derived from one of the two (same paths) takes part without being named. The
    cross-year rules compare through it, a mixed 表二 lets the other format's side stand in for
    this format's, and migration converts along it.
    """

    label: str                  # what both sides are, as printed: （六）其他处理
    sides: tuple[Side, Side]

    def oriented(self, cell: dict) -> tuple[Side, Side] | None:
        """(the side of the format whose cells are `cell`, the other side), or None when that
        format has neither side whole or both (the equivalence does not concern it)."""
        a, b = self.sides
        has_a = all(p in cell for p in a.cells)
        has_b = all(p in cell for p in b.cells)
        if has_a == has_b:
            return None
        return (a, b) if has_a else (b, a)


VALUE, NOTE = "value", "note"


@dataclass(frozen=True)
class Carry:
    """Where one cell of a report of another format goes when it is converted (format-2019.md §7)."""

    source: str     # cell path in the source format: t1.regulations.made
    target: str     # cell path in this format that receives it: t1.regulations.issued
    how: str        # VALUE: prefilled as a suggestion when the target is blank; NOTE: kept as a note


@dataclass(frozen=True)
class Conversion:
    """How the cells of a report of format `source` that this format does not share become
    values or notes of this format's cells. Applied only while the report still has cells of
    that layout (a mixed report converts only its old tables)."""

    source: str                 # the format id converted from
    carries: tuple[Carry, ...]


@dataclass(frozen=True)
class Format:
    id: str                 # registry key (2021, 2019 …)
    name: str               # 2021年格式（国办公开办函〔2021〕30号）
    short_name: str         # 2021年格式 (messages, menu entries)
    document: str           # 国办公开办函〔2021〕30号
    years: range            # statistical years it applies to
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    # 表二 rule sets (rules.md “Sets”)
    t2_leaves: tuple[str, ...] = ()
    # (name, leaf keys) of （三）…（六）: the M04 subtotals shown beside 表二, also X03 and the M02 message
    t2_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    relations: tuple[Relation, ...] = ()        # every additive relation of the tables
    equivalences: tuple[Equivalence, ...] = ()  # cells this format shares in meaning with another
    conversions: tuple[Conversion, ...] = ()    # how reports of other formats convert into this one
    features: frozenset[Feature] = frozenset()
    migrates_to: str | None = None  # the format id a report of this format is converted to
    extra: dict = field(default_factory=dict)

    @cached_property
    def table(self) -> dict[str, Table]:
        return {t.key: t for t in self.tables}

    @cached_property
    def section(self) -> dict[str, Section]:
        return {s.key: s for s in self.sections}

    @cached_property
    def cell(self) -> dict[str, CellSpec]:
        return {c.path: c for t in self.tables for c in t.cells}

    @cached_property
    def cell_paths(self) -> tuple[str, ...]:
        return tuple(c.path for t in self.tables for c in t.cells)

    def section_of(self, table_key: str) -> Section:
        """The section a table is printed under (表二 → 三、收到和处理政府信息公开申请情况)."""
        return next(s for s in self.sections if s.table == table_key)

    def table_in(self, section_key: str) -> Table | None:
        """The table printed under a section, if any."""
        key = self.section[section_key].table
        return self.table[key] if key else None

    @property
    def anchors(self) -> dict[str, tuple[str, ...]]:
        """Table key → the labels an importer looks for to find that table (`Table.anchors`)."""
        return {t.key: t.anchors for t in self.tables}

    def conversion_from(self, format_id: str) -> Conversion | None:
        return next((c for c in self.conversions if c.source == format_id), None)

    def relations_of(self, table_key: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.left[0].split(".", 1)[0] == table_key)

    def table_of(self, path: str) -> Table:
        return self.table[path.split(".", 1)[0]]

    def cell_label(self, path: str) -> str:
        """How a person names the row of a cell: 表二 its row label; 表一/表三 row·column."""
        spec = self.cell[path]
        table = self.table[spec.table]
        if spec.table == "t2":
            return table.row[spec.row].label
        return f"{table.row[spec.row].label}·{table.col[spec.col].label}"


def spans(table_key: str, rows: tuple[Axis, ...], cols: tuple[Axis, ...],
          kinds: dict[tuple[str, str], Kind] | None = None, default: Kind = Kind.COUNT,
          table_name: str = "") -> tuple[CellSpec, ...]:
    """The full rows × cols cell list of a dense table (表二, 表三)."""
    kinds = kinds or {}
    out = []
    for r in rows:
        for c in cols:
            out.append(CellSpec(f"{table_key}.{r.key}.{c.key}", table_key, r.key, c.key,
                                kinds.get((r.key, c.key), default), f"{table_name} {r.name}·{c.name}"))
    return tuple(out)
