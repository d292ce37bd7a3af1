"""Exports cannot hurt the plan, a read-only file or a calendar reading them."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geodl_app import formats, paths
from geodl_app.cli import main
from geodl_app.model import Conference, Event, Kind, Link
from geodl_app.program import parse_program


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv), out=io.StringIO())
    return status, capsys.readouterr().err


def star_something(capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "star", "talk-bokman")[0] == 0
    [plan] = paths.data_dir().glob("plan-*.json")
    return plan


def test_an_export_never_replaces_the_plan_whatever_the_spelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = star_something(capsys)
    before = plan.read_bytes()
    link = tmp_path / "calendar.ics"
    link.symlink_to(plan)
    spellings = [
        plan,
        plan.parent / ".." / plan.parent.name / plan.name,
        link,
        plan.with_name(plan.name + ".lock"),
        plan.parent / "ui-state.json",
        plan.parent / "recent.json",
        plan.parent / "new-file.ics",
    ]
    for target in spellings:
        for option in ("--ics", "--pentabarf", "--frab-json"):
            status, err = run(capsys, "export", option, str(target))
            assert status == 2, target
            assert err.count("\n") == 1 and "data folder" in err, err
    assert plan.read_bytes() == before
    assert not (plan.parent / "new-file.ics").exists()
    assert json.loads(before)["starred"] == ["talk-bokman"]


def test_a_read_only_target_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.ics"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    status, err = run(capsys, "export", "--ics", str(target))
    assert status == 2 and "is read-only; nothing was written" in err
    assert target.read_bytes() == b"keep me"


def test_a_symlinked_target_is_written_through_and_stays_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Decided: the file the link points to is replaced, the link stays (a
    # calendar subscribed through the link sees the new export).
    real = tmp_path / "real" / "calendar.ics"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert run(capsys, "export", "--ics", str(link))[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # A dangling link creates the file it names.
    dangling = tmp_path / "dangling.ics"
    dangling.symlink_to(tmp_path / "real" / "new.ics")
    assert run(capsys, "export", "--ics", str(dangling))[0] == 0
    assert dangling.is_symlink() and (tmp_path / "real" / "new.ics").is_file()


def test_an_empty_file_name_is_named_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    for option in ("--ics", "--pentabarf", "--frab-json"):
        status, err = run(capsys, "export", option, "")
        assert status == 2
        assert err == "geodl-app: error: the export's file name is empty\n"


# ------------------------------------------------------- controls in every field

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\r\n"]


def hostile(text: str) -> str:
    """*text* with every control character around it and in it."""
    return f"{text[:1]}{''.join(CONTROLS)}{text[1:]}\rBEGIN:VEVENT\r{text}"


def hostile_conference() -> Conference:
    """Built without validation, as a writer may be handed anything."""
    event = Event(
        id="talk-1",
        kind=Kind.TALK,
        title=hostile("Title"),
        speakers=(hostile("Ada"), hostile("Bob")),
        start=datetime(2024, 6, 12, 8, 0, tzinfo=UTC),
        end=datetime(2024, 6, 12, 9, 0, tzinfo=UTC),
        room=hostile("Room"),
        track=hostile("Track"),
        abstract=hostile("Abstract") + "\n\nSecond paragraph",
        links=(Link(title=hostile("Slides"), url="https://example.org/s"),),
    )
    personal = replace(event, id="appt-1", kind=Kind.PERSONAL)
    return Conference(
        id="conf",
        name=hostile("Conference"),
        organiser=None,
        city=None,
        venue=None,
        first_day=event.start.date(),
        last_day=event.start.date(),
        timezone="Europe/Berlin",
        events=(event, personal),
    )


ALLOWED = {
    formats.ICAL: "\r\n",  # content lines end in CRLF, nothing else
    formats.PENTABARF: "\n",  # pretty-printed
    formats.FRAB_JSON: "\n",
}


@pytest.mark.parametrize("kind", [formats.ICAL, formats.PENTABARF, formats.FRAB_JSON])
def test_no_control_character_reaches_any_export(kind: str) -> None:
    data = formats.write(kind, hostile_conference()).decode("utf-8")
    text = data.replace(ALLOWED[kind], "") if kind == formats.ICAL else data.replace("\n", "")
    assert not re.search("[\x00-\x1f\x7f]", text), repr(re.findall("[\x00-\x1f\x7f]", text))
    if kind == formats.ICAL:
        # A reader that breaks lines at CR or LF alike sees only our two events.
        lines = re.split("\r\n|\r|\n", data)
        assert sum(line == "BEGIN:VEVENT" for line in lines) == 2
    again = parse_program(data.encode("utf-8"), f"again.{kind}")
    for event in again.events:
        fields = [event.title, event.room or "", event.track or "", *event.speakers]
        fields += [link.title for link in event.links]
        for field in fields:
            assert not re.search("[\x00-\x1f\x7f]", field), (kind, field)
        assert "\r" not in event.abstract and "\x1b" not in event.abstract
    assert not re.search("[\x00-\x1f\x7f]", again.name)


def test_the_model_keeps_no_control_character_from_any_reader() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-WR-CALNAME:Conf\x1bX\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Bell\x07 and\x1b[31m red\r\n"
        "X-GEODL-TRACK:Main\x00track\r\nX-GEODL-SPEAKER:Ada\x7f\r\n"
        "DESCRIPTION:one\\n\\ntwo\x08\r\nDTSTART:20240612T100000Z\r\n"
        "DTEND:20240612T103000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    conference = parse_program(text.encode("utf-8"), "bell.ics")
    [event] = conference.events
    assert event.title == "Bell and[31m red"
    assert (event.track, event.speakers, event.abstract) == ("Maintrack", ("Ada",), "one\n\ntwo")
    assert conference.name == "ConfX"


def test_no_control_character_reaches_the_notes_export() -> None:
    from geodl_app.bookmarks import empty_plan
    from geodl_app.notes_export import notes_markdown

    conference = hostile_conference()
    plan = replace(
        empty_plan(conference.id),
        starred=("talk-1",),
        notes={"talk-1": hostile("my **own** note")},
    )
    markdown = notes_markdown(conference, plan)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", markdown), repr(
        re.findall("[\x00-\x09\x0b-\x1f\x7f]", markdown)
    )
    assert "my **own** note" in markdown  # the attendee's Markdown, as written
