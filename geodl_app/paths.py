"""Every path the app writes to, resolved in one place.

Real use: platformdirs' user data directory for ``geodl-app``. Overrides, in
order: an explicit directory (``--data-dir``), then the environment variable
``GEODL_APP_DATA_DIR``. Tests set the variable so nothing touches the real
user directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

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


# A conference id may be 200 characters of "/" and ":", each written as "%2F"
# in a file name: far past the 255 bytes a file name may have, before the
# suffixes of backups and set-aside copies are added.
MAX_STEM_ID_LENGTH = 60
_NOT_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9._@+-]+")


def conference_file_stem(conference_id: str) -> str:
    """The part of a file name that names a conference (its plan, its programme).

    The id itself when it is short and safe in a file name (every plan made so
    far keeps its name); else its safe characters cut to 60, a hyphen and the
    first ten hex digits of the id's SHA-256, so that two ids never share a
    file and every name stays short.
    """
    if len(conference_id) <= MAX_STEM_ID_LENGTH and not _NOT_IN_FILE_NAMES.search(conference_id):
        return conference_id
    import hashlib  # here: it loads OpenSSL (~2.5 ms of a start), for unusual ids only

    readable = _NOT_IN_FILE_NAMES.sub("-", conference_id)[:MAX_STEM_ID_LENGTH].strip("-.")
    digest = hashlib.sha256(conference_id.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else digest


def legacy_file_stem(conference_id: str) -> str:
    """The stem earlier versions used: the id with unsafe characters as ``%XX``."""
    return quote(conference_id, safe="-._@+")
