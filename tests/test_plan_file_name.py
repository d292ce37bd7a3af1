"""The plan's file name: short and safe whatever the conference id; old names still read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from geodl_app import paths
from geodl_app.bookmarks import BookmarkStore, legacy_plan_file_name, plan_file_name
from geodl_app.cli import main

PROGRAM = """
[conference]
id = "{id}"
name = "Slashes"
first_day = 2024-06-12
last_day = 2024-06-12
timezone = "Europe/Berlin"

[[events]]
id = "talk"
kind = "talk"
title = "Talk"
start = 2024-06-12T10:00:00+02:00
end = 2024-06-12T11:00:00+02:00
"""


@pytest.mark.parametrize("character", ["/", ":"])
def test_an_id_of_slashes_or_colons_gives_a_plan_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], character: str
) -> None:
    # 160 characters of "/" were 480 of "%2F": list and star failed, or the
    # plan could never be saved.
    conference_id = "x" + character * 159
    program = tmp_path / "slashes.toml"
    program.write_text(PROGRAM.format(id=conference_id))
    for command in (["star", "talk"], ["list"], ["starred", "--json"], ["clashes"]):
        out = io.StringIO()
        assert main(["--program", str(program), *command], out=out) == 0, capsys.readouterr()
    [plan] = paths.data_dir().glob("plan-*.json")
    assert len(plan.name) <= 100
    assert json.loads(plan.read_text())["starred"] == ["talk"]
    assert plan.name == plan_file_name(conference_id)


def test_names_are_distinct_short_and_plain_ids_keep_theirs() -> None:
    assert plan_file_name("gdl2024-umea") == "plan-gdl2024-umea.json"
    long_a, long_b = "a" * 199 + "b", "a" * 199 + "c"
    assert plan_file_name(long_a) != plan_file_name(long_b)
    assert plan_file_name("conf/2024") != plan_file_name("conf:2024")
    assert plan_file_name("conf/2024") != plan_file_name("conf-2024")
    assert all(len(plan_file_name(i)) <= 100 for i in (long_a, "x" + "/" * 199, "x" + ":" * 199))


def test_a_plan_under_its_old_name_is_renamed_and_read(tmp_path: Path) -> None:
    conference_id = "conf/2024"
    old = tmp_path / legacy_plan_file_name(conference_id)
    assert old.name == "plan-conf%2F2024.json"
    old.write_text(
        json.dumps(
            {
                "format": "geodl-app-plan",
                "version": 2,
                "conference": conference_id,
                "starred": ["talk"],
                "notes": {},
                "appointments": [],
            }
        )
    )
    store = BookmarkStore(conference_id, folder=tmp_path)
    assert "talk" in store.starred_ids()
    assert store.path.name == plan_file_name(conference_id) != old.name
    assert not old.exists() and store.path.exists()
    store.star(["other"])
    assert BookmarkStore(conference_id, folder=tmp_path).starred_ids() >= {"talk", "other"}
