"""The conference library: stored copies, updates, matching, changes, plans re-keyed (no Qt)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import programme_versions as pv
import pytest

from geodl_app.bookmarks import BookmarkStore
from geodl_app.changes import Snapshot, compare, match_items, merge_pending
from geodl_app.library import BUNDLED_ID, Library, LibraryError
from geodl_app.model import Conference, Event, Kind
from geodl_app.program import ProgramError, load_program
from geodl_app.recent import RecentPrograms


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "downloads" / "fosdem.xml"
    path.parent.mkdir()
    path.write_bytes(pv.version_1())
    return path


def _kinds(library: Library, entry_id: str) -> dict[str, list[str]]:
    return {c.id: c.kinds for c in library.pending_changes(entry_id)}


def test_a_programme_added_is_kept_and_reloads_without_its_source(
    source: Path, isolated_user_dirs: Path
) -> None:
    original = load_program(source)
    result = Library().add(str(source))
    assert result.status == "added"
    assert result.entry.id == "fosdem-2021"
    assert result.entry.source == str(source.resolve())
    source.unlink()
    library = Library()  # as at the next start
    assert [e.id for e in library.entries()] == [BUNDLED_ID, "fosdem-2021"]
    assert library.load("fosdem-2021") == original
    stored = library.programme_path("fosdem-2021")
    assert stored.parent == isolated_user_dirs / "library"
    document = json.loads(stored.read_bytes())
    assert (document["format"], document["version"]) == ("geodl-app-programme", 1)
    index = json.loads((isolated_user_dirs / "library" / "index.json").read_bytes())
    assert (index["format"], index["version"]) == ("geodl-app-library", 1)


def test_adding_the_same_source_again_updates_the_entry(source: Path) -> None:
    library = Library()
    library.add(str(source))
    again = library.add(str(source))
    assert again.status == "unchanged"
    assert [e.id for e in library.entries()] == [BUNDLED_ID, "fosdem-2021"]


def test_another_source_with_the_same_conference_id_gets_an_id_of_its_own(
    source: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.xml"
    copy.write_bytes(source.read_bytes())
    library = Library()
    library.add(str(source))
    second = library.add(str(copy))
    assert second.entry.id == "fosdem-2021-2"
    assert library.load("fosdem-2021-2").id == "fosdem-2021-2"


def test_an_update_reports_each_change_and_keeps_every_star_and_note(source: Path) -> None:
    library = Library()
    library.add(str(source))
    plan = BookmarkStore("fosdem-2021")
    plan.star([pv.MOVED, pv.CANCELLED, pv.REKEYED, pv.UNTOUCHED])
    plan.set_note(pv.REKEYED, "bring the laptop")
    plan.set_note(pv.CANCELLED, "ask about XMPP")

    source.write_bytes(pv.version_2())
    result = library.update("fosdem-2021")

    assert result.status == "updated"
    assert result.summary() == ("FOSDEM 2021 updated: 2 of your starred items changed")
    assert _kinds(library, "fosdem-2021") == {
        pv.MOVED: ["time"],
        pv.CANCELLED: ["cancelled"],
        pv.REROOMED: ["room"],
        pv.RETITLED: ["title"],
        pv.NEW: ["new"],
    }
    plan = BookmarkStore("fosdem-2021")
    # The re-keyed talk keeps its star and note under its new id; the cancelled
    # one stays starred (shown apart as "cancelled or removed").
    assert plan.starred_ids() == {pv.MOVED, pv.CANCELLED, pv.REKEYED_TO, pv.UNTOUCHED}
    assert plan.plan.notes == {pv.REKEYED_TO: "bring the laptop", pv.CANCELLED: "ask about XMPP"}
    conference = library.load("fosdem-2021")
    assert plan.plan.missing_stars(conference) == [pv.CANCELLED]
    moved = {c.id: c for c in library.pending_changes("fosdem-2021")}[pv.MOVED]
    assert moved.before is not None and moved.after is not None
    assert moved.after.start - moved.before.start == timedelta(hours=6)


def test_changes_are_merged_per_item_across_updates_until_acknowledged(source: Path) -> None:
    library = Library()
    library.add(str(source))
    source.write_bytes(pv.version_2())
    library.update("fosdem-2021")
    source.write_bytes(pv.version_3())
    library.update("fosdem-2021")

    pending = {c.id: c for c in library.pending_changes("fosdem-2021")}
    assert pv.MOVED not in pending  # moved and moved back: nothing to tell
    retitled = pending[pv.RETITLED]
    assert retitled.kinds == ["title"]
    assert retitled.before is not None and retitled.after is not None
    assert retitled.before.title.startswith("OpenStreetMap Features as Proxy")
    assert retitled.after.title == "OpenStreetMap, third title"

    library.acknowledge("fosdem-2021")
    assert library.pending_changes("fosdem-2021") == []
    source.write_bytes(pv.version_2())
    library.update("fosdem-2021")
    after_ack = _kinds(library, "fosdem-2021")
    assert after_ack == {pv.MOVED: ["time"], pv.RETITLED: ["title"]}


@pytest.mark.parametrize(
    "content",
    [b"", b"<schedule><conference><title>Broken", b"not a programme at all"],
    ids=["empty", "cut-short", "not-a-programme"],
)
def test_a_failed_update_changes_nothing(
    source: Path, isolated_user_dirs: Path, content: bytes
) -> None:
    library = Library()
    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.REKEYED])
    folder = isolated_user_dirs
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    source.write_bytes(content)
    with pytest.raises(ProgramError):
        library.update("fosdem-2021")
    source.unlink()
    with pytest.raises(LibraryError, match="no such file"):
        library.update("fosdem-2021")
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_update_from_another_file_makes_it_the_source(source: Path, tmp_path: Path) -> None:
    library = Library()
    library.add(str(source))
    newer = tmp_path / "fosdem-v2.xml"
    newer.write_bytes(pv.version_2())
    result = library.update("fosdem-2021", source=str(newer))
    assert result.status == "updated"
    assert library.entry("fosdem-2021").source == str(newer.resolve())
    same = tmp_path / "fosdem-v2-copy.xml"  # the same bytes from elsewhere: no changes
    same.write_bytes(newer.read_bytes())
    assert library.update("fosdem-2021", source=str(same)).status == "unchanged"
    assert library.entry("fosdem-2021").source == str(same.resolve())


def test_remove_sets_the_plan_aside_unless_it_is_kept(
    source: Path, isolated_user_dirs: Path
) -> None:
    library = Library()
    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.MOVED])
    kept = library.remove("fosdem-2021", keep_plan=False)
    assert kept is not None and kept.exists()
    assert not (isolated_user_dirs / "plan-fosdem-2021.json").exists()
    assert [e.id for e in library.entries()] == [BUNDLED_ID]
    assert not library.programme_path("fosdem-2021").exists()

    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.MOVED])
    assert library.remove("fosdem-2021", keep_plan=True) is None
    assert BookmarkStore("fosdem-2021").starred_ids() == {pv.MOVED}


def test_the_bundled_programme_is_always_there_and_cannot_be_removed() -> None:
    library = Library()
    assert [e.id for e in library.entries()] == [BUNDLED_ID]
    assert library.current_id() == BUNDLED_ID
    with pytest.raises(LibraryError, match="cannot be removed"):
        library.remove(BUNDLED_ID, keep_plan=True)
    with pytest.raises(LibraryError, match="no source"):
        library.update(BUNDLED_ID)


def test_the_conference_open_last_is_remembered(source: Path) -> None:
    library = Library()
    library.add(str(source))
    library.set_current("fosdem-2021")
    assert Library().current_id() == "fosdem-2021"
    library.remove("fosdem-2021", keep_plan=True)
    assert Library().current_id() == BUNDLED_ID


def test_the_open_recent_list_becomes_library_entries(
    source: Path, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    democon = tmp_path / "democon.json"
    democon.write_bytes((pv.PROGRAMS / "democon.frab.json").read_bytes())
    gone = tmp_path / "gone.xml"
    gone.write_bytes(source.read_bytes())
    recent = RecentPrograms()
    for path in (gone, democon, source):
        recent.remember(path, path.stem)
    gone.unlink()
    recent_file = recent.file.read_bytes()
    BookmarkStore("fosdem-2021").star([pv.MOVED])  # a plan from before the library

    problems = Library().migrate_recent()

    library = Library()
    assert {e.source for e in library.entries()} == {None, str(source), str(democon)}
    assert len(problems) == 1 and str(gone) in problems[0]
    assert recent.file.read_bytes() == recent_file  # nothing lost
    entry = library.find_source(str(source))
    assert entry is not None and entry.id == "fosdem-2021"
    assert BookmarkStore(entry.id).starred_ids() == {pv.MOVED}
    assert Library().migrate_recent() == []  # only once


# ------------------------------------------------------------------ matching


def _event(event_id: str, title: str, hour: int, room: str = "A", *speakers: str) -> Event:
    from datetime import UTC, datetime

    return Event(
        id=event_id,
        kind=Kind.TALK,
        title=title,
        speakers=speakers,
        start=datetime(2024, 6, 11, hour, tzinfo=UTC),
        end=datetime(2024, 6, 11, hour, 30, tzinfo=UTC),
        room=room,
    )


def test_matching_is_one_to_one_and_tries_the_id_first() -> None:
    old = [_event("a", "Same title", 9, "A", "Ann"), _event("b", "Same title", 10, "A", "Ann")]
    new = [_event("b", "Same title", 11, "A", "Ann"), _event("c", "Same title", 12, "A", "Ann")]
    assert match_items(old, new) == {"b": "b", "a": "c"}


def test_logistics_without_speakers_match_only_by_title_start_and_room() -> None:
    old = [_event("l1", "Lunch", 12), _event("l2", "Lunch", 13)]
    new = [_event("x1", "Lunch", 12), _event("x2", "Lunch", 14)]
    assert match_items(old, new) == {"l1": "x1"}


def test_a_rekeyed_item_that_did_not_change_is_not_a_change() -> None:
    def conference(*events: Event) -> Conference:
        return Conference(
            id="c",
            name="C",
            first_day=events[0].start.date(),
            last_day=events[0].start.date(),
            timezone="UTC",
            events=events,
        )

    old = conference(_event("a", "Talk", 9, "A", "Ann"))
    new = conference(_event("z", "Talk", 9, "A", "Ann"))
    records = compare(old, new)
    assert [(r.old_id, r.new_id, r.kinds) for r in records] == [("a", "z", [])]
    assert merge_pending([records]) == []
    assert Snapshot.of(new.events[0]).title == "Talk"


def test_a_starred_item_moved_into_a_clash_says_so(source: Path) -> None:
    from geodl_app.changes import change_rows
    from geodl_app.clashes import find_clashes, planned_items

    library = Library()
    library.add(str(source))
    plan = BookmarkStore("fosdem-2021")
    plan.star([pv.MOVED, pv.MOVED_INTO])
    source.write_bytes(pv.version_2())
    library.update("fosdem-2021")
    conference = library.load("fosdem-2021")
    starred = plan.starred_ids()
    clashes = find_clashes(
        planned_items(BookmarkStore("fosdem-2021").plan.starred_events(conference))
    )
    rows = {
        r.id: r
        for r in change_rows(conference, library.pending_changes("fosdem-2021"), starred, clashes)
    }
    assert (
        rows[pv.MOVED].clash
        == "Now clashes with “Gain a Superpower in OSS as a Designer Through Code”"
    )
    assert rows[pv.MOVED].starred and rows[pv.MOVED].lines == (
        "time: Sat 6 Feb 10:00–10:05 → Sat 6 Feb 16:00–16:05",
    )
    assert rows[pv.RETITLED].clash == "" and not rows[pv.RETITLED].starred


@pytest.mark.parametrize(
    ("content", "label"),
    [(b"{not json", "unreadable"), (b'{"format": "geodl-app-library", "version": 9}', "newer")],
)
def test_an_index_that_cannot_be_used_is_kept_aside_and_reported(
    source: Path, isolated_user_dirs: Path, content: bytes, label: str
) -> None:
    Library().add(str(source))
    index = isolated_user_dirs / "library" / "index.json"
    index.write_bytes(content)
    library = Library()
    assert [e.id for e in library.entries()] == [BUNDLED_ID]
    assert library.problem is not None and "it was kept as index.json." + label in library.problem
    kept = list(index.parent.glob(f"index.json.{label}-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content


def test_a_stored_copy_from_a_newer_app_is_refused_not_misread(source: Path) -> None:
    library = Library()
    library.add(str(source))
    path = library.programme_path("fosdem-2021")
    path.write_bytes(path.read_bytes().replace(b'"version":1', b'"version":2', 1))
    with pytest.raises(ProgramError, match="damaged"):
        library.load("fosdem-2021")


def test_a_cancelled_starred_item_is_listed_apart_by_its_last_known_title(source: Path) -> None:
    from geodl_app.plan_rows import RowKind, plan_rows

    library = Library()
    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.CANCELLED])
    source.write_bytes(pv.version_2())
    library.update("fosdem-2021")
    library.acknowledge("fosdem-2021")  # still listed apart once the change was seen
    plan = BookmarkStore("fosdem-2021").plan
    rows = plan_rows(library.load("fosdem-2021"), plan, [], library.gone_items("fosdem-2021"))
    missing = [r for r in rows if r.kind is RowKind.MISSING]
    assert [(r.item_id, r.text) for r in missing] == [
        (
            pv.CANCELLED,
            "Products versus Protocols (was Sat 6 Feb 10:00–10:25, D.rtc), cancelled or removed",
        )
    ]


def test_items_with_new_ids_and_titles_match_by_their_event_page() -> None:
    page = "https://fosdem.org/2021/schedule/event/nemo/"
    old = [replace(_event("a", "Let's find NeMo", 9, "A", "Stephan"), url=page)]
    new = [replace(_event("z", "Finding NeMo", 9, "A", "Stephan"), url=page + "")]
    assert match_items(old, new) == {"a": "z"}


# ------------------------------------------------------------ a reused id


def test_an_id_reused_by_another_talk_is_not_matched_to_it() -> None:
    old = [_event("x", "Products versus Protocols", 9, "A", "Matthew")]
    reused = [_event("x", "A different talk", 13, "A", "Someone Else")]
    assert match_items(old, reused) == {}
    # One thing in common is enough to be the same talk, retitled, re-timed or re-cast.
    for same in (
        _event("x", "Products versus Protocols", 13, "A", "Someone Else"),
        _event("x", "Another title", 9, "A", "Someone Else"),
        _event("x", "Another title", 13, "A", "Matthew"),
    ):
        assert match_items(old, [same]) == {"x": "x"}


def test_a_star_on_a_cancelled_talk_does_not_pass_to_a_new_talk_with_its_id(
    source: Path,
) -> None:
    from geodl_app.changes import change_rows, gone_id
    from geodl_app.plan_rows import RowKind, plan_rows

    library = Library()
    library.add(str(source))
    plan = BookmarkStore("fosdem-2021")
    plan.star([pv.CANCELLED, pv.SWAP_A])
    plan.set_note(pv.CANCELLED, "ask about XMPP")
    plan.set_note(pv.SWAP_A, "front row")
    plan.set_reminder(pv.SWAP_A, False)
    swapped_title = library.load("fosdem-2021").events_by_id[pv.SWAP_A].title

    source.write_bytes(pv.version_reused())
    result = library.update("fosdem-2021")

    assert result.summary() == "FOSDEM 2021 updated: 1 of your starred items changed"
    # The cancelled talk and the new one that took its id are two items;
    # the two talks that swapped ids did not change.
    assert sorted((c.id, c.kinds, c.title) for c in library.pending_changes("fosdem-2021")) == [
        (pv.CANCELLED, ["cancelled"], "Products versus Protocols"),
        (pv.CANCELLED, ["new"], pv.REUSED_TITLE),
    ]
    conference = library.load("fosdem-2021")
    plan = BookmarkStore("fosdem-2021")
    assert plan.starred_ids() == {gone_id(pv.CANCELLED), pv.SWAP_B}
    assert plan.plan.notes == {gone_id(pv.CANCELLED): "ask about XMPP", pv.SWAP_B: "front row"}
    assert plan.plan.reminders_off == (pv.SWAP_B,)
    assert [e.title for e in plan.plan.starred_events(conference)] == [swapped_title]
    # The Changes view's rows: Dismiss and Re-link act on the star the plan keeps.
    changes = change_rows(conference, library.pending_changes("fosdem-2021"), plan.starred_ids())
    assert [(r.id, r.kinds, r.starred) for r in changes] == [
        (gone_id(pv.CANCELLED), ("cancelled",), True),
        (pv.CANCELLED, ("new",), False),
    ]
    rows = plan_rows(conference, plan.plan, [], library.gone_items("fosdem-2021"))
    assert [(r.item_id, r.text) for r in rows if r.kind is RowKind.MISSING] == [
        (
            gone_id(pv.CANCELLED),
            "Products versus Protocols (was Sat 6 Feb 10:00–10:25, D.rtc), cancelled or removed",
        )
    ]


def test_an_update_whose_plan_cannot_be_written_is_finished_at_the_next_opening(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from geodl_app import plan_rekey

    library = Library()
    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.REKEYED])
    source.write_bytes(pv.version_2())
    written = plan_rekey.write_atomic

    def disk_full_for_the_plan(path: Path, data: bytes) -> None:
        if path.name.endswith(".json"):
            raise OSError(errno.ENOSPC, "No space left on device")
        written(path, data)

    with monkeypatch.context() as disk:
        disk.setattr(plan_rekey, "write_atomic", disk_full_for_the_plan)
        with pytest.raises(LibraryError, match=r"No space left.*finished when the library is"):
            library.update("fosdem-2021")
        # Meanwhile the library and the plan still agree: version 1, the star on the old id.
        assert Library().load("fosdem-2021").event(pv.REKEYED) is not None
        assert BookmarkStore("fosdem-2021").starred_ids() == {pv.REKEYED}

    conference = Library().load("fosdem-2021")  # opened again: finished
    assert conference.event(pv.NEW) is not None
    assert BookmarkStore("fosdem-2021").starred_ids() == {pv.REKEYED_TO}
    assert pv.NEW in _kinds(Library(), "fosdem-2021")
    assert len(Library().change_log("fosdem-2021").updates) == 1


def test_a_source_that_is_not_a_regular_file_is_refused_not_waited_for(
    source: Path, tmp_path: Path
) -> None:
    """A named pipe with no writer would block a read for ever; /dev/zero never ends."""
    import os
    import signal

    library = Library()
    library.add(str(source))
    pipe = tmp_path / "schedule.xml"
    os.mkfifo(pipe)

    def hung(*_: object) -> None:
        raise TimeoutError("the library waited for a file that never ends")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)  # a hang fails the test instead of the suite
    try:
        with pytest.raises(LibraryError, match="not a regular file"):
            library.update("fosdem-2021", source=str(pipe))
        with pytest.raises(LibraryError, match="not a regular file"):
            library.add("/dev/zero")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
