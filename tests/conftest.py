"""Shared test fixtures: the real published reports of ../shared/fixtures, offscreen Qt."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVREPORT_SHARED", ROOT.parent / "shared"))
TRUTH = SHARED / "fixtures" / "truth"
REPORTS = SHARED / "fixtures" / "reports"
SAMPLES = ROOT / "resources" / "samples"


def truth_path(name: str) -> Path:
    path = TRUTH / f"{name}.json"
    if not path.exists():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    return path


@pytest.fixture
def load_truth():
    from govreport_desktop.io import jsondoc

    return lambda name: jsondoc.read(truth_path(name))


@pytest.fixture
def zhaohui():
    from govreport_desktop.io import jsondoc

    return jsondoc.read(SAMPLES / "zhaohui-street-2021.json")


@pytest.fixture
def county(load_truth):
    """沭阳县人民政府 2025: R1 713, R2 36, R3 718, R4 31; 表三 61 / 3 / 10."""
    return load_truth("shuyang-county-2025")
