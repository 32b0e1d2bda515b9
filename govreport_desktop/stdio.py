"""Standard streams that never crash on Chinese text (the window and the command line)."""

from __future__ import annotations

import os
import sys


def guard_stdio() -> None:
    """A windowed (frozen) exe has no stdout/stderr, and a console may be cp1252/GBK."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError, OSError):
            pass
