"""Loading a program: the bundled GDL 2024 programme or a file the user names.

The app's own format is TOML (or the same structure as JSON): a ``conference``
table and a list of ``events``. Errors are raised as :class:`ProgramError`
with one line that names the file and the field, ready to show a user.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geodl_app.model import Conference

BUNDLED_PROGRAM = "gdl2024-umea.toml"

# Larger than any real program by far; stops a mistaken multi-GB file from
# being read into memory before it can be rejected.
MAX_PROGRAM_BYTES = 64 * 1024 * 1024


class ProgramError(Exception):
    """A program file that cannot be used; ``str()`` is one line for the user."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


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

    The format is told from the content: Pentabarf/frab XML, iCalendar, frab
    JSON (see :mod:`geodl_app.formats`), else the app's own TOML/JSON.
    """
    from geodl_app import formats  # late: formats import this module

    outside = formats.detect(data)
    if outside is not None:
        return formats.read(outside, data, source, timezone)
    text = decode_text(data, source)
    if not text.strip():
        raise ProgramError(source, "is empty")
    raw = _parse_own_format(text, source)
    if "conference" not in raw:
        # Imported only when needed: the bundled program must start fast.
        from geodl_app.formats import frab_json

        if frab_json.looks_like(raw):
            return frab_json.read_mapping(raw, source, timezone)
    return conference_from_mapping(raw, source)


def decode_text(data: bytes, source: str) -> str:
    """The bytes of a program file as text (UTF-8, a byte-order mark allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgramError(source, f"is not UTF-8 text (byte {error.start})") from None


def parse_json(text: str, source: str) -> Any:
    """JSON text, or a :class:`ProgramError` naming the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgramError(
            source, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise ProgramError(source, "JSON is nested too deeply to be a program") from None
    except ValueError as error:
        # Python refuses to convert an integer of more than 4,300 digits.
        raise ProgramError(source, f"invalid JSON: {_first_sentence(error)}") from None


def _first_sentence(error: Exception) -> str:
    return str(error).split(";")[0].split("\n")[0] or type(error).__name__


def _parse_own_format(text: str, source: str) -> Mapping[str, Any]:
    # The own format's JSON form is an object; TOML never starts with "{".
    if text.lstrip().startswith("{"):
        raw = parse_json(text, source)
    else:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ProgramError(source, f"invalid TOML: {error}") from None
        except RecursionError:
            raise ProgramError(source, "TOML is nested too deeply to be a program") from None
        except ValueError as error:  # an integer of more than 4,300 digits
            raise ProgramError(source, f"invalid TOML: {_first_sentence(error)}") from None
    if not isinstance(raw, Mapping):
        raise ProgramError(source, "top level must be a table with 'conference' and 'events'")
    return raw


def conference_from_mapping(raw: Mapping[str, Any], source: str) -> Conference:
    """Validate the own-format structure ``{conference: {...}, events: [...]}``."""
    header = raw.get("conference")
    if not isinstance(header, Mapping):
        raise ProgramError(source, "conference: missing table (the conference's name, days, zone)")
    events = raw.get("events", [])
    if not isinstance(events, list):
        raise ProgramError(source, "events: must be a list of events")
    unknown = sorted(set(raw) - {"conference", "events"})
    if unknown:
        raise ProgramError(source, f"{unknown[0]}: unknown top-level key")
    try:
        return Conference.model_validate({**header, "events": events})
    except ValidationError as error:
        raise ProgramError(source, describe_validation_error(error, events)) from None


def describe_validation_error(error: ValidationError, events: Sequence[Any] = ()) -> str:
    """The first problem of a validation error as ``field: message``."""
    first = error.errors(include_url=False)[0]
    location = list(first["loc"])
    parts: list[str] = []
    if location and location[0] == "events" and len(location) > 1 and isinstance(location[1], int):
        index = location[1]
        label = f"events[{index}]"
        if index < len(events) and isinstance(events[index], Mapping):
            event_id = events[index].get("id")
            if isinstance(event_id, str):
                label += f" (id {event_id!r})"
        parts.append(label)
        location = location[2:]
    elif location:
        parts.append("conference")
    parts.extend(str(item) for item in location)
    field = ".".join(parts) if parts else "conference"
    message = first["msg"]
    if first["type"] == "missing":
        message = "missing required field"
    elif first["type"] == "extra_forbidden":
        message = "unknown field"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{field}: {message}{suffix}"
