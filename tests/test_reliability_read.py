"""Issue 11, reading: the six reproductions each give one Chinese line and the files after
them are still checked; the reader boundary contains panics, aborts, hangs and memory hogs;
sheet ranges are refused before calamine allocates; JSON input is hardened."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import struct
import sys
import time
import zipfile
import zlib

import openpyxl
import pytest

from govreport_desktop import cli
from zip_edit import repacked
from govreport_desktop.io import jsondoc, limits, sandbox, xlsx_write
from govreport_desktop.io.errors import (CorruptFileError, NotAReportError, ReaderCrashedError, ReadError,
                                         ReadTimeoutError)

# ---------------------------------------------------------------- the reproductions


def run_check(capsys, *paths) -> tuple[int, list[dict], list[str]]:
    code = cli.main(["check", "--json", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err.splitlines()


def assert_one_chinese_line_then_good_checked(capsys, bad, good):
    code, records, err = run_check(capsys, bad, good)
    assert code == 2
    assert [r["ok"] for r in records] == [False, True]
    assert records[1]["file"] == str(good) and "problems" in records[1]
    assert len(err) == 1 and err[0].startswith("govreport: “") and bad.name in err[0]
    assert re.search("[\u4e00-\u9fff]", err[0]) and "内部错误" not in err[0] and "Traceback" not in err[0]
    return err[0]


@pytest.fixture
def good(tmp_path, zhaohui):
    path = tmp_path / "好.xlsx"
    path.write_bytes(xlsx_write.encode(zhaohui))
    return path


def sparse_workbook(path, far="XFD1048576", dimension=True):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.active[far] = 1
    wb.save(path)
    if not dimension:
        rewrite_member(path, "xl/worksheets/sheet1.xml", lambda b: re.sub(rb"<dimension[^>]*/>", b"", b))
    return path


def rewrite_member(path, name, change):
    path.write_bytes(repacked(path.read_bytes(), {name: change}))


def test_sparse_sheet_is_refused_before_calamine_allocates(tmp_path, good, capsys):
    # A1 and XFD1048576 made calamine ask for 549 755 813 888 bytes and abort the process.
    for name, dimension in (("稀疏.xlsx", True), ("稀疏无范围.xlsx", False)):
        bad = sparse_workbook(tmp_path / name, dimension=dimension)
        line = assert_one_chinese_line_then_good_checked(capsys, bad, good)
        assert "范围" in line or "行数过多" in line


def test_native_panic_is_one_line(tmp_path, good, capsys):
    from test_xlsx_safety import FOREIGN_XLS

    xls = zlib.decompress(base64.b64decode(FOREIGN_XLS))
    bad = tmp_path / "截断.xls"
    bad.write_bytes(xls[:11264])            # python-calamine 0.9.1 panics in its CFB reader here
    assert "损坏" in assert_one_chinese_line_then_good_checked(capsys, bad, good)
    single = sparse_workbook(tmp_path / "单格.xlsx", far="XFD1048576")     # panicked in to_python
    assert_one_chinese_line_then_good_checked(capsys, single, good)


def _deflated_member(data: bytes) -> zipfile.ZipInfo:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return next(i for i in zf.infolist() if i.compress_type == zipfile.ZIP_DEFLATED and i.compress_size > 200)


def test_damaged_compressed_data_is_one_line(tmp_path, good, capsys):
    data = bytearray(good.read_bytes())
    info = _deflated_member(bytes(data))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] ^= 0xFF                      # zlib.error: invalid distance too far back
    bad = tmp_path / "压缩损坏.xlsx"
    bad.write_bytes(bytes(data))
    assert "损坏" in assert_one_chinese_line_then_good_checked(capsys, bad, good)


def test_unknown_zip_version_is_one_line(tmp_path, good, capsys):
    data = bytearray(good.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd + 6:cd + 8] = struct.pack("<H", 99)     # NotImplementedError("zip file version 9.9")
    bad = tmp_path / "版本.xlsx"
    bad.write_bytes(bytes(data))
    assert "不支持" in assert_one_chinese_line_then_good_checked(capsys, bad, good)


def test_lone_surrogate_is_repaired_with_a_notice(tmp_path, zhaohui, capsys):
    doc = jsondoc.to_dict(zhaohui)
    doc["unit"] = "朝晖\ud800街道"
    src = tmp_path / "代理项.json"
    src.write_text(json.dumps(doc), encoding="ascii")          # written as the escape \\ud800
    for out in ("出.json", "出.xlsx"):
        assert cli.main(["convert", str(src), str(tmp_path / out)]) == 0
        err = capsys.readouterr().err.splitlines()
        assert any("代理项" in line for line in err)
        assert sandbox.load(tmp_path / out).report.unit == "朝晖\ufffd街道"


def test_310_digit_year_is_one_line(tmp_path, zhaohui, good, capsys):
    text = jsondoc.dumps(zhaohui).replace('"year": 2021', '"year": ' + "9" * 310)
    bad = tmp_path / "年度.json"
    bad.write_text(text, encoding="utf-8")
    line = assert_one_chinese_line_then_good_checked(capsys, bad, good)
    assert "年度" in line and "超出范围" in line and len(line) < 200


def test_many_bad_files_then_a_good_one(tmp_path, good, capsys):
    bad = [sparse_workbook(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", tmp_path / "c.json"]
    bad[1].write_bytes(b"PK\x03\x04" + os.urandom(500))
    bad[2].write_text("{", encoding="utf-8")
    code, records, err = run_check(capsys, *bad, good)
    assert code == 2 and [r["ok"] for r in records] == [False, False, False, True] and len(err) == 3


# ---------------------------------------------------------------- the boundary itself
# Readers run in the worker process: they must be importable module-level functions.

def _abort_on_request(path: str):
    name = os.path.basename(path)
    if name.startswith("abort"):
        os.abort()
    if name.startswith("panic"):
        raise _FakePanic("index out of bounds")
    return sandbox.read_here(path)


class _FakePanic(BaseException):      # like pyo3's PanicException: not an Exception
    pass


def _sleeps(path: str):
    time.sleep(30)


def _hogs(path: str):
    return bytearray(1 << 30)           # 1 GiB, above the worker's limit below


def test_aborting_reader_is_contained_and_the_next_file_reads(tmp_path, good):
    box = sandbox.Sandbox(reader=_abort_on_request)
    try:
        with pytest.raises(ReaderCrashedError) as e:
            box.load(tmp_path / "abort.xlsx")
        assert "读取进程意外退出" in str(e.value) and "abort.xlsx" in str(e.value)
        with pytest.raises(CorruptFileError) as e:
            box.load(tmp_path / "panic.xlsx")
        assert "_FakePanic" in str(e.value)
        assert box.load(good).report.unit                    # a fresh worker took over
    finally:
        box.close()


def test_hanging_reader_is_stopped_at_the_time_limit(tmp_path, good):
    box = sandbox.Sandbox(reader=_sleeps, timeout=1.0)
    try:
        box.start()
        t = time.perf_counter()
        with pytest.raises(ReadTimeoutError) as e:
            box.load(tmp_path / "慢.xlsx")
        assert time.perf_counter() - t < 15 and "超过 1 秒" in str(e.value)
        assert not box._alive()
    finally:
        box.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_memory_hog_meets_the_worker_limit(tmp_path):
    box = sandbox.Sandbox(reader=_hogs, memory=512 << 20)
    try:
        with pytest.raises(ReadError) as e:
            box.load(tmp_path / "大.xlsx")
        assert "内存" in str(e.value) or "意外退出" in str(e.value)
    finally:
        box.close()


def test_typed_errors_cross_the_process_boundary(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"<html><table></table></html>")
    with pytest.raises(NotAReportError) as e:
        sandbox.load(tmp_path / "x.xlsx")
    assert "网页" in str(e.value) and e.value.path == tmp_path / "x.xlsx"
    with pytest.raises(ReadError, match="找不到文件"):
        sandbox.load(tmp_path / "无.xlsx")


def test_closed_pipe_ends_quietly(tmp_path, zhaohui):
    import subprocess

    src = tmp_path / "r.json"
    src.write_text(jsondoc.dumps(zhaohui), encoding="utf-8")
    args = [sys.executable, "-m", "govreport_desktop.cli", "check", "--json"] + [str(src)] * 40
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    first = proc.stdout.readline()
    proc.stdout.close()                                       # like `| head -1`
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(60)
    assert json.loads(first)["ok"] is True
    assert "Traceback" not in err and "BrokenPipe" not in err and err.strip() == ""


# ---------------------------------------------------------------- ranges before allocation

def sheet(cells: str, dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0"?><worksheet xmlns="x">{dim}<sheetData>{cells}</sheetData></worksheet>').encode()


def test_scan_counts_valued_cells_like_calamine():
    xml = sheet('<row r="2"><c r="B2"><v>1</v></c><c r="C2" s="1"/><c><v>3</v></c></row>'
                '<row r="1048576" customHeight="1"/>'
                '<row r="9"><c r="D9" t="e"><v>#DIV/0!</v></c><c r="E9"><f>D9*2</f><v>0</v></c></row>')
    s = limits.scan_sheet(io.BytesIO(xml), "表")
    assert (s.rows, s.cols, s.cells) == (9, 5, 4)      # styled empty cell and empty row: no grid
    assert s.errors == ["D9"] and s.formulas == ["E9"]


def test_scan_is_the_same_in_tiny_chunks(monkeypatch):
    xml = sheet("".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r}</v></c><c r="K{r}"><f>A1</f><v>2</v></c></row>'
                        for r in range(1, 300)), "A1:K299")
    whole = limits.scan_sheet(io.BytesIO(xml), "表")
    monkeypatch.setattr(limits, "CHUNK", 7)
    assert limits.scan_sheet(io.BytesIO(xml), "表") == whole
    assert (whole.rows, whole.cols, len(whole.formulas)) == (299, 11, 299)


@pytest.mark.parametrize("cells, dimension, why", [
    ('<c r="A1"><v>1</v></c><c r="A70000"><v>1</v></c>', "", "行数过多"),
    ('<c r="A1"><v>1</v></c><c r="Z50000"><v>1</v></c>', "", "范围过大"),
    ('<c r="A1"><v>1</v></c>', "A1:XFD1048576", "声明的单元格范围过大"),
    ('<c r="XFE1"><v>1</v></c>', "", "超出 Excel 的范围"),
    ('<c r="A99999999999"><v>1</v></c>', "", "超出 Excel 的范围"),
])
def test_absurd_ranges_are_refused(cells, dimension, why):
    with pytest.raises(limits._Refused) as e:
        limits.scan_sheet(io.BytesIO(sheet(cells, dimension)), "表")
    assert why in e.value.why


def test_ordinary_wide_sheets_and_xls_sized_dimensions_pass():
    s = limits.scan_sheet(io.BytesIO(sheet('<c r="A1"><v>1</v></c><c r="AZ400"><v>1</v></c>', "A1:IV65536")), "表")
    assert (s.rows, s.cols) == (400, 52)


# ---------------------------------------------------------------- JSON input

def doc_text(zhaohui, old, new) -> str:
    text = jsondoc.dumps(zhaohui)
    assert old in text
    return text.replace(old, new, 1)


def test_keys_given_twice(zhaohui):
    with pytest.raises(NotAReportError) as e:
        jsondoc.loads(doc_text(zhaohui, '"year": 2021', '"year": 2021, "year": 2022'), "重复.json")
    assert "重复出现且取值不同：year" in str(e.value)
    notices = []
    jsondoc.loads(doc_text(zhaohui, '"unit": ', '"unit": "杭州市拱墅区朝晖街道办事处", "unit": '), "同值.json", notices)
    assert notices == ["“同值.json”中有项目重复出现（取值相同）：unit。"]


def test_notes_on_unknown_cells_are_kept_and_named(zhaohui):
    doc = jsondoc.to_dict(zhaohui)
    doc["notes"]["t2.R9.C1"] = "某说明"
    notices = []
    rep = jsondoc.loads(json.dumps(doc), "备注.json", notices)
    assert rep.notes["t2.R9.C1"] == "某说明"
    assert len(notices) == 1 and "t2.R9.C1" in notices[0] and "不对应任何单元格" in notices[0]


def test_utf8_signature_and_messages_on_one_line(tmp_path, zhaohui):
    path = tmp_path / "记事本.json"
    path.write_bytes(b"\xef\xbb\xbf" + jsondoc.encode(zhaohui))
    assert jsondoc.read(path) == zhaohui
    doc = jsondoc.to_dict(zhaohui)
    doc["t2"]["R1"]["多行\n键"] = 1
    with pytest.raises(NotAReportError) as e:
        jsondoc.loads(json.dumps(doc), "怪.json")
    assert "\n" not in str(e.value) and "t2.R1.多行 键" in str(e.value)
    doc = jsondoc.to_dict(zhaohui)
    doc["format"] = ["2021"]                  # was a TypeError (unhashable list)
    with pytest.raises(NotAReportError, match="格式"):
        jsondoc.loads(json.dumps(doc), "怪.json")


def test_every_double_a_workbook_holds_reads_back_from_our_json(zhaohui):
    # A bit-flipped .xls gave 2.716154612436e-312 in a count cell: kept for V01, written as a
    # JSON number, and then refused when the converted file was opened.
    rep = zhaohui.copy()
    from decimal import Decimal

    for i, value in enumerate(("2.716154612436E-312", "4.9E-324", "2.2250738585072014E-308")):
        rep.cells[f"t2.L1.C{i + 1}"] = Decimal(value)
    again = jsondoc.loads(jsondoc.dumps(rep))
    assert again.cells["t2.L1.C1"] == Decimal("2.716154612436E-312")
    with pytest.raises(NotAReportError, match="数值超出范围"):
        jsondoc.loads('{"schema": "govreport/1", "format": "2021", "year": 2021, "t1": {"fees.amount": 1e-999999999}}')
