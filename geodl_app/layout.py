"""Where each item of a program sits in the timetable grid (pure; no Qt).

The grid has one column per day. A day whose rooms run in parallel is split
into one sub-column per room; a day where no two rooms overlap keeps a single
column (a one-track workshop whose dinner is in a restaurant should not grow a
column for the restaurant). Within a column, items that overlap in time are
put side by side in lanes, like a calendar app does.

Positions are minutes from the grid's top, which is the same wall-clock time
on every day (``TimetableLayout.axis_start``, minutes after local midnight),
so a time axis on the left fits all day columns.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import Enum
from typing import NamedTuple

from geodl_app.model import Conference, Event, Kind

# How long an item with no end is drawn: this long, or until the next item in
# its column starts if that comes sooner (but never shorter than the floor).
OPEN_ENDED_MINUTES = 90.0
OPEN_ENDED_MIN_MINUTES = 20.0
# Zero-length or very short items still need a block one can click.
MIN_DRAWN_MINUTES = 10.0
# The grid shown when there is nothing to place.
EMPTY_AXIS = (9 * 60, 17 * 60)
# An item lasting longer than a day (a camp site, a hackathon) is drawn to the
# midnight after its start: its real end would make every day's column days tall.
DAY_MINUTES = 24 * 60


# The layout's records are NamedTuples, not frozen dataclasses: those compile their
# methods when the module is imported, ~0.4 ms each at every start on Python 3.11.
class Placement(NamedTuple):
    """One item's block: day column, room sub-column, lane, and vertical extent."""

    event: Event
    day_index: int
    column: int  # room sub-column within the day
    lane: int  # 0-based lane within its group of overlapping items
    lanes: int  # how many lanes that group needs side by side
    top: float  # minutes from the grid's top
    height: float  # drawn minutes
    open_ended: bool  # the item has no end; its height is a guess
    personal: bool  # the attendee's own appointment, not a program item

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def id(self) -> str:
        return self.event.id


class DayLayout(NamedTuple):
    day: date
    columns: tuple[str | None, ...]  # room of each sub-column (None: no room / all rooms)
    placements: tuple[Placement, ...]  # ordered by (top, column, lane)


class TimetableLayout(NamedTuple):
    days: tuple[DayLayout, ...]
    axis_start: int  # minutes after local midnight at the grid's top (a full hour)
    axis_end: int  # minutes after local midnight at the grid's bottom (a full hour)

    @property
    def axis_minutes(self) -> int:
        return self.axis_end - self.axis_start

    def placements(self) -> Iterable[Placement]:
        for day in self.days:
            yield from day.placements

    def find(self, event_id: str) -> Placement | None:
        for placement in self.placements():
            if placement.id == event_id:
                return placement
        return None

    def minutes_at(self, day_index: int, moment: datetime, zone: tzinfo) -> float | None:
        """Grid minutes of *moment* if it falls on day *day_index* inside the axis."""
        if not 0 <= day_index < len(self.days):
            return None
        local = moment.astimezone(zone)
        if local.date() != self.days[day_index].day:
            return None
        minute = _wall_minutes(local, local.date()) - self.axis_start
        return minute if 0 <= minute <= self.axis_minutes else None


class Direction(Enum):
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"


# ------------------------------------------------------------------- layout


@dataclass(slots=True)
class _Item:
    event: Event
    start: float  # wall-clock minutes after the day's midnight
    end: float  # where its block is drawn to (settled below)
    open_ended: bool
    personal: bool
    group: str | None  # the room, or None for items without one and personal items
    # Where it really ends, which is what decides lanes: its own end (start
    # itself for a zero-length item), or for an item with no end the guess it
    # is drawn with. Never the height a short item is drawn with.
    busy_until: float = math.nan


def layout_conference(
    conference: Conference,
    personal: Sequence[Event] = (),
    open_ended_minutes: float = OPEN_ENDED_MINUTES,
) -> TimetableLayout:
    """The timetable layout of *conference*, with the attendee's own *personal* items."""
    return layout_events(
        conference.events,
        conference.zone,
        days=conference.days,
        personal=personal,
        open_ended_minutes=open_ended_minutes,
        rooms=conference.room_list,
    )


