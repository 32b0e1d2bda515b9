"""Bad files and failed saves: clear Chinese messages, never a traceback, the report untouched.
Also .xls (read with python-calamine) and the zip-bomb guard."""

from __future__ import annotations

import base64
import errno
import io
import os
import zipfile
import zlib

import openpyxl
import pytest

from govreport_desktop import cli
from govreport_desktop.core.report import Report
from govreport_desktop.io import files, jsondoc, xlsx_read, xlsx_write
from govreport_desktop.io.errors import (DiskFullError, FileLockedError, GovReportIOError, NotAReportError,
                                         ReadError, WriteError)

# tests/test_xlsx_import.py's hand-made 2021 workbook, saved as .xls (BIFF8) by LibreOffice,
# compressed and base64-encoded so that CI needs no office suite.
FOREIGN_XLS = """
eNrtWg1wVNUVvm//8t7+ZfOfJgES/vK3STYJhiQICUQRBF/cbEQxEJJdlwWzhEhiIARjUnAK3SAyas1YqqaDjm1nlI5TrdY/
ZrQqUwYcB6eW2oIztFZbm1pbqy1szznv7mbf+nCSxenYlrfz3n3nu+d+5/6ce9+5b9/JEylnxn+cc5bFHYuYnl0IS8wUgwlw
ZkYEB2NpHLsQDocjcPjy8V91nOepHsbOAKcRThzzJDhFOCU4zXBa4LTCaYPTDmey4gIsBc5U7gN4ZvD7LJ5ePr7eRwvbCr8+
ls+uZt2QbmMDbDpHJnhMLN9UylyYot5Uj8v2E7cviTCLTUb2M9svcMrT3D/LdOyI4ShcGXsPznWsB9eGps6gL/8/dSyjOnQK
WIeX4SGzGO4EdghQO3uS0OfpuphWHzgaWX4tf0rdpGukuu+n62y62hmWf4bK/IqQSjaT/ZpWuXvwIaYTWJLQxDpZkG1mXpgH
m0Ejh72O/XsnaeDqKCylHNS6tFyXyjaspYJM83ArzEQP6HSzXrhrYteyVYQ0sZkGKzuM6/I1/m7/ts7gGZYORQ+zv4XzY8b2
5XzEkZTwT6aG66aJs/87/DD0nVY/lyr6E/F48UVw50XwkovgkiZujNSn6CK4qIWDcvZF2hXDc68O5vowC2PqGNZTmjJsojR1
2EBp2nASpenDxnAHzam7IDpowOAAJlJf+6PeUVgxBPgdFUQ4GWvdL7AP2c0YN0y0kCXTBFXGQO5Pnhl7VjPLBM7sl6ApIhsR
IA4RXxYa4drIZv7FoUQiIkQkIkQa4qcwgf7FlosBwFfBmcskPdsS+M16XfvJwMnAjXs99zzUEpINa6tg4lXB9Otrb/Afaj/b
vLUj6GYbzq1f19zX/hhU+9pWDIHMtGAYYTEUmCy4FnV4ml/t+Im7iklWNslgDTuJ+XBo1vaK/YMbzK7OQKjZ4tK5nIEIW5nc
6M1q6fF3+347NB6aFbj+O/XyJEMlEwOV7Jz/ryOVgIiBaoaSzqX0i5EVQDoP0vmQFkKKo1QMaSmkZZCWQ+qCNIkJYpjJUniR
/HgLNsjKhFGsOBcjbcVGSEwyMufgqLzU0xlwDgKlXMwGxrDZSuxn5LGfEUcQS93lfrYNLGCjalre9JjZ3+Uev0kBHm73dnHx
SO/qvVJghR9FWGtf2XdmpxET/e7Cjm8BamGSAVoJ7Qz3u8vkj5q/H6pkNUAm0cNIxw1LkIIDVEhgIFpLMXwfqA2MiYpVw1pT
31PuB9t6/CcOQiVX723w/zT0Z09ckS1uLMLzDWtvvpPf1m+oaYlT7SJVG5NMjJrpr9v/5sHvjRWxGzzXNdezJLnJXUzBsRIa
G3lYbKSQOEmhDck5cmEHFnUwQYLer/G7WkZbsa6xvlZ9+6ehVzvM6KBo6jY3qiF4BXQFDv1k/89mUhKMuTOgeNCe/gsti3f2
uv+5q16uhyFk8sDYIy3YjIGxVfJoq5OtHLxbdg5KHD+9RsGL+WPRyIN4I8vggVsBtUlA68/J6Bx6JnwwUnPbczK06VTwOTnT
2+9+W35l6LUhGNFFHeMh0F5+Q45sZkJzjgzCmwPpO8ysPrAnAB6wZCCnOeg+1o/6JiQIbbAFxlswF4ojk0OZUNjwI/4af3y/
4Hg6FNc1y33tbw0FD2ipRN19r3xOxow89GkxPArQ+/eYyOXFcL3H1IKdv6ffyT7wjIfeOcCojU5mk8dDWJtXO7wb0PmMfFdj
pBUxIzKhJKCzyXvJgsgkHUxOwdW+7m75/Jqn23458PO2SLfaMbMKZiOSYqvRHU4FX9k3MuDtwtIR/7aiYjUo3uY55rG6JHlf
2yY3k6t3Pthmc0WULKi0AJTebT7sxdF81i+2ngo2BY71q3iuABWsjSQP7sIpGpLHW7CnVDw1XOn0msFdrx2w7CzsiFUxo8pC
roKVDnhPBVds2u5RKdTGKJwLvBcKybhcRGYsdNTpNVL4DDT4pO+7zXalo8rBa+sDvW6bPOo76/tHf687MpCRktFOGw9KgSO9
Di9lPjCy73ee1XtrWtY1RxRtkU7z7/V12VvRCbC5x2WbbN/YvUNVk/v4kOG4WyI1Odv8UmiJ/Kj3fu8bocFdWD5SxhSpw/GD
trWxGZaIzZF9y6hZOIqfu1ds27xNVS0cpjN+X5dng6mv8vbCtScOHveomdIjQ4VMtPpAr3TvOBzK9B4/eMT/uXu7++P1z+x+
2xPbN9QWXL7QobAtRgT0uMDDHLQw4fQawYWzwyLjg+b3Q38aeqjF1JemZMROGbRoW/tESHDh3Ruh50M4BfhCiBn8FnPg9q2h
Q4FPhgQfv31kyNdlUGYuinCbs64kMN721hAsxCWBE0PI8En/o77t+9/ApQFFeysKGUx4P5gT/qJ5nL+lrWaqN7YAZTsT7oMp
f1Nb0Y17+hfJI/s+un9s7Jinz1/n/6HvBX8mrpVMrtiIsM5lkZns76rznz6gcymPUhc8SjHv4/VYRFlDLfSOAlNhi1twYRPQ
ufCZvKcfPdiqPEoeay8J1PiV7seertuvc4XB71extw3KGw+fmAHnZOSXwVOdObp9cqi2T1YYw1vAOG44Uii4ccByXtaU9+F7
NTkNGwgfnozQ2DwMuJhTGIGco4YSKlFK12+Sbjo3upuwPXSdHy3/fkNhzH1R9H6ioTjmfhwfJlArRkGZDqw5hWyraffRjjMN
kVRgN0COyO6gZjPh22Iyb6mdbC6j0hh6iToH1cwCPMrDJZkwA+eOxYwamEkDS9LARFpe1ZikgZk1MIsGZtXAbBoYOCTTx2HJ
GnoODSxFo2yqBpamUTZdA8vQKJul0VfZGliOxhjlamB5GtgMDWxWHHYeeh79QJkSL0IddPDL+MLPTJroHZkU3J+n2EmgOaJI
JsrTcymJJAOXRLJgJAtWkCIWDJQrka6J60qQm0UBlCLpIU+MSgaQJC6ZqRzO4Reg3tgOpTaxV8WChTQtvJyFNK1RSQ8Shg9D
OpQMIO3keVaqt53X2xpXb5uq3jbKTSZdlPQxmnbSdHAbdrJfxcslk40UbiM5zoZDZcOhsuFQ2UghzVRuI4Vs2Hm5VMpL43mp
0Z7CvDSyn87tp8XZT1fZT+e5iv10lf0M0sQ/F/Sw2mSQjTmnPxu69fUnGzE/i/KzOFM2SdlcQi/PZt/gvDlQNht+ep5nALYc
ykuF1Bjnl1jrXCo/WSaXyuRy9lwqk0cMdpBM0dISz8faz+D5eVGuSMvyoHwWm8nZ8qB8FsyjiJQE7ciPSiJIBVFJAmk2TjSd
CSS0gvgM6vE5vLUzeJ/qwYtdIKH/pZL/muJ8WX3NpP0L8s0ivrmcb5aKbxbx6b6UafJqpjUiH+7j140CDWy2BjZHA5urgc3T
wOZrYIUaWJEGVqyBlWhgpRqYUwMr08DKNbAKDcylgVVqYFUaWLUGtkBjHV+o8ayopWe7GqvTwOo1sEUa2JUaNpZoYA1xGPpk
PnnhPO77+bRSoD/mkz/ap+DfqVH/LiCu+ZyrIMpVME3fRi702UzwKsYlXPuL6AniAmn6fHNUfHOIr5jzzUmAb66Kby7xlXC+
uQnwzVPxzSO+Us43LwG++Sq++cTn5HzzE+ArVPEVEl8Z5ytMgK9IxVdEfOWcrygBvmIVXzHxVXC+4gT4SojPxflKiK+S85UQ
n2kKfKYoX6mKr5T4qjhfaQL1c6r4nMRXzfmcCfCVEd8CzldGfFdwvrIE+MpVfOXEV8P5yhPgq1DxVRDfQs5XkQCfS8XnIr5a
zudKgK9SxVdJfHWcrzIBvipaS+v5WloVXUurEuCqJq5FnKs6ylWdQAyzgGKYK3kMs0AVwyxIoG4LKb5czPutltiX8AivNmaH
Y+T5GBM28B1QLcR0X9wBKc+1OmJq5Lx1xLQ0KmEPLItKGIM2RSUjjzEVCe1dxetTF2PPzPMtcH91NN8aU4sXmfIEz4hrQz1w
ZkZrVk9x6dKohHHpsqiEcWlTVDKDNCMqWVQsVhWLTcViV7Ekc5YXWAdFE1pjryDmKY7kxa9o8Uoa4eXc/hKSruFSA0kr+HuO
Ro2YZalGzNJIpVZyjqUkXQvSOfYBRem4TzbTn1kCjK2VdocG6BPc+aGHJpPsoF2aAXZSaSSn067JADuXPHoPkEM7Gtx15EFq
gDSX/o3IpR0C7gdmkN4siuv1EDFhLKWHaKeA0iqaw3qYZdWULqC5owevraV3D7XkzbhK1NObIkyx7pjq4Ycp2sUU/zCqI280
U2qBcn9k12M/T6xQ3npNiPzvPNzMJzP9hItGwDBRRLg04dD4PEHHzFQOy+Cuf4kulT1tUv7jZzByt5DWDOSb/C4Nj4CYBWcs
kRD5JMLMLh+ahxDz7Vbs918oR77/uvwd1//uIcDo6s3KN0QOUad8A6C4xnJ8BXLdZt+2rb1bN/blX73D5w/m1y0sa+30+oNB
P7nJss0bN9Zeov/pLqX8hTCjxVjLr8/c9fDHnzVvcvzooMhKC596BxefMf5to8CXE/T5FdzP1/GFYhP/3rGPf/M4zL97HFU+
1WF/OM/ohQ6W2drj7+4Z2BFEmzN5votzR474++Ef7Kl85I53hdj7r7r9iOhOHT91qDzXce8D0H7nZ09gyGCMw7DN2THfXThi
2rgaX8dxvnyeX8vzG7ms4321tKdnjX9b7+at3eo+wv6tLq+8vNB+TY+v8vtP8p+4NUSrDL4uHuYueyNY38a6mJfq0TXt+qdS
eKL42VS/f0T9D/Mj60QT2N3Celgz1OHWhOzrY77BnGq5ldF1qpkFmT/h8cM/Lqb7/aeOjwF9lcg87HZo/xbWSWO/ErxgI40J
In1sM9x3fwlXEbdvnEb/Y3+9HrV/FVjwUR385IHTq09tAu3H9f/xy9//0vFv6/SrhA==
"""


