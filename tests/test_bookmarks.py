"""The plan store: atomic versioned file, migration, bad files kept, no lost changes."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import filelock
import pytest

from geodl_app import bookmarks, plan_rekey, savefile
from geodl_app.bookmarks import (
    FORMAT_VERSION,
    Appointment,
    BookmarkStore,
    PlanError,
    plan_file_name,
)
from geodl_app.model import ID_PATTERN, Conference, Kind
from geodl_app.validation import ValidationError

CONF = "gdl2024-umea"
REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=STOCKHOLM)


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    return env


def test_stars_notes_and_appointments_survive_a_new_store(isolated_user_dirs: Path) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman", "talk-kessel"])
    store.unstar(["talk-kessel"])
    store.set_note("talk-bokman", "ask about equivariance  ")
    train = Appointment.create("Train home", at(13, 15), at(13, 16), place="Umeå C")
    store.add_appointment(train)

    again = BookmarkStore(CONF)
    assert again.starred_ids() == {"talk-bokman"}
    assert again.plan.note("talk-bokman") == "ask about equivariance"
    assert again.plan.appointments == (train,)
    assert store.path == isolated_user_dirs / "plan-gdl2024-umea.json"
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))
    assert on_disk["version"] == FORMAT_VERSION
    assert on_disk["format"] == "geodl-app-plan"
    assert on_disk["conference"] == CONF


def test_reading_a_missing_plan_creates_nothing(isolated_user_dirs: Path) -> None:
    store = BookmarkStore(CONF)
    assert store.starred_ids() == set()
    assert not isolated_user_dirs.exists()


def test_unusual_conference_ids_give_safe_file_names() -> None:
    name = plan_file_name("fosdem/2021:main")
    assert "/" not in name and ":" not in name
    assert name != plan_file_name("fosdem_2021_main")


def test_appointment_must_end_after_start() -> None:
    with pytest.raises(ValidationError, match="end must be after the start"):
        Appointment.create("Meeting", at(12, 10), at(12, 10))
    with pytest.raises(ValidationError):
        Appointment.create("  ", at(12, 10), at(12, 11))


def test_appointment_becomes_a_personal_event() -> None:
    appointment = Appointment.create("Call home", at(12, 20), at(12, 21), place="Hotel")
    event = appointment.to_event()
    assert event.kind is Kind.PERSONAL
    assert event.id == appointment.id
    assert event.room == "Hotel"
    assert (event.start, event.end) == (appointment.start, appointment.end)
    import re

    assert re.match(ID_PATTERN, appointment.id)


def test_editing_and_deleting_an_appointment() -> None:
    store = BookmarkStore(CONF)
    meeting = Appointment.create("Meeting", at(12, 13), at(12, 14))
    store.add_appointment(meeting)
    moved = replace(meeting, start=at(12, 16), end=at(12, 17))
    store.update_appointment(moved)
    store.set_note(meeting.id, "bring slides")
    assert BookmarkStore(CONF).plan.appointment(meeting.id).start == at(12, 16)
    assert BookmarkStore(CONF).plan.note(meeting.id) == "bring slides"
    store.remove_appointment(meeting.id)
    assert BookmarkStore(CONF).plan.appointments == ()


def test_stars_of_items_that_left_the_program_are_kept(gdl: Conference) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman", "talk-removed-later"])
    again = BookmarkStore(CONF)
    assert again.plan.missing_stars(gdl) == ["talk-removed-later"]
    assert [e.id for e in again.plan.starred_events(gdl)] == ["talk-bokman"]
    assert "talk-removed-later" in again.starred_ids()


def test_two_stores_in_one_process_merge_instead_of_overwriting() -> None:
    window_a, window_b = BookmarkStore(CONF), BookmarkStore(CONF)
    window_a.star(["talk-bokman"])
    # window_b has not reloaded, yet its change is applied to the file as it is now.
    window_b.star(["talk-kessel"])
    window_b.set_note("talk-bokman", "from b")
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman", "talk-kessel"}
    assert window_a.reload_if_changed() is True
    assert window_a.starred_ids() == {"talk-bokman", "talk-kessel"}
    assert window_a.plan.note("talk-bokman") == "from b"
    assert window_a.reload_if_changed() is False


def test_a_toggle_is_judged_on_the_file_not_a_stale_copy() -> None:
    window_a, window_b = BookmarkStore(CONF), BookmarkStore(CONF)
    window_b.star(["talk-bokman"])
    # Window A still shows no star; toggling unstars what is starred on disk.
    assert window_a.toggle_star("talk-bokman") is False
    assert BookmarkStore(CONF).starred_ids() == set()


def test_an_invalid_id_is_refused_and_nothing_is_written(isolated_user_dirs: Path) -> None:
    store = BookmarkStore(CONF)
    with pytest.raises(PlanError, match="not a valid item id"):
        store.star(["fine", "has space"])
    assert not store.path.exists()


# ------------------------------------------------------------------ bad files


def plan_path(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / plan_file_name(CONF)


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "geodl-app-plan", "version": 2, "starred": [',
        b"\xff\xfe not text",
        b'["a list"]',
        b'{"format": "geodl-app-plan", "version": 2, "conference": "gdl2024-umea",'
        b' "starred": ["has space"]}',
    ],
    ids=["truncated", "binary", "not-an-object", "invalid-id"],
)
def test_an_unreadable_file_is_kept_aside_and_reported(
    isolated_user_dirs: Path, content: bytes
) -> None:
    path = plan_path(isolated_user_dirs)
    path.write_bytes(content)
    store = BookmarkStore(CONF)
    assert store.starred_ids() == set()
    [problem] = store.take_problems()
    assert problem.original == path
    assert problem.kept_as.read_bytes() == content
    assert problem.kept_as.name.startswith(path.name + ".unreadable-")
    assert str(problem.kept_as) in str(problem) and "\n" not in str(problem)
    # The user's next change starts a fresh plan; the old bytes stay untouched.
    store.star(["talk-bokman"])
    assert problem.kept_as.read_bytes() == content
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman"}


def test_a_newer_file_is_never_overwritten(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    newer = {"format": "geodl-app-plan", "version": FORMAT_VERSION + 1, "conference": CONF}
    content = json.dumps(newer).encode()
    path.write_bytes(content)
    store = BookmarkStore(CONF)
    [problem] = store.take_problems()
    assert "newer version" in str(problem)
    assert problem.kept_as.name.startswith(path.name + ".newer-")
    store.star(["talk-bokman"])
    assert problem.kept_as.read_bytes() == content
    kept = sorted(p.name for p in isolated_user_dirs.iterdir() if ".newer-" in p.name)
    assert len(kept) == 1


def test_two_bad_files_in_a_row_are_both_kept(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    path.write_text("first bad")
    first = BookmarkStore(CONF).take_problems()[0].kept_as
    path.write_text("second bad")
    second = BookmarkStore(CONF).take_problems()[0].kept_as
    assert first != second
    assert (first.read_text(), second.read_text()) == ("first bad", "second bad")


def test_a_version_one_file_is_backed_up_and_migrated(
    isolated_user_dirs: Path, gdl: Conference
) -> None:
    path = plan_path(isolated_user_dirs)
    shutil.copy(DATA / "plan-v1-gdl2024-umea.json", path)
    original = path.read_bytes()
    store = BookmarkStore(CONF)
    assert store.take_problems() == []
    assert store.starred_ids() == {"talk-bokman", "talk-kessel", "talk-that-was-cancelled"}
    assert store.plan.note("talk-bokman") == "Ask about steerable filters"
    assert store.plan.note("talk-that-was-cancelled") == "Was moved to next year?"
    assert store.plan.note("talk-kessel") == ""
    assert store.plan.missing_stars(gdl) == ["talk-that-was-cancelled"]
    backup = path.with_name(path.name + ".v1-backup")
    assert backup.read_bytes() == original
    assert json.loads(path.read_text())["version"] == FORMAT_VERSION
    # Migrated once: a second open changes nothing and makes no second backup.
    BookmarkStore(CONF)
    assert sorted(p.name for p in isolated_user_dirs.glob("*backup*")) == [backup.name]


def test_a_version_one_file_of_another_conference_is_kept_aside(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    raw = json.loads((DATA / "plan-v1-gdl2024-umea.json").read_text())
    raw["conference_id"] = "another-conference"
    path.write_text(json.dumps(raw))
    store = BookmarkStore(CONF)
    [problem] = store.take_problems()
    assert "another conference" in str(problem)
    assert json.loads(problem.kept_as.read_text()) == raw


def test_a_version_two_file_keeps_everything_and_reminds_of_all(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    v2 = {
        "format": "geodl-app-plan",
        "version": 2,
        "conference": CONF,
        "starred": ["talk-bokman"],
        "notes": {"talk-bokman": "equivariance"},
        "appointments": [
            {"id": "appt-1", "title": "Lunch with Anna", "start": at(11, 12).isoformat(),
             "end": at(11, 13).isoformat(), "place": None, "note": "booked"}
        ],
    }  # fmt: skip
    path.write_text(json.dumps(v2))
    store = BookmarkStore(CONF)
    assert store.take_problems() == []
    assert store.starred_ids() == {"talk-bokman"}
    assert store.plan.note("talk-bokman") == "equivariance"
    assert store.plan.note("appt-1") == "booked"
    assert store.plan.reminds("talk-bokman") and store.plan.reminds("appt-1")
    assert json.loads(path.with_name(path.name + ".v2-backup").read_text()) == v2
    assert json.loads(path.read_text())["reminders_off"] == []


def test_a_reminder_switched_off_stays_off_until_switched_on(isolated_user_dirs: Path) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman", "talk-kessel"])
    store.set_reminder("talk-kessel", False)
    again = BookmarkStore(CONF)
    assert not again.plan.reminds("talk-kessel")
    assert again.plan.reminds("talk-bokman")
    assert json.loads(again.path.read_text())["reminders_off"] == ["talk-kessel"]
    again.set_reminder("talk-kessel", True)
    assert BookmarkStore(CONF).plan.reminds("talk-kessel")


def test_migrations_cover_every_older_version() -> None:
    assert sorted(bookmarks.MIGRATIONS) == list(range(1, FORMAT_VERSION))


# ------------------------------------------------------------ other processes


@pytest.mark.slow
def test_concurrent_writers_keep_every_change(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(REPO / "tests" / "plan_writer.py"),
                str(isolated_user_dirs),
                CONF,
                f"w{n}",
                "25",
            ],
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    store = BookmarkStore(CONF)
    expected = {f"w{n}-{i}" for n in range(4) for i in range(25)}
    assert store.starred_ids() == expected
    assert store.plan.note("w3-24") == "note on w3-24"
    leftovers = [p.name for p in isolated_user_dirs.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_leaves_every_finished_change(
    isolated_user_dirs: Path,
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    rng = random.Random(4)
    finished: set[str] = set()
    for round_ in range(12):
        writer = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "tests" / "plan_writer.py"),
                str(isolated_user_dirs),
                CONF,
                f"r{round_}",
                "100000",
                "2000000",
            ],
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        # Let it finish a random number of changes, then kill it mid-flight.
        for _ in range(rng.randint(1, 6)):
            line = writer.stdout.readline()
            finished.add(line.split()[1])
        # Writing 2 MB takes a few ms: a random pause lands the kill inside a
        # write as often as not.
        time.sleep(rng.uniform(0, 0.03))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        finished.update(line.split()[1] for line in rest.splitlines() if line.startswith("done"))
        store = BookmarkStore(CONF)
        assert store.take_problems() == [], f"round {round_}: the file did not load"
        assert finished <= store.starred_ids(), f"round {round_}: finished changes were lost"
    json.loads((isolated_user_dirs / plan_file_name(CONF)).read_text())


def test_a_re_key_moves_stars_notes_and_reminder_choices_once_per_update(
    isolated_user_dirs: Path,
) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-a", "talk-c"])
    store.set_note("talk-a", "front row")
    store.set_reminder("talk-a", False)
    swap = {"talk-a": "talk-b", "talk-b": "talk-a"}  # two talks swapped ids
    for _ in range(2):  # asked again (a retry after a crash): nothing more moves
        store.rekey("update-1", swap)
        again = BookmarkStore(CONF)
        assert again.starred_ids() == {"talk-b", "talk-c"}
        assert again.plan.notes == {"talk-b": "front row"}
        assert again.plan.reminders_off == ("talk-b",)
    plan_rekey.finish(store, "update-1")
    assert not plan_rekey.has(store, "update-1")
    store.rekey("update-2", swap)  # another update that swaps them back
    assert BookmarkStore(CONF).starred_ids() == {"talk-a", "talk-c"}


def _left_re_key(store: BookmarkStore, renamed: dict[str, str]) -> None:
    """A re-key written down before its plan was written, as a killed update leaves it."""
    digest = hashlib.sha256(store.path.read_bytes()).hexdigest()
    record = {"format": "geodl-app-plan-rekey", "version": 1, "token": "killed"}
    record |= {"renamed": renamed, "from": digest, "applied": False}
    store.path.with_name(store.path.name + ".rekey").write_text(json.dumps(record))


def test_a_re_key_left_by_a_killed_update_is_finished_by_the_next_change(
    isolated_user_dirs: Path,
) -> None:
    BookmarkStore(CONF).star(["talk-a"])
    _left_re_key(BookmarkStore(CONF), {"talk-a": "talk-b"})
    BookmarkStore(CONF).star(["talk-c"])  # another window's change comes after it
    assert BookmarkStore(CONF).starred_ids() == {"talk-b", "talk-c"}
    BookmarkStore(CONF).rekey("killed", {"talk-a": "talk-b"})  # the update, finished later
    assert BookmarkStore(CONF).starred_ids() == {"talk-b", "talk-c"}


def test_a_re_key_whose_plan_was_written_before_the_kill_is_not_applied_again(
    isolated_user_dirs: Path,
) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-a"])
    swap = {"talk-a": "talk-b", "talk-b": "talk-a"}
    _left_re_key(store, swap)
    # Killed after writing the plan, before marking the record done.
    store.path.write_text(plan_rekey.rekeyed(store.plan, swap).to_json())
    BookmarkStore(CONF).star(["talk-c"])
    assert BookmarkStore(CONF).starred_ids() == {"talk-b", "talk-c"}


def test_reload_if_changed_sees_a_change_by_another_process(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    window = BookmarkStore(CONF)
    assert window.reload_if_changed() is False
    subprocess.run(
        [
            sys.executable,
            str(REPO / "tests" / "plan_writer.py"),
            str(isolated_user_dirs),
            CONF,
            "other",
            "2",
        ],
        env=subprocess_env(),
        check=True,
        capture_output=True,
    )
    assert window.reload_if_changed() is True
    assert window.starred_ids() == {"other-0", "other-1"}


def test_at_the_end_of_a_day_times_keep_their_zone() -> None:
    store = BookmarkStore(CONF)
    late = Appointment.create("Night train", at(13, 23, 30), at(13, 23, 30) + timedelta(hours=8))
    store.add_appointment(late)
    loaded = BookmarkStore(CONF).plan.appointment(late.id)
    assert loaded.start == late.start and loaded.end == late.end
    assert loaded.start.utcoffset() == timedelta(hours=2)


# ------------------------------------------------- folders that cannot be written


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_data_folder_inside_a_file_gives_a_plan_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    store = BookmarkStore(CONF, tmp_path / "a-file" / "data")
    assert store.starred_ids() == set()
    with pytest.raises(PlanError, match="is not a folder"):
        store.star(["talk-bokman"])
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_data_folder_replaced_by_a_file_while_open_gives_a_plan_error(
    isolated_user_dirs: Path,
) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman"])
    shutil.rmtree(isolated_user_dirs)
    isolated_user_dirs.write_text("now a file")
    with pytest.raises(PlanError, match="is not a folder"):
        store.reload_if_changed()
    assert store.starred_ids() == {"talk-bokman"}


def test_a_full_disk_is_a_plan_error_and_the_plan_stays(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman"])
    before = files_in(isolated_user_dirs)

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(PlanError, match=r"cannot be saved.*No space left"):
            store.star(["talk-kessel"])
    assert files_in(isolated_user_dirs) == before  # no temporary file left either
    assert store.starred_ids() == {"talk-bokman"}
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman"}


def lock_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a read-only folder: not even the lock file can be created."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)


def test_a_read_only_folder_still_shows_the_plan(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BookmarkStore(CONF).star(["talk-bokman"])
    before = files_in(isolated_user_dirs)
    lock_refused(monkeypatch)
    store = BookmarkStore(CONF)
    assert store.starred_ids() == {"talk-bokman"}
    with pytest.raises(PlanError, match="cannot lock the plan there"):
        store.star(["talk-kessel"])
    assert store.starred_ids() == {"talk-bokman"}
    assert files_in(isolated_user_dirs) == before


def test_a_version_one_file_in_a_read_only_folder_is_migrated_in_memory(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan_path(isolated_user_dirs)
    shutil.copy(DATA / "plan-v1-gdl2024-umea.json", path)
    before = files_in(isolated_user_dirs)
    lock_refused(monkeypatch)
    store = BookmarkStore(CONF)
    assert store.plan.note("talk-bokman") == "Ask about steerable filters"
    assert files_in(isolated_user_dirs) == before


def test_a_bad_file_that_cannot_be_set_aside_is_left_and_reported(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan_path(isolated_user_dirs)
    path.write_text("{garbage")

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PlanError, match=r"does not parse.*left as it is") as caught:
        BookmarkStore(CONF)
    assert "\n" not in str(caught.value)
    assert path.read_text() == "{garbage"


def test_a_migration_on_a_full_disk_keeps_the_old_file_and_shows_the_plan(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan_path(isolated_user_dirs)
    shutil.copy(DATA / "plan-v1-gdl2024-umea.json", path)
    original = path.read_bytes()

    def disk_full(_path: Path, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # Every write of a user file, the migrated plan's included, goes through write_atomic.
    monkeypatch.setattr(savefile, "write_atomic", disk_full)
    store = BookmarkStore(CONF)
    assert store.starred_ids() == {"talk-bokman", "talk-kessel", "talk-that-was-cancelled"}
    assert path.read_bytes() == original
    with pytest.raises(PlanError, match=r"cannot be migrated.*No space left"):
        store.star(["talk-bekkers"])
    assert path.read_bytes() == original


# ------------------------------------------------------------- read-only stores


def test_a_read_only_store_migrates_in_memory_and_writes_nothing(
    isolated_user_dirs: Path,
) -> None:
    path = plan_path(isolated_user_dirs)
    shutil.copy(DATA / "plan-v1-gdl2024-umea.json", path)
    before = files_in(isolated_user_dirs)
    store = BookmarkStore(CONF, read_only=True)
    assert store.plan.note("talk-bokman") == "Ask about steerable filters"
    with pytest.raises(PlanError, match="read-only"):
        store.star(["talk-bekkers"])
    assert files_in(isolated_user_dirs) == before  # no backup, no lock file


def test_a_read_only_store_leaves_a_bad_file_where_it_is(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    path.write_text("{garbage")
    with pytest.raises(PlanError, match="does not parse"):
        BookmarkStore(CONF, read_only=True)
    assert files_in(isolated_user_dirs) == {path.name: b"{garbage"}


# ------------------------------------------------------------------- odd files


def test_a_deeply_nested_file_is_set_aside_not_a_crash(isolated_user_dirs: Path) -> None:
    path = plan_path(isolated_user_dirs)
    path.write_text("[" * 100_000)
    store = BookmarkStore(CONF)
    [problem] = store.take_problems()
    assert "does not parse" in str(problem)
    assert problem.kept_as.read_text() == "[" * 100_000


def test_a_plan_saved_with_a_byte_order_mark_is_read(isolated_user_dirs: Path) -> None:
    BookmarkStore(CONF).star(["talk-bokman"])
    path = plan_path(isolated_user_dirs)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    store = BookmarkStore(CONF)
    assert store.take_problems() == []
    assert store.starred_ids() == {"talk-bokman"}


def test_an_appointment_at_the_end_of_the_calendar_is_refused(isolated_user_dirs: Path) -> None:
    # Exporting it would overflow (the iCalendar writer looks a year ahead).
    far = datetime(9999, 12, 31, 10, tzinfo=STOCKHOLM)
    with pytest.raises(ValidationError, match="year 9999 is not plausible"):
        Appointment.create("Far away", far, far + timedelta(hours=1))
    path = plan_path(isolated_user_dirs)
    plan = {
        "format": "geodl-app-plan",
        "version": 2,
        "conference": CONF,
        "appointments": [
            {"id": "appt-1", "title": "Far away", "start": far.isoformat(),
             "end": (far + timedelta(hours=1)).isoformat()}
        ],
    }  # fmt: skip
    path.write_text(json.dumps(plan))
    [problem] = BookmarkStore(CONF).take_problems()
    assert "year 9999" in str(problem)


def test_a_plan_made_private_stays_private_after_a_save(isolated_user_dirs: Path) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman"])
    store.path.chmod(0o600)
    store.star(["talk-kessel"])
    assert store.path.stat().st_mode & 0o777 == 0o600


def test_reading_a_current_plan_takes_no_lock_and_writes_nothing(
    isolated_user_dirs: Path,
) -> None:
    BookmarkStore(CONF).star(["talk-bokman"])
    lock = isolated_user_dirs / (plan_file_name(CONF) + ".lock")
    lock.unlink(missing_ok=True)
    before = files_in(isolated_user_dirs)
    again = BookmarkStore(CONF)
    assert again.starred_ids() == {"talk-bokman"}
    assert not again.reload_if_changed()
    assert files_in(isolated_user_dirs) == before
    # A change still goes through the lock, and sees the file as it is.
    again.star(["talk-kessel"])
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman", "talk-kessel"}


def test_a_temporary_file_left_by_a_killed_writer_is_cleaned_up(
    isolated_user_dirs: Path,
) -> None:
    store = BookmarkStore(CONF)
    store.star(["talk-bokman"])
    # What a writer killed between writing and renaming leaves behind.
    leftover = isolated_user_dirs / f".{plan_file_name(CONF)}.k9x2q.tmp"
    leftover.write_text('{"half": ')
    other = isolated_user_dirs / "notes.tmp"  # not ours: never touched
    other.write_text("keep")
    store.star(["talk-kessel"])
    assert not leftover.exists()
    assert other.read_text() == "keep"
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman", "talk-kessel"}
