"""The bundled GDL 2024 programme: complete, consistent and true to the printed one."""

from __future__ import annotations

import itertools
import re
from datetime import date, time, timedelta

import pytest
import shared_programs
from shared_programs import shared_file

from geodl_app.model import Conference, Kind

SEED = shared_programs.SEED / "gdl2024-umea-program.txt"


def local_slot(conference: Conference, event_id: str) -> tuple[date, time, time | None]:
    event = conference.events_by_id[event_id]
    start = conference.local(event.start)
    end = None if event.end is None else conference.local(event.end).time()
    return start.date(), start.time(), end


def test_conference_header(gdl: Conference) -> None:
    assert gdl.name == "Geometric Deep Learning"
    assert gdl.city == "Umeå"
    assert gdl.timezone == "Europe/Stockholm"
    assert gdl.days == [date(2024, 6, 11), date(2024, 6, 12), date(2024, 6, 13)]
    assert "Umeå University" in (gdl.organiser or "")


def test_every_day_has_events(gdl: Conference) -> None:
    for day in gdl.days:
        assert any(e.kind is Kind.TALK for e in gdl.events_on(day)), day


def test_every_talk_has_speaker_title_and_abstract(gdl: Conference) -> None:
    talks = [e for e in gdl.events if e.kind is Kind.TALK]
    assert len(talks) == 15
    for talk in talks:
        assert talk.title
        assert len(talk.speakers) == 1
        # Full names: at least a given name and a family name, each capitalised.
        assert all(len(name.split()) >= 2 for name in talk.speakers), talk.speakers
        assert len(talk.abstract) > 200, talk.id
        assert talk.end is not None


def test_times_are_consistent(gdl: Conference) -> None:
    for event in gdl.events:
        local = gdl.local(event.start)
        assert local.utcoffset() == timedelta(hours=2), event.id  # CEST in June
        assert gdl.first_day <= local.date() <= gdl.last_day
        if event.end is not None:
            assert event.start < event.end


def test_program_items_never_overlap(gdl: Conference) -> None:
    # A single-track workshop: nothing on the program runs at the same time.
    timed = [e for e in gdl.events if e.end is not None]
    for before, after in itertools.pairwise(timed):
        assert before.end is not None
        assert before.end <= after.start, (before.id, after.id)


def test_ids_unique_and_readable(gdl: Conference) -> None:
    ids = [e.id for e in gdl.events]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


@pytest.mark.parametrize(
    ("event_id", "day", "start", "end"),
    [
        ("welcome", date(2024, 6, 11), time(14, 0), time(14, 10)),
        ("talk-bokman", date(2024, 6, 11), time(14, 10), time(14, 50)),
        ("coffee-2024-06-11", date(2024, 6, 11), time(14, 50), time(15, 10)),
        ("talk-carlsson", date(2024, 6, 11), time(16, 30), time(17, 10)),
        ("talk-bekkers", date(2024, 6, 12), time(9, 0), time(10, 0)),
        ("lunch-2024-06-12", date(2024, 6, 12), time(12, 20), time(13, 30)),
        ("talk-kessel", date(2024, 6, 12), time(13, 30), time(14, 30)),
        ("cluster-meeting", date(2024, 6, 12), time(15, 30), time(16, 30)),
        ("social-event", date(2024, 6, 12), time(17, 0), time(18, 20)),
        ("conference-dinner", date(2024, 6, 12), time(19, 0), None),
        ("talk-nordenfors", date(2024, 6, 13), time(12, 20), time(13, 0)),
    ],
)
def test_known_slots(
    gdl: Conference, event_id: str, day: date, start: time, end: time | None
) -> None:
    assert local_slot(gdl, event_id) == (day, start, end)


