"""The attendee's plan for one conference: stars, notes and own appointments.

The plan lives in one JSON file per conference, ``plan-<conference id>.json`` in
:func:`geodl_app.paths.data_dir`; an id that is long or has characters not safe
in a file name is cut to 60 safe characters and given a short hash
(``plan-conf-2024-1a2b3c4d5e.json``), and a plan saved under the name earlier
versions gave it (``%2F`` for ``/``) is renamed when it is first opened.
The file looks like this (version 3)::

    {
      "format": "geodl-app-plan",
      "version": 3,
      "conference": "gdl2024-umea",
      "starred": ["talk-bokman", "talk-kessel"],
      "notes": {"talk-bokman": "ask about equivariance"},
      "appointments": [
        {"id": "appt-…", "title": "Train home", "start": "2024-06-13T15:00:00+02:00",
         "end": "2024-06-13T16:00:00+02:00", "place": "Umeå C", "note": ""}
      ],
      "reminders_off": ["talk-kessel"]
    }

``reminders_off`` names the planned items the attendee wants no reminder for.

Why it cannot lose the plan:

* Every write goes to a temporary file in the same folder, is flushed and
  fsynced, replaces the plan with ``os.replace`` and then the folder is fsynced.
* Every change is an operation applied under a lock (``plan-….json.lock``) to the
  file as it is on disk at that moment, so two windows or command-line calls
  never overwrite each other's changes.
* An older file is copied to ``plan-….json.v<N>-backup`` and migrated one
  version at a time. A file that does not parse, or that a newer version of
  the app wrote, is never overwritten: it is renamed to
  ``plan-….json.unreadable-<UTC time>`` or ``plan-….json.newer-<UTC time>``
  and reported as a :class:`PlanSetAside` in :attr:`BookmarkStore.problems`
  (the versioned-file policy of :mod:`geodl_app.savefile`).
* Stars whose item has left the program are kept; :meth:`Plan.missing_stars`
  names them so the views can show them apart; an update re-keys them
  (:mod:`geodl_app.plan_rekey`).
* A folder where nothing can be written (read-only, full) still shows the plan:
  it is read as it is, migrated in memory only, and a change is refused with a
  :class:`PlanError`. A store opened ``read_only`` (the smoke test) does the same.

What a plan holds (:class:`Plan`, :class:`Appointment`, the migrations) is in
:mod:`geodl_app.plan_data`; this module keeps the file.

No Qt here: the UI adapter (``geodl_app.ui.plan_store``) watches the folder and
calls :meth:`BookmarkStore.reload_if_changed`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, NamedTuple

from geodl_app import paths
from geodl_app.model import is_valid_id
from geodl_app.plan_data import (
    FORMAT_VERSION,
    MIGRATIONS,
    Appointment,
    Plan,
    empty_plan,
    trusted_plan,
    trusted_plan_or_none,
    validate_plan,
)
from geodl_app.savefile import (
    CannotWrite,
    Unusable,
    VersionedFormat,
    fsync_folder,
    mark_checked,
    read_versioned,
    was_checked,
    write_atomic,
)

# The plan's content lives in plan_data; its names are part of this module's interface.
__all__ = [
    "MIGRATIONS",
    "Appointment",
    "BookmarkStore",
    "Plan",
    "PlanError",
    "PlanSetAside",
    "empty_plan",
    "legacy_plan_file_name",
    "plan_file_name",
    "trusted_plan",
    "validate_plan",
]

# Long enough for a slow disk and a busy machine; short enough that a stuck
# process is reported rather than hanging a command forever.
LOCK_TIMEOUT_S = 30.0


class PlanError(Exception):
    """The plan cannot be read or written; ``str()`` is one line for the user."""


class _CannotWrite(PlanError):
    """Nothing can be written in the plan's folder (read-only, no permission, disk full)."""


class PlanSetAside(NamedTuple):
    """A plan file that could not be used and was renamed so that it is kept.

    ``str()`` is one line naming the file that now holds the old data.
    """

    original: Path
    kept_as: Path
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.original}: {self.reason}; it was kept as {self.kept_as} "
            "and an empty plan was started"
        )


