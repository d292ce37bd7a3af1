"""frab / c3voc schedule JSON (frab, pretalx, the c3voc tools).

Each event's ``date`` carries an offset, which is taken as the exact instant;
``time_zone_name`` names the zone the program is shown in. The writer emits
JSON valid against the c3voc schema (``schema.json``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any

from geodl_app.errors import ProgramError
from geodl_app.formats import common, is_frab_document
from geodl_app.formats.common import RawConference, RawEvent
from geodl_app.formats.own import decode_text, parse_json
from geodl_app.model import Conference, Event, clean_line, clean_text

# The c3voc schema's pattern for time_zone_name (zones outside it are left out).
_SCHEMA_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def looks_like(raw: Mapping[str, Any]) -> bool:
    """True for a frab schedule document (``{"schedule": {...}}``)."""
    return is_frab_document(raw)


def _str(mapping: Mapping[str, Any], key: str, where: str, source: str) -> str:
    value = mapping.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ProgramError(source, f"{where}.{key}: must be text")
    return str(value).strip()


def _mapping(value: Any, where: str, source: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProgramError(source, f"{where}: must be an object")
    return value


def _list(value: Any, where: str, source: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProgramError(source, f"{where}: must be a list")
    return value


def _named(value: Any, where: str, source: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The entries of a list of ``{"name": ...}`` objects (rooms, tracks), with their names."""
    named = []
    for entry in _list(value, where, source):
        if isinstance(entry, Mapping):
            name = _str(entry, "name", f"{where}[]", source)
            if name:
                named.append((name, entry))
        elif isinstance(entry, str) and entry.strip():
            named.append((entry.strip(), {}))
    return named


def _names(value: Any, where: str, source: str) -> list[str]:
    return [name for name, _ in _named(value, where, source)]


def read(data: bytes, source: str, timezone: str | None = None) -> Conference:
    raw = parse_json(decode_text(data, source), source)
    return read_mapping(_mapping(raw, "top level", source), source, timezone)


def read_mapping(raw: Mapping[str, Any], source: str, timezone: str | None = None) -> Conference:
    """A parsed frab schedule document as a conference."""
    schedule = _mapping(raw.get("schedule"), "schedule", source)
    header = _mapping(schedule.get("conference"), "schedule.conference", source)
    where_conf = "schedule.conference"
    title = _str(header, "title", where_conf, source) or "Conference"
    acronym = _str(header, "acronym", where_conf, source) or None
    file_zone = _str(header, "time_zone_name", where_conf, source) or None
    if file_zone:
        common.zone_or_error(file_zone, f"{where_conf}.time_zone_name", source)

    generator = raw.get("generator")
    own_export = isinstance(generator, Mapping) and generator.get("name") == common.OWN_GENERATOR
    base = common.base_url(
        _str(schedule, "base_url", "schedule", source),
        _str(header, "base_url", where_conf, source),
        _str(header, "url", where_conf, source),
    )
    wall = common.WallClock(file_zone, timezone, title, acronym, source)
    events: list[RawEvent] = []
    for day_number, day_value in enumerate(_list(header.get("days"), "days", source), start=1):
        where_day = f"days[{day_number - 1}]"
        day = _mapping(day_value, where_day, source)
        day_text = _str(day, "date", where_day, source)
        day_date = common.parse_date(day_text, f"{where_day}.date", source) if day_text else None
        rooms = day.get("rooms") or {}
        for room_name, room_events in _mapping(rooms, f"{where_day}.rooms", source).items():
            for value in _list(room_events, f"{where_day}.rooms.{room_name}", source):
                number = len(events) + 1
                if number > common.MAX_EVENTS:
                    common.check_event_count(number, source, at_least=True)
                item = _mapping(value, f"{where_day}.rooms.{room_name}[]", source)
                guid = _str(item, "guid", "event", source)
                number_id = _str(item, "id", "event", source)
                event_id = guid or number_id or _str(item, "code", "event", source)
                where = f"event {event_id!r}" if event_id else f"event #{number}"
                title_text = _str(item, "title", where, source)
                date_text = _str(item, "date", where, source)
                start = wall.start(date_text, day_date, _str(item, "start", where, source), where)
                end = None
                end_text = _str(item, "end", where, source)
                if end_text:
                    end = common.parse_instant(end_text, f"{where}: end", source)
                    if end.tzinfo is None:
                        end = end.replace(tzinfo=start.tzinfo)
                duration = common.duration_or_no_end(
                    _str(item, "duration", where, source), where, source, own_export
                )
                speakers = []
                for person in _list(item.get("persons"), f"{where}.persons", source):
                    if isinstance(person, Mapping):
                        speakers.append(
                            _str(person, "name", where, source)
                            or _str(person, "public_name", where, source)
                        )
                    elif isinstance(person, str):
                        speakers.append(person)
                link_pairs: list[tuple[str | None, str | None]] = []
                for key in ("links", "attachments"):
                    for link in _list(item.get(key), f"{where}.{key}", source):
                        if isinstance(link, Mapping):
                            link_pairs.append(
                                (
                                    _str(link, "title", where, source),
                                    _str(link, "url", where, source),
                                )
                            )
                events.append(
                    RawEvent(
                        raw_id=event_id,
                        fallback_id=_str(item, "slug", where, source) or f"event-{number}",
                        title=title_text,
                        start=start,
                        end=end,
                        duration=duration,
                        kind=common.kind_for(_str(item, "type", where, source), title_text),
                        speakers=tuple(speakers),
                        room=_str(item, "room", where, source) or str(room_name),
                        track=_str(item, "track", where, source) or None,
                        abstract=common.join_text(
                            common.to_paragraphs(_str(item, "subtitle", where, source)),
                            common.to_paragraphs(_str(item, "abstract", where, source)),
                            common.to_paragraphs(_str(item, "description", where, source)),
                        ),
                        links=common.make_links(link_pairs, base),
                        url=common.page_url(_str(item, "url", where, source), base),
                        where=where,
                    )
                )
    first = _str(header, "start", where_conf, source)
    last = _str(header, "end", where_conf, source)
    zone = common.display_zone(file_zone, timezone, title, acronym, (e.start for e in events))
    return common.build_conference(
        RawConference(
            name=title,
            acronym=acronym,
            zone=zone,
            first_day=common.parse_date(first, f"{where_conf}.start", source) if first else None,
            last_day=common.parse_date(last, f"{where_conf}.end", source) if last else None,
            events=events,
            rooms=_names(header.get("rooms"), f"{where_conf}.rooms", source),
            tracks=[
                (name, _str(track, "color", f"{where_conf}.tracks[]", source) or None)
                for name, track in _named(header.get("tracks"), f"{where_conf}.tracks", source)
            ],
        ),
        source,
    )


