"""Reading many unit files for a 汇总: folders, the per-file step, a process pool, the roster.

Each file becomes a small `UnitRecord` in a worker process (read with the fast reader for our
own workbooks, check every rule, hash the sentences of 一 and 五); the parent only collects the
records, so memory does not grow with the size of the reports. A file that cannot be read, a
bug in a reader or a rule, even a worker process that dies (a native reader can abort), costs
only that file: it is reported as 无法读取 and the run goes on. `progress(done, total)` and
`cancel()` let a window drive a progress bar and a 取消 button (the pool runs in its thread).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..core.rules import check
from ..core.summary import Summary, SummaryBuilder
from ..core.summary_record import UnitRecord, record_of, unreadable
from . import files
from .errors import GovReportIOError, NotAReportError, read_bytes

Progress = Callable[[int, int], None]
CancelFlag = Callable[[], bool]
# What a folder is searched for: the files units submit their data in. Word, PDF, web pages and
# text are read when named one by one; in a folder they are cover letters, publications, a roster.
FOLDER_SUFFIXES = (".xlsx", ".xls", ".json")
CHUNK = 16                   # files per task: fewer round trips, still a smooth progress bar
IN_FLIGHT = 3                # chunks per worker submitted ahead
STUCK_ROUNDS = 3             # pools that broke with no file in hand before the rest is given up


class Cancelled(Exception):
    """The user cancelled; nothing has been written."""


# ---------------------------------------------------------------- which files

def expand(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> tuple[list[Path], list[str]]:
    """Files to read: each folder searched recursively for report files, files as given.

    Folders give only FOLDER_SUFFIXES. Left out of folders: Excel's lock files (~$…), hidden files, the application's backups
    (名称.bak.xlsx) and the `exclude` paths (the output itself). Returns the files (sorted per
    folder) and a Chinese message for every input that gave nothing.
    """
    suffixes = set(FOLDER_SUFFIXES) & set(files.readable())
    skip = {_same(p) for p in exclude}
    out: list[Path] = []
    problems: list[str] = []
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            out.append(path)              # a missing file is reported when it is read
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                       and not p.name.startswith(("~$", ".")) and not p.stem.endswith(".bak")
                       and _same(p) not in skip)
        if not found:
            problems.append(f"文件夹“{path}”中没有可读取的报告文件（{'、'.join(sorted(suffixes))}）。")
        out.extend(found)
    return out, problems


def output_is_a_unit(output: str | Path, inputs: Iterable[str | Path]) -> str | None:
    """A Chinese message when `output` is one of the units' own reports among `inputs` (writing
    the 汇总 there would leave that unit out and replace its report); None otherwise. An earlier
    汇总 workbook in the folder may be replaced: it is never summed."""
    target = _same(output)
    if not Path(output).is_file() or target not in {_same(p) for p in expand(inputs)[0]}:
        return None
    rec = map_file(0, output)
    if not rec.ok or rec.is_summary:
        return None
    return (f"输出文件“{Path(output).name}”是要汇总的单位报告（{rec.unit or '未写单位'}），写入会替换它并使它不计入汇总；"
            "请另选文件名。")


def _same(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


# ---------------------------------------------------------------- the per-file step

def load(path: Path, sheets: list[str] | None = None):
    """A file's Loaded; our own workbooks through the fast reader (same result, less time),
    which puts the names of a workbook's sheets into `sheets`."""
    if path.suffix.lower() == ".xlsx" and path.is_file():
        from . import xlsx_fast
        return xlsx_fast.read(path, sheets)
    return files.open_report(path)


def map_file(index: int, path: str | Path) -> UnitRecord:
    """One file → its record. Never raises: whatever goes wrong becomes 无法读取 with the reason."""
    path = Path(path)
    try:
        sheets: list[str] = []
        loaded = load(path, sheets)
        problems = list(loaded.findings) + check(loaded.report)
        rec = record_of(index, str(path), loaded.report, problems, _mtime(path))
        rec.is_summary = is_summary_sheets(sheets)
        return rec
    except GovReportIOError as e:
        return unreadable(index, str(path), str(e))
    except BaseException as e:   # a bug, a native panic (BaseException), MemoryError: only this file
        return unreadable(index, str(path), f"读取“{path.name}”时发生内部错误（{type(e).__name__}），请将此文件发给开发者。")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def is_summary_sheets(sheets: list[str]) -> bool:
    """A workbook `govreport summarize` wrote (it has the sheets 单位情况 and 数据来源)."""
    from .xlsx_read import APPENDIX_SHEETS
    return all(name in sheets for name in APPENDIX_SHEETS[:2])


# The parent learns which file a worker had in hand when it died from a shared slot per worker.
_slots = None
_slot = -1


def _init_worker(slots, counter) -> None:
    global _slots, _slot
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl+C is the parent's: it cancels the run
    with counter.get_lock():
        _slot = counter.value
        counter.value += 1
    _slots = slots


def _map_chunk(chunk: list[tuple[int, str]]) -> list[UnitRecord]:
    out = []
    for index, path in chunk:
        if _slots is not None:
            _slots[_slot] = index
        out.append(map_file(index, path))
    if _slots is not None:
        _slots[_slot] = -1
    return out


def crashed(index: int, path: str) -> UnitRecord:
    return unreadable(index, path, f"读取“{Path(path).name}”时处理进程意外退出（文件可能已损坏或过于复杂），已跳过。")


# ---------------------------------------------------------------- the pool