# ----------------------------------------------------------------- file access


def plan_file_name(conference_id: str) -> str:
    """``plan-<id>.json``; a long id or one with unsafe characters is shortened
    and given a short hash (:func:`paths.conference_file_stem`)."""
    return f"plan-{paths.conference_file_stem(conference_id)}.json"


def legacy_plan_file_name(conference_id: str) -> str:
    """The name earlier versions gave the plan (``%2F`` for ``/``, no length limit)."""
    return f"plan-{paths.legacy_file_stem(conference_id)}.json"


def _renamed_from_legacy(folder: Path, conference_id: str) -> Path:
    """The plan's path, after moving a plan saved under its old name to the new one.

    Only ids whose old name was unsafe or long are concerned; plain ids keep
    their name. If the move is impossible (a read-only folder) the old file is
    used where it is, so the plan is never lost from view.
    """
    path = folder / plan_file_name(conference_id)
    legacy = folder / legacy_plan_file_name(conference_id)
    if legacy == path:
        return path
    try:
        if path.exists() or not legacy.exists():
            return path
        os.replace(legacy, path)
    except FileNotFoundError:
        return path  # another process moved it first
    except OSError:
        # A name too long to exist, or a folder where nothing can be renamed.
        try:
            return legacy if legacy.exists() else path
        except OSError:
            return path
    fsync_folder(folder)
    return path


Signature = tuple[int, int, int] | None