def layout_events(
    events: Iterable[Event],
    zone: tzinfo,
    days: Sequence[date] = (),
    personal: Iterable[Event] = (),
    open_ended_minutes: float = OPEN_ENDED_MINUTES,
    rooms: Sequence[str] = (),
) -> TimetableLayout:
    """Lay out *events* (and *personal* items) by day, room and lane in *zone*.

    *days* are shown even when empty; days with items outside them are added.
    Room columns follow *rooms* (the programme's order); rooms not in it
    follow in the order of their first item.
    """
    by_day: dict[date, list[_Item]] = {day: [] for day in days}
    all_items: list[_Item] = []
    for event, is_personal in _tagged(events, personal):
        local_start = event.start.astimezone(zone)
        day = local_start.date()
        start = _wall_minutes(local_start, day)
        end = None if event.end is None else _wall_minutes(event.end.astimezone(zone), day)
        if end is not None and end - start > DAY_MINUTES:
            end = max(float(DAY_MINUTES), start + MIN_DRAWN_MINUTES)
        group = None if is_personal else event.room
        drawn_end = math.nan if end is None else end  # settled below
        item = _Item(event, start, drawn_end, end is None, is_personal, group, drawn_end)
        by_day.setdefault(day, []).append(item)
        all_items.append(item)

    ordered_days = sorted(by_day)
    day_items: list[list[_Item]] = []
    for day in ordered_days:
        items = by_day[day]
        items.sort(key=lambda i: i.start)
        _settle_ends(items, open_ended_minutes)
        day_items.append(items)

    lows = [i.start for items in day_items for i in items]
    highs = [i.end for items in day_items for i in items]
    if lows:
        axis_start = int(math.floor(min(lows) / 60) * 60)
        axis_end = int(math.ceil(max(highs) / 60) * 60)
    else:
        axis_start, axis_end = EMPTY_AXIS
    axis_end = max(axis_end, axis_start + 60)

    room_order = _room_order(rooms, all_items)
    laid_out = tuple(
        _layout_day(index, day, items, axis_start, room_order)
        for index, (day, items) in enumerate(zip(ordered_days, day_items, strict=True))
    )
    return TimetableLayout(laid_out, axis_start, axis_end)


def _tagged(events: Iterable[Event], personal: Iterable[Event]) -> Iterable[tuple[Event, bool]]:
    for event in events:
        yield event, event.kind is Kind.PERSONAL
    for event in personal:
        yield event, True


def _wall_minutes(local: datetime, day: date) -> float:
    """Wall-clock minutes from *day*'s midnight to *local* (past 24:00 if later)."""
    midnight = datetime.combine(day, time())
    return (local.replace(tzinfo=None) - midnight).total_seconds() / 60


def _settle_ends(items: list[_Item], open_ended_minutes: float) -> None:
    """Give open-ended items a guessed end and very short items a clickable height.

    The clickable height is only drawn: :func:`_clip_to_next` later cuts it
    back where the next item in the column starts, and lanes never see it.
    """
    starts: dict[str | None, list[float]] = {}
    for item in items:  # sorted by start, so each list is sorted too
        starts.setdefault(item.group, []).append(item.start)
    for item in items:
        if item.open_ended:
            group_starts = starts[item.group]
            after = bisect.bisect_right(group_starts, item.start)
            following = group_starts[after] - item.start if after < len(group_starts) else math.inf
            guess = min(open_ended_minutes, following)
            item.end = item.start + max(guess, min(OPEN_ENDED_MIN_MINUTES, open_ended_minutes))
            item.busy_until = item.end
        item.end = max(item.end, item.start + MIN_DRAWN_MINUTES)


def _room_order(rooms: Sequence[str], items: Iterable[_Item]) -> dict[str, int]:
    order: dict[str, int] = {room: n for n, room in enumerate(rooms)}
    # A stable sort: rooms starting at the same time keep the program's order.
    for item in sorted(items, key=lambda i: i.event.start):
        if item.group is not None and item.group not in order:
            order[item.group] = len(order)
    return order


def _rooms_overlap(items: Sequence[_Item]) -> bool:
    """True if two items in different groups (rooms) overlap in time.

    A sweep with a heap of running items' ends and a count per group: one
    step per item, however many run at once (20,000 overlapping items in one
    room took a minute when every start rescanned everything still running).
    """
    running: list[tuple[float, int, str | None]] = []
    per_group: dict[str | None, int] = {}
    for number, item in enumerate(items):  # sorted by start
        while running and running[0][0] <= item.start:
            _, _, group = heapq.heappop(running)
            per_group[group] -= 1
            if not per_group[group]:
                del per_group[group]
        if len(per_group) > 1 or (per_group and item.group not in per_group):
            return True
        heapq.heappush(running, (_lane_end(item), number, item.group))
        per_group[item.group] = per_group.get(item.group, 0) + 1
    return False


