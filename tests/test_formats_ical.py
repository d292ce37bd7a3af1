"""iCalendar: the Kieler Linuxtage file, TZID and floating times, hostile input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app.model import Kind
from geodl_app.program import ProgramError, load_program, parse_program


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_kielux_loads_every_event_at_its_utc_instant() -> None:
    conference = load_program(shared_file(PROGRAMS / "kielux-2020.ics"))
    assert len(conference.events) == 24
    assert conference.name == "18. Kieler Open Source und Linux Tage"
    assert conference.timezone == "Europe/Berlin"  # documented: Kiel; the file has only UTC
    talk = conference.event("460@KOLT20")
    assert talk is not None
    # DTSTART:20200918T110000Z / DTEND:20200918T120000Z = 13:00-14:00 in Kiel (CEST).
    assert (talk.start, talk.end) == (utc(2020, 9, 18, 11, 0), utc(2020, 9, 18, 12, 0))
    assert conference.local(talk.start).strftime("%H:%M") == "13:00"
    assert talk.room == "Ravensberg"
    assert talk.speakers == ("Jakob Semere",)
    # "von: Jakob Semere" only repeats the speaker and is not kept in the abstract.
    assert talk.abstract.startswith("Sie möchten wertvolle Daten")
    assert talk.url == "https://kielux.de/programm/KOLT20#460"
    # HTML in a description is reduced to its text.
    xen = conference.event("467@KOLT20")
    assert "<i>" not in xen.abstract and "Xen war lange Zeit die Plattform" in xen.abstract


def test_tzid_times_are_exact_across_the_spring_switch() -> None:
    conference = load_program(FIXTURES / "berlin-tzid.ics")
    assert conference.timezone == "Europe/Berlin"
    night = conference.event("night@spring")
    # 01:30 CET to 03:30 CEST is one real hour.
    assert (night.start, night.end) == (utc(2024, 3, 31, 0, 30), utc(2024, 3, 31, 1, 30))
    assert night.speakers == ("Emmy Noether",)
    assert night.abstract == "One hour of wall clock, one hour of real time."
    assert night.track == "Physics"
    coffee = conference.event("morning@spring")
    assert (coffee.start, coffee.end) == (utc(2024, 3, 31, 8, 0), utc(2024, 3, 31, 8, 45))
    assert coffee.kind is Kind.BREAK
    assert coffee.room == "Foyer"
    # A repeated UID keeps both items.
    assert conference.event("night@spring-2").title == "Same UID again"


def test_floating_times_need_a_zone() -> None:
    with pytest.raises(ProgramError, match="--timezone"):
        load_program(FIXTURES / "floating.ics")
    conference = load_program(FIXTURES / "floating.ics", timezone="Europe/Stockholm")
    assert conference.events[0].start == utc(2024, 6, 11, 7, 0)
    assert conference.timezone == "Europe/Stockholm"


def test_x_wr_timezone_names_the_zone_of_floating_times() -> None:
    data = (
        (FIXTURES / "floating.ics")
        .read_bytes()
        .replace(b"X-WR-CALNAME", b"X-WR-TIMEZONE:America/Chicago\nX-WR-CALNAME")
    )
    conference = parse_program(data, source="chicago.ics")
    assert conference.events[0].start == utc(2024, 6, 11, 14, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((FIXTURES / "truncated.ics").read_bytes(), "cut short"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
         b"END:VCALENDAR\r\n", "no DTSTART"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2024061\r\nEND:VEVENT\r\n"
         b"END:VCALENDAR\r\n", "DTSTART is not a date or time"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240611T100000Z\r\n"
         b"DTEND:20250611T100000Z\r\nSUMMARY:A year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
         "not plausible"),
        (b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Caf\xe9\r\nEND:VCALENDAR\r\n", "not UTF-8"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no events"),
    ],
)  # fmt: skip
def test_broken_calendars_are_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ProgramError, match=message) as caught:
        parse_program(data, source="broken.ics")
    assert "\n" not in str(caught.value)
