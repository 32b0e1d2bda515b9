"""One running copy per user: a second start hands its file to the first and ends.

The first copy listens on a QLocalServer (a named pipe on Windows, a socket file elsewhere)
whose name is derived from the user and the data folder, so that two users of one computer,
or a test with its own data folder, never meet. A later start connects, sends the absolute
paths of its files as one JSON line, waits for “ok” and exits; the first copy opens them
(ui/windows.py decides in which window) and comes to the front. Without an answer (the first
copy hangs), the second start goes on as a copy of its own rather than lose the user's click.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .. import APP_ID
from ..paths import data_dir

log = logging.getLogger(__name__)

CONNECT_MS = 500
ANSWER_MS = 5000


def server_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:                   # no user name in the environment: the home folder
        user = str(Path.home())
    key = f"{user}|{data_dir() or ''}".encode("utf-8", "surrogatepass")
    return f"{APP_ID}-{hashlib.sha1(key).hexdigest()[:16]}"


def _allow_foreground() -> None:
    """Windows gives the foreground only to the process the user clicked: let the first copy
    bring its window up (AllowSetForegroundWindow(ASFW_ANY))."""
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)
        except Exception:
            pass


def forward(paths: list[str], name: str | None = None) -> bool:
    """Hand `paths` (maybe none: just come to the front) to a running copy; True when it took them."""
    sock = QLocalSocket()
    sock.connectToServer(name or server_name())
    if not sock.waitForConnected(CONNECT_MS):
        return False
    _allow_foreground()
    message = json.dumps({"open": [os.path.abspath(p) for p in paths]}, ensure_ascii=True) + "\n"
    sock.write(message.encode("ascii"))
    sock.flush()
    answer = b""
    while b"\n" not in answer:
        if not sock.waitForReadyRead(ANSWER_MS):
            break
        answer += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    ok = answer.strip() == b"ok"
    if not ok:
        log.warning("the running copy did not answer; starting another one")
    return ok


class Instance(QObject):
    """The first copy's end: `filesRequested` gives the paths another start handed over."""

    filesRequested = Signal(list)

    def __init__(self, name: str | None = None, parent=None):
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A socket file left by a copy that was killed: remove it and listen again.
        QLocalServer.removeServer(self.name)
        ok = self.server.listen(self.name)
        if not ok:
            log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return ok

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._gone(s))

    def _gone(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if len(data) > 1 << 20:               # nobody sends that much: not one of ours
            sock.abort()
            return
        self._buffers[sock] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            paths = json.loads(line)["open"]
            paths = [p for p in paths if isinstance(p, str)]
        except (ValueError, KeyError, TypeError):
            sock.abort()
            return
        sock.write(b"ok\n")
        sock.flush()
        self.filesRequested.emit(paths)


def claim(paths: list[str], name: str | None = None) -> Instance | None:
    """At start: None when a running copy took `paths` (this start should end), else this
    copy's Instance, listening. The check and the listen happen under a lock file so that two
    starts at the same moment do not both become the first."""
    name = name or server_name()
    folder = data_dir()
    lock = None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = QLockFile(str(folder / f"{name}.startlock"))
            lock.setStaleLockTime(10_000)
            lock.tryLock(3000)             # on a timeout go on anyway: better two copies than none
        except OSError:
            lock = None
    try:
        if forward(paths, name):
            return None
        instance = Instance(name)
        instance.listen()
        return instance
    finally:
        if lock is not None and lock.isLocked():
            lock.unlock()
