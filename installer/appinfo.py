"""Version and names for the build files, read from govreport_desktop/__init__.py.

The package's __init__ is the one place the version lives. It is parsed, not imported, so
this works with any Python (the host's, or the Windows one under wine) without the app's
dependencies.

    python3 installer/appinfo.py            # shell assignments: VERSION=... APP_ID=... ...
    python installer/appinfo.py --env       # raw KEY=VALUE lines (GitHub Actions' $GITHUB_ENV)
    import appinfo; appinfo.read()          # from the PyInstaller spec
"""

from __future__ import annotations

import ast
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHER = "政务公开年报助手开发组"   # uninstall entry, version resource
EXE_NAME = "govreport-desktop"        # ASCII: the .exe, the install folder and registry keys


def read() -> dict[str, str]:
    tree = ast.parse((ROOT / "govreport_desktop" / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    version = found["__version__"]
    # Windows wants four numbers: "0.1.0" -> 0.1.0.0, "1.2.3rc1" -> 1.2.3.0
    nums = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    nums += [0] * (4 - len(nums))
    return {
        "VERSION": version,
        "VERSION4": ".".join(map(str, nums)),
        "APP_NAME": found["APP_NAME"],
        "APP_ID": found["APP_ID"],
        "EXE_NAME": EXE_NAME,
        "PUBLISHER": PUBLISHER,
    }


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    raw = "--env" in sys.argv[1:]
    for key, value in read().items():
        print(f"{key}={value if raw else shlex.quote(value)}")
