"""Edit-to-highlight latency of one 表二 cell (offscreen), median over many repetitions.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_grid.py [--reps 400]

Measured on the 朝晖街道 sample in a shown 表二 GridView:

- baseline: a bare `check(report)` — the rule engine alone, the floor of any live check;
- document: `Document.set_cell` without any view (undo command + rules + signals);
- edit→highlight: `model.setData(index, text)` until it returns, which is when the cell's
  BackgroundRole has changed and `dataChanged` has been emitted (verified on every rep);
- edit→pixels: the same plus processing the resulting paint events (the dirty cells repainted).

Each rep alternates the value so the relation flips between failing and reconciled. Target:
edit→highlight ≤ 16 ms median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from govreport_desktop.core.rules import check  # noqa: E402
from govreport_desktop.io import jsondoc  # noqa: E402
from govreport_desktop.ui.document import Document  # noqa: E402
from govreport_desktop.ui.grid_view import GridView  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "zhaohui-street-2021.json"
CELL = "t2.L3_1.C1"
TARGET_MS = 16.0


def ms(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=20)
    return f"median {statistics.median(samples) * 1000:7.2f} ms   p95 {q[18] * 1000:7.2f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=400)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])

    report = jsondoc.read(SAMPLE)
    baseline = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        check(report)
        baseline.append(time.perf_counter() - t0)

    doc_only = Document(jsondoc.read(SAMPLE))
    document = []
    for i in range(args.reps):
        t0 = time.perf_counter()
        doc_only.set_cell(CELL, 2 + i % 2)
        document.append(time.perf_counter() - t0)

    doc = Document(jsondoc.read(SAMPLE))
    view = GridView(doc, "t2")
    view.resize(1100, 800)
    view.show()
    app.processEvents()
    model = view.model()
    index = model.index_of(CELL)
    r3 = model.index_of("t2.R3.C1")     # a total in the relation the edit breaks / mends
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row())))

    highlight, pixels = [], []
    for i in range(args.reps):
        value = "2" if i % 2 == 0 else "0"
        before = model.data(r3, Qt.BackgroundRole)
        changed.clear()
        t0 = time.perf_counter()
        ok = model.setData(index, value, Qt.EditRole)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        after = model.data(r3, Qt.BackgroundRole)
        if not ok or not changed or after == before:
            raise SystemExit(f"rep {i}: highlight did not follow the edit")
        highlight.append(t1 - t0)
        pixels.append(t2 - t0)

    med = statistics.median(highlight) * 1000
    base = statistics.median(baseline) * 1000
    print(f"表二 edit-to-highlight, {args.reps} reps, offscreen, cell {CELL}")
    print(f"  baseline check(report)      {ms(baseline)}")
    print(f"  Document.set_cell (no view) {ms(document)}")
    print(f"  model.setData → highlight   {ms(highlight)}")
    print(f"  … plus repaint (pixels)     {ms(pixels)}")
    print(f"  ratio edit→highlight / check = {med / base:.2f}")
    print(f"  target ≤ {TARGET_MS:.0f} ms median: {'met' if med <= TARGET_MS else 'NOT met'}")
    return 0 if med <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
