"""Loading a program: the bundled GDL 2024 programme or a file the user names.

The app's own format is TOML (or the same structure as JSON): a ``conference``
table and a list of ``events``. Errors are raised as :class:`ProgramError`
with one line that names the file and the field, ready to show a user.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from geodl_app import formats, resources
from geodl_app.errors import ProgramError, describe_validation_error
from geodl_app.formats.own import (
    conference_from_mapping,
    decode_text,
    parse_document,
    parse_json,
    trusted_mapping,
)
from geodl_app.model import Conference

# Old import places of these names, kept so that code importing them from here still works.
__all__ = [
    "BUNDLED_PROGRAM",
    "MAX_PROGRAM_BYTES",
    "ProgramError",
    "conference_from_mapping",
    "decode_text",
    "describe_validation_error",
    "load_bundled",
    "load_program",
    "parse_json",
    "parse_program",
]

BUNDLED_PROGRAM = "gdl2024-umea.toml"
# Its conference id, which is also its id in the library (geodl_app.library).
BUNDLED_ID = "gdl2024-umea"

# Larger than any real program by far; stops a mistaken multi-GB file from
# being read into memory before it can be rejected.
MAX_PROGRAM_BYTES = 64 * 1024 * 1024


def load_bundled() -> Conference:
    """The GDL 2024 programme shipped with the app."""
    data = resources.read_bytes(BUNDLED_PROGRAM)
    # Shipped with the app and checked by its tests (test_bundled_programme_is_valid):
    # read without pydantic, which a start then does not need to load.
    return trusted_mapping(parse_document(data, BUNDLED_PROGRAM))


def load_program(path: str | Path, timezone: str | None = None) -> Conference:
    """Read a program file, whatever its format, or raise :class:`ProgramError`.

    *timezone* is the zone for a file whose times carry none (``--timezone``).
    """
    path = Path(path)
    source = str(path)
    data = read_limited(path, source)
    return parse_program(data, source=source, timezone=timezone)


def read_limited(path: Path, source: str, limit: int = MAX_PROGRAM_BYTES) -> bytes:
    """The bytes of the regular file at *path*, at most *limit* of them.

    The size is checked on what is read, not on what ``stat`` says: a link to
    ``/dev/zero`` has size 0 and never ends. Anything that is not a regular
    file (a FIFO, a device, a socket) is refused before it is read, and opened
    without blocking, so a FIFO with no writer cannot hang the app.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _O_BINARY)
    except FileNotFoundError:
        raise ProgramError(source, "no such file") from None
    except IsADirectoryError:
        raise ProgramError(source, "is a folder, not a program file") from None
    except PermissionError:
        raise ProgramError(source, "permission denied") from None
    except OSError as error:
        raise ProgramError(source, f"cannot be read ({error.strerror or error})") from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise ProgramError(source, "is a folder, not a program file")
        if not stat.S_ISREG(mode):
            raise ProgramError(source, f"is not a regular file (a {_file_kind(mode)})")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ProgramError(
                source, f"is larger than {limit // (1024 * 1024)} MB, the limit for a program file"
            )
        return b"".join(chunks)
    except OSError as error:
        raise ProgramError(source, f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(handle)


_O_BINARY = getattr(os, "O_BINARY", 0)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def parse_program(
    data: bytes, source: str = "<program>", timezone: str | None = None
) -> Conference:
    """Parse the bytes of a program file in any format the app reads.

    The format is told from the content by the registry in :mod:`geodl_app.formats`.
    """
    return formats.parse(data, source, timezone)
