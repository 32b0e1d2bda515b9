"""Rules on the report as a whole: format and year, parts present, structure, title (S01–S08)."""

from __future__ import annotations

import re

from ..formats import FORMATS, derived, earliest_year, equivalences, format_for_year, foreign_cells
from .engine import ERROR, INFO, WARNING, Context, Problem, all_blank, import_rule, rule


def is_blank_text(ctx: Context, key: str) -> bool:
    """A section is blank when empty or still exactly the new-report template."""
    text = (ctx.report.sections.get(key) or "").strip()
    template = ctx.fmt.section[key].template.strip()
    # the first-character test skips the whitespace-free comparison for any real text (it ran on
    # every edit and was the costliest step of S02/S09); str.split() is also much faster than re.sub
    return not text or (bool(template) and text[0] == template[0]
                        and "".join(text.split()) == "".join(template.split()))


def _foreign_by_table(ctx: Context) -> dict[str, list[str]]:
    foreign = foreign_cells(ctx.fmt.id)
    out: dict[str, list[str]] = {}
    for p in ctx.report.cells:
        if p in foreign:
            out.setdefault(p.split(".", 1)[0], []).append(p)
    return out


def _own_only(fmt, table: str, other) -> list[str]:
    """Cells of this format's table that the other format does not have."""
    return [c.path for c in fmt.table[table].cells if c.path not in other.cell]


def absent_cells(ctx: Context, table_key: str) -> frozenset[str]:
    """Cells of this format that the report's table does not have: it holds the other format's rows
    instead (a 2021 report whose （六）其他处理 is one row has no 1./2./3.) — S05 reports them, so
    V02 does not count them as blanks."""
    paths = _foreign_by_table(ctx).get(table_key)
    if not paths:
        return frozenset()
    ours = _own_only(ctx.fmt, table_key, foreign_cells(ctx.fmt.id)[paths[0]])
    cells = ctx.report.cells
    return frozenset(ours) if all(cells.get(p) is None for p in ours) else frozenset()


def _row_labels(fmt, paths) -> list[str]:
    """Distinct row labels (表一: item·field labels) of cell paths in `fmt`, in order."""
    return list(dict.fromkeys(fmt.cell_label(p) for p in paths))


_COUNT = "一二三四五六七八九"


def _shape(side) -> str:
    """How a side of a 表二 row equivalence is laid out, in S01's words: 只有一行 / 分为三行."""
    n = len(side.cells)     # one cell per row: a side is one column's cells
    return "只有一行" if n == 1 else f"分为{_COUNT[n - 1] if n <= len(_COUNT) else n}行"


def _markers(ctx: Context, table: str, paths: list[str], other) -> list[str]:
    """What S01 names of another format's cells kept in one table: the equivalent rows by their
    shape (“（六）其他处理”只有一行), any other cells by their labels."""
    out: list[str] = []
    rest = set(paths)
    name = other.table[table].name
    for _own, foreign, eq in equivalences(ctx.fmt.id):
        if table == foreign.cells[0].split(".", 1)[0] and rest & set(foreign.cells):
            marker = f"{name}“{eq.label}”{_shape(foreign)}（{other.short_name}）"
            if marker not in out:
                out.append(marker)
            rest -= set(foreign.cells)
    if rest:
        labels = _row_labels(other, [p for p in paths if p in rest])
        more = "等" if len(labels) > 2 else ""
        out.append(f"{name}含“{'”“'.join(labels[:2])}”{more}栏目（{other.short_name}）")
    return out


@rule("S01", "格式与年度一致", ERROR)
def s01(ctx: Context):
    rep = ctx.report
    expected = format_for_year(rep.year)
    if expected is None:
        yield Problem("S01@format", "S01", ERROR,
                      f"报告年度为{rep.year}年，本软件支持{earliest_year()}年及以后的年度报告（{earliest_year()}年以前适用旧条例）",
                      ("year", "format"))
        return
    markers: list[str] = []
    cells: list[str] = []
    if expected.id != rep.format:
        markers.append(f"本报告使用{ctx.fmt.name}")
    for table, paths in _foreign_by_table(ctx).items():
        other = foreign_cells(ctx.fmt.id)[paths[0]]
        # the other format's cells are a mismatch unless the year asks for that format
        if other.id != expected.id or expected.id == rep.format:
            cells += paths
            markers += _markers(ctx, table, paths, other)
    if markers:
        yield Problem("S01@format", "S01", ERROR,
                      f"报告年度为{rep.year}年，应使用{expected.name}，但{'；'.join(markers)}",
                      ("year", "format", *cells))


