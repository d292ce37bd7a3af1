"""Pentabarf / frab schedule XML (FOSDEM, CCC, FrOSCon; also wafer and pretalx).

The reader accepts the Pentabarf layout (times as ``HH:MM`` within a
``<day date=...>``, as FOSDEM writes it) and the frab/pretalx one (an
``<event><date>`` with an offset, ``<time_zone_name>``); wafer's export is
the Pentabarf layout. XML is parsed with defusedxml: entity declarations
(billion laughs) and external entities are refused.
The writer emits the c3voc schedule XML that Giggity and ConfClerk read.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta

import defusedxml
import defusedxml.ElementTree as DET

from geodl_app.errors import ProgramError
from geodl_app.formats import common
from geodl_app.formats.common import RawConference, RawEvent
from geodl_app.model import Conference, Event, clean_line, clean_text


def _text(element: ET.Element | None, tag: str) -> str:
    if element is None:
        return ""
    return (element.findtext(tag) or "").strip()


# Encodings expat decodes itself; any other declared one is decoded here.
_EXPAT_ENCODINGS = frozenset({"utf_8", "utf_16", "latin_1", "ascii"})
# Decodable, but a known way to smuggle markup past filters; no schedule uses it.
_REFUSED_ENCODINGS = frozenset({"utf_7"})
_DECLARATION = re.compile(
    r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*(["'])([^"'>]{1,64})\1""", re.IGNORECASE
)


def _as_expat_input(data: bytes, source: str) -> bytes:
    """*data* in an encoding expat reads: a declared Shift_JIS or UTF-16-LE file
    is decoded by Python and handed on as UTF-8; an unknown one is refused."""
    head = data[:400]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        sample = (
            head.decode("utf-16", errors="replace")
            if head[:2] in (b"\xff\xfe", b"\xfe\xff")
            else (
                head.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", errors="replace")
            )
        )
    else:
        sample = head.decode("latin-1")
    match = _DECLARATION.match(sample.lstrip("\ufeff"))
    if match is None:
        return data
    declared = match.group(2).strip()
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        raise ProgramError(source, f"XML declares an unknown encoding {declared!r}") from None
    name = codec.name.replace("-", "_")
    if name in _EXPAT_ENCODINGS:
        return data
    if name in _REFUSED_ENCODINGS or not getattr(codec, "_is_text_encoding", True):
        raise ProgramError(
            source, f"XML declares the encoding {declared!r}, which is not read; save it as UTF-8"
        )
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as error:
        raise ProgramError(
            source, f"is not {declared} text as it declares (byte {error.start})"
        ) from None
    text = text.lstrip("\ufeff")
    declaration = _DECLARATION.match(text)
    if declaration is not None:
        start, end = declaration.span(2)
        text = text[:start] + "utf-8" + text[end:]
    return text.encode("utf-8")


def parse_root(data: bytes, source: str) -> ET.Element:
    """The root element, or a one-line error for malformed or hostile XML."""
    data = _as_expat_input(data, source)
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
    except (ValueError, LookupError) as error:
        # expat's own refusals of an encoding it cannot switch to.
        raise ProgramError(source, f"XML cannot be read: {error}") from None


def _check_nesting(root: ET.Element, source: str) -> None:
    """Refuse a <day> or <room> inside another (the reader would see their events
    twice, and 2,000 rooms nested in each other take a minute to walk).

    One pass over the elements outside events: an event's own ``<room>`` child
    is its room's name, not a nested room.
    """
    stack: list[tuple[ET.Element, str | None]] = [(root, None)]
    while stack:
        element, outer = stack.pop()
        for child in element:
            tag = child.tag
            if tag == "event":
                continue
            if tag in ("day", "room"):
                if outer == "room" or (tag == "day" and outer == "day"):
                    raise ProgramError(source, f"XML has a <{tag}> inside a <{outer}>")
                stack.append((child, tag))
            else:
                stack.append((child, outer))


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

    _check_nesting(root, source)
    common.check_event_count(sum(1 for _ in root.iter("event")), source)
    generator = root.find("generator")
    own_export = generator is not None and generator.get("name") == common.OWN_GENERATOR
    base = common.base_url(_text(header, "base_url"), _text(header, "url"))
    wall = common.WallClock(file_zone, timezone, title, acronym, source)
    events: list[RawEvent] = []
    # Each event element is read once, however the rooms around it nest (a
    # <room> inside an event's own <room> would otherwise show it twice).
    seen: set[int] = set()
    for day_index, day in enumerate(root.iter("day"), start=1):
        day_text = day.get("date") or day.get("start") or ""
        where_day = f"day {day.get('index') or day_index}"
        day_date = common.parse_date(day_text, where_day, source) if day_text else None
        for room in day.iter("room"):
            room_name = room.get("name") or ""
            for element in room.iter("event"):
                if id(element) in seen:
                    continue
                seen.add(id(element))
                number = len(events) + 1
                event_id = element.get("guid") or element.get("id")
                where = f"event {event_id!r}" if event_id else f"event #{number}"
                title_text = _text(element, "title")
                date_text = _text(element, "date")
                start = wall.start(date_text, day_date, _text(element, "start"), where, day_change)
                duration = common.duration_or_no_end(
                    _text(element, "duration"), where, source, own_export
                )
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


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; every text and attribute one clean line.

    XML 1.0 allows no C0 control but tab and line breaks, even escaped (no
    reader, ours included, would open the file again), and a CR or a DEL in a
    title is never meant: :func:`clean_line` takes them all out. The abstract
    goes through :func:`_paragraphs` instead.
    """
    child = ET.SubElement(parent, tag, {k: _xml_safe(clean_line(v)) for k, v in attrs.items()})
    if text is not None:
        child.text = _xml_safe(clean_line(text))
    return child


def _paragraphs(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = _xml_safe(common.to_html(clean_text(text)))
    return child


# Characters XML 1.0 does not allow besides the controls: lone surrogates and
# the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def write(conference: Conference, events: list[Event] | None = None) -> bytes:
    """The conference (or just *events*) as c3voc schedule XML, UTF-8."""
    chosen = list(conference.events if events is None else events)
    zone = conference.zone
    root = ET.Element("schedule")
    _sub(root, "generator", name=common.OWN_GENERATOR)
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
    for name, colour in common.export_tracks(conference, chosen):
        _sub(header, "track", name=name, **({"color": colour} if colour else {}))

    numbers = common.numeric_ids(chosen)
    person_ids = common.person_ids(chosen)
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
        for room_name in common.room_order(conference, on_day):
            room_element = _sub(day_element, "room", name=room_name)
            for event in on_day:
                if common.room_label(conference, event) != room_name:
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
                _paragraphs(element, "abstract", event.abstract)
                _sub(element, "description", "")
                persons = _sub(element, "persons")
                for name in event.speakers:
                    _sub(persons, "person", name, id=str(person_ids[name]))
                links = _sub(element, "links")
                for link in event.links:
                    _sub(links, "link", link.title, href=link.url)
                if event.url:
                    _sub(element, "url", event.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
