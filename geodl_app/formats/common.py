"""What the readers and writers of outside formats share (no Qt here).

Ids, kinds, durations, text clean-up, time zones and the final checks that
turn parsed items into a :class:`~geodl_app.model.Conference`. Every problem
is raised as :class:`~geodl_app.errors.ProgramError` with one line.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo

from geodl_app.errors import MissingTimeZoneError, ProgramError, describe_validation_error

# Moved to text.py; these names still work here.
from geodl_app.formats.text import _HTML_HINT as _HTML_HINT
from geodl_app.formats.text import base_url as base_url
from geodl_app.formats.text import join_text as join_text
from geodl_app.formats.text import make_links as make_links
from geodl_app.formats.text import page_url as page_url
from geodl_app.formats.text import to_html as to_html
from geodl_app.formats.text import to_paragraphs as to_paragraphs
from geodl_app.formats.text import web_url as web_url
from geodl_app.model import (
    Conference,
    Event,
    Kind,
    Link,
    check_year,
    fold_spaces,
    shorten,
    zone_named,
)
from geodl_app.validation import ValidationError, validate

# Longer than any real session, workshop day or hackathon night; anything
# beyond is a typo or a hostile file, not a program item.
MAX_DURATION = timedelta(days=7)
# Far more than FOSDEM (~800); stops a generated file from eating memory.
MAX_EVENTS = 50_000
MAX_ID_LENGTH = 160

# Zones that conferences document on their site when their files carry none.
# Keys are matched against the conference's title or acronym (lower case).
DOCUMENTED_ZONES: dict[str, str] = {
    # FOSDEM is held in Brussels and its schedule gives Brussels wall-clock times,
    # even for the online 2021 edition (shared/data/README.md).
    "fosdem": "Europe/Brussels",
    # Kieler Linuxtage: Kiel, Germany.
    "kieler open source und linux tage": "Europe/Berlin",
    "kielux": "Europe/Berlin",
}

# Stable across runs and machines: exported guids derive from it.
GUID_NAMESPACE = uuid.UUID("6f1d3a8e-8a34-5c47-9b1e-3c0a5e4d2b71")

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_BAD_ID_CHARS = re.compile(r"[^A-Za-z0-9._:@/+-]+")


# ------------------------------------------------------------------------ ids


def sanitise_id(raw: str) -> str:
    """*raw* made to match ``model.ID_PATTERN`` (may return "")."""
    cleaned = _BAD_ID_CHARS.sub("-", raw.strip())
    cleaned = cleaned.lstrip("._:@/+-")
    return cleaned[:MAX_ID_LENGTH].rstrip("-")


def unique_ids(raws: Sequence[str | None], fallbacks: Sequence[str]) -> list[str]:
    """Sanitised, unique ids in file order.

    The first item with an id keeps it; later repeats get ``-2``, ``-3``, ...
    skipping any id that another item already has, so the result depends only
    on the file and no item is lost.
    """
    bases = []
    for raw, fallback in zip(raws, fallbacks, strict=True):
        base = sanitise_id(raw) if raw else ""
        bases.append(base or sanitise_id(fallback) or "item")
    counts = Counter(bases)
    taken = set(counts)
    result: list[str] = []
    seen: set[str] = set()
    for base in bases:
        if base not in seen:
            seen.add(base)
            result.append(base)
            continue
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        unique = f"{base}-{n}"
        taken.add(unique)
        result.append(unique)
    return result


def is_uuid(value: str) -> bool:
    return bool(_UUID_RE.match(value))


def export_guid(conference: Conference, event: Event) -> str:
    """The guid written for *event*: its own id if that is a UUID, else a stable UUID."""
    if is_uuid(event.id):
        return event.id.lower()
    return str(uuid.uuid5(GUID_NAMESPACE, f"{conference.id}/{event.id}"))


def slugify(text: str, fallback: str = "conference") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or fallback


# ---------------------------------------------------------------------- kinds

# Type names in the wild carry lengths and qualifiers ("Talk (45 minutes)",
# "Vortrag (30 Minuten)"), so they are matched by their words, in English
# and German. Everything is a session (a talk: title, speakers, full colour)
# unless its type or title says it is a break, a meal or the like.
_KIND_BY_WORD: tuple[tuple[Kind, frozenset[str]], ...] = (
    (Kind.MEAL, frozenset({"lunch", "dinner", "breakfast", "brunch", "meal", "supper", "mittag",
                           "mittagessen", "abendessen", "frühstück", "mittagspause", "imbiss"})),
    (Kind.BREAK, frozenset({"break", "pause", "coffee", "kaffee", "kaffeepause", "coffeebreak",
                            "tea"})),
    (Kind.OPENING, frozenset({"opening", "welcome", "closing", "eröffnung", "begrüßung",
                              "abschluss", "verabschiedung"})),
    (Kind.SOCIAL, frozenset({"social", "party", "reception", "excursion", "concert", "konzert",
                             "performance", "empfang", "ausflug"})),
    (Kind.MEETING, frozenset({"meeting", "assembly", "versammlung", "mitgliederversammlung"})),
    # Logistics that is none of the above: an info desk, registration, doors.
    (Kind.OTHER, frozenset({"infodesk", "info", "meta", "registration", "anmeldung", "einlass",
                            "doors", "setup", "aufbau", "abbau", "teardown", "cleanup"})),
)  # fmt: skip
_LOGISTICS_WORDS = _KIND_BY_WORD[0][1] | _KIND_BY_WORD[1][1] | {"and", "und", "&", "small"}
# A type with one of these words (or containing one, as "lightningtalk" and
# "Kurzvortrag" do) is a talk whatever else it says ("Lunch talk").
_TALK_WORDS = ("talk", "lecture", "keynote", "vortrag", "vorlesung", "referat")
# "other" is left to the title: a frab "other" may well be the dinner.
_OWN_KINDS = frozenset(k.value for k in Kind) - {Kind.OTHER.value}
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=256)
def _kind_of_type(name: str) -> Kind | None:
    """What a type name alone says (None: nothing but that it is a session)."""
    if name in _OWN_KINDS:
        return Kind(name)  # our own exports write the kind itself
    if any(word in name for word in _TALK_WORDS):
        return Kind.TALK
    words = set(_WORD.findall(name))
    for kind, known in _KIND_BY_WORD:
        # German compounds end with their head: "Kaffeepause", "Mittagspause".
        if words & known or any(w.endswith(k) for w in words for k in known if len(k) > 4):
            return kind
    return None


def kind_for(type_name: str | None, title: str) -> Kind:
    """Map a source's event type (and, for logistics, its title) to a Kind.

    A type that names a talk, or none that says otherwise, makes a session,
    except for a slot whose title is only "Lunch", "Coffee break" and the like.
    An item without a type is judged by the words of its title.
    """
    name = (type_name or "").strip().lower().replace("_", " ")
    by_type = None if name == Kind.OTHER.value else _kind_of_type(name)
    if by_type is not None and (by_type is not Kind.TALK or name in _OWN_KINDS):
        return by_type
    tokens = set(_WORD.findall(title.lower()))
    if name == Kind.OTHER.value:
        for kind, words in _KIND_BY_WORD:
            if tokens & words:
                return kind
        return Kind.OTHER
    if by_type is Kind.TALK or name:
        # A slot called "Lunch" or "Coffee break" in a talk room is still a
        # meal or a break; "Lunch talks about Rust" is a talk.
        if tokens and tokens <= _LOGISTICS_WORDS:
            for kind, words in _KIND_BY_WORD[:2]:
                if tokens & words:
                    return kind
        return Kind.TALK
    for kind, words in _KIND_BY_WORD:
        if tokens & words:
            return kind
    return Kind.TALK


# ------------------------------------------------------------------ durations

_DURATION_RE = re.compile(r"^(\d{1,4}):(\d{1,2})(?::(\d{1,2}))?$")


def parse_duration(text: str | None, where: str, source: str) -> timedelta | None:
    """``HH:MM`` or ``HH:MM:SS`` (hours may exceed 24); None when empty (not given).

    ``00:00`` is a zero-length item, not an unknown end.
    """
    text = (text or "").strip()
    if not text:
        return None
    match = _DURATION_RE.match(text)
    if not match:
        raise ProgramError(source, f"{where}: duration {text!r} is not HH:MM")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if minutes >= 60 or seconds >= 60:
        raise ProgramError(source, f"{where}: duration {text!r} is not HH:MM")
    value = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    check_duration(value, where, source)
    return value


def check_duration(value: timedelta, where: str, source: str) -> None:
    if value < timedelta(0):
        raise ProgramError(source, f"{where}: ends before it starts")
    if value > MAX_DURATION:
        hours = value.total_seconds() / 3600
        raise ProgramError(source, f"{where}: duration of {hours:.0f} hours is not plausible")


# Our own exports must tell "no end" from "zero length", and both formats
# require a duration: an item with no end is written as ``00:00`` and a
# zero-length one as ``00:00:00``; files whose generator is this app are read
# back that way (every other file's ``00:00`` is a zero-length item).
OWN_GENERATOR = "geodl-app"
NO_END = "00:00"
ZERO_LENGTH = "00:00:00"


def format_duration(value: timedelta | None) -> str:
    if value is None:
        return NO_END
    if not value:
        return ZERO_LENGTH
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration_or_no_end(
    text: str | None, where: str, source: str, own_export: bool
) -> timedelta | None:
    """The duration written in *text*; None for "no end" in one of our own exports."""
    if own_export and (text or "").strip() == NO_END:
        return None
    return parse_duration(text, where, source)


_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_clock(text: str | None, where: str, source: str) -> time:
    match = _CLOCK_RE.match((text or "").strip())
    if not match:
        raise ProgramError(source, f"{where}: start {text!r} is not a time HH:MM")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ProgramError(source, f"{where}: start {text!r} is not a time HH:MM")
    return time(hours, minutes, seconds)


_D = TypeVar("_D", bound=date)


def parse_date(text: str | None, where: str, source: str) -> date:
    try:
        value = date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        raise ProgramError(source, f"{where}: {text!r} is not a date YYYY-MM-DD") from None
    return _plausible(value, where, source)


def parse_instant(text: str, where: str, source: str) -> datetime:
    """An ISO 8601 date-time; naive when the text has no offset."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ProgramError(source, f"{where}: {text!r} is not a date and time") from None
    return _plausible(value, where, source)


