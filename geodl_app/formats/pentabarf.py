"""Pentabarf / frab schedule XML (FOSDEM, CCC, FrOSCon; also wafer and pretalx).

The reader accepts the Pentabarf layout (times as ``HH:MM`` within a
``<day date=...>``, as FOSDEM writes it) and the frab/pretalx one (an
``<event><date>`` with an offset, ``<time_zone_name>``); wafer's export is
the Pentabarf layout. XML is parsed with defusedxml: entity declarations
(billion laughs) and external entities are refused.
The writer emits the c3voc schedule XML that Giggity and ConfClerk read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta

import defusedxml
import defusedxml.ElementTree as DET

from geodl_app.errors import ProgramError
from geodl_app.formats import common
from geodl_app.formats.common import RawConference, RawEvent
from geodl_app.model import Conference, Event


def _text(element: ET.Element | None, tag: str) -> str:
    if element is None:
        return ""
    return (element.findtext(tag) or "").strip()


def parse_root(data: bytes, source: str) -> ET.Element:
    """The root element, or a one-line error for malformed or hostile XML."""
    try:
        return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        raise ProgramError(source, "XML declares entities, which are refused for safety") from None
    except defusedxml.DefusedXmlException as error:
        raise ProgramError(source, f"XML refused for safety ({type(error).__name__})") from None
    except ET.ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        raise ProgramError(
            source, f"invalid XML at line {line}, column {column}: {message}"
        ) from None


def read(data: bytes, source: str, timezone: str | None = None) -> Conference:
    """A Pentabarf/frab schedule XML document as a conference."""
    root = parse_root(data, source)
    if root.tag != "schedule":
        raise ProgramError(source, f"XML root is <{root.tag}>, not a <schedule>")
    header = root.find("conference")
    title = _text(header, "title") or "Conference"
    acronym = _text(header, "acronym") or None
    file_zone = _text(header, "time_zone_name") or None
    if file_zone:
        common.zone_or_error(file_zone, "conference.time_zone_name", source)
    day_change = time(0, 0)
    if _text(header, "day_change"):
        day_change = common.parse_clock(_text(header, "day_change"), "day_change", source)

    base = common.base_url(_text(header, "base_url"), _text(header, "url"))
    wall = common.WallClock(file_zone, timezone, title, acronym, source)
    events: list[RawEvent] = []
    for day_index, day in enumerate(root.iter("day"), start=1):
        day_text = day.get("date") or day.get("start") or ""
        where_day = f"day {day.get('index') or day_index}"
        day_date = common.parse_date(day_text, where_day, source) if day_text else None
        for room in day.iter("room"):
            room_name = room.get("name") or ""
            for element in room.iter("event"):
                number = len(events) + 1
                event_id = element.get("guid") or element.get("id")
                where = f"event {event_id!r}" if event_id else f"event #{number}"
                title_text = _text(element, "title")
                date_text = _text(element, "date")
                start = wall.start(date_text, day_date, _text(element, "start"), where, day_change)
                duration = common.parse_duration(_text(element, "duration"), where, source)
                type_name = _text(element, "type")
                persons = element.find("persons")
                speakers = (
                    ()
                    if persons is None
                    else tuple((p.text or "").strip() for p in persons.iter("person"))
                )
                # findall() of plain tag names, not iterfind("links/link"):
                # the same children, without ElementPath's Python generators.
                link_pairs = [
                    (link.text, link.get("href"))
                    for group, tag in (("links", "link"), ("attachments", "attachment"))
                    for holder in element.findall(group)
                    for link in holder.findall(tag)
                ]
                events.append(
                    RawEvent(
                        raw_id=event_id,
                        fallback_id=_text(element, "slug") or f"event-{number}",
                        title=title_text,
                        start=start,
                        duration=duration,
                        kind=common.kind_for(type_name, title_text),
                        speakers=speakers,
                        room=_text(element, "room") or room_name,
                        track=_text(element, "track") or None,
                        abstract=common.join_text(
                            common.to_paragraphs(_text(element, "subtitle")),
                            common.to_paragraphs(_text(element, "abstract")),
                            common.to_paragraphs(_text(element, "description")),
                        ),
                        links=common.make_links(link_pairs, base),
                        url=common.page_url(_text(element, "url"), base),
                        where=where,
                    )
                )
    first = _text(header, "start")
    last = _text(header, "end")
    zone = common.display_zone(file_zone, timezone, title, acronym, (e.start for e in events))
    return common.build_conference(
        RawConference(
            name=title,
            acronym=acronym,
            zone=zone,
            first_day=common.parse_date(first, "conference.start", source) if first else None,
            last_day=common.parse_date(last, "conference.end", source) if last else None,
            city=_text(header, "city") or None,
            venue=_text(header, "venue") or None,
            events=events,
            # Rooms come in file order with the events; tracks may be listed
            # with colours in the header (<track name="..." color="#..."/>).
            tracks=[]
            if header is None
            else [(t.get("name") or t.text or "", t.get("color")) for t in header.findall("track")],
        ),
        source,
    )


# --------------------------------------------------------------------- writer


# Characters XML 1.0 does not allow, even escaped; ElementTree writes them as
# they are, and no reader (ours included) would open the file again.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child


def write(conference: Conference, events: list[Event] | None = None) -> bytes:
    """The conference (or just *events*) as c3voc schedule XML, UTF-8."""
    chosen = list(conference.events if events is None else events)
    zone = conference.zone
    root = ET.Element("schedule")
    _sub(root, "generator", name="geodl-app")
    _sub(root, "version", "1.0")
    header = _sub(root, "conference")
    _sub(header, "title", conference.name)
    _sub(header, "acronym", common.schedule_acronym(conference))
    days = common.export_days(conference, chosen)
    _sub(header, "start", days[0].isoformat())
    _sub(header, "end", days[-1].isoformat())
    _sub(header, "days", str(len(days)))
    _sub(header, "timeslot_duration", "00:05")
    _sub(header, "time_zone_name", conference.timezone)

    numbers = common.numeric_ids(chosen)
    for index, day in enumerate(days, start=1):
        day_start = datetime.combine(day, time(0), tzinfo=zone)
        day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone) - timedelta(
            seconds=1
        )
        day_element = _sub(
            root,
            "day",
            index=str(index),
            date=day.isoformat(),
            start=day_start.isoformat(),
            end=day_end.isoformat(),
        )
        on_day = [e for e in chosen if conference.local(e.start).date() == day]
        for room_name in common.room_order(on_day):
            room_element = _sub(day_element, "room", name=room_name)
            for event in on_day:
                if common.room_label(event) != room_name:
                    continue
                local = conference.local(event.start)
                element = _sub(
                    room_element,
                    "event",
                    id=str(numbers[event.id]),
                    guid=common.export_guid(conference, event),
                )
                _sub(element, "date", local.isoformat())
                _sub(element, "start", local.strftime("%H:%M"))
                _sub(element, "duration", common.format_duration(event.duration))
                _sub(element, "room", room_name)
                _sub(element, "title", event.title)
                _sub(element, "subtitle", "")
                _sub(element, "track", event.track or "")
                _sub(element, "type", event.kind.value)
                _sub(element, "language", "")
                _sub(element, "abstract", common.to_html(event.abstract))
                _sub(element, "description", "")
                persons = _sub(element, "persons")
                for name in event.speakers:
                    _sub(persons, "person", name)
                links = _sub(element, "links")
                for link in event.links:
                    _sub(links, "link", link.title, href=link.url)
                if event.url:
                    _sub(element, "url", event.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
