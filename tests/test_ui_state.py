"""The window-state file: defaults, round trip, atomic write, bad files set aside."""

from __future__ import annotations

import json
from pathlib import Path

from geodl_app import ui_state
from geodl_app.ui_state import UiState


def test_missing_file_gives_defaults() -> None:
    loaded = ui_state.load()
    assert loaded.state == UiState() and loaded.problem is None


def test_round_trip_in_the_data_folder(isolated_user_dirs: Path) -> None:
    state = UiState(zoom=1.5, panes=["talk-bokman", "talk-nyholm"], splitter=[600, 380, 380])
    ui_state.save(state)
    path = isolated_user_dirs / ui_state.FILE_NAME
    assert json.loads(path.read_text())["version"] == ui_state.FORMAT_VERSION
    assert ui_state.load().state == state
    # No temporary file is left behind.
    assert [p.name for p in path.parent.iterdir()] == [ui_state.FILE_NAME]


def test_odd_values_fall_back_to_defaults(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    raw = {"version": 1, "zoom": 99, "panes": ["a", 3, "b"], "splitter": [10, -4, True], "day": "x"}
    (isolated_user_dirs / ui_state.FILE_NAME).write_text(json.dumps(raw))
    state = ui_state.load().state
    assert state.zoom == ui_state.MAX_ZOOM
    assert state.panes == ["a", "b"]
    assert state.splitter == [10]
    assert state.day == -1


def test_unparsable_file_is_kept_aside_not_overwritten(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / ui_state.FILE_NAME
    path.write_text("{not json")
    loaded = ui_state.load()
    assert loaded.state == UiState()
    assert loaded.problem and "kept as" in loaded.problem
    kept = [p for p in isolated_user_dirs.iterdir() if p.name.startswith("ui-state.json.")]
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_file_from_a_newer_version_is_kept_aside(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / ui_state.FILE_NAME
    path.write_text(json.dumps({"version": 99, "zoom": 2}))
    loaded = ui_state.load()
    assert loaded.problem and "newer version" in loaded.problem
    assert not path.exists()
    ui_state.save(UiState())
    [kept] = [p for p in isolated_user_dirs.iterdir() if ".newer-" in p.name]
    assert json.loads(kept.read_text())["version"] == 99


def test_a_file_that_is_not_utf8_is_kept_aside_not_a_crash(isolated_user_dirs: Path) -> None:
    # The window read it at start-up and stopped with a UnicodeDecodeError.
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / ui_state.FILE_NAME
    path.write_bytes(b'\xff\xfe{"version": 1}')
    loaded = ui_state.load()
    assert loaded.state == UiState()
    assert loaded.problem is not None and "kept as" in loaded.problem
    [kept] = [p for p in isolated_user_dirs.iterdir() if p.name != ui_state.FILE_NAME]
    assert kept.read_bytes() == b'\xff\xfe{"version": 1}'


def test_values_qt_cannot_take_fall_back_to_defaults(isolated_user_dirs: Path) -> None:
    # Geometry is decoded as ASCII and splitter sizes are C ints in the window.
    isolated_user_dirs.mkdir(parents=True)
    raw = {"version": 1, "geometry": "AdnQywADAAAé", "window_state": "ü", "splitter": [2**40, 300]}
    (isolated_user_dirs / ui_state.FILE_NAME).write_text(json.dumps(raw))
    state = ui_state.load().state
    assert (state.geometry, state.window_state) == ("", "")
    assert state.splitter == [300]
