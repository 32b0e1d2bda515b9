"""The one typed wrapper over QSettings (INI format): geometry, recent files, last folder, 汇总 options.

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

    def _flag(self, key: str, default: bool) -> bool:
        v = self._q.value(key, default)   # INI gives back "true"/"false" as text
        return v if isinstance(v, bool) else str(v).lower() not in ("false", "0", "no")

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
        return self._flag("files/reopen_last", True)

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

    # ---------------------------------------------------------- 汇总 options (ui/summary_options.py)
    @property
    def summary_roster(self) -> str:
        """The roster file last chosen ("" for none); kept even if it has gone (the run says so)."""
        return str(self._q.value("summary/roster", "") or "")

    @summary_roster.setter
    def summary_roster(self, path: str | Path) -> None:
        self._q.setValue("summary/roster", str(path or ""))

    @property
    def summary_year(self) -> int | None:
        """The year to sum, None for 自动 (the year most files report)."""
        try:
            year = int(self._q.value("summary/year", 0) or 0)
        except (TypeError, ValueError):
            return None
        return year or None

    @summary_year.setter
    def summary_year(self, year: int | None) -> None:
        self._q.setValue("summary/year", int(year or 0))

    @property
    def summary_other_years(self) -> bool:
        return self._flag("summary/other_years", False)

    @summary_other_years.setter
    def summary_other_years(self, on: bool) -> None:
        self._q.setValue("summary/other_years", bool(on))

    @property
    def summary_unit(self) -> str:
        return str(self._q.value("summary/unit", "") or "")

    @summary_unit.setter
    def summary_unit(self, name: str) -> None:
        self._q.setValue("summary/unit", name or "")

    @property
    def summary_unit_kind(self) -> str:
        return str(self._q.value("summary/unit_kind", "") or "")

    @summary_unit_kind.setter
    def summary_unit_kind(self, kind: str) -> None:
        self._q.setValue("summary/unit_kind", kind or "")
