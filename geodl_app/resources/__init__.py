"""Bundled data: the GDL 2024 programme, icons and desktop metadata.

Installed from a wheel, a checkout or a PyInstaller bundle, these are plain
files beside this module, read straight from :data:`FOLDER`: importing
``importlib.resources`` to find them cost every start about 10 ms. Only where
the package is not a folder (a zip) does :func:`read_bytes` ask it.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def read_bytes(name: str) -> bytes:
    """The bytes of the bundled file *name* (raises OSError if it is missing)."""
    try:
        return (FOLDER / name).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        from importlib import resources

        return resources.files(__name__).joinpath(name).read_bytes()
