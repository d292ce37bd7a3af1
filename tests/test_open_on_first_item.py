"""A programme that runs past midnight opens on its first item, not on an empty
midnight; each day shown alone opens on its own first item, or on now (issue 14, item 3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


def _window(qtbot, conference: Conference) -> MainWindow:
    win = MainWindow(conference, restore=False, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _on_screen(window: MainWindow, event_id: str) -> bool:
    rect = window.timetable.block_rect(event_id)
    return not rect.isEmpty() and QRect(window.timetable.viewport().rect()).contains(rect.topLeft())


def _first_of_day(conference: Conference, index: int) -> str:
    day = conference.days[index]
    return next(e.id for e in conference.events if conference.local(e.start).date() == day)


def test_the_grid_starts_at_midnight_but_opens_on_the_first_item(
    qtbot,
    ccc: Conference,
) -> None:
    window = _window(qtbot, ccc)
    assert window.timetable.layout_model.axis_start == 0  # late sessions from 00:00
    first = ccc.events[0]
    assert ccc.local(first.start).hour >= 10
    assert _on_screen(window, first.id)


def test_a_day_chosen_alone_opens_on_its_first_item(qtbot, ccc: Conference) -> None:
    window = _window(qtbot, ccc)
    window.day_selector.setCurrentIndex(1)  # the first day alone
    assert _on_screen(window, _first_of_day(ccc, 0))
    window.day_selector.setCurrentIndex(3)  # the third: from 00:00
    assert _on_screen(window, _first_of_day(ccc, 2))


def test_during_the_conference_it_opens_on_now(
    qtbot,
    ccc: Conference,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2026-12-29T18:10")
    window = _window(qtbot, ccc)
    _day, minute = window.timetable.now_position()
    y = window.timetable._current_geometry().pixels_per_minute * minute
    top = window.timetable.verticalScrollBar().value()
    assert top <= y <= top + window.timetable.viewport().height()