def _signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        # Gone, or its folder went (or became unreadable): a change either way.
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class BookmarkStore:
    """The plan of one conference, kept in its file and safe to share.

    Reading methods use the plan as last loaded (:attr:`plan`); every change
    re-reads the file under the lock, applies itself, and writes atomically.

    With *read_only* (the smoke test) the store never writes, not even a lock
    file: an old file is migrated in memory only, a bad one is left where it is
    (reported as a :class:`PlanError`), and every change raises PlanError. A
    folder where nothing can be written is read the same way.
    """

    def __init__(
        self, conference_id: str, folder: Path | None = None, *, read_only: bool = False
    ) -> None:
        if not is_valid_id(conference_id):
            raise PlanError(f"{conference_id!r} is not a valid conference id")
        self.conference_id = conference_id
        self.read_only = read_only
        self.folder = folder if folder is not None else paths.data_dir()
        try:
            self.path = _renamed_from_legacy(self.folder, conference_id)
        except PermissionError:
            self.path = self.folder / plan_file_name(conference_id)  # load() says why
        self.problems: list[PlanSetAside] = []
        self._plan = empty_plan(conference_id)
        self._signature: Signature = None
        self._lock: Any = None  # a filelock.FileLock, made on the first change
        self.load()

    # ------------------------------------------------------------- reading

    @property
    def plan(self) -> Plan:
        return self._plan

    def starred_ids(self) -> set[str]:
        return set(self._plan.starred)

    def is_starred(self, item_id: str) -> bool:
        return item_id in self._plan.starred_set

    def load(self) -> Plan:
        """Read the file now (migrating or setting it aside if needed).

        Raises :class:`PlanError` when the data folder cannot be looked into
        (a folder of mode 000): the plan may be there, so it is not taken as empty.
        """
        try:
            return self._load()
        except PermissionError as error:
            raise PlanError(
                f"{self.folder}: the data folder cannot be read ({_reason(error)})"
            ) from None

    def _load(self) -> Plan:
        if not self.path.exists() and not self.folder.exists():
            self._plan, self._signature = empty_plan(self.conference_id), None
            return self._plan
        if self.read_only:
            self._plan = self._read_locked(may_write=False)
            return self._plan
        if self.folder.is_dir() and not self.path.exists():
            # No plan yet: nothing to read, and nothing to lock or write.
            self._plan, self._signature = empty_plan(self.conference_id), None
            return self._plan
        current = self._read_current()
        if current is not None:
            self._plan = current
            return current
        # Old, damaged or from a newer app: migrated or set aside under the lock.
        try:
            with self._locked():
                self._plan = self._read_locked()
        except _CannotWrite:
            # A read-only folder (or a full disk) must not hide the plan that is
            # there: the file is replaced atomically, so reading it unlocked is safe.
            self._plan = self._read_locked(may_write=False)
        return self._plan

    def _read_current(self) -> Plan | None:
        """A plan file in the current format, read without the lock; else None.

        Writers replace the file with a rename, so an unlocked read sees the
        old plan or the new one, never half of one: the common case, opening
        the window or running a command, takes no lock and writes nothing.
        """
        signature = _signature(self.path)
        if signature is None:
            return None
        try:
            data = self.path.read_bytes()
            raw = json.loads(data.decode("utf-8-sig"))
            if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
                return None
            plan = trusted_plan_or_none(raw) if was_checked(self.path, data) else None
            if plan is None:
                plan = validate_plan(raw)
                if not self.read_only:
                    mark_checked(self.path, data)
        except (OSError, ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
            return None
        if plan.conference != self.conference_id:
            return None
        self._signature = signature
        return plan

    def reload_if_changed(self) -> bool:
        """Reload if another process changed the file; True if the plan changed."""
        if _signature(self.path) == self._signature:
            return False
        before = self._plan
        self.load()
        return self._plan != before

    def take_problems(self) -> list[PlanSetAside]:
        """The set-aside reports not yet shown to the user, then forget them."""
        problems, self.problems = self.problems, []
        return problems

    # ------------------------------------------------------------- changes

    def star(self, ids: Iterable[str]) -> Plan:
        wanted = _checked_ids(ids)
        return self.apply(lambda p: replace(p, starred=p.starred + wanted))

    def unstar(self, ids: Iterable[str]) -> Plan:
        unwanted = set(_checked_ids(ids))
        return self.apply(
            lambda p: replace(p, starred=tuple(i for i in p.starred if i not in unwanted))
        )

    def toggle_star(self, item_id: str) -> bool:
        """Star or unstar *item_id*, judged on the file as it is now; returns the new state."""
        result: list[bool] = []

        def toggle(plan: Plan) -> Plan:
            if item_id in plan.starred_set:
                result.append(False)
                return replace(plan, starred=tuple(i for i in plan.starred if i != item_id))
            result.append(True)
            return replace(plan, starred=(*plan.starred, item_id))

        _checked_ids([item_id])
        self.apply(toggle)
        return result[-1]

    def set_note(self, item_id: str, text: str) -> Plan:
        """Set the note on a program item or an appointment (empty text removes it)."""
        _checked_ids([item_id])
        text = text.rstrip()

        def change(plan: Plan) -> Plan:
            appointment = plan.appointment(item_id)
            if appointment is not None:
                return _replace_appointment(plan, replace(appointment, note=text))
            notes = dict(plan.notes)
            if text:
                notes[item_id] = text
            else:
                notes.pop(item_id, None)
            return replace(plan, notes=notes)

        return self.apply(change)

    def set_reminder(self, item_id: str, on: bool) -> Plan:
        """Switch the reminder before *item_id* on or off."""
        _checked_ids([item_id])

        def change(plan: Plan) -> Plan:
            off = tuple(i for i in plan.reminders_off if i != item_id)
            return replace(plan, reminders_off=off if on else (*off, item_id))

        return self.apply(change)

    def add_appointment(self, appointment: Appointment) -> Plan:
        def change(plan: Plan) -> Plan:
            if plan.appointment(appointment.id) is not None:
                return _replace_appointment(plan, appointment)
            return replace(plan, appointments=(*plan.appointments, appointment))

        return self.apply(change)

    def update_appointment(self, appointment: Appointment) -> Plan:
        """Replace the appointment with the same id (added again if another process deleted it)."""
        return self.add_appointment(appointment)

    def remove_appointment(self, appointment_id: str) -> Plan:
        return self.apply(
            lambda p: replace(
                p, appointments=tuple(a for a in p.appointments if a.id != appointment_id)
            )
        )

    def apply(self, operation: Callable[[Plan], Plan]) -> Plan:
        """Apply *operation* to the plan as it is on disk now, under the lock, and save."""
        if self.read_only:
            raise PlanError(f"{self.path}: the plan is open read-only here; nothing was changed")
        with self._locked():
            current = self._read_locked()
            changed = validate_plan(asdict(operation(current)))
            if changed != current:
                data = changed.to_json().encode("utf-8")
                try:
                    write_atomic(self.path, data)
                except OSError as error:
                    raise PlanError(
                        f"{self.path}: cannot be saved ({_reason(error)}); nothing was changed"
                    ) from None
                mark_checked(self.path, data)
                self._signature = _signature(self.path)
            self._plan = changed
        return changed

    def rekey(self, token: str, renamed: dict[str, str]) -> Plan:
        """Move stars, notes and reminders to new ids, once per *token* (plan_rekey)."""
        from geodl_app.plan_rekey import rekey

        return rekey(self, token, renamed, PlanError)

    # ------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # Imported here: opening a window only reads the plan, which needs no lock.
        import filelock

        if self._lock is None:
            self._lock = filelock.FileLock(
                str(self.path.with_name(self.path.name + ".lock")), timeout=LOCK_TIMEOUT_S
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except filelock.Timeout:
            raise PlanError(
                f"{self.path}: another program has held the lock for "
                f"{LOCK_TIMEOUT_S:.0f} s; try again later"
            ) from None
        except OSError as error:
            if error.errno in (errno.EEXIST, errno.ENOTDIR):
                raise PlanError(
                    f"{self.folder}: is not a folder, so the plan cannot be kept there"
                ) from None
            raise _CannotWrite(
                f"{self.folder}: cannot lock the plan there ({_reason(error)})"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    def _read_locked(self, may_write: bool = True) -> Plan:
        """The plan on disk (call with the lock held, unless *may_write* is false).

        With *may_write* false nothing on disk is touched: an old file is
        migrated in memory only, and a file that would be set aside raises
        :class:`PlanError` instead.
        """
        if may_write:
            from geodl_app import plan_rekey  # every change first finishes a re-key left

            self._remove_stale_temporaries()
            plan_rekey.settle(self, PlanError)
        # Taken before reading: a file replaced in between is then read again
        # at the next reload instead of being missed.
        signature = _signature(self.path)
        try:
            found = read_versioned(self.path, self._format(), may_write=may_write)
        except OSError as error:
            raise PlanError(f"{self.path}: cannot be read ({_reason(error)})") from None
        except CannotWrite as error:
            raise _CannotWrite(str(error)) from None
        if found.problem is not None:
            if found.problem.kept_as is None:
                raise PlanError(f"{self.path}: {found.problem.reason}; it was left as it is")
            fsync_folder(self.folder)
            self.problems.append(
                PlanSetAside(self.path, found.problem.kept_as, found.problem.reason)
            )
            self._signature = None
            return empty_plan(self.conference_id)
        if found.value is None:
            self._signature = None
            return empty_plan(self.conference_id)
        self._signature = _signature(self.path) if found.backup is not None else signature
        return found.value

    def _format(self) -> VersionedFormat[Plan]:
        """The plan file's format, for this store's conference."""

        def ours(plan: Plan) -> Plan:
            if plan.conference != self.conference_id:
                raise Unusable(f"belongs to another conference ({plan.conference})")
            return plan

        return VersionedFormat(
            version=FORMAT_VERSION,
            parse=lambda raw: ours(validate_plan(raw)),
            dump=lambda plan: plan.to_json().encode("utf-8"),
            migrations=MIGRATIONS,
            what="plan",
            # Checked bytes of another conference's plan are still not this one's.
            trusted=lambda raw: ours(trusted_plan(raw)),
        )

    def _remove_stale_temporaries(self) -> None:
        # Writes happen only under the lock, so any temporary file seen while
        # holding it was left by a process that died mid-write.
        for leftover in self.folder.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _replace_appointment(plan: Plan, appointment: Appointment) -> Plan:
    kept = tuple(appointment if a.id == appointment.id else a for a in plan.appointments)
    return replace(plan, appointments=kept)


def _checked_ids(ids: Iterable[str]) -> tuple[str, ...]:
    checked = tuple(ids)
    for item in checked:
        if not is_valid_id(item):
            raise PlanError(f"{item!r} is not a valid item id")
    return checked


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