def test_xls_is_read_like_the_xlsx(tmp_path):
    from test_xlsx_import import build_foreign_2021

    xls = tmp_path / "旧格式.xls"
    xls.write_bytes(zlib.decompress(base64.b64decode("".join(FOREIGN_XLS.split()))))
    xlsx = tmp_path / "新格式.xlsx"
    build_foreign_2021(xlsx)
    a, b = files.open_report(xls), files.open_report(xlsx)
    assert a.report.cells == b.report.cells
    assert a.report.sections == b.report.sections and a.report.title == b.report.title
    assert [p.id for p in a.findings] == [p.id for p in b.findings]
    assert a.report.cells["t1.normative.issued"] == 22


def test_xls_cannot_be_written(tmp_path, zhaohui):
    with pytest.raises(GovReportIOError) as e:
        files.save_report(zhaohui, tmp_path / "x.xls")
    assert "不支持保存" in str(e.value)


# ---------------------------------------------------------------- saving


def test_save_replaces_and_keeps_a_backup(zhaohui, tmp_path):
    path = tmp_path / "报告.xlsx"
    files.save_report(zhaohui, path)
    first = path.read_bytes()
    changed = zhaohui.copy()
    changed.cells["t2.R1.C1"] = 9
    files.save_report(changed, path)
    assert files.backup_path(path).read_bytes() == first
    assert files.open_report(path).report.cells["t2.R1.C1"] == 9
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_file_locked_by_excel(zhaohui, tmp_path, monkeypatch):
    path = tmp_path / "报告.xlsx"
    files.save_report(zhaohui, path)
    before = path.read_bytes()
    snapshot = jsondoc.to_dict(zhaohui)

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileLockedError) as e:
        files.save_report(zhaohui, path)
    assert "正被 Excel 或 WPS 打开" in str(e.value) and "当前内容未丢失" in str(e.value)
    assert path.read_bytes() == before
    assert jsondoc.to_dict(zhaohui) == snapshot
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_folder_that_cannot_be_written(zhaohui, tmp_path):
    # Tests may run as root, for whom chmod does not block writing: a "folder" that is a file
    # fails for everyone.
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    with pytest.raises(WriteError) as e:
        files.save_report(zhaohui, blocker / "报告.xlsx")
    assert "无法保存" in str(e.value)


