#!/usr/bin/env bash
# Build the Linux one-folder bundle with installer/govreport.spec and smoke-test it offscreen:
# the bundled app opens the sample report, checks it, saves it, exits 0; the saved file must
# equal what the source tree writes. Output in build/linux/ (gitignored).
#
#   bash installer/build-linux.sh          # ~1-2 min; RUNS=5 start-up runs for the median
#
# Env: GOVREPORT_ENTRY=script.py overrides the entry (see the spec); SMOKE_EXT=json|xlsx.
set -euo pipefail
{ # parsed whole before it runs: editing this file during a build cannot derail the build
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/build/linux"
RUNS="${RUNS:-5}"
PYINSTALLER_PINS=(pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9 altgraph==0.17.5)
mkdir -p "$B"
cd "$ROOT"
secs_since() { awk -v a="$1" -v b="${2:-$(date +%s.%N)}" 'BEGIN {printf "%.2f", b - a}'; }  # no bc needed

[ -x "$ROOT/.venv/bin/python" ] || EXTRAS="" source "$ROOT/scripts/setup.sh"
PY="$ROOT/.venv/bin/python"
eval "$("$PY" installer/appinfo.py)"
echo "== $APP_NAME $VERSION: Linux bundle"

# PyInstaller goes into its own folder, not into the project's venv: the bundle is built from
# exactly the venv the tests use, and nothing is added to it.
PYI="$B/pyinstaller"
stamp="$PYI/.pins-$(echo "${PYINSTALLER_PINS[*]}" | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  rm -rf "$PYI"
  "$PY" -m pip install -q --no-deps --target "$PYI" "${PYINSTALLER_PINS[@]}"
  touch "$stamp"
fi

t0=$(date +%s)
rm -rf "$B/dist"
PYTHONPATH="$PYI" timeout 900 "$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$B/dist" --workpath "$B/work" installer/govreport.spec
t_build=$(( $(date +%s) - t0 ))
APPDIR="$B/dist/$EXE_NAME"
EXE="$APPDIR/$EXE_NAME"
[ -x "$EXE" ] || { echo "FAIL: $EXE not built" >&2; exit 1; }

# Reference output from the source tree, then the bundle's.
ext="${SMOKE_EXT:-}"
if [ -z "$ext" ]; then
  if [ -f govreport_desktop/io/xlsx.py ] || [ -f govreport_desktop/io/xlsx_write.py ]; then ext=xlsx; else ext=json; fi
fi
export QT_QPA_PLATFORM=offscreen
rm -f "$B"/smoke-*."$ext"
if [ -n "${GOVREPORT_ENTRY:-}" ]; then
  PYTHONPATH="$ROOT" timeout 120 "$PY" "$GOVREPORT_ENTRY" --smoke "$B/smoke-ref.$ext"
else
  PYTHONPATH="$ROOT" timeout 120 "$PY" -m govreport_desktop --smoke "$B/smoke-ref.$ext"
fi

rm -f "$B/smoke-bundle.$ext"
s=$(date +%s.%N)
# cd / : the bundle must not depend on the working directory
(cd / && timeout 120 "$EXE" --smoke "$B/smoke-bundle.$ext") || { echo "FAIL: bundled smoke run exited $?" >&2; exit 1; }
smoke_secs=$(secs_since "$s")
"$PY" installer/check_output.py "$B/smoke-bundle.$ext" "$B/smoke-ref.$ext"

# Start-up: from launch to the main window's first paint (--startup-time prints its epoch).
times=()
if grep -q -- "--startup-time" govreport_desktop/app.py 2>/dev/null && [ -z "${GOVREPORT_ENTRY:-}" ]; then
  for i in $(seq 1 "$RUNS"); do
    s=$(date +%s.%N)
    painted=$(cd / && timeout 120 "$EXE" --startup-time | awk '/^painted/ {print $2}')
    [ -n "$painted" ] || { echo "FAIL: --startup-time printed no paint time" >&2; exit 1; }
    times+=("$(secs_since "$s" "$painted")")
  done
fi
median=$(printf '%s\n' "${times[@]:-0}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}')

size_mb=$(du -sm "$APPDIR" | cut -f1)
nfiles=$(find "$APPDIR" -type f | wc -l)
cat > "$B/figures.txt" <<EOF
linux bundle $VERSION: ${size_mb} MB, $nfiles files, build ${t_build} s
start-up to first paint (offscreen): median ${median} s of ${#times[@]} (${times[*]:-})
smoke run (start, open sample, check, save $ext, exit): ${smoke_secs} s
EOF
cat "$B/figures.txt"
echo "OK: Linux bundle in $APPDIR"
exit
}
