"""The plan's widgets: the store adapter, My plan, the appointment dialog, the clash notice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDateTime, QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from geodl_app.bookmarks import Appointment, BookmarkStore, plan_file_name
from geodl_app.clashes import find_clashes, planned_items
from geodl_app.model import Conference
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.clash_notice import ClashNotice, show_clash_notice
from geodl_app.ui.my_plan import ROW_KIND_ROLE, MyPlanView, RowKind
from geodl_app.ui.plan_messages import show_plan_problem
from geodl_app.ui.plan_store import PlanStore, bind_timetable

ZONE = ZoneInfo("Europe/Stockholm")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def plan_store(gdl: Conference, qtbot: QtBot) -> PlanStore:
    return PlanStore(gdl, BookmarkStore(gdl.id))


# ------------------------------------------------------------------ PlanStore


def test_toggling_a_star_saves_it_and_signals(plan_store: PlanStore, qtbot: QtBot) -> None:
    with qtbot.waitSignal(plan_store.changed):
        plan_store.toggle_star("talk-bokman")
    assert BookmarkStore("gdl2024-umea").starred_ids() == {"talk-bokman"}
    with qtbot.waitSignal(plan_store.changed):
        plan_store.toggle_star("talk-bokman")
    assert BookmarkStore("gdl2024-umea").starred_ids() == set()


def test_a_star_that_creates_a_clash_is_announced(plan_store: PlanStore, qtbot: QtBot) -> None:
    plan_store.add_appointment(Appointment.create("Call", at(11, 14, 30), at(11, 15, 0)))
    with qtbot.waitSignal(plan_store.clashes_created) as blocker:
        plan_store.star("talk-bokman")
    item_id, clashes = blocker.args
    assert item_id == "talk-bokman"
    assert [c.other("talk-bokman").title for c in clashes] == ["Call"]
    assert plan_store.clashing_ids() == {"talk-bokman", plan_store.plan.appointments[0].id}
    # Starring something that clashes with nothing announces nothing.
    with qtbot.assertNotEmitted(plan_store.clashes_created):
        plan_store.star("talk-bekkers")


def test_a_change_by_another_process_reaches_the_window(
    plan_store: PlanStore, qtbot: QtBot, gdl: Conference
) -> None:
    plan_store.star("talk-bokman")  # creates the folder being watched
    other = BookmarkStore(gdl.id)  # as if another window or `geodl-app star`
    with qtbot.waitSignal(plan_store.changed, timeout=5000):
        other.star(["talk-kessel"])
    assert plan_store.starred_ids() == {"talk-bokman", "talk-kessel"}


def test_a_corrupt_file_found_at_start_is_handed_to_the_ui(
    isolated_user_dirs: Path, gdl: Conference, qtbot: QtBot
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / plan_file_name(gdl.id)).write_text("{oops")
    store = PlanStore(gdl, BookmarkStore(gdl.id))
    [problem] = store.take_problems()
    assert problem.kept_as.read_text() == "{oops"
    assert store.take_problems() == []


def test_appointments_become_personal_events_for_the_timetable(plan_store: PlanStore) -> None:
    plan_store.add_appointment(Appointment.create("Train", at(13, 15), at(13, 16)))
    [event] = plan_store.personal_events()
    assert (event.kind.value, event.title) == ("personal", "Train")


# --------------------------------------------------------------------- My plan


def kinds(view: MyPlanView) -> list[str]:
    return [row[0] for row in view.rows()]


def test_my_plan_shows_days_gaps_clashes_and_missing_stars(
    plan_store: PlanStore, qtbot: QtBot
) -> None:
    plan_store.store.star(["talk-bokman", "talk-marchetti", "talk-kessel", "talk-gone"])
    plan_store.add_appointment(Appointment.create("Call with Anna", at(11, 15, 30), at(11, 16)))
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    rows = view.rows()
    texts = [r[2] for r in rows]
    assert texts[0] == "Tuesday 11 June 2024"
    assert ("gap", "14:50–15:10", "free for 20 min", "") in rows
    marchetti = next(r for r in rows if "Harmonics of Learning" in r[2])
    assert "clashes with “Call with Anna”" in marchetti[2]
    assert "Wednesday 12 June 2024" in texts
    assert kinds(view)[-2:] == [RowKind.MISSING_HEADING, RowKind.MISSING]
    assert texts[-1] == "talk-gone"
    assert "1 clash" in view.summary.text()
    assert "1 no longer in the program" in view.summary.text()


def test_my_plan_follows_the_store(plan_store: PlanStore, qtbot: QtBot) -> None:
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    view.show()
    assert kinds(view) == [RowKind.GAP]  # the "nothing planned yet" line
    plan_store.star("talk-walden")
    walden = "★ Moritz Walden: Learning Group Invariant CY Metrics - Part I"
    assert ("event", "11:00–11:40", walden, "") in view.rows()
    assert view.summary.text().startswith("1 starred")
    assert view.select("talk-walden")
    assert view.unstar_button.isEnabled()
    view.unstar_button.click()
    assert "talk-walden" not in plan_store.starred_ids()
    assert all(walden not in row[2] for row in view.rows())
    assert kinds(view) == [RowKind.GAP]


def test_my_plan_model_passes_the_model_tester(
    plan_store: PlanStore, qtbot: QtBot, qtmodeltester: Any
) -> None:
    plan_store.store.star(["talk-bokman", "talk-marchetti", "talk-gone"])
    plan_store.add_appointment(Appointment.create("Call with Anna", at(11, 15, 30), at(11, 16)))
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    # Headings and free time cannot be selected; planned items can.
    model = view.model
    selectable = {
        str(model.index(n, 0).data(ROW_KIND_ROLE))
        for n in range(model.rowCount())
        if model.flags(model.index(n, 0)) & Qt.ItemFlag.ItemIsSelectable
    }
    assert selectable == {"event", "appointment", "missing"}


def test_a_note_typed_in_my_plan_is_saved(plan_store: PlanStore, qtbot: QtBot) -> None:
    plan_store.star("talk-bokman")
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    view.show()
    assert view.select("talk-bokman")
    view.note_edit.setFocus()
    qtbot.keyClicks(view.note_edit, "Ask about filters")
    qtbot.waitUntil(
        lambda: BookmarkStore("gdl2024-umea").plan.note("talk-bokman") == "Ask about filters"
    )
    # Typing goes on undisturbed after the save refreshed the list.
    qtbot.keyClicks(view.note_edit, "!")
    view.save_note()
    assert BookmarkStore("gdl2024-umea").plan.note("talk-bokman") == "Ask about filters!"


def test_adding_an_appointment_from_my_plan(plan_store: PlanStore, qtbot: QtBot) -> None:
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    view.show()
    dialog = view.open_appointment_dialog()
    qtbot.keyClicks(dialog.title_edit, "Lunch with Ada")
    dialog.save_button.click()
    [appointment] = plan_store.plan.appointments
    assert appointment.title == "Lunch with Ada"
    assert view.current_id() == appointment.id
    assert any(row[2] == "◆ Lunch with Ada" for row in view.rows())
    edit = view.open_appointment_dialog(appointment.id)
    assert edit.delete_button is not None
    edit.delete_button.click()
    assert plan_store.plan.appointments == ()


# -------------------------------------------------------------- the dialog


def test_the_dialog_refuses_an_end_before_the_start(gdl: Conference, qtbot: QtBot) -> None:
    dialog = AppointmentDialog(gdl)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Meeting")
    dialog.start_edit.setDateTime(QDateTime(dialog.start_edit.date(), dialog.start_edit.time()))
    dialog.end_edit.setDateTime(dialog.start_edit.dateTime().addSecs(-30 * 60))
    with qtbot.assertNotEmitted(dialog.accepted):
        dialog.save_button.click()
    assert dialog.isVisible()
    assert "must be after the start" in dialog.error_text()
    assert dialog.appointment() is None
    # Equal times are refused too (a clash check needs a real interval).
    dialog.end_edit.setDateTime(dialog.start_edit.dateTime())
    dialog.save_button.click()
    assert "must be after the start" in dialog.error_text()
    dialog.end_edit.setDateTime(dialog.start_edit.dateTime().addSecs(45 * 60))
    assert dialog.error_text() == ""
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    appointment = dialog.appointment()
    assert appointment is not None
    assert appointment.end - appointment.start == (at(11, 12, 45) - at(11, 12))
    assert appointment.start == at(11, 12)  # the first day at noon, in the conference zone


def test_the_dialog_wants_a_title(gdl: Conference, qtbot: QtBot) -> None:
    dialog = AppointmentDialog(gdl)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert dialog.error_text() == "Give the appointment a title."
    assert dialog.isVisible()


def test_moving_the_start_keeps_the_length(gdl: Conference, qtbot: QtBot) -> None:
    meeting = Appointment.create("Meeting", at(12, 9), at(12, 9, 30))
    dialog = AppointmentDialog(gdl, meeting)
    qtbot.addWidget(dialog)
    dialog.start_edit.setDateTime(dialog.start_edit.dateTime().addSecs(3600))
    dialog.save_button.click()
    edited = dialog.appointment()
    assert edited is not None and edited.id == meeting.id
    assert (edited.start, edited.end) == (at(12, 10), at(12, 10, 30))


# ---------------------------------------------------------- the clash notice


def test_the_clash_notice_names_the_other_item_and_compares(gdl: Conference, qtbot: QtBot) -> None:
    bokman = gdl.event("talk-bokman")
    call = Appointment.create("Call home", at(11, 14, 30), at(11, 15))
    clashes = find_clashes(planned_items([bokman], [call]))
    compared: list[tuple[str, str]] = []
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    notice = show_clash_notice(
        gdl, clashes, call.id, on_compare=lambda a, b: compared.append((a, b)), parent=window
    )
    assert notice.isVisible()
    text = notice.message.text()
    assert "“Call home” (Tue 14:30–15:00) clashes with “On the usefulness" in text
    # Non-modal: a panel inside the window, which stays usable.
    assert not notice.isWindow() and window.isEnabled()
    # A second notice replaces the first rather than piling up.
    show_clash_notice(gdl, clashes, call.id, parent=window)
    qtbot.waitUntil(lambda: not notice.isVisible())
    third = show_clash_notice(
        gdl, clashes, call.id, on_compare=lambda a, b: compared.append((a, b)), parent=window
    )
    qtbot.mouseClick(third.compare_button, Qt.MouseButton.LeftButton)
    assert compared == [(call.id, "talk-bokman")]
    qtbot.waitUntil(lambda: not third.isVisible())


def test_a_notice_needs_a_clash(gdl: Conference, qtbot: QtBot) -> None:
    with pytest.raises(ValueError):
        ClashNotice(gdl, [], "talk-bokman")


# ------------------------------------------------------ wiring and messages


class FakeTimetable(QObject):
    """Stands in for the timetable's documented surface."""

    star_toggle_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.marks: tuple[set[str], set[str]] = (set(), set())
        self.personal: list = []

    def set_marks(self, starred: set[str], clashing: set[str]) -> None:
        self.marks = (starred, clashing)

    def set_personal_items(self, events: list) -> None:
        self.personal = events

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None:
        self.partners = partners


