"""The user's files: written wholly or not at all, read by one versioned-file policy.

:func:`write_atomic` writes a file so that it is either wholly old or wholly
new, never half written. :func:`read_versioned` reads a versioned JSON file:
migrating an older one after a backup, setting aside (never overwriting) one
that is damaged or newer, and reporting that as a :class:`SetAside`. Every
user file (plan, window state, recent list, settings, library) goes through it::

    FORMAT = VersionedFormat(version=2, parse=Thing.from_json, dump=Thing.to_bytes,
                             migrations={1: migrate_1_to_2}, what="thing file")
    found = read_versioned(path, FORMAT, may_write=not read_only)
    thing = found.value or Thing()          # None: no file, or it was set aside
    if found.problem: tell_the_user(str(found.problem))
    ...
    write_versioned(path, FORMAT, thing)
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* via a temporary file in the same folder, fsync, replace.

    Raises OSError; on failure the previous file (if any) is untouched and
    no temporary file is left behind.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions the user gave the file they are replacing.
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(target.parent)


# ------------------------------------------------- content checked before
#
# Checking a file with pydantic costs a start about 60 ms (loading it), and a
# plan or a library index is read at every start. Once its exact bytes have
# been checked, or written by this app, a small marker beside the file holds
# their digest; while the file still has those bytes it is read without
# checking again (VersionedFormat.trusted). Any other bytes (an edit, another
# app, a damaged disk) are checked as usual. The marker is a cache: losing
# it, or a torn one, only means checking once more.


def _marker(path: Path) -> Path:
    return path.with_name(f".{path.name}.checked")


def _digest(data: bytes) -> str:
    import hashlib  # here: it loads OpenSSL (~2.5 ms), which a first start does not need

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def was_checked(path: Path, data: bytes) -> bool:
    """Whether *data*, the content of *path*, is what was last checked or written there."""
    try:
        return _marker(path).read_text("ascii").strip() == _digest(data)
    except (OSError, ValueError):
        return False


def mark_checked(path: Path, data: bytes) -> None:
    """Remember that *data*, now the content of *path*, was checked (best effort)."""
    with contextlib.suppress(OSError):
        _marker(path).write_text(_digest(data) + "\n", "ascii")


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in *folder* durable (not possible on every platform)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# -------------------------------------------------------------- versioned files
#
# Every file of the user's (the plan, the window state, the recent list, the
# settings, the library) is a JSON object with a format version. Reading one
# follows a single policy, here:
#
# * no file: nothing to read (the caller starts from its defaults);
# * the current version: parsed and validated by the caller's ``parse``;
# * an older version: copied to ``<name>.v<N>-backup`` (fsynced), migrated one
#   version at a time, validated, and written back atomically;
# * a file that does not parse, fails validation, or was written by a newer
#   version of the app: never overwritten. It is renamed to
#   ``<name>.unreadable-<UTC time>`` or ``<name>.newer-<UTC time>`` and a
#   :class:`SetAside` report says so, for the caller to show the user.
#
# A run that must not write (``may_write=False``: the smoke test, a read-only
# folder) migrates in memory only and leaves an unusable file where it is.

T = TypeVar("T")


class Unusable(ValueError):
    """Raised by a format's ``parse`` for content it cannot use; the message is the reason."""


class CannotWrite(Exception):
    """A backup, migration or set-aside could not be written; ``str()`` is one line."""


class SetAside(NamedTuple):
    """A file that could not be used: where it was, where it is kept now, and why.

    ``kept_as`` is None when nothing could be written and the file was left
    where it is. ``str()`` is one line for the user.
    """

    original: Path
    kept_as: Path | None
    reason: str

    def __str__(self) -> str:
        where = (
            "it was left where it is"
            if self.kept_as is None
            else (f"it was kept as {self.kept_as.name}")
        )
        return f"{self.original}: {self.reason}; {where}"


class VersionedFormat(NamedTuple, Generic[T]):
    """How one kind of user file is read: its version, how to parse, migrate and write it.

    *parse* turns the document of the current version (a dict, "format" and
    "version" keys included) into the value, raising :class:`Unusable`,
    ``ValueError`` or pydantic's ``ValidationError`` for content it cannot use.
    *dump* turns a value into the file's bytes (used to write a migrated file).
    *migrations* maps version N to a function turning a version-N document
    into a version-N+1 one. With *name*, the document's "format" key must equal it.
    *what* names the file in reasons: "is not a valid plan (...)".
    *trusted*, if given, builds the value of a current-version document without
    checking it, for a file whose exact bytes were checked or written before
    (see :func:`was_checked`); it may raise anything, and *parse* then checks.
    """

    version: int
    parse: Callable[[dict[str, Any]], T]
    dump: Callable[[T], bytes]
    migrations: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = MappingProxyType({})
    name: str | None = None
    what: str = "file"
    trusted: Callable[[dict[str, Any]], T] | None = None