def _layout_day(
    index: int, day: date, items: list[_Item], axis_start: int, room_order: dict[str, int]
) -> DayLayout:
    groups = {i.group for i in items}
    if len(groups) <= 1 or not _rooms_overlap(items):
        columns: tuple[str | None, ...] = (None,)
        column_of = {group: 0 for group in groups}
    else:
        rooms = sorted((g for g in groups if g is not None), key=lambda g: room_order[g])
        columns = ((None,) if None in groups else ()) + tuple(rooms)
        column_of = {group: n for n, group in enumerate(columns)}

    placements: list[Placement] = []
    by_column: dict[int, list[_Item]] = {}
    for item in items:
        by_column.setdefault(column_of[item.group], []).append(item)
    for column, column_items in by_column.items():
        _clip_to_next(column_items)
        for item, lane, lanes in _lanes(column_items):
            placements.append(
                Placement(
                    event=item.event,
                    day_index=index,
                    column=column,
                    lane=lane,
                    lanes=lanes,
                    top=item.start - axis_start,
                    height=item.end - item.start,
                    open_ended=item.open_ended,
                    personal=item.personal,
                )
            )
    placements.sort(key=lambda p: (p.top, p.column, p.lane, p.id))
    return DayLayout(day, columns, tuple(placements))


# A zero-length item happens at an instant: it is side by side with an item
# starting at that instant, not under it (minutes; far below a pixel).
_INSTANT = 1e-6


def _lane_end(item: _Item) -> float:
    return max(item.busy_until, item.start + _INSTANT)


def _lanes(items: list[_Item]) -> Iterable[tuple[_Item, int, int]]:
    """Assign lanes to items (sorted by start): each takes the lowest free lane.

    Lanes come from the items' real times (:attr:`_Item.busy_until`), never from
    the height a short item is drawn with: 10:30-10:35 and 10:35-11:00 share a
    lane. Items that overlap, directly or through a chain, form a cluster, and
    every item in a cluster shares its lane count so their widths line up.
    O(n log n): a heap of the busy lanes' ends and a heap of free lane numbers.
    """
    cluster: list[tuple[_Item, int]] = []
    busy: list[tuple[float, int]] = []  # (end, lane) of lanes in use
    free: list[int] = []  # lanes whose item has ended, lowest first
    lanes = 0
    cluster_end = -math.inf
    for item in items:
        start = item.start
        if cluster and start >= cluster_end:
            yield from ((i, lane, lanes) for i, lane in cluster)
            cluster, busy, free, lanes = [], [], [], 0
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, lanes = lanes, lanes + 1
        end = _lane_end(item)
        heapq.heappush(busy, (end, lane))
        cluster_end = max(cluster_end, end) if cluster else end
        cluster.append((item, lane))
    if cluster:
        yield from ((i, lane, lanes) for i, lane in cluster)


def _clip_to_next(items: list[_Item]) -> None:
    """Cut each drawn block back to where the next item of its column starts.

    A 5-minute item is drawn at least MIN_DRAWN_MINUTES tall to be clickable,
    but that extra height must not cover the item after it in its lane, so it
    stops where the next item in the column starts (never shorter than the
    item really lasts). *items* are one column's, sorted by start.
    """
    starts = [item.start for item in items]
    for item in items:
        if item.end <= item.busy_until:
            continue
        after = bisect.bisect_right(starts, item.start)
        if after < len(starts):
            item.end = max(item.busy_until, min(item.end, starts[after]))


# --------------------------------------------------------------- navigation


def neighbour(layout: TimetableLayout, event_id: str | None, direction: Direction) -> str | None:
    """The item the selection moves to from *event_id* with an arrow key.

    Up and down walk the item's own column (its room) in time order; left and
    right go to the neighbouring room of the day, then on to the next (or
    previous) day, picking the item closest in time. With nothing selected,
    any key selects the first item.
    """
    current = layout.find(event_id) if event_id else None
    if current is None:
        first = next(iter(layout.placements()), None)
        return first.id if first else None
    day = layout.days[current.day_index]
    if direction in (Direction.UP, Direction.DOWN):
        column = [p for p in day.placements if p.column == current.column]
        position = column.index(current)
        target = position + (-1 if direction is Direction.UP else 1)
        return column[target].id if 0 <= target < len(column) else current.id
    step = -1 if direction is Direction.LEFT else 1
    middle = current.top + current.height / 2
    day_index, column_index = current.day_index, current.column + step
    while True:
        columns = len(layout.days[day_index].columns)
        if 0 <= column_index < columns:
            candidates = [p for p in layout.days[day_index].placements if p.column == column_index]
            if candidates:
                return min(candidates, key=lambda p: (_distance(p, middle), p.lane)).id
            column_index += step
            continue
        day_index += step
        if not 0 <= day_index < len(layout.days):
            return current.id
        column_index = 0 if step > 0 else len(layout.days[day_index].columns) - 1


def _distance(placement: Placement, minute: float) -> tuple[int, float]:
    """Items running at *minute* first, then the one ending or starting nearest."""
    if placement.top <= minute < placement.bottom:
        return (0, 0.0)
    return (1, min(abs(placement.top - minute), abs(placement.bottom - minute)))