def test_places_of_the_social_programme(gdl: Conference) -> None:
    assert gdl.events_by_id["social-event"].room == "Galaxen, Universum"
    assert gdl.events_by_id["conference-dinner"].room == "Båten"
    assert gdl.events_by_id["conference-dinner"].kind is Kind.MEAL
    assert gdl.events_by_id["social-event"].kind is Kind.SOCIAL
    assert gdl.events_by_id["cluster-meeting"].kind is Kind.MEETING


def test_every_coffee_break_and_lunch(gdl: Conference) -> None:
    breaks = [e for e in gdl.events if e.kind is Kind.BREAK]
    meals = [e for e in gdl.events if e.kind is Kind.MEAL and "Lunch" in e.title]
    assert len(breaks) == 4
    assert all(e.duration == timedelta(minutes=20) for e in breaks)
    assert [gdl.local(e.start).date().day for e in meals] == [12, 13]


def test_arxiv_references_are_links(gdl: Conference) -> None:
    for event in gdl.events:
        cited = set(re.findall(r"arXiv[:/](\d{4}\.\d{4,5})", event.abstract))
        linked = {m for link in event.links for m in re.findall(r"arxiv\.org/abs/(\S+)$", link.url)}
        assert cited <= linked, event.id
    assert "https://arxiv.org/abs/2401.14131" in [
        link.url for link in gdl.events_by_id["talk-andersdotter"].links
    ]
    assert "https://arxiv.org/abs/2303.12124" in [
        link.url for link in gdl.events_by_id["talk-mereta"].links
    ]


def test_references_kept_as_paragraphs(gdl: Conference) -> None:
    paragraphs = gdl.events_by_id["talk-bekkers"].paragraphs
    assert [p[:3] for p in paragraphs[1:]] == ["[1]", "[2]", "[3]", "[4]"]


def test_no_extraction_damage_left(gdl: Conference) -> None:
    for event in gdl.events:
        text = " ".join([event.title, *event.speakers, event.abstract])
        assert "<br" not in text and "\\_" not in text and "**" not in text, event.id
        assert not re.search(r"\b\d{1,2}:\d{2}\b", text), f"stray time in {event.id}"
        assert not re.search(r"[a-z][A-Z][a-z]+[A-Z]", event.title), f"merged words in {event.id}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_abstracts_match_the_printed_programme(gdl: Conference) -> None:
    """Each abstract paragraph is the printed one, save for the recorded repairs."""
    seed = _normalise(shared_file(SEED).read_text(encoding="utf-8"))
    repairs = {
        "talk-hendi": ("fundamental domains", "fundamental domians"),
        "talk-marchetti": ("features – a ubiquitous", "features -- a ubiquitous"),
    }
    for event in gdl.events:
        for paragraph in event.paragraphs:
            if paragraph.startswith("Link to paper") or re.match(r"\[\d\]", paragraph):
                continue
            printed = paragraph
            if event.id in repairs:
                fixed, original = repairs[event.id]
                assert fixed in printed
                printed = printed.replace(fixed, original)
            assert _normalise(printed) in seed, f"{event.id}: {paragraph[:60]}…"


def test_overview_table_agrees(gdl: Conference) -> None:
    """Every 'HH:MM-HH:MM Name' cell of the printed overview matches the bundled slot."""
    text = shared_file(SEED).read_text(encoding="utf-8")
    table = text.split("#### Tuesday")[0]
    cells = re.findall(r"(?m)(?:^|\t)(\d{1,2}:\d{2})-(\d{2}:\d{2})\s+([A-ZÅÄÖ][a-zåäö]+)", table)
    surnames = {e.speakers[0].split()[-1]: e for e in gdl.events if e.speakers}
    checked = 0
    for start, end, name in cells:
        event = surnames.get(name)
        if event is None:
            continue
        local_start = gdl.local(event.start).strftime("%H:%M").lstrip("0")
        assert event.end is not None
        assert (local_start, gdl.local(event.end).strftime("%H:%M")) == (start.lstrip("0"), end), (
            name
        )
        checked += 1
    assert checked >= 12  # the garbled last row is checked by test_known_slots
