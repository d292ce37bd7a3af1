"""The conference and its program, as plain frozen dataclasses (no Qt here).

Every datetime is timezone-aware. Events keep the instant they were given; use
:meth:`Conference.local` to see one in the conference's own zone.

A program read from outside is checked by pydantic
(:func:`geodl_app.validation.validate`), which runs the :class:`Check` of each
field (clean text, ids, addresses, zones, plausible years) and then each
class's ``__post_init__`` (what involves several fields). Constructing a class
directly runs only ``__post_init__``: that is for values this app made or
checked before (the bundled programme, the library's stored copies, an
edited copy of a checked event). This module does not import pydantic, so a
start that has nothing from outside to check does not load it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from geodl_app.checked import Check

# Ids are what bookmarks key on, so they must survive a round trip through any
# file format: printable, no whitespace, not absurdly long.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,199}$"
_ID_RE = re.compile(ID_PATTERN)
# A date outside these years is a typo or a hostile file; near the ends of
# Python's calendar (year 1, year 9999) time-zone arithmetic overflows.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999
# The longest a conference may last; the window has a column per day.
MAX_CONFERENCE_DAYS = 366
# Longer than any IANA zone name (the longest is about 30 characters); a longer
# name makes the zone lookup fail on the file system's own limit instead.
MAX_ZONE_NAME_LENGTH = 255


# C0 controls but tab, line feed and carriage return, and DEL: never text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same plus tab (a tab in a paragraph is a space).
_CONTROLS_IN_TEXT = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile("\r\n?")
# What folds into one space: ASCII white space and line breaks. Non-breaking
# and other typographic spaces ("10\u00a0km", "Dr.\u00a0Who") are the
# author's choice and stay; str.split() would fold them too.
_ORDINARY_SPACES = re.compile("[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")


def fold_spaces(text: str) -> str:
    """*text* with runs of ordinary white space folded into one space, trimmed;
    non-breaking spaces are kept."""
    if text.isascii():
        return " ".join(text.split())  # the fast path, same result
    return _ORDINARY_SPACES.sub(" ", text).strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def clean_line(text: str) -> str:
    """*text* as one line of plain text: no control character, no line break.

    Line breaks and tabs become spaces, other controls (NUL, ESC, bell, DEL)
    go, runs of spaces fold into one. Titles, names, rooms and tracks from any
    file pass through here, so no reader, widget or export ever sees a
    control character in them (a bare CR in a calendar starts a new line).
    """
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    return fold_spaces(text)


def clean_text(text: str) -> str:
    """*text* as paragraphs of plain text: line feeds only, no other control."""
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if _CONTROLS_IN_TEXT.search(text):
        text = _CONTROLS_IN_TEXT.sub(lambda m: " " if m.group() == "\t" else "", text)
    return text


class Kind(StrEnum):
    """What an item on the program is, which decides how it is shown."""

    TALK = "talk"
    OPENING = "opening"
    BREAK = "break"
    MEAL = "meal"
    MEETING = "meeting"
    SOCIAL = "social"
    OTHER = "other"
    # The attendee's own appointments, shown beside the program, never in it.
    PERSONAL = "personal"

    @property
    def is_session(self) -> bool:
        """True for items with content to read (talks), false for logistics."""
        return self is Kind.TALK


# pydantic's settings for every class here: unknown keys are mistakes, and
# text is trimmed. A plain dict (pydantic's ConfigDict is one) keeps pydantic
# out of this module.
_STRICT_FIELDS: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True}

# No space and no control character anywhere (\S alone lets NUL, ESC, DEL in).
WEB_URL_PATTERN = r"^https?://[^\s/\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*$"
_WEB_URL_RE = re.compile(WEB_URL_PATTERN)
# Links may also write to someone (a speaker's or an organiser's address).
_LINK_URL_RE = re.compile(
    r"^(?:https?://[^\s/\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*"
    r"|mailto:[^\s@\x00-\x1f\x7f]+@[^\s@\x00-\x1f\x7f]+)$",
    re.IGNORECASE,
)
# A colour as the schedule files and the timetable write it: '#rrggbb'.
COLOR_PATTERN = r"^#[0-9a-f]{6}$"
_COLOR_RE = re.compile(COLOR_PATTERN)


# ------------------------------------------------- checks of single fields


def _one_line(value: object) -> object:
    return clean_line(value) if isinstance(value, str) else value


def _lines(value: object) -> object:
    if isinstance(value, list | tuple):
        return tuple(clean_line(v) if isinstance(v, str) else v for v in value)
    return value


def _paragraphs(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


def _lower_case(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _no_bare_number(value: object) -> object:
    # pydantic would read 12 as a Unix timestamp; in a program file a bare
    # number is always a mistake, never 1970.
    if isinstance(value, int | float):
        raise ValueError("must be a date and time with a UTC offset, not a number")
    return value


def _aware_and_plausible(value: datetime | None) -> datetime | None:
    if value is not None:
        if value.utcoffset() is None:
            raise ValueError("must have a UTC offset or a time zone")
        check_year(value)
    return value


def _id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(
            "must be 1 to 200 letters, digits or ._:@/+- with no space, starting with a "
            "letter or digit"
        )
    return value


def _web_url(value: str | None) -> str | None:
    if value is not None and not _WEB_URL_RE.fullmatch(value):
        raise ValueError("must be an http:// or https:// address")
    return value


def _link_url(value: str) -> str:
    if not _LINK_URL_RE.fullmatch(value):
        raise ValueError("must be an http://, https:// or mailto: address")
    return value


def _colour(value: str | None) -> str | None:
    if value is not None and not _COLOR_RE.match(value):
        raise ValueError("must be a colour written #rrggbb")
    return value


def _known_zone(value: str) -> str:
    if zone_named(value) is None:
        raise ValueError(f"unknown IANA time zone {shorten(value)!r}")
    return value


Id = Annotated[str, Check(after=_id)]
Line = Annotated[str, Check(before=_one_line, min_length=1)]
OptionalLine = Annotated[str | None, Check(before=_one_line)]
Lines = Annotated[tuple[str, ...], Check(before=_lines)]
Moment = Annotated[datetime, Check(before=_no_bare_number, after=_aware_and_plausible)]
OptionalMoment = Annotated[
    datetime | None, Check(before=_no_bare_number, after=_aware_and_plausible)
]


# ------------------------------------------------------------------ classes


@dataclass(frozen=True, slots=True)
class Link:
    """A reference the attendee may open in their browser."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    title: Line
    url: Annotated[str, Check(after=_link_url)]


