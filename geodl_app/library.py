"""The conference library: every programme the user opened, kept in the data folder (no Qt).

``library/index.json`` lists the entries (versioned, written atomically): each
with its source (an absolute file path or a URL; none for the bundled GDL 2024
programme, which is always there and cannot be removed), when it was fetched
and last changed, the source's version string, its HTTP validators (ETag,
Last-Modified) and a digest of the bytes last read. Each programme is kept as
``library/<id>.programme.json``, the model's own JSON dump, so that it reloads
without pydantic (much faster than parsing the source again)
and keeps every field the model has. ``library/<id>.changes.json`` records the
changes of every update, until the user acknowledges them.

An entry's id is the conference id of its first version (so the plan kept
for it before the library existed is found again), made unique with ``-2``,
``-3`` if another source gave the same id; the stored copy carries that id,
so every plan is keyed by the entry.

An update reads the source again (a file, or a URL with a conditional
request), parses it like any programme, matches its items to the stored
version (:mod:`geodl_app.changes`), re-keys the plan's stars and notes, and
replaces the copy. When anything fails before that, nothing in the library or
the plan has changed. Once decided, an update is written down as a journal
(``library/<id>.update.json``) before anything is changed, and finished from
it by whichever process next opens the library if this one is killed midway:
at no moment does a star end up on the wrong item, and none is re-keyed twice.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geodl_app import paths
from geodl_app.changes import ItemChange, compare, merge_pending, plan_id, plan_renames
from geodl_app.errors import ProgramError
from geodl_app.library_files import (
    CHANGES_FILE,
    INDEX_FILE,
    JOURNAL_FILE,
    ChangeLog,
    Entry,
    Index,
    UpdateJournal,
    UpdateRecord,
    read_stored,
    write_stored,
)
from geodl_app.library_sources import (
    Fetcher,
    LibraryError,
    Obtained,
    digest,
    normalise_source,
    obtain,
    source_version,
)
from geodl_app.model import Conference
from geodl_app.program import BUNDLED_ID, load_bundled, parse_program
from geodl_app.savefile import (
    CannotWrite,
    fsync_folder,
    read_versioned,
    write_versioned,
)

if TYPE_CHECKING:
    from geodl_app.bookmarks import BookmarkStore, Plan

FOLDER_NAME = "library"
INDEX_NAME = "index.json"
LOCK_TIMEOUT_S = 30.0
JOURNAL_SUFFIX = ".update.json"
# The end of the message of an update decided but not finished (a plan that
# could not be written): the next opening of the library finishes it.
UNFINISHED = "the update will be finished when the library is next opened"
NEW_COPY_SUFFIX = ".programme.json.new"


@dataclass(frozen=True)
class UpdateResult:
    """What an add or update did: *status* is "added", "updated", "unchanged"."""

    entry: Entry
    status: str
    conference: Conference
    changes: tuple[ItemChange, ...] = ()
    starred_changed: int = 0

    @property
    def changed(self) -> int:
        return sum(1 for c in self.changes if c.kinds)

    def summary(self) -> str:
        """ "FOSDEM 2026 updated: 3 of your starred items changed" (or "no changes")."""
        name = self.entry.name
        if self.status == "added":
            return f"{name} added to the library ({self.entry.items} items)"
        if not self.changed:
            return f"{name} updated: no changes"
        if not self.starred_changed:
            items = f"{self.changed} item{'s' if self.changed != 1 else ''}"
            return f"{name} updated: {items} changed, none of your starred ones"
        # "1 of your starred items changed": one of several, so always plural.
        return f"{name} updated: {self.starred_changed} of your starred items changed"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Library:
    """The library in *folder* (default: ``library`` in the user's data folder).

    Plans live beside it in the data folder, as they always have.
    """

    def __init__(self, data_folder: Path | None = None) -> None:
        self.data_folder = data_folder if data_folder is not None else paths.data_dir()
        self.folder = self.data_folder / FOLDER_NAME
        self.index_path = self.folder / INDEX_NAME
        self.problem: str | None = None
        self._read_only = False
        self._migrating = False
        self._lock: Any = None  # a filelock.FileLock, made on the first change
        self._index: Index | None = None

    # ------------------------------------------------------------ reading

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = self._read_index()
        return self._index

    def _read_index(self) -> Index:
        try:
            result = read_versioned(self.index_path, INDEX_FILE)
        except (OSError, CannotWrite) as error:
            # Shown as it is; nothing is written over a file that cannot be read.
            self._read_only = True
            self.problem = f"{self.index_path}: cannot be read ({_first_line(error)})"
            return Index()
        if result.problem is not None:
            self.problem = str(result.problem)
        return result.value or Index()

    def exists(self) -> bool:
        return self.index_path.exists()

    def entries(self) -> list[Entry]:
        """The bundled programme first, then the entries in the order they were added."""
        return [self.bundled_entry(), *self.index.entries]

    def bundled_entry(self) -> Entry:
        return _bundled_entry()

    def entry(self, entry_id: str) -> Entry:
        if entry_id == BUNDLED_ID:
            return self.bundled_entry()
        for entry in self.index.entries:
            if entry.id == entry_id:
                return entry
        known = ", ".join(e.id for e in self.entries())
        raise LibraryError(f"no conference {entry_id!r} in the library (it holds {known})")

    def find_source(self, source: str) -> Entry | None:
        wanted = normalise_source(source)
        return next((e for e in self.index.entries if e.source == wanted), None)

    def current_id(self) -> str:
        """The conference open last (the bundled one when none was, or it was removed)."""
        current = self.index.current
        if current and any(e.id == current for e in self.index.entries):
            return current
        return BUNDLED_ID

    def programme_path(self, entry_id: str) -> Path:
        return self.folder / f"{_file_stem(entry_id)}.programme.json"

    def changes_path(self, entry_id: str) -> Path:
        return self.folder / f"{_file_stem(entry_id)}.changes.json"

    def load(self, entry_id: str) -> Conference:
        """The stored copy of *entry_id* (the bundled programme from the package)."""
        if entry_id == BUNDLED_ID:
            return load_bundled()
        self._settle(entry_id)
        self.entry(entry_id)
        return read_stored(self.programme_path(entry_id))

    # ------------------------------------------------------------ writing

    def _save_index(self, index: Index) -> None:
        if self._read_only:
            raise LibraryError(self.problem or f"{self.index_path}: cannot be written")
        self.folder.mkdir(parents=True, exist_ok=True)
        write_versioned(self.index_path, INDEX_FILE, index)
        self._index = index

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the library's lock, with the index read afresh (another window, a
        command or a worker thread may have changed it since it was last read)."""
        import filelock

        if self._lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = filelock.FileLock(f"{self.index_path}.lock", timeout=LOCK_TIMEOUT_S)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise LibraryError(
                f"{self.index_path}: another program has held the lock for "
                f"{LOCK_TIMEOUT_S:.0f} s; try again later"
            ) from None
        try:
            if self._lock.lock_counter == 1:
                self._index = None
                self._recover()
                if not self._migrating and not self.exists():
                    # The first change of all: the Open Recent list comes in first.
                    self.migrate_recent()
            yield
        finally:
            self._lock.release()

    def _put(self, entry: Entry, *, current: str | None = None) -> None:
        with self._locked():
            self._put_locked(entry, current=current)

    def _put_locked(self, entry: Entry, *, current: str | None = None) -> None:
        entries = [e for e in self.index.entries if e.id != entry.id]
        position = next(
            (i for i, e in enumerate(self.index.entries) if e.id == entry.id), len(entries)
        )
        entries.insert(position, entry)
        update: dict[str, Any] = {"entries": tuple(entries)}
        if current is not None:
            update["current"] = current
        self._save_index(replace(self.index, **update))

    def set_current(self, entry_id: str) -> None:
        """Remember *entry_id* as the conference open last."""
        if self._read_only or (entry_id == BUNDLED_ID and not self.exists()):
            return  # the bundled programme is what opens when nothing was chosen
        with self._locked():
            if self.index.current == entry_id and self.exists():
                return
            if entry_id != BUNDLED_ID:
                entry = self.entry(entry_id)
                self._put_locked(replace(entry, opened=_now()), current=entry_id)
            else:
                self._save_index(replace(self.index, current=entry_id))

    def add(
        self,
        source: str,
        *,
        timezone: str | None = None,
        fetcher: Fetcher | None = None,
        conference: Conference | None = None,
    ) -> UpdateResult:
        """Add the programme at *source*, or update the entry that has that source.

        *conference* is the programme already read from *source* (File → Open),
        to save reading it twice.
        """
        existing = self.find_source(source)
        if existing is not None:
            return self.update(existing.id, fetcher=fetcher, timezone=timezone)
        wanted = normalise_source(source)
        got = obtain(wanted, None, fetcher)
        data = got.data
        if data is None:  # "not modified" to a request that named no version
            raise LibraryError(f"{wanted}: the server sent no programme (304 Not Modified)")
        if conference is None:
            conference = parse_program(data, source=wanted, timezone=timezone)
        with self._locked():
            return self._add_locked(wanted, got, conference, timezone)

    def _add_locked(
        self, wanted: str, got: Obtained, conference: Conference, timezone: str | None
    ) -> UpdateResult:
        data = got.data
        assert data is not None
        existing = self.find_source(wanted)
        if existing is not None:  # taken in from the Open Recent list just now
            return UpdateResult(entry=existing, status="added", conference=self.load(existing.id))
        entry_id = self._free_id(conference.id)
        conference = replace(conference, id=entry_id)
        now = _now()
        entry = Entry(
            id=entry_id,
            name=conference.name,
            first_day=conference.first_day,
            last_day=conference.last_day,
            items=len(conference.events),
            source=wanted,
            timezone=timezone,
            added=now,
            fetched=now,
            updated=now,
            version=source_version(data),
            etag=got.etag,
            last_modified=got.last_modified,
            digest=digest(data),
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        write_stored(self.programme_path(entry_id), conference)
        self._put_locked(entry)
        return UpdateResult(entry=entry, status="added", conference=conference)

    def _free_id(self, wanted: str) -> str:
        taken = {e.id for e in self.entries()}
        if wanted not in taken:
            return wanted
        n = 2
        while f"{wanted[:190]}-{n}" in taken:
            n += 1
        return f"{wanted[:190]}-{n}"

    def update(
        self,
        entry_id: str,
        *,
        source: str | None = None,
        fetcher: Fetcher | None = None,
        timezone: str | None = None,
    ) -> UpdateResult:
        """Read the entry's source (or *source*, which becomes its source) again.

        The source is fetched and parsed first, without the lock; then, under
        it, the new version is compared with the stored copy as it is then and
        the update is made through a journal (:class:`UpdateJournal`): the new
        copy is written under a temporary name, the journal is written (from
        then on the update will happen, even if this process is killed), and
        its steps are done (:meth:`_complete`). Before the journal nothing has
        changed; after it, any opening of the library finishes the job.
        """
        entry = self.entry(entry_id)
        if entry.bundled:
            raise LibraryError(
                f"{entry.id}: the bundled programme comes with the app and has no source "
                "to update from"
            )
        wanted = entry.source if source is None else normalise_source(source)
        assert wanted is not None
        same_source = wanted == entry.source
        got = obtain(wanted, (entry.etag, entry.last_modified) if same_source else None, fetcher)
        zone = timezone or entry.timezone
        new: Conference | None = None
        if got.data is not None and not (same_source and digest(got.data) == entry.digest):
            new = replace(parse_program(got.data, source=wanted, timezone=zone), id=entry.id)
        with self._locked():
            entry = self.entry(entry_id)  # as it is now (another process may have updated it)
            now = _now()
            if new is None or got.data is None or digest(got.data) == entry.digest:
                same = got.data is None or digest(got.data) == entry.digest
                entry = replace(
                    entry,
                    source=wanted if got.data is not None and same else entry.source,
                    fetched=now,
                    etag=(got.etag or entry.etag) if same else entry.etag,
                    last_modified=(got.last_modified or entry.last_modified)
                    if same
                    else entry.last_modified,
                )
                self._put_locked(entry)
                return UpdateResult(entry=entry, status="unchanged", conference=self.load(entry.id))
            records = tuple(compare(self.load(entry.id), new))
            entry = replace(
                entry,
                name=new.name,
                first_day=new.first_day,
                last_day=new.last_day,
                items=len(new.events),
                source=wanted,
                timezone=zone,
                fetched=now,
                updated=now if records else entry.updated,
                version=source_version(got.data),
                etag=got.etag,
                last_modified=got.last_modified,
                digest=digest(got.data),
            )
            journal = UpdateJournal(
                token=os.urandom(16).hex(),
                entry=entry,
                renamed=plan_renames(records),
                record=UpdateRecord(at=now, changes=records) if records else None,
            )
            write_stored(self._new_copy_path(entry.id), new)
            write_versioned(self.journal_path(entry.id), JOURNAL_FILE, journal)  # decided
            try:
                starred = self._complete(journal)
            except LibraryError as error:
                from geodl_app import plan_rekey

                if journal.renamed and plan_rekey.has(self._plan_store(entry.id), journal.token):
                    raise LibraryError(f"{error}; {UNFINISHED}") from None
                self._discard(entry.id)  # the plan was not touched: as if never begun
                raise LibraryError(f"{error}; the programme was not updated") from None
        starred_changed = sum(1 for r in records if r.kinds and plan_id(r, new) in starred)
        return UpdateResult(
            entry=entry,
            status="updated",
            conference=new,
            changes=records,
            starred_changed=starred_changed,
        )

    # ------------------------------------------------------------ journal

    def journal_path(self, entry_id: str) -> Path:
        return self.folder / f"{_file_stem(entry_id)}{JOURNAL_SUFFIX}"

    def _new_copy_path(self, entry_id: str) -> Path:
        return self.folder / f"{_file_stem(entry_id)}{NEW_COPY_SUFFIX}"

    def _complete(self, journal: UpdateJournal) -> set[str]:
        """Do what *journal* says, each step safe to do again; the starred ids after.

        With the library's lock held. The plan comes first: until it is done,
        the stored copy is still the old one, which the plan still fits.
        """
        from geodl_app import plan_rekey
        from geodl_app.bookmarks import PlanError

        entry = journal.entry
        store = self._plan_store(entry.id)
        try:
            if journal.renamed:
                store.rekey(journal.token, journal.renamed)
        except PlanError as error:
            raise LibraryError(str(error)) from None
        if journal.record is not None:
            log = self.change_log(entry.id)
            last = log.updates[-1] if log.updates else None
            if last is None or replace(last, acknowledged=False) != journal.record:
                self._save_log(entry.id, replace(log, updates=(*log.updates, journal.record)))
        new_copy = self._new_copy_path(entry.id)
        if new_copy.exists():
            os.replace(new_copy, self.programme_path(entry.id))
        if any(e.id == entry.id for e in self.index.entries):
            self._put_locked(entry)
        self.journal_path(entry.id).unlink()
        fsync_folder(self.folder)
        if journal.renamed:
            with contextlib.suppress(PlanError):
                plan_rekey.finish(store, journal.token)
        return store.starred_ids()

    def _plan_store(self, entry_id: str) -> BookmarkStore:
        from geodl_app.bookmarks import BookmarkStore, PlanError

        try:
            return BookmarkStore(entry_id, folder=self.data_folder)
        except PlanError as error:
            raise LibraryError(str(error)) from None

    def _discard(self, entry_id: str) -> None:
        for path in (self.journal_path(entry_id), self._new_copy_path(entry_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        fsync_folder(self.folder)

    def _recover(self) -> None:
        """Finish every update a killed process left decided (with the lock held);
        remove the new copies of those it left undecided."""
        if self._read_only or not self.folder.is_dir():
            return
        # The library's files are written under this lock: a temporary file
        # seen now was left by a process killed while writing one.
        for leftover in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        for path in sorted(self.folder.glob(f"*{JOURNAL_SUFFIX}")):
            try:
                found = read_versioned(path, JOURNAL_FILE)
            except (OSError, CannotWrite) as error:
                self.problem = f"{path}: cannot be read ({_first_line(error)})"
                continue
            if found.value is None:  # damaged, kept aside by the versioned-file policy
                self.problem = str(found.problem)
                stem = path.name.removesuffix(JOURNAL_SUFFIX)
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / f"{stem}{NEW_COPY_SUFFIX}").unlink()
                continue
            try:
                self._complete(found.value)
            except (LibraryError, OSError) as error:
                self.problem = f"An update could not be finished yet: {_first_line(error)}"
        for leftover in self.folder.glob(f"*{NEW_COPY_SUFFIX}"):
            stem = leftover.name.removesuffix(NEW_COPY_SUFFIX)
            if not (self.folder / f"{stem}{JOURNAL_SUFFIX}").exists():
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
        # A plan's re-key record outlives its journal only if the process was
        # killed between removing the one and the other: it is done with. (Only
        # an update, under this lock, makes one, and removes it after its journal.)
        for record in self.data_folder.glob("plan-*.json.rekey"):
            stem = record.name.removeprefix("plan-").removesuffix(".json.rekey")
            if not (self.folder / f"{stem}{JOURNAL_SUFFIX}").exists():
                with contextlib.suppress(FileNotFoundError):
                    record.unlink()

    def _settle(self, entry_id: str) -> None:
        """Finish an update of *entry_id* that a killed process left midway, if any."""
        if self._read_only or (self._lock is not None and self._lock.is_locked):
            return
        rekey = self.data_folder / f"plan-{_file_stem(entry_id)}.json.rekey"
        if any(
            p.exists() for p in (self.journal_path(entry_id), self._new_copy_path(entry_id), rekey)
        ):
            try:
                with self._locked():
                    pass  # taking the lock finishes it
            except LibraryError as error:
                self.problem = str(error)

    def remove(self, entry_id: str, *, keep_plan: bool) -> Path | None:
        """Take *entry_id* out of the library; without *keep_plan* its plan is set aside.

        Returns where the plan was kept aside, if it was.
        """
        entry = self.entry(entry_id)
        if entry.bundled:
            raise LibraryError(f"{entry_id}: the bundled programme cannot be removed")
        kept: Path | None = None
        if not keep_plan:
            from geodl_app.bookmarks import plan_file_name

            plan = self.data_folder / plan_file_name(entry_id)
            if plan.exists():
                kept = plan.with_name(f"{plan.name}.removed-{_stamp()}")
                os.replace(plan, kept)
        with self._locked():
            entries = tuple(e for e in self.index.entries if e.id != entry_id)
            current = None if self.index.current == entry_id else self.index.current
            self._save_index(replace(self.index, entries=entries, current=current))
        for path in (self.programme_path(entry_id), self.changes_path(entry_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return kept

    # ------------------------------------------------------------ changes

    def change_log(self, entry_id: str) -> ChangeLog:
        path = self.changes_path(entry_id)
        try:
            result = read_versioned(path, CHANGES_FILE)
        except (OSError, CannotWrite) as error:
            raise LibraryError(f"{path}: cannot be read ({_first_line(error)})") from None
        if result.problem is not None:
            self.problem = str(result.problem)
        return result.value or ChangeLog()

    def _save_log(self, entry_id: str, log: ChangeLog) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_versioned(self.changes_path(entry_id), CHANGES_FILE, log)

    def pending_changes(self, entry_id: str) -> list[ItemChange]:
        """The changes not yet acknowledged, one per item, merged across updates."""
        if entry_id == BUNDLED_ID:
            return []
        self._settle(entry_id)
        log = self.change_log(entry_id)
        return merge_pending(u.changes for u in log.updates if not u.acknowledged)

    def gone_items(self, entry_id: str) -> dict[str, str]:
        """Items updates took out of the programme, as last known: id -> a description."""
        from geodl_app.changes import when

        if entry_id == BUNDLED_ID:
            return {}
        self._settle(entry_id)
        if not self.changes_path(entry_id).exists():
            return {}
        try:
            log = self.change_log(entry_id)
            conference = self.load(entry_id)
        except (LibraryError, ProgramError):
            return {}
        gone: dict[str, str] = {}
        for update in log.updates:
            for change in update.changes:
                if change.new_id is None and change.old_id and change.before is not None:
                    before = change.before
                    room = f", {before.room}" if before.room else ""
                    gone[plan_id(change, conference)] = (
                        f"{before.title} (was {when(before, conference.zone)}{room})"
                    )
        return gone

    def acknowledge(self, entry_id: str) -> None:
        """Mark every change of *entry_id* seen."""
        if entry_id == BUNDLED_ID:
            return
        with self._locked():
            log = self.change_log(entry_id)
            if all(u.acknowledged for u in log.updates):
                return
            updates = tuple(replace(u, acknowledged=True) for u in log.updates)
            self._save_log(entry_id, replace(log, updates=updates))

    # ----------------------------------------------------------- migration

    def migrate_recent(self) -> list[str]:
        """On first start, make library entries of the "Open Recent" list.

        Only when there is no index yet; the recent list itself is left as it
        is (nothing lost). Returns one line per file that could not be taken.
        """
        if self.exists() or self._read_only:
            return []
        from geodl_app.recent import RecentPrograms

        problems: list[str] = []
        recent = RecentPrograms(self.data_folder)
        if not recent.entries:
            return []  # nothing to take: no index is written either
        self._migrating = True
        try:
            for item in reversed(recent.entries):  # oldest first: ids as first taken
                try:
                    if self.find_source(str(item.path)) is None:
                        self.add(str(item.path))
                except (ProgramError, LibraryError, OSError) as error:
                    problems.append(f"{item.path}: not taken into the library ({error})")
            if not self.exists():
                with self._locked():
                    self._save_index(self.index)
        finally:
            self._migrating = False
        return problems


@functools.cache
def _bundled_entry() -> Entry:
    conference = load_bundled()
    return Entry(
        id=conference.id,
        name=conference.name,
        first_day=conference.first_day,
        last_day=conference.last_day,
        items=len(conference.events),
    )


def split_by_date(entries: Sequence[Entry], today: date) -> tuple[list[Entry], list[Entry]]:
    """(upcoming and running, past): the soonest first, then the most recent first."""
    upcoming = sorted((e for e in entries if e.last_day >= today), key=lambda e: e.first_day)
    past = sorted((e for e in entries if e.last_day < today), key=lambda e: e.first_day)
    return upcoming, past[::-1]


def rekey_plan(plan: Plan, renamed: dict[str, str]) -> Plan:
    """*plan* with stars, notes and reminder choices moved from old ids to new ones."""
    from geodl_app.plan_rekey import rekeyed

    result: Plan = rekeyed(plan, renamed)
    return result


def _file_stem(entry_id: str) -> str:
    # Short and safe whatever the id (200 characters of "/" are 600 of "%2F").
    return paths.conference_file_stem(entry_id)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _first_line(error: Exception) -> str:
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__
