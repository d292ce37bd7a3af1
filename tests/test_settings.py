"""The settings file: defaults, round trip, damaged and newer files set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geodl_app import settings
from geodl_app.settings import Settings


def test_first_start_gives_the_defaults_and_writes_nothing(isolated_user_dirs: Path) -> None:
    loaded = settings.load()
    assert loaded.problem is None
    assert loaded.settings == Settings()
    assert loaded.settings.reminders is True
    assert loaded.settings.reminder_lead_minutes == 5
    assert loaded.settings.keep_running_in_tray is False
    assert loaded.settings.update_automatically is False
    assert loaded.settings.times_in == "conference"
    assert not settings.settings_path().exists()


def test_saved_settings_come_back(isolated_user_dirs: Path) -> None:
    chosen = settings.changed(
        Settings(),
        reminder_lead_minutes=10,
        reminders=False,
        keep_running_in_tray=True,
        update_automatically=True,
        times_in="computer",
        open_on_now_and_next=True,
    )
    settings.save(chosen)
    raw = json.loads(settings.settings_path().read_text("utf-8"))
    assert raw["format"] == "geodl-app-settings"
    assert raw["version"] == settings.FORMAT_VERSION
    assert settings.load() == settings.Loaded(chosen)
    # Nothing but the file and the digest of what was written beside it is
    # left in the folder: no temporary file (the write was atomic).
    names = sorted(p.name for p in isolated_user_dirs.iterdir())
    assert names == [".settings.json.checked", "settings.json"]


@pytest.mark.parametrize(
    ("content", "label", "words"),
    [
        (b"{not json", "unreadable", "does not parse"),
        (b"\xff\xfe\x00garbage", "unreadable", "does not parse"),
        (b'["a list"]', "unreadable", "is not a geodl-app-settings file"),
        (b'{"format": "geodl-app-settings"}', "unreadable", "no format version"),
        (
            b'{"format": "geodl-app-settings", "version": 1, "reminder_lead_minutes": -3}',
            "unreadable",
            "reminder_lead_minutes",
        ),
        (
            b'{"format": "geodl-app-settings", "version": 1, "times_in": "mars"}',
            "unreadable",
            "times_in",
        ),
        (
            b'{"format": "geodl-app-settings", "version": 1, "reminders": "yes"}',
            "unreadable",
            "reminders",
        ),
        (b'{"format": "geodl-app-settings", "version": 7}', "newer", "newer version"),
    ],
)
def test_an_unusable_file_is_set_aside_and_reported(
    isolated_user_dirs: Path, content: bytes, label: str, words: str
) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = settings.load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None and words in loaded.problem
    assert "\n" not in loaded.problem
    assert not path.exists()
    kept = [p for p in isolated_user_dirs.iterdir() if p.name.startswith(f"settings.json.{label}-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content  # the old data is kept as it was
    assert kept[0].name in loaded.problem
    # Saving afterwards writes a fresh file and leaves the one set aside alone.
    settings.save(Settings())
    assert kept[0].read_bytes() == content


def test_a_run_that_must_not_write_leaves_a_bad_file_in_place(isolated_user_dirs: Path) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{oops")
    loaded = settings.load(set_aside=False)
    assert loaded.problem is not None and "left where it is" in loaded.problem
    assert path.read_bytes() == b"{oops"


def test_keys_of_a_later_version_are_ignored_not_fatal(isolated_user_dirs: Path) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {"format": "geodl-app-settings", "version": 1, "reminder_lead_minutes": 15, "x": 1}
        )
    )
    loaded = settings.load()
    assert loaded.problem is None
    assert loaded.settings.reminder_lead_minutes == 15
    assert path.exists()


def test_a_bad_change_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="reminder_lead_minutes"):
        settings.changed(Settings(), reminder_lead_minutes=100_000)
