"""Draw the application icon and write resources/icon.png (256 px) and resources/icon.ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icon.py

Shapes only, no text: the result must not depend on which fonts the machine has.
Qt's own ICO writer (imageformats/qico) stores a single image, but Windows picks the
icon size per view (16 px in lists, 32/48 px on the desktop, 256 px in large tiles),
so the .ico container is assembled here: classic 32-bit DIB entries for 16-48 px
(every Windows and NSIS understands them) and a PNG entry for 256 px (Vista and later).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter,
                           QPainterPath, QPen)

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 24, 32, 48, 64, 256)
PNG_FROM = 256  # sizes >= this are stored as PNG inside the .ico

RED_TOP, RED_BOTTOM = QColor("#d7262b"), QColor("#a8151b")
GOLD = QColor("#f5c342")


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # draw on a 256 x 256 canvas

    # Red rounded square (the colour of official documents).
    grad = QLinearGradient(0, 0, 0, 256)
    grad.setColorAt(0, RED_TOP)
    grad.setColorAt(1, RED_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)

    # White report sheet with a folded corner.
    sheet = QPainterPath()
    sheet.moveTo(62, 36)
    sheet.lineTo(160, 36)
    sheet.lineTo(196, 72)
    sheet.lineTo(196, 220)
    sheet.lineTo(62, 220)
    sheet.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(sheet)
    fold = QPainterPath()
    fold.moveTo(160, 36)
    fold.lineTo(160, 72)
    fold.lineTo(196, 72)
    fold.closeSubpath()
    p.setBrush(QColor("#f1c9ca"))
    p.drawPath(fold)

    # A small table: the 年报's statistics tables. Thicker lines at small sizes stay visible.
    width = 10 if size <= 24 else 7
    p.setPen(QPen(RED_BOTTOM, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    for y in (100, 130, 160, 190):
        p.drawLine(QPointF(82, y), QPointF(176, y))
    if size > 24:
        p.drawLine(QPointF(120, 100), QPointF(120, 190))

    # Gold check mark: the report has been checked.
    p.setPen(QPen(GOLD, 26, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath()
    check.moveTo(138, 186)
    check.lineTo(168, 214)
    check.lineTo(224, 146)
    p.drawPath(check)
    p.end()
    return img.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(img: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    return bytes(buf.data())


def dib_bytes(img: QImage) -> bytes:
    """BITMAPINFOHEADER + bottom-up BGRA rows + an all-zero AND mask (alpha is used)."""
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    # Format_ARGB32 is 0xAARRGGBB per pixel, i.e. B, G, R, A bytes on little-endian machines.
    assert sys.byteorder == "little"
    stride = img.bytesPerLine()
    bits = bytes(img.constBits())[: stride * h]
    rows = [bits[y * stride: y * stride + w * 4] for y in range(h)]
    mask_stride = ((w + 31) // 32) * 4
    return header + b"".join(reversed(rows)) + bytes(mask_stride * h)


def ico_bytes(images: list[QImage]) -> bytes:
    blobs = [png_bytes(i) if i.width() >= PNG_FROM else dib_bytes(i) for i in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for img, blob in zip(images, blobs):
        side = img.width() if img.width() < 256 else 0  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return out + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = [draw(s) for s in ICO_SIZES]
    res = ROOT / "resources"
    (res / "icon.png").write_bytes(png_bytes(images[-1]))
    (res / "icon.ico").write_bytes(ico_bytes(images))
    # Read it back through Qt's own ICO reader: every size must decode.
    from PySide6.QtGui import QImageReader
    reader = QImageReader(str(res / "icon.ico"))
    sizes = []
    while True:
        im = reader.read()
        if im.isNull():
            break
        sizes.append(im.width())
        if not reader.jumpToNextImage():
            break
    if sorted(sizes) != sorted(ICO_SIZES):
        print(f"icon.ico read back as sizes {sizes}, expected {ICO_SIZES}", file=sys.stderr)
        return 1
    print(f"wrote {res / 'icon.png'} and {res / 'icon.ico'} (sizes {sizes})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
