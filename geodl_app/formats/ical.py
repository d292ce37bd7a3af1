"""iCalendar (RFC 5545) through the ``icalendar`` package.

Reading: each VEVENT is an item; UID is its id, LOCATION its room, the
ATTENDEE names (or our own X-GEODL-SPEAKER lines) its speakers. Times with
``Z`` or a TZID are exact; floating times are read in X-WR-TIMEZONE, else
``--timezone``, else the conference's documented zone, else refused.
Writing: VTIMEZONE for the conference's zone (UTC written as ``Z``), stable
UIDs, speakers and abstract in DESCRIPTION.
"""

from __future__ import annotations

import calendar as calendar_module
import itertools
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import dateutil.rrule
import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from geodl_app.errors import ProgramError
from geodl_app.formats import common
from geodl_app.formats.common import RawConference, RawEvent
from geodl_app.model import (
    MAX_CONFERENCE_DAYS,
    Conference,
    Event,
    Kind,
    clean_line,
    clean_text,
    shorten,
    zone_named,
)

PRODID = "-//GeoDL Companion//geodl-app//EN"
# icalendar's parser takes about 0.35 ms an event on a slow machine: more than
# this would keep the user waiting longer than ten seconds for the answer.
MAX_EVENTS = 25_000
_VEVENT_LINE = re.compile(r"^BEGIN:VEVENT\r?$", re.MULTILINE | re.IGNORECASE)
_SPEAKER_LINE = re.compile(r"^(?:speakers?|von|by|with|mit)\s*:\s*(.+)$", re.IGNORECASE)


