"""Reminders in the running window, the tray's fallback, and the Preferences dialog."""

from __future__ import annotations

import json
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from geodl_app import app, settings
from geodl_app.bookmarks import BookmarkStore
from geodl_app.model import Conference
from geodl_app.ui.companion import Companion

CONF = "gdl2024-umea"
ZONE = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def companion(
    qtbot: QtBot, gdl: Conference, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Companion]:
    # Four minutes before Bökman's talk (14:10).
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-11T14:06")
    built = app.open_companion(gdl)
    built.window.resize(1200, 700)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    if shiboken6.isValid(built.window):
        built.window.close()
        built.window.deleteLater()


def status(companion: Companion) -> str:
    return companion.window.statusBar().currentMessage()


def test_with_no_service_and_no_tray_a_starred_talk_is_announced_in_the_window(
    qtbot: QtBot, companion: Companion
) -> None:
    qtbot.waitUntil(lambda: companion.reminders is not None)
    assert companion.tray is None  # offscreen: no tray
    assert not companion.notifier.desktop  # type: ignore[union-attr]
    companion.plan.plan_store.star("talk-bokman")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "In 4 min" in status(companion))
    assert status(companion) == (
        "Reminder: In 4 min: On the usefulness of equivariant image representations — 14:10–14:50"
    )
    assert companion.notifier.last_route == "window"  # type: ignore[union-attr]


def test_a_reminder_switched_off_or_all_reminders_off_send_nothing(
    qtbot: QtBot, companion: Companion
) -> None:
    qtbot.waitUntil(lambda: companion.reminders is not None)
    store = companion.plan.plan_store  # type: ignore[union-attr]
    sent: list[list] = []
    companion.reminders.sent.connect(sent.append)  # type: ignore[union-attr]
    store.set_reminder("talk-bokman", False)
    store.star("talk-bokman")
    assert sent == []
    companion.settings.update(reminders=False)
    store.set_reminder("talk-bokman", True)
    assert sent == []
    companion.settings.update(reminders=True)  # applies at once
    assert [[r.item_id for r in batch] for batch in sent] == [["talk-bokman"]]


def test_open_raises_the_window_on_the_item(qtbot: QtBot, companion: Companion) -> None:
    qtbot.waitUntil(lambda: companion.notifier is not None)
    companion.notifier.open_requested.emit("talk-marchetti")  # type: ignore[union-attr]
    assert companion.window.panes[0].event_id() == "talk-marchetti"


