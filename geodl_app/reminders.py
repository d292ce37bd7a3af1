"""When to remind the attendee of what they planned (pure; no Qt, no clock of its own).

:func:`plan_reminders` turns the plan as it is now (starred items, own
appointments, the reminders switched off) and the lead time into one
:class:`Reminder` per item. A :class:`ReminderSchedule` is then asked, at
any moment the caller likes (a timer, a plan change, the laptop waking up),
what is due: :meth:`ReminderSchedule.check` returns the reminders to send
now and, after a sleep, the ones that were missed, to be told together in
one notice rather than as a burst.

The rules:

* a reminder is due *lead* minutes before its item starts;
* a reminder whose item already started is never sent;
* at start (and for an item newly planned or moved), an item that begins
  within the lead gets its reminder at once;
* when the checks were more than ``sleep_gap`` apart (the computer slept)
  and more than one reminder fell due in between, or one whose item has
  since started, they are listed together in :attr:`Due.missed`;
* each item is reminded once per start time: a programme update that moves
  it reminds again, a change of the lead does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from geodl_app.bookmarks import Plan
from geodl_app.model import Conference, Event, Kind

SNOOZE = timedelta(minutes=5)
# Checks further apart than this mean the computer slept (or the app was stopped).
SLEEP_GAP = timedelta(minutes=2)
# A reminder due on a regular check may arrive a little after its item began
# (a lead of 0 minutes, a late timer): it is still sent within this margin.
LATE_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Reminder:
    """One reminder: the planned item it is for and when it is due."""

    item_id: str
    title: str
    start: datetime
    end: datetime | None
    room: str | None
    speakers: tuple[str, ...]
    is_appointment: bool
    due: datetime

    @property
    def key(self) -> tuple[str, datetime]:
        return (self.item_id, self.start)

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until the item starts, rounded up (0 once it has begun)."""
        seconds = (self.start - now).total_seconds()
        return max(0, math.ceil(seconds / 60 - 1e-9))

    def started(self, now: datetime) -> bool:
        return now >= self.start


def reminder_for(event: Event, lead: timedelta) -> Reminder:
    return Reminder(
        item_id=event.id,
        title=event.title,
        start=event.start,
        end=event.end,
        room=event.room,
        speakers=event.speakers,
        is_appointment=event.kind is Kind.PERSONAL,
        due=event.start - lead,
    )


def plan_reminders(conference: Conference, plan: Plan, lead: timedelta) -> list[Reminder]:
    """One reminder per planned item whose reminder is on, sorted by when it is due."""
    events = plan.starred_events(conference) + plan.appointment_events()
    reminders = [reminder_for(e, lead) for e in events if plan.reminds(e.id)]
    return sorted(reminders, key=lambda r: (r.due, r.start, r.item_id))


@dataclass
class Due:
    """What a check found: reminders to send one by one, and missed ones to list together."""

    send: list[Reminder] = field(default_factory=list)
    missed: list[Reminder] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.send or self.missed)


