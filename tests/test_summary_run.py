"""Reading many files for a 汇总: folders, a worker that never lets one file stop the run, a
crashed worker process, progress and cancel, the roster files, the output workbook."""

from __future__ import annotations

import io
import multiprocessing
import os
from pathlib import Path

import openpyxl
import pytest

from govreport_desktop.core.report import Report
from govreport_desktop.core.summary import UNREADABLE
from govreport_desktop.core.totals import fill_blanks
from govreport_desktop.io import files, summary_run, summary_write, xlsx_read
from zip_edit import repacked
from govreport_desktop.io.summary_run import Cancelled, expand, map_file, read_roster, run, summarize_files

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the crash is injected into forked workers")


def unit(tmp: Path, name: str, n: int, year: int = 2025, suffix: str = ".xlsx") -> Path:
    """A unit's report without errors (every cell 0, texts present), n applications answered."""
    r = Report.new(year, name, "township")
    r.cells.update(fill_blanks(r))
    for key in ("s1", "s5", "s6"):
        r.sections[key] = f"{name}{key}的内容。"
    for row in ("R1", "L1", "R3"):
        r.cells[f"t2.{row}.C1"] = r.cells[f"t2.{row}.CT"] = n
    path = tmp / f"{name}{suffix}"
    files.save_report(r, path, backup=False)
    return path


@pytest.fixture
def folder(tmp_path):
    sub = tmp_path / "各单位" / "街道"
    sub.mkdir(parents=True)
    paths = [unit(sub, f"第{i}街道", i) for i in range(1, 6)]
    paths.append(unit(tmp_path / "各单位", "某局", 10, suffix=".json"))
    (sub / "~$第1街道.xlsx").write_bytes(b"lock")                  # Excel's lock file
    files.save_report(Report.new(2025, "第1街道"), sub / "第1街道.xlsx")  # leaves 第1街道.bak.xlsx
    (sub / "说明.docx").write_bytes(b"not a report")
    return tmp_path / "各单位", paths


def test_folders_are_searched_recursively_for_report_files(folder, tmp_path):
    root, paths = folder
    found, problems = expand([root])
    assert sorted(found) == sorted(paths) and problems == []
    found, _ = expand([root], exclude=[paths[0]])
    assert paths[0] not in found
    empty = tmp_path / "空"
    empty.mkdir()
    found, problems = expand([empty, paths[1]])
    assert found == [paths[1]] and "没有可读取的报告文件" in problems[0]


def test_a_bad_file_never_stops_the_worker(tmp_path, monkeypatch):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04broken")
    rec = map_file(3, bad)
    assert not rec.ok and rec.index == 3 and "已损坏" in rec.reason

    class Panic(BaseException):       # like pyo3's PanicException from a native reader
        pass

    def explode(path, *sheets):
        raise Panic("boom")
    monkeypatch.setattr(summary_run, "load", explode)
    rec = map_file(0, unit(tmp_path, "甲", 1))
    assert not rec.ok and "内部错误（Panic）" in rec.reason


@needs_fork
def test_a_crashed_worker_process_costs_only_its_file(tmp_path, monkeypatch):
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(12)]
    crash = paths[5]
    real_load = summary_run.load

    def load(path, *sheets):
        if Path(path) == crash:
            os._exit(3)                   # what an abort in a native library does
        return real_load(path, *sheets)
    monkeypatch.setattr(summary_run, "load", load)
    monkeypatch.setattr(summary_run, "_context", lambda: multiprocessing.get_context("fork"))
    summary = summarize_files(paths, jobs=2)
    status = {u.file: u.status for u in summary.units}
    assert status[str(crash)] == UNREADABLE
    assert "处理进程意外退出" in summary.units[5].note
    assert all(u.included for u in summary.units if u.file != str(crash))
    assert summary.report.cells["t2.R1.C1"] == sum(range(12)) - 5


def test_progress_reaches_the_total_and_cancel_stops_the_run(tmp_path):
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(40)]
    seen = []
    records = list(run(paths, progress=lambda done, total: seen.append((done, total)), jobs=2))
    assert sorted(r.index for r in records) == list(range(40))
    assert seen[-1] == (40, 40) and [d for d, _t in seen] == list(range(1, 41))
    with pytest.raises(Cancelled):
        list(run(paths, cancel=lambda: True, jobs=2))


