"""The timetable widget: blocks, selection, keys, zoom, marks and the now line."""

from __future__ import annotations

import gc
import sys
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from geodl_app.model import Conference, Event, Kind
from geodl_app.ui.timetable import Timetable


@pytest.fixture
def timetable(qtbot, gdl: Conference) -> Timetable:
    widget = Timetable(gdl)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_blocks_follow_start_and_duration(timetable: Timetable) -> None:
    bokman = timetable.block_rect("talk-bokman")  # 14:10-14:50, 40 min
    marchetti = timetable.block_rect("talk-marchetti")  # 15:10-15:50, 40 min
    coffee = timetable.block_rect("coffee-2024-06-11")  # 14:50-15:10, 20 min
    assert bokman.height() == pytest.approx(marchetti.height(), abs=1)
    assert coffee.height() == pytest.approx(bokman.height() / 2, abs=2)
    assert bokman.top() < coffee.top() < marchetti.top()
    # Tuesday, Wednesday, Thursday from left to right.
    bekkers = timetable.block_rect("talk-bekkers")
    chmiela = timetable.block_rect("talk-chmiela")
    assert bokman.left() < bekkers.left() < chmiela.left()


def test_click_selects_and_reports_the_item(qtbot, timetable: Timetable) -> None:
    rect = timetable.block_rect("talk-bokman")
    with qtbot.waitSignal(timetable.selection_changed) as blocker:
        qtbot.mouseClick(timetable.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["talk-bokman"]
    assert timetable.selected_id() == "talk-bokman"
    assert "Tuesday 14:10–14:50, Georg Bökman" in timetable.accessibleDescription()


def test_ctrl_click_asks_to_open_beside(qtbot, timetable: Timetable) -> None:
    rect = timetable.block_rect("talk-marchetti")
    with qtbot.waitSignal(timetable.open_beside_requested) as blocker:
        qtbot.mouseClick(
            timetable.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert blocker.args == ["talk-marchetti"]


def test_arrow_keys_move_the_selection(qtbot, timetable: Timetable) -> None:
    timetable.select("talk-bokman")
    timetable.setFocus()
    qtbot.keyClick(timetable, Qt.Key.Key_Down)
    assert timetable.selected_id() == "coffee-2024-06-11"
    qtbot.keyClick(timetable, Qt.Key.Key_Up)
    qtbot.keyClick(timetable, Qt.Key.Key_Up)
    assert timetable.selected_id() == "welcome"
    qtbot.keyClick(timetable, Qt.Key.Key_Right)
    assert timetable.layout_model.find(timetable.selected_id()).day_index == 1


def test_enter_and_ctrl_enter(qtbot, timetable: Timetable) -> None:
    timetable.select("talk-bokman")
    with qtbot.waitSignal(timetable.activated) as opened:
        qtbot.keyClick(timetable, Qt.Key.Key_Return)
    assert opened.args == ["talk-bokman"]
    with qtbot.waitSignal(timetable.open_beside_requested) as beside:
        qtbot.keyClick(timetable, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert beside.args == ["talk-bokman"]


def test_space_asks_to_toggle_the_star(qtbot, timetable: Timetable) -> None:
    timetable.select("talk-bokman")
    with qtbot.waitSignal(timetable.star_toggle_requested) as blocker:
        qtbot.keyClick(timetable, Qt.Key.Key_Space)
    assert blocker.args == ["talk-bokman"]


def test_clicking_the_star_corner_asks_to_toggle(qtbot, timetable: Timetable) -> None:
    rect = timetable.block_rect("talk-bokman")
    corner = QPoint(rect.right() - 6, rect.top() + 6)
    with qtbot.waitSignal(timetable.star_toggle_requested) as blocker:
        qtbot.mouseClick(timetable.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    assert blocker.args == ["talk-bokman"]


def _block_pixels(timetable: Timetable, event_id: str) -> QImage:
    timetable.viewport().repaint()
    image = timetable.viewport().grab().toImage()
    return image.copy(timetable.block_rect(event_id))


def _differs(a: QImage, b: QImage) -> bool:
    return a.size() != b.size() or a != b


def test_set_marks_draws_a_star_and_a_clash_badge(timetable: Timetable) -> None:
    plain = _block_pixels(timetable, "talk-bokman")
    timetable.set_marks({"talk-bokman"}, set())
    starred = _block_pixels(timetable, "talk-bokman")
    assert _differs(plain, starred)
    assert timetable.is_starred("talk-bokman")
    timetable.set_marks({"talk-bokman"}, {"talk-bokman"})
    assert _differs(starred, _block_pixels(timetable, "talk-bokman"))
    assert "clashes" in timetable.accessible_label("talk-bokman")
    assert "starred" in timetable.accessible_label("talk-bokman")


def test_search_highlight_dims_other_blocks(timetable: Timetable) -> None:
    before_other = _block_pixels(timetable, "talk-marchetti")
    timetable.set_highlight({"talk-bokman"})
    assert timetable.is_dimmed("talk-marchetti") and not timetable.is_dimmed("talk-bokman")
    assert _differs(before_other, _block_pixels(timetable, "talk-marchetti"))
    timetable.set_highlight(None)
    assert not timetable.is_dimmed("talk-marchetti")
    assert not _differs(before_other, _block_pixels(timetable, "talk-marchetti"))


def test_zoom_with_keys_and_ctrl_wheel(qtbot, timetable: Timetable) -> None:
    height = timetable.block_rect("talk-bokman").height()
    qtbot.keyClick(timetable, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert timetable.zoom() > 1
    assert timetable.block_rect("talk-bokman").height() > height
    qtbot.keyClick(timetable, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(timetable, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert timetable.zoom() < 1
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    zoom = timetable.zoom()
    wheel = QWheelEvent(
        QPointF(300, 300),
        QPointF(timetable.viewport().mapToGlobal(QPoint(300, 300))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(timetable.viewport(), wheel)
    assert timetable.zoom() > zoom


def test_day_filter_shows_one_day(timetable: Timetable) -> None:
    timetable.set_day_filter(1)
    assert timetable.block_rect("talk-bokman").isEmpty()
    assert not timetable.block_rect("talk-bekkers").isEmpty()
    # One day gets the whole width.
    assert timetable.block_rect("talk-bekkers").width() > 600


def test_now_line_when_the_clock_is_faked_inside(monkeypatch, timetable: Timetable) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-12T10:15")
    assert timetable.now_position() == (1, 75.0)
    assert timetable.jump_to_now()
    monkeypatch.setenv("GEODL_APP_NOW", "2023-01-01T10:00")
    assert timetable.now_position() is None
    assert not timetable.jump_to_now()
    monkeypatch.setenv("GEODL_APP_NOW", "garbage")
    assert timetable.now_position() is None  # a bad value never breaks painting
    timetable.viewport().repaint()


def test_open_ended_dinner_is_drawn_with_an_extent(timetable: Timetable) -> None:
    dinner = timetable.block_rect("conference-dinner")
    talk = timetable.block_rect("talk-bekkers")  # 60 minutes
    assert dinner.height() == pytest.approx(talk.height() * 1.5, abs=2)
    assert "no end given" in timetable.accessible_label("conference-dinner")


def test_personal_items_appear_and_cannot_be_starred(qtbot, timetable: Timetable) -> None:
    start = datetime.fromisoformat("2024-06-12T16:40:00+02:00")
    mine = Event(
        id="mine-1",
        kind=Kind.PERSONAL,
        title="Call home",
        start=start,
        end=start + timedelta(minutes=15),
    )
    timetable.set_personal_items([mine])
    assert not timetable.block_rect("mine-1").isEmpty()
    assert timetable.layout_model.find("mine-1").personal
    timetable.select("mine-1")
    with qtbot.assertNotEmitted(timetable.star_toggle_requested):
        qtbot.keyClick(timetable, Qt.Key.Key_Space)
    assert "your own appointment" in timetable.accessible_label("mine-1")


def test_painting_keeps_none_alive(timetable: Timetable) -> None:
    # PySide6 6.12.0 on Python 3.11 lost a reference to None on every void
    # call, so a long-running window aborted with "deallocating None".
    # The collector is held off: freeing unrelated objects also drops
    # references to None, which made this test fail at random in a full run.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(20):
            timetable.viewport().repaint()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # Hundreds of void calls per paint: a leak would lose thousands.
    assert after >= before - 50


def test_parallel_rooms_are_drawn_side_by_side(qtbot) -> None:
    start = datetime.fromisoformat("2021-02-06T10:00:00+01:00")
    events = [
        Event(
            id=f"t{n}",
            kind=Kind.TALK,
            title=f"Talk {n}",
            start=start,
            end=start + timedelta(minutes=30),
            room=room,
        )
        for n, room in enumerate(["K.1.105", "H.2215", "UD2.120"])
    ]
    conference = Conference(
        id="multi",
        name="Multi-room",
        first_day=start.date(),
        last_day=start.date(),
        timezone="Europe/Brussels",
        events=events,
    )
    widget = Timetable(conference)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    rects = [widget.block_rect(f"t{n}") for n in range(3)]
    assert rects[0].top() == rects[1].top() == rects[2].top()
    assert rects[0].right() < rects[1].left() and rects[1].right() < rects[2].left()
    widget.viewport().repaint()


def test_a_search_repaints_every_block_on_screen(qtbot, timetable: Timetable) -> None:
    from PySide6.QtCore import QEvent, QObject, QRect

    painted: list[QRect] = []

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())  # type: ignore[attr-defined]
            return False

    watcher = Watcher()
    timetable.viewport().installEventFilter(watcher)
    # Any paint still pending happens now, before the search.
    timetable.viewport().update()
    qtbot.waitUntil(lambda: bool(painted))
    painted.clear()
    timetable.set_highlight({"talk-bokman"})
    qtbot.waitUntil(lambda: bool(painted))
    exposed = painted[0]
    for event_id in ("talk-bokman", "talk-marchetti", "talk-bekkers", "talk-chmiela"):
        block = timetable.block_rect(event_id).intersected(timetable.viewport().rect())
        assert block.isEmpty() or exposed.contains(block), event_id


def test_a_shorter_timetable_keeps_its_blocks_and_scrolls_further(
    qtbot, timetable: Timetable
) -> None:
    before = timetable.block_rect("talk-bokman")
    scroll_range = timetable.verticalScrollBar().maximum()
    timetable.resize(timetable.width(), timetable.height() - 200)
    qtbot.waitUntil(lambda: timetable.verticalScrollBar().maximum() == scroll_range + 200)
    assert timetable.block_rect("talk-bokman") == before
    timetable.resize(timetable.width() + 300, timetable.height())
    qtbot.waitUntil(lambda: timetable.block_rect("talk-bokman").width() > before.width())
