"""What a start reads without pydantic, and why that is safe.

The bundled programme and the library's stored copies are built straight
into the model (model.trusted_conference): they were checked before they
were written. Everything else from outside goes through pydantic
(geodl_app.validation), which a first start then does not need to load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import programme_versions as pv
import pytest

from geodl_app import formats, program
from geodl_app.library import Library
from geodl_app.model import Conference
from geodl_app.program import ProgramError
from geodl_app.validation import to_data, validate


def test_bundled_programme_is_valid() -> None:
    """The bundled file passes every check, and the trusted road gives what checking gives."""
    data = resources.files("geodl_app.resources").joinpath(program.BUNDLED_PROGRAM).read_bytes()
    checked = formats.parse(data, program.BUNDLED_PROGRAM, None)
    trusted = program.load_bundled()
    assert trusted == checked
    assert [e.abstract for e in trusted.events] == [e.abstract for e in checked.events]
    assert validate(Conference, to_data(trusted)) == trusted


FIRST_START = """
import runpy, sys
sys.argv = ["geodl-app", "--smoke-test"]
try:
    runpy.run_module("geodl_app", run_name="__main__")
except SystemExit as done:
    code = done.code
print("loaded:", sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
sys.exit(code)
"""


def _first_start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "GEODL_APP_DATA_DIR": str(data_dir / "data"),
        "XDG_CONFIG_HOME": str(data_dir / "config"),
        "XDG_CACHE_HOME": str(data_dir / "cache"),
        "XDG_STATE_HOME": str(data_dir / "state"),
    }
    return subprocess.run(
        [sys.executable, "-c", FIRST_START],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_first_start_paints_its_window_without_loading_pydantic(tmp_path: Path) -> None:
    result = _first_start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "main window painted" in result.stdout
    assert "loaded: []" in result.stdout


def test_a_start_with_a_plan_file_checks_it(tmp_path: Path) -> None:
    """A plan is from outside (anyone may edit it): it is checked, and a bad one set aside."""
    plans = tmp_path / "data"
    plans.mkdir(parents=True)
    from geodl_app.bookmarks import plan_file_name

    bad = {"format": "geodl-app-plan", "version": 3, "conference": "gdl2024-umea"}
    (plans / plan_file_name("gdl2024-umea")).write_text(json.dumps({**bad, "starred": ["a b"]}))
    result = _first_start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "'pydantic'" in result.stdout


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda c: c["events"].append(dict(c["events"][0])), id="duplicate id"),
        pytest.param(lambda c: c["events"][0].pop("kind"), id="missing kind"),
        pytest.param(lambda c: c["events"][0].update(kind="party"), id="unknown kind"),
        pytest.param(lambda c: c["events"][0].update(start=12), id="number for a time"),
        pytest.param(lambda c: c["events"][0].update(end="2000-01-01T00:00:00Z"), id="ends early"),
        pytest.param(lambda c: c.update(events="x"), id="events not a list"),
        pytest.param(lambda c: c.update(last_day="1999-01-01"), id="ends before it begins"),
        pytest.param(lambda c: c.update(colour="red"), id="unknown field"),
    ],
)
def test_a_damaged_stored_copy_is_one_line_not_a_crash(tmp_path: Path, damage) -> None:
    source = tmp_path / "fosdem.xml"
    source.write_bytes(pv.version_1())
    library = Library()
    library.add(str(source))
    path = library.programme_path("fosdem-2021")
    stored = json.loads(path.read_bytes())
    damage(stored["conference"])
    path.write_text(json.dumps(stored))
    with pytest.raises(ProgramError, match="the library's copy is damaged") as caught:
        library.load("fosdem-2021")
    assert "\n" not in str(caught.value)


# ------------------------------------------- files whose bytes were checked


def _plan_written_by_the_app(data_dir: Path) -> Path:
    """A plan with stars, notes and an appointment, written by the app itself."""
    from datetime import datetime, timedelta

    from geodl_app import paths
    from geodl_app.bookmarks import Appointment, BookmarkStore

    paths.set_data_dir(data_dir)
    try:
        store = BookmarkStore("gdl2024-umea")
        store.star(["talk-bokman", "talk-marchetti"])
        store.set_note("talk-bokman", "ask about steerers")
        start = datetime.fromisoformat("2024-06-12T12:10:00+02:00")
        store.add_appointment(
            Appointment.create("Lunch with Ada", start, start + timedelta(hours=1), "Rex")
        )
        store.set_reminder("talk-marchetti", on=False)
        return store.path
    finally:
        paths.set_data_dir(None)


READ_PLAN = """
import json, sys
from geodl_app.bookmarks import BookmarkStore
store = BookmarkStore("gdl2024-umea")
plan = store.plan
print(json.dumps({
    "starred": list(plan.starred),
    "notes": plan.notes,
    "appointments": [a.title for a in plan.appointments],
    "reminders_off": list(plan.reminders_off),
    "problems": [str(p) for p in store.take_problems()],
    "pydantic": "pydantic" in sys.modules,
}))
"""


def _read_in_a_new_process(data_dir: Path) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(data_dir), "GEODL_APP_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", READ_PLAN], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout)


def test_a_plan_the_app_wrote_is_read_back_whole_without_pydantic(tmp_path: Path) -> None:
    _plan_written_by_the_app(tmp_path)
    read = _read_in_a_new_process(tmp_path)
    assert read == {
        "starred": ["talk-bokman", "talk-marchetti"],
        "notes": {"talk-bokman": "ask about steerers"},
        "appointments": ["Lunch with Ada"],
        "reminders_off": ["talk-marchetti"],
        "problems": [],
        "pydantic": False,
    }


def test_the_trusted_read_of_a_plan_gives_what_checking_gives(tmp_path: Path) -> None:
    from geodl_app.bookmarks import trusted_plan, validate_plan

    raw = json.loads(_plan_written_by_the_app(tmp_path).read_bytes())
    assert trusted_plan(raw) == validate_plan(raw)
    assert trusted_plan(raw).appointments[0].start == validate_plan(raw).appointments[0].start


def test_a_plan_edited_after_the_app_wrote_it_is_checked_again(tmp_path: Path) -> None:
    path = _plan_written_by_the_app(tmp_path)
    edited = json.loads(path.read_bytes())
    edited["starred"].append("not an id")  # a space: never a valid id
    path.write_text(json.dumps(edited))
    read = _read_in_a_new_process(tmp_path)
    assert read["pydantic"] is True
    assert read["starred"] == []  # refused: the file is set aside and a new plan started
    assert len(read["problems"]) == 1 and "not a valid id" in read["problems"][0]


def test_a_valid_plan_from_elsewhere_is_checked_then_trusted(tmp_path: Path) -> None:
    path = _plan_written_by_the_app(tmp_path)
    other = json.loads(path.read_bytes())
    other["starred"] = ["talk-bokman"]
    path.write_text(json.dumps(other, indent=4))  # valid, but not bytes the app wrote
    first = _read_in_a_new_process(tmp_path)
    assert (first["starred"], first["pydantic"]) == (["talk-bokman"], True)
    second = _read_in_a_new_process(tmp_path)  # its bytes were checked by the first read
    assert (second["starred"], second["pydantic"]) == (["talk-bokman"], False)


def test_opening_a_conference_from_the_library_does_not_load_pydantic(tmp_path: Path) -> None:
    from geodl_app import paths

    source = tmp_path / "fosdem.xml"
    source.write_bytes(pv.version_1())
    paths.set_data_dir(tmp_path / "data")
    try:
        Library().add(str(source))
    finally:
        paths.set_data_dir(None)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    env["GEODL_APP_DATA_DIR"] = str(tmp_path / "data")
    probe = (
        "import sys; from geodl_app.cli import main\n"
        "code = main(['--conference', 'fosdem-2021', 'info'])\n"
        "print('pydantic' in sys.modules); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**env, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "FOSDEM" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_another_conferences_checked_plan_is_not_taken_for_this_one(tmp_path: Path) -> None:
    """Copied with its marker under this conference's name, it is still refused."""
    from geodl_app import paths
    from geodl_app.bookmarks import BookmarkStore, plan_file_name

    paths.set_data_dir(tmp_path)
    try:
        other = BookmarkStore("fosdem-2021")
        other.star(["11729"])
        mine = tmp_path / plan_file_name("gdl2024-umea")
        mine.write_bytes(other.path.read_bytes())
        marker = other.path.with_name(f".{other.path.name}.checked")
        mine.with_name(f".{mine.name}.checked").write_bytes(marker.read_bytes())
        store = BookmarkStore("gdl2024-umea")
        assert store.starred_ids() == set()
        problems = store.take_problems()
        assert len(problems) == 1 and "another conference" in str(problems[0])
    finally:
        paths.set_data_dir(None)
