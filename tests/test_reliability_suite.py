"""The short form of benchmarks/reliability.py, run in CI: a few hundred mutated files of every
readable type through `govreport check`, saves killed at random moments, and a window killed
while typing. The long form (10 000 files, 200 kills, 20 windows) is run on demand:
`python benchmarks/reliability.py`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def suite():
    spec = importlib.util.spec_from_file_location("reliability", ROOT / "benchmarks" / "reliability.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["reliability"] = module          # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_mutated_files_give_a_message_never_a_traceback(suite, tmp_path):
    res = suite.fuzz(300, seed=11, folder=tmp_path)
    assert res.files == 300 and set(res.by_suffix) == {".json", ".xlsx", ".xls", ".docx", ".pdf", ".html", ".txt"}
    assert res.read and res.refused                           # both paths were exercised
    assert res.failures == [] and res.tracebacks == 0 and res.bad_messages == 0
    assert res.timeouts == 0 and res.max_s < suite.LIMIT_S


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_saves_leave_whole_versions_and_no_temporary_files(suite, tmp_path):
    res = suite.kill_rounds(20, seed=5, folder=tmp_path)
    assert res.broken == [] and res.whole == 20
    assert res.versions_seen >= 20 * 2                        # the file and at least its .bak
    assert res.temps_after_start == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_window_killed_while_typing_offers_its_work_back(suite, tmp_path):
    res = suite.edit_kill_rounds(1, seed=3, folder=tmp_path, typing_s=(6.0, 6.0))
    assert res.broken == [] and res.restored == 1 and res.typed >= 40
    assert res.lost_s[0] <= suite.MAX_LOST_S
