"""The JSON report document of spec/interchange.md (schema `govreport/1`).

Exact decimals (no float), blank = null, unknown keys rejected with a message naming them,
keys of the other format kept (mixed reports). A contract: change it only by adding optional
fields. The optional `previous` member (docs/interchange-previous.md) is last year's report
document, which the cross-year rules compare with; a reader that ignores it loses nothing of
this year's report.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from ..core.formats import ANY_CELL, FORMATS, derived
from ..core.report import SECTION_KEYS, UNIT_KINDS, Report
from ..core.schema import Kind
from ..core.values import MAX_DIGITS, ValueRejected, parse_value
from .errors import NotAReportError, UnknownKeyError, read_bytes

SCHEMA = "govreport/1"
MIN_YEAR, MAX_YEAR = 1000, 9999
MAX_FILE = 16 * 1024 * 1024     # a report document is about 10 KB; json needs ~10× the file in memory
TOP_KEYS = ("schema", "format", "year", "unit", "unit_kind", "title", "sections",
            "t1", "t1_units", "t2", "t3", "notes", "explanations", "previous")

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

def to_dict(report: Report, previous: bool = True) -> dict:
    """The document as a dict (cells of the report's format in official order, then foreign);
    with `previous`, last year's attached report as the `previous` member (when there is one)."""
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
    doc = {
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
    if previous and report.previous is not None:
        doc["previous"] = to_dict(report.previous, previous=False)
    return doc


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


def dumps(report: Report, previous: bool = True) -> str:
    return json.dumps(to_dict(report, previous), ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- reading

def loads(text: str | bytes, source: str = "", notices: list[str] | None = None,
          repair: bool = False) -> Report:
    """Parse a document; raises NotAReportError / UnknownKeyError with a Chinese message.

    What is doubtful on the way in (notes on unknown cells, a key given twice with the same
    value) and, with `repair`, what was repaired (lone surrogates → U+FFFD) is added to
    `notices` as sentences for the user. Without `repair` text is kept exactly: the hidden
    copy inside our own workbooks round-trips even a lone surrogate.
    """
    where = f"“{source}”" if source else "文档"
    pairs = _Pairs(repair)
    if isinstance(text, bytes) and text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]           # Notepad's UTF-8 signature, which json.loads refuses
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=pairs)
    except ValueError as e:   # JSONDecodeError, UnicodeDecodeError, an integer of > 4300 digits
        line = getattr(e, "lineno", None)
        at = f"（第 {line} 行附近）" if line else ""
        raise NotAReportError(f"{where}不是有效的 JSON 文件{at}，无法读取。", source) from e
    except RecursionError:
        raise NotAReportError(f"{where}不是年度报告文档（嵌套层次过深），无法读取。", source) from None
    said = notices if notices is not None else []
    pairs.check(data, where, source, said)
    report = from_dict(data, source, said)
    unknown_notes = [k for k in report.notes if k not in _kinds()]
    if unknown_notes:
        said.append(f"{where}的备注（notes）中有 {len(unknown_notes)} 项不对应任何单元格："
                    f"{'、'.join(_short(k) for k in unknown_notes[:5])}{'等' if len(unknown_notes) > 5 else ''}"
                    "；已原样保留，请核对。")
    return report


# A lone surrogate (\ud800 written as an escape) cannot be encoded in UTF-8: saving would fail.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Pairs:
    """object_pairs_hook: finds keys given twice and repairs lone surrogates in every text."""

    def __init__(self, repair: bool):
        self.repair = repair
        self.twice: dict[int, list[tuple[str, bool]]] = {}   # id(object) → (key, same value)
        self.repaired: list[str] = []
        self._keep: list[dict] = []          # the objects above, alive until check() maps them

    def __call__(self, pairs: list) -> dict:
        obj: dict = {}
        for key, value in pairs:
            key = self._clean(key, key)
            if isinstance(value, str):
                value = self._clean(value, key)
            if key in obj:
                self.twice.setdefault(id(obj), []).append((key, obj[key] == value))
                self._keep.append(obj)
            obj[key] = value
        return obj

    def _clean(self, text: str, where: str) -> str:
        if not self.repair or _SURROGATE.search(text) is None:
            return text
        self.repaired.append(_SURROGATE.sub("", where) or "?")
        return _SURROGATE.sub("\ufffd", text)

    def check(self, data, where: str, source: str, notices: list[str]) -> None:
        if self.twice:
            found: list[tuple[str, bool]] = []
            _walk(data, "", self.twice, found)
            differ = [p for p, same in found if not same]
            if differ:
                raise NotAReportError(f"{where}中有项目重复出现且取值不同：{'、'.join(map(_short, differ[:5]))}"
                                      f"{'等' if len(differ) > 5 else ''}，无法确定应取哪一个。请删除重复的项目后再打开。",
                                      source)
            notices.append(f"{where}中有项目重复出现（取值相同）：{'、'.join(_short(p) for p, _s in found[:5])}。")
        if self.repaired:
            fields = list(dict.fromkeys(self.repaired))
            notices.append(f"{where}中有 {len(self.repaired)} 处残缺的文字编码（不成对的代理项），已替换为“\ufffd”："
                           f"{'、'.join(map(_short, fields[:5]))}{'等' if len(fields) > 5 else ''}。")


def _walk(obj, path: str, twice: dict, found: list) -> None:
    if not isinstance(obj, dict):
        return
    for key, same in twice.get(id(obj), []):
        found.append((f"{path}.{key}" if path else key, same))
    for key, value in obj.items():
        _walk(value, f"{path}.{key}" if path else key, twice, found)


def _short(text: str) -> str:
    """A value as shown inside a one-line message: at most 40 characters, no line breaks."""
    text = re.sub("[\x00-\x1f\x7f]+", " ", text)
    return text if len(text) <= 40 else text[:40] + "…"


def from_dict(data, source: str = "", notices: list[str] | None = None) -> Report:
    """The report of a document dict. A `previous` member that cannot be read is left out with
    a sentence in `notices` (this year's report is intact); without `notices` it raises."""
    where = f"“{source}”" if source else "文档"
    if not isinstance(data, dict):
        raise NotAReportError(f"{where}不是年度报告文档（顶层应为对象）。", source)
    if "schema" not in data:
        raise NotAReportError(f"{where}不是本软件的年度报告文档（缺少 schema 字段；schema 应为“{SCHEMA}”）。", source)
    if data.get("schema") != SCHEMA:
        raise NotAReportError(
            f"{where}不是本软件的年度报告文档（schema 应为“{SCHEMA}”，实际为“{_short(str(data.get('schema')))}”）。", source)

    unknown = [k for k in data if k not in TOP_KEYS]

    def bad(msg: str):
        raise NotAReportError(f"{where}{msg}", source)

    fmt_id = data.get("format")
    if not isinstance(fmt_id, str) or fmt_id not in FORMATS:
        bad(f"的格式“{_short(str(fmt_id))}”无法识别，应为{'或'.join(f'“{f}”' for f in FORMATS)}。")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        bad(f"的年度“{_short(str(year))}”不是整数。")
    if not MIN_YEAR <= year <= MAX_YEAR:   # a 310-digit year overflowed float() in the rules
        bad(f"的年度“{_short(str(year))}”超出范围，应为 {MIN_YEAR}–{MAX_YEAR} 之间的年份。")
    unit_kind = data.get("unit_kind", "other")
    if not isinstance(unit_kind, str) or unit_kind not in UNIT_KINDS:
        bad(f"的单位类型“{_short(str(unit_kind))}”无法识别，应为 {', '.join(UNIT_KINDS)} 之一。")
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
        more = f"等 {len(unknown)} 项" if len(unknown) > 10 else ""
        raise UnknownKeyError(f"{where}含有无法识别的项目：{'、'.join(map(_short, unknown[:10]))}{more}。", unknown, source)

    report = Report(format=fmt_id, year=year, unit=data.get("unit", ""), unit_kind=unit_kind,
                    title=data.get("title", ""), sections={k: sections.get(k, "") for k in SECTION_KEYS},
                    cells=cells, **texts)
    if data.get("previous") is not None:
        report.attach_previous(_previous(data["previous"], source, notices))
    return report


def _previous(data, source: str, notices: list[str] | None) -> Report | None:
    """Last year's report from the `previous` member (its own `previous`, if any, is ignored)."""
    where = f"“{source}”" if source else "文档"
    try:
        if not isinstance(data, dict):
            raise NotAReportError(f"{where}的上年数据（previous）应为对象。", source)
        return from_dict({k: v for k, v in data.items() if k != "previous"}, f"{source}的上年数据" if source else "上年数据")
    except (NotAReportError, UnknownKeyError) as e:
        if notices is None:
            raise
        reason = " ".join(str(e).split())[:160]
        notices.append(f"{where}中保存的上年报告数据无法读取（{reason}），已略去；"
                       "本年报告不受影响，可用“工具 → 对照上年报告”重新载入上年报告。")
        return None


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
    if type(raw) is int and -_INT_LIMIT < raw < _INT_LIMIT and _kinds()[path] in _WHOLE:
        return raw                   # nearly every cell: a count, as _cell_value would give it
    value = _cell_value(raw, path, where, source)
    if value is None or (type(value) is int and -_INT_LIMIT < value < _INT_LIMIT):
        return value
    # Decimal: adjusted(), not abs(), which raises Overflow for 1e999999999
    if type(value) is int or (value and (value.adjusted() >= MAX_DIGITS or value.as_tuple().exponent < _MIN_EXP)):
        raise NotAReportError(f"{where}的单元格 {path} 数值超出范围，无法读取。", source)
    return value


_INT_LIMIT = 10 ** MAX_DIGITS
_WHOLE = (Kind.COUNT, Kind.SIGNED)
# The smallest exponent kept: every double a workbook cell can hold (down to the subnormal
# 4.9e-324, written with 17 digits) must read back from the JSON we write, while 1e-999999999,
# whose written form would never end, is refused.
_MIN_EXP = -400


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
    raise NotAReportError(f"{where}的单元格 {path} 应为数字，实际为“{_short(str(raw))}”。", source)


# ---------------------------------------------------------------- files

def read(path: str | Path) -> Report:
    return read_with_notices(path)[0]


def read_with_notices(path: str | Path) -> tuple[Report, list[str]]:
    """A document file and the sentences about what was repaired or doubtful (see loads)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0                       # read_bytes below names the reason
    if size > MAX_FILE:
        raise NotAReportError(f"“{path.name}”过大（{size // (1024 * 1024)} MB），不像是年度报告文档，未打开。", path)
    notices: list[str] = []
    return loads(read_bytes(path), path.name, notices, repair=True), notices


def encode(report: Report) -> bytes:
    # A lone surrogate (from a workbook's text) has no UTF-8 form: written as a JSON escape the
    # file stays valid, and reading it back repairs it with a notice.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumps(report)).encode("utf-8")

