"""What `govreport summarize` prints: JSON Lines for scripts, or lines in Chinese for people.

JSON Lines (a contract like spec/interchange.md: change only by adding optional fields): one
object per unit, in file order, then the roster units that sent nothing, then one summary
object:

    {"file": "a.xlsx", "unit": "…", "unit_kind": "township", "year": 2025, "format": "…",
     "status": "ok", "status_text": "通过", "included": true, "errors": 0, "warnings": 2,
     "infos": 1, "note": "", "on_roster": true}
    {"summary": true, "year": 2025, "format": "…", "files": 120, "included": 117,
     "statuses": {"ok": 100, "errors": 17, "duplicate": 1, "other_year": 1, "unreadable": 1},
     "missing": ["…"], "similar": [{"what": "s1", "a": "a.xlsx", "b": "b.xlsx", "shared": 12,
     "of_a": 0.92, "of_b": 0.86}], "blanks": {"t2.R1.C3": 4}, "report": {the summed report
     document}, "output": "汇总.xlsx"}

`status` is one of ok, errors, unreadable (then `error` holds the reason), duplicate,
other_year, summary_file (a 汇总 workbook among the inputs, not counted), missing (then `file`
is null); `what` is s1, s5 or data (identical 表一–表三).
"""

from __future__ import annotations

from typing import Iterator

from ..core.summary import (DUPLICATE, HAS_ERRORS, MISSING, OTHER_YEAR, PASSED, SUMMARY_FILE, UNREADABLE,
                            Summary, describe)
from . import jsondoc

STATUS_CODES = {PASSED: "ok", HAS_ERRORS: "errors", UNREADABLE: "unreadable", DUPLICATE: "duplicate",
                OTHER_YEAR: "other_year", MISSING: "missing", SUMMARY_FILE: "summary_file"}


def json_lines(summary: Summary, output: str | None = None) -> Iterator[dict]:
    for u in summary.units:
        line = {"file": u.file or None, "unit": u.unit, "unit_kind": u.unit_kind, "year": u.year,
                "format": u.format, "status": STATUS_CODES[u.status], "status_text": u.status,
                "included": u.included, "errors": u.errors, "warnings": u.warnings, "infos": u.infos,
                "note": u.note}
        if u.status == UNREADABLE:
            line["error"] = u.note
        if u.on_roster is not None:
            line["on_roster"] = u.on_roster
        yield line
    statuses: dict[str, int] = {}
    for u in summary.units:
        statuses[STATUS_CODES[u.status]] = statuses.get(STATUS_CODES[u.status], 0) + 1
    yield {"summary": True, "year": summary.report.year, "format": summary.report.format,
           "files": sum(1 for u in summary.units if u.status != MISSING), "included": len(summary.included),
           "statuses": statuses, "missing": list(summary.missing),
           "similar": [{"what": s.what, "a": summary.unit(s.a).file, "b": summary.unit(s.b).file,
                        "shared": s.shared, "of_a": round(s.of_a, 4), "of_b": round(s.of_b, 4)}
                       for s in summary.similar],
           "blanks": dict(summary.blanks), "report": jsondoc.to_dict(summary.report), "output": output}


def text_lines(summary: Summary, output: str | None = None) -> Iterator[str]:
    files = sum(1 for u in summary.units if u.status != MISSING)
    yield (f"== 汇总：{summary.report.year}年，{summary.fmt.name}，计入 {len(summary.included)} 个单位"
           f"（共 {files} 个文件）")
    for u in summary.units:
        if u.status == MISSING:
            continue
        who = u.file if not u.unit else f"{u.file}（{u.unit}，{u.year}年）"
        counts = f"：{u.errors} 个错误，{u.warnings} 个警告" if u.format else ""
        note = f"；{u.note}" if u.note else ""
        yield f"  [{u.status}] {who}{counts}{note}"
    if summary.missing:
        yield f"未报送（{len(summary.missing)} 个）：{'、'.join(summary.missing)}"
    for s in summary.similar:
        yield f"内容雷同 {describe(s, summary)}"
    if output:
        yield f"已写入：{output}"