def looks_like(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return head.startswith(b"BEGIN:VCALENDAR")


def _text(component: Any, key: str) -> str:
    value = component.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _zone_name(moment: datetime) -> str | None:
    key = getattr(moment.tzinfo, "key", None)
    return key if isinstance(key, str) else None


def _moment(value: Any, wall: tzinfo | None) -> datetime | None:
    """A decoded DTSTART/DTEND as an aware datetime (None if floating and no zone yet)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None if wall is None else value.replace(tzinfo=wall)
        return value
    if isinstance(value, date):  # an all-day item
        return None if wall is None else datetime.combine(value, time(0), tzinfo=wall)
    raise TypeError(value)


# Line ends as they come: CRLF, bare LF, and CRCRLF (a CRLF file whose LFs
# were once turned into CRLFs again). A bare CR alone does not end a line.
_LINE_END = re.compile(rb"\r*\n")
_FOLD = re.compile(rb"\n[ \t]")


def unfolded(data: bytes) -> bytes:
    """*data* with its folded lines joined again, as octets (RFC 5545 §3.1).

    Writers fold long lines every 75 octets, even inside a multi-byte UTF-8
    character (``d\xe2\r\n \x80\x99exploitation``), so lines are unfolded
    before the text is decoded. Lines end in CRLF afterwards.
    """
    data = _FOLD.sub(b"", _LINE_END.sub(b"\n", data))
    return data.replace(b"\n", b"\r\n")


def read(data: bytes, source: str, timezone: str | None = None) -> Conference:
    data = unfolded(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgramError(source, f"is not UTF-8 text (byte {error.start})") from None
    if "END:VCALENDAR" not in text.upper():
        raise ProgramError(source, "iCalendar file is cut short (no END:VCALENDAR)")
    # Counted in the text, before the parser builds 100,000 components.
    common.check_event_count(
        len(_VEVENT_LINE.findall(text)), source, limit=MAX_EVENTS, what=" for iCalendar files"
    )
    text = _with_safe_zones(text, source)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ProgramError(source, f"invalid iCalendar: {message}") from None
    title = _text(calendar, "X-WR-CALNAME") or "Calendar"
    acronym = _text(calendar, "X-GEODL-CONFERENCE") or None
    own_id_suffix = f"@{acronym}" if acronym else None
    file_zone = _text(calendar, "X-WR-TIMEZONE") or None
    if file_zone:
        common.zone_or_error(file_zone, "X-WR-TIMEZONE", source)

    components = list(calendar.walk("VEVENT"))
    decoded: list[tuple[Any, Any, Any]] = []
    zones_seen: list[str] = []
    floating = False
    for component in components:
        try:
            start_value = component.decoded("DTSTART")
            end_value = component.decoded("DTEND") if "DTEND" in component else None
            length = component.decoded("DURATION") if "DURATION" in component else None
        except (KeyError, ValueError, TypeError) as error:
            uid = _text(component, "UID") or "without UID"
            what = "no DTSTART" if isinstance(error, KeyError) else "unreadable time"
            raise ProgramError(source, f"VEVENT {uid}: {what}") from None
        for key, value in (("DTSTART", start_value), ("DTEND", end_value)):
            if value is not None and not isinstance(value, date):
                uid = _text(component, "UID") or "without UID"
                raise ProgramError(source, f"VEVENT {uid}: {key} is not a date or time")
        if length is not None and not isinstance(length, timedelta):
            uid = _text(component, "UID") or "without UID"
            raise ProgramError(source, f"VEVENT {uid}: DURATION is not a duration")
        for value in (start_value, end_value):
            if isinstance(value, datetime) and value.tzinfo is not None:
                name = _zone_name(value)
                if name and name not in zones_seen and name != "UTC":
                    zones_seen.append(name)
            elif value is not None:
                floating = True
        decoded.append((start_value, end_value, length))
    named_zone = file_zone or (zones_seen[0] if len(zones_seen) == 1 else None)
    wall = common.wall_zone(named_zone, timezone, title, acronym, source) if floating else None
    items = _expanded(components, decoded, source)

    events: list[RawEvent] = []
    for number, (component, start_value, end_value, length, occurrence) in enumerate(
        items, start=1
    ):
        uid = _text(component, "UID")
        if own_id_suffix and uid.endswith(own_id_suffix):
            uid = uid[: -len(own_id_suffix)]
        if occurrence:
            uid = f"{uid or f'event-{number}'}/{occurrence}"
        where = f"VEVENT {uid!r}" if uid else f"VEVENT #{number}"
        start = _moment(start_value, wall)
        end = None if end_value is None else _moment(end_value, wall)
        assert start is not None  # floating times set `wall` above
        duration = None
        if end is None and isinstance(length, timedelta):
            duration = length
            common.check_duration(duration, where, source)
        summary = _text(component, "SUMMARY")
        speakers = _speakers(component)
        description = common.to_paragraphs(_text(component, "DESCRIPTION"))
        description = _without_speaker_line(description, speakers)
        own_links = [
            (str(line.params.get("X-TITLE", "")), str(line))
            for line in _as_list(component.get("X-GEODL-LINK"))
        ]
        description = _without_link_lines(description, own_links)
        categories = _categories(component)
        kind_name = _text(component, "X-GEODL-KIND") or (categories[0] if categories else "")
        link_pairs = [*own_links]
        events.append(
            RawEvent(
                raw_id=uid or None,
                fallback_id=f"event-{number}",
                title=summary,
                start=start,
                end=end,
                duration=duration,
                kind=common.kind_for(kind_name, summary),
                speakers=speakers,
                room=_text(component, "LOCATION") or None,
                track=_text(component, "X-GEODL-TRACK")
                or (categories[0] if categories and not _text(component, "X-GEODL-KIND") else None),
                abstract=description,
                links=common.make_links(link_pairs),
                url=common.page_url(_text(component, "URL")),
                where=where,
            )
        )
    zone = common.display_zone(named_zone, timezone, title, acronym, (e.start for e in events))
    return common.build_conference(
        RawConference(name=title, acronym=acronym, zone=zone, events=events), source
    )


# ------------------------------------------------------------ recurrences

# (component, DTSTART, DTEND, DURATION, occurrence stamp or "")
_Item = tuple[Any, Any, Any, Any, str]
# How far a rule may be walked to reach the conference's days (a MINUTELY rule
# from 1970 would take 28 million steps).
MAX_RULE_STEPS = 100_000


def _wall(value: date) -> datetime:
    """A DTSTART-like value as a naive wall-clock datetime (a date at midnight)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


def _expanded(
    components: list[Any], decoded: list[tuple[Any, Any, Any]], source: str
) -> list[_Item]:
    """Every VEVENT, with each recurring one (RRULE, RDATE) as one item per occurrence.

    Occurrences are kept within the conference's days: from the earliest start
    in the file to the last day a single (not recurring) item starts on, or a
    year on when every item recurs. EXDATE removes occurrences, and a VEVENT
    with a RECURRENCE-ID replaces the occurrence it names. Each occurrence's
    id is the UID and its wall-clock start (``uid/20240612T100000``).
    """
    recurring = [bool(c.get("RRULE") or c.get("RDATE")) for c in components]
    if not any(recurring):
        return [(c, s, e, d, "") for c, (s, e, d) in zip(components, decoded, strict=True)]
    starts = [_wall(start) for start, _, _ in decoded]
    first = min(starts).replace(hour=0, minute=0, second=0, microsecond=0)
    singles = [start for start, again in zip(starts, recurring, strict=True) if not again]
    # Every first occurrence is inside, whatever the single items' days.
    last = max(starts) if singles else first + timedelta(days=MAX_CONFERENCE_DAYS - 1)
    window_end = last.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    overrides = [_recurrence_id(c, source) for c in components]
    replaced = {(_text(c, "UID"), o) for c, o in zip(components, overrides, strict=True) if o}
    items: list[_Item] = []
    for component, (start, end, length), again, override in zip(
        components, decoded, recurring, overrides, strict=True
    ):
        if override is not None:
            items.append((component, start, end, length, f"{override:%Y%m%dT%H%M%S}"))
            continue
        if not again:
            items.append((component, start, end, length, ""))
            continue
        uid = _text(component, "UID")
        where = f"VEVENT {uid!r}" if uid else "a VEVENT"
        if length is None and end is not None:
            try:
                length = _exact(end) - _exact(start)
            except TypeError:  # one with a zone, one without
                raise ProgramError(
                    source, f"{where}: DTSTART and DTEND are not the same kind of time"
                ) from None
        for moment in _occurrences(component, start, first, window_end, where, source):
            if (uid, moment) in replaced:
                continue
            value = _like(start, moment)
            items.append((component, value, None, length, f"{moment:%Y%m%dT%H%M%S}"))
            if len(items) > MAX_EVENTS:
                raise ProgramError(
                    source,
                    f"{where}: its RRULE repeats it more than the {MAX_EVENTS:,} events "
                    "an iCalendar file may hold",
                )
    return items


def _recurrence_id(component: Any, source: str) -> datetime | None:
    """The wall-clock start a RECURRENCE-ID names, or None without one."""
    if "RECURRENCE-ID" not in component:
        return None
    try:
        value = component.decoded("RECURRENCE-ID")
    except (ValueError, TypeError, KeyError):
        value = None
    if not isinstance(value, date):
        uid = _text(component, "UID") or "without UID"
        raise ProgramError(source, f"VEVENT {uid}: RECURRENCE-ID is not a date or time")
    return _wall(value)


def _exact(value: date) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value
    return datetime.combine(value, time(0))


def _like(start: date, moment: datetime) -> date:
    """*moment* (naive wall-clock) as the same kind of value as *start*."""
    if isinstance(start, datetime):
        return moment.replace(tzinfo=start.tzinfo)
    return moment.date()


def _some_day_fits(recurrence: Any, first: datetime, end: datetime) -> bool:
    """Whether any day from *first* to *end* passes the rule's month, month-day,
    year-day and weekday filters: if none does, the rule has no occurrence there.

    A rule whose filters no day meets (the 30th of February) makes dateutil
    walk every day until the year 9999 (nine seconds) before it gives up.
    Reads dateutil's parsed filters; a filter it does not keep is not checked.
    """
    months = getattr(recurrence, "_bymonth", None)
    month_days = getattr(recurrence, "_bymonthday", None) or ()
    from_month_end = getattr(recurrence, "_bynmonthday", None) or ()
    year_days = getattr(recurrence, "_byyearday", None)
    weekdays = set(getattr(recurrence, "_byweekday", None) or ())
    weekdays.update(day for day, _ in getattr(recurrence, "_bynweekday", None) or ())
    day = first.date()
    while day <= end.date():
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        month_length = (next_month - timedelta(days=1)).day
        year_length = 366 if calendar_module.isleap(day.year) else 365
        year_day = day.timetuple().tm_yday
        if (
            (not months or day.month in months)
            and (
                not (month_days or from_month_end)
                or day.day in month_days
                or day.day - month_length - 1 in from_month_end
            )
            and (not year_days or year_day in year_days or year_day - year_length - 1 in year_days)
            and (not weekdays or day.weekday() in weekdays)
        ):
            return True
        day += timedelta(days=1)
    return False


def _occurrences(
    component: Any, start: date, first: datetime, end: datetime, where: str, source: str
) -> list[datetime]:
    """The wall-clock starts of a recurring VEVENT between *first* and *end*, EXDATEs removed."""
    origin = _wall(start)
    zone = start.tzinfo if isinstance(start, datetime) else None
    found = {origin} if first <= origin < end else set()
    for rule in _as_list(component.get("RRULE")):
        try:
            recurrence = dateutil.rrule.rrulestr(
                rule.to_ical().decode("utf-8"), dtstart=origin, ignoretz=True, cache=False
            )
            # Walked no further than the conference's end: a rule with no end,
            # or one that never matches, would otherwise run to the year 9999.
            until = rule.get("UNTIL")
            if until:
                limit = until[0] if isinstance(until, list) else until
                if isinstance(limit, datetime) and limit.tzinfo is not None and zone is not None:
                    limit = limit.astimezone(zone)
                recurrence = recurrence.replace(until=min(_wall(limit), end))
            elif not rule.get("COUNT"):
                recurrence = recurrence.replace(until=end)
        except (ValueError, TypeError, OverflowError, AttributeError):
            raise ProgramError(source, f"{where}: its RRULE cannot be read") from None
        if not _some_day_fits(recurrence, first, end):
            continue  # dateutil would search day by day up to the year 9999 for one
        for steps, moment in enumerate(recurrence):
            if moment >= end:
                break
            if steps > MAX_RULE_STEPS:
                raise ProgramError(
                    source,
                    f"{where}: its RRULE repeats it more than {MAX_RULE_STEPS:,} times "
                    "before the conference ends",
                )
            if moment >= first:
                found.add(moment)
    for key, add in (("RDATE", True), ("EXDATE", False)):
        for value in _as_list(component.get(key)):
            try:
                moments = list(getattr(value, "dts", []))
            except (ValueError, TypeError):  # icalendar's broken property
                raise ProgramError(source, f"{where}: its {key} cannot be read") from None
            for moment in moments:
                when = moment.dt
                if isinstance(when, tuple):  # an RDATE period: its start
                    when = when[0]
                if not isinstance(when, date):
                    continue
                if isinstance(when, datetime) and when.tzinfo is not None and zone is not None:
                    when = when.astimezone(zone)
                wall = _wall(when)
                if add and first <= wall < end:
                    found.add(wall)
                elif not add:
                    found.discard(wall)
    return sorted(found)


# ------------------------------------------------------------------ zones

# More offset changes than this in one VTIMEZONE (a real zone has two a year)
# is a hostile file: icalendar would expand RRULE:FREQ=MINUTELY from 1970 to
# 2038 into 35 million transitions and gigabytes of memory.
MAX_ZONE_CHANGES = 1000
# icalendar expands a zone's rules up to here.
_ZONE_HORIZON = datetime(2038, 12, 31)
_FOLDED = re.compile(r"\r?\n[ \t]")
_TZID_PARAMETER = re.compile(r"(;TZID=)(\"[^\"]*\"|[^;:\r\n]*)", re.IGNORECASE)
_VTIMEZONE = re.compile(
    r"^BEGIN:VTIMEZONE\r?\n(.*?)^END:VTIMEZONE\r?(?:\n|$)", re.MULTILINE | re.DOTALL | re.IGNORECASE
)
_OWN_TZID = re.compile(r"^TZID[^:\r\n]*:(.*?)\r?$", re.MULTILINE | re.IGNORECASE)
_ZONE_RULE = re.compile(
    r"^BEGIN:(STANDARD|DAYLIGHT)\r?\n(.*?)^END:\1\r?$", re.MULTILINE | re.DOTALL | re.IGNORECASE
)
_PROPERTY = r"^{name}(?:;[^:\r\n]*)?:(.*?)\r?$"


def _with_safe_zones(text: str, source: str) -> str:
    """The calendar's text with every time zone it names made safe to parse.

    A TZID that is (or, like ``/vendor/Europe/Berlin`` or a Windows name,
    stands for) an IANA zone is read as that zone, and its VTIMEZONE is
    dropped: the IANA rules are better than a copy and cost nothing to build.
    Any other VTIMEZONE is checked before icalendar expands it (at most
    MAX_ZONE_CHANGES offset changes), and a TZID that is neither is refused:
    a name like ``Europe`` or 300 characters long makes the zone lookup itself
    fail.
    """
    if "TZID" not in text.upper():
        return text
    text = _FOLDED.sub("", text)
    kept: list[str] = []
    defined: set[str] = set()

    def zone_block(match: re.Match[str]) -> str:
        own = _OWN_TZID.search(match.group(1))
        name = own.group(1).strip() if own else ""
        if name and _iana_name(name) is not None:
            return ""
        _check_zone_rules(name, match.group(1), source)
        defined.add(name)
        kept.append(name)
        return match.group(0)

    text = _VTIMEZONE.sub(zone_block, text)

    def parameter(match: re.Match[str]) -> str:
        written = match.group(2)
        name = written[1:-1] if written.startswith('"') else written
        iana = _iana_name(name)
        if iana is not None:
            return f"{match.group(1)}{iana}"
        if name in defined:
            return match.group(0)
        raise ProgramError(
            source,
            f"TZID {shorten(name)!r} is not a known time zone, and the file does not define it",
        )

    return _TZID_PARAMETER.sub(parameter, text)


def _iana_name(tzid: str) -> str | None:
    """The IANA zone a TZID stands for: itself, a Windows zone's, or a
    ``/vendor/Area/City`` one's trailing ``Area/City``; None if none."""
    cleaned = tzid.strip().strip("/")
    if zone_named(cleaned) is not None:
        return cleaned
    windows = WINDOWS_TO_OLSON.get(cleaned)
    if windows is not None and zone_named(windows) is not None:
        return windows
    parts = cleaned.split("/")
    for first in range(1, len(parts)):
        candidate = "/".join(parts[first:])
        if "/" in candidate and zone_named(candidate) is not None:
            return candidate
    return None


def _check_zone_rules(name: str, block: str, source: str) -> None:
    """Refuse a VTIMEZONE whose rules change the offset more than MAX_ZONE_CHANGES
    times before icalendar's horizon (counted lazily, so a MINUTELY rule costs
    a thousand steps, not 35 million)."""
    changes = 0
    for rule in _ZONE_RULE.finditer(block):
        body = rule.group(2)
        changes += len(re.findall(_PROPERTY.format(name="RDATE"), body, re.MULTILINE))
        recurrence = re.search(_PROPERTY.format(name="RRULE"), body, re.MULTILINE | re.IGNORECASE)
        start = re.search(_PROPERTY.format(name="DTSTART"), body, re.MULTILINE | re.IGNORECASE)
        if recurrence is None or start is None:
            changes += 1
            continue
        try:
            first = datetime.strptime(start.group(1).strip()[:15], "%Y%m%dT%H%M%S")
            occurrences = dateutil.rrule.rrulestr(
                recurrence.group(1), dtstart=first, ignoretz=True, cache=False
            )
        except (ValueError, TypeError, OverflowError):
            raise ProgramError(
                source, f"VTIMEZONE {shorten(name)!r}: its RRULE cannot be read"
            ) from None
        for moment in itertools.islice(occurrences, MAX_ZONE_CHANGES + 1 - changes):
            if moment > _ZONE_HORIZON:
                break
            changes += 1
        if changes > MAX_ZONE_CHANGES:
            raise ProgramError(
                source,
                f"VTIMEZONE {shorten(name)!r} changes its UTC offset more than "
                f"{MAX_ZONE_CHANGES:,} times; a time zone does that twice a year",
            )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _categories(component: Any) -> list[str]:
    names: list[str] = []
    for value in _as_list(component.get("CATEGORIES")):
        names.extend(str(c).strip() for c in getattr(value, "cats", [value]) if str(c).strip())
    return names


def _speakers(component: Any) -> tuple[str, ...]:
    own = [str(v).strip() for v in _as_list(component.get("X-GEODL-SPEAKER"))]
    if own:
        return tuple(own)
    names = []
    for attendee in _as_list(component.get("ATTENDEE")):
        name = str(getattr(attendee, "params", {}).get("CN", "")).strip()
        if name:
            names.append(name)
    return tuple(names)


def _without_speaker_line(text: str, speakers: Iterable[str]) -> str:
    """Drop a leading "Speakers: ..." paragraph that only repeats the speakers."""
    first, _, rest = text.partition("\n\n")
    match = _SPEAKER_LINE.match(first)
    names = list(speakers)
    if match and names and match.group(1).strip() == ", ".join(names):
        return rest.strip()
    return text


def _link_lines(links: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{title}: {url}" for title, url in links)


def _without_link_lines(text: str, links: list[tuple[str, str]]) -> str:
    """Drop the trailing list of links that our writer adds for people to read."""
    lines = common.to_paragraphs(_link_lines(links))
    if links and text.endswith(lines):
        return text[: -len(lines)].strip()
    return text


# --------------------------------------------------------------------- writer


def uid_for(conference: Conference, event: Event) -> str:
    """Stable and, per RFC 5545's advice, globally unique."""
    return event.id if "@" in event.id else f"{event.id}@{conference.id}"


def description_for(event: Event) -> str:
    parts = []
    if event.speakers:
        label = "Speaker" if len(event.speakers) == 1 else "Speakers"
        parts.append(f"{label}: {', '.join(_line(s) for s in event.speakers)}")
    if event.abstract:
        parts.append(clean_text(event.abstract))
    if event.links:
        parts.append(_link_lines((_line(link.title), _line(link.url)) for link in event.links))
    return "\n\n".join(parts)


def _written(moment: datetime, zone: tzinfo | None) -> datetime:
    """*moment* as written: local time in *zone*, or UTC where that is ambiguous.

    A local time in the hour that repeats when clocks go back (02:30 on the
    night of the autumn switch) names two instants; calendars pick one or the
    other, so such a time is written in UTC (``...Z``), which every client
    reads alike. Converting an instant never gives a local time in the gap.
    """
    if zone is None:
        return moment.astimezone(UTC)
    local = moment.astimezone(zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def _alarm(event: Event, minutes: int) -> Any:
    """A DISPLAY alarm *minutes* before the start (TRIGGER -PT<N>M)."""
    alarm = icalendar.Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", _line(event.title))
    alarm.add("TRIGGER", timedelta(minutes=-minutes))
    return alarm


def _line(text: str) -> str:
    """A value for one content line. icalendar escapes line feeds in standard
    TEXT properties but not in X- properties (it fails on them), and copies
    CR, NUL, ESC and DEL as they are: a reader that breaks lines at a bare CR
    would see a new property, even a ``BEGIN:VEVENT``. So every value is one
    clean line (and DESCRIPTION clean paragraphs, whose line feeds icalendar
    escapes as ``\\n``)."""
    return clean_line(text)


def _parameter(text: str) -> str:
    # icalendar writes a quote in a parameter as ^' (RFC 6868); controls it copies.
    return clean_line(text)


def write(
    conference: Conference,
    events: Iterable[Event] | None = None,
    stamp: datetime | None = None,
    *,
    alarm_minutes: int | None = None,
    silent: Iterable[str] = (),
) -> bytes:
    """The conference (or just *events*) as an RFC 5545 calendar, UTF-8 with CRLF.

    With *alarm_minutes*, every event but those in *silent* (ids) carries a
    VALARM that a calendar shows that many minutes before it starts.
    """
    quiet = set(silent)
    chosen = list(conference.events if events is None else events)
    stamp = (stamp or datetime.now(UTC)).replace(microsecond=0)
    utc = conference.timezone in {"UTC", "Etc/UTC"}
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", _line(conference.name))
    calendar.add("X-WR-TIMEZONE", _line(conference.timezone))
    calendar.add("X-GEODL-CONFERENCE", _line(conference.id))
    for event in chosen:
        item = icalendar.Event()
        item.add("UID", _line(uid_for(conference, event)))
        item.add("DTSTAMP", stamp)
        item.add("DTSTART", _written(event.start, None if utc else conference.zone))
        if event.end is not None:
            item.add("DTEND", _written(event.end, None if utc else conference.zone))
        item.add("SUMMARY", _line(event.title))
        if event.room:
            item.add("LOCATION", _line(event.room))
        description = description_for(event)
        if description:
            item.add("DESCRIPTION", description)
        if event.url:
            item.add("URL", _line(event.url))
        if event.links:
            for link in event.links:
                item.add(
                    "X-GEODL-LINK",
                    _line(link.url),
                    parameters={"X-TITLE": _parameter(link.title)},
                )
        item.add("CATEGORIES", [_line(event.track or event.kind.value)])
        item.add("X-GEODL-KIND", event.kind.value)
        if event.track:
            item.add("X-GEODL-TRACK", _line(event.track))
        for name in event.speakers:
            item.add("X-GEODL-SPEAKER", _line(name))
        if event.kind is Kind.PERSONAL:
            item.add("TRANSP", "OPAQUE")
        if alarm_minutes is not None and event.id not in quiet:
            item.add_component(_alarm(event, alarm_minutes))
        calendar.add_component(item)
    if not utc and chosen:
        # Only the years the items fall in: a VTIMEZONE for 1970-2038 is pages long.
        years = [conference.local(e.start).year for e in chosen]
        timezone = icalendar.Timezone.from_tzinfo(
            conference.zone,
            tzid=conference.timezone,
            first_date=date(min(years) - 1, 1, 1),
            last_date=date(max(years) + 1, 12, 31),
        )
        calendar.subcomponents.insert(0, timezone)
    return calendar.to_ical()