@dataclass(frozen=True, slots=True)
class Track:
    """A track of the programme, with the colour its file gives it (if any)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    # Cleaned as an event's track is, so that the two names still match.
    name: Line
    color: Annotated[str | None, Check(before=_lower_case, after=_colour)] = None


@dataclass(frozen=True, slots=True)
class Event:
    """One item of the program: a talk, a break, a meal, a meeting, ..."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    id: Id
    kind: Kind
    title: Line
    start: Moment
    speakers: Lines = ()
    end: OptionalMoment = None
    room: OptionalLine = None
    track: OptionalLine = None
    abstract: Annotated[str, Check(before=_paragraphs)] = ""
    links: tuple[Link, ...] = ()
    # The item's own page on the conference's site (Pentabarf/frab ``<url>``).
    url: Annotated[str | None, Check(after=_web_url)] = None

    def __post_init__(self) -> None:
        # Lists given by a caller become tuples, so that events stay hashable.
        if type(self.speakers) is not tuple:
            object.__setattr__(self, "speakers", tuple(self.speakers))
        if type(self.links) is not tuple:
            object.__setattr__(self, "links", tuple(self.links))
        # end == start is a zero-length item (a deadline, a photo call): it
        # keeps its end, and clashes with nothing.
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must not be before start")

    @property
    def duration(self) -> timedelta | None:
        return None if self.end is None else self.end - self.start

    @property
    def paragraphs(self) -> list[str]:
        """The abstract split into paragraphs (blank-line separated)."""
        return [p.strip() for p in re.split(r"\n\s*\n", self.abstract) if p.strip()]


