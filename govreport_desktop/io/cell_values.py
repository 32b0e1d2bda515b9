"""Cell values as an importer finds them, turned into what the report holds.

A cell may hold a number, a date, or text with a number in it (“22（其中修订16件）”): the number
is taken and the original text kept as a note, which is the V03 finding. Any format's cell paths
are accepted (mixed reports keep the other format's cells).

A workbook cell may also be a formula (its value is the result cached at the last save, which
may be stale) or an error (#DIV/0!, #N/A): the reader tags such values with `computed()` and
`error_cell()`, so that the cell they end in gets a V03 finding naming the sheet cell.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from ..core.formats import ANY_CELL
from ..core.rules import WARNING, Problem
from ..core.schema import Kind
from ..core.values import MAX_DIGITS, Value, extract_number, format_value


_LIMIT = 10 ** MAX_DIGITS            # the report core's range for any cell (values.py)


def read_value(raw, path: str) -> tuple[Value, str | None]:
    """A cell value as the report holds it, and the original text when it held more (V03)."""
    kind = ANY_CELL[path].kind
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, bool) or isinstance(raw, (_dt.date, _dt.time, _dt.timedelta)):
        raw = str(raw)
    if isinstance(raw, (int, float)) and not (abs(raw) < _LIMIT):
        return None, str(raw)        # NaN, infinity or too large to be a count: V03, blank
    if isinstance(raw, int):
        return (raw if kind in (Kind.COUNT, Kind.SIGNED) else Decimal(raw)), None
    if isinstance(raw, float):
        if kind in (Kind.COUNT, Kind.SIGNED) and raw.is_integer():
            return int(raw), None
        d = Decimal(repr(raw))
        if kind in (Kind.MONEY, Kind.AMOUNT) and d == d.to_integral_value():
            d = d.quantize(Decimal(1))
        return d, None
    return extract_number(str(raw), kind)


# ---------------------------------------------------------------- formulas and error values

class _Formula:
    """Mixin of a value that a formula computed; `where` names the sheet cell."""

    where = ""


class _FormulaFloat(_Formula, float):
    pass


class _FormulaInt(_Formula, int):
    pass


class _FormulaText(_Formula, str):
    pass


_TAGGED = {float: _FormulaFloat, int: _FormulaInt, str: _FormulaText}
_PLAIN = {tagged: plain for plain, tagged in _TAGGED.items()}


class ErrorCell:
    """A cell holding an error value, or a formula without a saved result (`text` None)."""

    def __init__(self, where: str, text: str | None):
        self.where, self.text = where, text

    def __str__(self) -> str:
        return self.text or ""

    def __repr__(self) -> str:
        return f"ErrorCell({self.where!r}, {self.text!r})"


def computed(value, where: str):
    """`value` tagged as the cached result of a formula (still a float, int or str to every
    reader); an empty result is an ErrorCell."""
    if value is None or value == "":
        return ErrorCell(where, None)
    cls = _TAGGED.get(type(value))
    if cls is None:
        return value                     # a date, a boolean: taken as it is
    tagged = cls(value)
    tagged.where = where
    return tagged


def error_cell(where: str, text: str):
    return ErrorCell(where, text or "#错误")


def origin(raw) -> tuple[object, str | None, ErrorCell | str | None]:
    """(the plain value, where, what it was): what = the ErrorCell, or "formula", or None."""
    if isinstance(raw, ErrorCell):
        return None, raw.where, raw
    if isinstance(raw, _Formula):
        return _PLAIN[type(raw)](raw), raw.where, "formula"
    return raw, None, None


def computed_finding(path: str, where: str, what, value: Value, note: str | None) -> Problem:
    """V03 for a formula or an error value, naming the sheet cell (e.g. 工作表“表二”单元格 E7)."""
    name = ANY_CELL[path].name if path in ANY_CELL else path
    if isinstance(what, ErrorCell) and what.text is None:
        msg = f"{name}（{where}）为公式，但文件中没有保存计算结果，按空白读入，请核对"
    elif isinstance(what, ErrorCell):
        msg = f"{name}（{where}）为错误值 {what.text}，按空白读入，请核对"
    elif note is not None:
        got = "无数值，按空白读入" if value is None else f"已取数值 {format_value(value)}，文字移入备注"
        msg = f"{name}（{where}）为公式，计算结果为“{note}”：{got}，请核对"
    else:
        msg = f"{name}（{where}）为公式，已取其计算结果 {format_value(value)}，请核对"
    return Problem(f"V03@{path}", "V03", WARNING, msg, (path,))


def v03(path: str, original: str, value: Value) -> Problem:
    where = ANY_CELL[path].name if path in ANY_CELL else path
    if value is None:
        msg = f"{where}原为“{original}”：无数值，按空白读入"
    else:
        msg = f"{where}原为“{original}”：已取数值 {format_value(value)}，文字移入备注"
    return Problem(f"V03@{path}", "V03", WARNING, msg, (path,))


def same(a: Value, b: Value) -> bool:
    """Equal as a workbook holds them: binary doubles, written with 16 significant digits
    (openpyxl's "%.16g"), so a count of 17 or 18 digits reads back as its 16-digit neighbour,
    which is not a change made in Excel."""
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)
        return x == y or float(f"{x:.16g}") == y or float(f"{y:.16g}") == x
    except (OverflowError, ValueError):
        return a == b


# “22”, “4068.208”, “22（其中修订16件）”, “251000元” — but not a numbered label “1.属于国家秘密”
_NUMBER_FIRST = re.compile(r"^\s*[-+]?\d[\d,]*(\.\d+)?\s*($|[（(件万元项个条%])")


def numberish(v) -> bool:
    """A cell that reads as a value (a number first, or a dash for none), not as a label."""
    if v is None or isinstance(v, bool):
        return False
    if isinstance(v, str):
        return bool(_NUMBER_FIRST.match(v)) or v.strip() in ("/", "-", "—", "无", "－")
    return True


def has_value(v) -> bool:
    """True for a cell that holds a figure or a sign for “none” (/ - — 无), i.e. a data cell."""
    if v is None:
        return False
    if isinstance(v, str):
        return bool(re.search(r"\d", v)) or v.strip() in ("/", "-", "—", "无", "－")
    return True
