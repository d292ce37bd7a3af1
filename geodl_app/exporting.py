"""Writing the program or the attendee's plan to a file in an outside format (no Qt).

Shared by ``geodl-app export`` and File → Export, so both refuse the same
targets and write the same bytes, atomically.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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
    **options: Any,
) -> int:
    """Write *conference* (or only *events*) as *kind* to *target*; the item count.

    *program_path* is the file the program was read from, never overwritten.
    An existing *target* is left as it was when anything fails.
    """
    _check_target(target, program_path)
    data = formats.write(kind, conference, events, **options)
    _write(target, data)
    return len(conference.events) if events is None else len(events)


def plan_alarms(plan: Plan, lead_minutes: int) -> dict[str, Any]:
    """The iCalendar writer's options for the plan's alarms: the lead, and the items without."""
    return {"alarm_minutes": lead_minutes, "silent": frozenset(plan.reminders_off)}


def export_notes(
    conference: Conference,
    plan: Plan,
    target: str | os.PathLike[str],
    program_path: str | os.PathLike[str] | None = None,
) -> int:
    """Write the plan's notes as Markdown to *target*; the number of sections."""
    from geodl_app.notes_export import noted_items, notes_markdown

    _check_target(target, program_path)
    _write(target, notes_markdown(conference, plan).encode("utf-8"))
    return len(noted_items(conference, plan)) + len(plan.appointments)


def _check_target(
    target: str | os.PathLike[str], program_path: str | os.PathLike[str] | None
) -> None:
    path = Path(target)
    if program_path is not None and path.resolve() == Path(program_path).resolve():
        raise ExportError(f"{target}: is the program being read; choose another file")
    if path.is_dir():
        raise ExportError(f"{target}: is a folder, not a file")


def _write(target: str | os.PathLike[str], data: bytes) -> None:
    try:
        write_atomic(Path(target), data)
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from None
