"""Small zip members read straight from the bytes equal zipfile's reading, and damage is damage."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from govreport_desktop.io import xlsx_write
from govreport_desktop.io.zip_parts import small_member


def test_every_member_of_our_workbook_reads_as_zipfile_reads_it(zhaohui):
    data = xlsx_write.encode(zhaohui)
    zf = zipfile.ZipFile(io.BytesIO(data))
    for info in zf.infolist():
        assert small_member(data, info, 1 << 22) == zf.read(info), info.filename


def test_stored_large_and_encrypted_members_are_left_to_zipfile():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("stored.xml", b"<a/>" * 10)
        z.writestr("big.xml", b"x" * 5000, compress_type=zipfile.ZIP_DEFLATED)
    data = buf.getvalue()
    infos = {i.filename: i for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert small_member(data, infos["stored.xml"], 4096) == b"<a/>" * 10
    assert small_member(data, infos["big.xml"], 4096) is None
    infos["stored.xml"].flag_bits |= 0x1
    assert small_member(data, infos["stored.xml"], 4096) is None


@pytest.mark.parametrize("damage", ["flip", "truncate", "header"])
def test_a_damaged_member_is_reported(zhaohui, damage):
    data = bytearray(xlsx_write.encode(zhaohui))
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()
                if i.compress_type == zipfile.ZIP_DEFLATED and i.compress_size > 200)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if damage == "flip":
        data[start + 40] ^= 0xFF
    elif damage == "truncate":
        data = data[:start + 10]
    else:
        data[info.header_offset] = ord("Q")
    with pytest.raises((zipfile.BadZipFile, zlib.error)):
        small_member(bytes(data), info, 1 << 22)
