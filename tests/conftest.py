"""Shared test set-up: Qt off screen, and no test ever touches the real user folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: GUI tests run with no display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from geodl_app import clock, paths
from geodl_app.model import Conference
from geodl_app.program import load_bundled

# The made-up 90-room congress as fixtures ``ccc`` and ``ccc_path``.
pytest_plugins = ["big_programmes"]

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every user path (data, config, cache, home) at a fresh temporary folder."""
    root = tmp_path_factory.mktemp("user")
    data = root / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "xdg-state"))
    # No test reaches the desktop's own notification service: those that send
    # reminders start a bus of their own (tests/notification_bus.py).
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/geodl-test-bus")
    # "This computer" is in the bundled conference's zone unless a test says otherwise,
    # so panes give one time, whatever zone the machine running the tests is in.
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    paths.set_data_dir(None)
    clock.restart()  # a faked GEODL_APP_NOW reads its starting instant first in each test
    yield data
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def gdl() -> Conference:
    """The bundled GDL 2024 programme."""
    return load_bundled()
