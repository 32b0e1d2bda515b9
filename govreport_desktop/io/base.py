"""What every reader and writer shares: `Loaded`, the `Reader`/`Encoder` types, and the registry
of file types by suffix.

The registry is a table of declarations — suffix, the Chinese name shown in file dialogs, and the
module and function that do the work — so this module imports none of them: a provider module is
imported the first time its file type is used (start-up does not pay for Excel, Word or PDF
libraries), and nothing under `io/` has to import this module's users back (no cycles).

A provider that cannot be imported because a library is missing is not silently dropped: the
failure is logged, and using that file type raises `MissingComponentError` naming the library
(“无法打开 .xlsx：缺少组件 python-calamine（安装不完整，请重新安装本软件）”). A provider module of
this package that is absent altogether (a file type not built yet) counts as unsupported.

Adding a file type is one `declare(...)` line below (or in `io/export/` for exporters).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..core.report import Report
from .errors import MissingComponentError

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """A report read from a file, with what the importer noticed (import-only problems)."""

    report: Report
    findings: list = field(default_factory=list)   # core.rules.Problem (S03–S05, V03 …)
    notices: list[str] = field(default_factory=list)  # plain sentences for the user
    # True when the report was assembled from another file's labels (Word, PDF, web page, text,
    # another unit's workbook): the window opens it as a new, unsaved report, never over the file
    imported: bool = False


Reader = Callable[[Path], Loaded]
# An encoder gives the file's bytes and sentences for the user about what the file type could
# not hold as it was (e.g. control characters left out of visible Excel cells).
Encoder = Callable[[Report], tuple[bytes, list[str]]]

_PACKAGE = __name__.rsplit(".", 2)[0]           # "govreport_desktop"

# Import name → the name the library is installed under, for messages people can act on.
_DISTRIBUTIONS = {
    "python_calamine": "python-calamine", "docx": "python-docx", "PIL": "Pillow",
    "et_xmlfile": "et-xmlfile", "fpdf": "fpdf2", "yaml": "PyYAML",
}


@dataclass(frozen=True)
class FileType:
    """One declared file type: where its function lives and what it needs."""

    suffix: str                 # ".xlsx", lower case with the dot
    name: str                   # Chinese name for file dialogs: “Excel 工作簿”
    module: str                 # absolute module name, imported on first use
    attr: str                   # the function in that module
    needs: tuple[str, ...] = ()  # libraries it needs (named in the message when an import fails)


class Registry(MutableMapping):
    """Suffix → function. Declared entries are imported on first use; `registry[suffix] = fn`
    adds a function directly (tests, plug-ins) and wins over a declaration."""

    def __init__(self, verb: str):
        self.verb = verb                     # “打开” / “保存为” / “导出为”, for messages
        self.declared: dict[str, FileType] = {}
        self._direct: dict[str, Callable] = {}
        self._logged: set[tuple[str, str]] = set()

    def declare(self, suffix: str, name: str, module: str, attr: str, needs: tuple[str, ...] = ()) -> None:
        """`module` may be relative to this package's `io` (".xlsx_read", ".export.pdf")."""
        if module.startswith("."):
            module = f"{_PACKAGE}.io{module}"
        self.declared[suffix.lower()] = FileType(suffix.lower(), name, module, attr, tuple(needs))

    # -------------------------------------------------------- the mapping

    def __getitem__(self, suffix: str) -> Callable:
        fn = self.resolve(suffix)
        if fn is None:
            raise KeyError(suffix)
        return fn

    def __setitem__(self, suffix: str, fn: Callable) -> None:
        self._direct[suffix.lower()] = fn

    def __delitem__(self, suffix: str) -> None:
        suffix = suffix.lower()
        if suffix in self._direct:
            del self._direct[suffix]
        else:
            del self.declared[suffix]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(self._direct) | set(self.declared)))

    def __len__(self) -> int:
        return len(set(self._direct) | set(self.declared))

    def registered_here(self, suffix: str) -> bool:
        """True when the function for `suffix` was added directly in this process (a test, a
        plug-in), not declared: another process (the reading worker) would not know it."""
        return suffix.lower() in self._direct

    def __contains__(self, suffix) -> bool:
        return isinstance(suffix, str) and (suffix.lower() in self._direct or suffix.lower() in self.declared)

    # -------------------------------------------------------- lookup

    def resolve(self, suffix: str, path: Path | None = None) -> Callable | None:
        """The function for a suffix; None when the type is not supported (not declared, or its
        module is not part of this build). Raises MissingComponentError when a library is missing."""
        suffix = suffix.lower()
        if suffix in self._direct:
            return self._direct[suffix]
        ft = self.declared.get(suffix)
        if ft is None:
            return None
        try:
            module = importlib.import_module(ft.module)
        except ImportError as e:
            if _own(e):
                self._log(suffix, f"{ft.module} is not part of this build", logging.INFO)
                return None
            component = component_of(e, ft.needs)
            self._log(suffix, f"{ft.module} cannot be imported: {type(e).__name__}: {e}")
            raise MissingComponentError(self.verb, suffix, component, path) from e
        return getattr(module, ft.attr)

    def missing(self, suffix: str, error: ImportError, path: Path | None = None) -> MissingComponentError:
        """The error for a library the function itself failed to import while running."""
        ft = self.declared.get(suffix.lower())
        log.warning("cannot %s %s: a library failed to import: %s: %s", self.verb, suffix, type(error).__name__, error)
        return MissingComponentError(self.verb, suffix.lower(), component_of(error, ft.needs if ft else ()), path)

    def available(self) -> list[str]:
        """The suffixes whose provider imports now (importing it), sorted."""
        out = []
        for suffix in self:
            try:
                if self.resolve(suffix) is not None:
                    out.append(suffix)
            except MissingComponentError:
                pass
        return out

    def name(self, suffix: str) -> str:
        ft = self.declared.get(suffix.lower())
        return ft.name if ft else f"{suffix.lstrip('.').upper()} 文件"

    def filters(self, suffixes) -> str:
        """File-dialog filters for these suffixes, one per file-type name in declaration order:
        “Excel 工作簿 (*.xlsx *.xls);;JSON 文档 (*.json)”."""
        wanted = [s.lower() for s in suffixes]
        order = [s for s in self.declared if s in wanted] + [s for s in wanted if s not in self.declared]
        groups: dict[str, list[str]] = {}
        for s in order:
            groups.setdefault(self.name(s), []).append(f"*{s}")
        return ";;".join(f"{name} ({' '.join(globs)})" for name, globs in groups.items())

    def _log(self, suffix: str, what: str, level: int = logging.WARNING) -> None:
        if (suffix, what) not in self._logged:   # once: available() runs on every drag-over
            self._logged.add((suffix, what))
            log.log(level, "cannot %s %s: %s", self.verb, suffix, what)


