"""The safe reader boundary: `load(path) -> Loaded` for the window and the command line.

Workbooks come from other offices and go through a native parser (python-calamine): a Rust
panic reaches Python as a BaseException, and a failed allocation aborts the whole process.
So .xlsx/.xls are read in a separate worker process (multiprocessing, `spawn` on every
system: fork is unsafe under Qt's threads) with an address-space limit (Linux/macOS) and a
time limit (everywhere); whatever happens there comes back as one typed ReadError with a
Chinese sentence, and the window with its unsaved edits lives on.

The worker is started once and reused (starting Python and the Excel stack costs far more
than reading a report); it leaves by itself when idle, after a number of files, or when the
application ends. JSON documents stay in the process: they are parsed by the standard
library's json module with a size cap, bounded numbers and depth (see jsondoc), which raises
only ordinary exceptions; the reliability suite measures both paths.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from pathlib import Path
from typing import Callable

from . import errors
from .base import READERS
from .errors import ReaderCrashedError, ReadError, ReadTimeoutError, read_failure
from .files import Loaded

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())   # the CLI's stderr shows only its own Chinese line

TIMEOUT = 10.0               # seconds for one file, once the worker is up
START_TIMEOUT = 60.0         # a cold start on a slow office PC with a virus scanner
MEMORY = 1 << 30             # address space of the worker: ample for any real report
IDLE = 300.0                 # the worker leaves after this long without a file
MAX_USES = 200               # and is renewed after this many files (fragmentation, leaks)
IN_PROCESS = (".json",)


def read_here(path: str) -> Loaded:
    """What the worker runs for one file: the ordinary readers of io/files.py."""
    from .files import open_report

    return open_report(path)


class Sandbox:
    """One worker process and the calls into it. Thread-safe; one file at a time."""

    def __init__(self, reader: Callable[[str], Loaded] = read_here, memory: int | None = MEMORY,
                 timeout: float = TIMEOUT, idle: float = IDLE, max_uses: int = MAX_USES):
        self.reader, self.memory, self.timeout = reader, memory, timeout
        self.idle, self.max_uses = idle, max_uses
        self._lock = threading.Lock()
        self._proc = None
        self._conn = None
        self._uses = 0
        self._ready = False
        self.pid: int | None = None          # the current worker's, for measurements
        self.disabled = False                # no worker could be started: read in-process

    # ------------------------------------------------------------ public

    def start(self) -> None:
        """Start the worker in the background (e.g. after the window is shown)."""
        with self._lock:
            if not self._alive():
                self._spawn()

    def load(self, path: str | Path) -> Loaded:
        path = Path(path)
        if path.suffix.lower() in IN_PROCESS:
            return contained(self.reader_in_process, path)
        if READERS.registered_here(path.suffix):
            # added in this process (a plug-in, a test): the worker does not know it; it is our
            # own code, so what it raises is a bug to report as such, not a damaged file
            return self.reader_in_process(path)
        with self._lock:
            for _ in range(2):
                try:
                    return self._ask(path)
                except _IdleExit:
                    continue                 # it left just as we asked: once more, fresh
            raise ReaderCrashedError(_died(path.name), path)

    def close(self) -> None:
        with self._lock:
            self._stop()

    def reader_in_process(self, path: Path) -> Loaded:
        return _read_json(path) if path.suffix.lower() == ".json" else self.reader(str(path))

    # ------------------------------------------------------------ the worker

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def _spawn(self) -> bool:
        self._stop()
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.reader, self.memory, self.idle),
                           name="govreport-reader", daemon=True)
        try:
            proc.start()
        except Exception as e:            # a policy that forbids child processes, a broken frozen build
            log.warning("cannot start the reader process: %r; reading in-process", e)
            self.disabled = True
            return False
        child.close()
        self._proc, self._conn, self._uses, self.pid = proc, parent, 0, proc.pid
        self._ready = False
        return True

    def _wait_ready(self) -> bool:
        if self._ready:
            return True
        try:
            if self._conn.poll(START_TIMEOUT) and self._conn.recv() == ("ready",):
                self._ready = True
                return True
        except (EOFError, OSError):
            pass
        log.warning("the reader process did not start (exit code %s); reading in-process",
                    self._proc.exitcode if self._proc else None)
        self._stop()
        self.disabled = True
        return False

    def _ask(self, path: Path) -> Loaded:
        if self.disabled:
            return contained(self.reader_in_process, path)
        if not self._alive() or self._uses >= self.max_uses:
            if not self._spawn():
                return contained(self.reader_in_process, path)
        if not self._wait_ready():
            return contained(self.reader_in_process, path)
        self._uses += 1
        try:
            self._conn.send(str(path))
            answered = self._conn.poll(self.timeout)
            if answered:
                return _answer(self._conn.recv(), path)
        except (EOFError, OSError, BrokenPipeError):
            self._proc.join(2)
            code = self._proc.exitcode
            self._stop()
            if code == 0:
                raise _IdleExit() from None
            log.warning("the reader process died on %s (exit code %s)", path.name, code)
            raise ReaderCrashedError(_died(path.name), path) from None
        self._stop()
        log.warning("reading %s took more than %.0f s; stopped", path.name, self.timeout)
        raise ReadTimeoutError(f"读取“{path.name}”超过 {self.timeout:.0f} 秒仍未完成，已停止。"
                               "文件可能已损坏或格式异常。", path)

    def _stop(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        self._ready = False
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(5)


class _IdleExit(Exception):
    pass


def _died(name: str) -> str:
    return f"“{name}”已损坏或格式异常，无法读取（读取进程意外退出）。"


def _answer(msg, path: Path) -> Loaded:
    if msg[0] == "ok":
        return msg[1]
    _kind, cls_name, message, keys = msg
    cls = getattr(errors, cls_name, None)
    if not (isinstance(cls, type) and issubclass(cls, ReadError)):
        cls = ReadError
    if cls is errors.UnknownKeyError:
        raise errors.UnknownKeyError(message, keys, path)
    raise cls(message, path)


def contained(reader: Callable[[Path], Loaded], path: Path) -> Loaded:
    """Run a reader here, every exception (BaseExceptions of native code included) turned into
    a ReadError; only the user's own Ctrl+C and an exit pass."""
    try:
        return reader(path)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        err = read_failure(e, path.name, path)
        if not isinstance(e, errors.GovReportIOError):
            log.info("reading %s failed: %r", path.name, e)     # info: the CLI's stderr stays one line
        raise err from None


