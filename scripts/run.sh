#!/usr/bin/env bash
# Install everything, then start the application (a new report for last year, or FILE).
# Without a screen (a server), it starts on a virtual screen (Xvfb) so the window still runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRAS="" source "$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "没有检测到显示器，在虚拟屏幕（Xvfb）上运行；截图可用 --screenshot 文件.png。"
  exec xvfb-run -a -s "-screen 0 1440x900x24" "$ROOT/.venv/bin/python" -m govreport_desktop "$@"
fi
exec "$ROOT/.venv/bin/python" -m govreport_desktop "$@"
