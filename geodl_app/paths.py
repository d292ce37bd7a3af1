"""Every path the app writes to, resolved in one place.

Real use: platformdirs' user data directory for ``geodl-app``. Overrides, in
order: an explicit directory (``--data-dir``), then the environment variable
``GEODL_APP_DATA_DIR``. Tests set the variable so nothing touches the real
user directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from geodl_app import APP_NAME

DATA_DIR_ENV = "GEODL_APP_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use *path* for user data for the rest of this process (None: default)."""
    global _override
    _override = None if path is None else Path(path).expanduser().resolve()


def data_dir() -> Path:
    """The directory holding the user's stars, notes and settings (not created)."""
    if _override is not None:
        return _override
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs  # imported late: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_data_dir() -> Path:
    """The data directory, created if missing."""
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path