class ReminderSchedule:
    """Which reminders are due, given the checks so far. Feed it the time; it keeps no clock."""

    def __init__(self, reminders: Iterable[Reminder] = (), sleep_gap: timedelta = SLEEP_GAP):
        self.sleep_gap = sleep_gap
        self._reminders: list[Reminder] = list(reminders)
        self._last_check: datetime | None = None
        self._known: set[tuple[str, datetime]] = set()  # keys present at the last check
        self._done: set[tuple[str, datetime]] = set()  # sent, missed or skipped
        self._snoozed: list[tuple[datetime, Reminder]] = []

    @property
    def reminders(self) -> list[Reminder]:
        return list(self._reminders)

    def update(self, reminders: Iterable[Reminder]) -> None:
        """The plan changed: remind of these from now on (what was sent stays sent)."""
        self._reminders = list(reminders)
        present = {r.key for r in self._reminders}
        self._snoozed = [(at, r) for at, r in self._snoozed if r.key in present]

    def snooze(self, item_id: str, now: datetime, delay: timedelta = SNOOZE) -> bool:
        """Remind of *item_id* again *delay* from *now*; False if it is not planned."""
        reminder = next((r for r in self._reminders if r.item_id == item_id), None)
        if reminder is None:
            return False
        self._snoozed.append((now + delay, reminder))
        return True

    def next_due(self) -> datetime | None:
        """The earliest moment a reminder not yet handled falls due (for a timer)."""
        moments = [r.due for r in self._reminders if r.key not in self._done]
        moments.extend(at for at, _ in self._snoozed)
        return min(moments, default=None)

    def check(self, now: datetime) -> Due:
        """The reminders due at *now*; each is returned once, then counted as handled."""
        last, self._last_check = self._last_check, now
        slept = last is not None and now - last > self.sleep_gap
        due = Due()
        fell_asleep: list[Reminder] = []
        for reminder in self._reminders:
            if reminder.key in self._done or reminder.due > now:
                continue
            self._done.add(reminder.key)
            on_time = last is not None and reminder.key in self._known and reminder.due > last
            if on_time and slept:
                fell_asleep.append(reminder)
            elif now < reminder.start or (on_time and now < reminder.start + LATE_MARGIN):
                due.send.append(reminder)
            # else: its item already started when we first could remind of it.
        if len(fell_asleep) == 1 and not fell_asleep[0].started(now):
            due.send.extend(fell_asleep)
        else:
            due.missed.extend(fell_asleep)
        due.send.extend(self._take_snoozed(now))
        due.send.sort(key=lambda r: (r.start, r.item_id))
        self._known = {r.key for r in self._reminders}
        return due

    def _take_snoozed(self, now: datetime) -> list[Reminder]:
        ready = [r for at, r in self._snoozed if at <= now]
        self._snoozed = [(at, r) for at, r in self._snoozed if at > now]
        # A snoozed reminder is still worth sending while its item runs, not after.
        return [r for r in ready if r.end is None or now < r.end]


# ------------------------------------------------------------------ wording


@dataclass(frozen=True)
class Notice:
    """What a notification says: a one-line summary and a short body (plain text)."""

    summary: str
    body: str
    item_id: str | None = None  # the item "Open" shows; None for a list of missed ones


def reminder_notice(reminder: Reminder, now: datetime, zone: tzinfo) -> Notice:
    """ "In 5 min: <title>", then the time, the room and the speakers on separate lines."""
    left = reminder.minutes_left(now)
    head = f"In {left} min" if left else "Now"
    lines = [_when(reminder, zone)]
    if reminder.room:
        lines.append(reminder.room)
    if reminder.speakers:
        lines.append(", ".join(reminder.speakers))
    return Notice(f"{head}: {reminder.title}", "\n".join(lines), reminder.item_id)


def missed_notice(missed: list[Reminder], now: datetime, zone: tzinfo) -> Notice:
    """One notice for the reminders a sleep swallowed: each item, its time and whether it began."""
    count = len(missed)
    summary = f"Missed while away: {count} reminder{'s' if count != 1 else ''}"
    lines = []
    for reminder in sorted(missed, key=lambda r: (r.start, r.item_id)):
        state = "started" if reminder.started(now) else f"in {reminder.minutes_left(now)} min"
        where = f", {reminder.room}" if reminder.room else ""
        lines.append(f"{_when(reminder, zone)} {reminder.title}{where} ({state})")
    return Notice(summary, "\n".join(lines))


def _when(reminder: Reminder, zone: tzinfo) -> str:
    start = reminder.start.astimezone(zone)
    if reminder.end is None:
        return f"{start:%H:%M}"
    return f"{start:%H:%M}–{reminder.end.astimezone(zone):%H:%M}"


# ------------------------------------------------------------------ next up


@dataclass(frozen=True)
class NextUp:
    """The plan around a moment: what of it runs, and everything that starts next."""

    at: datetime
    now: tuple[Event, ...]
    next: tuple[Event, ...]


def next_up(conference: Conference, plan: Plan, at: datetime) -> NextUp:
    """The planned items running at *at*, and all those starting at the first start after it.

    Planned items are the starred ones in the program and own appointments;
    an item with no end runs for one hour, as for clashes.
    """
    from geodl_app.now_next import effective_end

    items = sorted(
        plan.starred_events(conference) + plan.appointment_events(),
        key=lambda e: (e.start, e.end or e.start, e.id),
    )
    running = tuple(e for e in items if e.start <= at < effective_end(e))
    later = [e for e in items if e.start > at]
    first = later[0].start if later else None
    return NextUp(at, running, tuple(e for e in later if e.start == first))
