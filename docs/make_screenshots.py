"""Regenerate the window screenshots in docs/ on the two office screens (offscreen Qt):
1366×768 at 100 % and 1920×1080 at 150 %, each started as a first start (maximised).

    .venv/bin/python docs/make_screenshots.py

1366×768: tab-*.png (the 朝晖街道 2021 sample), window.png (its first 表二 error selected),
window-live-check.png (a number typed into 表二 breaks the totals), start-page.png,
new-report.png (a new report: where to begin, nothing hatched), bad-input.png (a refused
value explained at the cell). 1920×1080 at 150 %: window-1920x1080-150.png (the live check).
docs/window-wine-1366x768.png is made by installer/build-windows.sh (the Windows build).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs"
SCREENS = {"1366x768": (1366, 768, 1), "1920x1080-150": (1920, 1080, 1.5)}
NAMES = ["meta", "s1", "s2-t1", "s3-t2", "s4-t3", "s5", "s6"]


def settle(app, n=6):
    for _ in range(n):
        app.processEvents()


def select_problem(w, rule=None, table="t2"):
    """Select the first error of `table` (or the first `rule` problem) as a user's click would."""
    model = w.problems_panel.model
    for row in range(model.rowCount()):
        p = model.problem(row)
        if (p.rule == rule) if rule else (p.severity == "error" and p.cells and p.cells[0].startswith(table + ".")):
            w.problems_panel.view.setCurrentIndex(model.index(row, 0))
            w.go_to_problem(p)
            return


def new_window(path=None):
    from govreport_desktop.app import create_window
    from govreport_desktop.ui.settings import Settings

    w = create_window(path, settings=Settings(Path(tempfile.mkdtemp()) / "s.ini"))
    w.show()
    return w


def shoot(screen: str) -> None:
    """In a process whose offscreen screen is `screen`: every picture of that screen."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from govreport_desktop.app import ensure_app
    from govreport_desktop.resources import sample_path

    app = ensure_app()
    w = new_window(sample_path())
    settle(app)
    if screen == "1366x768":
        w.tabs.setCurrentIndex(3)
        select_problem(w)
        settle(app)
        w.grab().save(str(OUT / "window.png"))
        for i, name in enumerate(NAMES):
            w.tabs.setCurrentIndex(i)
            settle(app)
            w.grab().save(str(OUT / f"tab-{i}-{name}.png"))
    # A live check: 本年新收 of 自然人 typed as 3 breaks M01 and M03 at once (not saved) …
    model = w.grids["t2"].model()
    model.setData(model.index_of("t2.R1.C1"), "3", Qt.EditRole)
    w.tabs.setCurrentIndex(3)
    settle(app)
    select_problem(w, rule="M01")         # … and the user opens the new M01 problem
    settle(app)
    w.grab().save(str(OUT / ("window-live-check.png" if screen == "1366x768" else f"window-{screen}.png")))
    if screen == "1366x768":
        # A refused value: “3件” typed into 上年结转·科研机构.
        grid = w.grids["t2"]
        grid.select_cells(["t2.R2.C3"])
        w.activateWindow()
        settle(app)
        for ch in "3件":
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(QApplication.focusWidget() or grid, QKeyEvent(kind, 0, Qt.NoModifier, ch))
        QTest.keyClick(QApplication.focusWidget() or grid, Qt.Key_Return)
        settle(app)
        w.grab().save(str(OUT / "bad-input.png"))
        QTest.keyClick(QApplication.focusWidget() or grid, Qt.Key_Escape)
    w.doc.undo_stack.setClean()
    w.close()
    if screen == "1366x768":
        # A first start without a file: the start page, then the blank report's 表二, calm.
        fresh = new_window()
        recent = Path(tempfile.gettempdir()) / "政务公开年报" / "朝晖街道2021年政府信息公开工作年度报告.json"
        recent.parent.mkdir(exist_ok=True)
        recent.write_bytes(sample_path().read_bytes())
        fresh.session.settings.add_recent(recent)
        fresh.show_start_page()
        settle(app)
        fresh.grab().save(str(OUT / "start-page.png"))
        fresh.show_report()
        fresh.tabs.setCurrentIndex(3)
        settle(app)
        fresh.grab().save(str(OUT / "new-report.png"))
        fresh.doc.undo_stack.setClean()
        fresh.close()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--screen"]:
        shoot(argv[1])
        return 0
    for name, (width, height, scale) in SCREENS.items():
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "screen.json"
            config.write_text(json.dumps({"screens": [{"name": name, "x": 0, "y": 0, "width": width,
                                                       "height": height, "logicalDpi": 96,
                                                       "logicalBaseDpi": 96, "dpr": 1}]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
                       PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(Path(tmp) / "data"),
                       XDG_CONFIG_HOME=str(Path(tmp) / "config"))
            subprocess.run([sys.executable, __file__, "--screen", name], env=env, cwd=ROOT, check=True)
        print(f"{name}: done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
