"""Interop details every reader shares: event pages, links, rooms in programme order,
tracks with their colours, and the instants and keys ``list --json`` prints."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app import formats
from geodl_app.cli import main
from geodl_app.formats import common
from geodl_app.model import Conference, Event, Kind, Track
from geodl_app.program import ProgramError, load_program, parse_program
from geodl_app.validation import validate

PAGES = FIXTURES / "pages.frab.xml"


def run_list(*argv: str) -> list[dict[str, object]]:
    out = io.StringIO()
    assert main([*argv, "list", "--json"], out=out) == 0
    items = json.loads(out.getvalue())
    assert isinstance(items, list)
    return items


# ------------------------------------------------------------- event pages


def test_xml_keeps_each_event_page_resolving_relative_ones() -> None:
    conference = load_program(PAGES)
    talk = conference.event("2c6f4d1e-0a3b-5d7c-9e8f-101010101010")
    assert talk is not None
    assert talk.url == "https://events.example.org/pages24/talk/ABC123/"
    pictures = conference.event("2c6f4d1e-0a3b-5d7c-9e8f-202020202020")
    assert pictures is not None
    # A path is resolved against the schedule's base_url.
    assert pictures.url == "https://events.example.org/pages24/talk/DEF456/"


def test_links_are_resolved_and_only_web_and_mail_addresses_kept() -> None:
    talk = load_program(PAGES).event("2c6f4d1e-0a3b-5d7c-9e8f-101010101010")
    assert talk is not None
    assert [(link.title, link.url) for link in talk.links] == [
        ("Slides", "https://www.example.org/slides"),
        ("Write to Ada", "mailto:ada@example.org"),
        (
            "Paper",
            "https://events.example.org/system/event_attachments/attachments/000/001/paper.pdf",
        ),
    ]


@pytest.mark.parametrize(
    ("raw", "base", "url"),
    [
        ("https://example.org/a", None, "https://example.org/a"),
        ("www.example.org", None, "https://www.example.org"),
        ("twitch.tv/someone", None, "https://twitch.tv/someone"),
        ("//cdn.example.org/x.pdf", None, "https://cdn.example.org/x.pdf"),
        (
            "/system/a.pdf",
            "https://fahrplan.example.org/2024/",
            "https://fahrplan.example.org/system/a.pdf",
        ),
        (
            "talk/X/",
            "https://fahrplan.example.org/2024",
            "https://fahrplan.example.org/2024/talk/X/",
        ),
        ("/system/a.pdf", None, None),  # nothing to resolve it against
        ("github.com/someone", "https://example.org/", "https://github.com/someone"),
        ("slides.pdf", "https://example.org/talk/1/", "https://example.org/talk/1/slides.pdf"),
        ("slides.pdf", None, None),
        ("javascript:alert(1)", "https://example.org/", None),
        ("file:///etc/passwd", None, None),
        ("ipns://ipfs.io", None, None),
        ("thttps://github.com/x", None, None),
        ("mailto:someone@example.org", None, "mailto:someone@example.org"),
        ("", "https://example.org/", None),
    ],
)
def test_web_url(raw: str, base: str | None, url: str | None) -> None:
    assert common.web_url(raw, base) == url


def test_frab_json_keeps_page_track_colours_and_room_list() -> None:
    document = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "roomy",
                "title": "Roomy",
                "time_zone_name": "Europe/Berlin",
                "base_url": "https://example.org/roomy/",
                "rooms": [{"name": "Main Hall"}, {"name": "Side Room"}, {"name": "Empty"}],
                "tracks": [{"name": "Art", "color": "#AA00cc"}, {"name": "Code", "color": "bogus"}],
                "days": [
                    {
                        "index": 1,
                        "date": "2024-05-01",
                        "rooms": {
                            "Side Room": [
                                {
                                    "guid": "a",
                                    "date": "2024-05-01T09:00:00+02:00",
                                    "duration": "00:30",
                                    "title": "Early",
                                    "type": "Talk",
                                    "track": "Code",
                                    "url": "talk/a/",
                                }
                            ],
                            "Main Hall": [
                                {
                                    "guid": "b",
                                    "date": "2024-05-01T10:00:00+02:00",
                                    "duration": "00:30",
                                    "title": "Late",
                                    "type": "Talk",
                                    "track": "Art",
                                }
                            ],
                        },
                    }
                ],
            },
        }
    }
    conference = parse_program(json.dumps(document).encode(), source="roomy.json")
    # The programme's room list, not the order of first events; "Empty" has none.
    assert conference.rooms == ["Main Hall", "Side Room"]
    assert conference.room_list == ("Main Hall", "Side Room", "Empty")
    assert conference.tracks == ["Art", "Code"]
    assert conference.track_color("Art") == "#aa00cc"
    assert conference.track_color("Code") is None
    early = conference.event("a")
    assert early is not None and early.url == "https://example.org/roomy/talk/a/"
    assert early.links == ()


# --------------------------------------------------- rooms and tracks in the model


def test_xml_rooms_keep_the_file_order_and_tracks_their_colours() -> None:
    conference = load_program(PAGES)
    # Saal Hopper's talk starts first, but the file lists Saal Zuse first.
    assert conference.rooms == ["Saal Zuse", "Saal Hopper"]
    assert conference.track_list == (
        Track(name="Security", color="#d8d8d8"),
        Track(name="Art & Culture", color="#77ff33"),
        Track(name="Science", color=None),
    )
    # Only tracks with items are offered for filtering.
    assert conference.tracks == ["Security", "Art & Culture"]


def test_real_programmes_keep_their_room_order() -> None:
    fosdem = load_program(shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml"))
    # FOSDEM lists its main rooms first; the first events of the day are elsewhere too.
    assert fosdem.rooms[:4] == ["K.fosdem", "M.community", "M.misc", "L.lightningtalks"]
    democon = load_program(shared_file(PROGRAMS / "democon.frab.json"))
    assert democon.rooms == ["Gray Room", "Tan Room"]


def _event(event_id: str, room: str | None, hour: int, track: str | None = None) -> Event:
    return Event(
        id=event_id,
        kind=Kind.TALK,
        title=event_id,
        start=datetime(2024, 6, 11, hour, tzinfo=UTC),
        room=room,
        track=track,
    )


def as_read(fields: dict[str, Any]) -> dict[str, Any]:
    """A conference's *fields* as a reader hands them to validation: plain data."""
    data = {**fields, "events": [asdict(e) for e in fields.get("events", ())]}
    return {**data, "track_list": [asdict(t) for t in fields.get("track_list", ())]}


