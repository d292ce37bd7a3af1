"""Limiting a program to some rooms or tracks (pure)."""

from __future__ import annotations

from shared_programs import PROGRAMS, shared_file

from geodl_app import rooms
from geodl_app.model import Conference
from geodl_app.program import load_program


def test_no_limit_is_the_program_itself(gdl: Conference) -> None:
    assert rooms.only(gdl) is gdl


def test_items_without_a_room_stay_for_everyone(gdl: Conference) -> None:
    limited = rooms.only(gdl, rooms={"Båten"})
    kept = {e.room for e in limited.events}
    assert kept == {None, "Båten"}
    assert limited.event("social-event") is None  # in Galaxen, Universum
    assert limited.event("talk-bokman") is not None
    assert limited.days == gdl.days
    assert len(gdl.events) == len(limited.events) + 1


def test_rooms_and_tracks_limit_together() -> None:
    democon = load_program(shared_file(PROGRAMS / "democon.frab.json"))
    limited = rooms.only(democon, rooms={"Tan Room"}, tracks={"Horizontal"})
    assert limited.events
    assert {(e.room, e.track) for e in limited.events} == {("Tan Room", "Horizontal")}
    expected = [e for e in democon.events if e.room == "Tan Room" and e.track == "Horizontal"]
    assert list(limited.events) == expected


def test_a_limited_program_finds_only_the_items_it_kept(gdl: Conference) -> None:
    assert gdl.event("talk-bokman") is not None  # the whole program's index is in use
    limited = rooms.only(gdl, rooms=set(), tracks=None)
    kept = {e.id for e in limited.events}
    assert all(e.room is None or not e.room for e in limited.events)
    assert all((limited.event(e.id) is not None) == (e.id in kept) for e in gdl.events)