def _plausible(value: _D, where: str, source: str) -> _D:
    # Checked as soon as a date is read: the zone arithmetic that follows
    # overflows near year 9999.
    try:
        check_year(value)
    except ValueError as error:
        raise ProgramError(source, f"{where}: {error}") from None
    return value


# ---------------------------------------------------------------------- zones


def zone_or_error(name: str, where: str, source: str) -> ZoneInfo:
    zone = zone_named(name)
    if zone is None:
        raise ProgramError(source, f"{where}: unknown time zone {shorten(name)!r}")
    return zone


def documented_zone(*names: str | None) -> str | None:
    """The zone a conference documents for itself, matched on its title or acronym."""
    for name in names:
        lowered = (name or "").lower()
        for key, zone in DOCUMENTED_ZONES.items():
            if key in lowered:
                return zone
    return None


def wall_zone(
    file_zone: str | None, option: str | None, title: str | None, acronym: str | None, source: str
) -> ZoneInfo:
    """The zone for times written without one, or an error asking for ``--timezone``."""
    name = file_zone or option or documented_zone(title, acronym)
    if name is None:
        raise MissingTimeZoneError(
            source,
            "times carry no time zone; name the conference's zone with --timezone ZONE "
            "(for example --timezone Europe/Brussels)",
        )
    return zone_or_error(name, "time zone", source)


