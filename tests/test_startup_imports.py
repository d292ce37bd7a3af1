"""The first paint imports only what it shows.

A start of the window must not wait for the command line's commands, the
dialogs, the views that are not shown, the network, D-Bus or the exporters:
each is imported when first used (the tests of each dialog and view show that
they still work then). Checked on a real process, at the moment its smoke test reports the first
paint, against a fresh data folder (no library yet).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from geodl_app import cli
from geodl_app.model import Conference, Event, Kind
from geodl_app.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parent.parent

VALIDATOR = (
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "importlib.metadata",
    "geodl_app.validation",
)
# Modules the first paint of the bundled programme does not need.
NOT_BEFORE_THE_FIRST_PAINT = [
    # The command line's commands (the window only needs the global options).
    "geodl_app.plan_cli",
    "geodl_app.day_cli",
    "geodl_app.overview_cli",
    # Dialogs and views not shown at the first paint.
    "geodl_app.ui.appointment_dialog",
    "geodl_app.ui.export_dialog",
    "geodl_app.ui.library_dialog",
    "geodl_app.ui.preferences",
    "geodl_app.ui.changes_view",
    "geodl_app.ui.open_program",
    "geodl_app.ui.clash_notice",
    "geodl_app.ui.plan_messages",
    "geodl_app.ui.update_notice",
    "geodl_app.ui.my_plan",
    "geodl_app.ui.agenda",
    "geodl_app.ui.now_view",
    # Reminders: D-Bus, the tray and their timing start after the window is up.
    "geodl_app.ui.notifier",
    "geodl_app.ui.tray",
    "geodl_app.ui.reminder_driver",
    "geodl_app.reminders",
    "PySide6.QtDBus",
    # The network and the library's code.
    "geodl_app.ui.library_task",
    "geodl_app.fetch",
    "geodl_app.library",
    "geodl_app.changes",
    "PySide6.QtNetwork",
    "http.client",
    "ssl",
    # Writers and the readers of other formats.
    "geodl_app.exporting",
    "geodl_app.notes_export",
    "geodl_app.formats.ical",
    "geodl_app.formats.pentabarf",
    "geodl_app.formats.frab_json",
    "geodl_app.formats.schedule2",
    "icalendar",
    "defusedxml",
    # The validator: the bundled programme and the stored plan are trusted
    # (tests/test_trusted_data.py), pydantic checks what comes from outside.
    *VALIDATOR,
    # Read when File → Open Recent is first opened, not before.
    "geodl_app.recent",
    "geodl_app.plan_rows",
    "geodl_app.now_next",
]


# Runs the command line as `geodl-app ARGS` does, and lists the modules loaded
# when the smoke test reports its first paint (sys.modules: -X importtime
# would miss modules loaded by importlib.import_module, as formats are).
CHILD = """
import sys

class Report:
    modules = None

    def write(self, text):
        if self.modules is None and "painted" in text:
            self.modules = sorted(sys.modules)
        sys.stdout.write(text)

    def flush(self):
        sys.stdout.flush()

report = Report()
from geodl_app import cli

status = cli.main(sys.argv[1:], out=report)
print("modules:", *(report.modules or []))
sys.exit(status)
"""


def imports_until_first_paint(tmp_path: Path, *argv: str) -> list[str]:
    """The modules `geodl-app [argv] --smoke-test` had loaded when it reported its paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GEODL_APP_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *argv, "--smoke-test"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke test: main window painted" in result.stdout, "the window was never painted"
    modules = result.stdout.rsplit("modules:", 1)[1].split()
    assert modules, "no modules recorded at the first paint"
    return modules


@pytest.mark.slow
def test_the_first_paint_imports_none_of_what_it_does_not_show(tmp_path: Path) -> None:
    imported = imports_until_first_paint(tmp_path)
    # The window itself was imported: the list is the real one.
    assert "geodl_app.ui.main_window" in imported
    assert "geodl_app.ui.timetable" in imported
    early = [name for name in NOT_BEFORE_THE_FIRST_PAINT if name in imported]
    assert early == []


