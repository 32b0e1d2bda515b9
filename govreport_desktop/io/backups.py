"""Backups and temporary files of saving (io/files.py's atomic_write uses these).

- The newest previous version stays beside the file as `名称.bak.扩展名`, as users know it;
  it is put in place atomically (a hard link of the old file, or a complete copy, renamed
  over the slot), so a crash or a full disk leaves either the old backup or the new one,
  never half of one.
- The two versions before that go to a store in the user's data folder (`versions/`, one
  sub-folder per report path, with `source.txt` naming the path), not into the user's folder:
  three versions without clutter. The store is on once the application calls startup().
- Temporary files are named `~govreport-<host>-<pid>-<random>.tmp` (30 bytes whatever the
  report's name, so names up to the system's limit can be saved in place); a later save to
  the same folder, and startup(), remove those whose process has ended.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

from .. import APP_ID

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())   # the CLI's stderr shows only its own Chinese line

KEEP = 3                               # versions kept: the .bak beside the file + 2 in the store
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]
_OURS = re.compile(r"^~govreport-([0-9a-f]{4})-(\d{1,10})-[A-Za-z0-9_]{8}\.tmp$")
_LEGACY = re.compile(r"^\.(.+)-[a-z0-9_]{8}\.tmp$")   # mkstemp names of earlier versions
DAY = 24 * 3600.0
LEGACY_AGE = 600.0

_store: Path | None = None


def temp_prefix() -> str:
    return f"~govreport-{_HOST}-{os.getpid()}-"


def is_temp_name(name: str) -> bool:
    return bool(_OURS.match(name))


# ---------------------------------------------------------------- names

def name_max(folder: Path) -> int:
    """Longest file name the folder's file system takes (bytes on POSIX, UTF-16 units on Windows)."""
    if sys.platform == "win32":
        return 255
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _size(name: str) -> int:
    if sys.platform == "win32":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))


def backup_path(path: Path) -> Path:
    """`名称.bak.扩展名`; for a name near the limit the stem is cut and a short hash keeps two
    such backups apart."""
    name = f"{path.stem}.bak{path.suffix}"
    limit = name_max(path.parent if str(path.parent) else Path("."))
    if _size(name) <= limit:
        return path.with_name(name)
    tag = "~" + hashlib.sha1(os.fsencode(path.name)).hexdigest()[:6]
    stem = path.stem
    while stem and _size(f"{stem}{tag}.bak{path.suffix}") > limit:
        stem = stem[:-1]
    return path.with_name(f"{stem}{tag}.bak{path.suffix}")


# ---------------------------------------------------------------- placing a whole copy

def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles for this)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def place_copy(src: Path, dst: Path, hard_link: bool = True) -> None:
    """Put the whole of src at dst atomically: a hard link when the file system has them (no
    bytes copied, so a full disk cannot cut it short), else a copy flushed to disk first."""
    folder = dst.parent
    link = folder / f"{temp_prefix()}{secrets.token_hex(4)}.tmp" if hard_link else None
    try:
        if link is not None:
            os.link(src, link)
    except OSError:
        link = None
    if link is None:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(), suffix=".tmp", dir=folder)
        link = Path(name)
        try:
            with open(src, "rb") as f, os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(f, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            shutil.copystat(src, link)
        except BaseException:
            _remove(link)
            raise
    try:
        os.replace(link, dst)
    except BaseException:
        _remove(link)
        raise


def _remove(path: Path) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# ---------------------------------------------------------------- the store of older versions

def default_store() -> Path:
    """`versions/` in the user's data folder, found without Qt."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home())
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID / "versions"


def store_for(path: Path) -> Path | None:
    if _store is None:
        return None
    key = str(Path(os.path.abspath(path)))
    if sys.platform == "win32":
        key = key.lower()
    return _store / hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def keep_older(path: Path, bak: Path) -> list[str]:
    """Before the .bak is replaced: its version becomes number 2 in the store, 2 becomes 3."""
    folder = store_for(path)
    if folder is None or not bak.exists():
        return []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text(str(Path(os.path.abspath(path))), encoding="utf-8",
                                           errors="surrogatepass")
        for n in range(KEEP, 2, -1):
            older = folder / f"{n - 1}{path.suffix}"
            if older.exists():
                os.replace(older, folder / f"{n}{path.suffix}")
        # a copy, not a link: the .bak may still share its data with the file (a failed save)
        place_copy(bak, folder / f"2{path.suffix}", hard_link=False)
        return []
    except OSError as e:
        log.warning("cannot keep an older version of %s in %s: %r", path.name, folder, e)
        return [f"未能在“{folder}”中保留“{path.name}”更早的版本（{e.strerror or e}）；文件本身已保存。"]


def versions(path: str | Path) -> list[Path]:
    """The kept previous versions of a report, newest first (the .bak, then the store's)."""
    path = Path(path)
    out = [backup_path(path)]
    folder = store_for(path)
    if folder is not None:
        out += [folder / f"{n}{path.suffix}" for n in range(2, KEEP + 1)]
    return [p for p in out if p.is_file()]


# ---------------------------------------------------------------- what crashes left behind

def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        try:                    # os.kill(pid, 0) would terminate the process on Windows
            import ctypes

            k32 = ctypes.windll.kernel32
            handle = k32.OpenProcess(0x1000, False, pid)     # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return ctypes.GetLastError() == 5            # access denied: it exists
            code = ctypes.c_ulong()
            ok = k32.GetExitCodeProcess(handle, ctypes.byref(code))
            k32.CloseHandle(handle)
            return not ok or code.value == 259               # STILL_ACTIVE
        except Exception:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True             # another user's process
    return True


def clean_leftovers(folder: str | Path) -> int:
    """Remove temporary files that a killed or crashed save left in folder; returns how many.
    Another live process's files (this computer) and other computers' recent ones stay."""
    folder = Path(folder)
    now = time.time()
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    names = {e.name for e in entries}
    for entry in entries:
        ours = _OURS.match(entry.name)
        legacy = None if ours else _LEGACY.match(entry.name)
        if not (ours or legacy):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if ours:
            gone = ours.group(1) == _HOST and not _alive(int(ours.group(2)))
            if not (gone or age > DAY):
                continue
        elif age < LEGACY_AGE or not any(f"{legacy.group(1)}{s}" in names for s in (".json", ".xlsx")):
            continue
        try:
            os.remove(entry.path)
            removed += 1
        except OSError:
            pass
    return removed


def startup(folders: Iterable[str | Path] = (), store: str | Path | None = None) -> int:
    """What the window calls once at start: keep older versions in `store` (default: the
    user's data folder) and remove the leftovers of killed saves in `folders` (e.g. those of
    the recent files) and in the store. Returns how many files were removed."""
    global _store
    _store = Path(store) if store else default_store()
    removed = 0
    seen = set()
    for folder in list(folders):
        folder = Path(folder)
        if folder not in seen:
            seen.add(folder)
            removed += clean_leftovers(folder)
    try:
        subs = [p for p in _store.iterdir() if p.is_dir()] if _store.is_dir() else []
    except OSError:
        subs = []
    for sub in subs:
        removed += clean_leftovers(sub)
    if removed:
        log.info("removed %d temporary files left by earlier saves", removed)
    return removed


def stop_keeping() -> None:
    """Keep only the .bak beside the file again (tests, the command line)."""
    global _store
    _store = None
