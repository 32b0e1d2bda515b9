#!/usr/bin/env bash
# Regenerates the publication pictures in docs/: the county report (沭阳 2025) exported as
# .docx (rendered by LibreOffice) and as PDF (rendered by pdftoppm); keeps the first page and
# the pages of 表二 of each. Needs: libreoffice-writer (only for this check), poppler-utils,
# the Debian CJK fonts of scripts/setup.sh. LibreOffice is shown the official typeface names
# mapped to those free fonts (a private fontconfig file), as a Windows PC would map them to
# 宋体/仿宋/黑体/楷体.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
TRUTH="${TRUTH:-$ROOT/../shared/fixtures/truth/shuyang-county-2025.json}"
OUT="$ROOT/docs"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cat >"$TMP/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Micro Hei</family></prefer></alias>
</fontconfig>
EOF

PYTHONPATH="$ROOT" "$PY" - "$TRUTH" "$TMP" <<'PYEOF'
import sys
from pathlib import Path
from govreport_desktop.io import jsondoc
from govreport_desktop.io.export import docx, pdf

report = jsondoc.read(sys.argv[1])
tmp = Path(sys.argv[2])
(tmp / "county.docx").write_bytes(docx.encode(report)[0])
(tmp / "county.pdf").write_bytes(pdf.encode(report)[0])
PYEOF

FONTCONFIG_FILE="$TMP/fonts.conf" soffice -env:UserInstallation="file://$TMP/lo" --headless \
  --convert-to pdf --outdir "$TMP/word" "$TMP/county.docx" >/dev/null 2>&1

rm -f "$OUT"/publication-*.png
shoot() {  # shoot PDF NAME: first page and every page showing 表二's header
  local pdf="$1" name="$2" pages n
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$pdf" "$OUT/publication-$name-page1"
  for n in $(seq 1 "$pages"); do
    if pdftotext -f "$n" -l "$n" "$pdf" - | grep -q "申请人情况"; then
      pdftoppm -r 80 -png -f "$n" -l "$n" -singlefile "$pdf" "$OUT/publication-$name-t2-page$n"
    fi
  done
}
shoot "$TMP/word/county.pdf" docx
shoot "$TMP/county.pdf" pdf
ls -1 "$OUT"/publication-*.png