class WallClock:
    """Turns an event's written start into an instant.

    A full date-time with an offset is taken as it is. Times written without a
    zone are read in the zone that :func:`wall_zone` finds (the file's, the
    ``--timezone`` option's, the conference's documented one), looked up only
    when a time first needs it, so a file whose times all carry offsets never
    asks for one.
    """

    def __init__(
        self,
        file_zone: str | None,
        option: str | None,
        title: str | None,
        acronym: str | None,
        source: str,
    ) -> None:
        self._names = (file_zone, option, title, acronym)
        self._source = source
        self._zone: ZoneInfo | None = None

    @property
    def zone(self) -> ZoneInfo:
        if self._zone is None:
            self._zone = wall_zone(*self._names, self._source)
        return self._zone

    def start(
        self,
        date_text: str,
        day: date | None,
        clock_text: str,
        where: str,
        day_change: time = time(0, 0),
    ) -> datetime:
        """The start from a ``date`` field, else from the day and an ``HH:MM`` start.

        A clock time before *day_change* belongs to the night after *day*.
        """
        source = self._source
        if date_text:
            start = parse_instant(date_text, f"{where}: date", source)
            return start if start.tzinfo is not None else start.replace(tzinfo=self.zone)
        if day is None:
            raise ProgramError(source, f"{where}: no date")
        clock = parse_clock(clock_text, where, source)
        on = day + timedelta(days=1) if clock < day_change else day
        return localise(on, clock, self.zone)


