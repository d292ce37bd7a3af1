"""The attendee's preferences, kept in ``settings.json`` in the data folder (no Qt).

The file is small, versioned JSON, written atomically::

    {
      "format": "geodl-app-settings",
      "version": 1,
      "reminders": true,
      "reminder_lead_minutes": 5,
      "keep_running_in_tray": false,
      "update_automatically": false,
      "times_in": "conference",
      "open_on_now_and_next": false
    }

A file that does not parse, holds a value out of range, or was written by a
newer version of the app is never overwritten: it is renamed out of the way
(``settings.json.unreadable-<time>`` or ``settings.json.newer-<time>``), the
defaults are used and :attr:`Loaded.problem` says so in one line. Keys this
version does not know are ignored, so a setting added later does not make an
older app throw the file away.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from geodl_app import paths
from geodl_app.checked import Check
from geodl_app.savefile import (
    CannotWrite,
    Unusable,
    VersionedFormat,
    read_versioned,
    write_versioned,
)

FILE_NAME = "settings.json"
FORMAT_NAME = "geodl-app-settings"
FORMAT_VERSION = 1
MIN_LEAD_MINUTES = 0
MAX_LEAD_MINUTES = 240

TimesIn = Literal["conference", "computer"]


def _lead_in_range(minutes: int) -> int:
    if not MIN_LEAD_MINUTES <= minutes <= MAX_LEAD_MINUTES:
        raise ValueError(f"must be from {MIN_LEAD_MINUTES} to {MAX_LEAD_MINUTES} minutes")
    return minutes


def _exactly(kind: type) -> Check:
    """A value of exactly *kind* as JSON writes it: "true" is not a yes, 5.0 is
    not five minutes (pydantic's strict mode would refuse the file's dict too)."""

    def check(value: object) -> object:
        if type(value) is not kind:
            raise ValueError(f"must be {'true or false' if kind is bool else 'a whole number'}")
        return value

    return Check(before=check)


Switch = Annotated[bool, _exactly(bool)]


@dataclass(frozen=True, slots=True)
class Settings:
    """Every preference, each with the default a first start uses.

    A plain dataclass: a first start has no settings file, and reads none
    without pydantic. A file is checked by :func:`_parse`.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "ignore"}

    reminders: Switch = True
    reminder_lead_minutes: Annotated[int, _exactly(int), Check(after=_lead_in_range)] = 5
    keep_running_in_tray: Switch = False
    # Read by the conference library: fetch a newer programme when the app starts.
    update_automatically: Switch = False
    # "conference": times in the conference's own zone; "computer": this computer's.
    times_in: TimesIn = "conference"
    open_on_now_and_next: Switch = False

    def to_json(self) -> str:
        payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **asdict(self)}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


class Loaded(NamedTuple):
    settings: Settings
    problem: str | None = None  # one line for the user when the file was set aside


def settings_path() -> Path:
    return paths.data_dir() / FILE_NAME


def _parse(raw: dict[str, Any]) -> Settings:
    values = {k: v for k, v in raw.items() if k not in ("format", "version")}
    try:
        return _checked(values)
    except ValueError as error:
        raise Unusable(f"has a bad value ({error})") from None


def _trusted(raw: dict[str, Any]) -> Settings:
    """The settings of a file whose exact bytes were checked or written before."""
    return Settings(**{name: raw[name] for name in Settings.__dataclass_fields__ if name in raw})


FORMAT = VersionedFormat(
    version=FORMAT_VERSION,
    parse=_parse,
    trusted=_trusted,
    dump=lambda settings: settings.to_json().encode("utf-8"),
    name=FORMAT_NAME,
    what="settings file",
)


def load(path: Path | None = None, *, set_aside: bool = True) -> Loaded:
    """The saved settings, or the defaults (with *problem* set when the file was unusable).

    An unusable file is renamed out of the way unless *set_aside* is false (a
    run that must not write, like the smoke test, leaves it where it is).
    """
    path = path or settings_path()
    try:
        found = read_versioned(path, FORMAT, may_write=set_aside)
    except OSError as error:
        return Loaded(Settings(), f"{path}: cannot be read ({error.strerror or error})")
    except CannotWrite as error:
        return Loaded(Settings(), f"{error}; the defaults are used")
    if found.problem is not None:
        return Loaded(Settings(), f"{found.problem} and the defaults are used")
    return Loaded(found.value or Settings())


def save(settings: Settings, path: Path | None = None) -> None:
    """Write *settings* atomically (raises OSError)."""
    write_versioned(path or settings_path(), FORMAT, settings)


def changed(settings: Settings, **values: Any) -> Settings:
    """A copy of *settings* with *values* replaced, validated (raises ValueError)."""
    return _checked({**asdict(settings), **values})


def _checked(values: dict[str, Any]) -> Settings:
    """Settings from *values*, checked by pydantic (raises ValueError: ``field: problem``)."""
    # Here, not at the top: a start with no settings file does not load pydantic.
    from geodl_app.validation import ValidationError, validate

    try:
        return validate(Settings, values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise ValueError(f"{where}: {first['msg']}") from None
