"""Test helper: a workbook package with some of its members changed, renamed or added."""

from __future__ import annotations

import io
import zipfile
from typing import Callable


def repacked(data: bytes, changes: dict[str, Callable[[bytes], bytes]] | None = None,
             renames: dict[str, str] | None = None, added: dict[str, bytes | str] | None = None) -> bytes:
    """`data` with `changes[name](body)` applied, members renamed and `added` written after."""
    src = zipfile.ZipFile(io.BytesIO(data))
    changes, renames = changes or {}, renames or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in changes:
                body = changes[info.filename](body)
            z.writestr(renames.get(info.filename, info.filename), body)
        for name, body in (added or {}).items():
            z.writestr(name, body)
    return out.getvalue()
