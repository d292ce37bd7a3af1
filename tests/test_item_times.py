"""Items of no length and items across the spring-forward gap keep their real instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from geodl_app.clashes import find_clashes, planned_items
from geodl_app.model import Conference
from geodl_app.program import load_program

ICAL_ZERO = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
    "BEGIN:VEVENT\r\nUID:deadline\r\nSUMMARY:Deadline\r\nDTSTART:20240612T080000Z\r\n"
    "DTEND:20240612T080000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:talk\r\nSUMMARY:Talk\r\nDTSTART:20240612T073000Z\r\n"
    "DTEND:20240612T083000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)

PENTABARF_ZERO = """<schedule><conference><title>X</title>
<time_zone_name>Europe/Berlin</time_zone_name></conference>
<day date="2024-06-12"><room name="A">
<event id="deadline"><title>Deadline</title><start>10:00</start><duration>00:00</duration></event>
<event id="talk"><title>Talk</title><start>09:30</start><duration>01:00</duration></event>
</room></day></schedule>
"""

FRAB_ZERO = """{"schedule": {"conference": {"title": "X", "time_zone_name": "Europe/Berlin",
"days": [{"index": 1, "date": "2024-06-12", "rooms": {"A": [
{"guid": "deadline", "title": "Deadline", "start": "10:00", "duration": "00:00"},
{"guid": "talk", "title": "Talk", "start": "09:30", "duration": "01:00"}]}}]}}}
"""


@pytest.mark.parametrize(
    ("name", "text"),
    [("zero.ics", ICAL_ZERO), ("zero.xml", PENTABARF_ZERO), ("zero.json", FRAB_ZERO)],
)
def test_a_zero_length_item_keeps_its_end_and_clashes_with_nothing(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    conference = load_program(path)
    deadline = conference.event("deadline")
    assert deadline is not None
    assert deadline.start == datetime(2024, 6, 12, 8, 0, tzinfo=UTC)
    assert deadline.end == deadline.start  # not "no end", which counts as an hour
    assert find_clashes(planned_items(conference.events, [])) == []


def test_an_item_across_the_spring_forward_gap_gets_its_real_instants(tmp_path: Path) -> None:
    # 02:30 does not exist in Berlin on 31 March 2024: RFC 5545 reads it with
    # the offset before the gap (+01:00), which is 03:30 summer time, the same
    # instant as the end. A real, zero-length item, not one with "no end".
    path = tmp_path / "gap.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        "BEGIN:VEVENT\r\nUID:night\r\nSUMMARY:Night session\r\n"
        "DTSTART;TZID=Europe/Berlin:20240331T023000\r\n"
        "DTEND;TZID=Europe/Berlin:20240331T033000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:after\r\nSUMMARY:After\r\n"
        "DTSTART;TZID=Europe/Berlin:20240331T030000\r\n"
        "DTEND;TZID=Europe/Berlin:20240331T040000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    conference = load_program(path)
    night = conference.event("night")
    assert night is not None
    assert night.start == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert night.end == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    after = conference.event("after")
    assert after is not None and after.end is not None
    assert after.end - after.start == timedelta(hours=1)  # 03:00–04:00 CEST


def test_a_zero_length_item_exported_and_read_again_stays_zero_length(
    tmp_path: Path, gdl: Conference
) -> None:
    from geodl_app import formats

    path = tmp_path / "zero.ics"
    path.write_text(ICAL_ZERO, encoding="utf-8")
    conference = load_program(path)
    for kind in (formats.PENTABARF, formats.FRAB_JSON, formats.ICAL):
        again = formats.read(kind, formats.write(kind, conference), f"again.{kind}")
        ends = sorted((e.end - e.start) if e.end else None for e in again.events)  # type: ignore[type-var]
        assert ends == [timedelta(0), timedelta(hours=1)], kind
    # and an item with no end (the dinner) still comes back with no end
    for kind in (formats.PENTABARF, formats.FRAB_JSON, formats.ICAL):
        again = formats.read(kind, formats.write(kind, gdl), f"again.{kind}")
        assert sum(e.end is None for e in again.events) == sum(e.end is None for e in gdl.events)


def test_a_zero_length_item_is_shown_at_its_instant(tmp_path: Path) -> None:
    from geodl_app import wording

    path = tmp_path / "zero.ics"
    path.write_text(ICAL_ZERO, encoding="utf-8")
    conference = load_program(path)
    deadline = conference.event("deadline")
    talk = conference.event("talk")
    assert deadline is not None and talk is not None
    assert wording.time_range(deadline, conference.zone) == "10:00"  # not "10:00–10:00"
    assert wording.time_range(talk, conference.zone) == "09:30–10:30"
