"""Writing the program or the attendee's plan to a file in an outside format (no Qt).

Shared by ``geodl-app export`` and File → Export, so both refuse the same
targets and write the same bytes, atomically.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from geodl_app import formats, paths
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
    path = checked_target(target, program_path)
    data = formats.write(kind, conference, events, **options)
    _write(path, target, data)
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

    path = checked_target(target, program_path)
    _write(path, target, notes_markdown(conference, plan).encode("utf-8"))
    return len(noted_items(conference, plan)) + len(plan.appointments)


def _write(path: Path, target: str | os.PathLike[str], data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from None


def checked_target(
    target: str | os.PathLike[str], program_path: str | os.PathLike[str] | None = None
) -> Path:
    """The file an export to *target* really writes, or :class:`ExportError`.

    A symbolic link is written through: the file it points to is replaced and
    the link stays a link (a calendar subscribed through a link keeps working).
    Every check is made on that real file, whatever spelling or link led there:
    never the program being read, never anything in the app's data folder
    (plans, their backups and locks, the window's state, the recent list), never
    a folder, never a file the user made read-only.
    """
    name = os.fspath(target)
    if not name.strip():
        raise ExportError("the export's file name is empty")
    real = Path(os.path.realpath(name))
    if program_path is not None and real == Path(os.path.realpath(program_path)):
        raise ExportError(f"{name}: is the program being read; choose another file")
    data_folder = Path(os.path.realpath(paths.data_dir()))
    if real == data_folder or data_folder in real.parents:
        raise ExportError(
            f"{name}: is in the app's data folder ({data_folder}), which holds your plans; "
            "choose another folder"
        )
    if real.is_dir():
        raise ExportError(f"{name}: is a folder, not a file")
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return real
    except OSError as error:
        raise ExportError(f"{name}: cannot be checked ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise ExportError(f"{name}: is not a regular file; choose another file")
    # Root may write anything, so the mode is read too: a file the user made
    # read-only is kept as it is.
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise ExportError(f"{name}: is read-only; nothing was written")
    return real
