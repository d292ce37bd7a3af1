"""The plan's content: stars, notes, own appointments and reminder choices (no Qt).

:class:`Plan` and :class:`Appointment` are frozen dataclasses; a plan file's
data is checked by pydantic through :func:`validate_plan`, or, when its exact
bytes were written or checked before, built directly by :func:`trusted_plan`.
Older versions of the file are migrated by :data:`MIGRATIONS`. The file itself
(its name, lock, writes and set-asides) is :mod:`geodl_app.bookmarks`'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, ClassVar

from geodl_app.checked import Check
from geodl_app.model import Conference, Event, Id, Kind, Moment, is_valid_id

FORMAT_NAME = "geodl-app-plan"
FORMAT_VERSION = 3
APPOINTMENT_PREFIX = "appt-"


# ---------------------------------------------------------------------- data


def _at_most_500(value: str) -> str:
    if len(value) > 500:
        raise ValueError("must be at most 500 characters")
    return value


def _none_if_blank(value: str | None) -> str | None:
    return value or None


def _valid_unique_ids(value: tuple[str, ...]) -> tuple[str, ...]:
    for item in value:
        if not isinstance(item, str) or not _is_id(item):
            raise ValueError(f"{item!r} is not a valid id")
    return tuple(sorted(set(value)))


UniqueIds = Annotated[tuple[str, ...], Check(after=_valid_unique_ids)]


@dataclass(frozen=True, slots=True)
class Appointment:
    """One of the attendee's own appointments: a meeting, a train, ..."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "str_strip_whitespace": True,
    }

    id: Id
    title: Annotated[str, Check(min_length=1, after=_at_most_500)]
    # The same years as a program item's, so that to_event() cannot fail.
    start: Moment
    end: Moment
    place: Annotated[str | None, Check(after=_none_if_blank)] = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("the end must be after the start")

    @staticmethod
    def new_id() -> str:
        import uuid  # here: with platform, ~2 ms of every start, for a new appointment only

        return f"{APPOINTMENT_PREFIX}{uuid.uuid4().hex}"

    @classmethod
    def create(
        cls,
        title: str,
        start: datetime,
        end: datetime,
        place: str | None = None,
        note: str = "",
        *,
        appointment_id: str | None = None,
    ) -> Appointment:
        """A checked appointment, with a fresh id unless *appointment_id* is given
        (raises pydantic's ``ValidationError``)."""
        from geodl_app.validation import validate

        fields = {"title": title, "start": start, "end": end, "place": place, "note": note}
        return validate(cls, {"id": appointment_id or cls.new_id(), **fields})

    def to_event(self) -> Event:
        """The appointment as a :attr:`Kind.PERSONAL` event for the timetable."""
        return Event(
            id=self.id,
            kind=Kind.PERSONAL,
            title=self.title,
            start=self.start,
            end=self.end,
            room=self.place,
            abstract=self.note,
        )


