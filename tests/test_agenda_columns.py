"""The agenda list on a big programme (issue 14, item 8): time, room, title, speakers,
track, star; the room (and the star) in view without scrolling; widths remembered;
sortable by any column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from shared_programs import PROGRAMS, shared_file

from geodl_app import app
from geodl_app.model import Conference
from geodl_app.program import load_program
from geodl_app.ui.agenda import AgendaModel
from geodl_app.ui.main_window import MainWindow


def _window(qtbot, conference: Conference, width: int = 1366) -> MainWindow:
    # As the app opens it: the Companion saves the layout when the window closes.
    win = app.open_companion(conference).window
    qtbot.addWidget(win)
    win.resize(width, 768)
    win.show()
    qtbot.waitExposed(win)
    win.set_view("agenda")
    qtbot.waitUntil(win.agenda.isVisible)
    return win


def _in_view(window: MainWindow, name: str) -> bool:
    agenda = window.agenda
    index = window.agenda_model.index(0, window.agenda_model.column(name))
    rect = agenda.visualRect(index)
    return QRect(agenda.viewport().rect()).contains(rect)


def test_the_columns(gdl: Conference) -> None:
    model = AgendaModel(gdl)
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == ["Day", "Time", "Room", "Title", "Speakers", "Track", "Star"]


@pytest.mark.parametrize("program", ["ccc", "fosdem"])
def test_room_and_star_in_view_at_1366(qtbot, ccc: Conference, program: str) -> None:
    if program == "ccc":
        conference = ccc
    else:
        path = shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")
        conference = load_program(path, timezone="Europe/Brussels")
    window = _window(qtbot, conference)
    assert window.agenda.horizontalScrollBar().value() == 0
    for name in ("time", "room", "title", "star"):
        assert _in_view(window, name), f"the {name} column is off screen"


def test_track_column_shows_name_and_colour(qtbot, ccc: Conference) -> None:
    model = AgendaModel(ccc)
    event = next(e for e in ccc.events if e.track == "Security")
    index = model.index(model.row_of(event.id), model.column("track"))
    assert index.data() == "Security"
    assert index.data(Qt.ItemDataRole.DecorationRole).name() == "#d81b60"  # the file's own


def test_sorting_by_a_heading_click(qtbot, ccc: Conference) -> None:
    window = _window(qtbot, ccc)
    agenda, model = window.agenda, window.agenda_model
    selected = ccc.events[300].id
    agenda.select(selected)
    header = agenda.header()
    section = model.column("room")
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(
            header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
            header.height() // 2,
        ),
    )
    rooms = [model.event_at(n).room for n in range(model.rowCount())]
    order = {room: n for n, room in enumerate(ccc.rooms)}
    keys = [order.get(r, len(order)) if r else len(order) + 1 for r in rooms]
    assert keys == sorted(keys) or keys == sorted(keys, reverse=True)
    assert rooms[0] == ccc.rooms[0] or rooms[-1] == ccc.rooms[0]
    # The selection stays on the same item.
    assert agenda.selected_id() == selected
    model.sort(model.column("title"), Qt.SortOrder.AscendingOrder)
    titles = [model.event_at(n).title.casefold() for n in range(model.rowCount())]
    assert titles == sorted(titles)
    model.sort(model.column("time"), Qt.SortOrder.AscendingOrder)
    starts = [model.event_at(n).start for n in range(model.rowCount())]
    assert starts == sorted(starts)


def test_column_widths_are_remembered(qtbot, ccc: Conference) -> None:
    window = _window(qtbot, ccc)
    column = window.agenda_model.column("speakers")
    window.agenda.setColumnWidth(column, 333)
    window.close()
    again = _window(qtbot, ccc)
    assert again.agenda.columnWidth(column) == 333
