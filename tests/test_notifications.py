"""Reminders reach the desktop: a real session bus with dunst, and the fallbacks."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodl_app.reminders import Notice
from tests import notification_bus
from tests.notification_bus import NotificationBus

REPO = Path(__file__).resolve().parent.parent
_names = itertools.count()


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[NotificationBus]:
    yield from notification_bus.start(tmp_path)


def connect(address: str):  # type: ignore[no-untyped-def]
    from PySide6.QtDBus import QDBusConnection

    connection = QDBusConnection.connectToBus(address, f"geodl-test-{next(_names)}")
    assert connection.isConnected()
    return connection


def notifier_on(connection, qapp):  # type: ignore[no-untyped-def]
    from geodl_app.ui.notifier import DesktopNotifications, Notifier

    desktop = DesktopNotifications(bus=connection)
    shown_in_window: list[Notice] = []
    return Notifier(desktop=desktop, in_window=shown_in_window.append), desktop, shown_in_window


NOTICE = Notice(
    "In 5 min: On the usefulness of <equivariant> image representations",
    "14:10–14:50\nHörsal A & B\nGeorg Bökman",
    "talk-bokman",
)


def test_a_reminder_goes_to_the_notification_service_with_its_actions(
    bus: NotificationBus, qapp
) -> None:
    notifier, desktop, in_window = notifier_on(connect(bus.address), qapp)
    assert desktop.available and desktop.supports_actions
    assert notifier.show(NOTICE) == "desktop"
    assert in_window == []
    log = bus.wait_for("member=Notify")
    call = log.split("member=Notify", 1)[1]
    # The types the specification gives (susssasa{sv}i), the app's name first.
    assert call.index('string "GeoDL Companion"') < call.index("uint32 0")
    assert 'string "In 5 min: On the usefulness of <equivariant> image representations"' in call
    # dunst reads the body as markup: the programme's text is escaped, shown as written.
    assert 'string "14:10–14:50\nHörsal A &amp; B\nGeorg Bökman"' in call
    assert call.index('string "default"') < call.index('string "Open"')
    assert call.index('string "snooze"') < call.index('string "Snooze 5 min"')
    assert "int32 -1" in call


def test_open_and_snooze_on_the_notification_come_back_with_the_item(
    bus: NotificationBus, qtbot, qapp
) -> None:
    notifier, _desktop, _ = notifier_on(connect(bus.address), qapp)
    notifier.show(NOTICE)
    bus.wait_for("member=Notify")
    # A click (dunst's default action) is "Open".
    with qtbot.waitSignal(notifier.open_requested, timeout=10_000) as opened:
        bus.dunstctl("action", "0")
    assert opened.args == ["talk-bokman"]
    notifier.show(NOTICE)
    # The context menu (its "dmenu" picks the line with "Snooze").
    with qtbot.waitSignal(notifier.snooze_requested, timeout=10_000) as snoozed:
        bus.dunstctl("context")
    assert snoozed.args == ["talk-bokman"]
    assert 'string "snooze"' in bus.monitored().split("member=ActionInvoked")[-1]


def test_a_missed_list_has_no_actions(bus: NotificationBus, qapp) -> None:
    notifier, _desktop, _ = notifier_on(connect(bus.address), qapp)
    notifier.show(Notice("Missed while away: 2 reminders", "14:10 A (started)\n15:10 B"))
    call = bus.wait_for("member=Notify").split("member=Notify", 1)[1]
    assert 'string "Open"' not in call


def test_without_a_notification_service_the_reminder_shows_in_the_window(qapp) -> None:
    from PySide6.QtDBus import QDBusConnection

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "geodl-test-nowhere")
    notifier, desktop, in_window = notifier_on(nowhere, qapp)
    assert not desktop.available
    assert notifier.show(NOTICE) == "window"
    assert in_window == [NOTICE]


def test_the_running_app_reminds_before_a_starred_talk(
    bus: NotificationBus, tmp_path: Path
) -> None:
    """The whole app, started as a user would, sends the reminder over the bus."""
    data = tmp_path / "data"
    data.mkdir()
    plan = {
        "format": "geodl-app-plan",
        "version": 3,
        "conference": "gdl2024-umea",
        "starred": ["talk-bokman"],
    }
    (data / "plan-gdl2024-umea.json").write_text(json.dumps(plan))
    env = {
        **bus.env,
        "GEODL_APP_DATA_DIR": str(data),
        # Four minutes before Bökman's talk (14:10): within the 5-minute lead at start.
        "GEODL_APP_NOW": "2024-06-11T14:06",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "geodl_app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        log = bus.wait_for("member=Notify", timeout=30)
    finally:
        app.terminate()
        _out, err = app.communicate(timeout=10)
    call = log.split("member=Notify", 1)[1]
    assert 'string "In 4 min: On the usefulness of equivariant image representations"' in call
    assert 'string "14:10–14:50\nGeorg Bökman"' in call
    assert "Traceback" not in err.decode(errors="replace")


@pytest.mark.skipif(os.environ.get("CI") == "true", reason="documents the local skip only")
def test_missing_tools_skip_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notification_bus.shutil, "which", lambda _tool: None)
    with pytest.raises(pytest.skip.Exception):
        notification_bus.require_tools()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        notification_bus.require_tools()
