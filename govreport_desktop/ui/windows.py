"""The windows of this running copy: autosave for each, files handed over by a second start,
the work a crash left, and the start-up chores that follow the first paint.

main() (app.py) makes the first window and gives it to `Windows`; everything else here:
- every window gets an Autosaver with its own slot in this process's snapshot store;
- a file another start forwards (ui/single_instance.py) comes up in the window that shows it,
  else in the untouched new report of the first window, else in a new window, never over
  unsaved work;
- after the first paint: the reader process starts (io/sandbox.prewarm), leftovers of killed
  saves are cleaned in the folders of the recent files (io/backups.startup, in a thread: a
  network folder may be slow), and the snapshots of copies that are gone are offered
  (ui/recovery_dialog.py), each restored one in its own window.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QPoint, Qt

from ..io import backups, sandbox, snapshots
from . import autosave, recovery_dialog
from .main_window import MainWindow

log = logging.getLogger(__name__)


def autosave_folder() -> Path | None:
    from ..paths import data_dir

    folder = data_dir()
    return folder / "autosave" if folder else None


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class Windows(QObject):
    def __init__(self, store: snapshots.Store | None, parent=None):
        super().__init__(parent)
        self.store = store
        self.windows: list[MainWindow] = []
        self._slots = itertools.count(1)

    # ------------------------------------------------------------ windows

    def add(self, window: MainWindow) -> MainWindow:
        self.windows.append(window)
        if self.store is not None and self.store.ok:
            saver = autosave.Autosaver(window.session, self.store, next(self._slots))
            saver.failed.connect(lambda text, w=window: w.statusBar().showMessage(text, 20000))
            window.autosave = saver
            window.closed.connect(saver.discard)
        window.closed.connect(lambda w=window: self.windows.remove(w) if w in self.windows else None)
        return window

    def new_window(self) -> MainWindow:
        first = self.windows[0] if self.windows else None
        window = MainWindow(settings=first.settings if first is not None else None)
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.session.new_default()
        self.add(window)
        if first is not None:
            window.move(first.pos() + QPoint(32, 32))
        window.show()
        return window

    def showing(self, path: Path | None) -> MainWindow | None:
        return next((w for w in self.windows if w.doc is not None and _same(w.doc.path, path)), None)

    def untouched(self) -> MainWindow | None:
        """A window with the new report of the start and nothing typed into it."""
        return next((w for w in self.windows if w.doc is not None and w.doc.path is None
                     and not w.doc.modified), None)

    def open_paths(self, paths: list[str]) -> None:
        """Files another start handed over: each in the window that shows it or a free one."""
        for p in paths:
            path = Path(p)
            window = self.showing(path)
            if window is None:
                window = self.untouched() or self.new_window()
                window.session.open_file(path, ask=False)
            front(window)
        if not paths and self.windows:
            front(self.windows[-1])

    # ------------------------------------------------------------ after the first paint

    def started(self, ask: Callable = recovery_dialog.ask) -> None:
        sandbox.prewarm()
        folders = {str(Path(f).parent) for w in self.windows[:1] for f in w.session.recent_files}
        threading.Thread(target=_clean, args=(sorted(folders),), name="govreport-backups", daemon=True).start()
        self.recover(ask)

    def recover(self, ask: Callable = recovery_dialog.ask) -> int:
        """Offer what crashed copies left; returns how many reports were restored."""
        if self.store is None or not self.store.ok:
            return 0
        entries = self.store.orphans()
        if not entries:
            return 0
        restored = 0
        try:
            for entry, action in ask(entries, self.windows[0] if self.windows else None):
                if action == recovery_dialog.DISCARD:
                    self.store.discard(entry)
                elif action == recovery_dialog.RESTORE and entry.report is not None:
                    window = self._window_for(entry)
                    window.session.open_restored(entry.report, entry.path)
                    if getattr(window, "autosave", None) is not None:
                        window.autosave.adopt(entry)
                    front(window)
                    restored += 1
        finally:
            autosave.flush(10.0)         # the restored snapshots are written under this copy
            self.store.release_claims()  # … and what was put off is offered next time
        return restored

    def _window_for(self, entry: snapshots.Entry) -> MainWindow:
        """The window showing the snapshot's file unchanged, or an untouched one, or a new one."""
        window = self.showing(entry.path)
        if window is not None and not window.doc.modified:
            return window
        return self.untouched() or self.new_window()

    def quit(self) -> None:
        """The application ends: snapshots written, the store let go, the reader process ended."""
        autosave.flush(5.0)
        if self.store is not None:
            self.store.close()
        sandbox.shutdown()


def _clean(folders: list[str]) -> None:
    try:
        backups.startup(folders)
    except Exception:
        log.exception("cleaning temporary files failed")


def front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_store() -> snapshots.Store | None:
    folder = autosave_folder()
    if folder is None:
        return None
    store = snapshots.Store(folder)
    return store if store.open() else None
