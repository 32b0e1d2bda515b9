"""Screenshot of the X display the Windows build runs on under wine, and the checks on it.

    DISPLAY=:N QT_QPA_PLATFORM=xcb python installer/window_shot.py CHECK.json OUT.png

CHECK.json is what the app wrote with `--window-check` (its frame, the screen area, its Qt
platform and style, the rows of 表二 it shows). The whole X screen is grabbed from outside the
app, so the picture is what a user would see. Exit 0 when:
- the picture is not blank (Xvfb's empty screen is black: most of it must be the window,
  with many colours);
- the app ran on Qt's native `windows` platform, in a Windows style (not the offscreen
  platform, not Fusion);
- the window lies within the screen's available area (the work area above wine's taskbar)
  and shows 表二's header and 12 rows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(encoding="utf-8")
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    check = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    app = QApplication(["window_shot"])
    screen = app.primaryScreen()
    image = screen.grabWindow(0).toImage()
    Path(argv[1]).parent.mkdir(parents=True, exist_ok=True)
    image.save(argv[1])
    w, h = image.width(), image.height()
    colours, black, n = set(), 0, 0
    for y in range(0, h, 4):
        for x in range(0, w, 4):
            c = QColor(image.pixel(x, y))
            colours.add(c.rgb() & 0xF0F0F0)
            black += c.red() + c.green() + c.blue() < 24
            n += 1
    fx, fy, fw, fh = check["frame"]
    gx, gy, gw, gh = check["geometry"]
    sx, sy, sw, sh = check["screen"]
    # A maximised window's resize borders lie just outside the work area (on Windows and under
    # wine, which also shifts what Qt reports as the content by that border): a few pixels
    # of slack then, none otherwise. A window that does not fit misses by far more (the
    # 1200×820 window of old lost 52 px and its status bar on this screen).
    slack = 8 if check["maximised"] else 0
    failures = []
    if black / n > 0.15 or len(colours) < 20:
        failures.append(f"the screen looks blank: {black / n:.0%} black, {len(colours)} colours")
    if check["platform"] != "windows" or check["style"].lower() not in ("windows", "windowsvista", "windows11"):
        failures.append(f"not a native Windows window: platform {check['platform']}, style {check['style']}")
    if not (sx - slack <= gx and sy <= gy and gx + gw <= sx + sw + slack and gy + gh <= sy + sh + slack):
        failures.append(f"the window's content {check['geometry']} does not fit the screen area {check['screen']}")
    if not (sx - slack <= fx and sy - slack <= fy and fx + fw <= sx + sw + slack and fy + fh <= sy + sh + slack):
        failures.append(f"the window's frame {check['frame']} reaches past the screen area {check['screen']}")
    if check["t2_rows"] < 12:
        failures.append(f"表二 shows only {check['t2_rows']} data rows")
    print(f"screenshot {w}x{h} → {argv[1]}: {black / n:.0%} black, {len(colours)} colours; window {check['geometry']} "
          f"(frame {check['frame']}) "
          f"on {check['screen']}, maximised={check['maximised']}, {check['platform']}/{check['style']}, "
          f"表二 {check['t2_rows']} rows")
    for f in failures:
        print(f"FAIL: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