def test_room_and_track_lists_are_completed_from_the_events() -> None:
    conference = dict(
        id="c",
        name="C",
        first_day="2024-06-11",
        last_day="2024-06-11",
        timezone="UTC",
        room_list=("Hall",),
        track_list=(Track(name="Blue", color="#0000FF"),),
        events=(
            _event("x", "Annex", 9, "Red"),
            _event("y", "Hall", 10, "Blue"),
            _event("z", "Cellar", 8),
        ),
    )
    conference = validate(Conference, as_read(conference))
    # Listed rooms first, then the others in the order their items were given.
    assert conference.rooms == ["Hall", "Annex", "Cellar"]
    assert conference.tracks == ["Blue", "Red"]
    assert conference.track_color("Blue") == "#0000ff"
    assert conference.track_color("Red") is None
    with pytest.raises(ValueError, match="color"):
        validate(Track, {"name": "Bad", "color": "red"})


def test_own_format_reads_room_and_track_lists_and_files_without_them() -> None:
    toml = b"""
[conference]
id = "own"
name = "Own"
first_day = 2024-06-11
last_day = 2024-06-11
timezone = "Europe/Stockholm"
room_list = ["Aula", "Lab"]
track_list = [{ name = "Maths", color = "#112233" }]

[[events]]
id = "a"
kind = "talk"
title = "In the lab"
start = 2024-06-11T09:00:00+02:00
room = "Lab"
track = "Maths"
url = "https://example.org/a"

[[events]]
id = "b"
kind = "talk"
title = "In the aula"
start = 2024-06-11T10:00:00+02:00
room = "Aula"
"""
    conference = parse_program(toml, source="own.toml")
    assert conference.rooms == ["Aula", "Lab"]
    assert conference.track_color("Maths") == "#112233"
    assert conference.event("a").url == "https://example.org/a"  # type: ignore[union-attr]
    plain = parse_program(toml.replace(b"room_list", b"# room_list"), source="own.toml")
    assert plain.rooms == ["Lab", "Aula"]
    with pytest.raises(ProgramError, match="url"):
        parse_program(toml.replace(b"https://example.org/a", b"javascript:x"), source="own.toml")


# ------------------------------------------------------------- list --json


def test_list_json_adds_url_and_track_after_the_keys_of_before() -> None:
    items = run_list("--program", str(PAGES))
    keys = ["id", "kind", "title", "speakers", "start", "end", "room", "abstract", "links"]
    assert all(list(item) == [*keys, "starred", "url", "track"] for item in items)
    by_id = {item["id"]: item for item in items}
    talk = by_id["2c6f4d1e-0a3b-5d7c-9e8f-101010101010"]
    assert talk["url"] == "https://events.example.org/pages24/talk/ABC123/"
    assert talk["track"] == "Security"


