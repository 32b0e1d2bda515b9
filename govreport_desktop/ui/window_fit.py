"""Where the main window opens and how big: it must fit the screen it opens on.

The first start sizes the window to the screen's available area (maximised on the small
screens of office laptops, 1366×768 or 1920×1080 at 150 %, which are 1280×720 logical pixels);
later starts restore the last geometry only if it still lies on one of the current screens
(a laptop taken away from its monitor gets the first-start size again).

Sizes are in logical (device-independent) pixels, as QScreen.availableGeometry() gives them.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

# Below this available area the window is maximised: every pixel goes to the grid.
SMALL_WIDTH, SMALL_HEIGHT = 1500, 950
# Below this height the table pages start with their text folded and a lower problems list.
COMPACT_HEIGHT = 900
# The normal window on a large screen: big enough for 表二 and the problems list, not a wall.
LARGE = (1440, 960)
# Title bar and borders that a window manager adds around the client area (a guess: Windows
# 10 at 100 % has a 31 px caption and thin borders).
FRAME_ALLOWANCE = (16, 40)


def first_geometry(available: QRect) -> tuple[QRect, bool]:
    """(client geometry, maximised) for a first start on a screen with this available area.

    Maximised windows still get a geometry that fits: without a window manager (Xvfb) or
    when the maximise request is refused, that geometry is what the user sees.
    """
    small = available.width() < SMALL_WIDTH or available.height() < SMALL_HEIGHT
    if small:
        return QRect(available), True
    fw, fh = FRAME_ALLOWANCE
    w = min(LARGE[0], available.width() - fw)
    h = min(LARGE[1], available.height() - fh)
    x = available.x() + (available.width() - w) // 2
    y = available.y() + (available.height() - h) // 2
    return QRect(x, y, w, h), False


def fits(rect: QRect, screens: list[QRect], slack: int = 8) -> bool:
    """Does `rect` lie within one screen's available area (allowing a few pixels of frame)?"""
    return any(s.adjusted(-slack, -slack, slack, slack).contains(rect) for s in screens)


def is_compact(available: QRect) -> bool:
    return available.height() < COMPACT_HEIGHT


def problems_height(available: QRect) -> int:
    """The problems list's first height: a quarter of a small screen (five rows or so at
    1280×720, the grid keeping a dozen), 200 px on a large one."""
    return 200 if not is_compact(available) else max(140, available.height() // 4)


def available_screens() -> list[QRect]:
    return [s.availableGeometry() for s in QGuiApplication.screens()]


def place(window, saved_geometry) -> QRect:
    """Restore `saved_geometry` if it still fits the current screens, else the first-start
    geometry on the primary screen. Returns the available area of the screen used."""
    screens = available_screens()
    if saved_geometry is not None and window.restoreGeometry(saved_geometry):
        normal = window.normalGeometry() if window.windowState() & Qt.WindowMaximized else window.geometry()
        if normal.isValid() and fits(normal, screens):
            screen = QGuiApplication.screenAt(normal.center()) or QGuiApplication.primaryScreen()
            return screen.availableGeometry()
    available = QGuiApplication.primaryScreen().availableGeometry()
    geometry, maximised = first_geometry(available)
    window.setWindowState(Qt.WindowNoState)
    window.setGeometry(geometry)
    if maximised:
        window.setWindowState(Qt.WindowMaximized)
    return available