def display_zone(
    file_zone: str | None,
    option: str | None,
    title: str | None,
    acronym: str | None,
    instants: Iterable[datetime],
) -> str:
    """The zone the program is shown in: the file's, the user's, the documented one,
    else the single whole-hour offset all times share, else UTC."""
    name = file_zone or option or documented_zone(title, acronym)
    if name:
        return name
    offsets = {moment.utcoffset() for moment in instants}
    if len(offsets) == 1:
        (offset,) = offsets
        if offset is not None and offset.total_seconds() % 3600 == 0:
            hours = int(offset.total_seconds() // 3600)
            # POSIX sign convention: Etc/GMT-2 is two hours *ahead* of UTC.
            return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC"


def localise(day: date, clock: time, zone: tzinfo) -> datetime:
    """A wall-clock time as an exact instant in UTC.

    Conversion to UTC happens before any arithmetic: adding a duration to a
    zoned datetime in Python adds wall-clock time, which is an hour off
    across a daylight-saving change.
    """
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


# ------------------------------------------------------------------- assembly


@dataclass
class RawEvent:
    """An item as a reader found it, before ids are made unique."""

    raw_id: str | None
    fallback_id: str
    title: str
    start: datetime
    duration: timedelta | None = None
    end: datetime | None = None
    kind: Kind = Kind.TALK
    speakers: tuple[str, ...] = ()
    room: str | None = None
    track: str | None = None
    abstract: str = ""
    links: tuple[Link, ...] = ()
    url: str | None = None
    where: str = ""


@dataclass
class RawConference:
    name: str
    acronym: str | None
    zone: str
    first_day: date | None = None
    last_day: date | None = None
    city: str | None = None
    venue: str | None = None
    events: list[RawEvent] = field(default_factory=list)
    # The file's own room list and tracks (name, '#rrggbb' or None), in its order.
    rooms: list[str] = field(default_factory=list)
    tracks: list[tuple[str, str | None]] = field(default_factory=list)


def check_event_count(
    count: int, source: str, at_least: bool = False, limit: int = MAX_EVENTS, what: str = ""
) -> None:
    """Refuse more than *limit* items, as early as a reader can count them."""
    if count > limit:
        many = f"{'more than ' if at_least else ''}{count:,}"
        raise ProgramError(source, f"holds {many} events; the limit{what} is {limit:,}")


def build_conference(raw: RawConference, source: str) -> Conference:
    """Validate and assemble; ids made unique, days widened to cover every item."""
    if not raw.events:
        raise ProgramError(source, "holds no events (every day is empty)")
    check_event_count(len(raw.events), source)
    ids = unique_ids([e.raw_id for e in raw.events], [e.fallback_id for e in raw.events])
    zone = ZoneInfo(raw.zone)
    events: list[dict[str, object]] = []
    starts: list[datetime] = []
    for event_id, item in zip(ids, raw.events, strict=True):
        try:
            # Before any arithmetic: a start in year 9999 overflows.
            check_year(item.start)
            if item.end is not None:
                check_year(item.end)
        except ValueError as error:
            raise ProgramError(source, f"{item.where or f'event {event_id!r}'}: {error}") from None
        start = item.start.astimezone(UTC)
        end = None if item.end is None else item.end.astimezone(UTC)
        if end is None and item.duration is not None:
            end = start + item.duration
        if end is not None:
            # end == start stays: a zero-length item, which clashes with nothing.
            check_duration(end - start, item.where or f"event {event_id!r}", source)
        starts.append(start)
        events.append(
            {
                "id": event_id,
                "kind": item.kind,
                "title": fold_spaces(item.title) or "(untitled)",
                "speakers": tuple(fold_spaces(s) for s in item.speakers if s and s.strip()),
                "start": start,
                "end": end,
                "room": (item.room or "").strip() or None,
                "track": (item.track or "").strip() or None,
                "abstract": item.abstract,
                "links": item.links,
                "url": item.url,
            }
        )
    local_days = [start.astimezone(zone).date() for start in starts]
    first = min([*local_days, *([raw.first_day] if raw.first_day else [])])
    last = max([*local_days, *([raw.last_day] if raw.last_day else [])])
    if (last - first).days > 366:
        raise ProgramError(source, f"spans {(last - first).days} days, from {first} to {last}")
    acronym = sanitise_id(raw.acronym or "") or slugify(raw.name)
    try:
        return validate(
            Conference,
            {
                "id": acronym,
                "name": raw.name.strip() or acronym,
                "city": (raw.city or "").strip() or None,
                "venue": (raw.venue or "").strip() or None,
                "first_day": first,
                "last_day": last,
                "timezone": raw.zone,
                "events": events,
                "room_list": [name for name in raw.rooms if name and name.strip()],
                "track_list": _tracks(raw.tracks),
            },
        )
    except ValidationError as error:
        raise ProgramError(source, describe_validation_error(error, events)) from None


_COLOR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def color(text: str | None) -> str | None:
    """A colour from a file as '#rrggbb' (``#abc`` and ``abc`` too), else None."""
    match = _COLOR.match((text or "").strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _tracks(tracks: Iterable[tuple[str, str | None]]) -> list[dict[str, str | None]]:
    named: dict[str, str | None] = {}
    for name, colour in tracks:
        name = (name or "").strip()
        if name and (name not in named or named[name] is None):
            named[name] = color(colour)
    return [{"name": name, "color": colour} for name, colour in named.items()]


# -------------------------------------------------------------------- writers


def schedule_acronym(conference: Conference) -> str:
    """The conference id as the c3voc schemas allow an acronym (``[a-z0-9_]``, 4+)."""
    acronym = re.sub(r"[^a-z0-9_]", "_", conference.id.lower())
    return acronym.ljust(4, "_")


def numeric_ids(events: Sequence[Event]) -> dict[str, int]:
    """A positive integer per event: its own id when that is one (and unique)."""
    numbers: dict[str, int] = {}
    used: set[int] = set()
    for event in events:
        if event.id.isdigit() and int(event.id) > 0 and int(event.id) not in used:
            numbers[event.id] = int(event.id)
            used.add(int(event.id))
    following = max(used, default=0) + 1
    for event in events:
        if event.id not in numbers:
            numbers[event.id] = following
            following += 1
    return numbers


def person_ids(events: Sequence[Event]) -> dict[str, int]:
    """A positive integer per speaker's name, in order of first appearance.

    ConfClerk shows no speakers without ``<person id="N">``; the same name
    gets the same id throughout one file.
    """
    ids: dict[str, int] = {}
    for event in events:
        for name in event.speakers:
            ids.setdefault(name, len(ids) + 1)
    return ids


def person_guid(conference: Conference, name: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{conference.id}/person/{name}"))


def export_tracks(conference: Conference, events: Sequence[Event]) -> list[tuple[str, str | None]]:
    """The tracks of *events* in the programme's order, with their colours."""
    used = {e.track for e in events if e.track}
    return [(t.name, t.color) for t in conference.track_list if t.name in used]


NO_ROOM = "No room given"


def room_label(conference: Conference, event: Event) -> str:
    """The room written for *event*: clients such as ConfClerk make a room of
    whatever name is written, so an item without one goes to the venue."""
    return event.room or conference.venue or NO_ROOM


def room_order(conference: Conference, events: Sequence[Event]) -> list[str]:
    """The rooms of *events* as written, in the programme's room order."""
    rank = {room: n for n, room in enumerate(conference.room_list)}
    labels = dict.fromkeys(room_label(conference, e) for e in events)
    return sorted(labels, key=lambda label: rank.get(label, len(rank)))


def export_days(conference: Conference, events: Sequence[Event]) -> list[date]:
    """The conference's days plus any day an item falls on outside them."""
    days = set(conference.days)
    days.update(conference.local(e.start).date() for e in events)
    return sorted(days)
