"""Blocks stay readable with 90 rooms (issue 14, item 4): columns keep a readable width
and the grid scrolls sideways, the room headings and the time axis stay in place, and
a five-minute lightning talk still shows its title."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from geodl_app.model import Conference
from geodl_app.ui import block_text
from geodl_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ccc: Conference) -> MainWindow:
    win = MainWindow(ccc, restore=False, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _texts(window: MainWindow, event_id: str) -> list[str]:
    timetable = window.timetable
    placement = timetable.layout_model.find(event_id)
    rect = timetable.block_rect(event_id)
    fonts = timetable._fonts()
    lines = block_text.plan_block_text(
        placement,
        window.conference.zone,
        fonts,
        timetable.fontMetrics().height(),
        rect.width() - 14,
        rect.height() - 4,
        rect.height(),
    )
    return [text for _font, _y, _h, text, _muted in lines]


def test_columns_keep_a_readable_width_and_the_grid_scrolls_sideways(window: MainWindow) -> None:
    timetable = window.timetable
    geometry = timetable._current_geometry()
    assert geometry.column_width >= timetable.fontMetrics().averageCharWidth() * 26
    assert timetable.horizontalScrollBar().maximum() > 0


def test_a_talk_title_shows_more_than_ten_characters(window: MainWindow) -> None:
    conference = window.conference
    talk = next(e for e in conference.events if e.room == "Saal G" and len(e.title) > 30 and e.end)
    window.timetable.select(talk.id)
    shown = "".join(_texts(window, talk.id)[1:])  # after the time and speakers
    assert len(shown.replace("…", "")) >= 20


def test_a_lightning_talk_shows_its_title(window: MainWindow) -> None:
    conference = window.conference
    lightning = next(e for e in conference.events if (e.end - e.start).total_seconds() == 300)
    window.timetable.select(lightning.id)
    [line] = _texts(window, lightning.id)
    first_word = lightning.title.split()[0]
    assert first_word in line


def test_headings_and_axis_stay_when_scrolled(qtbot, window: MainWindow) -> None:
    timetable = window.timetable
    timetable.horizontalScrollBar().setValue(timetable.horizontalScrollBar().maximum() // 2)
    timetable.verticalScrollBar().setValue(timetable.verticalScrollBar().maximum() // 2)
    image = timetable.viewport().grab().toImage()
    geometry = timetable._current_geometry()
    window_colour = timetable.palette().color(QPalette.ColorRole.Window)

    def inked(x0: int, y0: int, x1: int, y1: int) -> int:
        return sum(
            1
            for x in range(x0, x1, 2)
            for y in range(y0, y1)
            if QColor(image.pixel(x, y)) != window_colour
        )

    # The room names in the heading row, over the columns scrolled to.
    line = timetable.fontMetrics().height()
    heading = (geometry.axis_width + 4, 6 + line, image.width() - 4, 6 + 2 * line)
    assert inked(*heading) > 200
    # Hour labels down the axis.
    axis = (2, geometry.header_height + 2, geometry.axis_width - 8, image.height() - 2)
    assert inked(*axis) > 200