def test_the_timetable_follows_the_plan(plan_store: PlanStore) -> None:
    timetable = FakeTimetable()
    bind_timetable(plan_store, timetable)
    timetable.star_toggle_requested.emit("talk-bokman")
    assert timetable.marks == ({"talk-bokman"}, set())
    call = Appointment.create("Call", at(11, 14, 30), at(11, 15))
    plan_store.add_appointment(call)
    assert timetable.marks == ({"talk-bokman"}, {"talk-bokman", call.id})
    assert [e.id for e in timetable.personal] == [call.id]
    assert timetable.partners == {"talk-bokman": ["Call"], call.id: ["Talk: bokman"]} or (
        set(timetable.partners) == {"talk-bokman", call.id}
    )
    timetable.star_toggle_requested.emit("talk-bokman")
    assert timetable.marks == (set(), set())


def test_a_set_aside_file_is_named_in_the_message(
    isolated_user_dirs: Path, gdl: Conference, qtbot: QtBot
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / plan_file_name(gdl.id)).write_text('{"version": 7}')
    [problem] = PlanStore(gdl, BookmarkStore(gdl.id)).take_problems()
    box = show_plan_problem(problem)
    qtbot.addWidget(box)
    assert str(problem.kept_as) in box.text()
    assert "newer version" in box.informativeText()
    assert not box.isModal()