@dataclass(frozen=True)
class Conference:
    """A conference and its whole program."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    id: Id
    name: Line
    first_day: date
    last_day: date
    timezone: Annotated[str, Check(after=_known_zone)]
    organiser: OptionalLine = None
    city: OptionalLine = None
    venue: OptionalLine = None
    events: tuple[Event, ...] = ()
    # The programme's own order of rooms (its room list, else the order rooms
    # first appear in the file): main halls first. Completed on construction
    # with any room of an event not listed, so it names every room.
    room_list: Lines = ()
    # The programme's tracks in its own order, with their colours where the
    # file gives them (schedule 2.0 does); completed like room_list.
    track_list: tuple[Track, ...] = ()

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("last_day must not be before first_day")
        check_year(self.first_day)
        check_year(self.last_day)
        if (self.last_day - self.first_day).days >= MAX_CONFERENCE_DAYS:
            raise ValueError(
                f"first_day to last_day is {(self.last_day - self.first_day).days + 1} days; "
                f"a conference lasts at most {MAX_CONFERENCE_DAYS}"
            )
        by_id: dict[str, Event] = {}
        for event in self.events:
            if event.id in by_id:
                raise ValueError(f"duplicate event id {event.id!r}")
            by_id[event.id] = event
        # Before sorting: rooms and tracks not listed follow in file order.
        room_list = dict.fromkeys(r.strip() for r in self.room_list if r.strip())
        room_list.update(dict.fromkeys(e.room for e in self.events if e.room))
        object.__setattr__(self, "room_list", tuple(room_list))
        tracks = {t.name: t for t in self.track_list}
        for name in dict.fromkeys(e.track for e in self.events if e.track):
            tracks.setdefault(name, Track(name=name))
        object.__setattr__(self, "track_list", tuple(tracks.values()))
        # Sorted once here so that every view and command sees the same order.
        ordered = tuple(sorted(self.events, key=lambda e: (e.start, e.end or e.start, e.id)))
        object.__setattr__(self, "events", ordered)
        # Filled in here, where the ids were checked; not a field, so two
        # equal programs compare equal.
        self.__dict__["events_by_id"] = by_id

    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}  # never reached: __post_init__ fills it

    @property
    def zone(self) -> ZoneInfo:
        # Asked for on every painted block and table cell. ZoneInfo keeps the
        # zones it made (0.1 µs).
        return ZoneInfo(self.timezone)

    def local(self, moment: datetime) -> datetime:
        """The moment as a wall-clock time in the conference's zone."""
        return moment.astimezone(self.zone)

    @property
    def days(self) -> list[date]:
        """Every day from the first to the last, inclusive."""
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]

    def events_on(self, day: date) -> list[Event]:
        """The events that start on *day*, in the conference's zone."""
        return [e for e in self.events if self.local(e.start).date() == day]

    def event(self, event_id: str) -> Event | None:
        return self.events_by_id.get(event_id)

    @property
    def rooms(self) -> list[str]:
        """The rooms that have items, in the programme's own order (see room_list)."""
        used = {e.room for e in self.events}
        return [room for room in self.room_list if room in used]

    @property
    def tracks(self) -> list[str]:
        """The tracks that have items, in the programme's own order (for a track filter)."""
        used = {e.track for e in self.events}
        return [track.name for track in self.track_list if track.name in used]

    @property
    def track_colours(self) -> dict[str, str]:
        """``{track: '#rrggbb'}`` for the tracks the programme file gives a colour."""
        return {t.name: t.color for t in self.track_list if t.color is not None}

    def track_color(self, name: str) -> str | None:
        """The '#rrggbb' colour the programme file gives track *name*, if any."""
        for track in self.track_list:
            if track.name == name:
                return track.color
        return None


def trusted_conference(data: Mapping[str, Any]) -> Conference:
    """A conference from the data of one this app checked before, without pydantic.

    For the bundled programme and the library's stored copies: *data* is a
    conference as pydantic writes it (JSON: times as ISO 8601 text) or as
    TOML reads it (times as datetimes). Only ``__post_init__`` runs (order,
    duplicates, days); a test checks that pydantic accepts the bundled
    programme and makes the same conference of it.
    """
    fields = dict(data)
    fields["first_day"] = _as_date(fields["first_day"])
    fields["last_day"] = _as_date(fields["last_day"])
    fields["events"] = tuple(_trusted_event(e) for e in fields.get("events", ()))
    fields["room_list"] = tuple(fields.get("room_list", ()))
    fields["track_list"] = tuple(Track(**t) for t in fields.get("track_list", ()))
    return Conference(**fields)


def _trusted_event(data: Mapping[str, Any]) -> Event:
    fields = dict(data)
    fields["kind"] = Kind(fields["kind"])
    fields["start"] = _as_datetime(fields["start"])
    if fields.get("end") is not None:
        fields["end"] = _as_datetime(fields["end"])
    fields["speakers"] = tuple(fields.get("speakers", ()))
    fields["links"] = tuple(Link(**link) for link in fields.get("links", ()))
    return Event(**fields)


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_datetime(value: datetime | str) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone called *name*, or None for any name that is not one.

    ZoneInfo raises more than ZoneInfoNotFoundError: IsADirectoryError for
    "Europe", OSError (name too long) for a 300-character name, ValueError
    for "../x". Every caller that checks a zone from outside goes through here.
    """
    if not name or len(name) > MAX_ZONE_NAME_LENGTH or "\x00" in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def shorten(text: str, limit: int = 60) -> str:
    """*text* cut to *limit* characters for an error message (a hostile file's
    300-character zone name must not become a 300-character error line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_web_url(value: str) -> bool:
    """An http(s) address with no space or control character in it."""
    return bool(_WEB_URL_RE.fullmatch(value))


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def check_year(value: date) -> None:
    """Raise ValueError if *value* (a date or datetime) is outside the plausible years."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"year {value.year} is not plausible (between {EARLIEST_YEAR} and {LATEST_YEAR})"
        )