def test_read_only_folder(zhaohui, tmp_path, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(FileLockedError) as e:
        files.save_report(zhaohui, tmp_path / "新报告.xlsx")
    assert "该文件夹不可写" in str(e.value)


def test_disk_full(zhaohui, tmp_path, monkeypatch):
    path = tmp_path / "报告.xlsx"
    real_fdopen = os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, fd):
            self.f = real_fdopen(fd, "wb")

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r": Full(fd))
    with pytest.raises(DiskFullError) as e:
        files.save_report(zhaohui, path)
    assert "磁盘空间不足" in str(e.value)
    assert not path.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- opening bad files


def _open_message(path) -> str:
    with pytest.raises(ReadError) as e:
        files.open_report(path)
    msg = str(e.value)
    assert msg and all(word not in msg for word in ("Traceback", "Error:", "zipfile"))
    return msg


def test_corrupt_xlsx(tmp_path, zhaohui):
    good = xlsx_write.encode(zhaohui)
    path = tmp_path / "坏.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "损坏" in _open_message(path)
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    assert "损坏" in _open_message(path)


def test_random_bytes_and_empty_file(tmp_path):
    path = tmp_path / "乱码.xlsx"
    path.write_bytes(os.urandom(4096))
    assert "不是 Excel 工作簿" in _open_message(path)
    path.write_bytes(b"")
    assert "空文件" in _open_message(path)


