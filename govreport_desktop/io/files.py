"""Open and save reports by file type, with atomic saving and typed errors.

Saving writes a temporary file in the target folder, flushes it to disk and renames it over
the target, so a failure at any point leaves the previous file intact; the previous version is
kept beside it as `名称.bak.扩展名`, older ones in the user's data folder (io/backups.py). Which
module reads or writes which suffix is declared in io/base.py; this module only looks it up, so
it imports no reader or writer itself.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from ..core.report import Report
from . import backups, jsondoc
from .base import READERS, WRITERS, Encoder, Loaded, Reader  # noqa: F401 (the shared types, re-exported)
from .errors import DiskFullError, FileLockedError, ReadError, UnsupportedFileError, WriteError

ENCODERS = WRITERS          # the name callers and tests have used for the writers


def read_json(path: Path) -> Loaded:
    report, notices = jsondoc.read_with_notices(path)
    return Loaded(report, [], notices)


def encode_json(report: Report) -> tuple[bytes, list[str]]:
    return jsondoc.encode(report), []


def readable() -> list[str]:
    """The suffixes the application can open now, e.g. ['.json', '.xls', '.xlsx'] (imports
    their readers; a reader that lacks a library is still listed: opening says what is missing)."""
    return READERS.available()


def writable() -> list[str]:
    """The suffixes the application can save to now (a writer that lacks a library is left out)."""
    return WRITERS.available()


def _load_plugins() -> None:
    """Import every declared reader and writer now (the smoke test and tests want them loaded)."""
    readable()
    writable()


def open_report(path: str | Path) -> Loaded:
    path = Path(path)
    suffix = path.suffix.lower()
    reader = READERS.resolve(suffix, path)
    if reader is None:
        kinds = "、".join(readable())
        raise UnsupportedFileError(f"不支持打开“{path.name}”这种文件，可打开：{kinds}。", path)
    if not path.exists():
        raise ReadError(f"找不到文件“{path.name}”。", path)
    if path.is_dir():
        raise ReadError(f"“{path.name}”是文件夹，不是报告文件。", path)
    try:
        return reader(path)
    except ImportError as e:           # a library the reader imports only when it runs
        raise READERS.missing(suffix, e, path) from e


def save_report(report: Report, path: str | Path, backup: bool = True) -> list[str]:
    """Encode then write atomically; the report itself is never touched. Returns the notices
    the user should read (usually none)."""
    path = Path(path)
    encoder = WRITERS.resolve(path.suffix.lower(), path)
    if encoder is None:
        kinds = "、".join(writable())
        raise UnsupportedFileError(f"不支持保存为“{path.suffix or '无扩展名'}”文件，可保存为：{kinds}。", path)
    try:
        data, notices = encoder(report)
    except ImportError as e:
        raise WRITERS.missing(path.suffix, e, path) from e
    return notices + atomic_write(path, data, backup=backup)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def backup_path(path: Path) -> Path:
    return backups.backup_path(path)


def atomic_write(path: str | Path, data: bytes, backup: bool = True) -> list[str]:
    """Write data to path so that a crash at any moment leaves one whole version, and keep the
    previous one (io/backups.py). Returns sentences for the user, e.g. a backup that failed;
    raises a WriteError when the file itself could not be saved."""
    return atomic_write_with(path, lambda f: f.write(data), backup)


def atomic_write_with(path: str | Path, write: Callable[[BinaryIO], object], backup: bool = True) -> list[str]:
    """atomic_write() for a file too big to hold as bytes: `write(f)` writes it in pieces to the
    temporary file (seekable). Whatever `write` raises (a cancel) removes the temporary file and
    leaves the target as it was."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    notices: list[str] = []
    mode = _target_mode(path)
    backups.clean_leftovers(folder)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=backups.temp_prefix(), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; a saved report keeps the old file's mode, or gets the usual
        # umask-based one, so colleagues on a shared folder can still read it.
        os.chmod(tmp, mode)
        if backup and path.exists():
            notices += _backup(path)
        os.replace(tmp, path)
        tmp = None
        backups.fsync_dir(folder)
    except OSError as e:
        raise _write_error(e, path) from None
    finally:
        if tmp is not None:
            try:
                os.remove(tmp)
            except OSError:
                pass
    return notices


def _target_mode(path: Path) -> int:
    """The mode for the new file; refuses to replace a file the user may not read or write
    (rename() would replace even a mode-000 file, and give the new one mode 000 too)."""
    try:
        st = os.stat(path)
    except OSError:
        return 0o666 & ~_umask()
    if not stat.S_ISREG(st.st_mode):
        return 0o666 & ~_umask()          # a folder etc.: os.replace names the problem
    readable = os.access(path, os.R_OK) and st.st_mode & 0o444
    writable = os.access(path, os.W_OK) and st.st_mode & 0o222
    if not (readable and writable):
        what = "该文件为只读" if readable else ("没有读取该文件的权限" if writable else "没有读写该文件的权限")
        raise FileLockedError(f"没有权限保存“{path.name}”：{what}。请另存为其他文件，或更改该文件的权限"
                              "（如取消“只读”）后重试；当前内容未丢失。", path)
    return st.st_mode & 0o777


def _backup(path: Path) -> list[str]:
    """The old file becomes the .bak (atomically); a failure is told, not hidden, and does not
    stop the save."""
    bak = backup_path(path)
    notices = backups.keep_older(path, bak)
    try:
        backups.place_copy(path, bak)
    except OSError as e:
        why = "磁盘空间不足" if e.errno in (errno.ENOSPC, errno.EDQUOT) else (e.strerror or str(e))
        notices.append(f"未能更新备份“{bak.name}”（{why}），{'原有备份保持不变' if bak.exists() else '没有备份'}；"
                       f"文件“{path.name}”已保存。")
    return notices


def _write_error(e: OSError, path: Path) -> WriteError:
    name = path.name
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"磁盘空间不足，无法保存“{name}”。请清理磁盘或另存到其他位置；当前内容未丢失。", path)
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists():
            return FileLockedError(
                f"无法保存“{name}”：文件可能正被 Excel 或 WPS 打开，或没有写入权限。"
                "请关闭该文件后重试，或另存为其他文件；当前内容未丢失。", path)
        return FileLockedError(f"无法保存到“{path.parent}”：该文件夹不可写。请另存到其他位置；当前内容未丢失。", path)
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return WriteError(f"无法保存“{name}”：文件夹“{path.parent}”不存在。请另存到其他位置；当前内容未丢失。", path)
    if e.errno == errno.EISDIR:
        return WriteError(f"无法保存：“{path}”是一个文件夹。请换一个文件名；当前内容未丢失。", path)
    if e.errno in (errno.ENAMETOOLONG, errno.EINVAL):
        return WriteError(f"无法保存“{name}”：文件名或路径过长，或含有不允许的字符。请换一个文件名；当前内容未丢失。", path)
    return WriteError(f"无法保存“{name}”：{e.strerror or e}。当前内容未丢失。", path)
