"""Program files with odd dates: one line and exit status 2, never a traceback or a hang."""

from __future__ import annotations

import io
import os
import shlex
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shared_programs import PROGRAMS, shared_file

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


# ------------------------------------------------ one clear line, exit 2, fast

XML_WITH_ENCODING = """<?xml version="1.0" encoding="{encoding}"?>
<schedule><conference><title>X</title><time_zone_name>{zone}</time_zone_name></conference>
<day date="2024-06-12"><room name="A"><event id="1"><title>{title}</title>
<start>10:00</start><duration>00:30</duration></event></room></day></schedule>
"""


def one_line_exit_2(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status, err = run(capsys, *argv)
    assert status == 2, err
    assert err.count("\n") == 1 and "internal error" not in err and len(err) < 300, err
    return err


@pytest.mark.parametrize(
    ("encoding", "codec", "expected"),
    [
        ("shift_jis", "shift_jis", None),
        ("utf-16-le", "utf-16-le", None),
        ("utf-7", "utf-8", "encoding 'utf-7', which is not read"),
        ("x-no-such-encoding", "utf-8", "unknown encoding 'x-no-such-encoding'"),
    ],
)
def test_an_xml_encoding_expat_cannot_read_is_decoded_or_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, codec: str, expected: str
) -> None:
    path = tmp_path / "encoded.xml"
    text = XML_WITH_ENCODING.format(encoding=encoding, zone="Asia/Tokyo", title="日本語の講演")
    path.write_bytes(text.encode(codec))
    if expected is None:
        [event] = load_program(path).events
        assert event.title == "日本語の講演"
    else:
        assert expected in one_line_exit_2(capsys, "--program", str(path), "list")


BAD_ZONES = ["Europe", "A" * 300, "../../etc/passwd", "Europe/Berlin\x00"]


@pytest.mark.parametrize("zone", BAD_ZONES, ids=["folder", "long", "path", "nul"])
def test_a_zone_name_that_is_no_zone_is_one_line_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str
) -> None:
    err = one_line_exit_2(capsys, "--timezone", zone, "list")
    assert "--timezone" in err and "unknown IANA time zone" in err
    if "\x00" in zone:
        return  # no file can carry it: the readers drop control characters
    shown = zone
    xml = tmp_path / "zone.xml"
    xml.write_text(XML_WITH_ENCODING.format(encoding="utf-8", zone=shown, title="t"))
    assert "time_zone_name: unknown time zone" in one_line_exit_2(
        capsys, "--program", str(xml), "list"
    )
    calendar = tmp_path / "zone.ics"
    for line in (f"X-WR-TIMEZONE:{shown}", ""):
        tzid = "" if line else f";TZID={shown}"
        calendar.write_text(
            f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{line}\r\nBEGIN:VEVENT\r\nUID:1\r\n"
            f"SUMMARY:t\r\nDTSTART{tzid}:20240612T100000\r\nDURATION:PT1H\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n".replace("\r\n\r\n", "\r\n")
        )
        err = one_line_exit_2(capsys, "--program", str(calendar), "list")
        assert "time zone" in err


@pytest.mark.parametrize("suffix", ["json", "toml"])
def test_a_five_thousand_digit_number_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"big.{suffix}"
    number = "9" * 5000
    path.write_text(f'{{"x": {number}}}' if suffix == "json" else f"x = {number}\n")
    assert "digits" in one_line_exit_2(capsys, "--program", str(path), "list")


def test_a_link_to_dev_zero_is_refused_not_read_into_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "program.toml"
    link.symlink_to("/dev/zero")
    err = one_line_exit_2(capsys, "--program", str(link), "list")
    assert "is not a regular file (a device)" in err


def test_a_fifo_is_refused_at_once_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "program.ics"
    os.mkfifo(fifo)
    # With no writer, opening it for reading would block forever.
    err = one_line_exit_2(capsys, "--program", str(fifo), "list")
    assert "is not a regular file (a named pipe)" in err


def test_a_file_larger_than_the_limit_is_refused_on_what_is_read(tmp_path: Path) -> None:
    from geodl_app.program import ProgramError, read_limited

    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 2000)
    assert read_limited(path, "big.toml", limit=2000) == b"#" * 2000
    with pytest.raises(ProgramError, match="larger than"):
        read_limited(path, "big.toml", limit=1999)


def nested_rooms(depth: int) -> str:
    parts = ["<schedule><conference><title>X</title>"]
    parts.append("<time_zone_name>Europe/Berlin</time_zone_name></conference>")
    parts.append('<day date="2024-06-12">')
    for n in range(depth):
        parts.append(f'<room name="R{n}"><event id="{n}"><title>t{n}</title>')
        parts.append("<start>10:00</start><duration>00:30</duration></event>")
    parts.append("</room>" * depth + "</day></schedule>")
    return "".join(parts)


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        (nested_rooms(2000), "<room> inside a <room>"),
        (nested_rooms(1).replace('<day date="2024-06-12">', '<day date="2024-06-12"><day>'), None),
    ],
)
def test_rooms_or_days_nested_in_each_other_are_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, nested: str | None
) -> None:
    # Today the 2,000 nested rooms take a minute and 2 GB, and two rooms read
    # each event twice (the copies get "-2" ids).
    path = tmp_path / "nested.xml"
    if nested is None:
        text = text.replace("</day>", "</day></day>")
        nested = "<day> inside a <day>"
    path.write_text(text)
    assert nested in one_line_exit_2(capsys, "--program", str(path), "list")


