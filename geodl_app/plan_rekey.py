"""An update's re-key of a plan, done exactly once even if the process is killed (no Qt).

When a programme update gives items new ids, the plan's stars, notes and
reminder choices move with them (:func:`rekeyed`). Moving them twice would be
wrong (two talks that swapped ids would swap back), and so would not moving
them, so :func:`rekey` first writes the move down beside the plan, in
``plan-….json.rekey``::

    {"format": "geodl-app-plan-rekey", "version": 1, "token": "…",
     "renamed": {"old id": "new id"}, "from": "<sha-256 of the plan file>",
     "applied": false}

then applies it and marks it applied, all under the plan's lock. Every change
of the plan under that lock (:meth:`BookmarkStore._read_locked
<geodl_app.bookmarks.BookmarkStore>`) first calls :func:`settle`: a record not
yet marked applied is applied if the plan file is still exactly the one it was
meant for ("from"), else the plan was written since (by the move itself, as
nothing else writes it before settling) and it is only marked applied. The
library removes the record once its update is finished (:func:`finish`).

This module works on a :class:`~geodl_app.bookmarks.BookmarkStore` it is
given and never imports :mod:`geodl_app.bookmarks` (which imports it).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from geodl_app.model import is_valid_id
from geodl_app.savefile import fsync_folder, mark_checked, write_atomic

FORMAT_NAME = "geodl-app-plan-rekey"
FORMAT_VERSION = 1


def rekeyed(plan: Any, renamed: Mapping[str, str]) -> Any:
    """*plan* (a bookmarks.Plan) with stars, notes and reminder choices moved to new ids.

    All moves happen at once, so a chain (a → b while b → c) moves each item once.
    """
    starred = tuple(renamed.get(i, i) for i in plan.starred)
    notes = {renamed.get(k, k): v for k, v in plan.notes.items() if k not in renamed}
    notes.update({renamed[k]: v for k, v in plan.notes.items() if k in renamed})
    off = tuple(renamed.get(i, i) for i in plan.reminders_off)
    return replace(plan, starred=starred, notes=notes, reminders_off=off)


def record_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".rekey")


def rekey(store: Any, token: str, renamed: Mapping[str, str], error: type[Exception]) -> Any:
    """Move *store*'s stars, notes and reminder choices per *renamed* (old -> new), once.

    *token* names the update: asked again with the same token (a retry after
    a crash) nothing more moves. Returns the plan; raises *error* (PlanError).
    """
    if store.read_only:
        raise error(f"{store.path}: the plan is open read-only here; nothing was changed")
    with store._locked():
        store._read_locked()  # finishes an earlier re-key, migrates an old file
        if not has(store, token):
            record = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "token": token}
            record |= {"renamed": dict(renamed), "from": _digest(store.path, error)}
            record["applied"] = False
            _write(store.path, record, error)
        store._plan = store._read_locked()  # which applies it
    return store._plan


def has(store: Any, token: str) -> bool:
    """Whether the re-key *token* was written down for *store* (then applied, or it will be)."""
    record = _read(store.path)
    return record is not None and record["token"] == token


def finish(store: Any, token: str) -> None:
    """Forget the record of the re-key *token*: its update no longer needs it."""
    if store.read_only:
        return
    with store._locked():
        store._read_locked()  # applies it if it was not yet
        if has(store, token):
            with contextlib.suppress(FileNotFoundError):
                record_path(store.path).unlink()
            fsync_folder(store.folder)


def settle(store: Any, error: type[Exception]) -> None:
    """Apply a re-key written down but not yet applied (with *store*'s lock held).

    Between its record being written and marked applied, nothing else writes
    the plan (every writer comes here first), so the plan file is either
    exactly the one it was meant for, or the one it made.
    """
    record = _read(store.path)
    if record is None or record["applied"]:
        return
    if record["from"] is not None and _digest(store.path, error) == record["from"]:
        plan = store._read_current()  # None: not a current, usable plan; nothing to move
        if plan is not None:
            from geodl_app.validation import validate

            changed = validate(type(plan), asdict(rekeyed(plan, record["renamed"])))
            if changed != plan:
                data = changed.to_json().encode("utf-8")
                try:
                    write_atomic(store.path, data)
                except OSError as problem:
                    raise error(f"{store.path}: cannot be saved ({_reason(problem)})") from None
                mark_checked(store.path, data)
    _write(store.path, {**record, "applied": True}, error)


def _read(plan_path: Path) -> dict[str, Any] | None:
    """The record beside the plan, or None (none, or not one this app wrote)."""
    try:
        raw = json.loads(record_path(plan_path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None  # none; or, as it is written atomically, damaged on disk: nothing to do
    renamed = raw.get("renamed") if isinstance(raw, dict) else None
    if not (
        isinstance(raw, dict)
        and raw.get("format") == FORMAT_NAME
        and raw.get("version") == FORMAT_VERSION
        and isinstance(raw.get("token"), str)
        and isinstance(raw.get("applied"), bool)
        and isinstance(raw.get("from"), str | None)
        and isinstance(renamed, dict)
        and all(
            isinstance(k, str) and isinstance(v, str) and is_valid_id(k) and is_valid_id(v)
            for k, v in renamed.items()
        )
    ):
        return None
    return raw


def _write(plan_path: Path, record: dict[str, Any], error: type[Exception]) -> None:
    path = record_path(plan_path)
    try:
        write_atomic(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError as problem:
        raise error(f"{path}: cannot be saved ({_reason(problem)}); nothing was changed") from None


def _digest(path: Path, error: type[Exception]) -> str | None:
    """A digest of the file's bytes; None when there is no file."""
    import hashlib  # here: it loads OpenSSL, which a start does not need

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as problem:
        raise error(f"{path}: cannot be read ({_reason(problem)})") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
