"""Which planned items overlap in time (pure functions, no Qt, no files).

Planned items are the starred program items and the attendee's own
appointments. Two items clash when their time ranges overlap, with the end
excluded: 10:00–10:40 and 10:40–11:20 do not clash, 10:00–10:41 and
10:40–11:20 do (for one minute).

An item with no end (the conference dinner at 19:00) is taken to last
:data:`ASSUMED_DURATION` (one hour) for clash purposes: long enough to warn
about a train at 19:30, short enough not to mark the whole evening. The
reported overlap then ends at most one hour after its start.

:func:`find_clashes` sorts by start and sweeps, keeping every item that is
still running, so each item is compared with every item it overlaps — including
a long item that began well before its neighbours, which a comparison of
neighbours in the sorted list would miss — in O(n log n + clashes).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import NamedTuple, Protocol

ASSUMED_DURATION = timedelta(hours=1)


class Timed(Protocol):
    """Anything with an id, a title, a start and maybe an end (Event, Appointment)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One thing in the attendee's plan, reduced to what clash detection needs."""

    id: str
    title: str
    start: datetime
    end: datetime | None = None
    personal: bool = False

    @property
    def effective_end(self) -> datetime:
        """The end used for clashes: the real end, or start + ASSUMED_DURATION."""
        if self.end is not None:
            return self.end
        # Added in UTC: on a zoned time Python adds wall-clock time, which makes
        # the hour two on the night the clocks go back.
        return self.start.astimezone(UTC) + ASSUMED_DURATION


class Clash(NamedTuple):
    """Two planned items that overlap, and the interval in which they do.

    ``first`` starts no later than ``second`` (ties broken by id).
    """

    first: PlannedItem
    second: PlannedItem
    start: datetime
    end: datetime

    @property
    def ids(self) -> tuple[str, str]:
        return (self.first.id, self.second.id)

    def other(self, item_id: str) -> PlannedItem:
        """The item in this clash that is not *item_id*."""
        return self.second if self.first.id == item_id else self.first

    def involves(self, item_id: str) -> bool:
        return item_id in (self.first.id, self.second.id)


def planned_items(
    starred_events: Iterable[Timed], appointments: Iterable[Timed] = ()
) -> list[PlannedItem]:
    """The plan as :class:`PlannedItem` objects: starred events and appointments."""
    items = [PlannedItem(e.id, e.title, e.start, e.end) for e in starred_events]
    items += [PlannedItem(a.id, a.title, a.start, a.end, personal=True) for a in appointments]
    return items


def _by_id(item: PlannedItem) -> str:
    return item.id


_first = itemgetter(0)


def _order(item: PlannedItem) -> tuple[datetime, str]:
    return (item.start, item.id)


def find_clashes(items: Sequence[PlannedItem]) -> list[Clash]:
    """Every pair of overlapping items.

    Sorted by the start of the overlap (which is the later item's start), then
    by the later item's id, then by the earlier item's start and id.
    """
    # The sweep allocates one small tuple per clash and frees none of them, so
    # the cycle collector's passes over them find nothing: hold it off.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _sweep(items)
    finally:
        if collecting:
            gc.enable()


def _sweep(items: Sequence[PlannedItem]) -> list[Clash]:
    # Plain numbers compare several times faster than aware datetimes. Two
    # stable sorts (id, then start) order ties by id without comparing tuples.
    keyed = [(item.start.timestamp(), item) for item in sorted(items, key=_by_id)]
    keyed.sort(key=_first)
    # The items that may still be running, as (end stamp, end, item), in start
    # order. Every one still running when an item starts overlaps it, so the
    # work is one step per item plus one per clash found, however long an item
    # lasts.
    active: list[tuple[float, datetime, PlannedItem]] = []
    clashes: list[Clash] = []
    extend = clashes.extend
    # tuple.__new__ skips NamedTuple's Python-level __new__: half the cost per
    # clash, which dominates when a plan is dense.
    make = tuple.__new__
    for start, item in keyed:
        end = item.effective_end
        end_stamp = end.timestamp()
        if end_stamp <= start:
            # A zero-length item (a deadline, a photo call) takes no time, so
            # it overlaps nothing, even an item running at its instant.
            continue
        if active:
            active = [running for running in active if running[0] > start]
            if active:
                item_start = item.start
                extend(
                    [
                        make(
                            Clash,
                            (
                                running[2],
                                item,
                                item_start,
                                end if end_stamp <= running[0] else running[1],
                            ),
                        )
                        for running in active
                    ]
                )
        active.append((end_stamp, end, item))
    return clashes


def clashing_ids(clashes: Iterable[Clash]) -> set[str]:
    """The ids of every item that is in at least one clash."""
    return {item_id for clash in clashes for item_id in clash.ids}


def clash_partners(clashes: Iterable[Clash]) -> dict[str, list[str]]:
    """For every clashing id, what it clashes with, in words:
    ``clashes with your appointment “Call with Anna”`` or ``clashes with “A talk”``."""
    partners: dict[str, list[str]] = {}
    for clash in clashes:
        for item, other in ((clash.first, clash.second), (clash.second, clash.first)):
            whose = "your appointment " if other.personal else ""
            partners.setdefault(item.id, []).append(f"clashes with {whose}“{other.title}”")
    return partners


def new_clashes(before: Iterable[Clash], after: Iterable[Clash]) -> list[Clash]:
    """The clashes in *after* whose pair of ids was not clashing *before*."""
    old = {frozenset(c.ids) for c in before}
    return [c for c in after if frozenset(c.ids) not in old]


def free_gaps(
    items: Iterable[PlannedItem], minimum: timedelta = timedelta(minutes=15)
) -> list[tuple[datetime, datetime]]:
    """Free intervals of at least *minimum* between planned items, in time order.

    Only the time between items counts (not before the first or after the last);
    overlapping items are merged first, so a gap is really free.
    """
    ordered = sorted(items, key=_order)
    gaps: list[tuple[datetime, datetime]] = []
    busy_until: datetime | None = None
    for item in ordered:
        if busy_until is not None and item.start - busy_until >= minimum:
            gaps.append((busy_until, item.start))
        end = item.effective_end
        busy_until = end if busy_until is None else max(busy_until, end)
    return gaps
