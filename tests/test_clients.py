"""Our exports as the attendees' client programs read them.

ConfClerk, Confy and Giggity read the Pentabarf XML, the c3voc tools and
apps built on them the frab JSON, calendars the iCalendar file. Each export
is re-read here by a small reader written in the test with the standard
library only, checking what those clients need: an integer id on every
person (ConfClerk shows no speakers without), the event page in ``<url>``, a
name on every room, a ``duration`` and a ``date`` with its offset, and the
same instants as the program, across the autumn fold and the spring gap. The
calendar is also read by the ``icalendar`` package and, where it is
installed, by khal (CI installs it).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app import formats
from geodl_app.model import Conference, Event
from geodl_app.program import load_bundled, load_program

PROGRAMS_TO_CHECK = [
    "bundled",
    "fosdem-2021.pentabarf.xml",
    "democon.frab.json",
    "kielux-2020.ics",
    "fixture:fold.frab.json",
    "fixture:gap.frab.json",
    "fixture:pages.frab.xml",
    "fixture:dst-no-zone.pentabarf.xml",
    "fixture:congress.schedule2.json",
]


@functools.cache
def program(name: str) -> Conference:
    if name == "bundled":
        return load_bundled()
    if name.startswith("fixture:"):
        return load_program(FIXTURES / name.removeprefix("fixture:"), timezone="Europe/Brussels")
    return load_program(shared_file(PROGRAMS / name))


def hours_minutes(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+):(\d{2})(?::(\d{2}))?", text)
    assert match, f"duration {text!r} is not HH:MM"
    return timedelta(hours=int(match[1]), minutes=int(match[2]), seconds=int(match[3] or 0))


def with_offset(text: str | None) -> datetime:
    assert text, "no date"
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() is not None, f"date {text!r} has no offset"
    return moment


def check_persons(items: list[dict[str, object]], conference: Conference) -> None:
    """Every speaker has an integer id; one name, one id; two names, two ids."""
    id_of: dict[str, int] = {}
    for item in items:
        for number, name in item["persons"]:  # type: ignore[attr-defined]
            assert isinstance(number, int) and number > 0
            assert id_of.setdefault(name, number) == number, name
    assert len(set(id_of.values())) == len(id_of)
    assert set(id_of) == {name for e in conference.events for name in e.speakers}


def check_against(items: list[dict[str, object]], conference: Conference) -> None:
    """The items read by a client are the program's, at the same instants."""
    assert len(items) == len(conference.events)
    by_title: dict[tuple[str, datetime], Event] = {(e.title, e.start): e for e in conference.events}
    for item in items:
        event = by_title.get((item["title"], item["start"]))  # type: ignore[arg-type]
        assert event is not None, (item["title"], item["start"])
        if event.end is not None:
            assert item["end"] == event.end, event.title
        assert item["room"], f"{event.title}: a room without a name"
        if event.room:
            assert item["room"] == event.room
        assert [name for _, name in item["persons"]] == list(event.speakers)  # type: ignore[attr-defined]
        assert item["url"] == event.url, event.title


# --------------------------------------------------------- ConfClerk, Confy


def confclerk_read(data: bytes) -> list[dict[str, object]]:
    """The Pentabarf XML as ConfClerk, Confy and Giggity read it: day, room, event."""
    root = ET.fromstring(data)
    items: list[dict[str, object]] = []
    for day in root.findall("day"):
        for room in day.findall("room"):
            for event in room.findall("event"):
                start = with_offset(event.findtext("date"))
                # ConfClerk itself takes the day's date and the event's HH:MM
                # start, the conference's wall clock: they must say the same.
                assert (day.get("date"), event.findtext("start")) == (
                    start.date().isoformat(),
                    start.strftime("%H:%M"),
                )
                # Its room is the <room name> around the event, also written inside.
                assert event.findtext("room") == room.get("name")
                persons = event.find("persons")
                items.append(
                    {
                        "title": event.findtext("title"),
                        "start": start,
                        "end": start + hours_minutes(event.findtext("duration") or ""),
                        "room": room.get("name"),
                        "persons": [
                            (int(p.get("id") or "0"), p.text)
                            for p in ([] if persons is None else persons.findall("person"))
                        ],
                        "url": event.findtext("url"),
                    }
                )
    return items


@pytest.mark.parametrize("name", PROGRAMS_TO_CHECK)
def test_pentabarf_export_reads_in_confclerk_confy_and_giggity(name: str) -> None:
    conference = program(name)
    items = confclerk_read(formats.write(formats.PENTABARF, conference))
    check_against(items, conference)
    check_persons(items, conference)


# ------------------------------------------------------- frab / c3voc JSON


