"""Autosave: a snapshot of the open report, while it has unsaved changes, in the data folder.

One Autosaver per window (session). After every change (Session.edited) it waits until the
user pauses (QUIET_MS) but never longer than CEILING_MS while changes go on, then copies the
report (Session.snapshot(), a fraction of a millisecond) and hands the copy to one writer thread
per process, which encodes it and writes it atomically (io/snapshots.py); typing never waits
for the disk. The user's own file is never touched. Saving, or undoing back to the saved
state, or closing the window after 保存/不保存, removes the snapshot.

CEILING_MS bounds what a crash can take: the typing since the last snapshot, at most a few
seconds of it (benchmarks/reliability.py measures it by killing a typing window).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.report import Report
from ..io import snapshots
from ..io.errors import GovReportIOError

log = logging.getLogger(__name__)

QUIET_MS = 2000          # a snapshot this long after the last change …
CEILING_MS = 4000        # … and at the latest this long after the first unsaved one


@dataclass
class _Job:
    store: snapshots.Store
    slot: int
    report: Report | None              # None: remove the slot's snapshot
    path: Path | None = None
    changed: float = 0.0
    then_discard: snapshots.Entry | None = None    # an orphan now kept under this slot
    failed: object = None              # callable(str) on an error, called in the writer thread

    def run(self) -> None:
        try:
            if self.report is None:
                self.store.remove(self.slot)
            else:
                self.store.write(self.slot, self.report, self.path, self.changed)
        except (OSError, GovReportIOError) as e:
            log.warning("autosave of slot %s failed: %s", self.slot, e)
            if self.failed is not None:
                self.failed(str(e))
            return                       # the orphan stays: it is still the only copy
        if self.then_discard is not None:
            self.store.discard(self.then_discard)


class _Writer:
    """The process's one writer thread: jobs in order, the newest per slot only."""

    def __init__(self):
        self._cond = threading.Condition()
        self._jobs: dict[tuple[int, int], _Job] = {}
        self._busy = False
        self._thread: threading.Thread | None = None

    def put(self, job: _Job) -> None:
        key = (id(job.store), job.slot)
        with self._cond:
            older = self._jobs.pop(key, None)
            if older is not None and job.then_discard is None:
                job.then_discard = older.then_discard
            self._jobs[key] = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="govreport-autosave", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs:
                    self._cond.wait()
                key = next(iter(self._jobs))
                job = self._jobs.pop(key)
                self._busy = True
            try:
                job.run()
            except Exception:            # never let the thread die: the next snapshot may work
                log.exception("autosave job failed")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every job handed over so far is done (quitting, tests)."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._jobs and not self._busy, timeout)


WRITER = _Writer()


class Autosaver(QObject):
    """Keeps the snapshot of one session's document up to date in `store` under `slot`."""

    failed = Signal(str)          # a snapshot could not be written (disk full …): tell the user once

    def __init__(self, session, store: snapshots.Store, slot: int,
                 quiet_ms: int = QUIET_MS, ceiling_ms: int = CEILING_MS):
        super().__init__(session)
        self.session, self.store, self.slot = session, store, slot
        self._quiet = QTimer(self, singleShot=True, interval=quiet_ms)
        self._ceiling = QTimer(self, singleShot=True, interval=ceiling_ms)
        self._quiet.timeout.connect(self.save_now)
        self._ceiling.timeout.connect(self.save_now)
        self._changed_at = time.time()
        self._adopted: snapshots.Entry | None = None
        self._doc = None
        self._told = False
        session.edited.connect(self._changed)
        session.documentChanged.connect(self._document)
        if session.doc is not None:
            self._document(session.doc)

    @property
    def pending(self) -> bool:
        """A change not yet handed to the writer."""
        return self._quiet.isActive()

    def _document(self, doc) -> None:
        """Another document is open (new, open, restored): the old one was saved or discarded."""
        if self._doc is not None:
            try:
                self._doc.modifiedChanged.disconnect(self._modified)
            except (RuntimeError, TypeError):
                pass
        self._doc = doc
        doc.modifiedChanged.connect(self._modified)
        self._stop()
        if doc.modified:
            self._changed()
        else:
            self._hand(None)

    def _modified(self, modified: bool) -> None:
        if modified:
            self._changed()
        else:                       # saved, or undone back to the saved state
            self._stop()
            self._hand(None)

    def _changed(self) -> None:
        doc = self.session.doc
        if doc is None or not doc.modified:
            return
        self._changed_at = time.time()
        self._quiet.start()
        if not self._ceiling.isActive():
            self._ceiling.start()

    def _stop(self) -> None:
        self._quiet.stop()
        self._ceiling.stop()

    def save_now(self) -> None:
        """Hand the snapshot to the writer now (the timers call this)."""
        self._stop()
        if self.session.doc is None:
            return
        snap = self.session.snapshot()
        self._hand(snap.report if snap.modified else None, snap.path)

    def _hand(self, report: Report | None, path: Path | None = None) -> None:
        if not self.store.ok:
            return
        WRITER.put(_Job(self.store, self.slot, report, path, self._changed_at, self._adopted, self._fail))
        self._adopted = None

    def _fail(self, message: str) -> None:
        if not self._told:
            self._told = True
            self.failed.emit(f"未能自动保存恢复副本（{message}）；请及时保存报告。")

    def adopt(self, entry: snapshots.Entry) -> None:
        """The session has just opened `entry`'s report (restored): it is this slot's snapshot
        from now on, and the orphan's file goes once the new one is on disk."""
        self._adopted = entry
        self._changed_at = entry.changed or time.time()
        self.save_now()

    def discard(self) -> None:
        """The window closes after 保存/不保存: nothing unsaved is left to keep."""
        self._stop()
        self._hand(None)


def flush(timeout: float = 10.0) -> bool:
    return WRITER.flush(timeout)
