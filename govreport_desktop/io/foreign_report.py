"""A report assembled from what the label reader found in another unit's file.

Year, unit and unit kind come from the title (or the “单位：/年度：” lines); the format from the
cells only one format has, else the year. Label and heading variants become S03/S04 findings,
missing or extra rows of a table an S05 finding, text in number cells V03; the notices tell the
user in plain words what was assumed.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..core.formats import FORMATS, anchors, foreign_cells, format_for_year, latest
from ..core.report import SECTION_KEYS, UNIT_KINDS, Report
from ..core.rules import ERROR, WARNING, Problem
from . import labels
from .base import Loaded
from .errors import NotAReportError
from .table_finder import Seen


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs).strip("\n")


def _year(seen: Seen) -> int | None:
    for text in (seen.meta.get("年度", ""), seen.title, *seen.preamble[:3]):
        m = re.search(r"((?:19|20)\d{2})\s*年", text or "")
        if m:
            return int(m.group(1))
    return None


def _unit(seen: Seen, year: int | None) -> str:
    if seen.meta.get("单位"):
        return seen.meta["单位"]
    t = re.sub(r"\s", "", seen.title)
    if not t:
        return ""
    t = re.sub(r"^关于", "", t)
    if year:
        t = t.replace(f"{year}年度", "").replace(f"{year}年", "")
    t = re.sub(r"政府信息公开.*$", "", t)
    return t


def _unit_kind(seen: Seen, unit: str) -> str:
    label = seen.meta.get("单位类型")
    for key, name in UNIT_KINDS.items():
        if label == name:
            return key
    if re.search(r"(街道|乡|镇)(人民政府|办事处)?$", unit):
        return "township"
    if re.search(r"(省|自治区|市)人民政府(办公厅)?$", unit) and not re.search(r"[县区]人民政府", unit):
        return "provincial_gov" if re.search(r"(省|自治区)人民政府", unit) else "municipal_gov"
    if re.search(r"(县|区|旗)人民政府(办公室)?$", unit):
        return "county_gov"
    if re.search(r"(局|委员会|委|办公室|办|厅|中心|院)$", unit):
        return "department"
    return "other"


def _choose_format(seen: Seen, year: int | None) -> str:
    """The format whose own cells (no other format has them) the file holds; when none or
    several do, the format of the year; else the latest."""
    marks = set()
    for fmt in FORMATS.values():
        others = set().union(*(o.cell_paths for o in FORMATS.values() if o is not fmt))
        if any(p in seen.cells for p in fmt.cell_paths if p not in others):
            marks.add(fmt.id)
    if len(marks) == 1:
        return marks.pop()
    fmt = format_for_year(year) if year else None
    return (fmt or latest()).id


def _label_findings(seen: Seen, fmt_id: str) -> list[Problem]:
    fmt = FORMATS[fmt_id]
    out: dict[str, Problem] = {}
    for kind, key, raw, canonical in seen.labels:
        if kind == "t1i":
            _t, item, _f = key.split(".")
            official = fmt.table["t1"].row[item].label if item in fmt.table["t1"].row else canonical
            pid, table = f"S04@t1.{item}", "表一"
        elif kind == "t1f":
            cols = fmt.table["t1"].col
            official = cols[key].label if key in cols else canonical
            pid, table = f"S04@t1.{key}", "表一"
        elif kind == "t2r":
            official, pid, table = canonical, f"S04@t2.{key}", "表二"
        elif kind == "t2c":
            official, pid, table = canonical, f"S04@t2.{key}", "表二"
        else:
            official, pid, table = canonical, f"S04@t3.{key}", "表三"
        if labels.norm(raw) != labels.norm(official) and pid not in out:
            shown = re.sub(r"\s*\n\s*", "", raw.strip())      # a label printed over several lines
            out[pid] = Problem(pid, "S04", WARNING,
                               f"{table}标签“{shown}”与规范标签“{official}”不一致，已按规范标签读入", ())
    return list(out.values())


def foreign_report(seen: Seen, name: str, source: str = "文件") -> Loaded:
    """A report from what the label reader found in another unit's file; `source` is what the
    file is called in messages (工作簿, 文档, 网页)."""
    if not seen.found and not seen.sections:
        raise NotAReportError(f"“{name}”中没有找到年度报告的表格（表一、表二、表三）或“一、总体情况”等标题，"
                              "不像是政府信息公开工作年度报告。")
    notices: list[str] = []
    year = _year(seen)
    fmt_id = _choose_format(seen, year)
    fmt = FORMATS[fmt_id]
    if year is None:
        # last year, within the years the format applies to
        year = max(fmt.years.start, min(fmt.years.stop - 1, _dt.date.today().year - 1))
        notices.append(f"未在{source}中找到报告年度，暂按 {year} 年读入，请在报告信息中核对。")
    unit = _unit(seen, year)
    sections = {k: join_paragraphs(seen.sections.get(k, [])) for k in SECTION_KEYS}
    if seen.preamble:
        sections["s1"] = "\n".join(p for p in (join_paragraphs(seen.preamble), sections["s1"]) if p)
    for key, paras in seen.extra_text.items():
        sections[key] = "\n".join(p for p in (sections[key], *paras) if p)

    findings: list[Problem] = []
    for key, raw in seen.headings:
        findings.append(Problem(f"S03@{key}", "S03", WARNING,
                                f"标题“{raw}”与规范标题“{fmt.section[key].heading}”不一致，已按规范标题读入", (key,)))
    findings += _label_findings(seen, fmt_id)

    cells = dict(seen.cells)
    notes = dict(seen.notes)
    foreign = foreign_cells(fmt_id)
    for table in fmt.tables:
        if table.key not in seen.found:
            notices.append(f"未在{source}中找到{table.name}（按“{_anchor(table.key)}”等标签查找），{table.name}按空白读入。")
            continue
        has_foreign = any(p in foreign and p.startswith(table.key + ".") for p in cells)
        missing = [c.path for c in table.cells if c.path not in cells]
        extra = seen.extra.get(table.key, [])
        if has_foreign:
            missing = []      # the checker's S05 names the other format's rows and what is missing
        for p in missing:
            notes.setdefault(p, "原表未填")
        if missing or extra:
            missing_labels = list(dict.fromkeys(fmt.cell_label(p) for p in missing))
            what = "，".join(filter(None, [
                "多出“" + "”“".join(extra) + "”" if extra else "",
                "缺少“" + "”“".join(missing_labels) + "”" if missing_labels else "",
            ]))
            findings.append(Problem(f"S05@{table.key}", "S05", ERROR,
                                    f"{table.name}结构与{fmt.id}年格式不符：{what}", tuple(missing)))
            if missing_labels:
                notices.append(f"{table.name}：在{seen.found[table.key]}未找到“{'”“'.join(missing_labels[:5])}”"
                               f"{'等' if len(missing_labels) > 5 else ''}，已按空白读入并备注“原表未填”。")
            if extra:
                notices.append(f"{table.name}：多出的栏目“{'”“'.join(extra)}”已作为文字附在"
                               f"“{fmt.section_of(table.key).heading}”末尾。")
    findings += list(seen.v03.values())
    report = Report(format=fmt_id, year=year, unit=unit, unit_kind=_unit_kind(seen, unit),
                    title=seen.title, sections=sections, cells=cells, notes=notes,
                    t1_units=dict(seen.t1_units), explanations=dict(seen.explanations))
    texts = len(seen.v03) - len(seen.computed)
    if texts:
        notices.append(f"有 {texts} 个数值单元格含有文字，已取出数值，原文移入备注（V03）。")
    if seen.computed:
        notices.append(f"有 {len(seen.computed)} 个数值单元格是公式或错误值：公式取其保存的计算结果，"
                       "错误值按空白读入，请逐一核对（V03）。")
    return Loaded(report, findings, notices, imported=True)


def _anchor(table: str) -> str:
    return anchors(table)[0]
