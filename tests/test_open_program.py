"""File → Open: a multi-room program opens; a bad file leaves the old one and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from shared_programs import FIXTURES, PROGRAMS, shared_file

from geodl_app.recent import RecentPrograms
from geodl_app.ui import open_program


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(box: QMessageBox) -> int:
        # Shown as written: the reason quotes the file, which may look like HTML.
        assert box.textFormat() == Qt.TextFormat.PlainText
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", warning)
    return shown


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda *args, **kwargs: (str(path) if path else "", ""),
    )


def test_opening_a_multi_room_program_gives_its_rooms_and_remembers_it(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    path = shared_file(PROGRAMS / "democon.frab.json")
    choose(monkeypatch, path)
    recent = RecentPrograms()
    conference = open_program.choose_and_open(parent, recent=recent)
    assert conference is not None
    assert conference.rooms == ["Gray Room", "Tan Room"]
    assert warnings == []
    assert [e.path for e in RecentPrograms().entries] == [path.resolve()]


def test_a_hostile_file_shows_one_line_and_returns_nothing(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    choose(monkeypatch, FIXTURES / "billion-laughs.xml")
    recent = RecentPrograms()
    assert open_program.choose_and_open(parent, recent=recent) is None
    assert len(warnings) == 1 and "refused for safety" in warnings[0]
    assert RecentPrograms().entries == []


def test_cancelling_the_dialog_changes_nothing(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    choose(monkeypatch, None)
    assert open_program.choose_and_open(parent) is None
    assert warnings == []


def test_a_file_without_zone_asks_for_one(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    asked: list[str] = []

    def get_item(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(label)
        return "Europe/Brussels", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    conference = open_program.open_file(parent, FIXTURES / "dst-no-zone.pentabarf.xml")
    assert conference is not None
    assert conference.timezone == "Europe/Brussels"
    assert "dst-no-zone.pentabarf.xml" in asked[0]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    assert open_program.open_file(parent, FIXTURES / "dst-no-zone.pentabarf.xml") is None
    assert warnings == []
