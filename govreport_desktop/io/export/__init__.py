"""Publication: the report as a document to publish or print (Word, web page, PDF) — never “Save”.

An exporter is a function `encode(report, *, problems=None) -> (bytes, notices)`, like the
encoders of io/base.py; `problems` are the checker's findings for exporters that print them.
Exporters are declared below by suffix, with the Chinese name for file dialogs and the module that
provides them, and imported on first use (their libraries cost start-up nothing).

The 审核情况说明 (review.py) is a document of its own in Word or PDF: `REVIEW_EXPORTERS`, used by
`export(..., review=True)`.

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

REVIEW_EXPORTERS = Registry("导出审核情况说明为")
REVIEW_EXPORTERS.declare(".docx", "Word 文档", ".export.docx", "encode_review", needs=("python-docx",))
REVIEW_EXPORTERS.declare(".pdf", "PDF 文件", ".export.pdf", "encode_review", needs=("reportlab",))


def exportable() -> list[str]:
    """The suffixes the application can export to now (imports their exporters)."""
    return EXPORTERS.available()


def export(report: Report, path: str | Path, kind: str | None = None, *, problems=None,
           review: bool = False) -> list[str]:
    """Write `report` as a publication to `path` (`review`: its 审核情况说明 instead); `kind` is
    the exporter's suffix when it is not the path's own. Returns the notices the user should read."""
    path = Path(path)
    suffix = (kind or path.suffix).lower()
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    registry = REVIEW_EXPORTERS if review else EXPORTERS
    exporter = registry.resolve(suffix, path)
    if exporter is None:
        kinds = "、".join(registry.available()) or "（无）"
        what = "将审核情况说明" if review else ""
        raise UnsupportedFileError(f"不支持{what}导出为“{suffix or '无扩展名'}”文件，可导出为：{kinds}。", path)
    if path.suffix.lower() in WRITERS and path.suffix.lower() != suffix:
        raise WriteError(f"未导出：“{path.name}”是报告文件的类型，导出不会覆盖报告文件。"
                         f"请使用扩展名 {suffix}。", path)
    try:
        data, notices = exporter(report, problems=problems)
    except ImportError as e:             # a library the exporter imports only when it runs
        raise registry.missing(suffix, e, path) from e
    atomic_write(path, data, backup=False)
    return notices
