"""The rule catalogue and its runner.

A rule is a function registered with its ID from spec/rules.md, a title and its default
severity; it yields `Problem`s. A rule applies to every registered format unless it says what
it needs from one: cells it reads (`needs`) or a `Feature` of the format's text (`features`),
so a new format that has those runs it without being named. `check()` runs every applicable
rule. Rules read the report and the format schema only, never the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from .. import formats as registry
from ..report import Report
from ..schema import Feature, Format
from ..values import Value, show

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Problem:
    id: str                    # RULE@place, stable across runs
    rule: str
    severity: str
    message: str
    cells: tuple[str, ...]     # every cell of the failing relation (or section / meta keys)
    left: Value = None
    right: Value = None
    # Where in the section text the mention is (text rules): the editor selects it on click.
    # Screen-only, not part of the interchange output.
    span: tuple[int, int] | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        # left/right are always present (null when the rule compares no numbers): interchange.md
        # lists them among the keys of a problem, so scripts may read them without a check
        return {"id": self.id, "rule": self.rule, "severity": self.severity,
                "message": self.message, "cells": list(self.cells),
                "left": _json_number(self.left), "right": _json_number(self.right)}


def _json_number(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


@dataclass
class Context:
    """What a rule may look at besides the report."""

    report: Report
    fmt: Format
    previous: Report | None = None   # last year's report of the same unit, when loaded


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str              # default severity (some rules choose per problem)
    run: Callable[[Context], Iterable[Problem]]
    import_only: bool = False  # produced by importers, not by check()
    needs_previous: bool = False
    needs: tuple[str, ...] = ()          # cell paths a format must have for the rule to apply
    features: tuple[Feature, ...] = ()   # features a format must declare for the rule to apply

    def applies_to(self, fmt: Format) -> bool:
        return all(p in fmt.cell for p in self.needs) and all(f in fmt.features for f in self.features)

    @property
    def formats(self) -> tuple[str, ...]:
        """The ids of the registered formats the rule applies to."""
        return tuple(f.id for f in registry.FORMATS.values() if self.applies_to(f))


class _Catalogue(dict):
    """The rules by id; a change (also a test patching it) drops the per-format run lists."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        applicable.cache_clear()

    def __delitem__(self, key):
        super().__delitem__(key)
        applicable.cache_clear()


RULES: dict[str, Rule] = _Catalogue()


def rule(rule_id: str, title: str, severity: str, needs: Iterable[str] = (),
         features: Iterable[Feature] = (), needs_previous: bool = False):
    def register(fn: Callable[[Context], Iterable[Problem]]):
        RULES[rule_id] = Rule(rule_id, title, severity, fn, needs_previous=needs_previous,
                              needs=tuple(needs), features=tuple(features))
        return fn
    return register


def import_rule(rule_id: str, title: str, severity: str) -> None:
    """A rule whose problems the importers produce (S03, S04, S05 for missing cells, V03)."""
    RULES[rule_id] = Rule(rule_id, title, severity, lambda ctx: (), import_only=True)


@registry.derived
def applicable(format_id: str) -> tuple[Rule, ...]:
    """The rules check() runs on a report of this format, in catalogue order."""
    fmt = registry.FORMATS[format_id]
    return tuple(r for r in RULES.values() if not r.import_only and r.applies_to(fmt))


def check(report: Report, previous: Report | None = None) -> list[Problem]:
    """Every problem of the report, errors first, in the order of the catalogue within each.

    `previous` is last year's report; without it, the one attached to the report (if any)."""
    if previous is None:
        previous = report.previous
    ctx = Context(report, report.fmt, previous)
    out: list[Problem] = []
    for r in applicable(report.format):
        if r.needs_previous and previous is None:
            continue
        out.extend(r.run(ctx))
    out.sort(key=lambda p: SEVERITY_ORDER[p.severity])
    return out


def counts(problems: Iterable[Problem]) -> dict[str, int]:
    c = {ERROR: 0, WARNING: 0, INFO: 0}
    for p in problems:
        c[p.severity] += 1
    return c


# ---------------------------------------------------------------- helpers for rules

def total(report: Report, paths: Iterable[str]) -> int | Decimal:
    """Sum with blank as 0 (rules.md: Blanks)."""
    s = 0
    cells = report.cells
    for p in paths:
        v = cells.get(p)
        if v is not None:
            s += v
    return s


def all_blank(report: Report, paths: Iterable[str]) -> bool:
    cells = report.cells
    return all(cells.get(p) is None for p in paths)


def unbalanced(report: Report, left: tuple[str, ...] | list[str], right: tuple[str, ...] | list[str]):
    """(Σleft, Σright) when the relation Σleft = Σright fails, else None.

    Blank counts as 0, and a relation whose cells are all blank is not reported (V02 is).
    """
    # one pass over the cells (this runs ~60 times per check)
    cells = report.cells
    a = b = 0
    filled = False
    for p in left:
        v = cells.get(p)
        if v is not None:
            a += v
            filled = True
    for p in right:
        v = cells.get(p)
        if v is not None:
            b += v
            filled = True
    return None if not filled or a == b else (a, b)


def sum_text(report: Report, paths: Iterable[str]) -> str:
    """A partial sum for a message: 空白 when every operand is blank."""
    paths = list(paths)
    return "空白" if all_blank(report, paths) else show(total(report, paths))


def operand(report: Report, path: str) -> str:
    return show(report.cells.get(path))


def diff(a, b) -> str:
    return show(abs(a - b))


def iter_texts(report: Report, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    for k in keys:
        yield k, report.sections.get(k, "") or ""