def test_cancel_leaves_nothing_half_written(tmp_path):
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(3)]
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"the previous summary")
    summary = summarize_files(paths, jobs=1)
    calls = []

    def cancel():                         # the user presses 取消 while the workbook is written
        calls.append(1)
        return len(calls) > 1
    with pytest.raises(Cancelled):
        summary_write.save(summary, out, cancel)
    assert out.read_bytes() == b"the previous summary"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []   # no temp file
    with pytest.raises(Cancelled):
        summarize_files(paths, cancel=lambda: True)


def test_roster_from_text_and_workbook(tmp_path):
    txt = tmp_path / "名单.txt"
    txt.write_bytes("# 应报送单位\n朝晖街道\n\n米市巷街道\r\n".encode("gb18030"))
    assert read_roster(txt) == ["朝晖街道", "米市巷街道"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年应报送单位名单"])
    ws.append(["序号", "单位名称", "联系人"])
    ws.append([1, "朝晖街道", "张三"])
    ws.append([2, "米市巷街道", "李四"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    assert read_roster(path) == ["朝晖街道", "米市巷街道"]
    with pytest.raises(Exception, match="名单"):
        read_roster(tmp_path / "名单.pdf")


def test_output_workbook_is_a_report_and_lists_units_and_sources(tmp_path):
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(1, 4)]
    odd = Report.new(2025, "=HYPERLINK(\"http://x\",\"点我\")", "township")      # a unit's own text
    odd.cells["t2.R1.C1"] = 7
    files.save_report(odd, tmp_path / "odd.xlsx", backup=False)
    paths.append(tmp_path / "odd.xlsx")
    summary = summarize_files(paths, roster=["单位1", "单位9"], jobs=1)
    out = tmp_path / "汇总.xlsx"
    summary_write.save(summary, out)

    loaded = xlsx_read.read(out)               # opens like any report, nothing changed
    assert loaded.notices == [] and loaded.report.cells == summary.report.cells
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-3:] == ["单位情况", "数据来源", "内容雷同"]
    for name in wb.sheetnames[-3:]:
        for row in wb[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate)
    units = list(wb["单位情况"].iter_rows(min_row=3, values_only=True))
    assert [r[2] for r in units] == ["单位1", "单位2", "单位3", odd.unit, "单位9"]
    assert units[-1][8] == "未报送" and units[0][-1] == "在名单中"
    src = wb["数据来源"]
    header = [c.value for c in src[2]]
    col = header.index("表二 本年新收·自然人")
    values = [src.cell(row=r, column=col + 1).value for r in range(5, 5 + 4)]
    assert values == [1, 2, 3, 7] and src.cell(row=3, column=col + 1).value == 13
    assert wb["内容雷同"]["B3"].value.startswith("未发现")


def test_a_large_appendix_is_written_by_rows(tmp_path):
    """The rows of 数据来源 are generated, not built cell by cell in openpyxl: check the XML."""
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(30)]
    summary = summarize_files(paths, jobs=2)
    data, _notices = summary_write.encode(summary)
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    ws = wb["数据来源"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 30 and [r[1] for r in rows] == [f"单位{i}" for i in range(30)]
    assert ws.calculate_dimension().endswith(str(4 + 30))


def test_a_summary_workbook_is_told_by_its_sheets_whatever_their_spelling(tmp_path):
    # the sheet names as character references (as some writers spell them) still count
    paths = [unit(tmp_path, f"单位{i}", i) for i in range(3)]
    out = tmp_path / "汇总.xlsx"
    summary_write.save(summarize_files(paths, jobs=1), out)
    def as_references(book: bytes) -> bytes:
        for name in ("单位情况", "数据来源"):
            book = book.replace(name.encode(), name.encode("ascii", "xmlcharrefreplace"))
        return book
    spelled = tmp_path / "汇总-转写.xlsx"
    spelled.write_bytes(repacked(out.read_bytes(), {"xl/workbook.xml": as_references}))
    assert map_file(0, out).is_summary and map_file(1, spelled).is_summary
    assert not map_file(2, paths[0]).is_summary
