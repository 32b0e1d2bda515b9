"""Benchmark of the report core (issue 2).

    .venv/bin/python benchmarks/bench_core.py [--quick]

Measures, as medians of many repetitions with time.perf_counter:
  1. full validation (`check()`, every rule of the catalogue) of a full 2021 report — the
     沭阳县人民政府 2025 fixture (175 + 10 + 15 cells filled, ~3 400 characters of text);
  2. load + validate + print one JSON file through the CLI in-process (`govreport check --json`);
and, measured in the same run as baselines, `copy.deepcopy` of that report and `json.loads` of
the same file, so the figures can be compared across machines. Also the median of each rule on
its own, to show where the time goes. Target: full validation ≤ 1 ms median.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop import cli  # noqa: E402
from govreport_desktop.core.rules import RULES, check  # noqa: E402
from govreport_desktop.core.rules.engine import Context  # noqa: E402
from govreport_desktop.io import jsondoc  # noqa: E402

SHARED = Path(os.environ.get("GOVREPORT_SHARED", ROOT.parent / "shared"))
FIXTURE = SHARED / "fixtures" / "truth" / "shuyang-county-2025.json"
TARGET_MS = 1.0


# the rules of issue 2 (the report core); the others (X01–X04, X07, P04 …) came with later issues
ISSUE_2_RULES = {"M01", "M02", "M03", "M06", "M08", "L01", "L04", "P02", "V01", "V02", "V04", "V05",
                 "V06", "P01", "P06", "S01", "S02", "S05", "S06", "S07", "S08", "S09", "S10", "S11",
                 "M07", "L05", "X05", "X06"}


def median_ms(fn, repeat: int, warmup: int = 50, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    BEST[fn] = min(times) * 1000
    return statistics.median(times) * 1000


BEST: dict = {}   # fastest single run of each measured function: what an idle machine would show


@contextlib.contextmanager
def only_rules(ids):
    """Temporarily keep only these rules in the catalogue."""
    saved = dict(RULES)
    for key in list(RULES):
        if key not in ids:
            del RULES[key]
    try:
        yield
    finally:
        RULES.clear()
        RULES.update(saved)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    n = 300 if quick else 3000
    if not FIXTURE.exists():
        print(f"fixture not found: {FIXTURE} (set GOVREPORT_SHARED)")
        return 2
    report = jsondoc.read(FIXTURE)
    text = FIXTURE.read_text(encoding="utf-8")
    problems = check(report)
    print(f"report: {report.unit} {report.year}, format {report.format}, {len(report.cells)} cells, "
          f"{sum(map(len, report.sections.values()))} characters of text; "
          f"{len([r for r in RULES.values() if not r.import_only])} rules; {len(problems)} problems found")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {n} repetitions each, {os.cpu_count()} CPUs, "
          f"load average {load:.2f} (other processes inflate wall-clock medians)\n")

    deepcopy = median_ms(lambda: copy.deepcopy(report), n)
    loads = median_ms(lambda: json.loads(text), n)
    full = lambda: check(report)  # noqa: E731
    validate = median_ms(full, n)
    validate_cpu = median_ms(lambda: check(report), n, clock=time.thread_time)
    with only_rules(ISSUE_2_RULES):
        validate_core = median_ms(lambda: check(report), n)

    sink = io.StringIO()

    def through_cli():
        sink.seek(0)
        sink.truncate()
        with contextlib.redirect_stdout(sink):
            status = cli.main(["check", "--json", str(FIXTURE)])
        assert status == 0

    cli_ms = median_ms(through_cli, max(n // 5, 100), warmup=20)
    record = json.loads(sink.getvalue())
    assert record["ok"] and record["errors"] == 0

    rows = [
        ("baseline: copy.deepcopy(report)", deepcopy),
        ("baseline: json.loads(file text)", loads),
        ("full validation check(report)", validate),
        ("  same, CPU time of this thread", validate_cpu),
        (f"  issue-2 rules only ({len(ISSUE_2_RULES)})", validate_core),
        ("CLI: load + validate + print --json", cli_ms),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  median ms   × deepcopy   × json.loads")
    for name, ms in rows:
        print(f"{name:{width}}  {ms:9.3f}   {ms / deepcopy:10.2f}   {ms / loads:12.2f}")
    verdict = "meets" if validate <= TARGET_MS else "MISSES"
    print(f"\nfull validation: {validate:.3f} ms median — {verdict} the target of ≤ {TARGET_MS:g} ms "
          f"(fastest run {BEST[full]:.3f} ms)")

    # where the time goes: each rule alone on the same report
    ctx = Context(report, report.fmt, None)
    per_rule = []
    for rule in RULES.values():
        if rule.import_only or report.format not in rule.formats or rule.needs_previous:
            continue
        per_rule.append((median_ms(lambda r=rule: list(r.run(ctx)), max(n // 3, 100), warmup=10), rule.id))
    per_rule.sort(reverse=True)
    total = sum(ms for ms, _ in per_rule)
    core = sum(ms for ms, rule_id in per_rule if rule_id in ISSUE_2_RULES)
    print(f"\nper rule alone (median ms): sum {total:.3f}, of which issue-2 rules {core:.3f}, "
          f"later text/table rules {total - core:.3f}; the slowest:")
    for ms, rule_id in per_rule[:12]:
        print(f"  {rule_id:4} {ms:7.4f}  {ms / total:5.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
