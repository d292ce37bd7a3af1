"""The programs the user opened recently, newest first (no Qt here).

Stored as ``recent-programs.json`` in the data folder with a format version,
written atomically. A file from a newer version of the app is left alone; a
file that does not parse is kept aside as ``.corrupt`` before a new one is
written. Either way :attr:`RecentPrograms.problem` says what happened.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from geodl_app import paths
from geodl_app.savefile import write_atomic

FILE_NAME = "recent-programs.json"
FORMAT_VERSION = 1
MAX_ENTRIES = 10


@dataclass(frozen=True)
class RecentProgram:
    path: Path
    name: str
    opened: datetime


class RecentPrograms:
    """The list, loaded once from *folder* (default: the user's data folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = (folder or paths.data_dir()) / FILE_NAME
        self.problem: str | None = None
        self._read_only = False
        self._corrupt = False
        self.entries: list[RecentProgram] = self._load()

    def _load(self) -> list[RecentProgram]:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            self._corrupt = True
            self.problem = f"{self.file}: unreadable; it will be kept as {self.file.name}.corrupt"
            return []
        version = raw.get("version") if isinstance(raw, dict) else None
        if isinstance(version, int) and version > FORMAT_VERSION:
            self._read_only = True
            self.problem = f"{self.file}: written by a newer version of the app; left unchanged"
            return []
        if version != FORMAT_VERSION or not isinstance(raw.get("programs"), list):
            self._corrupt = True
            self.problem = (
                f"{self.file}: not understood; it will be kept as {self.file.name}.corrupt"
            )
            return []
        entries = []
        for item in raw["programs"]:
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
        if self._read_only:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        if self._corrupt and self.file.exists():
            os.replace(self.file, self.file.with_name(self.file.name + ".corrupt"))
            self._corrupt = False
        document = {
            "version": FORMAT_VERSION,
            "programs": [
                {"path": str(e.path), "name": e.name, "opened": e.opened.isoformat()}
                for e in self.entries
            ],
        }
        write_atomic(self.file, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
