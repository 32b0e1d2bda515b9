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


class CorruptFileError(NotAReportError):
    """The file's bytes are damaged: broken compression, truncated, unreadable structure."""


class ReaderCrashedError(ReadError):
    """The separate reading process ended without an answer (abort, signal, out of memory)."""


class ReadTimeoutError(ReadError):
    """Reading took longer than the time limit and was stopped."""


def read_failure(exc: BaseException, name: str, path: str | Path | None = None) -> ReadError:
    """The typed error, with one Chinese sentence, for anything a reader raised.

    Readers map what they expect; this is the net under them for what native libraries and
    the standard library raise on damaged input: zlib.error and BadZipFile from a damaged
    zip, NotImplementedError from an unknown zip version or compression method, struct.error
    and IndexError from truncated records, and pyo3's PanicException, which is a
    BaseException and passes every `except Exception`.
    """
    import struct
    import zipfile
    import zlib

    if isinstance(exc, ReadError):
        if exc.path is None and path is not None:
            exc.path = Path(path)
        return exc
    if isinstance(exc, GovReportIOError):
        return ReadError(exc.message, path)
    kind = type(exc).__name__
    if isinstance(exc, (zlib.error, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError)):
        return CorruptFileError(f"“{name}”已损坏或不完整（压缩数据有误），无法读取。", path)
    if isinstance(exc, NotImplementedError):
        return CorruptFileError(f"“{name}”使用了本软件不支持的压缩方式或版本，无法读取。"
                                "请在 Excel 或 WPS 中打开后另存为 .xlsx，再打开。", path)
    if isinstance(exc, MemoryError):
        return CorruptFileError(f"读取“{name}”所需内存过多，文件可能已损坏或格式异常，已停止读取。", path)
    if isinstance(exc, RecursionError):
        return CorruptFileError(f"“{name}”的结构嵌套过深，文件可能已损坏，无法读取。", path)
    if isinstance(exc, UnicodeError):
        return CorruptFileError(f"“{name}”中的文字编码有误，文件可能已损坏，无法读取。", path)
    if isinstance(exc, struct.error) or kind == "PanicException" or not isinstance(exc, Exception):
        return CorruptFileError(f"“{name}”已损坏或格式异常，读取组件无法处理（{kind}）。", path)
    return CorruptFileError(f"“{name}”已损坏或格式异常，无法识别其中的内容（{kind}）。", path)
