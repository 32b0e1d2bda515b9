"""Regenerate docs/window.png and docs/tab-*.png from the 朝晖街道 2021 sample (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop.app import create_window  # noqa: E402
from govreport_desktop.resources import sample_path  # noqa: E402
from govreport_desktop.ui.settings import Settings  # noqa: E402

NAMES = ["meta", "s1", "s2-t1", "s3-t2", "s4-t3", "s5", "s6"]


def main() -> int:
    from PySide6.QtWidgets import QApplication

    tmp = tempfile.mkdtemp()
    w = create_window(sample_path(), settings=Settings(Path(tmp) / "s.ini"))
    w.resize(1280, 900)
    w.show()
    app = QApplication.instance()
    app.processEvents()
    out = ROOT / "docs"
    w.tabs.setCurrentIndex(3)
    # Show what a live problem looks like: the first error of 表二 selected.
    model = w.problems_panel.model
    for row in range(model.rowCount()):
        p = model.problem(row)
        if p.severity == "error" and p.cells and p.cells[0].startswith("t2."):
            w.problems_panel.view.setCurrentIndex(model.index(row, 0))
            w.go_to_problem(p)
            break
    app.processEvents()
    w.grab().save(str(out / "window.png"))
    for i, name in enumerate(NAMES):
        w.tabs.setCurrentIndex(i)
        app.processEvents()
        w.grab().save(str(out / f"tab-{i}-{name}.png"))
    # A live check: 本年新收 of 自然人 typed as 3 breaks M01 and M03 at once (not saved).
    from PySide6.QtCore import Qt

    model = w.grids["t2"].model()
    model.setData(model.index_of("t2.R1.C1"), "3", Qt.EditRole)
    w.tabs.setCurrentIndex(3)
    app.processEvents()
    # …and the user clicks the new M01 problem: the grid scrolls to the highlighted cells.
    problems = w.problems_panel.model
    for row in range(problems.rowCount()):
        p = problems.problem(row)
        if p.rule == "M01":
            w.problems_panel.view.setCurrentIndex(problems.index(row, 0))
            w.go_to_problem(p)
            break
    app.processEvents()
    w.grab().save(str(out / "window-live-check.png"))
    w.doc.undo_stack.setClean()
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