def _context():
    # fork starts workers instantly with everything imported; it is unsafe once other threads
    # run (a window), and missing on Windows: spawn there.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run(paths: Sequence[str | Path], progress: Progress | None = None, cancel: CancelFlag | None = None,
        jobs: int | None = None) -> Iterator[UnitRecord]:
    """Records of every path (in the order they finish; `UnitRecord.index` is the position).

    Raises Cancelled when `cancel()` turns true (checked about every 0.1 s).
    """
    total = len(paths)
    jobs = max(1, min(jobs or _cores(), total or 1))
    todo = [(i, str(p)) for i, p in enumerate(paths)]
    done = stuck = 0
    while todo:
        suspects: list[tuple[int, str]] = []
        finished: set[int] = set()
        for rec in _pool_round(todo, jobs, cancel, suspects):
            finished.add(rec.index)
            done += 1
            yield rec
            if progress:
                progress(done, total)
        todo = [t for t in todo if t[0] not in finished and t not in suspects]
        for index, path in suspects:          # alone, in a pool of one: a crash now is this file
            recs = list(_pool_round([(index, path)], 1, cancel, []))
            done += 1
            yield recs[0] if recs else crashed(index, path)
            if progress:
                progress(done, total)
        stuck = 0 if finished or suspects else stuck + 1
        if stuck >= STUCK_ROUNDS:               # workers keep dying with no file in hand
            for index, path in todo:
                done += 1
                yield crashed(index, path)
            todo = []


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                      # Windows, macOS
        return os.cpu_count() or 1


def _pool_round(todo, jobs: int, cancel: CancelFlag | None, suspects: list) -> Iterator[UnitRecord]:
    """Run `todo` in one pool; when the pool breaks, fill `suspects` with what workers had in
    hand and stop (the caller retries the rest)."""
    ctx = _context()
    slots = ctx.Array("q", [-1] * jobs, lock=False)
    counter = ctx.Value("i", 0)
    size = max(1, min(CHUNK, len(todo) // (jobs * 4) or 1))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    by_index = dict(todo)
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(slots, counter))
    # A few chunks per worker in flight, not all of them: wait() visits every pending future,
    # and with ten thousand files (625 chunks) submitting everything at once made the
    # coordinator's waiting quadratic — CPU taken from the workers on a two-core machine.
    waiting = iter(chunks)
    pending: set = set()
    try:
        while True:
            while len(pending) < IN_FLIGHT * jobs and (chunk := next(waiting, None)) is not None:
                pending.add(pool.submit(_map_chunk, chunk))
            if not pending:
                return
            if cancel and cancel():
                raise Cancelled()
            ready, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in ready:
                try:
                    records = fut.result()
                except BrokenProcessPool:
                    suspects.extend((i, by_index[i]) for i in slots if i >= 0 and i in by_index)
                    return
                yield from records
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- the whole 汇总

def summarize_files(paths: Sequence[str | Path], year: int | None = None, include_other_years: bool = False,
                    roster: Iterable[str] = (), unit: str = "", unit_kind: str = "other",
                    progress: Progress | None = None, cancel: CancelFlag | None = None,
                    jobs: int | None = None) -> Summary:
    """The 汇总 of the files; the units' values wait in a temporary folder (io/summary_store.py)
    that the Summary releases on close() or when it is dropped — at once if the run fails or is
    cancelled."""
    from .summary_store import FileStore

    store = FileStore()
    try:
        builder = SummaryBuilder(year, include_other_years, store)
        for record in run(paths, progress, cancel, jobs):
            builder.add(record)
        if cancel and cancel():
            raise Cancelled()
        return builder.build(roster, unit, unit_kind)
    except BaseException:
        store.close()
        raise


def read_roster(path: str | Path) -> list[str]:
    """The units that must report: one per line of a .txt, or the 单位 column of a workbook
    (the first column when no header names 单位)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".csv"):
        data = read_bytes(path)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise NotAReportError(f"无法识别名单“{path.name}”的文字编码，请另存为 UTF-8 文本。", path)
        names = [line.split(",")[0].strip() if suffix == ".csv" else line.strip() for line in text.splitlines()]
        return [n for n in names if n and not n.startswith("#")]
    if suffix in (".xlsx", ".xls"):
        from .xlsx_read import grids_from_bytes
        grids = [g for g in grids_from_bytes(read_bytes(path), path.name) if not g.hidden]
        return _roster_column(grids[0].rows) if grids else []
    raise NotAReportError(f"名单“{path.name}”应为 .xlsx、.xls 或 .txt 文件。", path)


def _is_unit_header(v) -> bool:
    """单位 / 单位名称 / 报送单位 — a header, not a title such as “2025年应报送单位名单”."""
    return isinstance(v, str) and "单位" in v and len(v.strip()) <= 8 and not any(ch.isdigit() for ch in v)


def _roster_column(rows: list[list]) -> list[str]:
    col, start = 0, 0
    for r, row in enumerate(rows[:10]):
        hit = next((c for c, v in enumerate(row) if _is_unit_header(v)), None)
        if hit is not None:
            col, start = hit, r + 1
            break
    names = []
    for row in rows[start:]:
        v = row[col] if col < len(row) else None
        if isinstance(v, str) and v.strip() and not v.strip().startswith("#"):
            names.append(v.strip())
    return names


__all__ = ["expand", "run", "map_file", "summarize_files", "read_roster", "Cancelled"]
