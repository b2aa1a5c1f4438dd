"""Rasterise the app icon: resources/icons/waakvlam.svg -> PNG sizes and a Windows ICO.

    .venv/bin/python packaging/make_icons.py

Writes src/waakvlam_desktop/resources/icons/waakvlam-<N>.png (N = 16 … 256, used at run
time and for the Linux hicolor icon theme), a copy of the SVG next to them, and
packaging/windows/waakvlam.ico (all sizes, for the EXE and the installer). The outputs
are committed (small); run this again after changing the SVG.
Qt renders the SVG offscreen (QSvgRenderer); Pillow (a reportlab dependency) writes the ICO.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "waakvlam.svg"
PNG_DIR = ROOT / "src" / "waakvlam_desktop" / "resources" / "icons"
ICO = ROOT / "packaging" / "windows" / "waakvlam.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: geen geldige SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    images = []
    for size in SIZES:
        png = render_png(SOURCE, size)
        (PNG_DIR / f"waakvlam-{size}.png").write_bytes(png)
        images.append(Image.open(io.BytesIO(png)).convert("RGBA"))
    shutil.copyfile(SOURCE, PNG_DIR / "waakvlam.svg")
    # Each size rendered from the vector source (not scaled down from 256 px).
    largest = images[-1]
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    for size in SIZES:
        print(f"{PNG_DIR / f'waakvlam-{size}.png'}")
    print(ICO, ICO.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
