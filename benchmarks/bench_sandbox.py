"""Cost of the safe reader boundary and of the safer saving. Prints medians and the ratio to a
baseline measured in the same run; nothing is asserted.

    .venv/bin/python benchmarks/bench_sandbox.py [--rounds 15]

- open: files.open_report in this process (baseline) against sandbox.load with the worker
  already running, per file type; and a cold start (new worker + first workbook).
- save: atomic_write without a backup (baseline) against the .bak plus two older versions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop.io import backups, files, sandbox  # noqa: E402


def median_ms(fn, rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    import reliability

    pool = reliability.seeds()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        samples = {"own .xlsx": pool[".xlsx"][0], "foreign .xlsx": pool[".xlsx"][1],
                   ".xls": pool[".xls"][0], ".json": pool[".json"][0]}
        box = sandbox.Sandbox()
        print("open (median ms)       in-process   boundary   ratio")
        for label, data in samples.items():
            path = tmp / ("s" + label.split()[-1])
            path.write_bytes(data)
            base = median_ms(lambda: files.open_report(path), args.rounds)
            safe = median_ms(lambda: box.load(path), args.rounds)
            print(f"  {label:<18} {base:10.1f} {safe:10.1f} {safe / base:7.2f}")
        box.close()
        xlsx = tmp / "s.xlsx"
        colds = []
        for _ in range(max(3, args.rounds // 3)):
            fresh = sandbox.Sandbox()
            t = time.perf_counter()
            fresh.load(xlsx)
            colds.append((time.perf_counter() - t) * 1000)
            fresh.close()
        base = median_ms(lambda: files.open_report(xlsx), args.rounds)
        cold = statistics.median(colds)
        print(f"  cold start + own .xlsx {base:8.1f} {cold:10.1f} {cold / base:7.2f}")

        print("save (median ms)       no backup   .bak + 2 older   ratio")
        backups.startup([], store=tmp / "versions")
        for label, data in (("own .xlsx", pool[".xlsx"][0]), (".json", pool[".json"][0])):
            target = tmp / ("t" + label.split()[-1])
            base = median_ms(lambda: files.atomic_write(target, data, backup=False), args.rounds)
            kept = median_ms(lambda: files.atomic_write(target, data), args.rounds)
            print(f"  {label:<18} {base:10.1f} {kept:12.1f} {kept / base:10.2f}")
        backups.stop_keeping()
    return 0


if __name__ == "__main__":
    sys.exit(main())
