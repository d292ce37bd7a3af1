"""The versioned-file helper every user file goes through (savefile.read_versioned)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geodl_app.savefile import (
    CannotWrite,
    Unusable,
    VersionedFormat,
    read_versioned,
    write_versioned,
)


def _parse(raw: dict[str, Any]) -> list[str]:
    names = raw.get("names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Unusable("names: must be a list of text")
    return names


def _dump(names: list[str]) -> bytes:
    return json.dumps({"format": "names", "version": 2, "names": names}).encode()


def _one_to_two(old: dict[str, Any]) -> dict[str, Any]:
    return {"format": "names", "version": 2, "names": [old["name"]]}


NAMES = VersionedFormat(
    version=2, parse=_parse, dump=_dump, migrations={1: _one_to_two}, name="names", what="list"
)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_no_file_is_nothing_to_read(tmp_path: Path) -> None:
    found = read_versioned(tmp_path / "names.json", NAMES)
    assert found.value is None and found.problem is None


def test_the_current_version_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "names.json"
    write_versioned(path, NAMES, ["Ada", "Grace"])
    found = read_versioned(path, NAMES)
    assert found.value == ["Ada", "Grace"] and found.problem is None
    assert found.migrated_from is None and found.backup is None


def test_an_old_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    old = b'{"format": "names", "version": 1, "name": "Ada"}'
    path.write_bytes(old)
    found = read_versioned(path, NAMES)
    assert found.value == ["Ada"] and found.migrated_from == 1
    assert found.backup == tmp_path / "names.json.v1-backup"
    assert found.backup.read_bytes() == old
    assert json.loads(path.read_bytes())["version"] == 2
    # Read again: current now, no second backup.
    assert read_versioned(path, NAMES).backup is None
    assert sorted(files(tmp_path)) == ["names.json", "names.json.v1-backup"]


def test_without_writing_an_old_file_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    path.write_bytes(b'{"format": "names", "version": 1, "name": "Ada"}')
    before = files(tmp_path)
    found = read_versioned(path, NAMES, may_write=False)
    assert found.value == ["Ada"] and found.backup is None
    assert files(tmp_path) == before


@pytest.mark.parametrize(
    ("content", "label", "words"),
    [
        (b"{not json", "unreadable", "does not parse"),
        (b"\xff\xfe\x00", "unreadable", "does not parse"),
        (b"[" * 50_000, "unreadable", "does not parse"),
        (b'{"format": "other", "version": 2}', "unreadable", "is not a names file"),
        (b'{"format": "names"}', "unreadable", "has no format version"),
        (b'{"format": "names", "version": 2, "names": 3}', "unreadable", "must be a list"),
        (b'{"format": "names", "version": 9}', "newer", "newer version of the app (format 9"),
    ],
)
def test_an_unusable_file_is_set_aside_never_overwritten(
    tmp_path: Path, content: bytes, label: str, words: str
) -> None:
    path = tmp_path / "names.json"
    path.write_bytes(content)
    found = read_versioned(path, NAMES)
    assert found.value is None and found.problem is not None
    assert words in found.problem.reason
    kept = found.problem.kept_as
    assert kept is not None and kept.name.startswith(f"names.json.{label}-")
    assert kept.read_bytes() == content and not path.exists()
    assert kept.name in str(found.problem) and "\n" not in str(found.problem)
    # Without writing, the same file is left where it is.
    path.write_bytes(content)
    left = read_versioned(path, NAMES, may_write=False)
    assert left.problem is not None and left.problem.kept_as is None
    assert "left where it is" in str(left.problem) and path.read_bytes() == content


def test_a_file_that_cannot_be_set_aside_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "names.json"
    path.write_bytes(b"{broken")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(CannotWrite, match=r"does not parse.*cannot be set aside"):
        read_versioned(path, NAMES)
    assert path.read_bytes() == b"{broken"
