"""What every command-line module shares: the context, exit codes, the day table.

``cli.py`` (the parser and the program's commands) and every ``*_cli.py``
module (the plan's commands, ...) import from here and never from each other,
so no two command modules import one another. No Qt.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TextIO

from geodl_app import APP_NAME, wording
from geodl_app.errors import UserError
from geodl_app.model import Conference, Event

if TYPE_CHECKING:
    from geodl_app.bookmarks import BookmarkStore

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "Context",
    "UserError",
    "parse_day",
    "report_problems",
    "selected_conference",
    "selected_id",
    "write_table",
]


@dataclass
class Context:
    """What every command needs: the options, the program and the plan, each loaded once."""

    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _conference: Conference | None = None
    _plan_store: BookmarkStore | None = None
    library_id: str | None = None  # the library entry shown, if the conference is one

    @property
    def conference(self) -> Conference:
        if self._conference is None:
            from geodl_app import program

            if self.args.program is None:
                self._conference, self.library_id = selected_conference(self.args)
            else:
                timezone = getattr(self.args, "timezone", None)
                self._conference = program.load_program(self.args.program, timezone=timezone)
        return self._conference

    def plan_store(self) -> BookmarkStore:
        """The plan of this conference, opened on first use.

        A plan file that had to be set aside is reported here, one line on stderr.
        """
        from geodl_app.bookmarks import BookmarkStore, PlanError

        store = self._plan_store
        if store is None:
            try:
                store = BookmarkStore(self.conference.id)
            except PlanError as error:
                raise UserError(str(error)) from None
            self._plan_store = store
        report_problems(store)
        return store

    def starred_ids(self) -> set[str]:
        """Ids the user has starred for this conference."""
        return self.plan_store().starred_ids()

    def appointment_events(self) -> list[Event]:
        """The user's own appointments for this conference, as events (PERSONAL kind)."""
        return self.plan_store().plan.appointment_events()


def selected_id(args: argparse.Namespace) -> str:
    """The library entry a command works on (``--conference``, else the one open last)."""
    from geodl_app.library import Library

    chosen: str | None = getattr(args, "conference", None)
    library = Library()
    if chosen is not None:
        library.entry(chosen)  # an unknown id is one line and exit 2
        return chosen
    return library.current_id()


def selected_conference(args: argparse.Namespace) -> tuple[Conference, str | None]:
    """The conference for a command with no ``--program``, and its library id."""
    from geodl_app import paths, program

    try:
        has_library = (paths.data_dir() / "library" / "index.json").exists()
    except OSError:  # an unreadable data folder: the library says what is wrong
        has_library = True
    if getattr(args, "conference", None) is None and not has_library:
        # No library yet: the bundled programme, without loading the library's code.
        return program.load_bundled(), program.BUNDLED_ID
    from geodl_app.library import Library

    entry_id = selected_id(args)
    return Library().load(entry_id), entry_id


def report_problems(store: BookmarkStore) -> None:
    """Each problem the store met (a file set aside, ...) as a warning on stderr."""
    for problem in store.take_problems():
        print(f"{APP_NAME}: warning: {problem}", file=sys.stderr)


def parse_day(conference: Conference, text: str) -> date:
    """The ``--day YYYY-MM-DD`` option as a day of *conference*, or a :class:`UserError`."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--day {text}: not a date in the form YYYY-MM-DD") from None
    if day not in conference.days:
        first, last = conference.first_day.isoformat(), conference.last_day.isoformat()
        raise UserError(f"--day {text}: not a day of {conference.name} ({first} to {last})")
    return day


def write_table(
    out: TextIO, conference: Conference, events: list[Event], starred: set[str]
) -> None:
    """A readable day-by-day table of *events*."""
    current_day: date | None = None
    zone = conference.zone
    for event in events:
        day = conference.local(event.start).date()
        if day != current_day:
            if current_day is not None:
                out.write("\n")
            out.write(f"{wording.day_heading_with_year(day)}\n")
            current_day = day
        mark = "*" if event.id in starred else " "
        who = f"{', '.join(event.speakers)}: " if event.speakers else ""
        where = f"  [{event.room}]" if event.room else ""
        when = wording.clock_range(event.start, event.end, zone, other_day=False, open_end="     ")
        out.write(f"  {mark} {when}  {who}{event.title}{where}\n")
        out.write(f"{'':17}{event.id}\n")
    if current_day is None:
        out.write("No events.\n")