# --------------------------------------------------------------------- writer


def _room_guid(conference: Conference, name: str) -> str:
    return str(uuid.uuid5(common.GUID_NAMESPACE, f"{conference.id}/room/{name}"))


def _slug(acronym: str, number: int, title: str) -> str:
    return f"{acronym}-{number}-{common.slugify(title, 'event')}"


def to_mapping(conference: Conference, events: list[Event] | None = None) -> dict[str, Any]:
    """The conference (or just *events*) as a c3voc schedule JSON document."""
    chosen = list(conference.events if events is None else events)
    zone = conference.zone
    acronym = common.schedule_acronym(conference)
    numbers = common.numeric_ids(chosen)
    person_ids = common.person_ids(chosen)
    days_out: list[dict[str, Any]] = []
    export_days = common.export_days(conference, chosen)
    for index, day in enumerate(export_days, start=1):
        on_day = [e for e in chosen if conference.local(e.start).date() == day]
        rooms: dict[str, list[dict[str, Any]]] = {
            name: [] for name in common.room_order(conference, on_day)
        }
        for event in on_day:
            local = conference.local(event.start)
            guid = common.export_guid(conference, event)
            entry: dict[str, Any] = {
                "guid": guid,
                "id": numbers[event.id],
                "date": local.isoformat(),
                "start": local.strftime("%H:%M"),
                # The schema allows only HH:MM: a zero-length item is told from
                # one with no end by its "end", written below.
                "duration": common.format_duration(event.duration)[:5],
                "room": common.room_label(conference, event),
                "slug": _slug(acronym, numbers[event.id], event.title),
                "url": event.url or f"urn:uuid:{guid}",
                "title": event.title,
                "subtitle": "",
                "track": event.track,
                "type": event.kind.value,
                "language": None,
                "abstract": event.abstract,
                "description": "",
                # frab's shape (id and public_name): the schema's Person is one
                # of frab's or pretalx's, never both.
                "persons": [
                    {
                        "id": person_ids[name],
                        "guid": common.person_guid(conference, name),
                        "public_name": name,
                    }
                    for name in event.speakers
                ],
                "links": [{"title": link.title, "url": link.url} for link in event.links],
                "attachments": [],
            }
            if event.end is not None:
                entry["end"] = conference.local(event.end).isoformat()
            rooms[common.room_label(conference, event)].append(entry)
        day_start = datetime.combine(day, time(0), tzinfo=zone)
        day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        days_out.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": (day_end - timedelta(seconds=1)).isoformat(),
                "rooms": rooms,
            }
        )
    header: dict[str, Any] = {
        "acronym": acronym,
        "title": conference.name,
        "start": export_days[0].isoformat(),
        "end": export_days[-1].isoformat(),
        "daysCount": len(export_days),
        "timeslot_duration": "00:05",
    }
    if _SCHEMA_ZONE.search(conference.timezone):
        header["time_zone_name"] = conference.timezone
    all_rooms = common.room_order(conference, chosen)
    header["rooms"] = [{"name": name, "guid": _room_guid(conference, name)} for name in all_rooms]
    tracks = common.export_tracks(conference, chosen)
    if tracks:
        header["tracks"] = [
            {"name": name, **({"color": colour} if colour else {})} for name, colour in tracks
        ]
    header["days"] = days_out
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": common.OWN_GENERATOR},
        "schedule": {"version": "1.0", "conference": header},
    }


def _cleaned(value: Any, key: str = "") -> Any:
    """Every string in the document made clean text: JSON would escape a control
    character, but the apps reading it would then show a bell or break a line
    in a title. The abstract keeps its line feeds; everything else is one line."""
    if isinstance(value, str):
        return clean_text(value) if key == "abstract" else clean_line(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v, key) for v in value]
    return value


def write(conference: Conference, events: list[Event] | None = None) -> bytes:
    document = _cleaned(to_mapping(conference, events))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
