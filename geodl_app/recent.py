"""The programs the user opened recently, newest first (no Qt here).

Stored as ``recent-programs.json`` in the data folder with a format version,
written atomically. A file from a newer version of the app, or one that does
not parse, is set aside (never overwritten) by the versioned-file policy of
:mod:`geodl_app.savefile`, and :attr:`RecentPrograms.problem` says so.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geodl_app import paths
from geodl_app.savefile import (
    CannotWrite,
    Unusable,
    VersionedFormat,
    read_versioned,
    write_versioned,
)

FILE_NAME = "recent-programs.json"
FORMAT_VERSION = 1
MAX_ENTRIES = 10


@dataclass(frozen=True)
class RecentProgram:
    path: Path
    name: str
    opened: datetime


def _parse(raw: dict[str, Any]) -> list[RecentProgram]:
    programs = raw.get("programs")
    if not isinstance(programs, list):
        raise Unusable("is not a list of recent programs")
    entries = []
    for item in programs:
        try:
            entries.append(
                RecentProgram(
                    path=Path(item["path"]),
                    name=str(item["name"]),
                    opened=datetime.fromisoformat(item["opened"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue  # one bad entry does not cost the others
    return entries[:MAX_ENTRIES]


def _dump(entries: list[RecentProgram]) -> bytes:
    document = {
        "version": FORMAT_VERSION,
        "programs": [
            {"path": str(e.path), "name": e.name, "opened": e.opened.isoformat()} for e in entries
        ],
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


FORMAT = VersionedFormat(version=FORMAT_VERSION, parse=_parse, dump=_dump, what="recent list")


class RecentPrograms:
    """The list, loaded once from *folder* (default: the user's data folder).

    :attr:`problem` is one line for the user when the file could not be used
    (it was then set aside by :func:`geodl_app.savefile.read_versioned`).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.file = (folder or paths.data_dir()) / FILE_NAME
        self.problem: str | None = None
        self.entries: list[RecentProgram] = self._load()

    def _load(self) -> list[RecentProgram]:
        try:
            found = read_versioned(self.file, FORMAT)
        except OSError as error:
            self.problem = f"{self.file}: cannot be read ({error.strerror or error})"
            return []
        except CannotWrite as error:
            self.problem = str(error)
            return []
        if found.problem is not None:
            self.problem = f"{found.problem}; the list starts afresh"
        return found.value or []

    def remember(self, path: str | os.PathLike[str], name: str) -> None:
        """Put *path* first (once) and save."""
        resolved = Path(path).expanduser().resolve()
        rest = [e for e in self.entries if e.path != resolved]
        entry = RecentProgram(path=resolved, name=name, opened=datetime.now(UTC))
        self.entries = [entry, *rest][:MAX_ENTRIES]
        self._save()

    def forget(self, path: str | os.PathLike[str]) -> None:
        resolved = Path(path).expanduser().resolve()
        self.entries = [e for e in self.entries if e.path != resolved]
        self._save()

    def _save(self) -> None:
        write_versioned(self.file, FORMAT, self.entries)
