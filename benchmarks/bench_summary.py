"""汇总 figures: N distinct unit workbooks checked and summed, against a plain openpyxl load loop.

    .venv/bin/python benchmarks/bench_summary.py [--sizes 1000 10000] [--rounds 3] [--dir DIR]

Generates N workbooks of distinct units (own name, numbers and texts; every 20th laid out by
hand in openpyxl, without the hidden sheet, read by labels; every 250th copies the texts of the
one before: 内容雷同), once, into DIR (kept between runs).
Each run of `summarize` (read + check every rule + sum + 内容雷同 + the output workbook) is a
fresh process, so its peak memory is its own; workers are measured separately. The baseline is
`openpyxl.load_workbook(path)` in one process on a sample of the same files, in the same run.
Prints medians and ratios; nothing is asserted (CI runs the tests, not this).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_desktop.core.formats import FORMATS  # noqa: E402
from govreport_desktop.core.formats.common import T2_PARTS  # noqa: E402
from govreport_desktop.core.report import Report  # noqa: E402
from govreport_desktop.core.schema import Kind  # noqa: E402
from govreport_desktop.io import xlsx_write  # noqa: E402

MARK = 913570000                  # value of cell j in a template: MARK + j (no other number is 9135700xx)
NAME = "占位单位名称"              # replaced by the unit's name
PARAGRAPHS = {"s1": 8, "s5": 4, "s6": 2}
HAND_EVERY = 20
COPY_EVERY = 250
VERSION = "2"                     # bump when the generated files change
WORDS = ("政务公开", "信息发布", "政策解读", "依申请公开", "平台建设", "监督保障", "回应关切", "制度规范",
         "保密审查", "门户网站", "新媒体", "考核评议", "便民服务", "基层公开", "重点领域", "办理答复",
         "目录编制", "栏目优化", "培训指导", "舆情回应", "数据开放", "决策公开", "执行公开", "结果公开")


# ---------------------------------------------------------------- generating units

def template_report() -> Report:
    fmt = FORMATS["2021"]
    r = Report.new(2025, NAME, "township")
    for j, path in enumerate(fmt.cell_paths):
        r.cells[path] = MARK + j
    for key, n in PARAGRAPHS.items():
        r.sections[key] = "\n".join(f"{NAME}段落{key}{i:02d}" for i in range(n))
    return r


def unit_values(rng: random.Random) -> dict[str, object]:
    """Balanced figures (M01–M03, L01 hold) with many zeros, as small units report."""
    fmt = FORMATS["2021"]
    small = lambda: rng.choice((0, 0, 0, 1, 2, 3, rng.randint(0, 60)))
    v: dict[str, object] = {}
    for c in T2_PARTS:
        leaves = {leaf: small() for leaf in fmt.t2_leaves}
        r3 = sum(leaves.values())
        r4, r2 = small(), small()
        r2 = min(r2, r3 + r4)
        v.update({f"t2.{k}.{c}": n for k, n in leaves.items()})
        v.update({f"t2.R3.{c}": r3, f"t2.R4.{c}": r4, f"t2.R2.{c}": r2, f"t2.R1.{c}": r3 + r4 - r2})
    for row in fmt.table["t2"].rows:
        v[f"t2.{row.key}.CT"] = sum(v[f"t2.{row.key}.{c}"] for c in T2_PARTS)
    for g in ("RV", "LD", "LR"):
        parts = {f: small() for f in "MKOP"}
        v.update({f"t3.{g}.{f}": n for f, n in parts.items()})
        v[f"t3.{g}.S"] = sum(parts.values())
    for path, spec in fmt.cell.items():
        if path.startswith("t1."):
            v[path] = (f"{rng.randint(0, 99)}.{rng.randint(0, 9999):04d}" if spec.kind is Kind.MONEY
                       else 0 if path.startswith("t1.regulations") else small())
    return v


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        words = rng.sample(WORDS, 5)
        sentences.append(f"全年围绕{words[0]}和{words[1]}，推进{words[2]}、{words[3]}与{words[4]}，"
                         f"完成{rng.randint(1, 900)}项工作任务")
    return "。".join(sentences) + "。"


def stamp(parts: dict[str, bytes], name: str, values: dict[str, object], texts: dict[str, str]) -> bytes:
    """A template's zip parts with this unit's name, figures and paragraphs."""
    paths = FORMATS["2021"].cell_paths
    number = re.compile(rb"%d(\d{3})" % (MARK // 1000))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, body in parts.items():
            body = number.sub(lambda m: str(values[paths[int(m.group(1))]]).encode(), body)
            for key, text in (*texts.items(), (NAME, name)):
                # the XML writer may spell non-ASCII text as character references
                for spelling in (key.encode(), key.encode("ascii", "xmlcharrefreplace")):
                    body = body.replace(spelling, text.encode())
            z.writestr(part, body)
    return out.getvalue()


def hand_template() -> bytes:
    """A workbook a unit made itself: one sheet, its own layout, variant labels, no hidden sheet."""
    import openpyxl

    fmt = FORMATS["2021"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报"
    ws.append([f"{NAME}2025年政府信息公开工作年度报告"])
    for key in ("s1",):
        ws.append([fmt.section[key].heading])
        ws.append([f"{NAME}段落s100"])
    ws.append(["二、主动公开政府信息情况"])
    t1 = fmt.table["t1"]
    for block in ("（一）", "（五）", "（六）", "（八）"):
        ws.append([f"第二十条第{block}项"])
        items = [a for a in t1.rows if a.group == f"第二十条第{block}项"]
        cols = [c for c in t1.cols if any(f"t1.{a.key}.{c.key}" in fmt.cell for a in items)]
        ws.append(["信息内容"] + [c.label for c in cols])
        for a in items:
            ws.append([a.label] + [MARK + fmt.cell_paths.index(f"t1.{a.key}.{c.key}") for c in cols])
    ws.append(["三、收到和处理政府信息公开申请情况"])
    t2 = fmt.table["t2"]
    ws.append(["", "", "", "申请人情况"])
    ws.append(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    for row in t2.rows:
        label = row.label.replace("只计这一情形", "只计这一情况")    # a variant seen in real reports (S04)
        first = "三、本年度办理结果" if row.key == "L1" else ""
        ws.append([first, row.group if row.group != "三、本年度办理结果" else "", label]
                  + [MARK + fmt.cell_paths.index(f"t2.{row.key}.{c.key}") for c in t2.cols])
    ws.append(["四、政府信息公开行政复议、行政诉讼情况"])
    ws.append(["行政复议", "", "", "", "", "行政诉讼"])
    ws.append(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    ws.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    ws.append([MARK + fmt.cell_paths.index(f"t3.{g}.{f}") for g in ("RV", "LD", "LR") for f in "MKOPS"])
    for key in ("s5", "s6"):
        ws.append([fmt.section[key].heading])
        for i in range(PARAGRAPHS[key]):
            ws.append([f"{NAME}段落{key}{i:02d}"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def generate(folder: Path, n: int) -> list[Path]:
    marker = folder / f".generated-{VERSION}-{n}"
    paths = [folder / f"u{i:05d}.xlsx" for i in range(n)]
    if marker.exists():
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    own = _parts(xlsx_write.encode(template_report()))
    hand = _parts(hand_template())
    rng = random.Random(n)
    t0 = time.perf_counter()
    texts: dict[str, str] = {}
    for i, path in enumerate(paths):
        if i % COPY_EVERY != COPY_EVERY - 1:       # now and then a unit copies the previous one's texts
            texts = {f"{NAME}段落{key}{k:02d}": paragraph(rng) for key, m in PARAGRAPHS.items() for k in range(m)}
        parts = hand if i % HAND_EVERY == HAND_EVERY - 1 else own
        path.write_bytes(stamp(parts, f"第{i:05d}号街道办事处", unit_values(rng), texts))
    marker.write_text(f"{n} files in {time.perf_counter() - t0:.0f} s\n")
    return paths


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: z.read(i) for i in z.infolist()}


# ---------------------------------------------------------------- measuring

def one_run(folder: Path, n: int, out: Path) -> dict:
    """In a fresh process: summarize the folder and write the workbook; times and peak memory."""
    from govreport_desktop.io import summary_run, summary_write

    paths = sorted(folder.glob("u*.xlsx"))[:n]
    t0 = time.perf_counter()
    summary = summary_run.summarize_files(paths)
    t1 = time.perf_counter()
    summary_write.save(summary, out)
    t2 = time.perf_counter()
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"read_sum": t1 - t0, "write": t2 - t1, "total": t2 - t0, "parent_mb": me.ru_maxrss / 1024,
            "worker_mb": workers.ru_maxrss / 1024, "worker_cpu_ms": (workers.ru_utime + workers.ru_stime) / n * 1000,
            "parent_cpu_s": me.ru_utime + me.ru_stime, "included": len(summary.included),
            "similar": len(summary.similar), "output_mb": out.stat().st_size / 1e6}


def openpyxl_rate(paths: list[Path], sample: int, read_only: bool = False) -> float:
    """Seconds per file of a plain openpyxl load loop over a spread sample of the files."""
    import openpyxl

    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    t = time.perf_counter()
    for p in chosen:
        wb = openpyxl.load_workbook(p, read_only=read_only)
        wb.close()
    return (time.perf_counter() - t) / len(chosen)


def per_file_readers(paths: list[Path], sample: int) -> tuple[float, float]:
    """ms per own workbook: the normal reader and the fast reader, one process."""
    from govreport_desktop.io import xlsx_fast, xlsx_read

    own = [p for i, p in enumerate(paths) if i % HAND_EVERY != HAND_EVERY - 1][:sample]
    out = []
    for read in (xlsx_read.read, xlsx_fast.read):
        read(own[0])
        t = time.perf_counter()
        for p in own:
            read(p)
        out.append((time.perf_counter() - t) / len(own) * 1000)
    return out[0], out[1]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--rounds", type=int, default=3, help="runs per size (1 for sizes ≥ 5000)")
    ap.add_argument("--sample", type=int, default=200, help="files in the openpyxl baseline")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "govreport-bench-summary")
    ap.add_argument("--one-run", nargs=3, metavar=("DIR", "N", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one_run:
        folder, n, out = args.one_run
        print(json.dumps(one_run(Path(folder), int(n), Path(out))))
        return
    print(f"load average before the runs: {' '.join(Path('/proc/loadavg').read_text().split()[:3])} "
          "(other work on this machine slows the 2 workers)" if Path("/proc/loadavg").exists() else "")
    for n in args.sizes:
        folder = args.dir / f"n{n}"
        t = time.perf_counter()
        paths = generate(folder, n)
        print(f"{n} unit workbooks in {folder} (every {HAND_EVERY}th laid out by hand), "
              f"ready in {time.perf_counter() - t:.1f} s")
        normal_ms, fast_ms = per_file_readers(paths, min(200, n))
        base = openpyxl_rate(paths, min(args.sample, n))
        base_ro = openpyxl_rate(paths, min(args.sample, n), read_only=True)
        runs = []
        for _ in range(args.rounds if n < 5000 else 1):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [sys.executable, __file__, "--one-run", str(folder), str(n), str(Path(tmp) / "汇总.xlsx")]
                runs.append(json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        loop = base * n
        print(f"  read one own workbook (1 process): normal reader {normal_ms:.2f} ms, fast reader {fast_ms:.2f} ms")
        print(f"  summarize, median of {len(runs)}: read + check + sum {med['read_sum']:.2f} s "
              f"({n / med['read_sum']:.0f} files/s), output workbook {med['write']:.2f} s "
              f"({med['output_mb']:.1f} MB), total {med['total']:.2f} s")
        print(f"  CPU: workers {med['worker_cpu_ms']:.2f} ms per file, parent {med['parent_cpu_s']:.1f} s")
        print(f"  peak memory: parent {med['parent_mb']:.0f} MB, largest worker {med['worker_mb']:.0f} MB; "
              f"{int(med['included'])} units summed, {int(med['similar'])} 内容雷同 pairs")
        print(f"  openpyxl.load_workbook loop: {base * 1000:.1f} ms/file ({loop:.0f} s for {n}; read_only "
              f"{base_ro * 1000:.1f} ms/file); ratio {loop / med['read_sum']:.0f}× (read + check + sum), "
              f"{loop / med['total']:.0f}× (with the output workbook)")


if __name__ == "__main__":
    main()
