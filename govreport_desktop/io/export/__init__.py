"""Publication: the report as a document to publish or print (Word, web page, PDF) — never “Save”.

An exporter is a function `encode(report, *, problems=None) -> (bytes, notices)`, like the
encoders of io/base.py; `problems` are the checker's findings for exporters that print them.
Exporters are declared below by suffix, with the Chinese name for file dialogs and the module that
provides them, and imported on first use (their libraries cost start-up nothing).

`export(report, path)` writes the bytes through the same atomic write and typed Chinese errors as
saving (io/files.py), without a backup copy (an export can be made again at any time), and never
touches the report: the document's file and its unsaved state stay as they were. It also refuses
to write over a file of a type the application saves reports in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ...core.report import Report
from ..base import WRITERS, Registry
from ..errors import UnsupportedFileError, WriteError
from ..files import atomic_write

Exporter = Callable[..., tuple[bytes, list[str]]]     # (report, *, problems=None) -> (bytes, notices)

EXPORTERS = Registry("导出为")
EXPORTERS.declare(".docx", "Word 文档", ".export.docx", "encode", needs=("python-docx",))
EXPORTERS.declare(".pdf", "PDF 文件", ".export.pdf", "encode", needs=("reportlab",))
EXPORTERS.declare(".html", "网页", ".export.webpage", "encode")


def exportable() -> list[str]:
    """The suffixes the application can export to now (imports their exporters)."""
    return EXPORTERS.available()


def export(report: Report, path: str | Path, kind: str | None = None, *, problems=None) -> list[str]:
    """Write `report` as a publication to `path`; `kind` is the exporter's suffix when it is not
    the path's own. Returns the notices the user should read."""
    path = Path(path)
    suffix = (kind or path.suffix).lower()
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    exporter = EXPORTERS.resolve(suffix, path)
    if exporter is None:
        kinds = "、".join(exportable()) or "（无）"
        raise UnsupportedFileError(f"不支持导出为“{suffix or '无扩展名'}”文件，可导出为：{kinds}。", path)
    if path.suffix.lower() in WRITERS and path.suffix.lower() != suffix:
        raise WriteError(f"未导出：“{path.name}”是报告文件的类型，导出不会覆盖报告文件。"
                         f"请使用扩展名 {suffix}。", path)
    try:
        data, notices = exporter(report, problems=problems)
    except ImportError as e:             # a library the exporter imports only when it runs
        raise EXPORTERS.missing(suffix, e, path) from e
    atomic_write(path, data, backup=False)
    return notices
