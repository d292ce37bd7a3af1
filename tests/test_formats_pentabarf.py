"""Pentabarf / frab schedule XML: the real FOSDEM file, time zones and hostile input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app.model import Kind
from geodl_app.program import ProgramError, load_program, parse_program

FOSDEM = PROGRAMS / "fosdem-2021.pentabarf.xml"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture(scope="module")
def fosdem():
    return load_program(shared_file(FOSDEM))


def test_fosdem_loads_every_event_in_brussels_time(fosdem) -> None:
    assert len(fosdem.events) == 773
    assert fosdem.name == "FOSDEM 2021"
    # The file names no zone; FOSDEM documents Brussels time.
    assert fosdem.timezone == "Europe/Brussels"
    assert (fosdem.first_day.isoformat(), fosdem.last_day.isoformat()) == (
        "2021-02-06",
        "2021-02-07",
    )
    assert len(fosdem.rooms) > 100


def test_fosdem_known_events_at_exact_instants(fosdem) -> None:
    # From the file: <event id="11795"> on day 2021-02-06, <start>09:00, <duration>00:25,
    # Brussels in February is CET (+01:00), so 08:00 UTC.
    welcome = fosdem.event("11795")
    assert welcome is not None
    assert welcome.title == "Welcome to FOSDEM 2021"
    assert (welcome.start, welcome.end) == (utc(2021, 2, 6, 8, 0), utc(2021, 2, 6, 8, 25))
    assert welcome.room == "K.fosdem"
    assert welcome.track == "FOSDEM"
    # <event id="12237"> on 2021-02-07 at 18:00 for 00:10.
    closing = fosdem.event("12237")
    assert closing is not None
    assert (closing.start, closing.end) == (utc(2021, 2, 7, 17, 0), utc(2021, 2, 7, 17, 10))
    # Two speakers, HTML abstract reduced to text, web links kept.
    school = fosdem.event("11164")
    assert school is not None
    assert school.speakers == ("Marco Marinello", "Paolo Dongilli")
    assert (
        school.paragraphs[0]
        == "Remotely accessing files in a distributed LDAP and Samba-based infrastructure"
    )
    assert school.abstract.count("<p>") == 0
    assert "Docker, NextCloud, LibreOffice Online and LDAP" in school.abstract
    assert any(link.url == "https://fuss.bz.it" for link in school.links)


def test_fosdem_types_become_kinds(fosdem) -> None:
    assert fosdem.event("11795").kind is Kind.TALK  # maintrack
    assert fosdem.event("10856").kind is Kind.TALK  # bof: a session too
    assert fosdem.event("11762").kind is Kind.OTHER  # infodesk
    assert sum(e.kind is Kind.TALK for e in fosdem.events) == 773 - 2


def test_an_explicit_timezone_option_wins_over_the_documented_default() -> None:
    conference = load_program(shared_file(FOSDEM), timezone="UTC")
    assert conference.timezone == "UTC"
    assert conference.event("11795").start == utc(2021, 2, 6, 9, 0)


def test_zoneless_file_is_refused_without_a_zone() -> None:
    with pytest.raises(ProgramError, match="--timezone"):
        load_program(FIXTURES / "dst-no-zone.pentabarf.xml")


def test_wall_times_across_a_dst_switch_are_exact() -> None:
    conference = load_program(FIXTURES / "dst-no-zone.pentabarf.xml", timezone="Europe/Brussels")
    hack = conference.event("101")
    # 23:30 CET (+01:00) on the 27th, then four real hours: the clocks jump at 02:00,
    # so it ends at 04:30 CEST (+02:00), not 03:30.
    assert hack.start == utc(2021, 3, 27, 22, 30)
    assert hack.end == utc(2021, 3, 28, 2, 30)
    assert conference.local(hack.end).strftime("%H:%M %z") == "04:30 +0200"
    # 01:30 before the 06:00 day change belongs to the night after the 27th (still CET).
    snack = conference.event("102")
    assert snack.start == utc(2021, 3, 28, 0, 30)
    assert snack.kind is Kind.BREAK
    # After the switch: 10:00 CEST is 08:00 UTC.
    assert conference.event("103").start == utc(2021, 3, 28, 8, 0)
    assert conference.event("104").kind is Kind.MEAL


def test_abstract_speakers_and_links_are_cleaned_up() -> None:
    hack = load_program(FIXTURES / "dst-no-zone.pentabarf.xml", timezone="UTC").event("101")
    assert hack.paragraphs == ["Four hours of code.", "Bring & share snacks.\nAnd a laptop."]
    assert hack.speakers == ("Ada Lovelace", "Alan Turing")
    # The relative link is not something a browser can open; it is dropped.
    assert [link.url for link in hack.links] == ["https://example.org/hack"]
    assert hack.track == "Hacking"


def test_repeated_ids_keep_every_event_with_stable_unique_ids() -> None:
    path = FIXTURES / "duplicate-ids.pentabarf.xml"
    first = load_program(path)
    titles = {e.id: e.title for e in first.events}
    assert titles == {
        "500": "First with 500",
        "500-3": "Second with 500",  # "500-2" is taken by the file's own item
        "500-2": "Really 500-2",
        "bad-id-with-spaces": "Spaces in id",
        "event-5": "No id at all",
    }
    assert [e.id for e in load_program(path).events] == [e.id for e in first.events]
    assert first.timezone == "Europe/Berlin"
    assert first.event("500").start == utc(2024, 6, 11, 8, 0)  # 10:00 CEST


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("billion-laughs.xml", "entities, which are refused"),
        ("external-entity.xml", "entities, which are refused"),
        ("truncated.pentabarf.xml", "invalid XML at line"),
        ("latin1-declared-utf8.xml", "invalid XML at line 2"),
        ("absurd-duration.pentabarf.xml", "not plausible"),
        ("empty-days.pentabarf.xml", "holds no events"),
    ],
)
def test_hostile_or_broken_xml_is_one_clear_error(fixture: str, message: str) -> None:
    with pytest.raises(ProgramError, match=message) as caught:
        load_program(FIXTURES / fixture)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(FIXTURES / fixture))


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<html><body>not a schedule</body></html>", "not a <schedule>"),
        (b"<schedule><conference><time_zone_name>Mars/Olympus</time_zone_name></conference>"
         b"</schedule>", "unknown time zone"),
        (b"<schedule><conference><time_zone_name>UTC</time_zone_name></conference>"
         b"<day date='2024-06-11'><room name='A'><event id='1'><start>25:99</start>"
         b"</event></room></day></schedule>", "not a time"),
        (b"<schedule><conference><time_zone_name>UTC</time_zone_name></conference>"
         b"<day date='2024-06-11'><room name='A'><event id='1'><start>10:00</start>"
         b"<duration>-1:00</duration></event></room></day></schedule>", "not HH:MM"),
        (b"<schedule><conference><time_zone_name>UTC</time_zone_name></conference>"
         b"<day date='June'><room name='A'/></day></schedule>", "not a date"),
    ],
)  # fmt: skip
def test_malformed_schedules_name_the_problem(xml: bytes, message: str) -> None:
    with pytest.raises(ProgramError, match=message):
        parse_program(xml, source="bad.xml")


def test_frab_style_xml_with_offsets_and_zone_name() -> None:
    xml = b"""<?xml version="1.0"?>
