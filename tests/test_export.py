"""The export layer (io/export/): exporters by suffix, written through the atomic write and typed
errors of saving, never touching the report or a report file; the print layout without Qt."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from govreport_desktop import cli
from govreport_desktop.io import export as exp
from govreport_desktop.io import files, jsondoc
from govreport_desktop.io.errors import FileLockedError, MissingComponentError, UnsupportedFileError, WriteError


@pytest.fixture
def county(load_truth):
    return load_truth("shuyang-county-2025")


@pytest.fixture
def fake(monkeypatch):
    """An exporter for “.pub” that records what it was given."""
    calls = []

    def encode(report, *, problems=None):
        calls.append((report, problems))
        return f"{report.unit}|{len(problems or [])}".encode(), ["表三按横向排版"]

    monkeypatch.setitem(exp.EXPORTERS, ".pub", encode)
    return calls


def test_export_writes_the_bytes_and_leaves_the_report_alone(county, fake, tmp_path):
    before = county.copy()
    out = tmp_path / "发布.pub"
    assert exp.export(county, out, problems=["p1", "p2"]) == ["表三按横向排版"]
    assert out.read_bytes() == "沭阳县人民政府|2".encode()
    assert county == before and fake[0][1] == ["p1", "p2"]
    exp.export(county, out)                           # again: replaced, no backup copy left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["发布.pub"]


def test_kind_chooses_the_exporter_when_the_suffix_does_not(county, fake, tmp_path):
    out = tmp_path / "发布.txt"
    exp.export(county, out, kind="pub")
    assert out.read_bytes().startswith("沭阳县人民政府".encode())


def test_export_never_writes_over_a_report_file(county, fake, tmp_path):
    target = tmp_path / "报告.json"
    files.save_report(county, target)
    before = target.read_bytes()
    with pytest.raises(WriteError, match="导出不会覆盖报告文件"):
        exp.export(county, target, kind=".pub")
    assert target.read_bytes() == before


def test_a_failed_export_keeps_the_previous_file(county, fake, tmp_path, monkeypatch):
    out = tmp_path / "发布.pub"
    out.write_bytes(b"previous")

    def locked(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileLockedError, match="当前内容未丢失"):
        exp.export(county, out)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["发布.pub"] and out.read_bytes() == b"previous"


def test_unsupported_kind_and_missing_library(county, tmp_path, monkeypatch):
    with pytest.raises(UnsupportedFileError, match="不支持导出为“.odt”文件"):
        exp.export(county, tmp_path / "a.odt")

    def needs_docx(report, *, problems=None):
        raise ModuleNotFoundError("No module named 'docx'", name="docx")

    monkeypatch.setitem(exp.EXPORTERS, ".docx", needs_docx)
    with pytest.raises(MissingComponentError, match="无法导出为 .docx：缺少组件 python-docx"):
        exp.export(county, tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()


def test_cli_convert_exports_through_the_registry(county, fake, tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_bytes(jsondoc.encode(county))
    assert cli.main(["convert", str(src), str(tmp_path / "out.pub")]) == 0
    assert (tmp_path / "out.pub").read_bytes().startswith("沭阳县人民政府".encode())
    assert capsys.readouterr().err == "govreport: 表三按横向排版\n"
    # a type neither saved nor exported: the message of saving, as before
    assert cli.main(["convert", str(src), str(tmp_path / "out.odt")]) == 2
    assert "不支持保存为“.odt”文件，可保存为：.json、.xlsx" in capsys.readouterr().err


PRINT_PDF = r"""
import sys
import pypdfium2
from govreport_desktop.io import jsondoc
from govreport_desktop.io.export import pdf
data, _notices = pdf.encode(jsondoc.read(sys.argv[1]))
print(len(pypdfium2.PdfDocument(data)), any(m.startswith("PySide6") for m in sys.modules))
"""


def test_the_print_layout_is_the_publication_pdf_made_without_qt(county, tmp_path):
    """Printing paints the pages of the publication PDF (ui/printing.py); that PDF is plain Python."""
    from govreport_desktop.io.export import fonts

    if fonts.find(("宋体",))[0] is None:
        pytest.skip("no CJK TrueType font on this machine")
    src = tmp_path / "r.json"
    src.write_bytes(jsondoc.encode(county))
    p = subprocess.run([sys.executable, "-c", PRINT_PDF, str(src)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    n_pages, qt = p.stdout.split()
    assert int(n_pages) >= 8 and qt == "False"          # the county report: 9 pages of 公文
