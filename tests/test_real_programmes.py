"""Every real programme in ../shared/data/programs reads exactly.

Each file is read a second time here, by a reader of its own written with the
standard library, and every item the app reads is compared with it: the same
ids, titles, instants, rooms (in the file's order), tracks, speakers, event
pages and links. Nothing is left out or added.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from shared_programs import PROGRAMS, shared_file

from geodl_app.model import Conference
from geodl_app.program import load_program


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def duration(text: str) -> timedelta:
    hours, minutes = text.split(":")[:2]
    return timedelta(hours=int(hours), minutes=int(minutes))


def web(url: str) -> str | None:
    """What the app keeps of a link: web and mail addresses, bare domains as https."""
    url = url.strip()
    if re.match(r"^https?://[^\s/]+\S*$", url) or re.match(r"^mailto:\S+@\S+$", url):
        return url
    if re.match(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:[/?#]\S*)?$", url):
        return "https://" + url
    return None


def compare(conference: Conference, expected: list[dict[str, Any]], rooms: list[str]) -> None:
    assert len(conference.events) == len(expected)
    assert {e.id for e in conference.events} == {item["id"] for item in expected}
    for item in expected:
        event = conference.event(item["id"])
        assert event is not None, item["id"]
        got = {key: getattr(event, key) for key in item if key != "id"}
        assert got == {key: value for key, value in item.items() if key != "id"}, item["id"]
    assert conference.rooms == rooms


def test_fosdem_2021_reads_exactly() -> None:
    path = shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")
    brussels = ZoneInfo("Europe/Brussels")  # FOSDEM's documented zone; the file names none
    root = ET.parse(path).getroot()
    expected = []
    rooms: list[str] = []
    for day in root.iter("day"):
        on = date.fromisoformat(day.get("date", ""))
        for room in day.iter("room"):
            for event in room.iter("event"):
                hours, minutes = (int(n) for n in (event.findtext("start") or "").split(":"))
                start = datetime(on.year, on.month, on.day, hours, minutes, tzinfo=brussels)
                length = duration(event.findtext("duration") or "0:00")
                name = words(event.findtext("room")) or room.get("name", "")
                rooms.append(name)
                expected.append(
                    {
                        "id": event.get("id"),
                        "title": words(event.findtext("title")),
                        "start": start.astimezone(UTC),
                        "end": (start + length).astimezone(UTC)
                        if length
                        else start.astimezone(UTC),
                        "room": name,
                        "track": words(event.findtext("track")) or None,
                        "speakers": tuple(words(p.text) for p in event.iter("person")),
                        "url": None,
                    }
                )
    conference = load_program(path)
    compare(conference, expected, list(dict.fromkeys(rooms)))
    assert conference.timezone == "Europe/Brussels"


def test_fosdem_2021_keeps_every_web_link() -> None:
    path = shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")
    conference = load_program(path)
    for event in ET.parse(path).getroot().iter("event"):
        hrefs = [link.get("href", "") for link in event.iter("link")]
        hrefs += [link.get("href", "") for link in event.iter("attachment")]
        kept = list(dict.fromkeys(url for url in (web(h) for h in hrefs) if url))
        found = conference.event(event.get("id", ""))
        assert found is not None
        assert [link.url for link in found.links] == kept, event.get("id")


def test_democon_reads_exactly() -> None:
    path = shared_file(PROGRAMS / "democon.frab.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    header = document["schedule"]["conference"]
    expected = []
    for day in header["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                start = datetime.fromisoformat(event["date"])
                expected.append(
                    {
                        "id": event["guid"],
                        "title": words(event["title"]),
                        "start": start.astimezone(UTC),
                        "end": (start + duration(event["duration"])).astimezone(UTC),
                        "room": event["room"] or room,
                        "track": event["track"] or None,
                        "speakers": tuple(
                            words(p.get("name") or p.get("public_name")) for p in event["persons"]
                        ),
                        "url": event["url"],
                        "links": tuple(
                            link["url"] for link in event["links"] + event["attachments"]
                        ),
                    }
                )
    conference = load_program(path)
    for item in expected:
        links = item.pop("links")
        event = conference.event(item["id"])
        assert event is not None and tuple(link.url for link in event.links) == links
    compare(conference, expected, [room["name"] for room in header["rooms"]])
    assert conference.timezone == header["time_zone_name"]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_kieler_linuxtage_reads_exactly() -> None:
    path = shared_file(PROGRAMS / "kielux-2020.ics")
    expected = []
    rooms: list[str] = []
    item: dict[str, Any] | None = None
    for line in unfold(path.read_bytes().decode("utf-8")):
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        if line == "BEGIN:VEVENT":
            item = {"speakers": [], "room": None, "url": None}
        elif line == "END:VEVENT" and item is not None:
            item["speakers"] = tuple(item["speakers"])
            expected.append(item)
            item = None
        elif item is not None:
            if name == "UID":
                item["id"] = value
            elif name in ("DTSTART", "DTEND"):
                moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                item["start" if name == "DTSTART" else "end"] = moment
            elif name == "SUMMARY":
                item["title"] = words(unescape(value))
            elif name == "LOCATION":
                item["room"] = words(unescape(value))
                rooms.append(item["room"])
            elif name == "URL":
                item["url"] = value
            elif name == "ATTENDEE":
                cn = dict(p.split("=", 1) for p in params).get("CN", "")
                item["speakers"].append(words(cn.strip('"')))
    conference = load_program(path)
    compare(conference, expected, list(dict.fromkeys(rooms)))


@pytest.mark.parametrize(
    "name", ["fosdem-2021.pentabarf.xml", "democon.frab.json", "kielux-2020.ics"]
)
def test_real_programmes_have_talks_as_talks(name: str) -> None:
    conference = load_program(shared_file(PROGRAMS / name))
    talks = [e for e in conference.events if e.kind.value == "talk"]
    # Every session of these files is a talk; not FOSDEM's two info desks, nor the
    # Kieler Linuxtage's "Software-Freedom-Frühstück" (a breakfast, untyped).
    others = {"fosdem-2021.pentabarf.xml": 2, "democon.frab.json": 0, "kielux-2020.ics": 1}
    assert len(conference.events) - len(talks) == others[name]
