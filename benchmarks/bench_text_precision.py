"""Precision of the text checks on the corpus of tests/text_corpus.py (issue 13).

    .venv/bin/python benchmarks/bench_text_precision.py [-v]

For every rule that reads the texts: warnings raised on the corpus, how many are on the
hand-checked list of warnings a reviewer agrees with, how many are not (rejected), and how many
listed true warnings were not raised (missed). Target: 0 rejected, 0 missed. With -v, every
warning raised and its verdict. Exit status 1 when a warning is rejected or missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from text_corpus import CASES, TEXT_RULES, TRUTH, judge  # noqa: E402

from govreport_desktop.core.rules import check  # noqa: E402


def main(argv: list[str]) -> int:
    if not TRUTH.exists():
        print(f"fixtures not found: {TRUTH} (set GOVREPORT_SHARED)")
        return 2
    verbose = "-v" in argv
    totals = {rule: {"raised": 0, "right": 0, "rejected": 0, "missed": 0} for rule in TEXT_RULES}
    real = sum(c.source.startswith("real:") for c in CASES)
    print(f"corpus: {len(CASES)} reports ({real} real from the fixtures, {len(CASES) - real} constructed)\n")
    for case in CASES:
        verdict = judge(case, check(case.report()))
        for rule, row in verdict.items():
            for what in totals[rule]:
                totals[rule][what] += len(row[what])
        if verbose:
            print(f"{case.name}  ({case.source})")
            for row in verdict.values():
                for p in row["right"]:
                    print(f"  right     {p.id}  {p.message}")
                for p in row["rejected"]:
                    print(f"  REJECTED  {p.id}  {p.message}")
                for why in row["missed"]:
                    print(f"  MISSED    {why}")
    print(f"{'rule':5} {'raised':>7} {'right':>7} {'rejected':>9} {'missed':>7}")
    for rule, t in totals.items():
        print(f"{rule:5} {t['raised']:7} {t['right']:7} {t['rejected']:9} {t['missed']:7}")
    raised, right = (sum(t[k] for t in totals.values()) for k in ("raised", "right"))
    rejected, missed = (sum(t[k] for t in totals.values()) for k in ("rejected", "missed"))
    print(f"{'all':5} {raised:7} {right:7} {rejected:9} {missed:7}")
    print(f"\n{rejected} warnings a reviewer would reject, {missed} true warnings lost "
          f"(target 0 and 0); precision {right / raised:.0%}" if raised else "\nno text warning raised")
    return 1 if rejected or missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
