"""The report being edited: metadata, the six texts, the table cells, notes and explanations.

Plain data, no Qt. Blank cells are None and stay distinct from 0; money is Decimal.
Cells of the *other* format may be present (real reports mix formats): they are kept until
the user migrates, and the rules report them (S01/S05).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .formats import FORMATS, foreign_cells, format_for_year, latest
from .schema import Format
from .values import Value

SECTION_KEYS = ("s1", "s2", "s3", "s4", "s5", "s6")

UNIT_KINDS = {
    "state_council_dept": "国务院部门",
    "provincial_gov": "省级人民政府及其办公厅",
    "municipal_gov": "设区的市、自治州人民政府",
    "county_gov": "县级人民政府",
    "township": "乡镇人民政府、街道办事处",
    "department": "县级以上人民政府部门",
    "other": "其他",
}

# 各级人民政府: rules S09 and the s6 guidance depend on it.
GOVERNMENTS = ("provincial_gov", "municipal_gov", "county_gov", "township")


def default_title(unit: str, year: int) -> str:
    return f"{unit}{year}年政府信息公开工作年度报告"


@dataclass
class Report:
    format: str = field(default_factory=lambda: latest().id)
    year: int = 2025
    unit: str = ""
    unit_kind: str = "township"
    title: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Value] = field(default_factory=dict)
    t1_units: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    # Last year's report of the same unit, when attached (工具 → 对照上年报告, 从上年报告开始):
    # the cross-year rules compare with it, and it is saved with the report (its figures and
    # texts, never a file path), so the file checks the same on another PC. Never nested.
    previous: "Report | None" = None

    def __post_init__(self) -> None:
        # Every section and every cell of the format exists; blank is "" / None.
        for key in SECTION_KEYS:
            self.sections.setdefault(key, "")
        for path in self.fmt.cell_paths:
            self.cells.setdefault(path, None)

    @classmethod
    def new(cls, year: int, unit: str = "", unit_kind: str = "township",
            format_id: str | None = None) -> "Report":
        """A new, empty report with the section templates (blank cells, not zeros)."""
        fmt = FORMATS[format_id] if format_id else (format_for_year(year) or latest())
        sections = {s.key: s.template for s in fmt.sections}
        return cls(format=fmt.id, year=year, unit=unit, unit_kind=unit_kind,
                   title=default_title(unit, year) if unit else "", sections=sections)

    @property
    def fmt(self) -> Format:
        return FORMATS[self.format]

    def get(self, path: str) -> Value:
        return self.cells.get(path)

    def set(self, path: str, value: Value) -> None:
        self.cells[path] = value

    def foreign_paths(self) -> list[str]:
        """Cells present that belong to another format only (a mixed report)."""
        foreign = foreign_cells(self.format)
        return [p for p in self.cells if p in foreign]

    def copy(self) -> "Report":
        return copy.deepcopy(self)

    def attach_previous(self, previous: "Report | None") -> None:
        """Compare with `previous` from now on (None: with nothing); its own previous is dropped."""
        if previous is not None and previous.previous is not None:
            previous = copy.copy(previous)
            previous.previous = None
        self.previous = previous
