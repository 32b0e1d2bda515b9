"""Where the application keeps its own files: the user's data folder and the log folder.

Shared by start-up (app.py) and the window (帮助 → 打开日志文件夹, settings) so that neither
imports the other. Qt is imported on first use only: QStandardPaths knows the per-user folder
of every platform (…/AppData/Roaming/govreport-desktop on Windows).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from . import APP_ID, __version__


def set_app_names() -> None:
    """The names QStandardPaths builds the data folder from; safe to call more than once."""
    from PySide6.QtCore import QCoreApplication

    # AppDataLocation = …/AppData/Roaming/govreport-desktop (Windows), ~/.local/share/govreport-desktop
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)


def data_dir() -> Path | None:
    """The user's writable data folder for this application, None when the platform has none."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    return Path(folder) if folder else None


def log_dir() -> Path:
    set_app_names()
    return (data_dir() or Path(tempfile.gettempdir())) / "logs"
