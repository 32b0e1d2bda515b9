"""Guard against PySide6 builds that drop a reference to None on every void method call.

Seen with PySide6 6.12.0 on CPython 3.11: each call such as `label.setText(...)` or
`painter.save()` lowers None's reference count by one, so after a few thousand calls (one
repaint of 表二 is ~120) Python aborts with "Fatal Python error: none_dealloc". From Python
3.12 None is immortal and nothing happens. We measure the leak once at start-up and, only if it
is there, keep None's count topped up from a timer (8 bytes of memory per leaked reference).
"""

from __future__ import annotations

import ctypes
import sys

LOW = 1_000_000       # top up when None's count falls below this …
CHUNK = 2_000_000     # … by this many references (16 MB on 64-bit)
_holder: list[list[None]] = []
_installed = False


def leaks_none() -> bool:
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def top_up() -> None:
    if sys.getrefcount(None) < LOW:
        chunk = [None] * CHUNK
        # Never freed, not even at interpreter exit: freeing it would hand back references
        # that PySide6 has already taken, and None would be deallocated during shutdown.
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(chunk))
        _holder.append(chunk)


def install(app) -> bool:
    """Start the guard on this QApplication if this PySide6/Python pair needs it."""
    global _installed
    if _installed:
        return True
    if not leaks_none():
        return False
    from PySide6.QtCore import QTimer

    top_up()
    timer = QTimer(app)
    timer.setInterval(250)
    timer.timeout.connect(top_up)
    timer.start()
    app._govreport_refguard = timer
    _installed = True
    return True


def active() -> bool:
    return _installed
