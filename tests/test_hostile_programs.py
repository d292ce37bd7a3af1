"""Program files with odd dates: one line and exit status 2, never a traceback or a hang."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from geodl_app.cli import main
from geodl_app.program import load_program

OWN = """
[conference]
id = "odd"
name = "Odd"
first_day = {first}
last_day = {last}
timezone = "Asia/Tokyo"

[[events]]
id = "a"
kind = "talk"
title = "A"
start = {day}T10:00:00+09:00
end = {day}T23:00:00+09:00
"""

PENTABARF = """<schedule><conference><title>X</title>
<time_zone_name>America/New_York</time_zone_name></conference>
<day date="9999-12-31"><room name="A"><event id="1"><title>t</title>
<start>22:00</start><duration>00:30</duration></event></room></day></schedule>
"""

FRAB_JSON = """{"schedule": {"conference": {"title": "X", "time_zone_name": "America/New_York",
"days": [{"index": 1, "date": "9999-12-31", "rooms": {"A": [
{"guid": "1", "title": "t", "start": "22:00", "duration": "00:30"}]}}]}}}
"""

ICAL = (
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\n"
    "DTSTART:99991231T233000Z\r\nDURATION:PT2H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv), out=io.StringIO())
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("year-9999.toml", OWN.format(first="9999-12-31", last="9999-12-31", day="9999-12-31"),
         "year 9999 is not plausible"),
        ("year-9999.xml", PENTABARF, "year 9999 is not plausible"),
        ("year-9999.json", FRAB_JSON, "year 9999 is not plausible"),
        ("year-9999.ics", ICAL, "year 9999 is not plausible"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["list", "export"])
def test_a_date_at_the_end_of_the_calendar_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    expected: str,
    command: str,
) -> None:
    program = tmp_path / name
    program.write_text(text, encoding="utf-8")
    argv = ["export", "--ics", str(tmp_path / "out.ics")] if command == "export" else ["list"]
    status, err = run(capsys, "--program", str(program), *argv)
    assert status == 2
    assert err.count("\n") == 1 and expected in err and str(program) in err
    assert not (tmp_path / "out.ics").exists()


def test_a_conference_of_thousands_of_days_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its window would have a column for each of 2.9 million days.
    program = tmp_path / "long.toml"
    program.write_text(OWN.format(first="2024-06-11", last="2999-12-31", day="2024-06-11"))
    status, err = run(capsys, "--program", str(program), "list")
    assert status == 2
    assert err.count("\n") == 1 and "a conference lasts at most 366" in err


def test_control_characters_do_not_break_the_pentabarf_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An iCalendar file can carry them (a pasted bell, a form feed); XML 1.0 cannot.
    program = tmp_path / "odd.ics"
    program.write_bytes(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Bell\x07 talk\r\n"
        b"LOCATION:Room\x0c1\r\nDTSTART:20240101T100000Z\r\nDURATION:PT1H\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    exported = tmp_path / "out.xml"
    assert run(capsys, "--program", str(program), "export", "--pentabarf", str(exported))[0] == 0
    again = load_program(exported)
    [event] = again.events
    assert (event.title, event.room) == ("Bell talk", "Room1")


def test_an_empty_data_dir_is_refused_not_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, err = run(capsys, "--data-dir", "", "star", "talk-bokman")
    assert status == 2
    assert err.count("\n") == 1 and "--data-dir" in err
    assert list(tmp_path.iterdir()) == []