def test_preferences_apply_at_once_and_persist(qtbot: QtBot, companion: Companion) -> None:
    window = companion.window
    assert window.preferences_action.shortcut() == QKeySequence("Ctrl+,")  # type: ignore[attr-defined]
    window.preferences_action.trigger()  # type: ignore[attr-defined]
    from geodl_app.ui.preferences import PreferencesDialog

    [dialog] = window.findChildren(PreferencesDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.isModal()
    assert not dialog.tray.isEnabled()  # no tray here: closing the window quits
    dialog.lead.setValue(10)
    dialog.update_automatically.setChecked(True)
    dialog.computer_times.setChecked(True)
    saved = json.loads(settings.settings_path().read_text("utf-8"))
    assert saved["reminder_lead_minutes"] == 10
    assert saved["update_automatically"] is True
    assert saved["times_in"] == "computer"
    assert companion.settings.settings.reminder_lead_minutes == 10
    # The lead applies to the schedule at once.
    qtbot.waitUntil(lambda: companion.reminders is not None)
    BookmarkStore(CONF).star(["talk-marchetti"])
    companion.plan.plan_store.reload_if_changed()  # type: ignore[union-attr]
    [reminder] = companion.reminders.schedule.reminders  # type: ignore[union-attr]
    assert (reminder.start - reminder.due).total_seconds() == 600
    dialog.reminders.setChecked(False)
    assert not dialog.lead.isEnabled()
    assert companion.reminders.schedule.reminders == []  # type: ignore[union-attr]
    assert settings.load().settings.reminders is False


def test_a_damaged_settings_file_is_reported_in_the_window(
    qtbot: QtBot, gdl: Conference, isolated_user_dirs
) -> None:
    isolated_user_dirs.mkdir(parents=True, exist_ok=True)
    settings.settings_path().write_text("{not json")
    built = app.open_companion(gdl)
    built.window.show()
    qtbot.waitUntil(lambda: "settings.json" in built.window.statusBar().currentMessage())
    assert "kept as settings.json.unreadable-" in built.window.statusBar().currentMessage()
    built.window.close()


def test_the_pane_button_and_the_context_menu_switch_an_items_reminder(
    qtbot: QtBot, companion: Companion
) -> None:
    window = companion.window
    store = companion.plan.plan_store  # type: ignore[union-attr]
    window.open_here("talk-bokman")
    pane = window.panes[0]
    assert not pane.remind_button.isVisible()  # not planned: nothing to remind of
    store.star("talk-bokman")
    assert pane.remind_button.isVisible() and pane.remind_button.text() == "✓ Reminder"
    qtbot.mouseClick(pane.remind_button, Qt.MouseButton.LeftButton)
    assert not BookmarkStore(CONF).plan.reminds("talk-bokman")
    assert pane.remind_button.text() == "No reminder"
    menu = window.timetable._context_menu("talk-bokman")
    [remind] = [a for a in menu.actions() if a.text() == "Remind me"]
    assert remind.isCheckable() and not remind.isChecked()
    remind.trigger()
    assert BookmarkStore(CONF).plan.reminds("talk-bokman")
    assert pane.remind_button.text() == "✓ Reminder"
    # An item not in the plan has no such entry.
    menu = window.timetable._context_menu("talk-marchetti")
    assert "Remind me" not in [a.text() for a in menu.actions()]


def test_the_pane_gives_this_computers_times_too_and_the_preference_puts_them_first(
    qtbot: QtBot, gdl: Conference, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    built = app.open_companion(gdl)
    window = built.window
    window.show()
    window.open_here("talk-bokman")
    text = window.panes[0].reader.toPlainText()
    assert "14:10–14:50 at the conference (CEST); 08:10–08:50 your time (EDT)" in text
    assert "Tuesday 11 June 2024" in text  # the day stays the conference's
    built.settings.update(times_in="computer")  # applies at once
    text = window.panes[0].reader.toPlainText()
    assert "08:10–08:50 your time (EDT); 14:10–14:50 at the conference (CEST)" in text
    window.close()


def test_a_pane_in_the_conferences_own_zone_gives_one_time(qtbot: QtBot, companion) -> None:
    companion.window.open_here("talk-bokman")
    text = companion.window.panes[0].reader.toPlainText()
    assert "14:10–14:50 (40 min)" in text and "your time" not in text


def test_the_tray_menu_shows_next_up_and_opens_it(qtbot: QtBot, companion: Companion) -> None:
    from PySide6.QtGui import QIcon

    from geodl_app.ui.tray import Tray

    companion.plan.plan_store.star("talk-marchetti")  # type: ignore[union-attr]
    opened: list[str] = []
    tray = Tray(
        QIcon(),
        show_window=companion.show_window,
        next_up=companion._next_up,
        open_item=opened.append,
        quit_app=lambda: None,
    )
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show",
        "Next up: 15:10 Harmonics of Learning",
        "Quit",
    ]
    tray.next_action.trigger()
    assert opened == ["talk-marchetti"]
    companion.plan.plan_store.unstar("talk-marchetti")  # type: ignore[union-attr]
    tray.refresh()
    assert tray.next_action.text() == "Next up: nothing planned"
    assert not tray.next_action.isEnabled()


def test_keep_running_in_the_tray_applies_only_where_there_is_a_tray(
    qtbot: QtBot, companion: Companion
) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from geodl_app.ui.tray import Tray

    try:
        companion.settings.update(keep_running_in_tray=True)
        assert QApplication.quitOnLastWindowClosed()  # no tray: closing quits as before
        companion.tray = Tray(
            QIcon(),
            show_window=companion.show_window,
            next_up=lambda: ("nothing planned", None),
            open_item=lambda _id: None,
            quit_app=lambda: None,
        )
        companion._apply_settings()
        assert not QApplication.quitOnLastWindowClosed()
        companion.settings.update(keep_running_in_tray=False)  # applies at once
        assert QApplication.quitOnLastWindowClosed()
    finally:
        QApplication.setQuitOnLastWindowClosed(True)


def test_the_windows_plan_calendar_has_alarms_and_notes_export_to_markdown(
    qtbot: QtBot, companion: Companion, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from geodl_app.ui.export_dialog import TARGETS

    store = companion.plan.plan_store  # type: ignore[union-attr]
    store.star("talk-bokman")
    store.set_note("talk-bokman", "Ask about steerers")
    companion.settings.update(reminder_lead_minutes=15)
    answers = [(str(tmp_path / "plan.ics"), TARGETS[0].filter), (str(tmp_path / "n.md"), "")]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: answers.pop(0))
    )
    companion.window.export_action.trigger()
    assert b"BEGIN:VALARM" in (tmp_path / "plan.ics").read_bytes()
    assert b"TRIGGER:-PT15M" in (tmp_path / "plan.ics").read_bytes()
    companion.window.export_notes_action.trigger()  # type: ignore[attr-defined]
    notes = (tmp_path / "n.md").read_text("utf-8")
    assert "## On the usefulness of equivariant image representations" in notes
    assert notes.rstrip().endswith("Ask about steerers")
    assert "Wrote your notes (1 item)" in companion.window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("now", "view"), [("2024-06-12T10:00", "now"), ("2024-07-01T10:00", "grid")]
)
def test_the_app_opens_on_now_and_next_during_the_conference_if_chosen(
    qtbot: QtBot, gdl: Conference, monkeypatch: pytest.MonkeyPatch, now: str, view: str
) -> None:
    settings.save(settings.changed(settings.Settings(), open_on_now_and_next=True))
    monkeypatch.setenv("GEODL_APP_NOW", now)
    built = app.open_companion(gdl)
    qtbot.addWidget(built.window)
    assert built.window.view() == view


