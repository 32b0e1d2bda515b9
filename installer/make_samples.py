"""Write the published-report samples the smoke test imports: resources/samples/<sample>.docx
and .pdf, made from the bundled sample report by the application's own publication export.

    .venv/bin/python installer/make_samples.py

The smoke test (`govreport-desktop --smoke OUT`) opens them in the window, which reads them in
the reader process, so a bundle that lacks the Word or PDF libraries — or cannot start that
process — is caught before it ships. Run again only when the sample report or the exporters
change (the files are committed; the build does not run this).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop.io import jsondoc  # noqa: E402
from govreport_desktop.io.export import export  # noqa: E402
from govreport_desktop.resources import published_samples, sample_path  # noqa: E402


def main() -> int:
    report = jsondoc.read(sample_path())
    for path in published_samples():
        for notice in export(report, path):
            print(f"{path.name}: {notice}")
        print(f"{path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
