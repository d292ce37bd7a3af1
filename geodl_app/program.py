"""Loading a program: the bundled GDL 2024 programme or a file the user names.

The app's own format is TOML (or the same structure as JSON): a ``conference``
table and a list of ``events``. Errors are raised as :class:`ProgramError`
with one line that names the file and the field, ready to show a user.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from geodl_app import formats
from geodl_app.errors import ProgramError, describe_validation_error
from geodl_app.formats.own import conference_from_mapping, decode_text, parse_json
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

# Larger than any real program by far; stops a mistaken multi-GB file from
# being read into memory before it can be rejected.
MAX_PROGRAM_BYTES = 64 * 1024 * 1024


def load_bundled() -> Conference:
    """The GDL 2024 programme shipped with the app."""
    data = resources.files("geodl_app.resources").joinpath(BUNDLED_PROGRAM).read_bytes()
    return parse_program(data, source=BUNDLED_PROGRAM)


def load_program(path: str | Path, timezone: str | None = None) -> Conference:
    """Read a program file, whatever its format, or raise :class:`ProgramError`.

    *timezone* is the zone for a file whose times carry none (``--timezone``).
    """
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PROGRAM_BYTES:
            raise ProgramError(source, f"file is too large ({size} bytes)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProgramError(source, "no such file") from None
    except IsADirectoryError:
        raise ProgramError(source, "is a folder, not a program file") from None
    except PermissionError:
        raise ProgramError(source, "permission denied") from None
    except OSError as error:
        raise ProgramError(source, f"cannot be read ({error.strerror or error})") from None
    return parse_program(data, source=source, timezone=timezone)


def parse_program(
    data: bytes, source: str = "<program>", timezone: str | None = None
) -> Conference:
    """Parse the bytes of a program file in any format the app reads.

    The format is told from the content by the registry in :mod:`geodl_app.formats`.
    """
    return formats.parse(data, source, timezone)
