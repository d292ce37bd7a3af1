"""Loading program files: the own format, and clear one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geodl_app.model import Conference, Kind
from geodl_app.program import ProgramError, load_program

MINIMAL = """
[conference]
id = "tiny"
name = "Tiny Conf"
first_day = 2025-03-29
last_day = 2025-03-31
timezone = "Europe/Stockholm"

[[events]]
id = "opening"
kind = "opening"
title = "Opening"
start = 2025-03-29T09:00:00+01:00
end = 2025-03-29T09:30:00+01:00

[[events]]
id = "late-talk"
kind = "talk"
title = "After the clocks change"
speakers = ["Ada Lovelace"]
start = 2025-03-30T09:00:00+02:00
end = 2025-03-30T09:45:00+02:00
abstract = "First paragraph.\\n\\nSecond paragraph."
links = [{ title = "Paper", url = "https://example.org/paper" }]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_own_toml_format(tmp_path: Path) -> None:
    conference = load_program(write(tmp_path, "tiny.toml", MINIMAL))
    assert isinstance(conference, Conference)
    assert [e.id for e in conference.events] == ["opening", "late-talk"]
    talk = conference.events_by_id["late-talk"]
    assert talk.kind is Kind.TALK
    assert talk.paragraphs == ["First paragraph.", "Second paragraph."]
    # Across the spring DST change the wall clock says 09:00 on both days.
    assert [conference.local(e.start).strftime("%H:%M") for e in conference.events] == ["09:00"] * 2


def test_loads_same_structure_as_json(tmp_path: Path) -> None:
    payload = {
        "conference": {
            "id": "j",
            "name": "JSON Conf",
            "first_day": "2025-01-01",
            "last_day": "2025-01-01",
            "timezone": "UTC",
        },
        "events": [
            {
                "id": "a",
                "kind": "talk",
                "title": "A",
                "start": "2025-01-01T10:00:00+00:00",
                "end": "2025-01-01T11:00:00+00:00",
            }
        ],
    }
    conference = load_program(write(tmp_path, "p.json", json.dumps(payload)))
    assert conference.events[0].title == "A"


def error_for(tmp_path: Path, text: str, name: str = "bad.toml") -> str:
    with pytest.raises(ProgramError) as caught:
        load_program(write(tmp_path, name, text))
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    return message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProgramError, match=r"nope\.toml: no such file"):
        load_program(tmp_path / "nope.toml")


def test_invalid_json_names_line(tmp_path: Path) -> None:
    assert "invalid JSON at line 2" in error_for(tmp_path, '{"conference":\n  ]', "bad.json")


def test_invalid_toml(tmp_path: Path) -> None:
    assert "invalid TOML" in error_for(tmp_path, "[conference\nid=1")


def test_wrong_type_names_event_and_field(tmp_path: Path) -> None:
    text = MINIMAL.replace("start = 2025-03-30T09:00:00+02:00", 'start = "half past nine"')
    message = error_for(tmp_path, text)
    assert "events[1] (id 'late-talk').start" in message


def test_naive_time_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("start = 2025-03-29T09:00:00+01:00", "start = 2025-03-29T09:00:00")
    assert "events[0] (id 'opening').start" in error_for(tmp_path, text)


def test_end_before_start(tmp_path: Path) -> None:
    text = MINIMAL.replace("end = 2025-03-29T09:30:00+01:00", "end = 2025-03-29T08:30:00+01:00")
    assert "must not be before start" in error_for(tmp_path, text)


def test_missing_field(tmp_path: Path) -> None:
    text = MINIMAL.replace('title = "Opening"\n', "")
    assert "events[0] (id 'opening').title: missing required field" in error_for(tmp_path, text)


def test_unknown_kind_and_zone(tmp_path: Path) -> None:
    assert ".kind:" in error_for(tmp_path, MINIMAL.replace('kind = "opening"', 'kind = "party"'))
    message = error_for(tmp_path, MINIMAL.replace("Europe/Stockholm", "Mars/Olympus"))
    assert "conference.timezone" in message and "Mars/Olympus" in message


def test_duplicate_id(tmp_path: Path) -> None:
    assert "duplicate event id 'opening'" in error_for(
        tmp_path, MINIMAL.replace('"late-talk"', '"opening"')
    )


def test_bad_link_url(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, MINIMAL.replace("https://example.org/paper", "javascript:alert(1)")
    )
    assert "links.0.url" in message


def test_not_utf8_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("Tiny", "Tíny").encode("latin-1"))
    with pytest.raises(ProgramError, match="not UTF-8"):
        load_program(path)
    assert "is empty" in error_for(tmp_path, "  \n")


def test_folder_is_not_a_program(tmp_path: Path) -> None:
    with pytest.raises(ProgramError, match="is a folder"):
        load_program(tmp_path)


def test_the_same_program_read_twice_is_equal_however_much_either_was_used() -> None:
    """Looking an item up, or asking for the zone, must not change what a
    program compares equal to (a cache filled on first use did)."""
    from geodl_app.program import load_bundled

    used, untouched = load_bundled(), load_bundled()
    assert used.event("talk-bokman") is not None
    assert used.zone.key == "Europe/Stockholm"
    assert used == untouched
