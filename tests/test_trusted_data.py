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
