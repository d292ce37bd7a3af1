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
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from geodl_app import paths
from geodl_app.savefile import write_atomic

FILE_NAME = "settings.json"
FORMAT_NAME = "geodl-app-settings"
FORMAT_VERSION = 1
MIN_LEAD_MINUTES = 0
MAX_LEAD_MINUTES = 240

TimesIn = Literal["conference", "computer"]


class Settings(BaseModel):
    """Every preference, each with the default a first start uses."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)

    reminders: bool = True
    reminder_lead_minutes: int = Field(default=5, ge=MIN_LEAD_MINUTES, le=MAX_LEAD_MINUTES)
    keep_running_in_tray: bool = False
    # Read by the conference library: fetch a newer programme when the app starts.
    update_automatically: bool = False
    # "conference": times in the conference's own zone; "computer": this computer's.
    times_in: TimesIn = "conference"
    open_on_now_and_next: bool = False

    def to_json(self) -> str:
        payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **self.model_dump()}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    problem: str | None = None  # one line for the user when the file was set aside


def settings_path() -> Path:
    return paths.data_dir() / FILE_NAME


def load(path: Path | None = None, *, set_aside: bool = True) -> Loaded:
    """The saved settings, or the defaults (with *problem* set when the file was unusable).

    An unusable file is renamed out of the way unless *set_aside* is false (a
    run that must not write, like the smoke test, leaves it where it is).
    """
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded(Settings())
    except OSError as error:
        return Loaded(Settings(), f"{path}: cannot be read ({error.strerror or error})")

    def aside(label: str, reason: str) -> Loaded:
        kept = _set_aside(path, label).name if set_aside else None
        where = f"it was kept as {kept}" if kept else "it was left where it is"
        return Loaded(Settings(), f"{path}: {reason}; {where} and the defaults are used")

    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:  # JSON and UTF-8 errors are ValueErrors
        return aside("unreadable", f"does not parse ({_first_line(error)})")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        return aside("unreadable", f"is not a {FORMAT_NAME} file")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return aside("unreadable", "has no format version")
    if version > FORMAT_VERSION:
        return aside(
            "newer",
            f"was written by a newer version of the app (format {version}, "
            f"this app reads up to {FORMAT_VERSION})",
        )
    values = {k: v for k, v in raw.items() if k not in ("format", "version")}
    try:
        return Loaded(Settings.model_validate(values))
    except ValidationError as error:
        return aside("unreadable", f"has a bad value ({_describe(error)})")


def save(settings: Settings, path: Path | None = None) -> None:
    """Write *settings* atomically (raises OSError)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, settings.to_json().encode("utf-8"))


def changed(settings: Settings, **values: Any) -> Settings:
    """A copy of *settings* with *values* replaced, validated (raises ValueError)."""
    try:
        return Settings.model_validate({**settings.model_dump(), **values})
    except ValidationError as error:
        raise ValueError(_describe(error)) from None


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "file"
    return f"{where}: {first['msg']}"


def _first_line(error: Exception) -> str:
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__


def _set_aside(path: Path, label: str) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    os.replace(path, aside)
    return aside