@dataclass(frozen=True, slots=True)
class Plan:
    """The content of a plan file (the current format version)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    conference: Id
    format: str = FORMAT_NAME
    version: int = FORMAT_VERSION
    starred: UniqueIds = ()
    notes: dict[str, str] = field(default_factory=dict)
    appointments: tuple[Appointment, ...] = ()
    reminders_off: UniqueIds = ()

    def __post_init__(self) -> None:
        if self.format != FORMAT_NAME:
            raise ValueError(f"not a {FORMAT_NAME} file")
        if self.version != FORMAT_VERSION:
            raise ValueError(f"version {self.version} is not {FORMAT_VERSION}")
        seen: set[str] = set()
        for appointment in self.appointments:
            if appointment.id in seen:
                raise ValueError(f"duplicate appointment id {appointment.id!r}")
            seen.add(appointment.id)

    def __hash__(self) -> int:
        # Not kept in sets or dicts; the notes (a dict) make the field-wise hash fail.
        return hash((self.conference, self.starred, self.appointments, self.reminders_off))

    @property
    def starred_set(self) -> frozenset[str]:
        return frozenset(self.starred)

    def appointment(self, appointment_id: str) -> Appointment | None:
        return next((a for a in self.appointments if a.id == appointment_id), None)

    def note(self, item_id: str) -> str:
        """The note on a program item, or on an appointment."""
        appointment = self.appointment(item_id)
        if appointment is not None:
            return appointment.note
        return self.notes.get(item_id, "")

    def reminds(self, item_id: str) -> bool:
        """Whether the attendee wants a reminder before *item_id* (when it is planned)."""
        return item_id not in self.reminders_off

    def missing_stars(self, conference: Conference) -> list[str]:
        """Starred ids that are no longer in *conference*'s program."""
        return [i for i in self.starred if conference.event(i) is None]

    def starred_events(self, conference: Conference) -> list[Event]:
        """The starred items that are in the program, in program order."""
        starred = self.starred_set
        return [e for e in conference.events if e.id in starred]

    def appointment_events(self) -> list[Event]:
        """Own appointments as :attr:`Kind.PERSONAL` events, sorted by start."""
        return [a.to_event() for a in sorted(self.appointments, key=lambda a: (a.start, a.id))]

    def to_json(self) -> str:
        payload = {
            "format": self.format,
            "version": self.version,
            "conference": self.conference,
            "starred": list(self.starred),
            "notes": self.notes,
            "appointments": [
                {
                    "id": a.id,
                    "title": a.title,
                    "start": a.start.isoformat(),
                    "end": a.end.isoformat(),
                    "place": a.place,
                    "note": a.note,
                }
                for a in self.appointments
            ],
            "reminders_off": list(self.reminders_off),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def trusted_plan(raw: dict[str, Any]) -> Plan:
    """The plan of a current-version document whose exact bytes were checked or
    written by this app before (savefile.was_checked), built without pydantic."""
    appointments = tuple(
        Appointment(
            id=a["id"],
            title=a["title"],
            start=datetime.fromisoformat(a["start"]),
            end=datetime.fromisoformat(a["end"]),
            place=a.get("place"),
            note=a.get("note", ""),
        )
        for a in raw.get("appointments", ())
    )
    return Plan(
        conference=raw["conference"],
        format=raw["format"],
        version=raw["version"],
        starred=tuple(raw.get("starred", ())),
        notes=dict(raw.get("notes", {})),
        appointments=appointments,
        reminders_off=tuple(raw.get("reminders_off", ())),
    )


def trusted_plan_or_none(raw: dict[str, Any]) -> Plan | None:
    try:
        return trusted_plan(raw)
    except Exception:  # anything unexpected: the caller checks it properly
        return None


def validate_plan(data: Any) -> Plan:
    """A plan from a file's data, checked (raises pydantic's ``ValidationError``)."""
    # Here, not at the top: opening a window with no plan file yet must not load pydantic.
    from geodl_app.validation import validate

    return validate(Plan, data)


def _is_id(value: str) -> bool:
    return is_valid_id(value)


def empty_plan(conference_id: str) -> Plan:
    # Nothing to check but the id, which the conference's own model checked.
    if not _is_id(conference_id):
        raise ValueError(f"{conference_id!r} is not a valid conference id")
    return Plan(conference=conference_id)


# ------------------------------------------------------------------ migration


def _migrate_1_to_2(old: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept a note inside each star and knew no appointments.

    v1: ``{"version": 1, "conference_id": ID, "stars": [{"id": ID, "note": TEXT}]}``
    """
    stars = old.get("stars", [])
    if not isinstance(stars, list):
        raise ValueError("'stars' is not a list")
    starred: list[str] = []
    notes: dict[str, str] = {}
    for star in stars:
        if not isinstance(star, dict) or not isinstance(star.get("id"), str):
            raise ValueError("a star without an id")
        starred.append(star["id"])
        if star.get("note"):
            notes[star["id"]] = str(star["note"])
    return {
        "format": FORMAT_NAME,
        "version": 2,
        "conference": old.get("conference_id"),
        "starred": starred,
        "notes": notes,
        "appointments": [],
    }


def _migrate_2_to_3(old: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the items whose reminder is switched off (none at first)."""
    return {**old, "version": 3, "reminders_off": []}


# Each step takes the raw mapping of version N and returns that of version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
