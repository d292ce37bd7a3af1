"""c3voc schedule 2.0 JSON, as the CCC hub publishes it (38C3 and later).

Unlike schedule 1 (``days[].rooms{name: [events]}``), the events are one flat
list under ``schedule.events``, each with an exact ``start`` and ``end``
(offsets), a ``room`` reference (guid, name or slug) into the conference's
``rooms`` list, a ``track`` reference (slug) into its ``tracks`` list, which
carries the tracks' colours, and ``participants`` with roles. Abstracts may
be given per language (``{"de": ..., "en": ...}``). Breaks and other
"meta events" (``type`` BREAK or META) have only times, a title and a room.
Schema: https://c3voc.de/schema/schedule2 (``validator/json/schema2.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from geodl_app.errors import ProgramError
from geodl_app.formats import common
from geodl_app.formats.common import RawConference, RawEvent
from geodl_app.formats.frab_json import _list, _mapping, _str  # the same checked look-ups
from geodl_app.formats.own import decode_text, parse_json
from geodl_app.model import Conference

# Who is shown as an item's speakers: everyone on stage; a contributor
# (say, a co-author) only when nobody else is named.
_ON_STAGE = frozenset({"SPEAKER", "MODERATOR", "HOST", "GUEST"})
# Items that are not (or no longer) on the programme.
_NOT_SHOWN = frozenset({"DRAFT", "SUBMITTED", "REJECTED", "WITHDRAWN", "DELETED"})
_CANCELLED = frozenset({"CANCELED", "CANCELLED"})
_ISO_DURATION = re.compile(
    r"^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def read(data: bytes, source: str, timezone: str | None = None) -> Conference:
    raw = parse_json(decode_text(data, source), source)
    return read_mapping(_mapping(raw, "top level", source), source, timezone)


def read_mapping(raw: Mapping[str, Any], source: str, timezone: str | None = None) -> Conference:
    """A parsed schedule 2.0 document as a conference."""
    schedule = _mapping(raw.get("schedule"), "schedule", source)
    header = _mapping(schedule.get("conference"), "schedule.conference", source)
    where_conf = "schedule.conference"
    title = _str(header, "title", where_conf, source) or "Conference"
    acronym = _str(header, "acronym", where_conf, source) or None
    file_zone = _str(header, "time_zone_name", where_conf, source) or None
    if file_zone:
        common.zone_or_error(file_zone, f"{where_conf}.time_zone_name", source)
    base = common.base_url(
        _str(schedule, "base_url", "schedule", source),
        _str(header, "base_url", where_conf, source),
        _str(header, "url", where_conf, source),
    )
    wall = common.WallClock(file_zone, timezone, title, acronym, source)

    rooms = _Directory()
    for index, value in enumerate(_list(header.get("rooms"), f"{where_conf}.rooms", source)):
        room = _mapping(value, f"{where_conf}.rooms[{index}]", source)
        rooms.add(room, f"{where_conf}.rooms[{index}]", source)
    tracks = _Directory()
    track_colours: list[tuple[str, str | None]] = []
    for index, value in enumerate(_list(header.get("tracks"), f"{where_conf}.tracks", source)):
        where = f"{where_conf}.tracks[{index}]"
        track = _mapping(value, where, source)
        name = tracks.add(track, where, source)
        if name:
            colours = track.get("colors")
            light = _str(colours, "light", where, source) if isinstance(colours, Mapping) else ""
            track_colours.append((name, _str(track, "color", where, source) or light or None))

    events: list[RawEvent] = []
    values = _list(schedule.get("events"), "schedule.events", source)
    common.check_event_count(len(values), source)
    for index, value in enumerate(values):
        item = _mapping(value, f"schedule.events[{index}]", source)
        state = _str(item, "state", "event", source).upper()
        if state in _NOT_SHOWN:
            continue
        event_id = (
            _str(item, "guid", "event", source)
            or _str(item, "code", "event", source)
            or _str(item, "id", "event", source)
        )
        where = f"event {event_id!r}" if event_id else f"schedule.events[{index}]"
        title_text = _str(item, "title", where, source)
        if state in _CANCELLED:
            title_text = f"Cancelled: {title_text}"
        start_text = _str(item, "start", where, source) or _str(item, "date", where, source)
        if not start_text:
            raise ProgramError(source, f"{where}: no start")
        start = wall.start(start_text, None, "", where)
        end = None
        end_text = _str(item, "end", where, source)
        if end_text:
            end = common.parse_instant(end_text, f"{where}: end", source)
            if end.tzinfo is None:
                end = end.replace(tzinfo=start.tzinfo if start.tzinfo else wall.zone)
        duration = None
        if end is None:
            duration = _duration(_str(item, "duration", where, source), where, source)
        language = _str(item, "language", where, source)
        link_pairs: list[tuple[str | None, str | None]] = []
        for key in ("links", "attachments"):
            for link in _list(item.get(key), f"{where}.{key}", source):
                if isinstance(link, Mapping):
                    link_pairs.append(
                        (_str(link, "title", where, source), _str(link, "url", where, source))
                    )
        events.append(
            RawEvent(
                raw_id=event_id or None,
                fallback_id=_str(item, "slug", where, source) or f"event-{index + 1}",
                title=title_text,
                start=start,
                end=end,
                duration=duration,
                kind=common.kind_for(_str(item, "type", where, source), title_text),
                speakers=_speakers(item.get("participants"), where, source),
                room=rooms.find(item.get("room"), f"{where}.room", source),
                track=tracks.find(item.get("track"), f"{where}.track", source),
                abstract=common.join_text(
                    common.to_paragraphs(_localised(item.get("subtitle"), language)),
                    common.to_paragraphs(_localised(item.get("abstract"), language)),
                    common.to_paragraphs(_localised(item.get("description"), language)),
                ),
                links=common.make_links(link_pairs, base),
                url=common.page_url(_str(item, "url", where, source), base),
                where=where,
            )
        )

    first_day, last_day = _days(header, where_conf, source)
    zone = common.display_zone(file_zone, timezone, title, acronym, (e.start for e in events))
    return common.build_conference(
        RawConference(
            name=title,
            acronym=acronym,
            zone=zone,
            first_day=first_day,
            last_day=last_day,
            events=events,
            rooms=rooms.names,
            tracks=track_colours,
        ),
        source,
    )


class _Directory:
    """The conference's rooms (or tracks), found by guid, slug or name."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._by_key: dict[str, str] = {}

    def add(self, entry: Mapping[str, Any], where: str, source: str) -> str:
        name = _str(entry, "name", where, source)
        if not name:
            return ""
        self.names.append(name)
        for key in ("guid", "slug"):
            value = _str(entry, key, where, source)
            if value:
                self._by_key.setdefault(value, name)
        return name

    def find(self, reference: Any, where: str, source: str) -> str | None:
        """The name a reference (an object, or a bare name) stands for."""
        if reference is None:
            return None
        if isinstance(reference, str):
            return self._by_key.get(reference.strip(), reference.strip()) or None
        entry = _mapping(reference, where, source)
        for key in ("guid", "slug"):
            value = _str(entry, key, where, source)
            if value in self._by_key:
                return self._by_key[value]
        return _str(entry, "name", where, source) or _str(entry, "slug", where, source) or None


