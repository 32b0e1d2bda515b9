"""Check the file a smoke run wrote, optionally against a reference written by the source tree.

    python installer/check_output.py OUT.xlsx [REFERENCE.xlsx]

.xlsx: openpyxl must open it, it must have cells with Chinese text, and with a reference every
sheet name and cell value must be equal (the frozen app, e.g. the Windows exe under wine,
must write what the unfrozen code writes on Linux). .json (the fallback before the Excel
writer existed): both must parse and be equal. Exit 0 when all is well.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")


def xlsx_cells(path: Path) -> dict[str, dict[str, object]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)  # not read_only: merged cells and formats load too
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row
                       if c.value is not None}
            for ws in wb.worksheets}


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(encoding="utf-8")
    out = Path(argv[0])
    ref = Path(argv[1]) if len(argv) > 1 else None
    if not out.is_file() or out.stat().st_size == 0:
        print(f"FAIL: {out} missing or empty")
        return 1
    if out.suffix.lower() == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        if ref and json.loads(ref.read_text(encoding="utf-8")) != data:
            print(f"FAIL: {out.name} differs from the reference")
            return 1
        print(f"OK: {out.name} is valid JSON" + (", equal to the reference" if ref else ""))
        return 0

    sheets = xlsx_cells(out)
    ncells = sum(len(c) for c in sheets.values())
    chinese = sum(1 for c in sheets.values() for v in c.values() if isinstance(v, str) and CJK.search(v))
    print(f"{out.name}: {len(sheets)} sheet(s) {list(sheets)}, {ncells} cells, {chinese} with Chinese text")
    if not ncells or not chinese:
        print("FAIL: no cells, or no Chinese text")
        return 1
    if ref:
        want = xlsx_cells(ref)
        if list(want) != list(sheets):
            print(f"FAIL: sheets {list(sheets)} != reference {list(want)}")
            return 1
        diffs = [(s, k, v, want[s].get(k)) for s in sheets for k, v in sheets[s].items()
                 if want[s].get(k) != v]
        diffs += [(s, k, None, v) for s in want for k, v in want[s].items() if k not in sheets[s]]
        for s, k, got, exp in diffs[:20]:
            print(f"  {s}!{k}: {got!r} != reference {exp!r}")
        if diffs:
            print(f"FAIL: {len(diffs)} cell(s) differ from the reference")
            return 1
        print("OK: every sheet and cell equals the reference written from source")
    else:
        print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
