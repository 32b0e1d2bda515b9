"""Reliability figures: a mutation fuzzer over every readable file type, and SIGKILL during saves.

    .venv/bin/python benchmarks/reliability.py          # the long run: 10 000 files, 200 kills, 20 edit kills
    .venv/bin/python benchmarks/reliability.py --files 300 --kills 20 --edit-kills 3 --seed 7

Fuzz: seed files (own .xlsx, other units' .xlsx, .xls, .json; published .docx, .pdf, .html, .txt) are mutated at the byte level,
inside the zip (XML cells, references, dimensions, formulas, error values, headers) and in the
JSON tree, then each goes through `govreport check` (cli.check_file: the safe reader
boundary, then every rule) and, when readable, back out through the JSON writer (and every
20th through the Excel writer). Counted: tracebacks (any exception that escaped, or an
"内部错误" answer), messages that are not one Chinese line, timeouts, reader processes that
died (contained), the slowest answer and the peak memory of the reader process and of this one.

Kills: a child process saves alternating versions of a report (.json and .xlsx) in a loop and
is killed with SIGKILL at a random moment; then the file, its .bak and the two older versions
must each be one whole version, and the next start (backups.startup) must leave no temporary
file.

Edit kills: the real window (offscreen, its own data folder) opens a report and types into 六
at TYPE_RATE characters a second (ui/automation.py) until it is killed with SIGKILL after 5–12 s;
the next start must offer the report back, untouched on disk, and restore it modified in its
own file with at most MAX_LOST_S seconds of the typing lost (autosave writes at the latest 4 s
after the first unsaved change). tests/test_reliability_suite.py runs a short form of all three.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop import cli  # noqa: E402
from govreport_desktop.core.report import Report  # noqa: E402
from govreport_desktop.io import backups, files, jsondoc, sandbox  # noqa: E402
from govreport_desktop.io.errors import GovReportIOError  # noqa: E402

SHARED = Path(os.environ.get("GOVREPORT_SHARED", ROOT.parent / "shared"))
SAMPLE = ROOT / "resources" / "samples" / "zhaohui-street-2021.json"
LIMIT_S = 10.0


# ---------------------------------------------------------------- seeds

def seed_reports() -> list[Report]:
    reports = [jsondoc.read(SAMPLE)]
    for p in sorted((SHARED / "fixtures" / "truth").glob("*.json")):
        reports.append(jsondoc.read(p))
    reports.append(Report.new(2020, "某某镇人民政府"))          # the 2019 format, blank cells
    return reports


def seeds() -> dict[str, list[bytes]]:
    """Seed files by suffix."""
    import openpyxl

    from govreport_desktop.io import xlsx_write
    from govreport_desktop.io.xlsx_write import META_SHEET

    out: dict[str, list[bytes]] = {".json": [], ".xlsx": [], ".xls": []}
    for rep in seed_reports():
        out[".json"].append(jsondoc.encode(rep))
        own = xlsx_write.encode(rep)
        out[".xlsx"].append(own)
        wb = openpyxl.load_workbook(io.BytesIO(own))      # the same without our hidden sheet:
        del wb[META_SHEET]                                 # read by its labels, like a foreign one
        buf = io.BytesIO()
        wb.save(buf)
        out[".xlsx"].append(buf.getvalue())
    sys.path.insert(0, str(ROOT / "tests"))
    from test_xlsx_safety import FOREIGN_XLS                # a LibreOffice .xls (BIFF8)

    out[".xls"].append(zlib.decompress(base64.b64decode(FOREIGN_XLS)))
    # published reports: the application's own publications and the real reports as published
    from govreport_desktop.io.export import docx, pdf, webpage

    out.update({".docx": [], ".pdf": [], ".html": [], ".txt": []})
    for rep in seed_reports()[:3]:
        out[".docx"].append(docx.encode(rep)[0])
        out[".pdf"].append(pdf.encode(rep)[0])
        out[".html"].append(webpage.encode(rep)[0])
    published = SHARED / "fixtures" / "reports"
    out[".html"] += [p.read_bytes() for p in sorted(published.glob("*.html"))]
    out[".txt"] += [p.read_bytes() for p in sorted(published.glob("*.txt"))]
    return out


# ---------------------------------------------------------------- mutations

REFS = [b"A1", b"XFD1048576", b"XFD1", b"A1048576", b"ZZZ1", b"A0", b"A99999999999", b"IV65536", b"B7"]
NUMBERS = [b"-1", b"1e308", b"1e999", b"NaN", b"99999999999999999999", b"0.00001", b"", b"abc", b"1" * 400]


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    d = bytearray(data)
    for _ in range(rnd.choice((1, 1, 2, 4, 16))):
        if not d:
            break
        op = rnd.randrange(7)
        i = rnd.randrange(len(d))
        if op == 0:
            d[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            d[i] = rnd.choice((0, 0xFF, 0x7F, 0x80, rnd.randrange(256)))
        elif op == 2:
            del d[rnd.randrange(len(d)):]                   # truncated
        elif op == 3:
            d[i:i] = rnd.randbytes(rnd.randrange(1, 64))
        elif op == 4:
            del d[i:i + rnd.randrange(1, 256)]
        elif op == 5:
            j = rnd.randrange(len(d))
            d[i:i] = d[j:j + rnd.randrange(1, 512)]
        else:
            d[i:i + 4] = rnd.choice((b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"\xff\xff\xff\xff"))
    return bytes(d)


def mutate_xml(body: bytes, rnd: random.Random) -> bytes:
    import re

    op = rnd.randrange(9)
    spots = [m.span(1) for m in re.finditer(rb'\br="([^"]*)"', body)]
    if op == 0 and spots:
        a, b = rnd.choice(spots)
        return body[:a] + rnd.choice(REFS) + body[b:]
    if op == 1:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:' + rnd.choice(REFS) + b'"', body)
    values = [m.span(1) for m in re.finditer(rb"<v>([^<]*)</v>", body)]
    if op == 2 and values:
        a, b = rnd.choice(values)
        return body[:a] + rnd.choice(NUMBERS) + body[b:]
    if op == 3 and values:
        a, _b = rnd.choice(values)
        return body[:a - 3] + b"<f>SUM(A1:A9)</f>" + body[a - 3:]
    if op == 4 and values:
        a, b = rnd.choice(values)
        cell = body.rfind(b"<c ", 0, a)
        return body[:cell] + b'<c t="e" ' + body[cell + 3:a] + b"#DIV/0!" + body[b:]
    if op == 5:
        i = body.find(b"?>") + 2
        return body[:i] + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + body[i:]
    if op == 6 and spots:                                    # many far-apart cells
        a, b = rnd.choice(spots)
        extra = b"".join(b'<c r="%s%d"><v>1</v></c>' % (rnd.choice((b"A", b"Z", b"XFD")), rnd.randrange(1, 1 << 20))
                         for _ in range(rnd.randrange(1, 5)))
        end = body.find(b"</c>", b)
        return body[:end + 4] + extra + body[end + 4:] if end > 0 else body
    return mutate_bytes(body, rnd)


def mutate_zip(data: bytes, rnd: random.Random) -> bytes:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    except Exception:
        return mutate_bytes(data, rnd)
    k = rnd.randrange(len(members))
    name, body = members[k]
    op = rnd.random()
    if op < 0.7:
        sheets = [i for i, (n, _b) in enumerate(members) if "worksheets/" in n or n.endswith("sharedStrings.xml")]
        if sheets and rnd.random() < 0.8:
            k = rnd.choice(sheets)
            name, body = members[k]
        members[k] = (name, mutate_xml(body, rnd))
    elif op < 0.8:
        del members[k]
    elif op < 0.9:
        members.append((name, body))                         # a part given twice
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
    buf = io.BytesIO()
    method = rnd.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))
    with zipfile.ZipFile(buf, "w", method) as out:
        for n, b in members:
            out.writestr(zipfile.ZipInfo(n), b, compress_type=method)
    d = bytearray(buf.getvalue())
    if op >= 0.9:                                            # the zip's own headers
        cd = d.find(b"PK\x01\x02")
        field_at = rnd.choice((6, 10, 20, 24))               # version, method, sizes
        if cd >= 0:
            d[cd + field_at:cd + field_at + 2] = rnd.choice((b"\x63\x00", b"\x09\x00", b"\x0e\x00", b"\xff\xff"))
    return bytes(d)


def mutate_json(data: bytes, rnd: random.Random) -> bytes:
    if rnd.random() < 0.3:
        return mutate_bytes(data, rnd)
    doc = json.loads(data)
    targets = [(doc, k) for k in doc]
    for key in ("t1", "t2", "t3", "sections", "notes"):
        obj = doc.get(key)
        if isinstance(obj, dict):
            targets += [(obj, k) for k in obj]
            targets += [(v, k2) for v in obj.values() if isinstance(v, dict) for k2 in v]
    obj, key = rnd.choice(targets)
    weird = rnd.choice([10 ** 310, -1, 1.5, "x\ud800y", "a\x00b", None, [], {}, "1e999999999", True,
                        "9" * 5000, [[[[[]]]]], "" , 2 ** 63, "年" * 100000])
    op = rnd.randrange(5)
    if op == 0:
        obj[key] = weird
    elif op == 1:
        del obj[key]
    elif op == 2:
        obj[f"{key}x"] = weird
    elif op == 3:
        doc["notes"] = {"t9.R1.C1": "x", **(doc.get("notes") or {})}
    else:
        text = json.dumps(doc, ensure_ascii=False)
        return text.replace(f'"{key}":', f'"{key}": 1, "{key}":', 1).encode("utf-8", "surrogatepass")
    if rnd.random() < 0.05:
        return b"[" * 200000
    return json.dumps(doc, ensure_ascii=rnd.random() < 0.5).encode("utf-8", "surrogatepass")


MUTATORS = {".json": mutate_json, ".xlsx": mutate_zip, ".xls": mutate_bytes, ".docx": mutate_zip,
            ".pdf": mutate_bytes, ".html": mutate_bytes, ".txt": mutate_bytes}


# ---------------------------------------------------------------- fuzzing

@dataclass
class FuzzResult:
    files: int = 0
    read: int = 0
    refused: int = 0
    tracebacks: int = 0
    bad_messages: int = 0
    timeouts: int = 0
    worker_exits: int = 0
    max_s: float = 0.0
    slowest: str = ""
    worker_rss: int = 0
    self_rss: int = 0
    by_suffix: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)       # (file, what) of the first few problems


def one_chinese_line(msg: str) -> bool:
    return (bool(msg) and "\n" not in msg and "Traceback" not in msg and "内部错误" not in msg
            and any("\u4e00" <= ch <= "\u9fff" for ch in msg))


def fuzz(n: int, seed: int, folder: Path, keep_failures: Path | None = None) -> FuzzResult:
    from govreport_desktop.io import xlsx_write

    rnd = random.Random(seed)
    pool = seeds()
    kinds = [s for s in pool for _ in pool[s]]
    res = FuzzResult()
    box = sandbox.default()
    for i in range(n):
        suffix = rnd.choice(kinds)
        data = MUTATORS[suffix](rnd.choice(pool[suffix]), rnd)
        path = folder / f"f{i % 50}{suffix}"
        path.write_bytes(data)
        res.files += 1
        res.by_suffix[suffix] = res.by_suffix.get(suffix, 0) + 1
        t = time.perf_counter()
        problem = None
        try:
            rec = cli.check_file(str(path))
            if rec["ok"]:
                res.read += 1
                loaded = files.open_report(path) if suffix == ".json" else None
                # the JSON line that `check --json` printed, read back as a document
                report = loaded.report if loaded else jsondoc.loads(json.dumps(rec["report"]))
                jsondoc.encode(report)
                if i % 20 == 0:
                    xlsx_write.encode_with_notices(report)
            else:
                res.refused += 1
                msg = rec["error"]
                if "超过" in msg and "秒" in msg:
                    res.timeouts += 1
                if "读取进程意外退出" in msg:
                    res.worker_exits += 1
                    if keep_failures is not None:          # contained, but worth a look
                        keep_failures.mkdir(parents=True, exist_ok=True)
                        (keep_failures / f"died{i}{suffix}").write_bytes(data)
                if not one_chinese_line(msg):
                    res.bad_messages += 1
                    problem = f"message: {msg!r}"
                if "内部错误" in msg:
                    res.tracebacks += 1
        except GovReportIOError as e:
            res.tracebacks += 1          # the check passed; only a writer may raise here
            problem = f"writer: {e}"
        except BaseException as e:       # noqa: B036 — counting is the point
            if isinstance(e, KeyboardInterrupt):
                raise
            res.tracebacks += 1
            problem = f"{type(e).__name__}: {e}"[:300]
        elapsed = time.perf_counter() - t
        if elapsed > res.max_s:
            res.max_s, res.slowest = elapsed, f"{suffix} #{i}"
        res.worker_rss = max(res.worker_rss, sandbox.worker_rss_peak(box.pid))
        if elapsed > 2.0 and keep_failures is not None:
            keep_failures.mkdir(parents=True, exist_ok=True)
            (keep_failures / f"slow{i}-{elapsed:.1f}s{suffix}").write_bytes(data)
        if problem:
            if len(res.failures) < 20:
                res.failures.append((i, suffix, problem))
            if keep_failures is not None:
                keep_failures.mkdir(parents=True, exist_ok=True)
                (keep_failures / f"fail{i}{suffix}").write_bytes(data)
    res.self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return res


# ---------------------------------------------------------------- kill during save

def versions(n: int = 4) -> list[Report]:
    base = jsondoc.read(SAMPLE)
    out = []
    for i in range(n):
        r = base.copy()
        r.cells["t2.R1.C1"] = 100 + i
        r.sections["s6"] = f"版本 {i}。" * (200 * (i + 1))     # versions differ in size too
        out.append(r)
    return out


def child_save(target: str, store: str) -> None:
    """Save the versions in turn until killed (runs in the child process)."""
    backups.startup([], store=store)
    reps = versions()
    i = 0
    while True:
        files.save_report(reps[i % len(reps)], target)
        if i == 0:
            print("ready", flush=True)
        i += 1


@dataclass
class KillResult:
    rounds: int = 0
    whole: int = 0                  # rounds in which the file and every kept version were whole
    broken: list = field(default_factory=list)
    temps_after_kill: int = 0       # temporary files the kills left (before the next start)
    temps_after_start: int = 0      # … and after it: must be 0
    versions_seen: int = 0          # kept versions checked in all (file, .bak, store 2 and 3)


def _temps(*folders: Path) -> list[Path]:
    out = []
    for f in folders:
        if f.is_dir():
            out += [p for p in f.rglob("*") if p.name.endswith(".tmp")]
    return out


def kill_rounds(n: int, seed: int, folder: Path) -> KillResult:
    rnd = random.Random(seed)
    expected = [jsondoc.to_dict(r) for r in versions()]
    store = folder / "store"
    res = KillResult()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    for i in range(n):
        suffix = ".json" if i % 2 else ".xlsx"
        target = folder / f"报告{suffix}"
        proc = subprocess.Popen([sys.executable, __file__, "--child-save", str(target), str(store)],
                                stdout=subprocess.PIPE, env=env)
        proc.stdout.readline()                               # "ready": one whole save is done
        time.sleep(rnd.uniform(0, 0.25 if suffix == ".xlsx" else 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        res.rounds += 1
        res.temps_after_kill += len(_temps(folder))
        bad = []
        backups.startup([folder], store=store)                # as the next start of the window
        for p in [target] + backups.versions(target):
            res.versions_seen += 1
            try:
                got = jsondoc.to_dict(files.open_report(p).report)
            except GovReportIOError as e:
                bad.append(f"{p.name}: {e}")
                continue
            if got not in expected:
                bad.append(f"{p.name}: not one of the saved versions")
        backups.stop_keeping()
        left = _temps(folder)
        res.temps_after_start += len(left)
        if bad or left:
            res.broken.append((i, bad, [p.name for p in left]))
        else:
            res.whole += 1
    return res


# ---------------------------------------------------------------- kill during editing

TYPE_RATE = 10              # characters a second: fast typing with a Chinese input method
MAX_LOST_S = 5.0


@dataclass
class EditKillResult:
    rounds: int = 0
    typed: int = 0                  # characters typed in all rounds before the kills
    offered: int = 0                # rounds whose restart offered the report back …
    restored: int = 0               # … and opened it modified, in its own file
    within: int = 0                 # … with at most MAX_LOST_S of typing lost
    lost_s: list = field(default_factory=list)      # seconds of typing lost, per round
    broken: list = field(default_factory=list)


def _app_env(home: Path, **extra) -> dict:
    """The application as a new user would run it: its own data, settings and temp folders."""
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), TMPDIR=str(home / "tmp"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), **extra)
    env.pop("GOVREPORT_SETTINGS", None)
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return env


def _lines_of(proc, out: list) -> threading.Thread:
    def read():
        for line in proc.stdout:
            out.append(line.rstrip("\n"))
    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t


def _json_after(lines: list[str], word: str):
    for line in lines:
        if line.startswith(word + " "):
            return json.loads(line[len(word) + 1:])
    return None


def edit_kill_round(home: Path, typing_s: float, rate: int = TYPE_RATE) -> tuple[int, float | None, str]:
    """Start the window on a report, type into 六 for `typing_s` seconds, SIGKILL it, start it
    again: (characters typed, seconds of typing lost, what went wrong or "")."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "朝晖街道2021.json"
    target.write_bytes(SAMPLE.read_bytes())
    before = len(jsondoc.read(SAMPLE).sections["s6"])
    cmd = [sys.executable, "-m", "govreport_desktop"]
    proc = subprocess.Popen(cmd + [str(target)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=_app_env(home, GOVREPORT_TYPE=f"s6:{rate}"))
    lines: list[str] = []
    reader = _lines_of(proc, lines)
    deadline = time.monotonic() + 60
    while not any(line.startswith("typed ") for line in lines) and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    time.sleep(typing_s)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(10)
    proc.stdout.close()
    typed = max((int(line.split()[1]) for line in lines if line.startswith("typed ")), default=0)
    if not typed:
        return 0, None, "the window never typed"
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           env=_app_env(home, GOVREPORT_RECOVER="restore"))
    out = again.stdout.splitlines()
    offered, restored = _json_after(out, "offered"), _json_after(out, "restored")
    if target.read_bytes() != SAMPLE.read_bytes():
        return typed, None, "autosave touched the user's file"
    mine = [o for o in offered or [] if o["path"] == str(target)]
    if len(mine) != 1:
        return typed, None, f"offered {offered!r}"
    got = mine[0]["sections"]["s6"] - before
    lost = (typed - got) / rate
    shown = [w for w in restored or [] if w["path"] == str(target)]
    if len(shown) != 1 or not shown[0]["modified"] or shown[0]["sections"]["s6"] != before + got:
        return typed, lost, f"restored {restored!r}"
    return typed, lost, ""


