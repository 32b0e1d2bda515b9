"""The 汇总's store: the temporary-file store gives exactly the in-memory result, the coordinator
keeps no records, nothing is left in the temporary folder, and many units sum block by block
exactly as a plain sum over all of them."""

from __future__ import annotations

import gc
import random
import tempfile
from decimal import Decimal
from types import SimpleNamespace

import pytest

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.report import Report
from govreport_desktop.core.schema import Kind
from govreport_desktop.core.summary import DUPLICATE, OTHER_YEAR, UNREADABLE, SummaryBuilder, summarize
from govreport_desktop.core.summary_record import UnitRecord, record_of, unreadable
from govreport_desktop.core.totals import fill_blanks
from govreport_desktop.io import files, summary_run, summary_write
from govreport_desktop.io.summary_store import PREFIX, FileStore

S1 = ("2025年，我街道坚持以人民为中心，扎实推进政务公开工作。全年主动公开政府信息 300 条，"
      "其中通知公告 20 条。进一步规范依申请公开办理流程，按时答复申请人。加强政府信息管理，"
      "严格落实保密审查制度。优化政务公开专区建设，方便群众查阅信息。")


def random_report(rng: random.Random, format_id: str, year: int, name: str) -> Report:
    fmt = FORMATS[format_id]
    cells = {}
    for path, spec in fmt.cell.items():
        if rng.random() < 0.15:
            cells[path] = None
        elif spec.kind in (Kind.MONEY, Kind.AMOUNT):
            cells[path] = Decimal(f"{rng.randint(0, 999)}.{rng.randint(0, 9999):04d}")
        elif spec.kind is Kind.SIGNED:
            cells[path] = rng.randint(-50, 50)
        else:
            cells[path] = rng.choice((0, 0, 1, 2, rng.randint(0, 10**6), rng.randint(0, 10**15)))
    units = {"procurement.amount": rng.choice(("元", "万元"))} if format_id == "2019" else {}
    return Report(format=format_id, year=year, unit=name, unit_kind="township", cells=cells, t1_units=units)


def mixed_records(load_truth) -> list[UnitRecord]:
    """2021 and 2019-layout units of 2025 with money and blanks, a 2021 report with 2019 rows,
    a unit sent twice, one of another year, an unreadable file, identical data, copied texts."""
    rng = random.Random(14)
    reports = [random_report(rng, "2021", 2025, f"第{i}街道") for i in range(8)]
    reports += [random_report(rng, "2019", 2025, f"旧格式{i}局") for i in range(3)]
    zhaohui = load_truth("zhaohui-street-2021")
    zhaohui.year = 2025
    reports.append(zhaohui)
    again = reports[2].copy()
    again.cells["t2.R1.C1"] = 12345
    reports.append(again)                                             # 第2街道 twice
    reports.append(random_report(rng, "2021", 2024, "上年单位"))
    twin = reports[4].copy()
    twin.unit = "孪生街道"
    reports.append(twin)                                              # identical 表一–表三
    reports[0].sections["s1"] = reports[5].sections["s1"] = S1        # 内容雷同
    problems = lambda i: [SimpleNamespace(severity="error")] * (i % 3)
    recs = [record_of(i, f"u{i}.xlsx", r, problems(i), mtime=float(i)) for i, r in enumerate(reports)]
    recs.append(unreadable(len(recs), "坏.xlsx", "“坏.xlsx”已损坏或不完整。"))
    rng.shuffle(recs)                                                 # workers finish in any order
    return recs


def built(records, store, **kw):
    builder = SummaryBuilder(store=store, **{k: kw.pop(k) for k in ("year", "include_other_years") if k in kw})
    for r in records:
        builder.add(r)
    return builder.build(**kw)


