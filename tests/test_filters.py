"""Room and track filters on a 90-room congress (issue 14, item 6): a searchable list in
programme order with item counts, open while ticking, "only starred", remembered."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from geodl_app import app
from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


def _window(qtbot, conference: Conference) -> MainWindow:
    # As the app opens it: the Companion saves the layout (and filters) when it closes.
    win = app.open_companion(conference).window
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, ccc: Conference) -> MainWindow:
    return _window(qtbot, ccc)


def test_rooms_are_listed_in_programme_order_with_counts(window: MainWindow) -> None:
    rows = window.room_choice.rows()
    assert [name for name, _count, _ticked in rows] == window.conference.rooms
    counts = Counter(e.room for e in window.conference.events)
    assert all(count == counts[name] for name, count, _ticked in rows)
    # The count is shown beside the name.
    first = window.room_choice.list.item(0)
    assert first.text() == f"{rows[0][0]}  ({rows[0][1]})"


def test_typing_finds_a_room(window: MainWindow) -> None:
    window.room_choice.search.setText("saal")
    names = [name for name, _count, _ticked in window.room_choice.rows()]
    assert names and all("saal" in name.casefold() for name in names)
    assert len(names) < len(window.conference.rooms)


# A menu pops up as a window of its own, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_list_stays_open_while_ticking(qtbot, window: MainWindow) -> None:
    choice = window.room_choice
    choice.menu.popup(window.rooms_button.mapToGlobal(QPoint(0, window.rooms_button.height())))
    qtbot.waitUntil(choice.menu.isVisible)
    for row in (0, 2, 3):
        item = choice.list.item(row)
        rect = choice.list.visualItemRect(item)
        # A click on the tick box, as a user would.
        box = QPoint(rect.left() + rect.height() // 2, rect.center().y())
        qtbot.mouseClick(choice.list.viewport(), Qt.MouseButton.LeftButton, pos=box)
        assert choice.menu.isVisible(), f"the list closed after ticking row {row}"
    assert window.room_filter() == frozenset(window.conference.rooms[n] for n in (0, 2, 3))
    choice.menu.close()


def test_tracks_show_their_colours_and_counts(window: MainWindow) -> None:
    rows = window.track_choice.rows()
    assert [name for name, _c, _t in rows] == window.conference.tracks
    assert all(count > 0 for _name, count, _t in rows)
    assert not window.track_choice.list.item(0).icon().isNull()


def test_only_starred(qtbot, window: MainWindow) -> None:
    conference = window.conference
    starred = {conference.events[100].id, conference.events[500].id}
    window.set_marks(starred, set())
    window.only_starred_action.trigger()
    placed = {p.id for p in window.timetable.layout_model.placements()}
    assert placed == starred
    assert window.agenda_model.rowCount() == 2
    # A star added while the filter is on shows up at once.
    window.set_marks(starred | {conference.events[700].id}, set())
    assert len(list(window.timetable.layout_model.placements())) == 3
    window.only_starred_action.trigger()
    assert len(list(window.timetable.layout_model.placements())) == len(conference.events)


def test_filters_are_remembered_per_conference(qtbot, ccc: Conference, gdl: Conference) -> None:
    first = _window(qtbot, ccc)
    rooms = frozenset(ccc.rooms[:3])
    first.set_room_filter(rooms)
    first.set_track_filter([ccc.tracks[0]])
    first.close()
    # Another conference in between keeps its own (no) filters and does not erase these.
    other = _window(qtbot, gdl)
    assert other.room_filter() is None and other.track_filter() is None
    other.close()
    again = _window(qtbot, ccc)
    assert again.room_filter() == rooms
    assert again.track_filter() == frozenset({ccc.tracks[0]})
    assert {p.event.room for p in again.timetable.layout_model.placements()} <= rooms | {None}
    assert QApplication.instance() is not None


def test_clearing_a_filter_reuses_the_whole_programmes_layout(window: MainWindow) -> None:
    whole = window.timetable.layout_model
    window.set_track_filter([window.conference.tracks[0]])
    assert window.timetable.layout_model is not whole
    window.set_track_filter(None)
    assert window.timetable.layout_model is whole  # not laid out again