@pytest.mark.slow
def test_a_program_file_loads_its_own_reader_and_nothing_more(tmp_path: Path) -> None:
    program = REPO / "tests" / "fixtures" / "formats" / "dst-no-zone.pentabarf.xml"
    imported = imports_until_first_paint(
        tmp_path, "--timezone", "Europe/Brussels", "--program", str(program)
    )
    assert "geodl_app.formats.pentabarf" in imported
    # A file from outside is read by its format's reader and checked by pydantic.
    reading = ("geodl_app.formats.pentabarf", "defusedxml", *VALIDATOR)
    early = [n for n in NOT_BEFORE_THE_FIRST_PAINT if n in imported and n not in reading]
    assert early == []


@pytest.mark.slow
def test_a_conference_from_the_library_loads_its_stored_copy_and_nothing_more(
    tmp_path: Path, ccc_path: Path
) -> None:
    env = {**os.environ, "GEODL_APP_DATA_DIR": str(tmp_path)}
    added = subprocess.run(
        [sys.executable, "-m", "geodl_app", "add", str(ccc_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    entry = added.stdout.strip()
    imported = imports_until_first_paint(tmp_path, "--conference", entry)
    # The stored copy was read through the library (checked when it was added).
    assert "geodl_app.library" in imported
    library = ("geodl_app.library", "geodl_app.changes")
    early = [n for n in NOT_BEFORE_THE_FIRST_PAINT if n in imported and n not in library]
    assert early == []


# ------------------------------------------------ the window's quick parse


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--smoke-test"],
        ["--program", "other.xml"],
        ["--program=other.xml", "--data-dir", "somewhere"],
        ["--timezone", "Europe/Brussels", "--program", "list"],  # a file named like a command
        ["--conference", "fosdem-2025"],
        ["--smoke", "--data", "d", "--prog", "p", "--tim", "UTC", "--conf", "c"],  # abbreviated
    ],
)
def test_a_start_of_the_window_is_read_as_the_whole_parser_reads_it(argv: list[str]) -> None:
    quick = cli.parse_window_args(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--program", "p.xml", "list", "--json"],
        ["-h"],
        ["--help"],
        ["--he"],
        ["--program"],  # a missing value: the whole parser's message
        ["--no-such-option"],
        ["--smoke-test", "star", "talk-bokman"],
        ["--", "list"],
    ],
)
def test_anything_else_is_left_to_the_whole_parser(argv: list[str]) -> None:
    assert cli.parse_window_args(argv) is None


# ------------------------------------ a view built late shows the same thing

ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.DecorationRole,
]


def agenda_cells(window: MainWindow) -> list[list[object]]:
    model = window.agenda_model
    return [
        [
            model.index(row, column).data(role)
            for column in range(model.columnCount())
            for role in ROLES
        ]
        for row in range(model.rowCount())
    ]


def test_an_agenda_built_late_shows_what_the_window_was_told(qtbot, gdl: Conference) -> None:
    start = datetime.fromisoformat("2024-06-11T14:20:00+02:00")
    call = Event(
        id="own-1", kind=Kind.PERSONAL, title="Call with Anna", start=start,
        end=start + timedelta(minutes=30),
    )  # fmt: skip
    early, late = MainWindow(gdl, restore=False), MainWindow(gdl, restore=False)
    assert early.agenda_model.rowCount() == len(gdl.events)  # built first, told as it goes
    for window in (early, late):
        qtbot.addWidget(window)
        window.set_personal_items([call])
        window.set_marks({"talk-bokman", "talk-nyholm", "own-1"}, {"talk-bokman", "own-1"})
        window.set_clash_partners({"talk-bokman": ["clashes with your appointment “Call”"]})
        window.set_changed_items({"talk-nyholm", "talk-kessel"})
        window.set_only_starred(True)
        qtbot.keyClicks(window.search.field, "bokman")
    assert late._agenda_model is None  # nothing above needed it
    late.set_view("agenda")
    early.set_view("agenda")
    assert late.agenda_model.rowCount() == 3  # the starred items and the appointment
    assert agenda_cells(late) == agenda_cells(early)
    row = late.agenda_model.row_of("talk-bokman")
    star = late.agenda_model.column("star")
    assert late.agenda_model.index(row, star).data() == "★ clash"
    assert late.agenda.selected_id() == early.agenda.selected_id()
