"""The format registry: one list of formats feeds the loader, File → Open, File → Export
and ``geodl-app export``, so a new format is one module plus one line."""

from __future__ import annotations

import io
import sys
import types
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from geodl_app import formats
from geodl_app.cli import main
from geodl_app.model import Conference, Event
from geodl_app.program import parse_program
from geodl_app.ui import export_dialog, open_program


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_every_format_module_has_what_its_record_promises(fmt: formats.Format) -> None:
    module = fmt.implementation()
    if fmt.sniff is not None:
        assert callable(module.read)
    if fmt.claims is not None:
        assert callable(module.read_mapping)
    if fmt.export_suffix is not None:
        assert callable(module.write)
        assert fmt.export_option and fmt.export_choices


def test_a_new_format_is_one_module_and_one_line(
    monkeypatch: pytest.MonkeyPatch, gdl: Conference, capsys: pytest.CaptureFixture[str]
) -> None:
    """A made-up "lines" format appears in the loader, both dialogs and the command line."""
    module = types.ModuleType("lines_format")

    def read(data: bytes, source: str, timezone: str | None = None) -> Conference:
        ids = data.decode().split()[1:]
        return replace(gdl, events=tuple(e for e in gdl.events if e.id in ids))

    def write(conference: Conference, events: list[Event] | None = None) -> bytes:
        chosen = conference.events if events is None else events
        return ("LINES " + " ".join(e.id for e in chosen)).encode()

    module.read = read  # type: ignore[attr-defined]
    module.write = write  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lines_format", module)
    line = formats.Format(
        "lines",
        "Lines of ids",
        "lines_format",
        ("*.lines",),
        sniff=lambda data: data.startswith(b"LINES "),
        export_suffix=".lines",
        export_option="lines",
        export_help="a file of item ids",
        export_choices=(formats.ExportChoice("Whole program, lines of ids", False),),
    )
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, line))

    assert [e.id for e in parse_program(b"LINES talk-bokman", "x.lines").events] == ["talk-bokman"]
    assert "Lines of ids (*.lines)" in formats.open_filter().split(";;")
    assert "*.lines" in formats.open_filter().split(";;")[0]
    assert "Whole program, lines of ids" in [t.label for t in export_dialog.targets()]

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "--lines FILE" in capsys.readouterr().out


def test_the_export_command_writes_each_registered_format(tmp_path: Any) -> None:
    for fmt in formats.written():
        target = tmp_path / f"program{fmt.export_suffix}"
        out = io.StringIO()
        assert main(["export", f"--{fmt.export_option}", str(target)], out=out) == 0
        assert parse_program(target.read_bytes(), str(target)).events


def test_the_open_dialog_offers_every_registered_format(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    offered: list[str] = []

    def get_open_file_name(*args: Any) -> tuple[str, str]:
        offered.extend(args[3].split(";;"))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    assert open_program.choose_file(None) is None
    assert offered[0].startswith("Conference programs (")
    for fmt in formats.FORMATS:
        assert fmt.file_filter in offered
        assert all(pattern in offered[0] for pattern in fmt.patterns)
    assert offered[-1] == "All files (*)"


def test_documents_are_claimed_by_their_format() -> None:
    document: Mapping[str, Any] = {"schedule": {"conference": {}}}
    assert [f.name for f in formats.FORMATS if f.claims and f.claims(document)] == ["frab-json"]
    own: Mapping[str, Any] = {"conference": {}, "events": []}
    assert [f.name for f in formats.FORMATS if f.claims and f.claims(own)] == ["own"]
