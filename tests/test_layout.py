"""The timetable layout maths, without Qt."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodl_app.layout import (
    OPEN_ENDED_MINUTES,
    Direction,
    layout_conference,
    layout_events,
    neighbour,
)
from geodl_app.model import Conference, Event, Kind

ZONE = ZoneInfo("Europe/Stockholm")
DAY = date(2024, 6, 11)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def event(
    id: str,
    start: datetime,
    minutes: int | None = 40,
    room: str | None = None,
    kind: Kind = Kind.TALK,
) -> Event:
    end = None if minutes is None else start + timedelta(minutes=minutes)
    return Event(id=id, kind=kind, title=id, start=start, end=end, room=room)


def by_id(layout):
    return {p.id: p for p in layout.placements()}


def test_gdl_has_three_day_columns_each_a_single_column(gdl: Conference) -> None:
    layout = layout_conference(gdl)
    assert [d.day for d in layout.days] == gdl.days
    # The social event and the dinner have places, but never overlap another
    # room, so the one-track workshop stays one column per day.
    assert all(d.columns == (None,) for d in layout.days)
    assert all(p.lanes == 1 for p in layout.placements())


def test_gdl_positions_follow_wall_clock(gdl: Conference) -> None:
    layout = layout_conference(gdl)
    # Earliest item 09:00, so the axis starts at 09:00 on every day.
    assert layout.axis_start == 9 * 60
    bokman = layout.find("talk-bokman")
    assert bokman is not None
    assert (bokman.day_index, bokman.top, bokman.height) == (0, 5 * 60 + 10, 40)
    assert not bokman.open_ended


def test_dinner_without_end_is_drawn_open_ended(gdl: Conference) -> None:
    layout = layout_conference(gdl)
    dinner = layout.find("conference-dinner")
    assert dinner is not None
    assert dinner.open_ended
    assert dinner.top == 10 * 60  # 19:00
    assert dinner.height == OPEN_ENDED_MINUTES
    # The axis grows to hold the dinner's drawn extent (19:00 + 90 min -> 21:00).
    assert layout.axis_end == 21 * 60


def test_open_ended_item_stops_at_the_next_item_in_its_column() -> None:
    layout = layout_events([event("lunch", at(12), minutes=None), event("talk", at(12, 45))], ZONE)
    lunch = layout.find("lunch")
    assert lunch is not None and lunch.open_ended
    assert lunch.height == 45
    assert layout.find("talk").lanes == 1  # no overlap was created


def test_open_ended_item_ignores_items_starting_at_the_same_time() -> None:
    layout = layout_events(
        [event("a", at(19), minutes=None), event("b", at(19), minutes=None)], ZONE
    )
    assert {p.height for p in layout.placements()} == {OPEN_ENDED_MINUTES}


def test_overlapping_items_in_one_room_get_lanes_side_by_side() -> None:
    events = [
        event("a", at(9, 0), 60, room="Aula"),
        event("b", at(9, 30), 60, room="Aula"),
        event("c", at(10, 0), 30, room="Aula"),  # a has ended: reuses lane 0
        event("d", at(11, 0), 30, room="Aula"),  # a new, separate cluster
    ]
    placed = by_id(layout_events(events, ZONE))
    assert (placed["a"].lane, placed["b"].lane, placed["c"].lane) == (0, 1, 0)
    assert placed["a"].lanes == placed["b"].lanes == placed["c"].lanes == 2
    assert (placed["d"].lane, placed["d"].lanes) == (0, 1)
    assert len({p.column for p in placed.values()}) == 1


def test_three_simultaneous_items_need_three_lanes() -> None:
    events = [event(name, at(14), 30) for name in "xyz"]
    placed = by_id(layout_events(events, ZONE))
    assert sorted(p.lane for p in placed.values()) == [0, 1, 2]
    assert {p.lanes for p in placed.values()} == {3}


def test_parallel_rooms_become_sub_columns_in_order_of_appearance() -> None:
    events = [
        event("k1", at(9), 50, room="K.1"),
        event("h1", at(9), 50, room="H.2"),
        event("k2", at(10), 50, room="K.1"),
        event("u", at(12), 30),  # no room: its own column, first
    ]
    layout = layout_events(events, ZONE)
    assert layout.days[0].columns == (None, "K.1", "H.2")
    placed = by_id(layout)
    assert (placed["u"].column, placed["k1"].column, placed["h1"].column) == (0, 1, 2)
    assert placed["k2"].column == 1
    assert all(p.lanes == 1 for p in placed.values())


def test_sub_columns_are_decided_per_day() -> None:
    second = DAY + timedelta(days=1)
    events = [
        event("a", at(9), 50, room="A"),
        event("b", at(9), 50, room="B"),
        event("c", at(9, day=second), 50, room="A"),
        event("d", at(11, day=second), 50, room="B"),
    ]
    layout = layout_events(events, ZONE)
    assert layout.days[0].columns == ("A", "B")
    assert layout.days[1].columns == (None,)


def test_empty_days_are_kept_and_an_empty_program_gets_a_default_axis() -> None:
    layout = layout_events([], ZONE, days=[DAY, DAY + timedelta(days=1)])
    assert [d.placements for d in layout.days] == [(), ()]
    assert layout.axis_start < layout.axis_end


def test_personal_items_share_the_day_and_are_flagged() -> None:
    mine = event("mine", at(14, 20), 30, kind=Kind.PERSONAL, room="Café")
    layout = layout_events([event("talk", at(14), 40)], ZONE, personal=[mine])
    placed = by_id(layout)
    assert placed["mine"].personal and not placed["talk"].personal
    # It overlaps the talk, so both are narrowed side by side in the one column.
    assert layout.days[0].columns == (None,)
    assert {placed["mine"].lane, placed["talk"].lane} == {0, 1}


def test_item_after_midnight_extends_the_axis_past_24() -> None:
    layout = layout_events([event("late", at(23, 30), 60)], ZONE)
    assert layout.axis_end == 25 * 60


def test_minutes_at_maps_a_moment_onto_the_grid(gdl: Conference) -> None:
    layout = layout_conference(gdl)
    moment = datetime(2024, 6, 12, 10, 15, tzinfo=ZONE)
    assert layout.minutes_at(1, moment, ZONE) == 75
    assert layout.minutes_at(0, moment, ZONE) is None


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [
        ("talk-bokman", Direction.DOWN, "coffee-2024-06-11"),
        ("talk-bokman", Direction.UP, "welcome"),
        ("welcome", Direction.UP, "welcome"),  # stays at the top
        ("talk-bokman", Direction.LEFT, "talk-bokman"),  # no day before
        # Bökman 14:10-14:50 on Tuesday -> the Wednesday talk running at 14:30.
        ("talk-bokman", Direction.RIGHT, "talk-misof"),
        # Misof 14:30-15:10 is centred on 14:50, when Tuesday's coffee starts.
        ("talk-misof", Direction.LEFT, "coffee-2024-06-11"),
        # The dinner (Wednesday 19:00) -> Thursday's last item, lunch from 13:00.
        ("conference-dinner", Direction.RIGHT, "lunch-2024-06-13"),
    ],
)
def test_arrow_keys_walk_the_grid(gdl: Conference, start, direction, expected) -> None:
    assert neighbour(layout_conference(gdl), start, direction) == expected


def test_arrow_with_nothing_selected_selects_the_first_item(gdl: Conference) -> None:
    assert neighbour(layout_conference(gdl), None, Direction.DOWN) == "welcome"


@st.composite
def programs(draw) -> list[Event]:
    count = draw(st.integers(min_value=0, max_value=30))
    events = []
    for n in range(count):
        day = DAY + timedelta(days=draw(st.integers(0, 2)))
        start = at(8, 0, day) + timedelta(minutes=5 * draw(st.integers(0, 150)))
        minutes = draw(st.one_of(st.none(), st.integers(0, 180), st.sampled_from([0, 1, 5])))
        room = draw(st.sampled_from([None, "A", "B", "C"]))
        events.append(event(f"e{n}", start, minutes, room=room))
    return events


@settings(max_examples=150, deadline=None)
@given(programs())
def test_no_two_blocks_ever_overlap(events: list[Event]) -> None:
    layout = layout_events(events, ZONE)
    placed = list(layout.placements())
    assert sorted(p.id for p in placed) == sorted(e.id for e in events)
    for placement in placed:
        assert 0 <= placement.lane < placement.lanes
        assert placement.top >= 0 and placement.bottom <= layout.axis_minutes
        assert placement.open_ended == (placement.event.end is None)
    for a in placed:
        for b in placed:
            if a is b or a.day_index != b.day_index or a.column != b.column:
                continue
            overlap = a.top < b.bottom and b.top < a.bottom
            if overlap:
                # Side by side: different lanes, and the same lane count, so widths agree.
                assert a.lane != b.lane
                assert a.lanes == b.lanes
    # Lanes come from the real times: a column is exactly as many lanes wide as
    # the most items that really run at one moment (drawn heights add none).
    columns: dict[tuple[int, int], list] = {}
    for placement in placed:
        columns.setdefault((placement.day_index, placement.column), []).append(placement)
    for column in columns.values():
        assert max(p.lanes for p in column) == most_at_once(column)


def most_at_once(placements) -> int:
    """The most items running at one instant (a zero-length item counts at its instant)."""
    points = []
    for p in placements:
        start = p.event.start
        end = p.event.end
        if end is None:
            end = start + timedelta(minutes=p.height)  # its guessed end is its real one here
        points.append((start, 1))
        points.append((max(end, start + timedelta(microseconds=1)), -1))
    running = best = 0
    for _, step in sorted(points, key=lambda x: (x[0], x[1])):
        running += step
        best = max(best, running)
    return best


def test_back_to_back_items_share_a_lane_however_short() -> None:
    # Issue 14: a 5-minute item drawn taller than its slot pushed the next one
    # into a second lane. It shares the lane, and its block stops where the
    # next one starts.
    short = event("short", at(10, 30), minutes=5, room="Aula")
    after = event("after", at(10, 35), minutes=25, room="Aula")
    placed = by_id(layout_events([short, after], ZONE))
    assert (placed["short"].lane, placed["short"].lanes) == (0, 1)
    assert (placed["after"].lane, placed["after"].lanes) == (0, 1)
    assert placed["short"].bottom == placed["after"].top
    # With room below it, a short item keeps its clickable height.
    alone = by_id(layout_events([short], ZONE))["short"]
    assert alone.height == 10


def test_a_zero_length_item_sits_beside_an_item_starting_at_its_instant() -> None:
    deadline = event("deadline", at(10), minutes=0, room="Aula")
    talk = event("talk", at(10), minutes=30, room="Aula")
    later = event("later", at(11), minutes=0, room="Aula")
    placed = by_id(layout_events([deadline, talk, later], ZONE))
    assert {placed["deadline"].lane, placed["talk"].lane} == {0, 1}
    assert placed["deadline"].height > 0  # drawn, not a line of no height
    assert (placed["later"].lanes, placed["later"].height) == (1, 10)


def test_an_item_lasting_days_does_not_stretch_every_day_to_days() -> None:
    # A camp site open from Tuesday 08:00 to Thursday 20:00, and one talk.
    camp = event("camp", at(8), minutes=(2 * 24 + 12) * 60, kind=Kind.OTHER)
    talk = event("talk", at(10, day=date(2024, 6, 12)), room="Aula")
    layout = layout_events([camp, talk], ZONE)
    assert (layout.axis_start, layout.axis_end) == (8 * 60, 24 * 60)
    drawn = by_id(layout)["camp"]
    assert drawn.top == 0 and drawn.bottom == 16 * 60  # to the midnight after its start
    # A night that ends the next morning is still drawn in full.
    party = event("party", at(22), minutes=5 * 60)
    assert layout_events([party], ZONE).axis_end == 27 * 60