def _own(e: ImportError) -> bool:
    """True when the module that is missing is one of this package's (a type not built yet)."""
    return isinstance(e, ModuleNotFoundError) and (e.name or "").startswith(_PACKAGE + ".")


def component_of(e: ImportError, needs: tuple[str, ...] = ()) -> str:
    """The library an ImportError is about, as it is installed (python-calamine, not python_calamine)."""
    top = (e.name or "").split(".")[0]
    if top and top != _PACKAGE:
        return _DISTRIBUTIONS.get(top, top)
    return "、".join(needs) or str(e)


# ---------------------------------------------------------------- the file types

READERS = Registry("打开")
WRITERS = Registry("保存为")

# In the order file dialogs list them.
READERS.declare(".xlsx", "Excel 工作簿", ".xlsx_read", "read", needs=("python-calamine",))
READERS.declare(".xls", "Excel 工作簿", ".xlsx_read", "read", needs=("python-calamine",))
READERS.declare(".json", "JSON 文档", ".files", "read_json")
WRITERS.declare(".xlsx", "Excel 工作簿", ".xlsx_write", "encode_with_notices", needs=("openpyxl",))
WRITERS.declare(".json", "JSON 文档", ".files", "encode_json")
# Published reports (each module: read(path) -> Loaded through io/tables.py).
READERS.declare(".docx", "Word 文档", ".docx_read", "read")
READERS.declare(".pdf", "PDF 文件", ".pdf_read", "read")
READERS.declare(".html", "网页", ".html_read", "read")
READERS.declare(".htm", "网页", ".html_read", "read")
READERS.declare(".shtml", "网页", ".html_read", "read")
# old binary Word files: read only to tell the user to save them as .docx
READERS.declare(".doc", "Word 文档", ".docx_read", "read")
READERS.declare(".txt", "文本文件", ".text_read", "read")
READERS.declare(".md", "文本文件", ".text_read", "read")