def edit_kill_rounds(n: int, seed: int, folder: Path, typing_s=(5.0, 12.0)) -> EditKillResult:
    rnd = random.Random(seed)
    res = EditKillResult()
    for i in range(n):
        typed, lost, wrong = edit_kill_round(folder / f"user{i}", rnd.uniform(*typing_s))
        res.rounds += 1
        res.typed += typed
        if lost is not None:
            res.offered += 1
            res.lost_s.append(lost)
        if not wrong:
            res.restored += 1
            if lost is not None and lost <= MAX_LOST_S:
                res.within += 1
        if wrong or lost is None or lost > MAX_LOST_S:
            res.broken.append((i, typed, lost, wrong))
    return res


# ---------------------------------------------------------------- report

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--edit-kills", type=int, default=20, help="windows killed while typing")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--keep-failures", type=Path, help="folder for the inputs that failed")
    ap.add_argument("--child-save", nargs=2, metavar=("TARGET", "STORE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_save:
        child_save(*args.child_save)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "fuzz").mkdir()
        (tmp / "kill").mkdir()
        t0 = time.perf_counter()
        f = fuzz(args.files, args.seed, tmp / "fuzz", args.keep_failures)
        t1 = time.perf_counter()
        print(f"fuzz: {f.files} files ({', '.join(f'{k} {v}' for k, v in sorted(f.by_suffix.items()))}) "
              f"in {t1 - t0:.0f} s: read {f.read}, refused with a message {f.refused}")
        print(f"  crashes 0 (this process lived), reader processes that died (contained) {f.worker_exits}, "
              f"tracebacks {f.tracebacks}, messages not one Chinese line {f.bad_messages}, "
              f"timeouts (> {LIMIT_S:.0f} s) {f.timeouts}")
        print(f"  slowest answer {f.max_s:.2f} s ({f.slowest}); peak memory: reader process {f.worker_rss / 2**20:.0f} MB "
              f"(limit {sandbox.MEMORY / 2**20:.0f} MB), this process {f.self_rss / 2**20:.0f} MB")
        for fail in f.failures:
            print("  !", *fail)
        k = kill_rounds(args.kills, args.seed, tmp / "kill")
        print(f"kills: {k.rounds} rounds in {time.perf_counter() - t1:.0f} s: every kept version whole in {k.whole} "
              f"({k.versions_seen} files checked); temporary files left by the kills {k.temps_after_kill}, "
              f"after the next start {k.temps_after_start}")
        for b in k.broken[:20]:
            print("  !", *b)
        t2 = time.perf_counter()
        e = edit_kill_rounds(args.edit_kills, args.seed, tmp / "edit")
        lost = sorted(e.lost_s)
        print(f"edit kills: {e.rounds} windows killed while typing {TYPE_RATE} characters a second "
              f"({e.typed} typed) in {time.perf_counter() - t2:.0f} s: work offered back {e.offered}, "
              f"restored in its own file {e.restored}, at most {MAX_LOST_S:.0f} s lost {e.within}; "
              f"typing lost median {statistics.median(lost) if lost else 0:.1f} s, max {max(lost, default=0):.1f} s")
        for b in e.broken[:20]:
            print("  !", *b)
    sandbox.shutdown()
    ok = not (f.tracebacks or f.bad_messages or f.timeouts or k.broken or e.broken)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