def schedule_json_read(data: bytes) -> list[dict[str, object]]:
    """The frab JSON as a client of c3voc schedule JSON reads it: days, rooms by name."""
    document = json.loads(data)
    items: list[dict[str, object]] = []
    for day in document["schedule"]["conference"]["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                start = with_offset(event["date"])
                url = event["url"]
                items.append(
                    {
                        "title": event["title"],
                        "start": start,
                        "end": start + hours_minutes(event["duration"]),
                        "room": room,
                        "persons": [(p["id"], p["public_name"]) for p in event["persons"]],
                        "url": url if url.startswith(("http://", "https://")) else None,
                    }
                )
    return items


@pytest.mark.parametrize("name", PROGRAMS_TO_CHECK)
def test_frab_json_export_reads_in_a_schedule_json_client(name: str) -> None:
    conference = program(name)
    items = schedule_json_read(formats.write(formats.FRAB_JSON, conference))
    check_against(items, conference)
    check_persons(items, conference)


# ---------------------------------------------------------------- calendars


def unfolded_lines(data: bytes) -> list[str]:
    """RFC 5545 content lines: CRLF, and a leading space continues the line before."""
    assert b"\r\n" in data
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return [line for line in text.split("\r\n") if line]


def naive_calendar_read(data: bytes, conference: Conference) -> list[dict[str, object]]:
    """The calendar as a simple client reads it: a local time in its TZID, picking
    the first of two readings of a repeated hour (what zoneinfo does by default)."""
    items: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    in_zone = False
    for line in unfolded_lines(data):
        name_params, _, value = line.partition(":")
        name, *params = name_params.split(";")
        if line.startswith("BEGIN:VTIMEZONE"):
            in_zone = True
        elif line.startswith("END:VTIMEZONE"):
            in_zone = False
        elif line == "BEGIN:VEVENT":
            current = {"persons": [], "url": None, "room": None, "end": None}
        elif line == "END:VEVENT":
            assert current is not None
            items.append(current)
            current = None
        elif current is not None and not in_zone:
            if name in ("DTSTART", "DTEND"):
                zone = dict(p.split("=", 1) for p in params).get("TZID")
                if value.endswith("Z"):
                    moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                else:
                    assert zone, f"{line}: a floating time"
                    local = datetime.strptime(value, "%Y%m%dT%H%M%S")
                    moment = local.replace(tzinfo=ZoneInfo(zone))
                current["start" if name == "DTSTART" else "end"] = moment
            elif name == "SUMMARY":
                current["title"] = value.replace("\\,", ",").replace("\\;", ";")
            elif name == "URL":
                current["url"] = value
            elif name == "LOCATION":
                current["room"] = value.replace("\\,", ",").replace("\\;", ";")
    return items


@pytest.mark.parametrize("name", PROGRAMS_TO_CHECK)
def test_calendar_export_reads_alike_in_a_simple_client(name: str) -> None:
    conference = program(name)
    items = naive_calendar_read(formats.write(formats.ICAL, conference), conference)
    assert len(items) == len(conference.events)
    by_title = {(e.title, e.start): e for e in conference.events}
    for item in items:
        event = by_title[(item["title"], item["start"])]  # type: ignore[index]
        assert item["end"] == event.end, event.title
        assert item["url"] == event.url
        assert item["room"] == event.room


@pytest.mark.parametrize("name", PROGRAMS_TO_CHECK)
def test_calendar_export_reads_alike_in_the_icalendar_package(name: str) -> None:
    conference = program(name)
    calendar = icalendar.Calendar.from_ical(formats.write(formats.ICAL, conference))
    items = list(calendar.walk("VEVENT"))
    assert len(items) == len(conference.events)
    by_title = {(e.title, e.start): e for e in conference.events}
    for item in items:
        event = by_title[(str(item["SUMMARY"]), item.decoded("DTSTART"))]
        end = item.decoded("DTEND") if "DTEND" in item else None
        assert end == event.end, event.title
        assert (str(item["URL"]) if "URL" in item else None) == event.url


def test_the_fold_needs_what_the_calendar_writes() -> None:
    """Written as local time, the end of the two hours across the fold would be
    read an hour early: the check above can fail."""
    conference = program("fixture:fold.frab.json")
    event = next(e for e in conference.events if e.title == "Two hours across the fold")
    assert event.end is not None and event.end - event.start == timedelta(hours=2)
    local = conference.local(event.end).replace(tzinfo=None)
    naive = local.replace(tzinfo=conference.zone)
    assert naive != event.end  # the local 02:30 read the simple way is the first 02:30


# -------------------------------------------------------------------- khal


def khal_or_skip() -> str:
    found = shutil.which("khal")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("khal is not installed (.ci/run installs it)")
        pytest.skip("khal is not installed (apt install khal)")
    return found


@pytest.mark.parametrize("name", ["fixture:fold.frab.json", "fixture:gap.frab.json", "bundled"])
def test_calendar_export_round_trips_through_khal(name: str, tmp_path: Path) -> None:
    khal = khal_or_skip()
    conference = program(name)
    ics = tmp_path / "program.ics"
    ics.write_bytes(formats.write(formats.ICAL, conference))
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[test]]\npath = {tmp_path / 'cal'}\ntype = calendar\n"
        "[locale]\nlocal_timezone = UTC\ndefault_timezone = UTC\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%dT%H:%M\nlongdatetimeformat = %Y-%m-%dT%H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "UTC", "LC_ALL": "C.UTF-8"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [khal, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("import", "--batch", "-a", "test", str(ics))
    first = conference.first_day - timedelta(days=1)
    days = (conference.last_day - first).days + 2
    listed = run(
        "list", "--once", "--day-format", "", "--format", "{start}|{end}|{title}",
        first.isoformat(), f"{days}d",
    )  # fmt: skip
    seen = set()
    for line in listed.splitlines():
        start, end, title = line.split("|", 2)
        seen.add(
            (
                title,
                datetime.fromisoformat(start).replace(tzinfo=UTC),
                datetime.fromisoformat(end).replace(tzinfo=UTC),
            )
        )
    # khal gives items with no end, or none to speak of, its own default length.
    lasting = [e for e in conference.events if e.end is not None and e.end > e.start]
    assert {(e.title, e.start, e.end) for e in lasting} <= seen
    assert {(e.title, e.start) for e in conference.events} <= {(t, s) for t, s, _ in seen}
