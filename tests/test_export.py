"""Export: valid against the c3voc schemas, RFC 5545 details, round trips, the command."""

from __future__ import annotations

import functools
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import jsonschema
import pytest
import xmlschema
from shared_programs import FIXTURES, PROGRAMS, SCHEMAS, shared_file

from geodl_app import cli, formats
from geodl_app.formats import common, ical
from geodl_app.model import Conference
from geodl_app.program import load_bundled, load_program, parse_program
from geodl_app.savefile import write_atomic

REAL = ["fosdem-2021.pentabarf.xml", "democon.frab.json", "kielux-2020.ics"]


@functools.cache
def program(name: str) -> Conference:
    if name == "bundled":
        return load_bundled()
    if name.startswith("fixture:"):
        return load_program(FIXTURES / name.removeprefix("fixture:"), timezone="Europe/Brussels")
    return load_program(shared_file(PROGRAMS / name))


@pytest.fixture(scope="module")
def xml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(shared_file(SCHEMAS / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(shared_file(SCHEMAS / "frab-schedule.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


PROGRAMS_TO_EXPORT = [
    "bundled",
    *REAL,
    "fixture:dst-no-zone.pentabarf.xml",
    # Across the autumn fold and the spring gap; event pages and track colours.
    "fixture:fold.frab.json",
    "fixture:gap.frab.json",
    "fixture:pages.frab.xml",
    "fixture:congress.schedule2.json",
]


@pytest.mark.parametrize("name", PROGRAMS_TO_EXPORT)
def test_pentabarf_export_is_valid_against_the_schema(name: str, xml_schema) -> None:
    data = formats.write(formats.PENTABARF, program(name))
    errors = list(xml_schema.iter_errors(data.decode("utf-8")))
    assert errors == [], errors[0].reason if errors else ""


@pytest.mark.parametrize("name", PROGRAMS_TO_EXPORT)
def test_frab_json_export_is_valid_against_the_schema(name: str, json_validator) -> None:
    document = json.loads(formats.write(formats.FRAB_JSON, program(name)))
    errors = [f"{list(e.path)}: {e.message}" for e in json_validator.iter_errors(document)]
    assert errors == []


def same_items(
    before: Conference, after: Conference, ids: dict[str, str], no_room: str | None = None
) -> None:
    """Every item of *before* is in *after* under ids[old id], unchanged.

    An item without a room comes back in the room *no_room* (the venue).
    """
    assert len(after.events) == len(before.events)
    for event in before.events:
        again = after.event(ids[event.id])
        assert again is not None, event.id
        assert (again.start, again.end) == (event.start, event.end), event.id
        assert (again.title, again.kind, again.room, again.track, again.speakers) == (
            event.title,
            event.kind,
            event.room or no_room,
            event.track,
            event.speakers,
        ), event.id
        assert again.abstract == event.abstract, event.id
        assert again.links == event.links, event.id
        assert again.url == event.url, event.id


@pytest.mark.parametrize("name", PROGRAMS_TO_EXPORT)
@pytest.mark.parametrize("kind", [formats.ICAL, formats.PENTABARF, formats.FRAB_JSON])
def test_round_trip_keeps_every_item_at_its_instant(name: str, kind: str) -> None:
    before = program(name)
    after = parse_program(formats.write(kind, before), source=f"export.{kind}")
    if kind == formats.ICAL:
        ids = {e.id: e.id for e in before.events}  # UIDs carry the ids themselves
    else:
        ids = {e.id: common.export_guid(before, e) for e in before.events}
    # ConfClerk makes a room of any name written, so XML and JSON name one.
    no_room = None if kind == formats.ICAL else before.venue or common.NO_ROOM
    same_items(before, after, ids, no_room)
    # Rooms keep the programme's order (XML gives the order of first appearance).
    rooms = [*before.rooms, *([no_room] if no_room and no_room not in before.rooms else [])]
    if kind == formats.FRAB_JSON:
        assert [r for r in after.rooms if r in rooms] == [r for r in rooms if r in after.rooms]
    assert after.timezone == before.timezone or kind == formats.FRAB_JSON
    assert after.name == before.name


def test_exported_guids_are_stable_and_uuids_stay_themselves() -> None:
    gdl = load_bundled()
    first = formats.write(formats.PENTABARF, gdl)
    assert formats.write(formats.PENTABARF, gdl) == first
    democon = program("democon.frab.json")
    assert all(common.export_guid(democon, e) == e.id for e in democon.events)


def test_ics_has_zone_location_speakers_and_abstract(gdl: Conference) -> None:
    data = ical.write(gdl)
    calendar = icalendar.Calendar.from_ical(data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    talk = next(e for e in gdl.events if e.speakers and e.abstract)
    (item,) = [c for c in calendar.walk("VEVENT") if str(c["UID"]) == f"{talk.id}@{gdl.id}"]
    assert item.decoded("DTSTART") == talk.start
    assert item["DTSTART"].params["TZID"] == "Europe/Stockholm"
    description = str(item["DESCRIPTION"])
    assert ", ".join(talk.speakers) in description.splitlines()[0]
    assert talk.paragraphs[0] in description
    dinner = next(e for e in gdl.events if e.room and e.end is None)
    (item,) = [c for c in calendar.walk("VEVENT") if str(c["UID"]) == f"{dinner.id}@{gdl.id}"]
    assert str(item["LOCATION"]) == dinner.room
    assert "DTEND" not in item
    assert b"\r\n" in data  # RFC 5545 line endings


def test_ics_of_a_utc_program_uses_z_times() -> None:
    data = ical.write(program("democon.frab.json"))
    assert b"BEGIN:VTIMEZONE" not in data
    assert b"DTSTART:20201214T080000Z" in data


def test_ics_export_is_the_same_twice_but_for_the_stamp(gdl: Conference) -> None:
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    assert ical.write(gdl, stamp=stamp) == ical.write(gdl, stamp=stamp)


# ------------------------------------------------------------------ the command


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("option", ["--ics", "--pentabarf", "--frab-json"])
def test_export_command_writes_the_whole_program(option: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out"
    status, out, err = run(["export", option, str(target)], capsys)
    assert (status, err) == (0, "")
    assert "25 items" in out
    again = load_program(target)
    assert len(again.events) == len(load_bundled().events)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file left


def test_export_starred_writes_only_the_plan(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    gdl = load_bundled()
    chosen = {gdl.events[1].id, gdl.events[5].id}
    monkeypatch.setattr(cli.Context, "starred_ids", lambda self: chosen)
    target = tmp_path / "plan.ics"
    status, out, _ = run(["export", "--ics", str(target), "--starred"], capsys)
    assert status == 0
    assert "the plan (2 items)" in out
    assert {e.id for e in load_program(target).events} == chosen


def test_export_of_a_real_file_with_timezone_option(tmp_path: Path, capsys) -> None:
    source = FIXTURES / "dst-no-zone.pentabarf.xml"
    target = tmp_path / "night.ics"
    status, _, err = run(["--program", str(source), "export", "--ics", str(target)], capsys)
    assert status == 2
    assert "--timezone" in err and err.count("\n") == 1
    assert not target.exists()
    argv = ["--program", str(source), "--timezone", "Europe/Brussels", "export", "--ics"]
    status, _, err = run([*argv, str(target)], capsys)
    assert (status, err) == (0, "")
    hack = load_program(target).event("101")
    assert hack.end == datetime(2021, 3, 28, 2, 30, tzinfo=UTC)


def test_unknown_timezone_option_is_refused(capsys) -> None:
    status, _, err = run(["--timezone", "Mars/Olympus", "list"], capsys)
    assert status == 2
    assert err == "geodl-app: error: --timezone Mars/Olympus: unknown IANA time zone\n"


def test_a_failed_export_leaves_the_existing_file_alone(tmp_path: Path, capsys) -> None:
    target = tmp_path / "mine.ics"
    target.write_bytes(b"precious")
    bad = FIXTURES / "billion-laughs.xml"
    status, _, err = run(["--program", str(bad), "export", "--ics", str(target)], capsys)
    assert status == 2
    assert "refused for safety" in err
    assert target.read_bytes() == b"precious"


def test_export_refuses_unwritable_places_and_the_program_itself(tmp_path: Path, capsys) -> None:
    status, _, err = run(["export", "--ics", str(tmp_path / "missing" / "x.ics")], capsys)
    assert status == 2
    assert "cannot write" in err
    status, _, err = run(["export", "--ics", str(tmp_path)], capsys)
    assert (status, "is a folder" in err) == (2, True)
    own = tmp_path / "own.xml"
    own.write_bytes(formats.write(formats.PENTABARF, load_bundled()))
    before = own.read_bytes()
    status, _, err = run(["--program", str(own), "export", "--pentabarf", str(own)], capsys)
    assert status == 2
    assert "is the program being read" in err
    assert own.read_bytes() == before


def test_list_reads_an_outside_format_chosen_by_content(tmp_path: Path, capsys) -> None:
    # No telling file name: the content decides.
    disguised = tmp_path / "program.toml"
    disguised.write_bytes((FIXTURES / "berlin-tzid.ics").read_bytes())
    status, out, _ = run(["--program", str(disguised), "list", "--json"], capsys)
    assert status == 0
    assert {item["id"] for item in json.loads(out)} == {
        "night@spring",
        "morning@spring",
        "night@spring-2",
    }


# ------------------------------------------------------------------ atomic write


def test_write_atomic_replaces_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"

    def broken_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"three")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_export_starred_includes_real_stars_and_own_appointments(tmp_path: Path, capsys) -> None:
    from geodl_app.bookmarks import Appointment, BookmarkStore

    gdl = load_bundled()
    status, _, _ = run(["star", "talk-bokman", "talk-kessel"], capsys)
    assert status == 0
    train = Appointment.create(
        "Train to Stockholm",
        datetime(2024, 6, 13, 11, 30, tzinfo=UTC),
        datetime(2024, 6, 13, 15, 30, tzinfo=UTC),
        place="Umeå C",
    )
    BookmarkStore(gdl.id).add_appointment(train)
    target = tmp_path / "plan.ics"
    status, out, _ = run(["export", "--ics", str(target), "--starred"], capsys)
    assert status == 0 and "the plan (3 items)" in out
    exported = {e.id: e for e in load_program(target).events}
    assert set(exported) == {"talk-bokman", "talk-kessel", train.id}
    assert exported[train.id].room == "Umeå C"
    assert exported[train.id].start == train.start