def test_list_json_gives_null_url_and_track_when_unknown(gdl: Conference) -> None:
    items = run_list()
    dinner = next(i for i in items if i["id"] == "conference-dinner")
    assert dinner["url"] is None and dinner["track"] is None


def test_list_json_prints_instants_in_the_conference_zone() -> None:
    items = run_list("--program", str(shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")))
    welcome = next(i for i in items if i["id"] == "11795")
    # Brussels in February: +01:00, as clashes --json prints it, not +00:00.
    assert welcome["start"] == "2021-02-06T09:00:00+01:00"
    assert welcome["end"] == "2021-02-06T09:25:00+01:00"
    assert {str(i["start"])[-6:] for i in items} == {"+01:00"}


# ------------------------------------------------------------------ exports


@pytest.mark.parametrize("kind", [formats.PENTABARF, formats.FRAB_JSON, formats.ICAL])
def test_exports_carry_the_event_page_and_read_it_back(kind: str) -> None:
    conference = load_program(PAGES)
    data = formats.write(kind, conference)
    page = b"https://events.example.org/pages24/talk/ABC123/"
    assert page in data
    again = parse_program(data, source=f"export.{kind}")
    assert sorted(e.url or "" for e in again.events) == sorted(
        e.url or "" for e in conference.events
    )


def test_the_pane_shows_the_event_page(qtbot) -> None:
    from geodl_app.ui.abstract_pane import AbstractPane

    conference = load_program(PAGES)
    pane = AbstractPane(conference)
    qtbot.addWidget(pane)
    pane.show_event(conference.event("2c6f4d1e-0a3b-5d7c-9e8f-101010101010"))
    assert "Event page" in pane.reader.toPlainText()
    assert 'href="https://events.example.org/pages24/talk/ABC123/"' in pane.reader.toHtml()


def test_a_mail_link_opens_in_the_mail_program(qtbot, monkeypatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from geodl_app.ui.abstract_pane import AbstractPane

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    conference = load_program(PAGES)
    pane = AbstractPane(conference)
    qtbot.addWidget(pane)
    pane.reader.anchorClicked.emit(QUrl("mailto:ada@example.org"))
    pane.reader.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == ["mailto:ada@example.org"]


def test_timetable_columns_follow_the_programme_order() -> None:
    from geodl_app.layout import layout_conference

    conference = load_program(PAGES)
    first_day = layout_conference(conference).days[0]
    assert first_day.columns == ("Saal Zuse", "Saal Hopper")


def test_the_files_track_colours_reach_the_timetable_palette() -> None:
    from geodl_app.tracks import conference_track_colours

    conference = load_program(PAGES)
    assert conference.track_colours == {"Security": "#d8d8d8", "Art & Culture": "#77ff33"}
    assert conference_track_colours(conference) == conference.track_colours


# ---------------------------------------------------------- type names -> kinds

TALK_TYPES = [
    "Talk",
    "Talk (45 minutes)",
    "talk (20 min)",
    "Lecture",
    "Lightning Talk",
    "LIGHTNING_TALK",
    "lightningtalk",
    "Keynote",
    "Keynote (60 minutes)",
    "Lunch talk",  # a type that says talk is a talk
    "Vortrag",
    "Vortrag (30 Minuten)",
    "Kurzvortrag",
    "Vorlesung",
    "Workshop",
    "Workshop (2 Stunden)",
    "BoF",
    "BoF/SoS",
    "Panel",
    "Podiumsdiskussion",
    "Diskussion",
    "Hands-on",
    "Tutorial",
    "Presentation",
    "Poster session",
    "Demo",
    "Q&A",
    "Self-organized session",
    "Fireside chat",
    "Breakout session",  # not a break
]


@pytest.mark.parametrize("type_name", TALK_TYPES)
def test_every_kind_of_session_is_a_talk(type_name: str) -> None:
    assert common.kind_for(type_name, "On graph neural networks") is Kind.TALK


@pytest.mark.parametrize(
    ("type_name", "kind"),
    [
        ("Break", Kind.BREAK),
        ("Coffee break (30 minutes)", Kind.BREAK),
        ("Kaffeepause", Kind.BREAK),
        ("Pause", Kind.BREAK),
        ("Lunch", Kind.MEAL),
        ("Mittagspause", Kind.MEAL),
        ("Mittagessen", Kind.MEAL),
        ("Abendessen", Kind.MEAL),
        ("Opening", Kind.OPENING),
        ("Eröffnung", Kind.OPENING),
        ("Begrüßung", Kind.OPENING),
        ("Party", Kind.SOCIAL),
        ("Empfang", Kind.SOCIAL),
        ("Mitgliederversammlung", Kind.MEETING),
        ("META", Kind.OTHER),
        ("infodesk", Kind.OTHER),
    ],
)
def test_breaks_meals_and_the_like_are_recognised(type_name: str, kind: Kind) -> None:
    assert common.kind_for(type_name, "Something") is kind


def test_list_json_kind_is_talk_for_talk_types(tmp_path) -> None:
    events = "".join(
        f"<event id='{n}'><start>{9 + n // 6}:{(n % 6) * 10:02d}</start><duration>00:10</duration>"
        f"<title>Session {n}</title><type>{type_name}</type></event>"
        for n, type_name in enumerate(TALK_TYPES)
    )
    xml = (
        "<schedule><conference><title>Types</title><time_zone_name>Europe/Berlin</time_zone_name>"
        f"</conference><day date='2024-06-11'><room name='A'>{events}</room></day></schedule>"
    )
    path = tmp_path / "types.xml"
    path.write_text(xml.replace("&", "&amp;"), encoding="utf-8")
    items = run_list("--program", str(path))
    assert len(items) == len(TALK_TYPES)
    assert {item["kind"] for item in items} == {"talk"}


# ------------------------------------------------ folded calendars, whitespace


def test_a_calendar_folded_inside_a_utf8_character_reads() -> None:
    data = (FIXTURES / "folded.ics").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # folded every 75 octets, in the middle of characters
    assert b"\r\r\n" in data and b"\n" in data.replace(b"\r\n", b"")  # CRCRLF, bare LF
    conference = parse_program(data, source="folded.ics")
    assert [e.title for e in conference.events] == [
        "Memory safety — from C to Rust and what’s left to do for everyone",
        "Ünïcödé everywhere: a 75-octet fold lands inside ä ö ü ß € and 😀 emoji",
        "Non\u00a0breaking\u00a0space in the title",
    ]
    talk = conference.events[0]
    assert talk.abstract.startswith("The speaker’s talk covers exploitation of use-after-free")
    assert talk.room == "Hörsaal 1"
    assert talk.url == "https://example.org/talks/fold-1"
    assert (talk.start, talk.end) == (
        datetime(2024, 9, 17, 8, 0, tzinfo=UTC),
        datetime(2024, 9, 17, 8, 45, tzinfo=UTC),
    )
    assert conference.events[1].abstract.endswith("und Emoji 😀🎉.")


def test_the_folded_calendar_reads_alike_in_icalendar() -> None:
    import icalendar

    from geodl_app.formats.ical import unfolded

    data = (FIXTURES / "folded.ics").read_bytes()
    theirs = icalendar.Calendar.from_ical(unfolded(data).decode("utf-8"))
    ours = parse_program(data, source="folded.ics")
    assert [str(c["SUMMARY"]) for c in theirs.walk("VEVENT")] == [e.title for e in ours.events]


def test_titles_and_names_keep_non_breaking_spaces() -> None:
    xml = (
        "<schedule><conference><title>Spaces</title><time_zone_name>UTC</time_zone_name>"
        "</conference><day date='2024-06-11'><room name='A'><event id='1'>"
        "<start>10:00</start><duration>00:30</duration>"
        "<title>  Running   10\u00a0km in\u202f3\u00a0hours  </title>"
        "<persons><person>Dr.\u00a0Jane   Doe</person></persons>"
        "</event></room></day></schedule>"
    ).encode()
    (event,) = parse_program(xml, source="spaces.xml").events
    assert event.title == "Running 10\u00a0km in\u202f3\u00a0hours"
    assert event.speakers == ("Dr.\u00a0Jane Doe",)
    data = formats.write(formats.ICAL, parse_program(xml, source="spaces.xml"))
    (again,) = parse_program(data, source="spaces.ics").events
    assert (again.title, again.speakers) == (event.title, event.speakers)


# ------------------------------------------------------------ HTML in abstracts


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Was <strike>10</strike> <s>12</s> <del>14</del> now 16</p>", "Was 10 12 14 now 16"),
        (
            "<p><u>Underlined</u> and E = mc<sup>2</sup>, H<sub>2</sub>O</p>",
            "Underlined and E = mc2, H2O",
        ),
        ("<p>A <font color='red'>red</font> <mark>mark</mark><img src='x.png'></p>", "A red mark"),
        (
            "Escaped twice: &lt;strike&gt;gone&lt;/strike&gt; &amp;amp; &amp;quot;q&amp;quot;",
            'Escaped twice: gone & "q"',
        ),
        ("<p>one</p><hr><p>two</p>", "one\n\ntwo"),
        ("<dl><dt>Term</dt><dd>Meaning</dd></dl>", "- Term Meaning"),
        (
            "Plain text with a row to fill in: _____ and __init__-free.",
            "Plain text with a row to fill in: _____ and __init__-free.",
        ),
    ],
)
def test_html_in_abstracts_leaves_no_tags(html: str, text: str) -> None:
    assert common.to_paragraphs(html) == text


ABSTRACT_PIECES = [
    "<p>",
    "</p>",
    "<br>",
    "<strike>",
    "</strike>",
    "<sup>",
    "&lt;",
    "&gt;",
    "&amp;",
    "&amp;lt;",
    "&nbsp;",
    "**",
    "__",
    "_",
    "*",
    "# ",
    "[",
    "]",
    "(",
    ")",
    "](https://example.org)",
    "\n",
    "\n\n",
    " ",
    "  ",
    "word",
    "<li>",
    "- ",
    "&quot;",
    "<!--",
    "-->",
    "<",
    ">",
    "a < b",
]


@given(st.lists(st.sampled_from(ABSTRACT_PIECES), max_size=30))
@settings(max_examples=400, deadline=None)
def test_simplifying_a_simplified_abstract_changes_nothing(pieces: list[str]) -> None:
    once = common.to_paragraphs("".join(pieces))
    assert common.to_paragraphs(once) == once
    assert common.to_paragraphs(common.to_html(once)) == once


def test_a_row_of_underscores_survives_export_and_import() -> None:
    assert common.to_paragraphs("_____") == "_____"
    assert common.to_paragraphs(common.to_paragraphs("Sign here: _____")) == "Sign here: _____"


def test_every_command_prints_instants_in_the_conference_zone() -> None:
    fosdem = str(shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml"))

    def run(*argv: str) -> object:
        out = io.StringIO()
        assert main(["--program", fosdem, *argv], out=out) == 0
        return json.loads(out.getvalue())

    assert main(["--program", fosdem, "star", "11795", "11762"], out=io.StringIO()) == 0
    starts = [item["start"] for item in run("list", "--json")]  # type: ignore[union-attr]
    clashes = run("clashes", "--json")
    # Asked in UTC, answered in Brussels time.
    now = run("now", "--at", "2021-02-06T08:10:00Z", "--json")
    printed = [
        *starts,
        *(c[key] for c in clashes for key in ("start", "end")),  # type: ignore[union-attr]
        now["at"],  # type: ignore[index]
    ]
    assert clashes  # the welcome and the info desk overlap
    assert now["at"] == "2021-02-06T09:10:00+01:00"  # type: ignore[index]
    assert {text[-6:] for text in printed} == {"+01:00"}


def test_listed_rooms_and_tracks_match_their_items_however_spaced() -> None:
    conference = dict(
        id="c",
        name="C",
        first_day="2024-06-11",
        last_day="2024-06-11",
        timezone="UTC",
        room_list=("Saal\t 2", " Saal  1 "),
        track_list=(Track(name="Art  &\nCode", color="#ABCDEF"),),
        events=(_event("x", "Saal   1", 9, "Art & Code"), _event("y", "Saal 2", 10)),
    )
    conference = validate(Conference, as_read(conference))
    assert conference.room_list == ("Saal 2", "Saal 1")
    assert conference.rooms == ["Saal 2", "Saal 1"]
    assert conference.track_color("Art & Code") == "#abcdef"


def test_the_agenda_lists_items_starting_together_in_programme_room_order(qtbot) -> None:
    from geodl_app.ui.agenda import AgendaModel

    conference = Conference(
        id="c",
        name="C",
        first_day=date(2024, 6, 11),
        last_day=date(2024, 6, 11),
        timezone="UTC",
        room_list=("Main hall", "Annex", "Cellar"),
        events=(_event("a-cellar", "Cellar", 9), _event("b-annex", "Annex", 9),
                _event("c-main", "Main hall", 9), _event("d-none", None, 9)),
    )  # fmt: skip
    model = AgendaModel(conference)
    rows = [model.event_at(row).id for row in range(model.rowCount())]  # type: ignore[union-attr]
    assert rows == ["d-none", "c-main", "b-annex", "a-cellar"]
