"""Typed errors of file I/O. Each carries one clear Chinese sentence for the user (`str(e)`).

The UI shows the message as it is; the CLI prints it on one line. A failed load or save never
changes the report in memory.
"""

from __future__ import annotations

from pathlib import Path


class GovReportIOError(Exception):
    """Base of every I/O error; `message` is shown to the user unchanged."""

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class ReadError(GovReportIOError):
    """The file could not be read at all (missing, unreadable, corrupt)."""


class NotAReportError(ReadError):
    """The file was read but does not hold a report we understand."""


class UnknownKeyError(NotAReportError):
    """A JSON document names keys that the interchange format does not have."""

    def __init__(self, message: str, keys: list[str], path=None):
        super().__init__(message, path)
        self.keys = keys


class OldFormatError(NotAReportError):
    """An old binary format (.doc, .wps) that must first be saved in the current format."""


class EncryptedFileError(NotAReportError):
    """A password-protected file: the user must remove the password and save again."""


class NoTextLayerError(NotAReportError):
    """A scanned PDF (pictures of pages, no text to read)."""


class WriteError(GovReportIOError):
    """The file could not be written; the previous file, if any, is intact."""


class FileLockedError(WriteError):
    """Another program (usually Excel or WPS) holds the file, or writing is not permitted."""


class DiskFullError(WriteError):
    pass


class UnsupportedFileError(GovReportIOError):
    """A file type the application does not read or write."""


class MissingComponentError(UnsupportedFileError):
    """A file type the application supports, but a library it needs cannot be imported (an
    incomplete installation): the message names the library, so support staff know what broke."""

    def __init__(self, verb: str, suffix: str, component: str, path=None):
        super().__init__(f"无法{verb} {suffix}：缺少组件 {component}（安装不完整，请重新安装本软件）。", path)
        self.suffix = suffix
        self.component = component


def read_bytes(path: Path) -> bytes:
    """A file's bytes, with the OS's reasons turned into a ReadError the user can act on."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件“{path.name}”。", path) from None
    except IsADirectoryError:
        raise ReadError(f"“{path.name}”是文件夹，不是报告文件。", path) from None
    except PermissionError:
        raise ReadError(f"没有权限读取“{path.name}”，文件可能正被其他程序占用。", path) from None
    except OSError as e:
        raise ReadError(f"无法读取“{path.name}”：{e.strerror or e}。", path) from None
