"""Publication export figures for the county report (沭阳 2025): .docx, PDF and web page, each
against the Excel workbook encoded in the same run; and what printing adds to the PDF (its pages
rendered as the print preview and a printer get them, ui/printing.py). Prints medians;
nothing is asserted. Targets (issue 10): .docx ≤ 0.5 s, PDF ≤ 1 s.

    .venv/bin/python benchmarks/bench_export.py [--rounds 11]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_xlsx import full_report  # noqa: E402

from govreport_desktop.io import xlsx_write  # noqa: E402
from govreport_desktop.io.export import docx, pdf, webpage  # noqa: E402


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=11)
    args = ap.parse_args(argv)
    report = full_report()
    # The first PDF pays for reading the font folders and loading the fonts (once per process).
    first_pdf = timed(lambda: pdf.encode(report))
    first_docx = timed(lambda: docx.encode(report))
    runs = {"xlsx (baseline)": lambda: xlsx_write.encode_with_notices(report),
            "docx": lambda: docx.encode(report), "pdf": lambda: pdf.encode(report),
            "html": lambda: webpage.encode(report)}
    for fn in runs.values():
        fn()                                     # warm-up
    times = {name: [] for name in runs}
    for _ in range(args.rounds):                 # interleaved, so machine load hits all alike
        for name, fn in runs.items():
            times[name].append(timed(fn))
    med = {name: statistics.median(t) * 1000 for name, t in times.items()}
    base = med["xlsx (baseline)"]
    sizes = {"docx": len(docx.encode(report)[0]), "pdf": len(pdf.encode(report)[0]),
             "html": len(webpage.encode(report)[0])}
    print(f"county report: {sum(len(t) for t in report.sections.values())} characters of text, "
          f"median of {args.rounds} runs")
    for name, ms in med.items():
        size = f", {sizes[name] // 1024} KB" if name in sizes else ""
        print(f"  {name:16s} {ms:7.1f} ms  ({ms / base:.2f}× the xlsx encode{size})")
    print(f"  first export in a fresh process: pdf {first_pdf * 1000:.0f} ms (font lookup and loading), "
          f"docx {first_docx * 1000:.0f} ms")
    print_figures(report, args.rounds)
    print(f"  targets: docx ≤ 500 ms → {'met' if med['docx'] <= 500 else 'NOT met'}; "
          f"pdf ≤ 1000 ms → {'met' if med['pdf'] <= 1000 else 'NOT met'}")


def print_figures(report, rounds: int) -> None:
    """Rendering every page of the PDF for the preview and for a printer (ui/printing.py)."""
    from govreport_desktop.ui import printing

    data, _notices = pdf.encode(report)
    pages = printing.PdfPages(data)
    for dpi in (printing.PREVIEW_DPI, printing.PRINT_DPI):
        runs = [timed(lambda: [pages.image(i, dpi) for i in range(len(pages))]) for _ in range(max(3, rounds // 3))]
        ms = statistics.median(runs) * 1000
        print(f"  print pages at {dpi} dpi: {ms:7.1f} ms for {len(pages)} pages ({ms / len(pages):.0f} ms a page)")
    pages.close()


if __name__ == "__main__":
    main()