class ReadResult(NamedTuple, Generic[T]):
    """What :func:`read_versioned` found.

    ``value`` is None when there was no file or it was set aside (start from
    defaults); ``problem`` reports a file set aside; ``migrated_from`` and
    ``backup`` tell of a migration (``backup`` is None if nothing was written).
    """

    value: T | None
    problem: SetAside | None = None
    migrated_from: int | None = None
    backup: Path | None = None


def read_versioned(path: Path, fmt: VersionedFormat[T], *, may_write: bool = True) -> ReadResult[T]:
    """Read the versioned JSON file *path* by the policy above.

    Raises OSError when the file exists but cannot be read, and
    :class:`CannotWrite` when a backup, migration or set-aside cannot be
    written (the file is then untouched). A caller that must hold a lock
    holds it around this call.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadResult(None)

    def unusable(label: str, reason: str) -> ReadResult[T]:
        return ReadResult(None, set_aside(path, label, reason, may_write=may_write))

    try:
        # A byte-order mark (a file saved by a Windows editor) is not damage.
        raw = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        return unusable("unreadable", "does not parse (nested too deeply)")
    except ValueError as error:  # JSON and UTF-8 errors are ValueErrors
        return unusable("unreadable", f"does not parse ({_first_line(error)})")
    if fmt.name is not None and (not isinstance(raw, dict) or raw.get("format") != fmt.name):
        return unusable("unreadable", f"is not a {fmt.name} file")
    if not isinstance(raw, dict):
        return unusable("unreadable", "does not parse (not a JSON object)")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return unusable("unreadable", "has no format version")
    if version > fmt.version:
        return unusable(
            "newer",
            f"was written by a newer version of the app (format {version}, "
            f"this app reads up to {fmt.version})",
        )
    if version == fmt.version and fmt.trusted is not None and was_checked(path, data):
        try:
            return ReadResult(fmt.trusted(raw))
        except Exception:  # anything unexpected: checked properly below
            pass
    try:
        for step in range(version, fmt.version):
            raw = fmt.migrations[step](raw)
        value = fmt.parse(raw)
    except Unusable as error:
        return unusable("unreadable", str(error))
    except (ValueError, KeyError, TypeError) as error:  # ValidationError is a ValueError
        return unusable("unreadable", f"is not a valid {fmt.what} ({describe(error)})")
    if version == fmt.version and may_write and fmt.trusted is not None:
        mark_checked(path, data)
    if version == fmt.version or not may_write:
        return ReadResult(value, migrated_from=None if version == fmt.version else version)
    saved = backup(path, version)
    try:
        migrated = fmt.dump(value)
        write_atomic(path, migrated)
        if fmt.trusted is not None:
            mark_checked(path, migrated)
    except OSError as error:
        raise CannotWrite(
            f"{path}: cannot be migrated to format {fmt.version} ({_reason(error)}); "
            "nothing was changed"
        ) from None
    return ReadResult(value, migrated_from=version, backup=saved)


def write_versioned(path: Path, fmt: VersionedFormat[T], value: T) -> None:
    """Write *value* to *path* atomically, making its folder if needed (raises OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = fmt.dump(value)
    write_atomic(path, data)
    if fmt.trusted is not None:
        mark_checked(path, data)


def set_aside(path: Path, label: str, reason: str, *, may_write: bool = True) -> SetAside:
    """Rename *path* to ``<name>.<label>-<UTC time>`` so that it is kept, and say so.

    With *may_write* false the file is left where it is. Raises
    :class:`CannotWrite` if it cannot be renamed.
    """
    if not may_write:
        return SetAside(path, None, reason)
    kept = free_name(path, f"{label}-{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}")
    try:
        os.replace(path, kept)
    except OSError as error:
        raise CannotWrite(
            f"{path}: {reason}, and it cannot be set aside ({_reason(error)})"
        ) from None
    fsync_folder(path.parent)
    return SetAside(path, kept, reason)


def backup(path: Path, version: int) -> Path:
    """Copy *path* to ``<name>.v<version>-backup`` (a free name), synced to disk.

    Raises :class:`CannotWrite`; a half-written backup is removed.
    """
    import shutil  # only for a migration, not at every start

    saved = free_name(path, f"v{version}-backup")
    try:
        shutil.copy2(path, saved)
        with open(saved, "rb") as handle:
            os.fsync(handle.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            saved.unlink()
        raise CannotWrite(
            f"{path}: cannot be migrated to a newer format ({_reason(error)}); nothing was changed"
        ) from None
    return saved


def free_name(path: Path, suffix: str) -> Path:
    """``<name>.<suffix>``, or ``<name>.<suffix>-2``, ``-3``, ... whichever does not exist."""
    candidate = path.with_name(f"{path.name}.{suffix}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{suffix}-{counter}")
        counter += 1
    return candidate


def describe(error: Exception) -> str:
    """One line for a validation or value error: ``field: message``."""
    errors = getattr(error, "errors", None)
    if callable(errors):  # pydantic's ValidationError
        first = errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        return f"{where}: {first['msg']}"
    return _first_line(error)


def _first_line(error: Exception) -> str:
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
