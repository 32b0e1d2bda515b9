"""Start this year's report from last year's (文件 → 新建 → 从上年报告开始…, `govreport new --from`).

What carries over: the unit and its kind; 表二 “二、上年结转” = last year's “四、结转下年度继续办理”,
column by column (Y01's relation); and last year's report itself, attached as the previous-year
report so that the cross-year rules (Y01, P03, P07, Y03, Y06 …) run from the first edit. The
texts do not carry over: the six parts start from the format's templates and last year's texts
are shown beside them for reference (copying them is how 内容雷同, Y04, comes about).

Last year's report may be of the other format (a 2020 report in the 2019 format for 2021): it
is read through an explicit migration to this year's format (core/migrate.py, which follows the
formats' equivalences), so every carried cell is a cell of this year's format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .formats import FORMATS, format_for_year
from .migrate import migrate
from .report import Report
from .values import Value, show

CARRIED_FROM, CARRIED_TO = "R4", "R2"      # t2 rows: 结转下年度继续办理 → 上年结转


@dataclass
class Started:
    """The new report, the cells it took from last year, and what the user should know."""

    report: Report
    carried: dict[str, Value] = field(default_factory=dict)   # t2.R2.* → value (blank left out)
    notices: list[str] = field(default_factory=list)


def next_year_of(last: Report) -> int:
    return last.year + 1


def start_from(last: Report, year: int | None = None) -> Started:
    """A new report for `year` (default: the year after `last`) in the format that year requires.

    Raises ValueError with a Chinese sentence when no official format applies to that year."""
    year = next_year_of(last) if year is None else year
    fmt = format_for_year(year)
    if fmt is None:
        raise ValueError(f"{year}年度没有适用的年度报告格式，无法新建该年度的报告。")
    report = Report.new(year, unit=last.unit, unit_kind=last.unit_kind, format_id=fmt.id)
    notices: list[str] = []
    if year != next_year_of(last):
        notices.append(f"上年报告是{last.year}年度的，新报告是{year}年度，不是紧接的下一年度；"
                       "上年结转和跨年核对仍以该报告为准，请确认。")
    source = last if last.format == fmt.id and not last.foreign_paths() else migrate(last, fmt.id)
    if source is not last:
        notices.append(f"上年报告使用{FORMATS[last.format].name}，已按{fmt.name}的对应栏目结转。")
    carried: dict[str, Value] = {}
    for col in fmt.table["t2"].cols:
        value = source.cells.get(f"t2.{CARRIED_FROM}.{col.key}")
        if value is not None:
            carried[f"t2.{CARRIED_TO}.{col.key}"] = value
    report.cells.update(carried)
    if not carried:
        notices.append(f"{last.year}年报告的“四、结转下年度继续办理”为空白，上年结转未填写。")
    report.attach_previous(last)
    return Started(report, carried, notices)


def summary(started: Started) -> str:
    """One sentence on what was carried: for the status bar and the command line."""
    report, prev = started.report, started.report.previous
    total = started.carried.get(f"t2.{CARRIED_TO}.CT")
    carried = f"上年结转总计 {show(total)} 件" if total is not None else "上年结转未填写"
    unit = report.unit or "未填单位"
    return (f"已从{prev.year}年报告新建{unit}{report.year}年度报告（{report.fmt.short_name}）："
            f"{carried}，已对照{prev.year}年报告进行跨年核对")

