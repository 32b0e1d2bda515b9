"""`govreport` — the command line: check reports, convert between file types.

    govreport check [--json] [--previous LAST] FILE...   exit 0: no errors; 1: some file has errors; 2: some file unreadable
    govreport convert IN OUT           e.g. report.json → report.xlsx, or an export (report.xlsx → 报告.docx)
    govreport new --from LAST OUT [--year Y]   this year's report started from last year's (any readable file)
    govreport summarize DIR_OR_FILES... [-o 汇总.xlsx] [--roster 名单.xlsx] [--year Y] [--json]
                                       汇总 of many units; exit status as for check
FILE and DIR_OR_FILES may be folders: every report file in them (recursively) is read.

Files are read, saved and exported through the registries of io/base.py and io/export/, so a file
type added there works here too, and a missing library is named in the message.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__, cli_help
from .core import next_year
from .core.report import UNIT_KINDS
from .core.rules import SEVERITY_LABEL, check, counts
from .io import jsondoc
from .io.errors import GovReportIOError
from .io.export import EXPORTERS, export
from .io.files import WRITERS, save_report
from .io.sandbox import load as safe_load
from .stdio import guard_stdio, quiet_broken_pipe


def _load(path: str):
    """Load a file (in the reading process, see io/sandbox.py); returns (Loaded, None) or
    (None, Chinese message)."""
    try:
        return safe_load(path), None
    except GovReportIOError as e:
        return None, " ".join(str(e).splitlines())     # one line even for a name with a line break
    except Exception as e:  # a bug in a reader must not hide the other files' results
        return None, f"读取“{Path(path).name}”时发生内部错误（{type(e).__name__}），请将此文件发给开发者。"


def check_file(path: str, previous=None) -> dict:
    """The `--json` record of one file (interchange.md); `previous` is last year's report."""
    loaded, error = _load(path)
    if loaded is None:
        return {"file": path, "ok": False, "error": error}
    try:
        problems = list(loaded.findings) + check(loaded.report, previous)
    except Exception as e:  # a bug in a rule must not hide the other files' results (nor print a traceback)
        return {"file": path, "ok": False,
                "error": f"校验“{Path(path).name}”时发生内部错误（{type(e).__name__}），请将此文件发给开发者。"}
    c = counts(problems)
    return {"file": path, "ok": True, "report": jsondoc.to_dict(loaded.report),
            "problems": [p.to_dict() for p in problems],
            "errors": c["error"], "warnings": c["warning"], "infos": c["info"]}


