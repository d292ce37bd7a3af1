"""The conference day's commands: next, note, export --notes, and alarms in the .ics."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from geodl_app import cli, clock, settings
from geodl_app.bookmarks import Appointment, BookmarkStore

CONF = "gdl2024-umea"
ZONE = ZoneInfo("Europe/Stockholm")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = cli.main(list(argv), out=out)
    return status, out.getvalue()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=ZONE)


def add_appointment(title: str, start: datetime, end: datetime, place: str | None = None) -> str:
    appointment = Appointment.create(title, start, end, place=place)
    BookmarkStore(CONF).add_appointment(appointment)
    return appointment.id


# ---------------------------------------------------------------------- next


def test_next_json_gives_what_runs_and_everything_starting_next(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run("star", "talk-bokman", "talk-marchetti")
    train = add_appointment("Call with Anna", at(11, 15, 10), at(11, 15, 30), "Room 12")
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-11T14:20")
    status, text = run("next", "--json")
    assert status == 0
    payload = json.loads(text)
    assert list(payload) == ["at", "now", "next"]
    assert payload["at"] == "2024-06-11T14:20:00+02:00"
    assert payload["now"] == [
        {
            "id": "talk-bokman",
            "title": "On the usefulness of equivariant image representations",
            "start": "2024-06-11T14:10:00+02:00",
            "end": "2024-06-11T14:50:00+02:00",
            "room": None,
            "kind": "talk",
        }
    ]
    # Both items starting at 15:10 are next (the one ending first comes first).
    assert [(i["id"], i["kind"]) for i in payload["next"]] == [
        (train, "appointment"),
        ("talk-marchetti", "talk"),
    ]
    assert list(payload["next"][0]) == ["id", "title", "start", "end", "room", "kind"]
    assert payload["next"][0]["room"] == "Room 12"
    assert capsys.readouterr().err == ""


def test_next_plain_is_one_short_line(monkeypatch: pytest.MonkeyPatch) -> None:
    run("star", "talk-bokman", "talk-kessel")
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-11T14:20")
    status, text = run("next")
    assert status == 0
    assert text.count("\n") == 1
    assert text.startswith("Now: On the usefulness of equivariant image representations (to 14:50)")
    assert " · Next Wed 12 Jun " in text  # Kessel is on the next day: its day is named


def test_next_with_nothing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-11T14:20")
    assert run("next") == (0, "Nothing planned next\n")
    clock.restart()
    status, text = run("next", "--json")
    assert status == 0
    assert json.loads(text) == {"at": "2024-06-11T14:20:00+02:00", "now": [], "next": []}


def test_next_with_a_bad_clock_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "teatime")
    assert run("next") == (2, "")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "GEODL_APP_NOW" in err


# ---------------------------------------------------------------------- note


def test_note_set_print_and_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("note", "talk-bokman") == (0, "")
    assert run("note", "talk-bokman", "Ask about steerers") == (0, "talk-bokman: note saved\n")
    assert run("note", "talk-bokman") == (0, "Ask about steerers\n")
    assert BookmarkStore(CONF).plan.note("talk-bokman") == "Ask about steerers"
    assert run("note", "talk-bokman", "--clear") == (0, "talk-bokman: note removed\n")
    assert run("note", "talk-bokman") == (0, "")
    assert capsys.readouterr().err == ""


def test_note_on_an_own_appointment() -> None:
    lunch = add_appointment("Lunch", at(12, 12), at(12, 13))
    run("note", lunch, "with the Chalmers group")
    assert BookmarkStore(CONF).plan.appointment(lunch).note == "with the Chalmers group"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("note", "talk-nobody", "x"), "unknown id talk-nobody"),
        (("note", "not an id", "x"), "not a valid item id"),
        (("note", "talk-bokman", "x", "--clear"), "not both"),
        (("note", "talk-bokman", "   "), "--clear"),
    ],
)
def test_note_mistakes_are_one_line_exit_2_nothing_written(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str], argv, words: str
) -> None:
    assert run(*argv) == (2, "")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert not list(isolated_user_dirs.glob("plan-*.json"))


# ------------------------------------------------------------ export --notes


def test_export_notes_markdown_in_program_order(tmp_path: Path) -> None:
    run("star", "talk-kessel", "talk-bokman")
    run("note", "talk-marchetti", "Fourier features *emerge*")  # noted, not starred
    run("note", "talk-bokman", "Ask about steerers")
    lunch = add_appointment("Lunch with Anna", at(12, 12), at(12, 13), "Vasaplan")
    run("note", lunch, "booked for 2")
    target = tmp_path / "notes.md"
    status, text = run("export", "--notes", str(target))
    assert status == 0 and "4 items" in text
    markdown = target.read_text("utf-8")
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        "# Geometric Deep Learning: my notes",
        "## On the usefulness of equivariant image representations",
        "## Harmonics of Learning",
        f"## {_title('talk-kessel')}",
        "## My appointments",
        "### Lunch with Anna",
    ]
    bokman = markdown.split("## On the usefulness")[1].split("\n## ")[0]
    assert "**Speaker:** Georg Bökman" in bokman
    assert "**When:** Tuesday 11 June 2024, 14:10–14:50" in bokman
    assert "> In representation learning, the aim is" in bokman
    assert "Steerers work" not in bokman.split("> ")[1].split("\n\n")[0][:40]
    assert bokman.rstrip().endswith("Ask about steerers")
    # The attendee's own Markdown is kept as written.
    assert "Fourier features *emerge*" in markdown
    lunch_part = markdown.split("### Lunch with Anna")[1]
    assert "**Where:** Vasaplan" in lunch_part and "booked for 2" in lunch_part


def _title(item_id: str) -> str:
    from geodl_app.notes_export import text
    from geodl_app.program import load_bundled

    event = load_bundled().event(item_id)
    assert event is not None
    return text(event.title)


def test_programme_text_is_escaped_and_links_listed(tmp_path: Path) -> None:
    program = tmp_path / "p.toml"
    program.write_text(
        """
