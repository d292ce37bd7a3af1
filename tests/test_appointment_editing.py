"""Own appointments are edited where they are seen (issue 14, item 11): from their pane,
by a double-click and from their context menu; a clash tooltip names the other item."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from geodl_app import app
from geodl_app.bookmarks import Appointment
from geodl_app.model import Conference
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.main_window import MainWindow

ZONE = ZoneInfo("Europe/Stockholm")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def window(qtbot: QtBot, gdl: Conference) -> MainWindow:
    win = app.build_main_window(gdl)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _add_call(window: MainWindow) -> str:
    store = window.companion.plan.plan_store  # type: ignore[attr-defined]
    # Bökman speaks 14:10–14:50 on Tuesday.
    call = Appointment.create("Call with Anna", at(11, 14, 30), at(11, 15, 0))
    store.add_appointment(call)
    return call.id


def _open_dialog(window: MainWindow) -> AppointmentDialog | None:
    dialogs = [d for d in window.findChildren(AppointmentDialog) if d.isVisible()]
    return dialogs[-1] if dialogs else None


def test_double_click_on_an_appointment_opens_it_for_editing(qtbot, window: MainWindow) -> None:
    call = _add_call(window)
    rect = window.timetable.block_rect(call)
    assert not rect.isEmpty()
    qtbot.mouseDClick(window.timetable.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: _open_dialog(window) is not None)
    dialog = _open_dialog(window)
    assert dialog.original is not None and dialog.original.id == call
    assert dialog.title_edit.text() == "Call with Anna"


def test_the_pane_of_an_appointment_has_an_edit_button(qtbot, window: MainWindow) -> None:
    call = _add_call(window)
    window.timetable.select(call)
    pane = window.panes[0]
    assert pane.event_id() == call
    assert pane.edit_button.isVisibleTo(pane)
    pane.edit_button.click()
    qtbot.waitUntil(lambda: _open_dialog(window) is not None)
    assert _open_dialog(window).original.id == call
    # A talk's pane has none.
    window.timetable.select("talk-bokman")
    assert not pane.edit_button.isVisibleTo(pane)


def test_the_context_menu_of_an_appointment_offers_edit(qtbot, window: MainWindow) -> None:
    call = _add_call(window)
    menu: QMenu = window.timetable._context_menu(call)
    edit = next(a for a in menu.actions() if a.text().startswith("Edit appointment"))
    edit.trigger()
    qtbot.waitUntil(lambda: _open_dialog(window) is not None)
    assert _open_dialog(window).original.id == call
    menu.deleteLater()


def test_double_click_in_the_agenda_edits_an_appointment(qtbot, window: MainWindow) -> None:
    call = _add_call(window)
    window.set_view("agenda")
    agenda = window.agenda
    qtbot.waitUntil(agenda.isVisible)
    agenda.select(call)
    rect = agenda.visualRect(agenda.currentIndex())
    # A view takes a double-click only on the item pressed just before, as a real one is.
    qtbot.mousePress(agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: _open_dialog(window) is not None)
    assert _open_dialog(window).original.id == call


def test_clash_tooltip_names_the_other_item(qtbot, window: MainWindow) -> None:
    call = _add_call(window)
    store = window.companion.plan.plan_store  # type: ignore[attr-defined]
    store.toggle_star("talk-bokman")
    talk_tip = window.timetable._tooltip("talk-bokman")
    assert "clashes with your appointment “Call with Anna”" in talk_tip
    call_tip = window.timetable._tooltip(call)
    assert "clashes with “On the usefulness of equivariant image representations”" in call_tip
    assert "your appointment “Call with Anna”" in window.timetable.accessible_label("talk-bokman")
    row = window.agenda_model.row_of("talk-bokman")
    tip = window.agenda_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "clashes with your appointment “Call with Anna”" in tip
