"""Recently opened programs: versioned, atomic, never loses a file it does not understand."""

from __future__ import annotations

import json
from pathlib import Path

from geodl_app import paths
from geodl_app.recent import FILE_NAME, MAX_ENTRIES, RecentPrograms


def test_newest_first_without_repeats_and_survives_a_restart(tmp_path: Path) -> None:
    recent = RecentPrograms()
    recent.remember(tmp_path / "a.xml", "A")
    recent.remember(tmp_path / "b.ics", "B")
    recent.remember(tmp_path / "a.xml", "A again")
    again = RecentPrograms()
    assert [(e.path.name, e.name) for e in again.entries] == [("a.xml", "A again"), ("b.ics", "B")]
    assert again.problem is None
    stored = json.loads((paths.data_dir() / FILE_NAME).read_text())
    assert stored["version"] == 1


def test_the_list_is_capped(tmp_path: Path) -> None:
    recent = RecentPrograms()
    for n in range(MAX_ENTRIES + 5):
        recent.remember(tmp_path / f"{n}.xml", str(n))
    assert len(RecentPrograms().entries) == MAX_ENTRIES
    assert RecentPrograms().entries[0].name == str(MAX_ENTRIES + 4)


def test_forget(tmp_path: Path) -> None:
    recent = RecentPrograms()
    recent.remember(tmp_path / "a.xml", "A")
    recent.forget(tmp_path / "a.xml")
    assert RecentPrograms().entries == []


def kept_aside(folder: Path, label: str) -> Path:
    [kept] = [p for p in folder.iterdir() if p.name.startswith(f"{FILE_NAME}.{label}-")]
    return kept


def test_a_file_from_a_newer_version_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    file = paths.ensure_data_dir() / FILE_NAME
    file.write_text('{"version": 99, "programs": "something new"}')
    recent = RecentPrograms()
    assert recent.entries == []
    assert "newer version" in (recent.problem or "")
    recent.remember(tmp_path / "a.xml", "A")
    kept = kept_aside(file.parent, "newer")
    assert kept.name in (recent.problem or "")
    assert kept.read_text() == '{"version": 99, "programs": "something new"}'
    assert [e.name for e in RecentPrograms().entries] == ["A"]


def test_a_corrupt_file_is_kept_aside_before_a_new_one_is_written(tmp_path: Path) -> None:
    file = paths.ensure_data_dir() / FILE_NAME
    file.write_text('{"version": 1, "programs": [')
    recent = RecentPrograms()
    assert "does not parse" in (recent.problem or "")
    recent.remember(tmp_path / "a.xml", "A")
    assert kept_aside(file.parent, "unreadable").read_text() == '{"version": 1, "programs": ['
    assert [e.name for e in RecentPrograms().entries] == ["A"]


def test_a_deeply_nested_file_is_a_problem_not_a_crash(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / FILE_NAME).write_text("[" * 100_000)
    recent = RecentPrograms()
    assert recent.entries == [] and recent.problem is not None
    recent.remember(isolated_user_dirs / "a.xml", "A")
    assert kept_aside(isolated_user_dirs, "unreadable").read_text() == "[" * 100_000
