"""Writing the program or the attendee's plan to a file in an outside format (no Qt).

Shared by ``geodl-app export`` and File → Export, so both refuse the same
targets and write the same bytes, atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from geodl_app import formats
from geodl_app.bookmarks import Plan
from geodl_app.model import Conference, Event
from geodl_app.savefile import write_atomic


class ExportError(Exception):
    """The export could not be written; the message is one line naming the file."""


def plan_events(conference: Conference, plan: Plan) -> list[Event]:
    """The plan as events: starred program items, then own appointments."""
    starred = plan.starred_set
    events = [e for e in conference.events if e.id in starred]
    events.extend(plan.appointment_events())
    return events


def export(
    kind: str,
    conference: Conference,
    target: str | os.PathLike[str],
    events: list[Event] | None = None,
    program_path: str | os.PathLike[str] | None = None,
) -> int:
    """Write *conference* (or only *events*) as *kind* to *target*; the item count.

    *program_path* is the file the program was read from, never overwritten.
    An existing *target* is left as it was when anything fails.
    """
    path = Path(target)
    if program_path is not None and path.resolve() == Path(program_path).resolve():
        raise ExportError(f"{target}: is the program being read; choose another file")
    if path.is_dir():
        raise ExportError(f"{target}: is a folder, not a file")
    data = formats.write(kind, conference, events)
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from None
    return len(conference.events) if events is None else len(events)
