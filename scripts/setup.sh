#!/usr/bin/env bash
# Set up everything this project needs on a fresh Debian machine: the Debian libraries Qt
# needs (also offscreen), CJK fonts, a virtual environment with the package installed.
# Usage: source from run.sh / test.sh with EXTRAS set ("" or "test").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRAS="${EXTRAS:-}"

DEB_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  fonts-wqy-microhei
  # free stand-ins for 宋体/仿宋 and 楷体 in the PDF export (TrueType, embeddable; Arphic licence)
  fonts-arphic-uming fonts-arphic-ukai
  # a real window (X11): the xcb platform plugin's libraries, and Xvfb for headless machines
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装系统软件包：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "缺少系统软件包：${missing[*]}" >&2
    echo "请以管理员身份运行：sudo apt-get install ${missing[*]}" >&2
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
# Reinstall only when the project description changed.
stamp="$VENV/.installed-$(sha1sum "$ROOT/pyproject.toml" | cut -c1-12)-${EXTRAS:-base}"
if [ ! -f "$stamp" ]; then
  spec="$ROOT"
  [ -n "$EXTRAS" ] && spec="$ROOT[$EXTRAS]"
  echo "安装 Python 软件包（首次约 1 分钟）…"
  log="$VENV/pip-install.log"
  "$VENV/bin/python" -m pip install -q --upgrade pip >"$log" 2>&1 || true
  if ! "$VENV/bin/python" -m pip install -q -e "$spec" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "安装 Python 软件包失败（详见上文）。" >&2
    exit 1
  fi
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