def _read_json(path: Path) -> Loaded:
    from . import jsondoc

    report, notices = jsondoc.read_with_notices(path)
    return Loaded(report, [], notices)


# ------------------------------------------------------------ inside the worker

def _serve(conn, reader, memory: int | None, idle: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl+C is the parent's to handle
    from . import files

    files.readable()                                 # import the Excel stack before the limit
    _limit_memory(memory)
    _quiet()
    conn.send(("ready",))
    while True:
        try:
            if not conn.poll(idle):
                return                               # idle: exit code 0
            path = conn.recv()
        except (EOFError, OSError):
            return                                   # the application has gone
        try:
            msg = ("ok", reader(path))
        except BaseException as e:                   # noqa: B036 — the whole point of the worker
            err = read_failure(e, Path(path).name, path)
            msg = ("error", type(err).__name__, err.message, list(getattr(err, "keys", []) or []))
        try:
            conn.send(msg)
        except (EOFError, OSError):
            return
        except BaseException as e:                   # an answer that cannot be pickled
            err = read_failure(e, Path(path).name, path)
            conn.send(("error", type(err).__name__, err.message, []))


def _quiet() -> None:
    """A Rust panic or abort prints its own message and backtrace on stderr: the user gets the
    Chinese sentence instead, so the worker's standard streams go nowhere."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def _limit_memory(memory: int | None) -> None:
    if not memory:
        return
    try:
        import resource
    except ImportError:          # Windows: no rlimit; the worker is still isolated and timed
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as e:
        log.warning("cannot limit the reader's memory: %r", e)


# ------------------------------------------------------------ the one shared boundary

_default: Sandbox | None = None
_default_lock = threading.Lock()


def default() -> Sandbox:
    global _default
    with _default_lock:
        if _default is None:
            _default = Sandbox()
        return _default


def load(path: str | Path) -> Loaded:
    """Read any report file safely: a Loaded, or a ReadError with one Chinese sentence."""
    return default().load(path)


def prewarm() -> None:
    """Start the worker now so that the first workbook opens without the start-up delay."""
    default().start()


def shutdown() -> None:
    if _default is not None:
        _default.close()


def worker_rss_peak(pid: int | None) -> int:
    """The worker's peak resident memory in bytes (Linux; 0 elsewhere), for the suite."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, TypeError):
        pass
    return 0

