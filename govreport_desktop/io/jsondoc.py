"""The JSON report document of spec/interchange.md (schema `govreport/1`).

Exact decimals (no float), blank = null, unknown keys rejected with a message naming them,
keys of the other format kept (mixed reports). A contract: change it only by adding optional
fields.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..core.formats import ANY_CELL, FORMATS, derived
from ..core.report import SECTION_KEYS, UNIT_KINDS, Report
from ..core.schema import Kind
from ..core.values import MAX_DIGITS, ValueRejected, parse_value
from .errors import NotAReportError, UnknownKeyError, read_bytes

SCHEMA = "govreport/1"
TOP_KEYS = ("schema", "format", "year", "unit", "unit_kind", "title", "sections",
            "t1", "t1_units", "t2", "t3", "notes", "explanations")

# Every cell path known in any registered format, with its kind: a key of the other format is
# not unknown. Derived from the registry (a format registered later is known too).
@derived
def _kinds() -> dict[str, Kind]:
    return {path: spec.kind for path, spec in ANY_CELL.items()}


@derived
def _axes(table: str) -> tuple[frozenset[str], frozenset[str]]:
    """Row and column keys of a dense table (t2, t3) in any format."""
    paths = [p.split(".") for p in ANY_CELL if p.startswith(table + ".")]
    return frozenset(p[1] for p in paths), frozenset(p[2] for p in paths)


# ---------------------------------------------------------------- writing

def to_dict(report: Report) -> dict:
    """The document as a dict (cells of the report's format in official order, then foreign)."""
    fmt = report.fmt
    order = list(fmt.cell_paths) + [p for p in report.cells if p not in fmt.cell]
    t1: dict = {}
    t2: dict = {}
    t3: dict = {}
    for path in order:
        table, row, col = path.split(".")
        value = _json_value(report.cells.get(path), _kinds()[path])
        if table == "t1":
            t1[f"{row}.{col}"] = value
        elif table == "t2":
            t2.setdefault(row, {})[col] = value
        else:
            t3.setdefault(row, {})[col] = value
    return {
        "schema": SCHEMA,
        "format": report.format,
        "year": report.year,
        "unit": report.unit,
        "unit_kind": report.unit_kind,
        "title": report.title,
        "sections": {k: report.sections.get(k, "") for k in SECTION_KEYS},
        "t1": t1,
        "t1_units": dict(report.t1_units),
        "t2": t2,
        "t3": t3,
        "notes": dict(report.notes),
        "explanations": dict(report.explanations),
    }


def _json_value(value, kind: Kind):
    if value is None:
        return None
    if kind in (Kind.MONEY, Kind.AMOUNT):
        return format(Decimal(value), "f")      # a decimal string, exact
    if isinstance(value, Decimal):              # an invalid non-integer count (V01): keep it
        # as a JSON number (a string would make the saved file unreadable); repr(float) gives
        # back the same digits for up to 15 significant ones, and the reader parses them exactly
        return float(value) if value != value.to_integral_value() else int(value)
    return int(value)


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- reading

def loads(text: str | bytes, source: str = "") -> Report:
    """Parse a document; raises NotAReportError / UnknownKeyError with a Chinese message."""
    where = f"“{source}”" if source else "文档"
    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as e:   # JSONDecodeError, UnicodeDecodeError, an integer of > 4300 digits
        line = getattr(e, "lineno", None)
        at = f"（第 {line} 行附近）" if line else ""
        raise NotAReportError(f"{where}不是有效的 JSON 文件{at}，无法读取。", source) from e
    except RecursionError:
        raise NotAReportError(f"{where}不是年度报告文档（嵌套层次过深），无法读取。", source) from None
    return from_dict(data, source)


def from_dict(data, source: str = "") -> Report:
    where = f"“{source}”" if source else "文档"
    if not isinstance(data, dict):
        raise NotAReportError(f"{where}不是年度报告文档（顶层应为对象）。", source)
    if "schema" not in data:
        raise NotAReportError(f"{where}不是本软件的年度报告文档（缺少 schema 字段；schema 应为“{SCHEMA}”）。", source)
    if data.get("schema") != SCHEMA:
        raise NotAReportError(
            f"{where}不是本软件的年度报告文档（schema 应为“{SCHEMA}”，实际为“{data.get('schema')}”）。", source)

    unknown = [k for k in data if k not in TOP_KEYS]

    def bad(msg: str):
        raise NotAReportError(f"{where}{msg}", source)

    fmt_id = data.get("format")
    if fmt_id not in FORMATS:
        bad(f"的格式“{fmt_id}”无法识别，应为{'或'.join(f'“{f}”' for f in FORMATS)}。")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        bad(f"的年度“{year}”不是整数。")
    unit_kind = data.get("unit_kind", "other")
    if unit_kind not in UNIT_KINDS:
        bad(f"的单位类型“{unit_kind}”无法识别，应为 {', '.join(UNIT_KINDS)} 之一。")
    for key in ("unit", "title"):
        if not isinstance(data.get(key, ""), str):
            bad(f"的“{key}”应为文字。")

    sections = _obj(data, "sections", where, source)
    unknown += [f"sections.{k}" for k in sections if k not in SECTION_KEYS]
    for k, v in sections.items():
        if not isinstance(v, str):
            bad(f"的 sections.{k} 应为文字。")

    cells: dict = {}
    t1 = _obj(data, "t1", where, source)
    for key, raw in t1.items():
        path = f"t1.{key}"
        if path not in _kinds():
            unknown.append(path)
            continue
        cells[path] = _cell(raw, path, where, source)
    for table, (rows_ok, cols_ok) in (("t2", _axes("t2")), ("t3", _axes("t3"))):
        for row, cols in _obj(data, table, where, source).items():
            if row not in rows_ok:
                unknown.append(f"{table}.{row}")
                continue
            if not isinstance(cols, dict):
                bad(f"的 {table}.{row} 应为对象。")
            for col, raw in cols.items():
                path = f"{table}.{row}.{col}"
                if col not in cols_ok:
                    unknown.append(path)
                    continue
                cells[path] = _cell(raw, path, where, source)

    texts = {}
    for name in ("t1_units", "notes", "explanations"):
        obj = _obj(data, name, where, source)
        for k, v in obj.items():
            if not isinstance(v, str):
                bad(f"的 {name}.{k} 应为文字。")
        texts[name] = dict(obj)
    for k, v in texts["t1_units"].items():
        if f"t1.{k}" not in _kinds():
            unknown.append(f"t1_units.{k}")

    if unknown:
        raise UnknownKeyError(f"{where}含有无法识别的项目：{'、'.join(unknown)}。", unknown, source)

    return Report(format=fmt_id, year=year, unit=data.get("unit", ""), unit_kind=unit_kind,
                  title=data.get("title", ""), sections={k: sections.get(k, "") for k in SECTION_KEYS},
                  cells=cells, **texts)


def _obj(data: dict, key: str, where: str, source: str) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise NotAReportError(f"{where}的“{key}”应为对象。", source)
    return value


def _cell(raw, path: str, where: str, source: str):
    """A cell value from JSON: null, an integer, or an exact decimal (number or string).

    Out-of-range numbers (negative counts, fractions in a count) are kept so that the checker
    can report them (V01); text that is not a number at all is an error, and so is an absurd
    magnitude (1e5000 would crash the checker, 1e999999999 hang it).
    """
    value = _cell_value(raw, path, where, source)
    if value is None or (type(value) is int and -_INT_LIMIT < value < _INT_LIMIT):
        return value
    # Decimal: adjusted(), not abs(), which raises Overflow for 1e999999999
    if type(value) is int or (value and (value.adjusted() >= MAX_DIGITS or value.as_tuple().exponent < -100)):
        raise NotAReportError(f"{where}的单元格 {path} 数值超出范围，无法读取。", source)
    return value


_INT_LIMIT = 10 ** MAX_DIGITS


def _cell_value(raw, path: str, where: str, source: str):
    kind = _kinds()[path]
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NotAReportError(f"{where}的单元格 {path} 应为数字，实际为“{json.dumps(raw)}”。", source)
    if isinstance(raw, Decimal) and raw.is_finite() and raw.adjusted() >= MAX_DIGITS:
        return raw    # checked by _cell before int() of a number like 1e999999999 could hang
    if isinstance(raw, int):
        return raw if kind in (Kind.COUNT, Kind.SIGNED) else Decimal(raw)
    if isinstance(raw, Decimal):
        if kind in (Kind.COUNT, Kind.SIGNED) and raw == raw.to_integral_value():
            return int(raw)
        return raw
    if isinstance(raw, str) and kind in (Kind.MONEY, Kind.AMOUNT):
        try:
            return parse_value(raw, Kind.AMOUNT)   # exact; > 4 places is kept, V04 warns
        except ValueRejected:
            try:
                d = Decimal(raw.strip())
                if d.is_finite():
                    return d                        # negative: kept for V04
            except ArithmeticError:
                pass
    raise NotAReportError(f"{where}的单元格 {path} 应为数字，实际为“{raw}”。", source)


# ---------------------------------------------------------------- files

def read(path: str | Path) -> Report:
    path = Path(path)
    return loads(read_bytes(path), path.name)


def encode(report: Report) -> bytes:
    return dumps(report).encode("utf-8")

