"""The plan's commands: star, unstar, starred, clashes, and `list --json` stars."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from geodl_app import cli
from geodl_app.bookmarks import Appointment, BookmarkStore, plan_file_name
from geodl_app.model import Conference

REPO = Path(__file__).resolve().parent.parent
CONF = "gdl2024-umea"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = cli.main(list(argv), out=out)
    return status, out.getvalue()


def test_star_then_starred_json_and_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, text = run("star", "talk-kessel", "talk-bokman")
    assert status == 0
    assert "talk-bokman (On the usefulness of equivariant image representations): starred" in text
    status, text = run("starred", "--json")
    assert json.loads(text) == ["talk-bokman", "talk-kessel"]  # program order
    status, text = run("list", "--json")
    starred = {e["id"] for e in json.loads(text) if e["starred"]}
    assert starred == {"talk-bokman", "talk-kessel"}
    assert capsys.readouterr().err == ""


def test_unstar_and_readable_starred() -> None:
    run("star", "talk-kessel", "talk-bokman")
    status, text = run("unstar", "talk-kessel", "talk-walden")
    assert status == 0
    assert "talk-kessel (" in text and "unstarred" in text
    assert "talk-walden (" in text and "was not starred" in text
    status, text = run("starred")
    assert "Tuesday 11 June 2024" in text and "talk-bokman" in text
    assert "talk-kessel" not in text


def test_nothing_starred_says_so() -> None:
    assert run("starred") == (0, "No starred items. Star one with `geodl-app star ID`.\n")
    assert run("starred", "--json") == (0, "[]\n")


def test_an_unknown_id_is_one_line_exit_2_and_nothing_written(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("star", "talk-bokman")
    path = isolated_user_dirs / plan_file_name(CONF)
    before = path.read_bytes()
    status, text = run("star", "talk-kessel", "no-such-talk")
    err = capsys.readouterr().err
    assert status == 2 and text == ""
    assert err.count("\n") == 1 and "no-such-talk" in err and "Traceback" not in err
    assert path.read_bytes() == before
    status, _ = run("unstar", "no-such-talk")
    assert status == 2
    assert path.read_bytes() == before


def test_a_star_no_longer_in_the_program_is_shown_apart_and_can_be_unstarred() -> None:
    BookmarkStore(CONF).star(["talk-bokman", "talk-gone"])
    _, text = run("starred")
    assert "No longer in the program" in text
    assert text.index("talk-bokman") < text.index("No longer") < text.index("talk-gone")
    assert json.loads(run("starred", "--json")[1]) == ["talk-bokman", "talk-gone"]
    assert run("unstar", "talk-gone")[0] == 0
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman"}


def test_clashes_json_names_the_pair_and_the_overlap(gdl: Conference) -> None:
    bokman = gdl.event("talk-bokman")
    assert bokman is not None
    store = BookmarkStore(CONF)
    # 14:30–15:30 local: clashes with Bokman (14:10–14:50) and the coffee break.
    call = Appointment.create(
        "Call", bokman.start.replace(hour=14, minute=30), bokman.start.replace(hour=15, minute=30)
    )
    store.add_appointment(call)
    run("star", "talk-bokman", "welcome", "talk-marchetti")
    status, text = run("clashes", "--json")
    assert status == 0
    assert json.loads(text) == [
        {
            "ids": ["talk-bokman", call.id],
            "start": "2024-06-11T14:30:00+02:00",
            "end": "2024-06-11T14:50:00+02:00",
        },
        {
            "ids": [call.id, "talk-marchetti"],  # the earlier start first
            "start": "2024-06-11T15:10:00+02:00",
            "end": "2024-06-11T15:30:00+02:00",
        },
    ]
    status, text = run("clashes")
    assert "14:30–14:50" in text and "clashes with Call" in text
    assert text.rstrip().endswith("2 clashes.")


def test_the_dinner_with_no_end_clashes_for_an_hour() -> None:
    run("star", "conference-dinner", "social-event")
    assert json.loads(run("clashes", "--json")[1]) == []
    store = BookmarkStore(CONF)
    zone = ZoneInfo("Europe/Stockholm")
    store.add_appointment(
        Appointment.create(
            "Train",
            datetime(2024, 6, 12, 19, 45, tzinfo=zone),
            datetime(2024, 6, 12, 21, tzinfo=zone),
        )
    )
    [clash] = json.loads(run("clashes", "--json")[1])
    assert clash["ids"][0] == "conference-dinner"
    assert (clash["start"], clash["end"]) == (
        "2024-06-12T19:45:00+02:00",
        "2024-06-12T20:00:00+02:00",
    )


def test_data_dir_and_program_options_are_honoured(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    program = tmp_path / "mini.json"
    program.write_text(
        json.dumps(
            {
                "conference": {
                    "id": "mini-2025",
                    "name": "Mini",
                    "first_day": "2025-01-01",
                    "last_day": "2025-01-01",
                    "timezone": "UTC",
                },
                "events": [
                    {
                        "id": "a",
                        "kind": "talk",
                        "title": "A",
                        "start": "2025-01-01T10:00:00Z",
                        "end": "2025-01-01T11:00:00Z",
                    },
                    {
                        "id": "b",
                        "kind": "talk",
                        "title": "B",
                        "start": "2025-01-01T10:30:00Z",
                        "end": "2025-01-01T11:30:00Z",
                    },
                ],
            }
        )
    )
    base = ["--data-dir", str(elsewhere), "--program", str(program)]
    assert run(*base, "star", "a", "b")[0] == 0
    assert (elsewhere / "plan-mini-2025.json").exists()
    assert json.loads(run(*base, "clashes", "--json")[1]) == [
        {
            "ids": ["a", "b"],
            "start": "2025-01-01T10:30:00+00:00",
            "end": "2025-01-01T11:00:00+00:00",
        }
    ]
    # The bundled programme's plan, in the default folder, is untouched.
    assert json.loads(run("starred", "--json")[1]) == []


def test_a_corrupt_plan_is_reported_in_one_line_and_kept(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / plan_file_name(CONF)
    path.write_text('{"version": 2, "starred": ["talk-bok')
    status, _ = run("star", "talk-bokman")
    err = capsys.readouterr().err.splitlines()
    assert status == 0
    assert len(err) == 1 and err[0].startswith("geodl-app: warning: ")
    kept = next(isolated_user_dirs.glob(path.name + ".unreadable-*"))
    assert str(kept) in err[0]
    assert kept.read_text() == '{"version": 2, "starred": ["talk-bok'
    assert BookmarkStore(CONF).starred_ids() == {"talk-bokman"}


def test_a_newer_plan_is_reported_by_a_read_only_command_too(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_user_dirs.mkdir(parents=True)
    path = isolated_user_dirs / plan_file_name(CONF)
    path.write_text('{"format": "geodl-app-plan", "version": 99, "conference": "gdl2024-umea"}')
    status, text = run("list", "--json")
    assert status == 0 and not any(e["starred"] for e in json.loads(text))
    err = capsys.readouterr().err
    assert "newer version" in err and err.count("\n") == 1
    assert next(isolated_user_dirs.glob(path.name + ".newer-*")).read_text().count("99") == 1


@pytest.mark.slow
def test_eight_command_lines_at_once_keep_every_star(
    isolated_user_dirs: Path, gdl: Conference
) -> None:
    ids = [e.id for e in gdl.events][:24]
    groups = [ids[n::8] for n in range(8)]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "geodl_app",
                "--data-dir",
                str(isolated_user_dirs),
                "star",
                *group,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for group in groups
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    _, text = run("--data-dir", str(isolated_user_dirs), "starred", "--json")
    assert set(json.loads(text)) == set(ids)


def test_the_plan_core_and_commands_never_import_qt() -> None:
    code = (
        "import sys, geodl_app.bookmarks, geodl_app.clashes, geodl_app.plan_cli, geodl_app.cli;"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'));"
        "print(qt); sys.exit(1 if qt else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
