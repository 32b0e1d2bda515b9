"""Where bundled files are, from a source checkout, an installed package or a PyInstaller exe.

Plain Python (no Qt) so the command line and the installer's smoke test can use it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_NAME = "zhaohui-street-2021.json"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def base_dir() -> Path:
    """The folder that holds `resources/`.

    Frozen: PyInstaller unpacks (one-file) or places (one-folder) data under sys._MEIPASS.
    Source checkout: the repository root, two levels above this file.
    """
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent, here):  # checkout root, or resources shipped inside the package
        if (candidate / "resources").is_dir():
            return candidate
    return here.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource_path("samples", SAMPLE_NAME)."""
    return base_dir().joinpath("resources", *parts)


def sample_path() -> Path:
    return resource_path("samples", SAMPLE_NAME)


# The same sample as a published Word document and PDF (installer/make_samples.py): the smoke
# test imports them.
PUBLISHED_SAMPLES = (".docx", ".pdf")


def published_samples() -> list[Path]:
    return [sample_path().with_suffix(s) for s in PUBLISHED_SAMPLES]
