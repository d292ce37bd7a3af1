"""The app's window icon, read from the bundled PNGs through importlib.resources.

Reading bytes (rather than opening paths) works the same from a checkout, a
wheel, a zip and a PyInstaller bundle.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

ICON_NAME = "geodl-app"
# The sizes drawn by packaging/make-icons; 16 and 24 come from the simplified drawing.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """GeoDL Companion's icon with a hand-tuned pixmap for every drawn size."""
    folder = resources.files("geodl_app.resources").joinpath("icons")
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        name = f"{ICON_NAME}-{size}.png"
        if not pixmap.loadFromData(folder.joinpath(name).read_bytes(), "PNG"):
            raise RuntimeError(f"bundled icon {name} is not a readable PNG")
        icon.addPixmap(pixmap)
    return icon
