"""Clash detection: end-exclusive overlaps, items with no end, and a check against brute force."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from geodl_app.bookmarks import Appointment
from geodl_app.clashes import (
    ASSUMED_DURATION,
    PlannedItem,
    clashing_ids,
    find_clashes,
    free_gaps,
    new_clashes,
    planned_items,
)
from geodl_app.model import Conference

BASE = datetime(2024, 6, 12, 8, 0, tzinfo=UTC)


def item(item_id: str, start_min: int, end_min: int | None) -> PlannedItem:
    start = BASE + timedelta(minutes=start_min)
    end = None if end_min is None else BASE + timedelta(minutes=end_min)
    return PlannedItem(item_id, item_id.upper(), start, end)


def pairs(clashes) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(c.ids) for c in clashes}


def test_back_to_back_items_do_not_clash() -> None:
    assert find_clashes([item("a", 120, 160), item("b", 160, 200)]) == []


def test_one_minute_of_overlap_is_a_clash_with_that_interval() -> None:
    [clash] = find_clashes([item("a", 120, 161), item("b", 160, 200)])
    assert clash.ids == ("a", "b")
    assert (clash.start, clash.end) == (
        BASE + timedelta(minutes=160),
        BASE + timedelta(minutes=161),
    )


def test_a_long_item_clashes_with_every_later_item_it_covers() -> None:
    # The trap: comparing only neighbours in start order misses long-c with d.
    items = [item("long", 0, 300), item("b", 10, 20), item("c", 30, 40), item("d", 250, 260)]
    assert pairs(find_clashes(items)) == {
        frozenset({"long", "b"}),
        frozenset({"long", "c"}),
        frozenset({"long", "d"}),
    }


def test_an_item_with_no_end_lasts_the_assumed_hour() -> None:
    dinner = item("dinner", 660, None)  # 19:00, no end
    train = item("train", 690, 720)  # 19:30–20:00: inside the assumed hour
    late_call = item("call", 660 + 60, 750)  # starts exactly when the assumed hour ends
    clashes = find_clashes([dinner, train, late_call])
    assert pairs(clashes) == {frozenset({"dinner", "train"})}
    [clash] = clashes
    assert clash.end - clash.start == timedelta(minutes=30)
    assert timedelta(hours=1) == ASSUMED_DURATION


def test_a_zero_length_item_clashes_with_nothing() -> None:
    # A deadline at 10:00 inside a session 9:00–11:00, and another item at
    # the very same instant: none of them is a clash (end = start is no time).
    deadline = item("deadline", 60, 60)
    same_instant = item("photo", 60, 60)
    session = item("session", 0, 180)
    assert find_clashes([session, deadline, same_instant]) == []
    assert find_clashes([deadline, item("b", 60, 90)]) == []


def test_identical_times_clash_and_results_are_ordered() -> None:
    clashes = find_clashes([item("z", 0, 30), item("a", 0, 30), item("m", 100, 130)])
    assert [c.ids for c in clashes] == [("a", "z")]


def test_clash_helpers() -> None:
    before = find_clashes([item("a", 0, 30), item("b", 20, 40)])
    after = find_clashes([item("a", 0, 30), item("b", 20, 40), item("c", 25, 50)])
    created = new_clashes(before, after)
    assert pairs(created) == {frozenset({"a", "c"}), frozenset({"b", "c"})}
    assert clashing_ids(after) == {"a", "b", "c"}
    assert created[0].other("c").id in {"a", "b"}


def test_free_gaps_are_between_merged_items() -> None:
    items = [item("a", 0, 100), item("b", 10, 20), item("c", 110, 120), item("d", 200, 210)]
    gaps = free_gaps(items, minimum=timedelta(minutes=15))
    minutes = [((s - BASE).seconds // 60, (e - BASE).seconds // 60) for s, e in gaps]
    assert minutes == [(120, 200)]  # 100–110 is too short; b inside a leaves no gap


def test_planned_items_mix_starred_events_and_appointments(gdl: Conference) -> None:
    bokman = gdl.event("talk-bokman")
    assert bokman is not None and bokman.end is not None
    meeting = Appointment.create("Meet Anna", bokman.start + timedelta(minutes=30), bokman.end)
    items = planned_items([bokman], [meeting])
    [clash] = find_clashes(items)
    assert set(clash.ids) == {"talk-bokman", meeting.id}
    assert clash.other("talk-bokman").personal is True


# ------------------------------------------------------------- against brute force


def brute_force(items: list[PlannedItem]) -> dict[frozenset[str], tuple[datetime, datetime]]:
    found = {}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            start = max(a.start, b.start)
            end = min(a.effective_end, b.effective_end)
            if start < end:
                found[frozenset({a.id, b.id})] = (start, end)
    return found


ZONES = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]


def in_zone(planned: PlannedItem, zone: timezone) -> PlannedItem:
    """The same instants written with another UTC offset (imports mix them)."""
    end = None if planned.end is None else planned.end.astimezone(zone)
    return PlannedItem(planned.id, planned.title, planned.start.astimezone(zone), end)


timed_items = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=600),
        st.one_of(st.none(), st.integers(min_value=1, max_value=240)),
        st.sampled_from(ZONES),
    ),
    max_size=40,
).map(
    lambda specs: [
        in_zone(item(f"i{n}", start, None if length is None else start + length), zone)
        for n, (start, length, zone) in enumerate(specs)
    ]
)


@settings(max_examples=300, deadline=None)
@given(timed_items)
def test_sweep_finds_exactly_the_brute_force_clashes(items: list[PlannedItem]) -> None:
    clashes = find_clashes(items)
    expected = brute_force(items)
    assert len(clashes) == len(expected), "a pair was missed or reported twice"
    assert {frozenset(c.ids): (c.start, c.end) for c in clashes} == expected
    for clash in clashes:
        assert (clash.first.start, clash.first.id) <= (clash.second.start, clash.second.id)


def test_the_assumed_hour_is_an_hour_on_the_night_the_clocks_go_back() -> None:
    stockholm = ZoneInfo("Europe/Stockholm")
    # 02:00 summer time on 27 October 2024; one hour later the wall clock says 02:00 again.
    start = datetime(2024, 10, 27, 0, 0, tzinfo=UTC).astimezone(stockholm)
    late_show = PlannedItem("show", "Late show", start)  # no end
    utc = start.astimezone(UTC)
    inside = PlannedItem("inside", "Inside", utc + timedelta(minutes=59), utc + timedelta(hours=1))
    after = PlannedItem("after", "After", utc + timedelta(hours=1), utc + timedelta(hours=2))
    clashes = find_clashes([late_show, after, inside])
    assert pairs(clashes) == {frozenset({"show", "inside"})}
    [clash] = clashes
    assert clash.end - clash.start == timedelta(minutes=1)