def test_snooze_on_a_reminder_reminds_again_five_minutes_later(
    qtbot: QtBot, companion: Companion
) -> None:
    qtbot.waitUntil(lambda: companion.reminders is not None)
    companion.plan.plan_store.star("talk-bokman")  # type: ignore[union-attr]
    schedule = companion.reminders.schedule  # type: ignore[union-attr]
    assert schedule.next_due() is None  # reminded at once (within the lead)
    companion.notifier.snooze_requested.emit("talk-bokman")  # type: ignore[union-attr]
    due = schedule.next_due()
    assert due is not None
    assert due.astimezone(ZONE).strftime("%H:%M") == "14:11"


def test_reminders_follow_the_conference_shown_and_outlive_a_reload(
    qtbot: QtBot, companion: Companion
) -> None:
    from shared_programs import PROGRAMS, shared_file

    from geodl_app.program import load_program

    qtbot.waitUntil(lambda: companion.reminders is not None)
    first = companion.reminders.schedule  # type: ignore[union-attr]
    # The same conference again (as after a programme update): nothing is reminded twice.
    companion.open_bundled()
    assert companion.reminders.conference.id == CONF  # type: ignore[union-attr]
    assert companion.reminders.schedule is first  # type: ignore[union-attr]
    path = shared_file(PROGRAMS / "democon.frab.json")
    other = load_program(path)
    companion.switch_to(other, path)
    assert companion.reminders.conference.id == other.id  # type: ignore[union-attr]
    assert companion.reminders.plan_store.conference.id == other.id  # type: ignore[union-attr]
    assert companion.reminders.schedule is not first  # type: ignore[union-attr]
