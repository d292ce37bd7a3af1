"""The library's files: the index, the change logs and the stored copies (no Qt).

What :mod:`geodl_app.library` reads and writes, and how: records as frozen
dataclasses checked by pydantic when read (geodl_app.validation), except
where their bytes were written or checked by this app before (the index,
read at every start) or are a programme this app checked before writing
(the stored copies), which are read without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from geodl_app.changes import ItemChange
from geodl_app.errors import ProgramError
from geodl_app.model import Conference, Id, Moment, OptionalMoment, trusted_conference
from geodl_app.savefile import VersionedFormat, write_atomic

INDEX_FORMAT = "geodl-app-library"
PROGRAMME_FORMAT = "geodl-app-programme"
CHANGES_FORMAT = "geodl-app-changes"
JOURNAL_FORMAT = "geodl-app-update-journal"
FORMAT_VERSION = 1

# The library's files are read back through pydantic (geodl_app.validation):
# a key this version does not know is a damaged or newer file.
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One conference in the library."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    id: Id
    name: str
    first_day: date
    last_day: date
    items: int
    source: str | None = None
    timezone: str | None = None
    added: OptionalMoment = None
    fetched: OptionalMoment = None
    updated: OptionalMoment = None
    opened: OptionalMoment = None
    version: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None

    @property
    def bundled(self) -> bool:
        return self.source is None

    def to_json(self) -> dict[str, Any]:
        """The shape of ``library --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "source": self.source,
            "updated": None if self.updated is None else self.updated.isoformat(),
            "items": self.items,
        }


@dataclass(frozen=True, slots=True)
class Index:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    format: str = INDEX_FORMAT
    version: int = FORMAT_VERSION
    current: str | None = None
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateRecord:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    at: Moment
    acknowledged: bool = False
    changes: tuple[ItemChange, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeLog:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    format: str = CHANGES_FORMAT
    version: int = FORMAT_VERSION
    updates: tuple[UpdateRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateJournal:
    """An update decided but perhaps not finished: ``library/<id>.update.json``.

    Written (atomically) once the new stored copy is ready under a temporary
    name; it names everything the update still has to do: re-key the plan
    (*renamed*, under *token*), add *record* to the change log, put the new
    copy in place and *entry* in the index. Each step can be done again
    without harm, so a process killed midway leaves a journal that the next
    opening of the library finishes.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    token: str
    entry: Entry
    renamed: dict[str, str] = field(default_factory=dict)
    record: UpdateRecord | None = None
    format: str = JOURNAL_FORMAT
    version: int = FORMAT_VERSION


def _dump(value: Index | ChangeLog | UpdateJournal) -> bytes:
    from geodl_app import validation  # see _checked_as

    return validation.to_json(value, indent=1) + b"\n"


T = TypeVar("T")


def _checked_as(kind: type[T]) -> Callable[[dict[str, Any]], T]:
    """A file's parser: its data checked by pydantic as a *kind*."""

    def parse(raw: dict[str, Any]) -> T:
        # Here, not at the top: a start that finds the index it wrote reads it
        # without pydantic (_trusted_index), and should not load it.
        from geodl_app.validation import validate

        return validate(kind, raw)

    return parse


def _trusted_index(raw: dict[str, Any]) -> Index:
    """The index of a document whose exact bytes this app wrote or checked before
    (savefile.was_checked), without pydantic: read at every start."""
    times = ("added", "fetched", "updated", "opened")
    entries = []
    for fields in raw["entries"]:
        entry = dict(fields)
        entry["first_day"] = date.fromisoformat(entry["first_day"])
        entry["last_day"] = date.fromisoformat(entry["last_day"])
        for name in times:
            if entry.get(name) is not None:
                entry[name] = datetime.fromisoformat(entry[name])
        entries.append(Entry(**entry))
    return Index(
        format=raw["format"], version=raw["version"], current=raw["current"], entries=tuple(entries)
    )


INDEX_FILE: VersionedFormat[Index] = VersionedFormat(
    version=FORMAT_VERSION,
    parse=_checked_as(Index),
    trusted=_trusted_index,
    dump=_dump,
    name=INDEX_FORMAT,
    what="library index",
)
CHANGES_FILE: VersionedFormat[ChangeLog] = VersionedFormat(
    version=FORMAT_VERSION,
    parse=_checked_as(ChangeLog),
    dump=_dump,
    name=CHANGES_FORMAT,
    what="change log",
)

JOURNAL_FILE: VersionedFormat[UpdateJournal] = VersionedFormat(
    version=FORMAT_VERSION,
    parse=_checked_as(UpdateJournal),
    dump=_dump,
    name=JOURNAL_FORMAT,
    what="update journal",
)


def read_stored(path: Path) -> Conference:
    """A stored copy; raises ProgramError with one line.

    Read without pydantic: the copy is what this app wrote after checking the
    programme (write_stored), so opening a big conference from the library
    does not wait for pydantic to be loaded and every item checked again. A
    copy that was damaged on disk still fails here, on its JSON or on the
    model's own rules (order, ids, days), with one line.
    """
    try:
        stored = json.loads(path.read_bytes())
        if stored.get("format") != PROGRAMME_FORMAT:
            raise ValueError("not a stored programme")
        if stored.get("version") != FORMAT_VERSION:
            # Written by a newer app: refused, not misread (the source can be read again).
            raise ValueError(f"version {stored.get('version')!r} is not {FORMAT_VERSION}")
        return trusted_conference(stored["conference"])
    except FileNotFoundError:
        raise ProgramError(str(path), "the library's copy is missing") from None
    except OSError as error:
        raise ProgramError(str(path), f"cannot be read ({error.strerror or error})") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise ProgramError(
            str(path), f"the library's copy is damaged ({_first_line(error)})"
        ) from None


def write_stored(path: Path, conference: Conference) -> None:
    """Write *conference* as a stored copy (the model's own JSON), atomically."""
    from geodl_app import validation  # see _checked_as

    body = validation.to_json(conference)
    head = f'{{"format":"{PROGRAMME_FORMAT}","version":{FORMAT_VERSION},"conference":'
    write_atomic(path, head.encode() + body + b"}\n")


def _first_line(error: Exception) -> str:
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__
