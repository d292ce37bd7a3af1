"""What runs now and what comes next in every room (pure; no Qt).

Used by the Now-and-next view and by ``geodl-app now``. An item with no end
counts as lasting :data:`geodl_app.clashes.ASSUMED_DURATION` (one hour), as it
does for clashes: the dinner at 19:00 is "now" until 20:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from geodl_app.clashes import ASSUMED_DURATION
from geodl_app.model import Conference, Event


def effective_end(event: Event) -> datetime:
    """The item's end, or its start plus one hour when it has none."""
    if event.end is not None:
        return event.end
    # Added in UTC: on a zoned time Python adds wall-clock hours.
    return event.start.astimezone(UTC) + ASSUMED_DURATION


@dataclass(frozen=True, slots=True)
class RoomNow:
    """One room at one moment: the items running there, and the next one to start."""

    room: str | None  # None: items that name no room (breaks for everyone)
    now: tuple[Event, ...]
    next: Event | None


def now_and_next(conference: Conference, at: datetime) -> list[RoomNow]:
    """Every room with something running at *at* or starting after it.

    Rooms come in the program's room order (items with no room first, as in
    the timetable); rooms with neither are left out. ``now`` holds the items
    with start <= at < end, by start; ``next`` is the first item of the room
    starting after *at* (of several starting together, the first by id).
    """
    running: dict[str | None, list[Event]] = {}
    upcoming: dict[str | None, Event] = {}
    for event in conference.events:  # sorted by (start, end, id)
        if event.start > at:
            if event.room not in upcoming:
                upcoming[event.room] = event
        elif at < effective_end(event):
            running.setdefault(event.room, []).append(event)
    order: list[str | None] = [None, *conference.rooms]
    return [
        RoomNow(room, tuple(running.get(room, ())), upcoming.get(room))
        for room in order
        if room in running or room in upcoming
    ]


def minutes_left(event: Event, at: datetime) -> int:
    """Whole minutes from *at* to the item's (effective) end, rounded up."""
    seconds = (effective_end(event) - at).total_seconds()
    return max(0, -int(-seconds // 60))
