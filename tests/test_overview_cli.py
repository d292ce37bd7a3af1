"""``geodl-app now`` and ``geodl-app info``: their JSON shapes, exactly as the issue gives them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from benchmarks import ccc_programme
from geodl_app.cli import main
from geodl_app.now_next import now_and_next
from geodl_app.program import load_program

CONFERENCE = {
    "id": "tiny-conf",
    "name": "Tiny Conf",
    "first_day": "2025-03-01",
    "last_day": "2025-03-02",
    "timezone": "Europe/Berlin",
}


def _event(event_id: str, start: str, end: str | None, room: str | None, **extra: object) -> dict:
    item: dict[str, object] = {
        "id": event_id,
        "kind": "talk",
        "title": f"Title of {event_id}",
        "start": f"2025-03-01T{start}:00+01:00",
        **extra,
    }
    if end is not None:
        item["end"] = f"2025-03-01T{end}:00+01:00"
    if room is not None:
        item["room"] = room
    return item


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    events = [
        # Main hall: one talk now, another starting later.
        _event("hall-a", "10:00", "10:40", "Main hall", track="Science"),
        _event("hall-b", "10:40", "11:20", "Main hall", track="Science"),
        _event("hall-c", "11:30", "12:00", "Main hall", track="Art"),
        # Workshop room: nothing now, something next.
        _event("ws-a", "11:00", "12:00", "Workshop room", track="Science"),
        # Cellar: two items running at once.
        _event("cellar-a", "09:00", "11:00", "Cellar"),
        _event("cellar-b", "10:15", "10:45", "Cellar"),
        # Over before the moment asked for: the room is left out.
        _event("early", "08:00", "09:00", "Attic"),
        # No end: counts as one hour, so running at 10:20 from 9:30 is over.
        _event("open-old", "09:00", None, "Lobby"),
        _event("open-new", "09:30", None, None, kind="break", track="Art"),
    ]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({"conference": CONFERENCE, "events": events}), encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_now_json_shape_rooms_and_next(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "now", "--at", "2025-03-01T10:20", "--json")
    assert status == 0
    data = json.loads(output)
    assert list(data) == ["at", "rooms"]
    assert data["at"] == "2025-03-01T10:20:00+01:00"
    for entry in data["rooms"]:
        assert list(entry) == ["room", "now", "next"]
    rooms = {entry["room"]: entry for entry in data["rooms"]}
    assert rooms["Main hall"] == {"room": "Main hall", "now": ["hall-a"], "next": "hall-b"}
    assert rooms["Workshop room"] == {"room": "Workshop room", "now": [], "next": "ws-a"}
    assert rooms["Cellar"]["now"] == ["cellar-a", "cellar-b"]
    assert rooms["Cellar"]["next"] is None
    # An item with no end lasts one hour: 9:30 is running at 10:20, 9:00 is not.
    assert rooms[None] == {"room": None, "now": ["open-new"], "next": None}
    assert "Attic" not in rooms and "Lobby" not in rooms
    # Program room order (the no-room items first, as in the timetable).
    order = [entry["room"] for entry in data["rooms"]]
    program_rooms = load_program(tiny).rooms
    assert order == [None] + [r for r in program_rooms if r in rooms]


def test_now_end_is_excluded_and_next_starts_strictly_after(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "now", "--at", "2025-03-01T10:40+01:00", "--json")
    assert status == 0
    rooms = {entry["room"]: entry for entry in json.loads(output)["rooms"]}
    # hall-a ends at 10:40 (end excluded); hall-b starts at 10:40 (running, not next).
    assert rooms["Main hall"] == {"room": "Main hall", "now": ["hall-b"], "next": "hall-c"}


def test_now_at_an_offset_is_shown_in_the_conference_zone(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "now", "--at", "2025-03-01T09:20Z", "--json")
    assert status == 0
    assert json.loads(output)["at"] == "2025-03-01T10:20:00+01:00"


def test_now_without_at_honours_geodl_app_now(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "2025-03-01T10:20")
    status, output = run("--program", str(tiny), "now", "--json")
    assert status == 0
    data = json.loads(output)
    assert data["at"] == "2025-03-01T10:20:00+01:00"
    assert any(entry["now"] == ["hall-a"] for entry in data["rooms"])


def test_now_text_names_rooms_time_left_and_next(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "now", "--at", "2025-03-01T10:20")
    assert status == 0
    assert "Main hall" in output
    assert "now   10:00–10:40" in output and "(20 min left)" in output
    assert "next  10:40–11:20" in output
    assert "Attic" not in output


def test_now_after_the_end_has_no_rooms(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "now", "--at", "2025-03-05T10:00", "--json")
    assert status == 0
    assert json.loads(output)["rooms"] == []


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01T10:00", ""])
def test_now_bad_at_is_one_line_and_exit_2(
    tiny: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = run("--program", str(tiny), "now", "--at", bad, "--json")
    assert status == 2
    assert output == ""
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--at" in err and "Traceback" not in err


def test_now_bad_clock_is_one_line_and_exit_2(
    tiny: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GEODL_APP_NOW", "soon")
    status, _ = run("--program", str(tiny), "now")
    assert status == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_info_json_shape(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "info", "--json")
    assert status == 0
    data = json.loads(output)
    assert list(data) == [
        "id",
        "name",
        "first_day",
        "last_day",
        "timezone",
        "items",
        "rooms",
        "tracks",
    ]
    assert data["id"] == "tiny-conf" and data["name"] == "Tiny Conf"
    assert (data["first_day"], data["last_day"]) == ("2025-03-01", "2025-03-02")
    assert data["timezone"] == "Europe/Berlin"
    assert data["items"] == 9
    assert data["rooms"] == load_program(tiny).rooms
    assert [t["name"] for t in data["tracks"]] == load_program(tiny).tracks
    counts = {t["name"]: t["items"] for t in data["tracks"]}
    assert counts == {"Science": 3, "Art": 2}
    for track in data["tracks"]:
        assert list(track) == ["name", "color", "items"]
        assert re.fullmatch(r"#[0-9a-f]{6}", track["color"])
    assert len({t["color"] for t in data["tracks"]}) == 2


def test_info_colours_are_stable_between_runs(tiny: Path) -> None:
    first = json.loads(run("--program", str(tiny), "info", "--json")[1])
    second = json.loads(run("--program", str(tiny), "info", "--json")[1])
    assert first["tracks"] == second["tracks"]


def test_info_of_the_bundled_programme() -> None:
    status, output = run("info", "--json")
    assert status == 0
    data = json.loads(output)
    assert data["id"] == "gdl2024-umea"
    assert data["items"] == 25
    assert data["tracks"] == []


def test_info_text(tiny: Path) -> None:
    status, output = run("--program", str(tiny), "info")
    assert status == 0
    assert "Tiny Conf" in output and "Europe/Berlin" in output
    assert "9 items, 5 rooms, 2 tracks" in output


def test_now_and_next_on_a_congress_of_ninety_rooms(tmp_path: Path) -> None:
    conference = load_program(ccc_programme.write(tmp_path / "ccc.json"))
    assert len(conference.rooms) == 90 and len(conference.events) > 1200
    from datetime import datetime

    at = datetime.fromisoformat("2026-12-28T14:20+01:00")
    rooms = now_and_next(conference, at)
    assert len(rooms) > 40
    for entry in rooms:
        for event in entry.now:
            assert event.room == entry.room and event.start <= at
        if entry.next is not None:
            assert entry.next.room == entry.room and entry.next.start > at
            later = [e for e in conference.events if e.room == entry.room and e.start > at]
            assert entry.next.start == min(e.start for e in later)
