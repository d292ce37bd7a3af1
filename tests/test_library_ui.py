"""The library in the window: Update (Ctrl+R) in the background, the notice, the Changes view,
File → Conferences, and the conference open last coming back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import programme_versions as pv
import pytest
import shiboken6
from programme_server import ProgrammeServer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from geodl_app.app import open_companion
from geodl_app.bookmarks import BookmarkStore
from geodl_app.changes import ChangeRow
from geodl_app.library import BUNDLED_ID, Library
from geodl_app.library_cli import selected_id
from geodl_app.model import Conference
from geodl_app.program import load_bundled
from geodl_app.ui.agenda import ID_ROLE
from geodl_app.ui.changes_view import ROW_ROLE
from geodl_app.ui.companion import Companion
from geodl_app.ui.update_notice import UpdateNotice


@pytest.fixture
def server() -> Iterator[ProgrammeServer]:
    served = ProgrammeServer(pv.version_1())
    yield served
    served.gate.set()
    served.stop()


@pytest.fixture
def build(qtbot):  # type: ignore[no-untyped-def]
    """Builds companions; closes whichever window each shows at the end."""
    built: list[Companion] = []

    def make(conference: Conference, library_id: str) -> Companion:
        shown = open_companion(conference, library_id=library_id)
        shown.window.show()
        built.append(shown)
        return shown

    yield make
    for shown in built:
        for task in (shown.library.task, getattr(shown, "_settling", None)):
            if task is not None and task.worker is not None:
                task.worker.join(10)
        if shiboken6.isValid(shown.window):
            shown.window.close()
            shown.window.deleteLater()


@pytest.fixture
def companion(build, server: ProgrammeServer):  # type: ignore[no-untyped-def]
    Library().add(server.url("programme.xml"))
    BookmarkStore("fosdem-2021").star([pv.MOVED, pv.CANCELLED, pv.REKEYED])
    return build(Library().load("fosdem-2021"), "fosdem-2021")


def _notice(companion) -> UpdateNotice | None:  # type: ignore[no-untyped-def]
    found = [n for n in companion.window.findChildren(UpdateNotice) if n.isVisible()]
    return found[-1] if found else None


def test_ctrl_r_updates_in_the_background_and_tells_what_changed_in_the_plan(
    qtbot, companion, server: ProgrammeServer
) -> None:
    server.body = pv.version_2()
    server.gate.clear()  # the server holds its answer: the window must stay usable
    window = companion.window
    assert window.update_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QProgressBar) is not None)
    assert window.findChild(QProgressBar).isVisible()
    assert not window.update_action.isEnabled()  # one update at a time
    assert not companion.library.update()
    assert _notice(companion).message.text().startswith("An update is already running")
    # The event loop runs while the fetch waits: the window still reacts.
    window.set_view("agenda")
    assert window.view() == "agenda"
    server.gate.set()

    qtbot.waitUntil(lambda: companion.window is not window, timeout=15_000)
    notice = _notice(companion)
    assert notice is not None
    assert notice.message.text() == "FOSDEM 2021 updated: 2 of your starred items changed"
    new_window = companion.window
    assert new_window is not window
    assert new_window.conference.event(pv.NEW) is not None
    assert new_window.findChild(QProgressBar) is None
    assert companion.plan.plan_store.starred_ids() == {pv.MOVED, pv.CANCELLED, pv.REKEYED_TO}
    qtbot.waitUntil(new_window.changes_action.isEnabled)
    # Changed items are marked in the timetable and the agenda until seen.
    assert "changed by the last update" in new_window.timetable.accessible_label(pv.MOVED)
    assert "changed" not in new_window.timetable.accessible_label(pv.UNTOUCHED)
    assert "changed" in _agenda_marks(new_window, pv.RETITLED)

    # Show changes: starred first, cancelled struck through, new marked, then seen.
    qtbot.mouseClick(notice.show_button, Qt.MouseButton.LeftButton)
    view = companion.library.changes_view
    assert view is not None and view.isVisible()
    rows: list[ChangeRow] = [
        view.model.data(view.model.index(n, 0), ROW_ROLE) for n in range(view.model.rowCount())
    ]
    assert [(r.id, r.starred) for r in rows[:2]] == [(pv.CANCELLED, True), (pv.MOVED, True)]
    assert {r.id for r in rows[2:]} == {pv.REROOMED, pv.RETITLED, pv.NEW}
    font = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.FontRole)
    assert font.strikeOut()
    new_row = next(n for n, r in enumerate(rows) if r.id == pv.NEW)
    assert view.model.data(view.model.index(new_row, 1)).startswith("NEW")
    moved = view.model.data(view.model.index(1, 3))
    assert "time: Sat 6 Feb 10:00–10:05 → Sat 6 Feb 16:00–16:05" in moved

    qtbot.mouseClick(view.seen_button, Qt.MouseButton.LeftButton)
    assert Library().pending_changes("fosdem-2021") == []
    assert view.model.rowCount() == 0
    assert not new_window.changes_action.isEnabled()
    assert "changed" not in new_window.timetable.accessible_label(pv.MOVED)
    assert "changed" not in _agenda_marks(new_window, pv.RETITLED)


def _agenda_marks(window, item_id: str) -> str:  # type: ignore[no-untyped-def]
    model = window.agenda_model
    column = model.COLUMNS.index("star")
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0), ID_ROLE) == item_id:
            return str(model.data(model.index(row, column)))
    raise AssertionError(item_id)


def test_a_failed_update_says_so_and_changes_nothing(
    qtbot, companion, server: ProgrammeServer, isolated_user_dirs: Path
) -> None:
    before = {p: p.read_bytes() for p in isolated_user_dirs.rglob("*") if p.is_file()}
    window = companion.window
    assert companion.library.update(source=server.url("cut"))
    qtbot.waitUntil(lambda: _notice(companion) is not None, timeout=15_000)
    text = _notice(companion).message.text()
    assert text.startswith("Update failed, nothing was changed: ")
    assert "closed early" in text
    assert companion.window is window
    after = {p: p.read_bytes() for p in isolated_user_dirs.rglob("*") if p.is_file()}
    # The window may have saved its layout meanwhile; the library and plan may not change.
    assert {p: b for p, b in after.items() if "ui-state" not in p.name} == {
        p: b for p, b in before.items() if "ui-state" not in p.name
    }


def test_the_bundled_programme_has_nothing_to_update(build) -> None:
    shown = build(load_bundled(), BUNDLED_ID)
    assert not shown.window.update_action.isEnabled()
    assert not shown.library.update()


def test_conferences_dialog_opens_an_entry_which_is_then_reopened_next_time(
    qtbot, build, server: ProgrammeServer
) -> None:
    Library().add(server.url("programme.xml"))
    shown = build(load_bundled(), BUNDLED_ID)
    dialog = shown.library.show_library()
    texts = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    # Both conferences are over by now: listed under "Past", the latest first.
    assert texts[0] == "Past" and len(texts) == 3
    assert texts[1].endswith("(shown now)") and texts[2] == "FOSDEM 2021"
    dialog.select(BUNDLED_ID)
    assert not dialog.remove_button.isEnabled() and not dialog.update_button.isEnabled()
    dialog.select("fosdem-2021")
    assert dialog.remove_button.isEnabled() and dialog.update_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert shown.window.conference.id == "fosdem-2021"
    assert shown.library_id == "fosdem-2021"

    class Args:
        conference = None

    assert selected_id(Args()) == "fosdem-2021"  # what `geodl-app` opens next time

    dialog.remove_requested.emit("fosdem-2021", True)
    assert shown.window.conference.id == load_bundled().id
    assert [e.id for e in Library().entries()] == [BUNDLED_ID]


def test_file_open_keeps_the_programme_in_the_library(build, tmp_path: Path) -> None:
    path = tmp_path / "fosdem.xml"
    path.write_bytes(pv.version_1())
    shown = build(load_bundled(), BUNDLED_ID)
    window = shown.open_path(path)
    assert window is not None and shown.library_id == "fosdem-2021"
    path.unlink()  # the file may go: the library has its copy
    assert Library().load("fosdem-2021") == window.conference
    assert window.update_action.isEnabled()


def test_file_open_of_a_changed_file_already_kept_updates_it_and_says_what_changed(
    build, tmp_path: Path
) -> None:
    path = tmp_path / "fosdem.xml"
    path.write_bytes(pv.version_1())
    Library().add(str(path))
    BookmarkStore("fosdem-2021").star([pv.MOVED, pv.REKEYED])
    shown = build(load_bundled(), BUNDLED_ID)
    path.write_bytes(pv.version_2())
    window = shown.open_path(path)  # through the binding's public show_result
    assert window is not None and shown.window.conference.event(pv.NEW) is not None
    notice = _notice(shown)
    assert notice is not None
    assert notice.message.text() == "FOSDEM 2021 updated: 1 of your starred items changed"
    assert shown.library.last_result is not None
    assert shown.library.last_result.status == "updated"
    assert shown.plan.plan_store.starred_ids() == {pv.MOVED, pv.REKEYED_TO}


@pytest.mark.parametrize("automatically", [False, True])
def test_the_app_goes_online_at_start_only_with_update_automatically_on(
    qtbot, build, server: ProgrammeServer, automatically: bool
) -> None:
    from geodl_app import settings

    Library().add(server.url("programme.xml"))
    asked = len(server.requests)
    settings.save(settings.Settings(update_automatically=automatically))
    server.body = pv.version_2()
    shown = build(Library().load("fosdem-2021"), "fosdem-2021")
    # The start-up step that would start the update has run:
    qtbot.waitUntil(lambda: getattr(shown, "_settling", None) is not None, timeout=10_000)
    if automatically:
        qtbot.waitUntil(lambda: _notice(shown) is not None, timeout=15_000)
        assert _notice(shown).message.text().startswith("FOSDEM 2021 updated: 5 items changed")
        assert len(server.requests) == asked + 1
    else:
        assert shown.library.task is None
        assert len(server.requests) == asked
        assert _notice(shown) is None


def test_a_cancelled_star_can_be_dismissed_or_relinked_from_the_changes_view(
    qtbot, companion, server: ProgrammeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    BookmarkStore("fosdem-2021").set_note(pv.CANCELLED, "ask about XMPP")
    server.body = pv.version_2()
    companion.library.update()
    qtbot.waitUntil(lambda: _notice(companion) is not None, timeout=15_000)
    view = companion.library.show_changes()
    view.table.selectRow(0)  # the cancelled starred talk comes first
    assert view.dismiss_button.isEnabled() and view.relink_button.isEnabled()
    view.table.selectRow(1)  # a moved one: nothing to dismiss or re-link
    assert not view.dismiss_button.isEnabled() and not view.relink_button.isEnabled()

    view.table.selectRow(0)
    chosen = companion.conference.event(pv.NEW)
    assert chosen is not None

    def pick(parent, title, label, items, *args):  # type: ignore[no-untyped-def]
        return next(i for i in items if chosen.title in i), True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    qtbot.mouseClick(view.relink_button, Qt.MouseButton.LeftButton)
    plan = BookmarkStore("fosdem-2021").plan
    assert pv.CANCELLED not in plan.starred and pv.NEW in plan.starred
    assert plan.notes.get(pv.NEW) == "ask about XMPP"
    # The new talk now carries the star: listed as starred in the view.
    rows = [view.model.data(view.model.index(n, 0), ROW_ROLE) for n in range(view.model.rowCount())]
    assert next(r for r in rows if r.id == pv.NEW).starred


def test_the_star_of_a_cancelled_talk_whose_id_was_reused_is_dismissed_not_the_new_talks(
    qtbot, companion, server: ProgrammeServer
) -> None:
    from geodl_app.changes import gone_id

    server.body = pv.version_reused()
    companion.library.update()
    qtbot.waitUntil(lambda: _notice(companion) is not None, timeout=15_000)
    assert _notice(companion).message.text() == (
        "FOSDEM 2021 updated: 1 of your starred items changed"
    )
    view = companion.library.show_changes()
    rows = [view.model.data(view.model.index(n, 0), ROW_ROLE) for n in range(view.model.rowCount())]
    assert [(r.id, r.kinds, r.starred) for r in rows] == [
        (gone_id(pv.CANCELLED), ("cancelled",), True),
        (pv.CANCELLED, ("new",), False),
    ]
    assert companion.window.conference.event(pv.CANCELLED).title == pv.REUSED_TITLE
    assert pv.CANCELLED not in companion.plan.plan_store.starred_ids()  # nor the new talk
    view.table.selectRow(0)
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert BookmarkStore("fosdem-2021").starred_ids() == {pv.MOVED, pv.REKEYED}


def test_at_start_up_the_open_recent_list_becomes_library_entries(
    qtbot, build, tmp_path: Path
) -> None:
    from geodl_app.recent import RecentPrograms

    path = tmp_path / "fosdem.xml"
    path.write_bytes(pv.version_1())
    RecentPrograms().remember(path, "FOSDEM 2021")  # what an older version left
    assert not Library().exists()
    shown = build(load_bundled(), BUNDLED_ID)
    qtbot.waitUntil(lambda: getattr(shown, "_settling", None) is not None, timeout=10_000)
    shown._settling.worker.join(30)
    assert [e.source for e in Library().entries()] == [None, str(path.resolve())]
    dialog = shown.library.show_library()
    assert dialog.tree.topLevelItemCount() == 3  # "Past", GDL 2024, FOSDEM 2021
