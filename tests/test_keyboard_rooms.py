"""Arrow keys on a multi-room day (issue 14, item 7): Up and Down stay in the room's
column, Left and Right go to the neighbouring room (then day) at about the same time."""

from __future__ import annotations

from PySide6.QtCore import Qt

from geodl_app.layout import Direction, layout_conference, neighbour
from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


def _placement(layout, event_id):
    return layout.find(event_id)


def _in_room(conference: Conference, room: str, day: int, n: int) -> str:
    date = conference.days[day]
    events = [
        e for e in conference.events if e.room == room and conference.local(e.start).date() == date
    ]
    return events[n].id


def test_down_and_up_stay_in_the_room(ccc: Conference) -> None:
    layout = layout_conference(ccc)
    start = _in_room(ccc, "Saal G", 1, 3)
    down = neighbour(layout, start, Direction.DOWN)
    assert ccc.event(down).room == "Saal G"
    assert down == _in_room(ccc, "Saal G", 1, 4)
    assert neighbour(layout, down, Direction.UP) == start


def test_left_and_right_go_to_the_neighbouring_room_at_the_same_time(ccc: Conference) -> None:
    layout = layout_conference(ccc)
    start = _in_room(ccc, "Saal G", 1, 5)
    here = _placement(layout, start)
    right = _placement(layout, neighbour(layout, start, Direction.RIGHT))
    assert right.day_index == here.day_index
    assert right.column == here.column + 1
    assert abs(right.top - here.top) <= 60  # about the same time
    left = _placement(layout, neighbour(layout, right.id, Direction.LEFT))
    assert left.column == here.column


def test_right_from_the_last_room_goes_to_the_next_day(ccc: Conference) -> None:
    layout = layout_conference(ccc)
    day = layout.days[1]
    last = max(p.column for p in day.placements)
    start = next(p for p in day.placements if p.column == last)
    right = _placement(layout, neighbour(layout, start.id, Direction.RIGHT))
    assert right.day_index == 2 and right.column == 0
    back = _placement(layout, neighbour(layout, right.id, Direction.LEFT))
    assert back.day_index == 1 and back.column == last


def test_the_keys_in_the_window(qtbot, ccc: Conference) -> None:
    window = MainWindow(ccc, restore=False, persist=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    timetable = window.timetable
    start = _in_room(ccc, "Saal Z", 0, 2)
    timetable.select(start)
    timetable.setFocus()
    qtbot.keyClick(timetable, Qt.Key.Key_Down)
    assert timetable.selected_id() == _in_room(ccc, "Saal Z", 0, 3)
    qtbot.keyClick(timetable, Qt.Key.Key_Right)
    assert ccc.event(timetable.selected_id()).room == ccc.rooms[ccc.rooms.index("Saal Z") + 1]
    # The selection is scrolled into view.
    assert not timetable.block_rect(timetable.selected_id()).isEmpty()