def test_a_file_broken_by_another_program_while_open_is_reported(
    plan_store: PlanStore, qtbot: QtBot
) -> None:
    plan_store.star("talk-bokman")
    plan_store.store.path.write_text("garbage from elsewhere")
    with qtbot.waitSignal(plan_store.problem, timeout=5000) as blocker:
        pass  # the folder watcher (or the poll) picks the change up
    problem = blocker.args[0]
    assert problem.kept_as.read_text() == "garbage from elsewhere"
    assert plan_store.starred_ids() == set()


def test_a_reload_error_is_reported_once_not_at_every_poll(
    plan_store: PlanStore, qtbot: QtBot
) -> None:
    plan_store.star("talk-bokman")
    path = plan_store.store.path
    path.unlink()
    path.mkdir()  # something made a folder where the plan file was
    reported: list[object] = []
    plan_store.problem.connect(reported.append)
    for _ in range(3):  # the poll and the folder watcher call this again and again
        assert plan_store.reload_if_changed() is False
    assert len(reported) == 1 and "cannot be read" in str(reported[0])
    path.rmdir()
    BookmarkStore(plan_store.conference.id).star(["talk-kessel"])
    assert plan_store.reload_if_changed() is True
    path.unlink()
    path.mkdir()  # the same trouble again, after a good reload: told again
    plan_store.reload_if_changed()
    assert len(reported) == 2


def test_my_plan_does_not_write_back_a_note_another_window_changed(
    plan_store: PlanStore, qtbot: QtBot, gdl: Conference
) -> None:
    plan_store.star("talk-bokman")
    plan_store.set_note("talk-bokman", "from this window")
    view = MyPlanView(plan_store.conference, plan_store)
    qtbot.addWidget(view)
    view.show()
    assert view.select("talk-bokman")  # shown, not being edited
    BookmarkStore(gdl.id).set_note("talk-bokman", "from the other window")
    assert plan_store.reload_if_changed() is True
    assert BookmarkStore(gdl.id).plan.note("talk-bokman") == "from the other window"
    assert view.note_edit.toPlainText() == "from the other window"
