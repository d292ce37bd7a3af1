"""The conference and its program, as plain validated data (no Qt here).

Every datetime is timezone-aware. Events keep the instant they were given; use
:meth:`Conference.local` to see one in the conference's own zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

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


def _clean_optional_line(value: str | None) -> str | None:
    return None if value is None else clean_line(value)


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


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


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


def _web_url(value: str) -> str:
    if not _WEB_URL_RE.fullmatch(value):
        raise ValueError("must be an http:// or https:// address")
    return value


class Link(_Frozen):
    """A reference the attendee may open in their browser."""

    title: str = Field(min_length=1)
    url: str

    @field_validator("title", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return clean_line(value) if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _link_url(cls, value: str) -> str:
        if not _LINK_URL_RE.fullmatch(value):
            raise ValueError("must be an http://, https:// or mailto: address")
        return value


class Track(_Frozen):
    """A track of the programme, with the colour its file gives it (if any)."""

    name: str = Field(min_length=1)
    color: str | None = Field(default=None, pattern=COLOR_PATTERN)

    @field_validator("color", mode="before")
    @classmethod
    def _lower_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("name", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        # As an event's track is cleaned, so that the two names still match.
        return clean_line(value) if isinstance(value, str) else value


class Event(_Frozen):
    """One item of the program: a talk, a break, a meal, a meeting, ..."""

    id: str = Field(pattern=ID_PATTERN)
    kind: Kind
    title: str = Field(min_length=1)
    speakers: tuple[str, ...] = ()
    start: AwareDatetime
    end: AwareDatetime | None = None
    room: str | None = None
    track: str | None = None
    abstract: str = ""
    links: tuple[Link, ...] = ()
    # The item's own page on the conference's site (Pentabarf/frab ``<url>``).
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _page_url(cls, value: str | None) -> str | None:
        return None if value is None else _web_url(value)

    @field_validator("title", "room", "track", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return clean_line(value) if isinstance(value, str) else value

    @field_validator("speakers", mode="before")
    @classmethod
    def _names_one_line(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(clean_line(v) if isinstance(v, str) else v for v in value)
        return value

    @field_validator("abstract", mode="before")
    @classmethod
    def _plain_paragraphs(cls, value: object) -> object:
        return clean_text(value) if isinstance(value, str) else value

    @field_validator("start", "end", mode="before")
    @classmethod
    def _no_bare_numbers(cls, value: object) -> object:
        # pydantic would read 12 as a Unix timestamp; in a program file a bare
        # number is always a mistake, never 1970.
        if isinstance(value, int | float):
            raise ValueError("must be a date and time with a UTC offset, not a number")
        return value

    @field_validator("start", "end")
    @classmethod
    def _plausible_year(cls, value: datetime | None) -> datetime | None:
        if value is not None:
            check_year(value)
        return value

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Event:
        # end == start is a zero-length item (a deadline, a photo call): it
        # keeps its end, and clashes with nothing.
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must not be before start")
        return self

    @property
    def duration(self) -> timedelta | None:
        return None if self.end is None else self.end - self.start

    @property
    def paragraphs(self) -> list[str]:
        """The abstract split into paragraphs (blank-line separated)."""
        return [p.strip() for p in re.split(r"\n\s*\n", self.abstract) if p.strip()]


class Conference(_Frozen):
    """A conference and its whole program."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    organiser: str | None = None
    city: str | None = None
    venue: str | None = None
    first_day: date
    last_day: date
    timezone: str
    events: tuple[Event, ...] = ()
    # The programme's own order of rooms (its room list, else the order rooms
    # first appear in the file): main halls first. Completed on validation
    # with any room of an event not listed, so it names every room.
    room_list: tuple[str, ...] = ()
    # The programme's tracks in its own order, with their colours where the
    # file gives them (schedule 2.0 does); completed like room_list.
    track_list: tuple[Track, ...] = ()

    @field_validator("name", "organiser", "city", "venue", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return clean_line(value) if isinstance(value, str) else value

    @field_validator("room_list", mode="before")
    @classmethod
    def _rooms_one_line(cls, value: object) -> object:
        # As an event's room is cleaned, so that the two names still match.
        if isinstance(value, list | tuple):
            return tuple(clean_line(v) if isinstance(v, str) else v for v in value)
        return value

    # Built with the conference (below), so that two equal programs compare
    # equal whichever of them has been looked into: pydantic compares private
    # attributes too, and a cache filled on first use made them differ.
    _by_id: dict[str, Event] = PrivateAttr(default_factory=dict)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if zone_named(value) is None:
            raise ValueError(f"unknown IANA time zone {shorten(value)!r}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Conference:
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
        self._by_id = by_id
        return self

    @property
    def zone(self) -> ZoneInfo:
        # Asked for on every painted block and table cell. ZoneInfo keeps the
        # zones it made (0.1 µs); a cache in a private attribute took 8 µs,
        # since pydantic looks those up through __getattr__.
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
    def events_by_id(self) -> dict[str, Event]:
        # The slot, not self._by_id: see zone above.
        # Never None here: the model declares private attributes.
        return self.__pydantic_private__["_by_id"]  # type: ignore[index]

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
