"""Squeezed layouts (issue 14, item 10): the timetable keeps a readable width with three
panes (they stack instead), My plan's header wraps instead of being cut, and a clash
notice takes room of its own under the timetable instead of covering a pane."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRect

from geodl_app import app
from geodl_app.bookmarks import Appointment
from geodl_app.model import Conference
from geodl_app.ui.clash_notice import ClashNotice
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.pane_area import MIN_TIMETABLE_WIDTH

ZONE = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def window(qtbot, gdl: Conference) -> MainWindow:
    win = app.build_main_window(gdl)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_three_panes_leave_the_timetable_its_width(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    window.open_beside("talk-bekkers")
    window.open_beside("talk-nyholm")
    assert len(window.panes) == 3
    qtbot.waitUntil(lambda: window.splitter.widget(0).width() >= MIN_TIMETABLE_WIDTH)
    # Every day column whole on screen: GDL's three days fit the timetable's width.
    timetable = window.timetable
    geometry = timetable._current_geometry()
    assert geometry.content_width <= timetable.viewport().width() - geometry.axis_width
    # The panes are stacked, each still readable.
    assert window.pane_area.is_stacked()
    for pane in window.panes:
        assert pane.isVisible() and pane.width() >= 280 and pane.height() >= 150
    # Closing one lets the other two stand side by side again.
    window.panes[2].close_button.click()
    assert not window.pane_area.is_stacked()
    assert [p.event_id() for p in window.panes] == ["talk-bokman", "talk-bekkers"]


def test_my_plan_header_wraps_in_a_narrow_view(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    window.open_beside("talk-bekkers")
    window.open_beside("talk-nyholm")
    window.set_view("plan")
    plan = window.my_plan()
    store = window.companion.plan.plan_store  # type: ignore[attr-defined]
    start = datetime(2024, 6, 11, 14, 30, tzinfo=ZONE)
    store.add_appointment(Appointment.create("Call with Anna", start, start.replace(minute=59)))
    store.toggle_star("talk-bokman")
    qtbot.waitUntil(lambda: "appointment" in plan.summary.text())
    label = plan.summary
    needed = label.fontMetrics().horizontalAdvance(label.text())
    # Whole: either it fits on one line, or it wraps onto more.
    assert needed <= label.width() or label.height() >= 2 * label.fontMetrics().height()
    assert label.wordWrap()


def test_a_clash_notice_covers_no_pane(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    window.open_beside("talk-bekkers")
    store = window.companion.plan.plan_store  # type: ignore[attr-defined]
    store.toggle_star("talk-bokman")
    start = datetime(2024, 6, 11, 14, 30, tzinfo=ZONE)
    store.add_appointment(Appointment.create("Call with Anna", start, start.replace(minute=59)))
    qtbot.waitUntil(lambda: bool(window.findChildren(ClashNotice)))
    [notice] = [n for n in window.findChildren(ClashNotice) if n.isVisible()]
    box = QRect(notice.mapTo(window, notice.rect().topLeft()), notice.size())
    for pane in window.panes:
        pane_box = QRect(pane.mapTo(window, pane.rect().topLeft()), pane.size())
        assert not box.intersects(pane_box)
    timetable_box = QRect(
        window.timetable.mapTo(window, window.timetable.rect().topLeft()),
        window.timetable.size(),
    )
    assert not box.intersects(timetable_box)
