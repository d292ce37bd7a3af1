"""File → Open: choose a program file, ask for a zone if it names none, report failure.

The functions return the new conference, or None when the user cancelled or
the file could not be used; the caller then keeps the program it had.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from geodl_app import formats
from geodl_app.errors import MissingTimeZoneError, ProgramError
from geodl_app.model import Conference
from geodl_app.program import load_program
from geodl_app.recent import RecentPrograms
from geodl_app.ui import plain_text

FILE_FILTER = formats.open_filter()  # as it is at start-up; the dialog asks the registry


def choose_and_open(
    parent: QWidget | None,
    recent: RecentPrograms | None = None,
    timezone: str | None = None,
) -> Conference | None:
    """Show the open dialog and load the chosen file (None: cancelled or failed)."""
    path = choose_file(parent, recent)
    if path is None:
        return None
    return open_file(parent, path, recent=recent, timezone=timezone)


def choose_file(parent: QWidget | None, recent: RecentPrograms | None = None) -> Path | None:
    """Ask which program file to open (None: cancelled)."""
    start = ""
    if recent is not None and recent.entries:
        start = str(recent.entries[0].path.parent)
    path, _ = QFileDialog.getOpenFileName(
        parent, "Open a conference program", start, formats.open_filter()
    )
    return Path(path) if path else None


def open_file(
    parent: QWidget | None,
    path: Path,
    recent: RecentPrograms | None = None,
    timezone: str | None = None,
) -> Conference | None:
    """Load *path*; on failure show the one-line reason and return None."""
    try:
        try:
            conference = load_program(path, timezone=timezone)
        except MissingTimeZoneError:
            zone = ask_time_zone(parent, path)
            if zone is None:
                return None
            conference = load_program(path, timezone=zone)
    except ProgramError as error:
        plain_text.warn(parent, "Cannot open this program", str(error))
        return None
    if recent is not None:
        # The program opened; failing to list it in the menu is no reason to fail.
        with contextlib.suppress(OSError):
            recent.remember(path, conference.name)
    return conference


def ask_time_zone(parent: QWidget | None, path: Path) -> str | None:
    """Ask which zone the file's times are in (None: cancelled)."""
    zones = sorted(available_timezones())
    default = zones.index("UTC") if "UTC" in zones else 0
    zone, accepted = QInputDialog.getItem(
        parent,
        "Time zone",
        f"The times in {path.name} name no time zone.\nIn which zone does the conference run?",
        zones,
        default,
        False,
    )
    return zone if accepted and zone else None
