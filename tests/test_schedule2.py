"""c3voc schedule 2.0 JSON (the CCC hub's format): our test files are valid against
the c3voc schema and read exactly, with rooms in order and tracks with colours."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import jsonschema
import pytest
from shared_programs import FIXTURES, SCHEMAS, shared_file

from geodl_app import formats
from geodl_app.model import Kind, Track
from geodl_app.program import ProgramError, load_program, parse_program

CONGRESS = FIXTURES / "congress.schedule2.json"
CAMP = FIXTURES / "camp.schedule2.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(shared_file(SCHEMAS / "frab-schedule-2.schema.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("path", [CONGRESS, CAMP], ids=lambda p: p.name)
def test_our_schedule2_files_are_valid_against_the_c3voc_schema(path, validator) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_the_schema_check_can_fail(validator) -> None:
    document = json.loads(CONGRESS.read_text(encoding="utf-8"))
    del document["schedule"]["events"][0]["room"]
    assert list(validator.iter_errors(document))


def local(conference, moment: datetime | None) -> str | None:
    return None if moment is None else conference.local(moment).isoformat()


def test_the_congress_reads_exactly() -> None:
    conference = load_program(CONGRESS)
    assert conference.id == "38c3"
    assert conference.name == "38th Chaos Communication Congress (test)"
    assert conference.timezone == "Europe/Berlin"
    assert (conference.first_day.isoformat(), conference.last_day.isoformat()) == (
        "2024-12-27",
        "2024-12-30",
    )
    # The room list's order, although Saal ZIGZAG has the first item.
    assert conference.rooms == ["Saal 1", "Saal GLITCH", "Saal ZIGZAG", "Stage HUFF"]
    assert conference.track_list == (
        Track(name="Security", color="#d8d8d8"),
        Track(name="Art & Beauty", color="#f4a6d7"),  # colors.light when no color
        Track(name="Science", color="#00ff00"),
        Track(name="Ethics, Society & Politics", color=None),
    )
    rows = [
        (
            e.kind,
            e.title,
            local(conference, e.start),
            local(conference, e.end),
            e.room,
            e.track,
            e.speakers,
            e.url,
        )
        for e in conference.events
    ]
    page = "https://events.ccc.de/congress/2024/hub/event/"
    assert rows == [
        (
            Kind.TALK,
            "Chips and their secrets",
            "2024-12-27T10:30:00+01:00",
            "2024-12-27T11:10:00+01:00",
            "Saal ZIGZAG",
            "Security",
            ("Alice Example",),
            page + "early-zigzag/",
        ),
        (
            Kind.TALK,
            "Illegal instructions",
            "2024-12-27T11:00:00+01:00",
            "2024-12-27T11:40:00+01:00",
            "Saal 1",
            "Security",
            ("Bob Beispiel", "Carol Moderator"),  # not the co-author (CONTRIBUTOR)
            page + "opening-talk/",
        ),
        (
            Kind.BREAK,
            "Lunch break",
            "2024-12-27T12:00:00+01:00",
            "2024-12-27T13:00:00+01:00",
            "Saal 1",  # found by the room's guid alone
            None,
            (),
            None,
        ),
        (
            Kind.TALK,
            "Lightning talks at night",
            "2024-12-27T23:00:00+01:00",
            "2024-12-28T00:40:00+01:00",
            "Saal GLITCH",
            "Science",
            ("Eve Night", "Frank Late"),
            page + "night-glitch/",
        ),
        (
            Kind.TALK,
            "Cancelled: The talk that was not",
            "2024-12-28T14:00:00+01:00",
            "2024-12-28T14:40:00+01:00",
            "Saal 1",
            "Art & Beauty",
            ("Gina Gone",),
            page + "cancelled/",
        ),
        # The withdrawn talk is not on the programme.
        (
            Kind.TALK,
            "Solder your own badge",
            "2024-12-28T16:00:00+01:00",
            "2024-12-28T18:00:00+01:00",
            "Stage HUFF",
            "Art & Beauty",
            ("Ida Iron",),
            page + "workshop/",
        ),
        (
            Kind.OTHER,
            "Doors open",
            "2024-12-29T09:00:00+01:00",
            "2024-12-29T09:30:00+01:00",
            None,
            None,
            (),
            None,
        ),
        (
            Kind.SOCIAL,
            "Chiptune night",
            "2024-12-29T21:00:00+01:00",
            "2024-12-29T23:00:00+01:00",
            "Stage HUFF",
            "Ethics, Society & Politics",
            ("Jo Chip",),
            page + "concert/",
        ),
        (
            Kind.TALK,
            "Closing",
            "2024-12-30T17:00:00+01:00",
            "2024-12-30T17:45:00+01:00",
            "Saal 1",
            "Ethics, Society & Politics",
            ("Bob Beispiel", "Alice Example"),
            page + "closing/",
        ),
    ]
    talk = conference.events[1]
    # The abstract in the talk's own language, after its subtitle; links kept.
    assert talk.abstract == (
        "Undocumented opcodes\n\nEin Vortrag über Befehle, die es nicht geben dürfte."
    )
    assert [(link.title, link.url) for link in talk.links] == [
        ("Slides", "https://example.org/slides.pdf")
    ]
    # Every item keeps its guid as its id (stars key on it).
    document = json.loads(CONGRESS.read_text(encoding="utf-8"))
    shown = [e for e in document["schedule"]["events"] if e.get("state") != "WITHDRAWN"]
    assert {e.id for e in conference.events} == {e["guid"] for e in shown}
    assert conference.events[3].abstract == "Five minutes or less each."
    assert conference.events[7].abstract == "Eight bits, loud."


def test_a_schedule2_file_without_its_schema_is_told_by_its_shape() -> None:
    conference = load_program(CAMP)
    assert conference.name == "Test Camp"
    assert conference.timezone == "UTC"
    assert conference.rooms == ["Main tent", "Lab"]
    first, second = conference.events
    assert (first.title, first.room, first.speakers) == ("Hello camp", "Lab", ("Kim Camper",))
    assert (second.title, second.room, second.kind) == ("Second day", "Main tent", Kind.TALK)
    assert second.start.isoformat() == "2024-08-15T10:00:00+00:00"


def test_the_registry_sends_schedule2_and_schedule1_to_their_own_readers() -> None:
    congress = json.loads(CONGRESS.read_text(encoding="utf-8"))
    claimed = [f.name for f in formats.FORMATS if f.claims and f.claims(congress)]
    assert claimed[0] == "schedule2"
    schedule1 = {"schedule": {"conference": {"days": [{"rooms": {}}]}}}
    assert not formats.is_schedule2_document(schedule1)
    assert formats.is_schedule2_document({"$schema": "https://c3voc.de/schema/schedule2"})


def minimal(**event: Any) -> bytes:
    document = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "mini",
                "title": "Mini",
                "time_zone_name": "Europe/Berlin",
                "rooms": [{"name": "Hall", "guid": "6a4e0bb2-8a0c-4b43-9d1b-0d8d9a6e7a01"}],
            },
            "events": [{"guid": "e1", "title": "Talk", "type": "TALK", **event}],
        }
    }
    return json.dumps(document).encode()


def test_plain_names_iso_durations_and_wall_times_are_read_too() -> None:
    data = minimal(
        start="2024-10-27T01:30:00",  # no offset: Berlin wall time, the night clocks go back
        duration="PT2H",
        room="Hall",
        track="Plain track",
        participants=["Lee Plain"],
    )
    (event,) = parse_program(data, source="mini.json").events
    assert event.start.isoformat() == "2024-10-26T23:30:00+00:00"
    assert event.end is not None and event.end - event.start == (
        datetime(2024, 10, 27, 3) - datetime(2024, 10, 27, 1)
    )
    assert (event.room, event.track, event.speakers) == ("Hall", "Plain track", ("Lee Plain",))


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"room": "Hall"}, "no start"),
        ({"start": "soon"}, "not a date and time"),
        ({"start": "2024-01-01T10:00:00+01:00", "duration": "forever"}, "not HH:MM"),
        ({"start": "2024-01-01T10:00:00+01:00", "participants": "Lee"}, "must be a list"),
    ],
)
def test_broken_schedule2_items_are_one_clear_error(event: dict[str, Any], message: str) -> None:
    with pytest.raises(ProgramError, match=message):
        parse_program(minimal(**event), source="mini.json")


def test_an_empty_schedule2_says_it_holds_no_events() -> None:
    document = {"$schema": "https://c3voc.de/schema/schedule2", "schedule": {"version": "1"}}
    document["schedule"]["conference"] = {"title": "Empty", "time_zone_name": "UTC"}
    document["schedule"]["events"] = []
    with pytest.raises(ProgramError, match="holds no events"):
        parse_program(json.dumps(document).encode(), source="empty.json")
