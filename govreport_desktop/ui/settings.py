"""The one typed wrapper over QSettings (INI format): geometry, recent files, last folder.

INI rather than the Windows registry so the settings are a plain file in the user's data
folder (no admin rights, easy to reset, easy to test with a temporary path).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..paths import data_dir

MAX_RECENT = 8


def default_settings_path() -> Path:
    env = os.environ.get("GOVREPORT_SETTINGS")
    if env:
        return Path(env)
    return (data_dir() or Path.home()) / "settings.ini"


class Settings:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_settings_path()
        self._q = QSettings(str(self.path), QSettings.IniFormat)

    def sync(self) -> None:
        self._q.sync()

    # ---------------------------------------------------------- window
    def _bytes(self, key: str) -> QByteArray | None:
        v = self._q.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def reopen_last(self) -> bool:
        """Start with the last file (if it still exists) instead of the start page."""
        v = self._q.value("files/reopen_last", True)
        return v if isinstance(v, bool) else str(v).lower() not in ("false", "0", "no")

    @reopen_last.setter
    def reopen_last(self, on: bool) -> None:
        self._q.setValue("files/reopen_last", bool(on))
        self._q.sync()

    # ---------------------------------------------------------- files
    @property
    def recent_files(self) -> list[str]:
        v = self._q.value("files/recent", [])
        if isinstance(v, str):  # QSettings returns a lone string for a one-item list in INI
            v = [v]
        return [str(p) for p in (v or []) if p]

    @recent_files.setter
    def recent_files(self, paths: list[str]) -> None:
        self._q.setValue("files/recent", list(paths)[:MAX_RECENT])
        self._q.sync()

    def add_recent(self, path: str | Path) -> list[str]:
        p = str(Path(path).resolve())
        files = [f for f in self.recent_files if os.path.normcase(f) != os.path.normcase(p)]
        self.recent_files = [p] + files
        return self.recent_files

    def remove_recent(self, path: str | Path) -> None:
        p = os.path.normcase(str(path))
        self.recent_files = [f for f in self.recent_files if os.path.normcase(f) != p]

    @property
    def last_folder(self) -> str:
        v = self._q.value("files/last_folder", "")
        return str(v) if v and Path(str(v)).is_dir() else str(Path.home())

    @last_folder.setter
    def last_folder(self, folder: str | Path) -> None:
        self._q.setValue("files/last_folder", str(folder))
