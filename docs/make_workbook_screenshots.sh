#!/usr/bin/env bash
# Regenerate docs/workbook-2021.png (表二) and docs/workbook-2021-t3.png (表三): the county 2025
# report saved as .xlsx, printed by LibreOffice to PDF, the pages holding the tables as PNG.
# Needs Debian's libreoffice-calc and poppler-utils (not needed by the tests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${1:-$ROOT/../shared/fixtures/truth/shuyang-county-2025.json}"
T="$(mktemp -d)"
"$ROOT/.venv/bin/govreport" convert "$SRC" "$T/report.xlsx"
(cd "$T" && timeout 180 soffice --headless --convert-to pdf report.xlsx >/dev/null 2>&1)
pages=$(pdfinfo "$T/report.pdf" | awk '/^Pages:/ {print $2}')
for p in $(seq 1 "$pages"); do
  text=$(pdftotext -f "$p" -l "$p" "$T/report.pdf" - | tr -d ' \n')
  case "$text" in
    *本列数据的勾稽关系*) out=workbook-2021.png ;;
    *复议后起诉*) out=workbook-2021-t3.png ;;
    *) continue ;;
  esac
  pdftoppm -f "$p" -l "$p" -r 80 -png -singlefile "$T/report.pdf" "$T/page"
  mv "$T/page.png" "$ROOT/docs/$out"
  echo "docs/$out ← page $p"
done
rm -rf "$T"
