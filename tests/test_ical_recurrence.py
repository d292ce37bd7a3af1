"""Recurring calendar events: one item per occurrence, within the conference's days."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from geodl_app.cli import main
from geodl_app.program import load_program


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n".replace(
        "\n", "\r\n"
    ).replace("\r\r\n", "\r\n")


STANDUP = """UID:standup
SUMMARY:Stand-up
DTSTART;TZID=Europe/Berlin:20240610T090000
DTEND;TZID=Europe/Berlin:20240610T091500
RRULE:FREQ=DAILY
EXDATE;TZID=Europe/Berlin:20240612T090000"""
MOVED = """UID:standup
RECURRENCE-ID;TZID=Europe/Berlin:20240611T090000
SUMMARY:Stand-up (moved)
DTSTART;TZID=Europe/Berlin:20240611T093000
DTEND;TZID=Europe/Berlin:20240611T094500"""
KEYNOTE = """UID:keynote
SUMMARY:Keynote
DTSTART;TZID=Europe/Berlin:20240613T100000
DTEND;TZID=Europe/Berlin:20240613T110000"""


def read(tmp_path: Path, text: str):
    path = tmp_path / "recurring.ics"
    path.write_text(text)
    return load_program(path)


def test_a_daily_event_is_listed_every_day_of_the_conference(tmp_path: Path) -> None:
    conference = read(tmp_path, calendar(STANDUP, MOVED, KEYNOTE))
    standups = [e for e in conference.events if e.title.startswith("Stand-up")]
    # 10, 11 (moved by its RECURRENCE-ID), not 12 (EXDATE), 13 (the keynote's
    # day ends the conference), and nothing after it although the rule has no end.
    assert [(e.id, e.start.astimezone(UTC).strftime("%d %H:%M")) for e in standups] == [
        ("standup/20240610T090000", "10 07:00"),
        ("standup/20240611T090000", "11 07:30"),
        ("standup/20240613T090000", "13 07:00"),
    ]
    assert standups[1].title == "Stand-up (moved)"
    assert all(e.end - e.start == timedelta(minutes=15) for e in standups)  # type: ignore[operator]


def test_occurrences_keep_their_wall_clock_time_across_a_clock_change(tmp_path: Path) -> None:
    weekly = """UID:weekly
SUMMARY:Weekly
DTSTART;TZID=Europe/Berlin:20240321T100000
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=3"""
    conference = read(tmp_path, calendar(weekly))
    local = [e.start.astimezone(conference.zone) for e in conference.events]
    assert [(m.day, m.hour) for m in local] == [(21, 10), (28, 10), (4, 10)]
    assert [e.start.astimezone(UTC).hour for e in conference.events] == [9, 9, 8]


@pytest.mark.parametrize("frequency", ["SECONDLY", "MINUTELY;BYMONTH=2;BYMONTHDAY=30"])
def test_a_rule_that_would_repeat_without_end_is_refused_or_bounded_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frequency: str
) -> None:
    rule = f"""UID:often
SUMMARY:Often
DTSTART:20240610T090000Z
DURATION:PT1M
RRULE:FREQ={frequency}"""
    path = tmp_path / "often.ics"
    path.write_text(calendar(rule, KEYNOTE))
    started = time.monotonic()
    status = main(["--program", str(path), "list"], out=io.StringIO())
    assert time.monotonic() - started < 30  # bounded, whatever the machine
    err = capsys.readouterr().err
    if frequency == "SECONDLY":
        assert status == 2 and err.count("\n") == 1
        assert "its RRULE repeats it more than" in err
    else:  # never matches: only its first occurrence (DTSTART itself)
        assert status == 0, err
        assert len(load_program(path).events) == 2


def test_an_event_without_rrule_is_still_one_item(tmp_path: Path) -> None:
    conference = read(tmp_path, calendar(KEYNOTE))
    assert [e.id for e in conference.events] == ["keynote"]
    assert conference.events[0].start == datetime(2024, 6, 13, 8, 0, tzinfo=UTC)