def test_html_saved_as_xls(tmp_path):
    path = tmp_path / "网页.xls"
    path.write_text("<html><body><table><tr><td>规章</td></tr></table></body></html>", encoding="utf-8")
    assert "网页" in _open_message(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "不是 Excel 工作簿" in _open_message(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    called = []
    monkeypatch.setattr(xlsx_read, "grids_calamine", lambda data: called.append(1) or [])
    assert "恶意文件" in _open_message(path)
    assert not called


def test_zip_lying_about_sizes_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_read, "MAX_TOTAL", 1024 * 1024)
    monkeypatch.setattr(xlsx_read, "MAX_MEMBER", 10 ** 12)
    path = tmp_path / "假.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("a.xml", b"a" * (3 * 1024 * 1024))
    assert "恶意文件" in _open_message(path)


def test_xml_entities_are_not_expanded(tmp_path, zhaohui):
    """A billion-laughs DOCTYPE inside a sheet must not be expanded (nor crash the app)."""
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx_write.encode(zhaohui))
    evil = tmp_path / "evil.xlsx"
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
           '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(evil, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if data.startswith(b"<?xml"):
                    data = data.split(b"?>", 1)[1]
                data = lol.encode() + data.replace(b"<t>", b"<t>&lol3;", 1)
            zout.writestr(item, data)
    for backend in ("calamine", "openpyxl"):
        try:
            loaded = xlsx_read.read(evil, backend=backend)
        except ReadError as e:
            assert "lol" not in str(e)
        else:
            assert "lollollol" not in jsondoc.dumps(loaded.report)


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "加密.xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500
    path.write_bytes(ole)
    assert "密码" in _open_message(path)


