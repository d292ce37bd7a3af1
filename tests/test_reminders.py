"""When reminders fall due: pure rules, no Qt and no real clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from geodl_app.bookmarks import Appointment, Plan
from geodl_app.model import Conference
from geodl_app.reminders import (
    Reminder,
    ReminderSchedule,
    missed_notice,
    plan_reminders,
    reminder_notice,
)

ZONE = ZoneInfo("Europe/Stockholm")
FIVE = timedelta(minutes=5)
# Tuesday 11 June on the bundled programme: Bökman 14:10, Marchetti 15:10,
# Andersdotter 15:50, Carlsson 16:30 (all in Europe/Stockholm).
TALKS = ["talk-bokman", "talk-marchetti", "talk-andersdotter", "talk-carlsson"]


def at(hour: int, minute: int = 0, second: int = 0, day: int = 11) -> datetime:
    return datetime(2024, 6, day, hour, minute, second, tzinfo=ZONE)


def plan(starred=(), appointments=(), off=()) -> Plan:
    return Plan(
        conference="gdl2024-umea",
        starred=tuple(starred),
        appointments=tuple(appointments),
        reminders_off=tuple(off),
    )


def schedule(gdl: Conference, p: Plan, lead: timedelta = FIVE) -> ReminderSchedule:
    return ReminderSchedule(plan_reminders(gdl, p, lead))


def ids(reminders: list[Reminder]) -> list[str]:
    return [r.item_id for r in reminders]


def test_reminders_cover_stars_and_appointments_but_not_those_switched_off(gdl) -> None:
    train = Appointment(id="appt-train", title="Train", start=at(15, 0), end=at(15, 30))
    lunch = Appointment(id="appt-lunch", title="Lunch", start=at(12, 0), end=at(13, 0))
    reminders = plan_reminders(
        gdl, plan(["talk-bokman", "talk-marchetti"], [train, lunch], off=["appt-lunch"]), FIVE
    )
    assert ids(reminders) == ["talk-bokman", "appt-train", "talk-marchetti"]
    assert [r.due for r in reminders] == [at(14, 5), at(14, 55), at(15, 5)]
    assert [r.is_appointment for r in reminders] == [False, True, False]


def test_a_reminder_is_sent_once_when_due_and_not_before(gdl) -> None:
    s = schedule(gdl, plan(["talk-bokman"]))
    assert not s.check(at(13, 0))
    assert s.next_due() == at(14, 5)
    assert not s.check(at(14, 4, 59))
    assert ids(s.check(at(14, 5, 10)).send) == ["talk-bokman"]
    assert not s.check(at(14, 5, 40))
    assert s.next_due() is None


def test_at_start_an_item_within_the_lead_is_reminded_at_once_a_started_one_never(gdl) -> None:
    s = schedule(gdl, plan(TALKS), lead=timedelta(minutes=45))
    # 14:30: Bökman began at 14:10; Marchetti (15:10) begins within 45 minutes.
    due = s.check(at(14, 30))
    assert ids(due.send) == ["talk-marchetti"]
    assert due.missed == []
    assert not s.check(at(14, 30, 20))
    assert ids(s.check(at(15, 5, 10)).send) == ["talk-andersdotter"]


def test_a_star_added_within_the_lead_is_reminded_at_the_next_check(gdl) -> None:
    s = schedule(gdl, plan(["talk-bokman"]))
    s.check(at(15, 0))
    s.update(plan_reminders(gdl, plan(["talk-bokman", "talk-marchetti"]), FIVE))
    assert ids(s.check(at(15, 7)).send) == ["talk-marchetti"]


def test_an_unstarred_item_is_not_reminded(gdl) -> None:
    s = schedule(gdl, plan(["talk-bokman", "talk-marchetti"]))
    s.check(at(14, 0))
    s.update(plan_reminders(gdl, plan(["talk-marchetti"]), FIVE))
    assert not s.check(at(14, 5, 10))
    assert s.next_due() == at(15, 5)


def test_a_moved_item_is_reminded_again_a_new_lead_does_not_repeat(gdl) -> None:
    bokman = gdl.event("talk-bokman")
    assert bokman is not None
    s = schedule(gdl, plan(["talk-bokman"]))
    s.check(at(14, 0))
    assert ids(s.check(at(14, 5, 5)).send) == ["talk-bokman"]
    s.update(plan_reminders(gdl, plan(["talk-bokman"]), timedelta(minutes=2)))
    assert not s.check(at(14, 8, 5))
    # The programme is updated: the talk now begins at 14:30.
    moved = replace(
        gdl,
        events=tuple(
            replace(e, start=at(14, 30), end=at(15, 10)) if e.id == "talk-bokman" else e
            for e in gdl.events
        ),
    )
    s.update(plan_reminders(moved, plan(["talk-bokman"]), FIVE))
    assert not s.check(at(14, 20))
    assert ids(s.check(at(14, 25, 3)).send) == ["talk-bokman"]


def test_after_a_sleep_the_missed_reminders_come_as_one_list(gdl) -> None:
    s = schedule(gdl, plan(TALKS))
    s.check(at(14, 0))
    # The laptop sleeps from 14:00 to 16:00: three reminders fell due meanwhile.
    due = s.check(at(16, 0))
    assert due.send == []
    assert ids(due.missed) == ["talk-bokman", "talk-marchetti", "talk-andersdotter"]
    # Carlsson (16:30) is reminded at 16:25 as usual.
    assert not s.check(at(16, 0, 30))
    assert ids(s.check(at(16, 25, 1)).send) == ["talk-carlsson"]


def test_one_reminder_slept_through_before_its_item_began_is_sent_as_usual(gdl) -> None:
    s = schedule(gdl, plan(["talk-marchetti"]))
    s.check(at(14, 0))
    due = s.check(at(15, 7))
    assert ids(due.send) == ["talk-marchetti"]
    assert due.missed == []


def test_a_reminder_due_on_a_regular_tick_just_after_the_start_still_goes(gdl) -> None:
    s = schedule(gdl, plan(["talk-marchetti"]), lead=timedelta(0))
    s.check(at(15, 9, 50))
    # A timer a few seconds late, with a lead of 0 minutes.
    assert ids(s.check(at(15, 10, 3)).send) == ["talk-marchetti"]


def test_snooze_reminds_again_five_minutes_later_while_the_item_has_not_ended(gdl) -> None:
    s = schedule(gdl, plan(["talk-marchetti"]))
    s.check(at(15, 5, 1))
    assert s.snooze("talk-marchetti", at(15, 5, 30))
    assert s.next_due() == at(15, 10, 30)
    assert not s.check(at(15, 10))
    assert ids(s.check(at(15, 10, 31)).send) == ["talk-marchetti"]
    assert not s.snooze("talk-nobody", at(15, 11))
    assert s.snooze("talk-marchetti", at(15, 48))
    assert not s.check(at(15, 53))  # it ended at 15:50


def test_the_notice_says_how_soon_what_when_where_and_who(gdl) -> None:
    [reminder] = plan_reminders(gdl, plan(["talk-bokman"]), FIVE)
    notice = reminder_notice(reminder, at(14, 5, 12), ZONE)
    assert notice.summary == ("In 5 min: On the usefulness of equivariant image representations")
    event = gdl.event("talk-bokman")
    assert event is not None
    expected = ["14:10–14:50"]
    if event.room:
        expected.append(event.room)
    expected.append("Georg Bökman")
    assert notice.body.splitlines() == expected
    assert notice.item_id == "talk-bokman"
    assert reminder_notice(reminder, at(14, 10), ZONE).summary.startswith("Now: ")


def test_the_missed_notice_lists_each_item_and_whether_it_began(gdl) -> None:
    reminders = plan_reminders(gdl, plan(["talk-bokman", "talk-marchetti"]), FIVE)
    notice = missed_notice(reminders, at(15, 8), ZONE)
    assert notice.summary == "Missed while away: 2 reminders"
    lines = notice.body.splitlines()
    assert lines[0].startswith("14:10–14:50 On the usefulness") and lines[0].endswith("(started)")
    assert lines[1].startswith("15:10–15:50 Harmonics of Learning")
    assert lines[1].endswith("(in 2 min)")
    assert notice.item_id is None


@pytest.mark.parametrize("lead", [0, 5, 30])
def test_each_planned_item_is_reminded_exactly_once_over_a_day_of_regular_ticks(
    gdl, lead: int
) -> None:
    s = schedule(gdl, plan(TALKS), lead=timedelta(minutes=lead))
    sent: list[str] = []
    moment = at(8, 0)
    while moment < at(20, 0):
        due = s.check(moment)
        assert due.missed == []
        sent.extend(ids(due.send))
        moment += timedelta(seconds=20)
    assert sorted(sent) == sorted(TALKS)
