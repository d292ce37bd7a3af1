"""The main window as the attendee uses it: click, read, open beside, search, come back."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from geodl_app import app, ui_state
from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, gdl: Conference) -> MainWindow:
    win = MainWindow(gdl)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_block(qtbot, window: MainWindow, event_id: str, ctrl: bool = False) -> None:
    rect = window.timetable.block_rect(event_id)
    assert not rect.isEmpty(), f"{event_id} is not on screen"
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        window.timetable.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
    )


def test_title_names_the_conference_and_the_app(window: MainWindow) -> None:
    assert window.windowTitle() == "Geometric Deep Learning — GeoDL Companion"


def test_clicking_a_block_shows_its_abstract(qtbot, window: MainWindow) -> None:
    click_block(qtbot, window, "talk-bekkers")
    assert len(window.panes) == 1
    assert window.panes[0].event_id() == "talk-bekkers"
    assert "Neural Ideograms" in window.panes[0].reader.toPlainText()


def test_ctrl_click_opens_beside_giving_two_panes(qtbot, window: MainWindow) -> None:
    click_block(qtbot, window, "talk-bekkers")
    click_block(qtbot, window, "talk-nyholm", ctrl=True)
    assert [p.event_id() for p in window.panes] == ["talk-bekkers", "talk-nyholm"]
    assert all(p.isVisible() for p in window.panes)
    # Selecting another item replaces the first pane only.
    click_block(qtbot, window, "talk-chmiela")
    assert [p.event_id() for p in window.panes] == ["talk-chmiela", "talk-nyholm"]


def test_three_panes_fit_a_1366_screen(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    window.open_beside("talk-bekkers")
    window.open_beside("talk-nyholm")
    assert len(window.panes) == 3
    qtbot.waitUntil(lambda: all(p.width() >= 220 for p in window.panes))
    left = window.splitter.widget(0)
    assert left.width() >= 300
    assert sum(window.splitter.sizes()) <= 1366


def test_panes_can_be_closed_and_are_capped(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    for event_id in ("talk-bekkers", "talk-nyholm", "talk-walden", "talk-kessel"):
        window.open_beside(event_id)
    assert len(window.panes) == ui_state.MAX_PANES
    assert window.panes[-1].event_id() == "talk-kessel"  # the last one was replaced
    window.panes[1].close_button.click()
    assert len(window.panes) == ui_state.MAX_PANES - 1
    assert "talk-bekkers" not in [p.event_id() for p in window.panes]


def test_keyboard_moves_the_selection_and_the_pane_follows(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    window.timetable.setFocus()
    qtbot.keyClick(window.timetable, Qt.Key.Key_Down)
    qtbot.keyClick(window.timetable, Qt.Key.Key_Down)
    assert window.timetable.selected_id() == "talk-marchetti"
    assert window.panes[0].event_id() == "talk-marchetti"
    qtbot.keyClick(window.timetable, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [p.event_id() for p in window.panes] == ["talk-marchetti", "talk-marchetti"]


def test_search_dims_other_blocks_lists_results_and_esc_clears(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()
    qtbot.keyClicks(window.search.field, "bokman")
    assert window.search.result_ids() == ["talk-bokman"]
    assert window.timetable.is_dimmed("talk-marchetti")
    assert not window.timetable.is_dimmed("talk-bokman")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert window.timetable.selected_id() == "talk-bokman"
    assert window.panes[0].event_id() == "talk-bokman"
    qtbot.keyClick(window.search.results, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert not window.timetable.is_dimmed("talk-marchetti")
    assert window.timetable.hasFocus()


def test_star_requests_reach_the_window_and_marks_come_back(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-bokman")
    with qtbot.waitSignal(window.star_toggle_requested) as from_grid:
        qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
    assert from_grid.args == ["talk-bokman"]
    with qtbot.waitSignal(window.star_toggle_requested) as from_pane:
        window.panes[0].star_button.click()
    assert from_pane.args == ["talk-bokman"]
    window.set_marks({"talk-bokman"}, {"talk-bokman"})
    assert window.panes[0].is_starred()
    assert window.timetable.is_starred("talk-bokman")
    row = window.agenda_model.row_of("talk-bokman")
    assert window.agenda_model.index(row, window.agenda_model.column("star")).data() == "★ clash"


def test_agenda_view_is_an_alternative_that_keeps_the_selection(qtbot, window: MainWindow) -> None:
    window.timetable.select("talk-nyholm")
    window.agenda_action.trigger()
    assert window.views.currentWidget() is window.agenda
    assert window.agenda.selected_id() == "talk-nyholm"
    window.agenda.setFocus()
    qtbot.keyClick(window.agenda, Qt.Key.Key_Down)
    assert window.panes[0].event_id() == window.agenda.selected_id() != "talk-nyholm"


def test_tab_moves_from_timetable_to_panes_to_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.timetable.select("talk-bokman")
    window.open_beside("talk-bekkers")
    window.timetable.setFocus()

    def tab_out_of(widget) -> None:
        # Inside a pane, Tab first visits the abstract's links, one by one.
        for _ in range(12):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not widget:
                return

    tab_out_of(window.timetable)
    assert window.panes[0].reader.hasFocus()
    tab_out_of(window.panes[0].reader)
    assert window.panes[1].reader.hasFocus()
    tab_out_of(window.panes[1].reader)
    assert window.search.field.hasFocus()


def test_state_is_restored_after_a_restart(qtbot, gdl: Conference, isolated_user_dirs) -> None:
    # Built as the app builds it: the Companion saves the layout when the window closes.
    first = app.open_companion(gdl).window
    qtbot.addWidget(first)
    # Smaller than the offscreen screen (800x800), which restoring clamps to.
    first.resize(790, 700)
    first.show()
    qtbot.waitExposed(first)
    first.timetable.select("talk-bokman")
    first.open_beside("talk-bekkers")
    first.timetable.zoom_in()
    first.day_selector.setCurrentIndex(2)
    first.set_view("agenda")
    # Two panes do not fit beside the timetable at 790 pixels: they are stacked.
    assert first.pane_area.is_stacked()
    first.splitter.setSizes([560, 300])
    sizes = first.splitter.sizes()
    assert sizes[0] == 560
    first.close()
    saved = json.loads((isolated_user_dirs / ui_state.FILE_NAME).read_text())
    assert saved["panes"] == ["talk-bokman", "talk-bekkers"]

    second = MainWindow(gdl)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.splitter.sizes() == sizes)
    assert [p.event_id() for p in second.panes] == ["talk-bokman", "talk-bekkers"]
    assert second.timetable.zoom() == pytest.approx(first.timetable.zoom())
    assert second.timetable.selected_id() == "talk-bokman"
    assert (second.width(), second.height()) == (790, 700)
    assert second.view() == "agenda" and second.agenda_action.isChecked()
    assert second.timetable.day_filter() == 1
    assert second.day_selector.currentIndex() == 2


def test_an_unreadable_state_file_is_reported_and_kept(qtbot, gdl, isolated_user_dirs) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / ui_state.FILE_NAME).write_text("{broken")
    window = MainWindow(gdl)
    qtbot.addWidget(window)
    assert "Window layout reset" in window.statusBar().currentMessage()
    assert any(p.name.startswith("ui-state.json.unreadable") for p in isolated_user_dirs.iterdir())


def test_jump_to_now_with_a_faked_clock(qtbot, monkeypatch, gdl: Conference) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-12T16:15")
    window = MainWindow(gdl)
    qtbot.addWidget(window)
    window.resize(1000, 500)
    window.show()
    qtbot.waitExposed(window)
    assert window.now_action.isEnabled()
    window.timetable.verticalScrollBar().setValue(0)
    window.now_action.trigger()
    # 16:15 is 435 minutes below the 09:00 top: the view scrolled down to it.
    # (The faked clock runs from its first reading, so allow it a minute.)
    assert window.timetable.verticalScrollBar().value() > 0
    day, minutes = window.timetable.now_position()
    assert day == 1
    assert 435.0 <= minutes < 436.0


def test_jump_to_now_is_disabled_outside_the_conference(monkeypatch, qtbot, gdl) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2025-01-01T12:00")
    window = MainWindow(gdl)
    qtbot.addWidget(window)
    assert not window.now_action.isEnabled()


def test_day_selector_shows_one_day(qtbot, window: MainWindow) -> None:
    window.day_selector.setCurrentIndex(2)  # Wednesday
    assert window.timetable.day_filter() == 1
    assert window.timetable.block_rect("talk-bokman").isEmpty()
    assert not window.timetable.block_rect("talk-bekkers").isEmpty()


def test_enter_reads_the_item_in_the_pane(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.timetable.select("talk-nyholm")
    window.timetable.setFocus()
    qtbot.keyClick(window.timetable, Qt.Key.Key_Return)
    assert window.panes[0].event_id() == "talk-nyholm"
    assert window.panes[0].reader.hasFocus()


# A popup menu asks the offscreen platform to raise it and grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_context_menu_offers_open_beside_and_star(qtbot, window: MainWindow) -> None:
    """The menu key on a selected block offers Open, Open beside and Star."""
    window.show()
    qtbot.waitExposed(window)
    window.timetable.select("talk-bokman")
    window.timetable.setFocus()
    offered: list[str] = []

    def choose_open_beside() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose_open_beside)  # not open yet
            return
        offered.extend(a.text() for a in menu.actions() if a.text())
        next(a for a in menu.actions() if a.text() == "Open beside").trigger()
        menu.close()

    QTimer.singleShot(0, choose_open_beside)
    # What the menu key sends (the offscreen platform does not turn the key into it).
    menu_key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard,
        QPoint(0, 0),
        window.timetable.mapToGlobal(QPoint(0, 0)),
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.timetable.open_beside_requested):
        QApplication.sendEvent(window.timetable, menu_key)
    assert set(offered) == {"Open", "Open beside", "Star"}
    qtbot.waitUntil(lambda: [p.event_id() for p in window.panes][-1] == "talk-bokman")


def test_day_selector_follows_a_selection_on_another_day(window: MainWindow) -> None:
    window.day_selector.setCurrentIndex(2)  # Wednesday alone
    window.search.field.setText("bokman")
    window.search.results.setCurrentRow(0)  # Bökman speaks on Tuesday
    assert window.timetable.day_filter() == 0
    assert window.day_selector.currentIndex() == 1
    assert not window.timetable.block_rect("talk-bokman").isEmpty()


def test_closing_survives_an_unwritable_data_folder(qtbot, gdl, isolated_user_dirs) -> None:
    isolated_user_dirs.parent.mkdir(parents=True, exist_ok=True)
    isolated_user_dirs.write_text("a file where the data folder should be")
    window = app.open_companion(gdl).window
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert "not saved" in window.statusBar().currentMessage()


def test_search_made_in_the_grid_dims_the_agenda_when_shown(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    qtbot.keyClicks(window.search.field, "bokman")
    window.set_view("agenda")
    model = window.agenda_model
    title = model.column("title")
    dimmed = model.index(model.row_of("talk-marchetti"), title).data(Qt.ItemDataRole.ForegroundRole)
    assert dimmed == QPalette().brush(QPalette.ColorRole.PlaceholderText)
    hit = model.index(model.row_of("talk-bokman"), title).data(Qt.ItemDataRole.ForegroundRole)
    assert hit is None
    window.search.clear()
    cleared = model.index(model.row_of("talk-marchetti"), title)
    assert cleared.data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_renamed_appointment_is_listed_under_its_new_name(qtbot, window: MainWindow) -> None:
    from datetime import datetime, timedelta

    from geodl_app.model import Event, Kind

    start = datetime.fromisoformat("2024-06-12T16:45:00+02:00")

    def appointment(title: str) -> Event:
        return Event(
            id="own-1", kind=Kind.PERSONAL, title=title, start=start,
            end=start + timedelta(minutes=30),
        )  # fmt: skip

    window.set_personal_items([appointment("Call with Anna")])
    qtbot.keyClicks(window.search.field, "call")
    results = window.search.results
    assert "Call with Anna" in results.model().index(0, 0).data()
    window.set_personal_items([appointment("Call with Bertil")])
    window.search.field.clear()
    qtbot.keyClicks(window.search.field, "call")
    assert window.search.result_ids() == ["own-1"]
    assert "Call with Bertil" in results.model().index(0, 0).data()
