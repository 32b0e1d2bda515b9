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


def quiet_broken_pipe() -> int:
    """After the reading end of a pipe closed (`… | head -1`): point stdout at the null device
    so that the interpreter's final flush cannot print a BrokenPipeError traceback either.
    Returns the exit status to use (1, as Python itself does on EPIPE)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
    return 1
