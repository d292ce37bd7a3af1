"""The overview commands: ``now`` (what runs in every room) and ``info``.

Registered by :func:`geodl_app.cli.build_parser` with one line; this module
imports nothing from the command line's own module, so there is no cycle.
No Qt.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from geodl_app import clock, wording
from geodl_app.errors import UserError
from geodl_app.now_next import RoomNow, minutes_left, now_and_next
from geodl_app.tracks import track_summary

if TYPE_CHECKING:
    from geodl_app.cli_support import Context
    from geodl_app.model import Conference, Event

EXIT_OK = 0


# ---------------------------------------------------------------------- now


def now_to_json(at: datetime, rooms: list[RoomNow]) -> dict[str, Any]:
    """The stable JSON shape of ``now --json``."""
    return {
        "at": at.isoformat(),
        "rooms": [
            {
                "room": entry.room,
                "now": [e.id for e in entry.now],
                "next": None if entry.next is None else entry.next.id,
            }
            for entry in rooms
        ],
    }


def _moment(ctx: Context, conference: Conference) -> datetime | str:
    """The moment asked for (``--at``, else the clock), or an error message."""
    zone = conference.zone
    text = ctx.args.at
    try:
        if text is None:
            return clock.now(zone)
        return clock.parse_now(text, zone)
    except clock.ClockError:
        if text is None:
            return f"{clock.NOW_ENV}: not a date and time like 2024-06-12T10:15"
        return f"--at {text}: not a date and time like 2024-06-12T10:15"


def cmd_now(ctx: Context) -> int:
    conference = ctx.conference
    at = _moment(ctx, conference)
    if isinstance(at, str):
        raise UserError(at)
    at = conference.local(at)  # printed in the conference's zone, like every instant
    rooms = now_and_next(conference, at)
    if ctx.args.json:
        json.dump(now_to_json(at, rooms), ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return EXIT_OK
    write_now(ctx, conference, at, rooms)
    return EXIT_OK


def _line(conference: Conference, event: Event) -> str:
    when = wording.time_range(event, conference.zone)
    return f"{when:<11}  {wording.who_and_what(event)}  [{event.id}]"


def write_now(ctx: Context, conference: Conference, at: datetime, rooms: list[RoomNow]) -> None:
    out = ctx.out
    local = conference.local(at)
    out.write(f"{wording.day_heading(local.date())} {local:%H:%M} ({conference.timezone})\n")
    if not rooms:
        out.write("Nothing is running and nothing comes later.\n")
        return
    for entry in rooms:
        out.write(f"\n{entry.room or 'Everyone (no room given)'}\n")
        for event in entry.now:
            left = wording.duration_left(minutes_left(event, at))
            out.write(f"  now   {_line(conference, event)}  ({left})\n")
        if entry.next is not None:
            day = conference.local(entry.next.start).date()
            later = "" if day == local.date() else f" ({wording.short_day(day)})"
            out.write(f"  next  {_line(conference, entry.next)}{later}\n")


# --------------------------------------------------------------------- info


def info_to_json(conference: Conference) -> dict[str, Any]:
    """The stable JSON shape of ``info --json``."""
    return {
        "id": conference.id,
        "name": conference.name,
        "first_day": conference.first_day.isoformat(),
        "last_day": conference.last_day.isoformat(),
        "timezone": conference.timezone,
        "items": len(conference.events),
        "rooms": list(conference.rooms),
        "tracks": [
            {"name": t.name, "color": t.colour, "items": t.items} for t in track_summary(conference)
        ],
    }


def cmd_info(ctx: Context) -> int:
    conference = ctx.conference
    if ctx.args.json:
        json.dump(info_to_json(conference), ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return EXIT_OK
    out = ctx.out
    first, last = conference.first_day, conference.last_day
    out.write(f"{conference.name} [{conference.id}]\n")
    out.write(
        f"{wording.day_heading(first)} {first.year} to {wording.day_heading(last)} {last.year}, "
        f"{conference.timezone}\n"
    )
    rooms, tracks = conference.rooms, track_summary(conference)
    out.write(
        f"{len(conference.events)} items, {len(rooms)} room{'s' if len(rooms) != 1 else ''}, "
        f"{len(tracks)} track{'s' if len(tracks) != 1 else ''}\n"
    )
    if rooms:
        out.write("\nRooms, in the program's order:\n")
        for room in rooms:
            out.write(f"  {room}\n")
    if tracks:
        out.write("\nTracks:\n")
        for track in tracks:
            out.write(f"  {track.colour}  {track.name} ({track.items})\n")
    return EXIT_OK


def add_parsers(commands: Any) -> None:
    """Add ``now`` and ``info`` to the main parser's *commands*."""
    now = commands.add_parser("now", help="what runs now and what comes next in every room")
    now.add_argument(
        "--at",
        metavar="ISO",
        help="this moment instead of now (2021-02-06T10:15, in the conference's zone, "
        "or with an offset)",
    )
    now.add_argument(
        "--json",
        action="store_true",
        help='{"at": ISO, "rooms": [{"room": NAME or null, "now": [IDS], "next": ID or null}]}',
    )
    now.set_defaults(handler=cmd_now)

    info = commands.add_parser("info", help="the conference: days, zone, rooms and tracks")
    info.add_argument(
        "--json",
        action="store_true",
        help='{"id", "name", "first_day", "last_day", "timezone", "items", "rooms", '
        '"tracks": [{"name", "color", "items"}]}',
    )
    info.set_defaults(handler=cmd_info)
