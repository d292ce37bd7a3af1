"""The running app as app.py builds it: the plan bound to the window, the File menu,
My plan, appointments, clashes, other programs and their rooms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from shared_programs import PROGRAMS, shared_file

from geodl_app import app, cli, ui_state
from geodl_app.bookmarks import BookmarkStore, plan_file_name
from geodl_app.model import Conference
from geodl_app.program import load_program
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.clash_notice import ClashNotice
from geodl_app.ui.companion import Companion
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.my_plan import MyPlanView, RowKind

ZONE = ZoneInfo("Europe/Stockholm")
DEMOCON = PROGRAMS / "democon.frab.json"
FOSDEM = PROGRAMS / "fosdem-2021.pentabarf.xml"
# Two DemoCon talks at the same time in its two rooms.
DEMO_GRAY = "8079583e-8321-506c-95af-fd2903a5f075"  # Mon 08:00-08:30, Gray Room
DEMO_TAN = "3a74bb53-ef1a-57ce-9ba7-904d27e9eb5f"  # Mon 08:00-09:30, Tan Room


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=ZONE)


def show(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def companion(qtbot: QtBot, gdl: Conference) -> Iterator[Companion]:
    built = app.open_companion(gdl)
    show(qtbot, built.window)
    yield built
    # The window may have been replaced (another program opened): close the current one.
    if shiboken6.isValid(built.window):
        built.window.close()
        built.window.deleteLater()


def stored_stars(conference_id: str) -> set[str]:
    """What is in the plan file, read as another process would."""
    return BookmarkStore(conference_id).starred_ids()


def add_appointment(window: MainWindow, title: str, start: datetime, end: datetime) -> None:
    dialog = window.add_appointment()
    assert dialog is not None and dialog.isVisible()
    dialog.title_edit.setText(title)
    dialog.set_times(start, end)
    dialog.save_button.click()


def open_dialog(view: MyPlanView) -> AppointmentDialog:
    [dialog] = [d for d in view.findChildren(AppointmentDialog) if d.isVisible()]
    return dialog


def notices(window: MainWindow) -> list[ClashNotice]:
    return [n for n in window.findChildren(ClashNotice) if n.isVisible()]


# ---------------------------------------------------------------------- stars


def test_space_in_the_timetable_stars_and_saves(qtbot: QtBot, companion: Companion) -> None:
    window = companion.window
    window.timetable.select("talk-bokman")
    window.timetable.setFocus()
    qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
    assert stored_stars("gdl2024-umea") == {"talk-bokman"}
    assert window.timetable.is_starred("talk-bokman")
    assert window.timetable.accessible_label("talk-bokman").endswith(", starred")
    assert window.panes[0].star_button.isChecked()
    qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
    assert stored_stars("gdl2024-umea") == set()
    assert not window.timetable.is_starred("talk-bokman")


def test_the_pane_and_the_agenda_star_too(qtbot: QtBot, companion: Companion) -> None:
    window = companion.window
    window.open_here("talk-nyholm")
    qtbot.mouseClick(window.panes[0].star_button, Qt.MouseButton.LeftButton)
    assert stored_stars("gdl2024-umea") == {"talk-nyholm"}
    assert window.panes[0].star_button.text() == "★ Starred"
    window.set_view("agenda")
    window.agenda.select("talk-kessel")
    qtbot.keyClick(window.agenda, Qt.Key.Key_Space)
    assert stored_stars("gdl2024-umea") == {"talk-nyholm", "talk-kessel"}
    model = window.agenda_model
    row = model.row_of("talk-kessel")
    assert model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(", starred")
    assert model.index(row, model.column("star")).data() == "★"
    assert window.timetable.is_starred("talk-kessel")


def test_the_star_on_a_block_is_clicked_with_the_mouse(qtbot: QtBot, companion: Companion) -> None:
    timetable = companion.window.timetable
    block = QRectF(timetable.block_rect("talk-misof"))
    star = QPoint(round(block.right()) - 10, round(block.top()) + 9)
    qtbot.mouseMove(timetable.viewport(), star)
    qtbot.mouseClick(timetable.viewport(), Qt.MouseButton.LeftButton, pos=star)
    assert stored_stars("gdl2024-umea") == {"talk-misof"}
    assert timetable.is_starred("talk-misof")


def test_stars_from_the_command_line_reach_the_running_window(
    qtbot: QtBot, companion: Companion, capsys: pytest.CaptureFixture[str]
) -> None:
    window = companion.window
    qtbot.keyClick(window.timetable, Qt.Key.Key_Space)  # nothing selected: no change
    window.open_here("talk-walden")
    qtbot.mouseClick(window.panes[0].star_button, Qt.MouseButton.LeftButton)
    assert cli.main(["star", "talk-hendi"]) == 0
    qtbot.waitUntil(lambda: window.timetable.is_starred("talk-hendi"), timeout=5000)
    assert window.timetable.is_starred("talk-walden")


# -------------------------------------------------------------------- clashes


def test_a_clash_gets_badges_a_count_and_a_notice_that_compares(
    qtbot: QtBot, companion: Companion
) -> None:
    window = companion.window
    assert window.clash_label.isHidden()
    window.open_here("talk-bokman")
    qtbot.mouseClick(window.panes[0].star_button, Qt.MouseButton.LeftButton)
    add_appointment(window, "Call with Anna", at(11, 14, 30), at(11, 15, 0))
    [appointment] = BookmarkStore("gdl2024-umea").plan.appointments
    # Badges on both blocks, the count in the status bar.
    labels = {i: window.timetable.accessible_label(i) for i in ("talk-bokman", appointment.id)}
    assert "clashes with your appointment “Call with Anna”" in labels["talk-bokman"]
    assert "clashes with “On the usefulness" in labels[appointment.id]
    assert window.clash_label.isVisible()
    assert window.clash_label.text() == "⚠ 1 clash in your plan"
    # The notice names the other item and does not block the window.
    [notice] = notices(window)
    assert "“Call with Anna”" in notice.message.text()
    bokman = companion.conference.event("talk-bokman")
    assert bokman is not None and f"“{bokman.title}”" in notice.message.text()
    assert QApplication.activeModalWidget() is None
    qtbot.mouseClick(notice.compare_button, Qt.MouseButton.LeftButton)
    shown = [p.event_id() for p in window.panes]
    assert "talk-bokman" in shown and appointment.id in shown
    assert all(p.isVisible() for p in window.panes)
    # Unstarring ends the clash: the count goes away.
    window.open_here("talk-bokman")
    qtbot.mouseClick(window.panes[0].star_button, Qt.MouseButton.LeftButton)
    assert window.clash_label.isHidden()
    assert "clashes" not in window.timetable.accessible_label(appointment.id)


def test_two_parallel_talks_clash_in_a_two_room_programme(qtbot: QtBot) -> None:
    conference = load_program(shared_file(DEMOCON))
    companion = app.open_companion(conference, program_path=str(DEMOCON))
    window = show(qtbot, companion.window)
    try:
        window.timetable.select(DEMO_GRAY)
        qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
        assert not notices(window)
        window.timetable.select(DEMO_TAN)
        qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
        assert window.clash_label.text() == "⚠ 1 clash in your plan"
        [notice] = notices(window)
        assert conference.event(DEMO_GRAY).title in notice.message.text()
    finally:
        window.close()


def test_a_plan_file_set_aside_is_reported_naming_the_file(
    qtbot: QtBot, isolated_user_dirs: Path, gdl: Conference
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / plan_file_name(gdl.id)).write_text("{not json")
    companion = app.open_companion(gdl)
    window = show(qtbot, companion.window)
    try:
        qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
        [box] = window.findChildren(QMessageBox)
        assert box.isVisible() and not box.isModal()
        kept_files = [p for p in isolated_user_dirs.iterdir() if p.is_file()]
        [kept] = [p for p in kept_files if p.read_bytes() == b"{not json"]
        assert str(kept) in box.text()
        box.close()
    finally:
        window.close()


# -------------------------------------------------------------------- My plan


def test_my_plan_is_built_when_first_shown_and_opens_abstracts(
    qtbot: QtBot, companion: Companion
) -> None:
    window = companion.window
    assert window.plan_view is None  # nothing built before it is wanted
    window.open_here("talk-kessel")
    qtbot.mouseClick(window.panes[0].star_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.plan_view
    assert isinstance(view, MyPlanView) and window.views.currentWidget() is view
    assert window.view() == "plan" and window.plan_action.isChecked()
    assert [r[0] for r in view.rows()] == [RowKind.DAY, RowKind.EVENT]
    window.open_here("talk-bekkers")  # the pane shows something else meanwhile
    view.select("talk-kessel")
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.panes[0].event_id() == "talk-kessel"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.timetable


def test_an_appointment_added_from_the_plan_menu_shows_in_the_timetable(
    qtbot: QtBot, companion: Companion
) -> None:
    window = companion.window
    assert window.add_appointment_action.isEnabled()
    assert window.add_appointment_action.shortcut().toString() == "Ctrl+N"
    add_appointment(window, "Train home", at(13, 15, 0), at(13, 16, 0))
    [appointment] = BookmarkStore("gdl2024-umea").plan.appointments
    placement = window.timetable.layout_model.find(appointment.id)
    assert placement is not None and placement.personal
    assert window.find_event(appointment.id).title == "Train home"
    # Edited from My plan: double-click its row, change the title, save.
    window.set_view("plan")
    view = window.plan_view
    assert view.select(appointment.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    dialog = open_dialog(view)
    assert dialog.original == appointment
    dialog.title_edit.setText("Train to Stockholm")
    dialog.save_button.click()
    assert window.find_event(appointment.id).title == "Train to Stockholm"
    # And deleted.
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    dialog = open_dialog(view)
    assert dialog.delete_button is not None
    dialog.delete_button.click()
    assert BookmarkStore("gdl2024-umea").plan.appointments == ()
    assert window.timetable.layout_model.find(appointment.id) is None


# ----------------------------------------------------------------------- File


def answer_open_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: ("" if path is None else str(path), "")),
    )


def test_open_swaps_the_conference_and_each_keeps_its_own_plan(
    qtbot: QtBot, companion: Companion, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared_file(DEMOCON)
    old = companion.window
    old.resize(1200, 700)
    old.timetable.select("talk-bokman")
    qtbot.keyClick(old.timetable, Qt.Key.Key_Space)
    answer_open_dialog(monkeypatch, DEMOCON)
    old.open_action.trigger()
    new = companion.window
    assert new is not old and new.isVisible()
    assert new.windowTitle() == "DemoCon — GeoDL Companion"
    assert new.size() == old.size()
    assert new.conference.id == "democon"
    assert not new.timetable.is_starred("talk-bokman")
    new.timetable.select(DEMO_TAN)
    qtbot.keyClick(new.timetable, Qt.Key.Key_Space)
    assert stored_stars("democon") == {DEMO_TAN}
    assert stored_stars("gdl2024-umea") == {"talk-bokman"}
    # Open Recent remembers it; Open Bundled Programme goes back with the old stars.
    new.file_menu.aboutToShow.emit()
    recent = [a.toolTip() for a in new.recent_menu.actions()]
    assert recent == [str(DEMOCON.resolve())]
    assert new.bundled_action.isEnabled()
    new.bundled_action.trigger()
    back = companion.window
    assert back.conference.id == "gdl2024-umea"
    assert back.timetable.is_starred("talk-bokman")
    assert not back.bundled_action.isEnabled()
    back.file_menu.aboutToShow.emit()
    back.recent_menu.actions()[0].trigger()
    assert companion.window.conference.id == "democon"
    assert companion.window.timetable.is_starred(DEMO_TAN)


def test_a_file_that_does_not_open_changes_nothing(
    qtbot: QtBot,
    companion: Companion,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_user_dirs: Path,
) -> None:
    window = companion.window
    window.timetable.select("talk-bokman")
    qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
    before = {p.name: p.read_bytes() for p in isolated_user_dirs.iterdir()}
    broken = tmp_path / "broken.xml"
    broken.write_text("<schedule><conference><title>Half")
    answer_open_dialog(monkeypatch, broken)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()))
    window.open_action.trigger()
    assert companion.window is window and window.conference.id == "gdl2024-umea"
    assert len(warnings) == 1 and "broken.xml" in warnings[0]
    assert {p.name: p.read_bytes() for p in isolated_user_dirs.iterdir()} == before
    answer_open_dialog(monkeypatch, None)  # cancelled
    window.open_action.trigger()
    assert companion.window is window


def test_export_writes_the_plan_and_the_program_like_the_command_line(
    qtbot: QtBot, companion: Companion, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from geodl_app.ui.export_dialog import TARGETS

    window = companion.window
    window.timetable.select("talk-bokman")
    qtbot.keyClick(window.timetable, Qt.Key.Key_Space)
    add_appointment(window, "Train home", at(13, 15, 0), at(13, 16, 0))
    answers: list[tuple[str, str]] = []
    suggested: list[str] = []

    def save_file_name(parent, caption, directory, *rest, **options):  # type: ignore[no-untyped-def]
        suggested.append(directory)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file_name))
    plan_ics, program_xml = tmp_path / "my-plan", tmp_path / "all.xml"
    answers += [(str(plan_ics), TARGETS[0].filter), (str(program_xml), TARGETS[2].filter)]
    window.export_action.trigger()
    written = load_program(tmp_path / "my-plan.ics")  # the suffix was added
    assert sorted(e.title for e in written.events)[-1] == "Train home"
    assert len(written.events) == 2
    assert "Wrote your plan (2 items)" in window.statusBar().currentMessage()
    window.export_action.trigger()
    assert program_xml.read_bytes() == _cli_export(["--pentabarf", str(tmp_path / "cli.xml")])
    # The suggestion carries no suffix, so the chosen format's is the one used.
    assert [Path(s).name for s in suggested] == ["gdl2024-umea", "gdl2024-umea"]


def _cli_export(option: list[str]) -> bytes:
    assert cli.main(["export", *option]) == 0
    return Path(option[1]).read_bytes()


def test_quit_closes_the_window_and_keeps_its_layout(qtbot: QtBot, companion: Companion) -> None:
    window = companion.window
    window.open_beside("talk-nyholm")
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()
    assert "talk-nyholm" in ui_state.load().state.panes


def test_command_line_program_and_time_zone_reach_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shared_file(FOSDEM)
    seen: dict[str, object] = {}

    def fake_run(conference: Conference, **options: object) -> int:
        seen.update(options, conference=conference)
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    argv = ["--timezone", "Europe/Brussels", "--program", str(FOSDEM)]
    assert cli.main(argv) == 0
    assert seen["program_path"] == str(FOSDEM)
    assert seen["timezone"] == "Europe/Brussels"
    assert seen["conference"].timezone == "Europe/Brussels"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- rooms


def room_ticks(window: MainWindow) -> dict[str, bool]:
    window.rooms_menu.aboutToShow.emit()
    return {name: ticked for name, _count, ticked in window.room_choice.rows()}


def test_a_two_room_programme_shows_its_rooms_and_filters_them(qtbot: QtBot) -> None:
    conference = load_program(shared_file(DEMOCON))
    window = show(qtbot, app.build_main_window(conference))
    try:
        columns = {c for day in window.timetable.layout_model.days for c in day.columns}
        assert columns == {"Gray Room", "Tan Room"}
        assert window.rooms_action.isVisible()
        rooms = room_ticks(window)
        assert rooms == {"Gray Room": False, "Tan Room": False}
        assert not window.room_choice.all_button.isEnabled()  # all are shown
        agenda_rows = window.agenda_model.rowCount()
        window.room_choice.tick("Gray Room")  # one tick: only that room
        shown = {p.event.room for p in window.timetable.layout_model.placements()}
        assert shown == {"Gray Room"}
        assert window.agenda_model.rowCount() < agenda_rows
        assert window.rooms_button.text() == "1 of 2 rooms"
        assert room_ticks(window) == {"Gray Room": True, "Tan Room": False}
        window.room_choice.tick("Tan Room")  # both rooms: all of them again
        assert window.room_filter() is None
        assert window.rooms_button.text() == "All rooms"
        window.room_choice.tick("Tan Room")
        window.room_choice.tick("Tan Room", False)  # unticking the last room: all again
        assert window.room_filter() is None
        assert window.agenda_model.rowCount() == agenda_rows
    finally:
        window.close()


def test_tracks_filter_the_timetable_and_combine_with_rooms(qtbot: QtBot) -> None:
    conference = load_program(shared_file(DEMOCON))
    window = show(qtbot, app.build_main_window(conference))
    try:
        assert window.tracks_action.isVisible()
        window.tracks_menu.aboutToShow.emit()
        tracks = {name for name, _count, _ticked in window.track_choice.rows()}
        assert tracks == {"Phased", "Horizontal"}
        window.track_choice.tick("Phased")
        placed = [p.event for p in window.timetable.layout_model.placements()]
        assert placed and {e.track for e in placed if e.track} == {"Phased"}
        assert window.tracks_button.text() == "1 of 2 tracks"
        window.set_room_filter(["Tan Room"])
        placed = [p.event for p in window.timetable.layout_model.placements()]
        assert all(e.room in (None, "", "Tan Room") for e in placed)
        assert all(e.track in (None, "", "Phased") for e in placed)
        window.set_track_filter(None)
        assert window.track_filter() is None
        assert {p.event.room for p in window.timetable.layout_model.placements()} == {"Tan Room"}
    finally:
        window.close()


def test_a_programme_without_parallel_rooms_offers_no_room_filter(
    qtbot: QtBot, companion: Companion
) -> None:
    # GDL names a room only for the social event and the dinner: nothing runs in parallel.
    assert all(len(day.columns) == 1 for day in companion.window.timetable.layout_model.days)
    assert not companion.window.rooms_action.isVisible()
    assert not companion.window.tracks_action.isVisible()


def test_fosdem_2021_opens_with_its_rooms(qtbot: QtBot) -> None:
    conference = load_program(shared_file(FOSDEM), timezone="Europe/Brussels")
    window = show(qtbot, app.build_main_window(conference, program_path=str(FOSDEM)))
    try:
        assert len(conference.rooms) > 50
        listed = list(room_ticks(window))
        assert listed == conference.rooms
        first = conference.events[0]
        window.timetable.select(first.id)
        assert window.panes[0].event_id() == first.id
        window.set_room_filter([first.room])
        assert {p.event.room for p in window.timetable.layout_model.placements()} == {first.room}
    finally:
        window.close()


# ----------------------------------------------------------------- smoke test


def run_smoke_test(data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "geodl_app", "--data-dir", str(data), "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_smoke_test_builds_the_window_and_writes_nothing(
    tmp_path: Path, gdl: Conference
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    BookmarkStore(gdl.id, data).star(["talk-bokman"])
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = run_smoke_test(data)
    assert result.returncode == 0, result.stderr
    assert "main window painted" in result.stdout
    after = {p.name: p.read_bytes() for p in data.iterdir()}
    assert not (data / ui_state.FILE_NAME).exists()
    assert after == before
    assert json.loads(after[plan_file_name(gdl.id)])["starred"] == ["talk-bokman"]


def test_the_smoke_test_leaves_a_broken_window_state_file_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    broken = data / ui_state.FILE_NAME
    broken.write_bytes(b"\xff\xfe not a window state")
    result = run_smoke_test(data)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in data.iterdir()) == [ui_state.FILE_NAME]
    assert broken.read_bytes() == b"\xff\xfe not a window state"


def test_my_plan_comes_back_at_the_next_start(qtbot: QtBot, gdl: Conference) -> None:
    first = app.open_companion(gdl).window
    show(qtbot, first)
    first.set_view("plan")
    first.close()
    again = app.open_companion(gdl).window
    try:
        assert again.view() == "plan"
        assert again.views.currentWidget() is again.plan_view
    finally:
        again.close()


def test_a_program_from_the_command_line_is_listed_in_open_recent(qtbot: QtBot) -> None:
    from geodl_app.recent import RecentPrograms

    conference = load_program(shared_file(DEMOCON))
    window = show(qtbot, app.build_main_window(conference, program_path=str(DEMOCON)))
    try:
        qtbot.waitUntil(lambda: bool(RecentPrograms().entries), timeout=5000)
        assert [e.path for e in RecentPrograms().entries] == [DEMOCON.resolve()]
        window.file_menu.aboutToShow.emit()
        assert [a.toolTip() for a in window.recent_menu.actions()] == [str(DEMOCON.resolve())]
    finally:
        window.close()


@pytest.mark.parametrize("content", ["v1", "garbage"])
def test_a_window_that_must_not_write_leaves_an_old_or_bad_plan_file_alone(
    qtbot: QtBot, gdl: Conference, isolated_user_dirs: Path, content: str
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / plan_file_name(gdl.id)
    if content == "v1":
        path.write_bytes(
            (Path(__file__).parent / "data" / "plan-v1-gdl2024-umea.json").read_bytes()
        )
    else:
        path.write_text("{garbage")
    before = {p.name: p.read_bytes() for p in isolated_user_dirs.iterdir()}
    companion = app.open_companion(gdl, persist=False)  # as the smoke test opens it
    window = show(qtbot, companion.window)
    try:
        if content == "v1":
            assert companion.plan is not None
            assert "talk-bokman" in companion.plan.plan_store.starred_ids()
        else:
            assert companion.plan is None
            assert "does not parse" in window.statusBar().currentMessage()
    finally:
        window.close()
    assert {p.name: p.read_bytes() for p in isolated_user_dirs.iterdir()} == before


def test_a_new_appointment_starts_on_the_day_being_looked_at(
    qtbot: QtBot, companion: Companion
) -> None:
    from datetime import date

    window = companion.window
    window.timetable.select("talk-chmiela")  # Thursday
    dialog = window.add_appointment()
    assert dialog is not None
    try:
        assert dialog.start_edit.dateTime().date().toPython() == date(2024, 6, 13)
    finally:
        dialog.reject()


def test_starring_in_the_agenda_keeps_its_selection(qtbot: QtBot, companion: Companion) -> None:
    window = companion.window
    window.set_view("agenda")
    window.agenda.select("talk-hendi")
    scrolled = window.agenda.verticalScrollBar().value()
    block = window.timetable.block_rect("talk-hendi")
    qtbot.keyClick(window.agenda, Qt.Key.Key_Space)
    assert "talk-hendi" in companion.plan.plan_store.starred_ids()
    # The list stays where it was, on the same row; the timetable shows the star
    # on a block that did not move.
    assert window.agenda.selected_id() == "talk-hendi"
    assert window.agenda.verticalScrollBar().value() == scrolled
    assert window.timetable.is_starred("talk-hendi")
    assert window.timetable.block_rect("talk-hendi") == block


def test_a_damaged_recent_list_is_told_to_the_user(
    qtbot: QtBot, gdl: Conference, isolated_user_dirs: Path
) -> None:
    isolated_user_dirs.mkdir(parents=True, exist_ok=True)
    (isolated_user_dirs / "recent-programs.json").write_text('{"version": 1, "programs": [')
    companion = app.open_companion(gdl)
    window = companion.window
    show(qtbot, window)
    window.file_menu.aboutToShow.emit()  # the menu lists the recent programs
    message = window.statusBar().currentMessage()
    assert message.startswith("Recent programs: ") and "does not parse" in message
    assert "recent-programs.json.unreadable-" in message