<schedule><version>1</version>
 <conference><title>Pretalx XML</title><acronym>ptx</acronym>
  <time_zone_name>Europe/Amsterdam</time_zone_name></conference>
 <day index="1" date="2024-10-27" start="2024-10-27T04:00:00+02:00" end="2024-10-28T03:59:00+01:00">
  <room name="Aula">
   <event guid="6f7d2ce5-0d8b-5b8f-93a5-5a1f4a0e6c11" id="9">
    <date>2024-10-27T01:30:00+02:00</date><start>01:30</start><duration>02:00</duration>
    <room>Aula</room><title>Fall back</title><type>Talk</type><abstract>x</abstract>
    <track>T</track>
   </event>
  </room>
 </day>
</schedule>"""
    conference = parse_program(xml, source="pretalx.xml")
    (event,) = conference.events
    assert event.id == "6f7d2ce5-0d8b-5b8f-93a5-5a1f4a0e6c11"  # the guid wins over the id
    assert event.start == utc(2024, 10, 26, 23, 30)
    assert event.end == utc(2024, 10, 27, 1, 30)
    # Two real hours across the autumn switch: the wall clock shows 02:30 CET.
    assert conference.local(event.end).strftime("%H:%M %z") == "02:30 +0100"


def test_xml_in_a_declared_legacy_encoding_is_read_in_that_encoding() -> None:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        "<schedule><conference><title>Café Con</title><time_zone_name>UTC</time_zone_name>"
        "</conference><day date='2024-06-11'><room name='Salle à manger'><event id='1'>"
        "<start>10:00</start><duration>00:30</duration><title>Crème brûlée</title>"
        "<track>Küche</track></event></room></day></schedule>"
    ).encode("latin-1")
    conference = parse_program(xml, source="latin.xml")
    assert conference.name == "Café Con"
    assert conference.rooms == ["Salle à manger"]
    assert conference.tracks == ["Küche"]
    assert conference.events[0].title == "Crème brûlée"