def test_hidden_data_damaged(tmp_path, zhaohui):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(zhaohui)))
    wb[xlsx_write.META_SHEET]["A2"] = "{not json"
    path = tmp_path / "d.xlsx"
    wb.save(path)
    assert "隐藏数据已损坏" in _open_message(path)


def test_newer_version_workbook(tmp_path, zhaohui):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_write.encode(zhaohui)))
    wb[xlsx_write.META_SHEET]["A1"] = "govreport-xlsx/9"
    path = tmp_path / "n.xlsx"
    wb.save(path)
    assert "更新版本" in _open_message(path)


def test_cli_reports_bad_file_in_one_line(tmp_path, capsys):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    assert cli.main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport: ") and "Traceback" not in err and err.count("\n") == 1


def test_cli_convert_both_directions(tmp_path, zhaohui):
    src = tmp_path / "a.json"
    src.write_bytes(jsondoc.encode(zhaohui))
    assert cli.main(["convert", str(src), str(tmp_path / "b.xlsx")]) == 0
    assert cli.main(["convert", str(tmp_path / "b.xlsx"), str(tmp_path / "c.json")]) == 0
    assert jsondoc.read(tmp_path / "c.json").cells == zhaohui.cells
    assert cli.main(["check", "--json", str(tmp_path / "b.xlsx")]) in (0, 1)


def test_report_in_memory_untouched_by_save(tmp_path, zhaohui):
    before = jsondoc.to_dict(zhaohui)
    r: Report = zhaohui
    files.save_report(r, tmp_path / "x.xlsx")
    assert jsondoc.to_dict(r) == before
    assert isinstance(NotAReportError("x"), ReadError)
