"""The Now-and-next view (issue 14): every room's running and next item, time left,
stars; a toolbar button; refreshed every minute; opened first if the user chooses."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from geodl_app import app, settings
from geodl_app.model import Conference
from geodl_app.now_next import now_and_next
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.now_view import REFRESH_MS

AT = "2026-12-28T14:20"


@pytest.fixture
def window(qtbot, ccc: Conference, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("GEODL_APP_NOW", AT)
    win = MainWindow(ccc, restore=False, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_toolbar_button_shows_the_view(qtbot, window: MainWindow) -> None:
    assert window.now_next_action in window.view_toolbar.actions()
    window.now_next_action.trigger()
    assert window.view() == "now"
    assert window.now_view.isVisible()
    window.grid_action.trigger()
    qtbot.keyClick(window.timetable, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.view() == "now"


def test_rows_are_rooms_in_programme_order_with_now_next_and_time_left(
    window: MainWindow, ccc: Conference
) -> None:
    window.set_view("now")
    view = window.now_view
    at = datetime.fromisoformat(AT).replace(tzinfo=ccc.zone)
    expected = now_and_next(ccc, at)
    texts = view.texts()
    assert [t[0] for t in texts] == [r.room or "Everyone" for r in expected]
    room_order = [r for r in ccc.rooms if r in {t[0] for t in texts}]
    assert [t[0] for t in texts if t[0] != "Everyone"] == room_order
    busy = next(r for r in expected if r.now and r.next)
    row = next(t for t in texts if t[0] == busy.room)
    assert busy.now[0].title in row[1]
    assert row[2].endswith("min left")
    assert busy.next.title in row[3]
    assert row[4] == f"{busy.next.start.astimezone(ccc.zone):%H:%M}"
    assert "rooms busy" in view.heading.text()


def test_stars_show_and_space_stars(qtbot, window: MainWindow, ccc: Conference) -> None:
    window.set_view("now")
    view = window.now_view
    busy = next(r for r in view.rows() if r.now)
    window.set_marks({busy.now[0].id}, set())
    row = next(t for t in view.texts() if t[0] == busy.room)
    assert row[1].startswith("★ ")
    index = [t[0] for t in view.texts()].index(busy.room)
    view.tree.setCurrentItem(view.tree.topLevelItem(index), 1)
    with qtbot.waitSignal(window.star_toggle_requested) as star:
        qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert star.args == [busy.now[0].id]


def test_enter_opens_the_running_item(qtbot, window: MainWindow) -> None:
    window.set_view("now")
    view = window.now_view
    busy = next(r for r in view.rows() if r.now)
    index = [t[0] for t in view.texts()].index(busy.room)
    view.tree.setCurrentItem(view.tree.topLevelItem(index), 1)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.panes[0].event_id() == busy.now[0].id


def test_refreshes_every_minute(qtbot, window: MainWindow, ccc: Conference) -> None:
    window.set_view("now")
    view = window.now_view
    assert view._timer.isActive() and view._timer.interval() == REFRESH_MS == 60_000
    before = view.texts()
    view.refresh(datetime.fromisoformat("2026-12-28T20:05").replace(tzinfo=ccc.zone))
    assert view.texts() != before


def test_filters_apply(window: MainWindow, ccc: Conference) -> None:
    window.set_view("now")
    window.set_room_filter(ccc.rooms[:2])
    assert {t[0] for t in window.now_view.texts()} <= {*ccc.rooms[:2], "Everyone"}


@pytest.mark.parametrize(("now", "shown"), [(AT, "now"), ("2027-02-01T10:00", "grid")])
def test_opens_on_now_and_next_if_chosen_while_running(
    qtbot, ccc: Conference, monkeypatch: pytest.MonkeyPatch, now: str, shown: str
) -> None:
    settings.save(settings.Settings(open_on_now_and_next=True))
    monkeypatch.setenv("GEODL_APP_NOW", now)
    window = app.build_main_window(ccc)
    qtbot.addWidget(window)
    assert window.view() == shown
    assert QApplication.instance() is not None
