"""The app's own exceptions, in one small module that imports nothing of the app.

Every module may raise these without importing the module that catches them,
so no two modules import each other for an exception class.

- :class:`ProgramError`: a program file that cannot be used (one line naming the file).
- :class:`MissingTimeZoneError`: a program file whose times name no zone.
- :class:`UserError`: a mistake in what the user asked for on the command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


class ProgramError(Exception):
    """A program file that cannot be used; ``str()`` is one line for the user."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class MissingTimeZoneError(ProgramError):
    """The file's times name no zone: ask the user (``--timezone`` or a prompt)."""


class UserError(Exception):
    """A mistake in what the user asked for; the message is one line."""


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
    # Both spellings: pydantic names these differently for models and dataclasses.
    if first["type"] in ("missing", "missing_argument"):
        message = "missing required field"
    elif first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "unknown field"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{field}: {message}{suffix}"
