"""Words for days, times and items, without Qt."""

from __future__ import annotations

from datetime import date, timedelta

from geodl_app import wording
from geodl_app.model import Conference


def test_day_heading_and_short_day() -> None:
    assert wording.day_heading(date(2024, 6, 11)) == "Tuesday 11 June"
    assert wording.short_day(date(2024, 6, 13)) == "Thu 13 Jun"


def test_time_range_and_open_end(gdl: Conference) -> None:
    assert wording.time_range(gdl.event("talk-bokman"), gdl.zone) == "14:10–14:50"
    assert wording.time_range(gdl.event("conference-dinner"), gdl.zone) == "19:00–"


def test_duration() -> None:
    assert wording.duration(timedelta(minutes=40)) == "40 min"
    assert wording.duration(timedelta(minutes=60)) == "1 h"
    assert wording.duration(timedelta(minutes=80)) == "1 h 20 min"
    assert wording.duration(None) == "no end given"


def test_accessible_label_reads_day_time_speaker_title(gdl: Conference) -> None:
    label = wording.accessible_label(gdl.event("talk-bokman"), gdl.zone)
    assert label == (
        "Tuesday 14:10–14:50, Georg Bökman: On the usefulness of equivariant image representations"
    )
    dinner = wording.accessible_label(gdl.event("conference-dinner"), gdl.zone)
    assert dinner == "Wednesday 19:00– (no end given), Conference dinner, Båten"


def test_abstract_blocks_gather_references_into_one_list(gdl: Conference) -> None:
    blocks = wording.abstract_blocks(gdl.event("talk-bekkers"))
    assert [b.kind for b in blocks] == ["paragraph", "references"]
    assert [line[:3] for line in blocks[1].lines] == ["[1]", "[2]", "[3]", "[4]"]
    assert blocks[0].lines[0].startswith("In this talk I will present the idea of Neural Ideograms")


def test_abstract_blocks_join_source_wrapped_lines() -> None:
    from datetime import UTC, datetime

    from geodl_app.model import Event, Kind

    event = Event(
        id="x",
        kind=Kind.TALK,
        title="x",
        start=datetime(2024, 1, 1, tzinfo=UTC),
        abstract="First line\nsame paragraph.\n\nSecond paragraph.",
    )
    blocks = wording.abstract_blocks(event)
    assert [b.lines for b in blocks] == [("First line same paragraph.",), ("Second paragraph.",)]
