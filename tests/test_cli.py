"""The command line: list, its JSON shape, global options, errors and the smoke test."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime
from importlib import metadata
from pathlib import Path

import pytest

from geodl_app import APP_NAME
from geodl_app.cli import main
from geodl_app.model import Conference

REPO = Path(__file__).resolve().parent.parent
JSON_KEYS = [
    "id",
    "kind",
    "title",
    "speakers",
    "start",
    "end",
    "room",
    "abstract",
    "links",
    "starred",
    "url",
    "track",
]


def run_main(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def run_process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "geodl_app", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=full_env,
        timeout=60,
    )


def test_list_json_shape(gdl: Conference) -> None:
    status, output = run_main("list", "--json")
    assert status == 0
    items = json.loads(output)
    assert len(items) == len(gdl.events)
    for item in items:
        assert list(item) == JSON_KEYS
        assert isinstance(item["speakers"], list)
        assert isinstance(item["starred"], bool)
        assert datetime.fromisoformat(item["start"]).utcoffset() is not None
    starts = [datetime.fromisoformat(i["start"]) for i in items]
    assert starts == sorted(starts)
    bokman = next(i for i in items if i["id"] == "talk-bokman")
    assert bokman["start"] == "2024-06-11T14:10:00+02:00"
    assert bokman["end"] == "2024-06-11T14:50:00+02:00"
    assert bokman["speakers"] == ["Georg Bökman"]
    assert bokman["kind"] == "talk"
    dinner = next(i for i in items if i["id"] == "conference-dinner")
    assert dinner["end"] is None and dinner["room"] == "Båten"
    mereta = next(i for i in items if i["id"] == "talk-mereta")
    assert mereta["links"] == [
        {
            "title": "Results the talk is based on (arXiv:2303.12124)",
            "url": "https://arxiv.org/abs/2303.12124",
        }
    ]


def test_list_one_day(gdl: Conference) -> None:
    status, output = run_main("list", "--day", "2024-06-13", "--json")
    assert status == 0
    items = json.loads(output)
    assert {i["start"][:10] for i in items} == {"2024-06-13"}
    assert next(i["id"] for i in items) == "talk-chmiela"


def test_list_table_is_readable() -> None:
    status, output = run_main("list", "--day", "2024-06-11")
    assert status == 0
    assert output.startswith("Tuesday 11 June 2024\n")
    assert (
        "14:10–14:50  Georg Bökman: On the usefulness of equivariant image representations"
        in output
    )
    assert "Wednesday" not in output


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["list", "--day", "2024-06-14"], "--day 2024-06-14: not a day of Geometric Deep Learning"),
        (["list", "--day", "tuesday"], "--day tuesday: not a date in the form YYYY-MM-DD"),
        (["--program", "/no/such/file.toml", "list"], "/no/such/file.toml: no such file"),
    ],
)
def test_user_errors_are_one_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = run_main(*argv)
    err = capsys.readouterr().err
    assert status == 2
    assert output == ""
    assert err.count("\n") == 1 and expected in err


def test_program_option_with_bad_field_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text(
        json.dumps(
            {
                "conference": {
                    "id": "x",
                    "name": "X",
                    "first_day": "2025-01-01",
                    "last_day": "2025-01-01",
                    "timezone": "UTC",
                },
                "events": [{"id": "a", "kind": "talk", "title": "A", "start": 12}],
            }
        )
    )
    result = run_process("--program", str(bad), "list", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert str(bad) in result.stderr and "events[0] (id 'a').start" in result.stderr


def test_program_option_loads_another_program(tmp_path: Path) -> None:
    source = (REPO / "geodl_app" / "resources" / "gdl2024-umea.toml").read_text(encoding="utf-8")
    own = tmp_path / "mine.toml"
    own.write_text(
        source.replace('title = "Welcome"', 'title = "Welcome, everyone"'), encoding="utf-8"
    )
    status, output = run_main("--program", str(own), "list", "--json")
    assert status == 0
    assert json.loads(output)[0]["title"] == "Welcome, everyone"


def test_smoke_test_paints_and_reports(tmp_path: Path) -> None:
    result = run_process(
        "--data-dir", str(tmp_path / "data"), "--smoke-test", env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("smoke test: main window painted ") and line.endswith(
        " ms after start-up"
    )
    assert int(line.split()[5]) > 0


def test_smoke_test_fails_on_bad_program(tmp_path: Path) -> None:
    result = run_process("--program", str(tmp_path / "missing.toml"), "--smoke-test")
    assert result.returncode == 2
    assert "missing.toml: no such file" in result.stderr


def test_version_and_help() -> None:
    result = run_process("--help")
    assert result.returncode == 0 and "list" in result.stdout and "--data-dir" in result.stdout
    version = run_process("--version")
    assert version.returncode == 0
    # The installed distribution's version, as pip and the packages know it.
    assert version.stdout.strip() == f"{APP_NAME} {metadata.version('geodl-app')}"