def assert_same(a, b) -> None:
    assert {p: repr(v) for p, v in a.report.cells.items()} == {p: repr(v) for p, v in b.report.cells.items()}
    assert a.report.notes == b.report.notes and a.report.t1_units == b.report.t1_units
    assert a.blanks == b.blanks and a.units == b.units and a.similar == b.similar and a.missing == b.missing
    for path in a.fmt.cell_paths:
        assert a.trace(path) == b.trace(path), path
    assert list(a.contributions()) == list(b.contributions())


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """The system's temporary folder, for this test alone (to see what is left in it)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_file_store_gives_exactly_the_in_memory_summary(load_truth, temp_dir):
    recs = mixed_records(load_truth)
    mem = built(recs, None, roster=["第1街道", "未交单位"])
    with built(recs, FileStore(), roster=["第1街道", "未交单位"]) as disk:
        assert_same(mem, disk)
        status = [(u.unit, u.status) for u in disk.units]
        assert ("上年单位", OTHER_YEAR) in status and ("", UNREADABLE) in status
        assert [u for u, st in status if st == DUPLICATE] == ["第2街道"]
        assert {s.what for s in disk.similar} == {"s1", "data"}
        assert any("换算为2021年格式" in u.note for u in disk.units)
        assert isinstance(disk.report.cells["t1.fees.amount"], Decimal)
        assert disk.blanks and any(v is None for _u, v in disk.trace(next(iter(disk.blanks))))
    assert list(temp_dir.iterdir()) == []                        # closed: the folder is gone
    mem = built(recs, None, include_other_years=True)
    with built(recs, FileStore(), include_other_years=True) as disk:
        assert_same(mem, disk)


def test_many_units_are_summed_block_by_block_as_one_plain_sum(temp_dir):
    rng = random.Random(3)
    reports = [random_report(rng, "2021", 2025, f"单位{i:04d}") for i in range(700)]
    with built((record_of(i, f"{i}.xlsx", r, []) for i, r in enumerate(reports)), FileStore()) as s:
        for path in s.fmt.cell_paths:
            values = [r.cells.get(path) for r in reports]
            filled = [v for v in values if v is not None]
            assert s.report.cells[path] == (sum(filled) if filled else None), path
            blanks = [r.unit for r, v in zip(reports, values) if v is None]
            assert s.blanks.get(path, 0) == len(blanks)
            if blanks and filled:
                assert s.report.notes[path].endswith("：" + "、".join(blanks[:3]) + ("等" if len(blanks) > 3 else ""))
        assert [u.unit for u, _v in s.contributions()] == [r.unit for r in reports]


def test_the_builder_keeps_no_record_after_add(load_truth, temp_dir):
    def live_records() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, UnitRecord))

    before = live_records()
    builder = SummaryBuilder(store=FileStore())
    for rec in mixed_records(load_truth):
        builder.add(rec)
    del rec
    assert live_records() == before
    with builder.build() as summary:
        assert live_records() == before and len(summary.included) > 10


def unit_file(folder, name: str, n: int):
    r = Report.new(2025, name, "township")
    r.cells.update(fill_blanks(r))
    r.cells["t2.R1.C1"] = r.cells["t2.R1.CT"] = n
    path = folder / f"{name}.xlsx"
    files.save_report(r, path, backup=False)
    return path


def test_no_temporary_file_is_left_after_close_drop_error_or_cancel(tmp_path, temp_dir, monkeypatch):
    paths = [unit_file(tmp_path, f"单位{i}", i) for i in range(4)]
    summary = summary_run.summarize_files(paths, jobs=1)
    [folder] = temp_dir.iterdir()
    assert folder.name.startswith(PREFIX)
    assert [n for _u, n in summary.trace("t2.R1.C1")] == [0, 1, 2, 3]
    summary.close()
    assert list(temp_dir.iterdir()) == []
    summary = summary_run.summarize_files(paths, jobs=1)
    del summary                                                   # the window let it go
    gc.collect()
    assert list(temp_dir.iterdir()) == []
    with pytest.raises(summary_run.Cancelled):
        summary_run.summarize_files(paths, jobs=1, cancel=lambda: True)
    assert list(temp_dir.iterdir()) == []

    def broken(self, *args, **kw):
        raise RuntimeError("a bug while reducing")
    monkeypatch.setattr(SummaryBuilder, "build", broken)
    with pytest.raises(RuntimeError):
        summary_run.summarize_files(paths, jobs=1)
    assert list(temp_dir.iterdir()) == []


def test_a_save_cancelled_in_the_middle_of_the_rows_leaves_the_old_file(tmp_path):
    rng = random.Random(5)
    summary = summarize(record_of(i, f"{i}.xlsx", random_report(rng, "2021", 2025, f"单位{i}"), [])
                        for i in range(1200))
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"the previous summary")
    calls = []

    def cancel():                     # true once 数据来源 is partly written (a look every 500 rows)
        calls.append(1)
        return len(calls) > 4
    with pytest.raises(summary_run.Cancelled):
        summary_write.save(summary, out, cancel)
    assert out.read_bytes() == b"the previous summary"
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.xlsx"]
    assert summary_write.save(summary, out) == [] and out.stat().st_size > 100_000


def _package_parts(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def test_rows_written_by_pattern_are_what_the_cell_writer_writes(load_truth, temp_dir, monkeypatch):
    """数据来源 rows of counts, money, blanks and large numbers come out of one format string per
    pattern of value types; the package is exactly the one the cell-by-cell writer makes."""
    tiny = random_report(random.Random(3), "2021", 2025, "小数单位")
    money = next(p for p, spec in tiny.fmt.cell.items() if spec.kind is Kind.MONEY)
    tiny.cells[money] = Decimal("1E-7")                               # str() would give 1E-7
    records = mixed_records(load_truth) + [record_of(99, "tiny.xlsx", tiny, [])]
    summary = built(records, FileStore())
    fast = _package_parts(summary_write.encode(summary)[0])
    monkeypatch.setattr(summary_write, "_PLAIN_TYPES", frozenset())    # every row cell by cell
    slow = _package_parts(summary_write.encode(summary)[0])
    assert fast == slow
    summary.close()
