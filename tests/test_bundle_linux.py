"""The Linux one-folder bundle (installer/build-linux.sh) builds and passes its smoke test.

Slow (about a minute: PyInstaller plus the smoke runs), so it runs only when asked:

    GOVREPORT_BUILD_BUNDLE=1 bash scripts/test.sh tests/test_bundle_linux.py
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("GOVREPORT_BUILD_BUNDLE") != "1",
    reason="builds the PyInstaller bundle (~1 min); set GOVREPORT_BUILD_BUNDLE=1 to run",
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")
def test_linux_bundle_builds_and_passes_smoke():
    env = dict(os.environ, RUNS="3")
    env.pop("GOVREPORT_ENTRY", None)  # the real entry point, not a stand-in
    proc = subprocess.run(["bash", str(ROOT / "installer" / "build-linux.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, tail
    assert "OK: Linux bundle" in proc.stdout, tail
    exe = ROOT / "build" / "linux" / "dist" / "govreport-desktop" / "govreport-desktop"
    assert exe.is_file()
