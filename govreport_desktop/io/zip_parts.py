"""A small zip member decompressed straight from the package's bytes, its CRC checked.

The container check of every workbook decompresses all of its members (damage anywhere is
reported as damage). Through `zipfile` each member costs a file object, a header read and a
decompressor set-up: for the eighteen small parts of one of our workbooks that was half of the
check. This does the same for the common case — a stored or deflated, unencrypted member of at
most `limit` bytes — with the same checks zipfile makes (local header, name, size, CRC); any
other member returns None and goes through zipfile.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

_LOCAL = b"PK\x03\x04"
_UTF8_NAME = 0x800


def small_member(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None when zipfile should read it; raises zipfile.BadZipFile (or
    zlib.error) for a damaged member."""
    if (info.file_size > limit or info.flag_bits & 0x1
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
        return None
    off = info.header_offset
    head = data[off:off + 30]
    if len(head) < 30 or head[:4] != _LOCAL:
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    raw_name = data[off + 30:off + 30 + name_len]
    flags = struct.unpack_from("<H", head, 6)[0]
    if raw_name.decode("utf-8" if flags & _UTF8_NAME else "cp437", "replace") != info.orig_filename:
        raise zipfile.BadZipFile("member name differs from the directory")
    start = off + 30 + name_len + extra_len
    raw = data[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise zipfile.BadZipFile("truncated member")
    out = raw if info.compress_type == zipfile.ZIP_STORED else zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise zipfile.BadZipFile("damaged member")
    return out
