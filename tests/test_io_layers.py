"""io/ is layered: no module imports another that imports it back (also not through a function-
level import), nothing under io/ imports Qt, each module can be the first one imported, and
reading a workbook with calamine does not load openpyxl."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT
from govreport_desktop.io import files

PACKAGE = ROOT / "govreport_desktop"
IO = PACKAGE / "io"


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    """Every module of the package this file imports, wherever the import statement is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):   # imports for type checkers only never run
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)   # `from . import jsondoc`
    return out


def io_modules(top=IO) -> dict[str, set[str]]:
    mods = {module_name(p): p for p in top.rglob("*.py")}
    return {m: {i for i in imports_of(p) if i in mods and i != m} for m, p in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_under_io():
    graph = io_modules()
    assert "govreport_desktop.io.base" in graph and "govreport_desktop.io.export" in graph
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph))


def test_no_import_cycle_in_the_package():
    # A package imports its own __init__ first, so a module importing its package is no cycle.
    graph = io_modules(PACKAGE)
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    assert "govreport_desktop.ui.session" in graph and "govreport_desktop.core.rules.engine" in graph
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph))


def test_core_and_io_never_import_qt():
    for path in [*IO.rglob("*.py"), *(PACKAGE / "core").rglob("*.py")]:
        qt = sorted(i for i in imports_of(path) if i.split(".")[0] in ("PySide6", "shiboken6"))
        assert not qt, f"{path.relative_to(ROOT)} imports {qt}"


def test_io_never_imports_qt():
    for path in IO.rglob("*.py"):
        qt = sorted(i for i in imports_of(path) if i.split(".")[0] in ("PySide6", "shiboken6"))
        assert not qt, f"{path.relative_to(ROOT)} imports {qt}"


FRESH = r"""
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    for m in [m for m in sys.modules if m.startswith("govreport_desktop")]:
        del sys.modules[m]
    try:
        importlib.import_module(name)
    except Exception as e:
        failed[name] = f"{type(e).__name__}: {e}"
print(json.dumps(failed))
"""


def test_every_io_module_imports_first():
    names = sorted(io_modules())
    p = subprocess.run([sys.executable, "-c", FRESH, json.dumps(names)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == {}


READ_WITHOUT_OPENPYXL = r"""
import json, sys
from govreport_desktop.io import files, xlsx_read
own = files.open_report(sys.argv[1])
foreign = xlsx_read.read(sys.argv[2], backend="calamine")
print(json.dumps({"own": own.report.unit, "foreign": foreign.report.unit,
                  "openpyxl": sorted(m for m in sys.modules if m.split(".")[0] == "openpyxl")}))
"""


@pytest.fixture
def own_and_foreign(tmp_path, load_truth):
    own, foreign = tmp_path / "本软件.xlsx", tmp_path / "其他单位.xlsx"
    files.save_report(load_truth("shuyang-county-2025"), own)
    wb = openpyxl.load_workbook(own)
    del wb["_govreport"]                 # no hidden copy: read by its labels
    wb.save(foreign)
    return own, foreign


def test_calamine_reads_without_importing_openpyxl(own_and_foreign):
    own, foreign = own_and_foreign
    p = subprocess.run([sys.executable, "-c", READ_WITHOUT_OPENPYXL, str(own), str(foreign)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    assert got == {"own": "沭阳县人民政府", "foreign": "沭阳县人民政府", "openpyxl": []}
