"""The window fits office screens: first start sized to the screen, restored geometry only if it
still fits, 表二 shows its header and a dozen rows or more with the problems list still there,
and the 22-row label 三、本年度办理结果 stays readable while the grid scrolls."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from govreport_desktop.ui import window_fit

from .window_helpers import SAMPLE, dialogs, sample_copy, settings, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------ sizing on given screens

@pytest.mark.parametrize("available", [QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 688), QRect(1920, 0, 1366, 768)])
def test_small_screens_get_a_maximised_window_that_fits(available):
    geometry, maximised = window_fit.first_geometry(available)
    assert maximised and available.contains(geometry)


def test_a_large_screen_gets_a_centred_window_with_room_for_its_frame():
    available = QRect(0, 0, 2560, 1400)
    geometry, maximised = window_fit.first_geometry(available)
    assert not maximised and available.contains(geometry.adjusted(-8, -32, 8, 8))
    assert geometry.width() >= 1200 and geometry.height() >= 900
    assert abs(geometry.center().x() - available.center().x()) <= 1


def test_a_geometry_fits_only_within_one_screen():
    laptop, monitor = QRect(0, 0, 1366, 728), QRect(1366, 0, 1920, 1040)
    assert window_fit.fits(QRect(1500, 50, 1400, 900), [laptop, monitor])
    assert not window_fit.fits(QRect(1500, 50, 1400, 900), [laptop])       # the monitor is gone
    assert not window_fit.fits(QRect(100, 50, 1200, 820), [laptop])        # taller than the laptop


def test_the_last_geometry_is_restored_only_while_it_fits(qtbot, dialogs, settings, sample_copy):
    from PySide6.QtGui import QGuiApplication

    from govreport_desktop.app import create_window

    available = QGuiApplication.primaryScreen().availableGeometry()
    w = create_window(sample_copy, settings=settings)
    qtbot.addWidget(w)
    inside = QRect(available.x() + 10, available.y() + 10, available.width() // 2, available.height() // 2)
    w.setGeometry(inside)
    settings.geometry = w.saveGeometry()
    again = create_window(sample_copy, settings=settings)
    qtbot.addWidget(again)
    # restoreGeometry of a window not yet shown allows for the title bar it will get
    assert again.size() == inside.size() and (again.pos() - inside.topLeft()).manhattanLength() <= 40
    w.setGeometry(QRect(available.right() + 400, 40, 900, 700))          # on a monitor now unplugged
    settings.geometry = w.saveGeometry()
    moved = create_window(sample_copy, settings=settings)
    qtbot.addWidget(moved)
    assert available.contains(moved.geometry())


# ------------------------------------------------------------ a real start on a given screen

def _probe(tmp_path, width, height, scale):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
               PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "fit_probe.py"), str(SAMPLE)],
                       cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    return json.loads(r.stdout.decode().strip().splitlines()[-1])


@pytest.mark.parametrize("width, height, scale", [
    (1366, 768, 1),        # the common office laptop
    (1920, 1080, 1.5),     # a 1080p screen at 150 %: 1280×720 logical pixels
    (1280, 657, 1),        # the same less the Windows taskbar and title bar
])
def test_on_office_screens_the_window_fits_and_table_two_shows_a_dozen_rows(tmp_path, width, height, scale):
    got = _probe(tmp_path, width, height, scale)
    sx, sy, sw, sh = got["screen"]
    x, y, fw, fh = got["frame"]
    assert got["maximised"]
    assert sx <= x and sy <= y and x + fw <= sx + sw and y + fh <= sy + sh      # nothing off-screen
    assert got["status_bottom"] < got["height"]                                 # the status bar is in
    assert got["t2_header_shown"] and got["t2_rows"] >= 12
    assert got["dock_visible"] and got["problem_rows"] >= 3


# ------------------------------------------------------------ tall merged labels

def _dark_pixels(image, rect) -> int:
    n = 0
    for x in range(rect.left(), rect.right(), 2):
        for y in range(rect.top(), rect.bottom(), 2):
            if QColor(image.pixel(x, y)).lightness() < 110:
                n += 1
    return n


def test_the_tall_row_label_stays_readable_at_any_scroll_position(window, qtbot):
    window.tabs.setCurrentIndex(3)
    grid = window.grids["t2"]
    grid.resize(1000, 320)                     # about eight data rows: less than the label's 22
    model = grid.model()
    label = next(b for b in model.layout.boxes if b.text == "三、本年度办理结果")
    assert label.rowspan == 22
    bar = grid.verticalScrollBar()
    for value in (0, bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        qtbot.wait(10)
        image = grid.viewport().grab().toImage()
        rect = grid.visualRect(model.index(label.row, label.col)).intersected(grid.viewport().rect())
        rect.setTop(max(rect.top(), grid.pinned_height()))
        rect.setLeft(rect.left() + 3)
        rect.setRight(rect.right() - 3)
        assert rect.height() > 40, value
        assert _dark_pixels(image, rect) > 20, f"no label text at scroll position {value}"
