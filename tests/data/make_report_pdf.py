"""Regenerates tests/data/official-2021.pdf: the Word report of official_docx.py converted to PDF
the way units publish it (LibreOffice headless, `soffice --convert-to pdf`), and
tests/data/encrypted.pdf: a one-line document exported with an open password (“123”).

    python tests/data/make_report_pdf.py      # needs python-docx and LibreOffice Writer

The PDF is committed so that the tests need no LibreOffice.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import official_docx  # noqa: E402


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) not found: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "official-2021.docx"
        official_docx.build(src)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)], check=True, capture_output=True)
        shutil.copy(Path(tmp) / "official-2021.pdf", HERE / "official-2021.pdf")
        import docx

        small = docx.Document()
        small.add_paragraph("一、总体情况")
        small.save(str(Path(tmp) / "encrypted.docx"))
        secret = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                  '"DocumentOpenPassword":{"type":"string","value":"123"}}')
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", secret, "--outdir", tmp, str(Path(tmp) / "encrypted.docx")],
                       check=True, capture_output=True)
        shutil.copy(Path(tmp) / "encrypted.pdf", HERE / "encrypted.pdf")
    print(HERE / "official-2021.pdf", HERE / "encrypted.pdf")


if __name__ == "__main__":
    main()
