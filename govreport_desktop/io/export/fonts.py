"""Finding the Chinese typefaces for the PDF on this machine, at run time.

Windows offices have 宋体, 仿宋, 黑体 and 楷体 (simsun.ttc, simfang.ttf, simhei.ttf, simkai.ttf)
and often also 方正小标宋简体, 仿宋_GB2312 and 楷体_GB2312, installed under varying file names,
for all users or (without admin rights) for the current user only. The font folders are read
once per process: each font's family names come from its `name` table, so a font is found by
the name Word shows. On Linux, free fonts stand in for the Windows ones (Debian packages
fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-microhei; see scripts/setup.sh).

Only TrueType outlines are used: the PDF library embeds and subsets those (not CFF/OpenType).
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import WriteError

# Other spellings of each family (English names in the fonts' name tables).
ALIASES = {
    "方正小标宋简体": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "仿宋_GB2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "楷体_GB2312": ("楷体_GB2312", "KaiTi_GB2312"),
    "宋体": ("宋体", "SimSun"),
    "仿宋": ("仿宋", "FangSong"),
    "楷体": ("楷体", "KaiTi"),
    "黑体": ("黑体", "SimHei"),
}
# Free fonts that stand in when a family is missing (typically on Linux).
SUBSTITUTES = {
    "宋体": ("AR PL UMing CN", "AR PL SungtiL GB", "WenQuanYi Zen Hei"),
    "仿宋": ("AR PL UMing CN", "AR PL SungtiL GB"),
    "楷体": ("AR PL UKai CN", "AR PL KaitiM GB", "AR PL UMing CN"),
    "黑体": ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback"),
}
ANY_CJK = tuple(dict.fromkeys(n for names in SUBSTITUTES.values() for n in names))
SUFFIXES = (".ttf", ".ttc")


class FontMissingError(WriteError):
    """No Chinese TrueType font could be found for the PDF."""


NO_FONT = ("找不到可用的中文字体，无法生成 PDF。Windows 自带的宋体、仿宋、黑体、楷体任一即可；"
           "Linux 上请安装 fonts-arphic-uming 等中文字体（见 scripts/setup.sh）。")


@dataclass(frozen=True)
class FontFile:
    family: str       # the name it was found under
    path: Path
    index: int = 0    # the font's number inside a .ttc collection


def font_dirs() -> list[Path]:
    """Where fonts live on this system, system-wide and per user."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs = [windir / "Fonts"] + ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])
    elif sys.platform == "darwin":
        dirs = [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
        dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path(data) / "fonts", home / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def family_names(path: Path) -> list[tuple[int, set[str]]]:
    """(index, family names) of each TrueType-outline font in a .ttf/.ttc file; [] if unreadable."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:4] == b"ttcf":
                (count,) = struct.unpack(">I", head[8:12])
                offsets = struct.unpack(f">{min(count, 64)}I", f.read(4 * min(count, 64)))
            else:
                offsets = (0,)
            return [(i, names) for i, off in enumerate(offsets) if (names := _names_at(f, off))]
    except (OSError, struct.error, ValueError):
        return []


def _names_at(f, offset: int) -> set[str]:
    f.seek(offset)
    hdr = f.read(12)
    if hdr[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return set()                       # CFF outlines (OTTO) or not a font
    (num,) = struct.unpack(">H", hdr[4:6])
    directory = f.read(16 * num)
    for k in range(num):
        tag, _sum, toff, tlen = struct.unpack(">4sIII", directory[16 * k:16 * k + 16])
        if tag == b"name":
            f.seek(toff)
            return _parse_name_table(f.read(min(tlen, 1 << 20)))
    return set()


def _parse_name_table(data: bytes) -> set[str]:
    _fmt, count, strings = struct.unpack(">HHH", data[:6])
    out = set()
    for k in range(count):
        platform, encoding, _lang, name_id, length, off = struct.unpack(">6H", data[6 + 12 * k:18 + 12 * k])
        if name_id not in (1, 4, 16):      # family, full name, typographic family
            continue
        raw = data[strings + off:strings + off + length]
        if platform in (0, 3):
            text = raw.decode("utf-16-be", "ignore")
        elif platform == 1 and encoding == 0:
            text = raw.decode("latin-1")
        else:
            continue
        if text.strip():
            out.add(text.strip())
    return out


@lru_cache(maxsize=1)
def installed() -> dict[str, FontFile]:
    """Every TrueType font family on this system, by each of its names (read once)."""
    found: dict[str, FontFile] = {}
    for folder in font_dirs():
        for path in sorted(_font_files(folder)):
            for index, names in family_names(path):
                for name in names:
                    found.setdefault(name, FontFile(name, path, index))
    return found


def _font_files(folder: Path):
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.lower().endswith(SUFFIXES):
                yield Path(root) / name


def find(names: tuple[str, ...]) -> tuple[FontFile | None, bool]:
    """The first installed family among `names` (with their aliases), else a free stand-in.

    Returns (font, substituted): substituted is True when none of the names was found.
    """
    fonts = installed()
    for name in names:
        for alias in ALIASES.get(name, (name,)):
            if alias in fonts:
                return fonts[alias], False
    for name in reversed(names):             # the most common name has the closest stand-ins
        for sub in SUBSTITUTES.get(name, ()):
            if sub in fonts:
                return fonts[sub], True
    for sub in ANY_CJK:
        if sub in fonts:
            return fonts[sub], True
    return None, True
