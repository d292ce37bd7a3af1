"""frab / c3voc schedule JSON: the pretalx demo conference, zones, ids and broken input."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app.model import Kind
from geodl_app.program import ProgramError, load_program, parse_program


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_democon_loads_with_guids_rooms_tracks_and_speakers() -> None:
    conference = load_program(shared_file(PROGRAMS / "democon.frab.json"))
    assert conference.name == "DemoCon"
    assert conference.id == "democon"
    assert conference.timezone == "UTC"  # the file's time_zone_name
    assert len(conference.events) == 36
    assert conference.rooms == ["Gray Room", "Tan Room"]
    first = conference.event("8079583e-8321-506c-95af-fd2903a5f075")
    assert first is not None
    # "date": "2020-12-14T09:00:00+01:00", "duration": "00:30": the offset is the truth.
    assert (first.start, first.end) == (utc(2020, 12, 14, 8, 0), utc(2020, 12, 14, 8, 30))
    assert first.speakers == ("Brian Robinson",)
    assert first.track == "Phased"
    assert first.kind is Kind.TALK
    assert first.paragraphs[0] == "Brand back-end models!"
    # The talk's page is its page, not one of its links.
    assert first.url == "http://localhost/democon/talk/G9JGWY/"
    assert first.links == ()
    last = conference.event("2b2f1972-ee1f-536d-a364-f36561b3ecce")
    assert (last.start, last.end) == (utc(2020, 12, 16, 13, 0), utc(2020, 12, 16, 14, 30))
    assert last.room == "Tan Room"


def test_offsets_zone_names_and_naive_dates_across_dst() -> None:
    conference = load_program(FIXTURES / "dst.frab.json")
    assert conference.timezone == "America/New_York"
    opening, night, naive, second = conference.events
    # No date, only "start": "09:00" on 2024-03-09: New York is on EST (-05:00).
    assert opening.start == utc(2024, 3, 9, 14, 0)
    assert opening.kind is Kind.OPENING
    assert opening.speakers == ("Grace Hopper",)
    # Markdown loses its markup, the link keeps its address.
    assert opening.abstract == "Welcome to DST Con (https://example.org/dst)."
    # 01:30 EST plus two real hours is 04:30 EDT: the clocks jump at 02:00.
    assert night.start == utc(2024, 3, 10, 6, 30)
    assert night.end == utc(2024, 3, 10, 8, 30)
    assert conference.local(night.end).strftime("%H:%M") == "04:30"
    # A date without an offset is wall time in the file's zone (EDT by then).
    assert naive.start == utc(2024, 3, 10, 14, 0)
    # "end" wins over "duration"; the repeated guid gets a stable suffix.
    assert second.end == utc(2024, 3, 10, 16, 30)
    assert (naive.id, second.id) == (
        "0b5a4a52-6a8a-4c4b-9e0a-1c1f1b7c0003",
        "0b5a4a52-6a8a-4c4b-9e0a-1c1f1b7c0003-2",
    )


def _schedule(event: dict, zone: str | None = "UTC") -> bytes:
    conference = {"title": "T", "acronym": "tcon", "start": "2024-06-11", "end": "2024-06-11"}
    if zone:
        conference["time_zone_name"] = zone
    conference["days"] = [{"index": 1, "date": "2024-06-11", "rooms": {"A": [event]}}]
    return json.dumps({"schedule": {"version": "1", "conference": conference}}).encode()


GOOD = {"guid": "a", "date": "2024-06-11T10:00:00", "duration": "00:30", "title": "Talk"}


def test_a_file_without_any_zone_asks_for_one() -> None:
    with pytest.raises(ProgramError, match="--timezone"):
        parse_program(_schedule(GOOD, zone=None), source="t.json")
    conference = parse_program(_schedule(GOOD, zone=None), source="t.json", timezone="Asia/Tokyo")
    assert conference.events[0].start == utc(2024, 6, 11, 1, 0)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({**GOOD, "duration": "400:00"}, "not plausible"),
        ({**GOOD, "duration": "soon"}, "not HH:MM"),
        ({**GOOD, "date": "yesterday"}, "not a date and time"),
        ({**GOOD, "title": ["a", "list"]}, "title: must be text"),
        ({**GOOD, "persons": "Ada"}, "persons: must be a list"),
        ({**GOOD, "end": "2024-06-11T09:00:00"}, "ends before it starts"),
    ],
)
def test_wrong_values_are_one_clear_error(event: dict, message: str) -> None:
    with pytest.raises(ProgramError, match=message):
        parse_program(_schedule(event), source="t.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"schedule": {"conference": {"days": [', "invalid JSON at line 1"),
        (b'{"schedule": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        ('{"schedule": "Café"}'.encode("latin-1"), "not UTF-8"),
        ('{"schedule": 1}'.encode("utf-16"), "not UTF-8"),
        (b'{"schedule": {"conference": {"title": "x", "days": []}}}', "holds no events"),
        (
            b'{"schedule": {"conference": {"title": "x", "days": [{"rooms": {"A": []}}]}}}',
            "no events",
        ),
    ],
)
def test_broken_documents_are_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ProgramError, match=message) as caught:
        parse_program(data, source="broken.json")
    assert "\n" not in str(caught.value)


def test_deeply_nested_own_format_is_one_clear_error() -> None:
    with pytest.raises(ProgramError, match="nested too deeply"):
        parse_program(b"a = " + b"[" * 100_000 + b"]" * 100_000, source="deep.toml")