[conference]
id = "esc-2024"
name = "Escapes <2024>"
first_day = 2024-06-11
last_day = 2024-06-11
timezone = "Europe/Stockholm"

[[events]]
id = "talk-x"
kind = "talk"
title = "<script>alert(1)</script> *bold* [link](http://evil)"
speakers = ["A_B"]
start = 2024-06-11T10:00:00+02:00
end = 2024-06-11T10:30:00+02:00
room = "# Hall"
links = [{title = "arXiv", url = "https://arxiv.org/abs/2401.00001"}]
""",
        encoding="utf-8",
    )
    target = tmp_path / "notes.md"
    assert run("--program", str(program), "star", "talk-x")[0] == 0
    assert run("--program", str(program), "export", "--notes", str(target))[0] == 0
    markdown = target.read_text("utf-8")
    assert "## \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](http://evil)" in markdown
    assert "<script>" not in markdown
    assert "**Speaker:** A\\_B" in markdown
    assert "**Where:** \\# Hall" in markdown
    assert "[arXiv](https://arxiv.org/abs/2401.00001)" in markdown


def test_export_notes_refuses_a_folder(tmp_path: Path, capsys) -> None:
    assert run("export", "--notes", str(tmp_path)) == (2, "")
    assert "is a folder" in capsys.readouterr().err


# --------------------------------------------------------------- .ics alarms


def _alarms(path: Path) -> dict[str, list[str]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found: dict[str, list[str]] = {}
    for event in calendar.walk("VEVENT"):
        triggers = [alarm.get("TRIGGER").to_ical().decode() for alarm in event.walk("VALARM")]
        assert all(alarm.get("ACTION") == "DISPLAY" for alarm in event.walk("VALARM"))
        found[str(event.get("SUMMARY"))] = triggers
    return found


def test_the_plan_calendar_carries_alarms_with_the_reminder_lead(tmp_path: Path) -> None:
    run("star", "talk-bokman", "talk-marchetti")
    add_appointment("Train home", at(13, 15), at(13, 16))
    BookmarkStore(CONF).set_reminder("talk-marchetti", False)
    settings.save(settings.changed(settings.Settings(), reminder_lead_minutes=10))
    target = tmp_path / "plan.ics"
    assert run("export", "--ics", str(target), "--starred")[0] == 0
    assert _alarms(target) == {
        "On the usefulness of equivariant image representations": ["-PT10M"],
        "Harmonics of Learning": [],  # its reminder is switched off
        "Train home": ["-PT10M"],
    }
    assert b"TRIGGER:-PT10M\r\n" in target.read_bytes()


def test_no_alarms_leaves_them_out_and_the_whole_program_has_none(tmp_path: Path) -> None:
    run("star", "talk-bokman")
    plan = tmp_path / "plan.ics"
    assert run("export", "--ics", str(plan), "--starred", "--no-alarms")[0] == 0
    assert b"VALARM" not in plan.read_bytes()
    whole = tmp_path / "all.ics"
    assert run("export", "--ics", str(whole))[0] == 0
    assert b"VALARM" not in whole.read_bytes()