def _speakers(value: Any, where: str, source: str) -> tuple[str, ...]:
    people: list[tuple[str, str]] = []
    for person in _list(value, f"{where}.participants", source):
        if isinstance(person, Mapping):
            name = _str(person, "name", where, source) or _str(person, "public_name", where, source)
            role = _str(person, "role", where, source).upper() or "SPEAKER"
            if name:
                people.append((name, role))
        elif isinstance(person, str) and person.strip():
            people.append((person.strip(), "SPEAKER"))
    on_stage = [name for name, role in people if role in _ON_STAGE]
    return tuple(on_stage or [name for name, _ in people])


def _localised(value: Any, language: str) -> str:
    """A LocalizableString: the text itself, or the item's language, English, the first."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        texts = {str(k).lower(): v for k, v in value.items() if isinstance(v, str) and v.strip()}
        for key in (language.lower(), "en"):
            if key in texts:
                return texts[key]
        return next(iter(texts.values()), "")
    return ""


def _duration(text: str, where: str, source: str) -> timedelta | None:
    """An ISO 8601 duration (``PT45M``) or ``HH:MM``; None when not given."""
    if not text:
        return None
    match = _ISO_DURATION.match(text)
    if match is None:
        return common.parse_duration(text, where, source)
    weeks, days, hours, minutes, seconds = match.groups()
    value = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=float(seconds or 0),
    )
    common.check_duration(value, where, source)
    return value


def _days(header: Mapping[str, Any], where: str, source: str) -> tuple[date | None, date | None]:
    """The conference's first and last day, from its days or its start and end."""
    dates = []
    for index, value in enumerate(_list(header.get("days"), f"{where}.days", source)):
        day = _mapping(value, f"{where}.days[{index}]", source)
        text = _str(day, "date", f"{where}.days[{index}]", source)
        if text:
            dates.append(common.parse_date(text, f"{where}.days[{index}].date", source))
    if dates:
        return min(dates), max(dates)
    bounds: list[date | None] = []
    for key in ("start", "end"):
        text = _str(header, key, where, source)
        bounds.append(common.parse_date(text, f"{where}.{key}", source) if text else None)
    return bounds[0], bounds[1]
