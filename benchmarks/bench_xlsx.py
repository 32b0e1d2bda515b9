"""Excel figures: save and load of a full report, and reading 100 workbooks with openpyxl
versus python-calamine. Prints medians; nothing is asserted (CI runs the tests, not this).

    .venv/bin/python benchmarks/bench_xlsx.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop.core.report import Report  # noqa: E402
from govreport_desktop.core.schema import Kind  # noqa: E402
from govreport_desktop.io import files, jsondoc, xlsx_read  # noqa: E402

TRUTH = ROOT.parent / "shared" / "fixtures" / "truth" / "shuyang-county-2025.json"


def full_report() -> Report:
    """A real county report (every cell filled, ~10 000 characters of text) when available."""
    if TRUTH.exists():
        return jsondoc.read(TRUTH)
    r = Report.new(2025, "某某县人民政府", "county_gov")
    for i, (path, spec) in enumerate(r.fmt.cell.items()):
        r.cells[path] = Decimal("4068.208") if spec.kind is Kind.MONEY else i
    for k in r.sections:
        r.sections[k] = "政府信息公开工作稳步推进。" * 150
    return r


def median_ms(fn, rounds: int) -> float:
    fn()                                     # warm-up: imports, caches
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--workbooks", type=int, default=100)
    args = ap.parse_args(argv)
    report = full_report()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "报告.xlsx"
        save = median_ms(lambda: files.save_report(report, path), args.rounds)
        load = median_ms(lambda: files.open_report(path), args.rounds)
        print(f"full report ({sum(v is not None for v in report.cells.values())} cells, "
              f"{sum(len(t) for t in report.sections.values())} characters of text), "
              f"{path.stat().st_size // 1024} KB")
        print(f"  save (build + write + atomic replace): median {save:.1f} ms")
        print(f"  load (checks + hidden sheet + visible cross-check): median {load:.1f} ms")

        # 100 different workbooks: the report with other numbers, half of them without the
        # hidden sheet (read by labels as another unit's workbook would be).
        paths = []
        for i in range(args.workbooks):
            r = report.copy()
            r.unit = f"{report.unit}{i}"
            r.cells["t2.R1.C1"] = i
            p = tmp / f"wb{i}.xlsx"
            files.save_report(r, p, backup=False)
            if i % 2:
                import openpyxl
                wb = openpyxl.load_workbook(p)
                del wb["_govreport"]
                wb.save(p)
            paths.append(p)

        def read_all(backend):
            return lambda: [xlsx_read.read(p, backend=backend) for p in paths]

        def grids_all(backend):
            return lambda: [xlsx_read.load_grids(p, backend=backend) for p in paths]

        rounds = max(3, args.rounds // 5)
        g_opx = median_ms(grids_all("openpyxl"), rounds)
        g_cal = median_ms(grids_all("calamine"), rounds)
        r_opx = median_ms(read_all("openpyxl"), rounds)
        r_cal = median_ms(read_all("calamine"), rounds)
        n = len(paths)
        print(f"reading {n} workbooks (median of {rounds} runs):")
        print(f"  cell values only: openpyxl {g_opx:.0f} ms, calamine {g_cal:.0f} ms, ratio {g_opx / g_cal:.1f}×")
        print(f"  whole reader:     openpyxl {r_opx:.0f} ms, calamine {r_cal:.0f} ms, ratio {r_opx / r_cal:.1f}×")


if __name__ == "__main__":
    main()