def cmd_check(args, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    status = 0
    unreadable = False
    totals = {"error": 0, "warning": 0, "info": 0}
    previous = None
    if args.previous:
        loaded, error = _load(args.previous)
        if loaded is None:
            print(f"govreport: 上年报告：{error}", file=err)
            return 2
        previous = loaded.report
    for path in args.files:
        rec = check_file(path, previous)
        if not rec["ok"]:
            unreadable = True
            print(f"govreport: {rec['error']}", file=err)
            if args.json:
                print(json.dumps(rec, ensure_ascii=False), file=out)
            continue
        if rec["errors"]:
            status = 1
        for k, n in (("error", rec["errors"]), ("warning", rec["warnings"]), ("info", rec["infos"])):
            totals[k] += n
        if args.json:
            print(json.dumps(rec, ensure_ascii=False), file=out)
            continue
        report = rec["report"]
        print(f"== {path}（{report['unit'] or '未填单位'}，{report['year']}年，{report['format']}年格式）", file=out)
        for p in rec["problems"]:
            print(f"  [{SEVERITY_LABEL[p['severity']]}] {p['rule']} {p['message']}", file=out)
        if not rec["problems"]:
            print("  未发现问题", file=out)
        print(f"  {rec['errors']} 个错误，{rec['warnings']} 个警告，{rec['infos']} 个提示", file=out)
    if not args.json and len(args.files) > 1:
        print(f"合计：{totals['error']} 个错误，{totals['warning']} 个警告，{totals['info']} 个提示", file=out)
    return 2 if unreadable else status


def cmd_convert(args, out=None, err=None) -> int:
    err = err or sys.stderr
    loaded, error = _load(args.input)
    if loaded is None:
        print(f"govreport: {error}", file=err)
        return 2
    try:
        if args.review:       # the 审核情况说明 of the report (.docx, .pdf), with the findings of reading it
            problems = list(loaded.findings) + check(loaded.report)
            saved = export(loaded.report, Path(args.output), problems=problems, review=True)
        else:
            saved = _write(loaded.report, Path(args.output))
    except GovReportIOError as e:
        print(f"govreport: {e}", file=err)
        return 2
    for notice in loaded.notices + saved:
        print(f"govreport: {notice}", file=err)
    return 0


def cmd_new(args, out=None, err=None) -> int:
    """The report of the year after LAST (or --year) saved to OUT, LAST attached (next_year.py)."""
    out = out or sys.stdout
    err = err or sys.stderr
    target = Path(args.output)
    if target.exists():
        print(f"govreport: “{target.name}”已存在，未覆盖。请换一个文件名。", file=err)
        return 2
    loaded, error = _load(args.last)
    if loaded is None:
        print(f"govreport: 上年报告：{error}", file=err)
        return 2
    try:
        started = next_year.start_from(loaded.report, args.year)
        saved = save_report(started.report, target)
    except ValueError as e:
        print(f"govreport: {e}", file=err)
        return 2
    except GovReportIOError as e:
        print(f"govreport: {' '.join(str(e).splitlines())}", file=err)
        return 2
    for notice in loaded.notices + started.notices + saved:
        print(f"govreport: {notice}", file=err)
    print(f"{next_year.summary(started)}；已保存到 {target}", file=out)
    across = [p for p in check(started.report) if p.rule.startswith(("Y", "P"))]
    for p in across:
        print(f"  [{SEVERITY_LABEL[p.severity]}] {p.rule} {p.message}", file=out)
    return 0


def _write(report, path: Path) -> list[str]:
    """Save as a report file (.json, .xlsx) or, for a publication type, export; the notices."""
    suffix = path.suffix.lower()
    if suffix not in WRITERS and EXPORTERS.resolve(suffix, path) is not None:
        return export(report, path, problems=check(report))    # says when errors remain
    return save_report(report, path)       # also says what can be saved when neither applies


def with_folders(command):
    """`command` with each folder among `args.files` standing for the report files in it."""
    def run(args, out=None, err=None) -> int:
        from .io.summary_run import expand

        err = err or sys.stderr
        paths, problems = expand(args.files)
        for message in problems:
            print(f"govreport: {message}", file=err)
        if not paths:
            return 2
        args.files = [str(p) for p in paths]
        status = command(args, out, err)
        return 2 if problems else status
    return run


def _show_progress(err):
    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            print(f"\r已读取 {done}/{total} 个文件", end="\n" if done == total else "", file=err, flush=True)
    return show


def cmd_summarize(args, out=None, err=None) -> int:
    from .core.summary import SUMMARY_FILE, UNREADABLE
    from .io import summary_lines, summary_run, summary_write

    out = out or sys.stdout
    err = err or sys.stderr
    clash = summary_run.output_is_a_unit(args.output, args.inputs) if args.output else None
    if clash:
        print(f"govreport: {clash}", file=err)
        return 2
    paths, problems = summary_run.expand(args.inputs, [args.output] if args.output else [])
    for message in problems:
        print(f"govreport: {message}", file=err)
    if not paths:
        print("govreport: 没有要汇总的报告文件。", file=err)
        return 2
    roster = []
    if args.roster:
        try:
            roster = summary_run.read_roster(args.roster)
        except GovReportIOError as e:
            print(f"govreport: 报送名单：{e}", file=err)
            return 2
    summary = None
    try:
        summary = summary_run.summarize_files(
            paths, year=args.year, include_other_years=args.include_other_years, roster=roster,
            unit=args.unit or "", unit_kind=args.unit_kind, jobs=args.jobs,
            progress=_show_progress(err) if not args.json and err.isatty() else None)
        notices = summary_write.save(summary, args.output) if args.output else []
    except KeyboardInterrupt:
        print("govreport: 已取消，未写入汇总文件。", file=err)
        return 130
    except GovReportIOError as e:
        print(f"govreport: {e}", file=err)
        return 2
    finally:
        if summary is not None:
            summary.close()               # its temporary folder; the unit table and report stay
    for notice in notices:
        print(f"govreport: {notice}", file=err)
    if args.json:
        for line in summary_lines.json_lines(summary, args.output):
            print(json.dumps(line, ensure_ascii=False), file=out)
    else:
        for line in summary_lines.text_lines(summary, args.output):
            print(line, file=out)
    unreadable = problems or summary.count(UNREADABLE)
    errors = any(u.errors for u in summary.units if u.status != SUMMARY_FILE)   # a 汇总's blank texts
    return 2 if unreadable else 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = cli_help.ArgumentParser(prog="govreport", description="政府信息公开工作年度报告：校验与转换")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    p = sub.add_parser("check", help="校验报告文件（勾稽关系、空白单元格、格式等）")
    p.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
    p.add_argument("--previous", metavar="LAST", help="同一单位上一年度的报告，用于核对上年结转等跨年规则")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件或文件夹（含子文件夹）")
    p.set_defaults(func=with_folders(cmd_check))
    p = sub.add_parser("convert", help="转换文件类型，如 报告.json → 报告.xlsx")
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT", help="报告文件（.xlsx、.json）或发布稿（.docx、.pdf、.html）")
    p.add_argument("--review", action="store_true",
                   help="不转换报告，而是写出审核情况说明（OUT 为 .docx 或 .pdf）：仍存在的错误、警告和已说明的警告")
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("new", help="从上年报告开始新建本年度报告（上年结转、跨年核对），如 new --from 2024年报.pdf 2025年报.xlsx")
    p.add_argument("--from", dest="last", metavar="LAST", required=True,
                   help="上一年度的报告（可打开的任何文件：.xlsx、.docx、.pdf、网页、文本等）")
    p.add_argument("--year", type=int, metavar="Y", help="新报告的年度（默认为上年报告年度加 1）")
    p.add_argument("output", metavar="OUT", help="新报告保存为（.xlsx 或 .json；不会覆盖已有文件）")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("summarize", help="汇总多个单位的报告（加总表一至表三，列出各单位情况和内容雷同）")
    p.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE", help="各单位的报告文件或文件夹（含子文件夹）")
    p.add_argument("-o", "--output", metavar="汇总.xlsx", help="写入汇总工作簿（汇总报告、单位情况、数据来源、内容雷同）")
    p.add_argument("--roster", metavar="名单", help="应报送单位名单（.xlsx 的“单位”列，或 .txt 每行一个），列出未报送单位")
    p.add_argument("--year", type=int, metavar="Y", help="汇总年度（默认取多数文件的年度）；其他年度的文件列出但不计入")
    p.add_argument("--include-other-years", action="store_true", help="其他年度的文件也计入汇总")
    p.add_argument("--unit", metavar="名称", help="汇总报告的单位名称（如“某某县人民政府”），用于标题")
    p.add_argument("--unit-kind", default="other", choices=sorted(UNIT_KINDS), help="汇总报告的单位类型")
    p.add_argument("--jobs", type=int, metavar="N", help="同时读取的进程数（默认为处理器核数）")
    p.add_argument("--json", action="store_true", help="每个单位一行 JSON，最后一行为汇总（JSON Lines）")
    p.set_defaults(func=cmd_summarize)
    return parser


def main(argv: list[str] | None = None) -> int:
    guard_stdio()
    # Messages are printed in Chinese on one line; the library's log records (e.g. which import
    # failed) are for the window's log file, not for stderr here.
    logging.getLogger(__package__).addHandler(logging.NullHandler())
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:     # `govreport check --json … | head -1`: the reader has gone
        return quiet_broken_pipe()


if __name__ == "__main__":
    sys.exit(main())
