"""Autosave snapshots of unsaved reports in the user's data folder, and finding those a crash left.

Plain files, no Qt (ui/autosave.py decides when to write). Each running copy of the application
is an *owner* with an id `<pid>-<random>`; it holds an OS lock on `<owner>.lock` for as
long as it runs, and writes one snapshot per open document, `<owner>-<slot>.json`. The lock goes
with the process however it ends (SIGKILL, power loss), so a snapshot is orphaned exactly when
its owner's lock can be taken: a live copy's snapshots are never offered, moved or removed by
another copy, and a reused pid does not make a dead owner look alive.

A snapshot file is one JSON line (where the report belongs, when it last changed) followed by
the report as the JSON document of io/jsondoc.py, written atomically (io/files.atomic_write):
reading it back gives the report exactly.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.report import Report
from . import jsondoc
from .files import atomic_write

log = logging.getLogger(__name__)

KIND = "govreport-autosave/1"
MAX_SIZE = jsondoc.MAX_FILE + 65536
_NAME = re.compile(r"^(?P<owner>\d{1,10}-[0-9a-f]{8})-(?P<slot>\d{1,6})\.json$")
STALE_LOCK = 120.0      # a lock file this old with no snapshot and no owner is removed


@dataclass
class Entry:
    """A snapshot found on disk (an orphan, when offered for recovery)."""

    file: Path
    owner: str
    slot: int
    report: Report | None          # None: the file could not be read (damaged)
    path: Path | None = None       # the report's own file, None for an untitled report
    changed: float = 0.0           # when the report last changed (epoch seconds)
    error: str = ""

    @property
    def unit(self) -> str:
        return self.report.unit if self.report else ""

    @property
    def year(self) -> int | None:
        return self.report.year if self.report else None


# ---------------------------------------------------------------- OS locks

def _lock(fd: int) -> bool:
    """Take an exclusive lock on the open file without waiting; False when someone holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class _Lock:
    """An OS lock on a file, held until release() (or the end of the process)."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if not _lock(fd):
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self, remove: bool = False) -> None:
        if self.fd is None:
            return
        # POSIX: the name goes first, while the lock is still held; Windows cannot remove an
        # open file, so there it goes right after.
        if remove and sys.platform != "win32":
            remove_file(self.path)
        os.close(self.fd)   # closing the descriptor drops the lock
        self.fd = None
        if remove and sys.platform == "win32":
            remove_file(self.path)


# ---------------------------------------------------------------- the store

def encode(report: Report, path: Path | None, changed: float) -> bytes:
    head = {"kind": KIND, "path": os.path.abspath(path) if path else None, "changed": changed,
            "written": time.time()}
    return json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n" + jsondoc.encode(report)


def decode(data: bytes, name: str = "") -> tuple[Report, Path | None, float]:
    """The report, its file and the time of its last change; raises ValueError or a ReadError."""
    head_line, _, body = data.partition(b"\n")
    head = json.loads(head_line)
    if not isinstance(head, dict) or head.get("kind") != KIND:
        raise ValueError("not an autosave snapshot")
    text = body.decode("utf-8", "surrogatepass")
    report = jsondoc.loads(text, name)          # no repair: the text is kept as it was typed
    path = head.get("path")
    changed = head.get("changed")
    return (report, Path(path) if isinstance(path, str) and path else None,
            float(changed) if isinstance(changed, (int, float)) else 0.0)


class Store:
    """This process's snapshots in `folder`, and the orphans of processes that are gone."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.owner = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._own = _Lock(self.folder / f"{self.owner}.lock")
        self._claimed: dict[str, _Lock] = {}      # orphans' owners whose locks we hold
        self.ok = False

    def open(self) -> bool:
        """Create the folder and take this owner's lock; False when autosave cannot work here."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            log.warning("autosave folder %s unusable: %r", self.folder, e)
            return False
        self.ok = self._own.acquire()
        if not self.ok:
            log.warning("cannot lock %s; autosave is off", self._own.path)
        return self.ok

    def close(self) -> None:
        """At a normal exit: this owner's snapshots are gone already (saved or discarded)."""
        self.release_claims()
        self._own.release(remove=True)
        self.ok = False

    def file_for(self, slot: int) -> Path:
        return self.folder / f"{self.owner}-{slot}.json"

    def write(self, slot: int, report: Report, path: Path | None, changed: float) -> Path:
        """Write one document's snapshot atomically (any thread); raises OSError or WriteError."""
        target = self.file_for(slot)
        atomic_write(target, encode(report, path, changed), backup=False)
        return target

    def remove(self, slot: int) -> None:
        remove_file(self.file_for(slot))

    # ------------------------------------------------------------ orphans

    def orphans(self) -> list[Entry]:
        """Snapshots whose owner is gone, oldest change first. Their owners' locks are taken and
        held until release_claims(), so another copy starting now does not offer them too."""
        found: list[Entry] = []
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return []
        for name in names:
            m = _NAME.match(name)
            if not m or m.group("owner") == self.owner or not self._claim(m.group("owner")):
                continue
            found.append(read_entry(self.folder / name, m.group("owner"), int(m.group("slot"))))
        for owner in list(self._claimed):          # an owner whose snapshots are all gone
            if not any(e.owner == owner for e in found):
                self._claimed.pop(owner).release(remove=True)
        self._remove_stale_locks(names)
        return sorted(found, key=lambda e: e.changed)

    def _claim(self, owner: str) -> bool:
        if owner in self._claimed:
            return True
        lock = _Lock(self.folder / f"{owner}.lock")
        if not lock.acquire():
            return False
        self._claimed[owner] = lock
        return True

    def _remove_stale_locks(self, names: list[str]) -> None:
        """Lock files of owners that are gone and left no snapshot. Only old ones: a copy
        starting right now has created its lock file but may not have locked it yet."""
        owners = {m.group("owner") for m in map(_NAME.match, names) if m}
        now = time.time()
        for name in names:
            if not name.endswith(".lock") or name[:-5] in owners or name[:-5] == self.owner:
                continue
            try:
                if now - (self.folder / name).stat().st_mtime < STALE_LOCK:
                    continue
            except OSError:
                continue
            lock = _Lock(self.folder / name)
            if lock.acquire():
                lock.release(remove=True)

    def discard(self, entry: Entry) -> None:
        """The user does not want this snapshot: it goes."""
        remove_file(entry.file)
        self._drop_owner_if_done(entry.owner)

    def _drop_owner_if_done(self, owner: str) -> None:
        lock = self._claimed.get(owner)
        if lock is None:
            return
        left = [n for n in _list(self.folder) if (m := _NAME.match(n)) and m.group("owner") == owner]
        if not left:
            self._claimed.pop(owner).release(remove=True)

    def release_claims(self) -> None:
        """Let go of orphans not dealt with now: offered again at the next start."""
        for lock in self._claimed.values():
            lock.release()
        self._claimed.clear()


def _list(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def read_entry(file: Path, owner: str, slot: int) -> Entry:
    try:
        if file.stat().st_size > MAX_SIZE:
            raise ValueError("too large")
        report, path, changed = decode(file.read_bytes(), file.name)
        return Entry(file, owner, slot, report, path, changed)
    except Exception as e:          # a damaged snapshot is offered for discarding, never a crash
        log.warning("autosave snapshot %s unreadable: %r", file.name, e)
        try:
            changed = file.stat().st_mtime
        except OSError:
            changed = 0.0
        return Entry(file, owner, slot, None, None, changed, "恢复副本已损坏，无法读取")


def remove_file(path: Path) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except OSError as e:
        log.warning("cannot remove autosave snapshot %s: %r", path.name, e)