@derived
def _table_paths(format_id: str):
    return [(t, tuple(c.path for c in t.cells)) for t in FORMATS[format_id].tables]


@rule("S02", "六个部分齐全", ERROR)
def s02(ctx: Context):
    for key in ("s1", "s5", "s6"):
        if is_blank_text(ctx, key):
            yield Problem(f"S02@{key}", "S02", ERROR, f"缺少“{ctx.fmt.section[key].heading}”部分", (key,))
    for table, paths in _table_paths(ctx.fmt.id):
        if all_blank(ctx.report, paths):
            yield Problem(f"S02@{table.key}", "S02", ERROR, f"缺少{table.name}（全部单元格为空白）", paths)


import_rule("S03", "标题措辞", WARNING)
import_rule("S04", "表格标签", WARNING)


@rule("S05", "表格结构", ERROR)
def s05(ctx: Context):
    """The data part of S05: cells of the other format kept in this report (mixed layout).

    Importers add the rest (missing cells, extra rows) as import findings with the same id.
    """
    fmt = ctx.fmt
    for table, paths in _foreign_by_table(ctx).items():
        other = foreign_cells(fmt.id)[paths[0]]
        extra = _row_labels(other, paths)
        missing_paths = [p for p in _own_only(fmt, table, other) if ctx.report.cells.get(p) is None]
        missing = _row_labels(fmt, missing_paths)
        what = "，".join(filter(None, [
            "多出“" + "”“".join(extra) + "”" if extra else "",
            "缺少“" + "”“".join(missing) + "”" if missing else "",
        ]))
        yield Problem(f"S05@{table}", "S05", ERROR,
                      f"{fmt.table[table].name}结构与{fmt.short_name}不符：{what}",
                      tuple(paths + missing_paths))


PLACEHOLDERS = re.compile(r"编写说明|这一项报告|该部分以表格形式报告|表格如下|XXX|ＸＸＸ|××|\[请填写[^\]]*\]")
PLACEHOLDER_WORDS = ("编写说明", "这一项报告", "该部分以表格形式报告", "表格如下", "XXX", "ＸＸＸ", "××", "[请填写")


@rule("S06", "模板说明文字残留", WARNING)
def s06(ctx: Context):
    for section in ctx.fmt.sections:
        text = ctx.report.sections.get(section.key) or ""
        # cheap substring pre-test (the literal parts of PLACEHOLDERS), the regex only on a hit
        m = PLACEHOLDERS.search(text) if any(w in text for w in PLACEHOLDER_WORDS) else None
        if m:
            start = max(0, m.start() - 4)
            piece = text[start:m.end() + 12].replace("\n", " ").strip()
            yield Problem(f"S06@{section.key}", "S06", WARNING,
                          f"{section.heading}中残留模板说明文字：“{piece}”", (section.key,), span=m.span())


@rule("S07", "报告标题", WARNING)
def s07(ctx: Context):
    rep = ctx.report
    title = re.sub(r"\s", "", rep.title or "")
    if not title:
        yield Problem("S07@title", "S07", WARNING, "尚未填写报告标题", ("title",))
        return
    reasons = []
    if f"{rep.year}年" not in title:
        reasons.append("年度与统计年度{0}不一致".format(rep.year) if re.search(r"\d{4}年", title) else "缺少年度")
    if not title.endswith("政府信息公开工作年度报告"):
        reasons.append("应为“政府信息公开工作年度报告”")
    if reasons:
        yield Problem("S07@title", "S07", WARNING, f"报告标题“{rep.title}”不规范：{'；'.join(reasons)}", ("title",))


@rule("S08", "统计期限", INFO)
def s08(ctx: Context):
    year = ctx.report.year
    raw = ctx.report.sections.get("s1") or ""
    if f"{year}年1月1日" in raw and "12月31日" in raw:
        return          # the usual case, without building the whitespace-free copy
    text = "".join(raw.split())  # not re.sub: 4× faster on 一
    if f"{year}年1月1日" in text and "12月31日" in text:
        return
    m = re.search(r"(\d{4})年1月1日", text)
    if m and "12月31日" in text:
        msg = f"统计期限年份{m.group(1)}与报告年度{year}不一致"
    else:
        msg = f"未写明统计期限（{year}年1月1日至12月31日）"
    yield Problem("S08@s1", "S08", INFO, msg, ("s1",))