def test_a_calendar_of_100000_events_is_refused_before_it_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = (
        "BEGIN:VEVENT\r\nUID:e{n}\r\nSUMMARY:E\r\nDTSTART:20240612T100000Z\r\n"
        "DURATION:PT30M\r\nEND:VEVENT\r\n"
    )
    body = "".join(event.format(n=n) for n in range(100_000))
    path = tmp_path / "huge.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n")
    err = one_line_exit_2(capsys, "--program", str(path), "list")
    assert "holds 100,000 events; the limit for iCalendar files is 25,000" in err


@pytest.mark.parametrize("field", ["X-WR-CALNAME", "CATEGORIES"])
def test_a_line_break_in_a_title_or_track_exports_as_a_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    # Pretty-printed XML gives titles and tracks line breaks; so can a calendar.
    program = tmp_path / "broken.xml"
    program.write_text(
        "<schedule><conference><title>\n  Broken\n  Conf\n</title>"
        "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
        '<day date="2024-06-12"><room name="A"><event id="1"><title>t</title>'
        "<track>\n   Main\n   track\n</track>"
        "<start>10:00</start><duration>00:30</duration></event></room></day></schedule>"
    )
    out = tmp_path / "out.ics"
    status, err = run(capsys, "--program", str(program), "export", "--ics", str(out))
    assert (status, err) == (0, "")
    calendar = load_program(out)
    assert calendar.name == "Broken Conf"
    assert calendar.events[0].track == "Main track"
    del field


def test_a_data_folder_the_user_cannot_read_is_one_line(tmp_path: Path) -> None:
    # Root reads any folder: run the command as another user when we are root.
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing")
        os.chown(tmp_path, 65534, 65534)
        os.chown(data, 65534, 65534)
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    data.chmod(0)
    try:
        for command in (["list"], ["star", "talk-bokman"], ["starred"]):
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "geodl_app", "--data-dir", str(data), *command],
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "HOME": str(tmp_path)},
                cwd=Path(__file__).resolve().parent.parent,
            )
            assert result.returncode == 2, result.stderr
            assert result.stderr.count("\n") == 1
            assert "the data folder cannot be read (Permission denied)" in result.stderr
    finally:
        data.chmod(0o700)


def test_a_closed_pipe_ends_quietly_without_a_bug_report(tmp_path: Path) -> None:
    import subprocess
    import sys

    fosdem = shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")
    data = tmp_path / "data"
    # FOSDEM as JSON is far more than a pipe holds, so the writer meets the closed end.
    command = (
        f"{shlex.quote(sys.executable)} -m geodl_app --data-dir {shlex.quote(str(data))} "
        f"--program {shlex.quote(str(fosdem))} list --json | head -c 10; "
        "echo; echo status=${PIPESTATUS[0]}"
    )
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert "status=0" in result.stdout, result.stderr
    assert result.stderr == ""
    assert not (data / "errors.log").exists()


def vtimezone_calendar(tzid: str, frequency: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\n"
        f"TZOFFSETTO:+0200\r\nRRULE:FREQ={frequency}\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700101T000030\r\nTZOFFSETFROM:+0200\r\n"
        f"TZOFFSETTO:+0100\r\nRRULE:FREQ={frequency}\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
        f"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:t\r\nDTSTART;TZID={tzid}:20240612T100000\r\n"
        "DURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.mark.parametrize("frequency", ["MINUTELY", "HOURLY"])
def test_a_vtimezone_that_changes_every_minute_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frequency: str
) -> None:
    # Today: minutes and more than 3.5 GB (HOURLY: 8 s) before anything is said.
    path = tmp_path / "minutely.ics"
    path.write_text(vtimezone_calendar("Custom Zone", frequency))
    err = one_line_exit_2(capsys, "--program", str(path), "list")
    assert "VTIMEZONE 'Custom Zone' changes its UTC offset more than 1,000 times" in err


def test_a_vtimezone_named_like_an_iana_zone_is_read_as_that_zone(tmp_path: Path) -> None:
    # Its own rules are absurd; the IANA zone of the same name is used instead.
    path = tmp_path / "berlin.ics"
    path.write_text(vtimezone_calendar("/example.com/Europe/Berlin", "MINUTELY"))
    [event] = load_program(path).events
    assert event.start == datetime(2024, 6, 12, 8, 0, tzinfo=UTC)  # 10:00 CEST


def test_a_tzid_nobody_defines_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.ics"
    text = vtimezone_calendar("Nowhere", "YEARLY").replace("TZID:Nowhere", "TZID:Elsewhere")
    path.write_text(text)
    err = one_line_exit_2(capsys, "--program", str(path), "list")
    assert "TZID 'Nowhere' is not a known time zone, and the file does not define it" in err
