"""Import figures: the medians of reading one report from each kind of published document, and
each one's ratio to reading the same report's .xlsx (the baseline, measured in the same run).
Targets (issue 9): a 5-page PDF ≤ 1 s, a .docx ≤ 0.3 s. Nothing is asserted here.

    .venv/bin/python benchmarks/bench_import.py [--rounds 15]

Needs python-docx (test dependency) to build the Word report; LibreOffice, when installed, makes
a 5-page PDF of it, otherwise the committed 3-page tests/data/official-2021.pdf is used.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import official_docx  # noqa: E402
import official_html  # noqa: E402
from bench_xlsx import median_ms  # noqa: E402  (same warm-up and median as the Excel figures)

from govreport_desktop.io import docx_read, files, html_read, pdf_read, text_read  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"


def pdf_of(docx_path: Path, tmp: Path) -> tuple[Path, int]:
    import pypdfium2 as pdfium

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                        "--outdir", str(tmp), str(docx_path)], check=True, capture_output=True)
        path = tmp / (docx_path.stem + ".pdf")
    else:
        path = ROOT / "tests" / "data" / "official-2021.pdf"
    doc = pdfium.PdfDocument(str(path))
    pages = len(doc)
    doc.close()
    return path, pages


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docx_path = tmp / "report.docx"
        official_docx.build(docx_path, extra_paragraphs=14)          # five pages as a PDF
        pdf_path, pages = pdf_of(docx_path, tmp)
        html_path = tmp / "report.html"
        html_path.write_bytes(official_html.build_bytes())
        xlsx_path = tmp / "report.xlsx"
        files.save_report(docx_read.read(docx_path).report, xlsx_path)
        from govreport_desktop.io import xlsx_read

        base = median_ms(lambda: xlsx_read.read(xlsx_path), args.rounds)
        rows = [(".xlsx (baseline, the same report)", base)]
        rows.append((".docx (Word, built by python-docx)", median_ms(lambda: docx_read.read(docx_path), args.rounds)))
        rows.append((f".pdf ({pages} pages, LibreOffice export)", median_ms(lambda: pdf_read.read(pdf_path), args.rounds)))
        rows.append((".html (CMS page, gb2312)", median_ms(lambda: html_read.read(html_path), args.rounds)))
        for name in ("shuyang-fagaiju-2023.html", "zhaohui-street-2021.txt", "shuyang-county-2025.md"):
            path = FIXTURES / name
            if path.exists():
                reader = html_read if name.endswith(".html") else text_read
                rows.append((f"{name} (fixture)", median_ms(lambda: reader.read(path), args.rounds)))
    print(f"import, median of {args.rounds} rounds (ratio to the .xlsx baseline)")
    for label, ms in rows:
        print(f"  {label:48s} {ms:8.1f} ms   × {ms / base:5.2f}")


if __name__ == "__main__":
    main()
