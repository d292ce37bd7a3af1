"""The app's window icon, from the bundled PNGs (one drawn for every size).

Start-up cost matters here: the icon is set before the first paint, and
decoding eight PNGs (up to 512 px) took about 10 ms. Installed from a wheel,
a checkout or a PyInstaller bundle the PNGs are plain files, which QIcon reads
only when a size is first asked for. Only where the package is not a folder
(a zip) are they read as bytes and decoded at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from geodl_app import resources as bundled

if TYPE_CHECKING:
    from importlib.abc import Traversable

ICON_NAME = "geodl-app"
# The sizes drawn by packaging/make-icons; 16 and 24 come from the simplified drawing.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """GeoDL Companion's icon with a hand-tuned pixmap for every drawn size."""
    folder: Traversable = bundled.FOLDER / "icons"
    if not folder.is_dir():  # a zipped package
        from importlib import resources

        folder = resources.files("geodl_app.resources").joinpath("icons")
    icon = QIcon()
    for size in ICON_SIZES:
        name = f"{ICON_NAME}-{size}.png"
        entry = folder.joinpath(name)
        if isinstance(entry, Path):
            if not entry.is_file():
                raise RuntimeError(f"bundled icon {name} is missing")
            icon.addFile(str(entry), QSize(size, size))
            continue
        pixmap = QPixmap()
        if not pixmap.loadFromData(entry.read_bytes(), "PNG"):
            raise RuntimeError(f"bundled icon {name} is not a readable PNG")
        icon.addPixmap(pixmap)
    return icon
