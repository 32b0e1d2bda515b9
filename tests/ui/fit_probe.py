"""Run by test_screen_fit.py in a fresh process whose offscreen screen has a given size: start
the window as main() does (no saved geometry) and print what a user would see, as JSON."""

import json
import sys
import tempfile
from pathlib import Path

from govreport_desktop.app import create_window, ensure_app
from govreport_desktop.ui.settings import Settings


def visible_rows(grid) -> int:
    """Data rows of a grid shown whole below its pinned header rows."""
    model = grid.model()
    top, bottom = grid.pinned_height(), grid.viewport().height()
    rows = set()
    for path in model.data_paths:
        r = grid.visualRect(model.index_of(path))
        if r.height() > 0 and r.top() >= top and r.bottom() <= bottom:
            rows.add(model.index_of(path).row())
    return len(rows)


def main() -> None:
    app = ensure_app()
    settings = Settings(Path(tempfile.mkdtemp()) / "settings.ini")
    w = create_window(sys.argv[1], settings=settings)
    w.show()
    for _ in range(10):
        app.processEvents()
    w.tabs.setCurrentIndex(3)
    for _ in range(5):
        app.processEvents()
    screen = app.primaryScreen().availableGeometry()
    frame = w.frameGeometry()
    dock = w.problems_dock
    view = w.problems_panel.view
    row_h = max(view.sizeHintForRow(0), 1)
    out = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "maximised": bool(w.isMaximized()),
        "t2_rows": visible_rows(w.grids["t2"]),
        "t2_header_shown": w.grids["t2"].pinned_height() > 0,
        "problem_rows": view.viewport().height() // row_h,
        "dock_visible": dock.isVisible(),
        "status_bottom": w.statusBar().geometry().bottom(),
        "height": w.height(),
    }
    if len(sys.argv) > 2:
        w.grab().save(sys.argv[2])
    print(json.dumps(out))
    w.doc.undo_stack.setClean()
    w.close()


if __name__ == "__main__":
    main()
