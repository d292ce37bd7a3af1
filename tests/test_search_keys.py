"""Search on a big programme (issue 14, item 9): the hit is scrolled to, Enter opens,
Space stars, Esc clears from anywhere in search, the results box fits its rows."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ccc: Conference) -> MainWindow:
    win = MainWindow(ccc, restore=False, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _far_away_item(window: MainWindow) -> str:
    """An item of the last day in one of the last rooms, whose title no other item has
    (so that searching for it finds it alone): off screen when the window opens."""
    conference = window.conference
    titles = Counter(e.title.casefold() for e in conference.events)
    last_rooms = set(conference.rooms[-10:])
    event = next(
        e
        for e in reversed(conference.events)
        if e.room in last_rooms
        and conference.local(e.start).date() == conference.last_day
        and titles[e.title.casefold()] == 1
        and not any(
            e.title.casefold() in other.title.casefold() and other is not e
            for other in conference.events
        )
    )
    return event.id


def _type(qtbot, window: MainWindow, text: str) -> None:
    window.find_action.trigger()
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _visible(window: MainWindow, event_id: str) -> bool:
    rect = window.timetable.block_rect(event_id)
    return not rect.isEmpty() and rect.intersects(QRect(window.timetable.viewport().rect()))


def test_a_single_hit_is_scrolled_into_view(qtbot, window: MainWindow) -> None:
    target = _far_away_item(window)
    assert not _visible(window, target)
    title = window.conference.event(target).title
    _type(qtbot, window, title)
    assert target in window.search.result_ids()
    assert _visible(window, target)


def test_enter_in_the_results_opens_the_item(qtbot, window: MainWindow) -> None:
    target = _far_away_item(window)
    _type(qtbot, window, window.conference.event(target).title)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.search.results
    row = window.search.result_ids().index(target)
    for _ in range(row):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.panes[0].event_id() == target
    assert QApplication.focusWidget() is window.panes[0].reader


def test_space_in_the_results_stars_the_item(qtbot, window: MainWindow) -> None:
    target = _far_away_item(window)
    _type(qtbot, window, window.conference.event(target).title)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    window.search.results.setCurrentRow(window.search.result_ids().index(target))
    with qtbot.waitSignal(window.star_toggle_requested) as blocker:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert blocker.args == [target]
    assert QApplication.focusWidget() is window.search.results


@pytest.mark.parametrize("where", ["field", "results"])
def test_esc_clears_from_anywhere_in_search(qtbot, window: MainWindow, where: str) -> None:
    _type(qtbot, window, "firmware")
    if where == "results":
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        assert QApplication.focusWidget() is window.search.results
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert not window.search.results.isVisible()
    assert window.timetable.is_dimmed(window.conference.events[0].id) is False


def test_results_box_fits_one_hit(qtbot, window: MainWindow) -> None:
    target = _far_away_item(window)
    _type(qtbot, window, window.conference.event(target).title)
    assert window.search.results.count() == 1
    row = window.search.results.sizeHintForRow(0)
    assert window.search.results.height() <= row + 8


def test_results_box_grows_to_a_few_rows_then_scrolls(qtbot, window: MainWindow) -> None:
    _type(qtbot, window, "firmware")
    results = window.search.results
    assert results.count() > 20
    row = results.sizeHintForRow(0)
    assert 5 * row <= results.height() <= 9 * row
