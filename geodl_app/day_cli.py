"""The conference day's commands: ``next``, ``note`` and ``export --notes``.

Registered by :func:`geodl_app.cli.build_parser` with one line (``export``
hands ``--notes`` here). No Qt.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from geodl_app import APP_NAME, clock
from geodl_app.model import Event, Kind
from geodl_app.reminders import NextUp, next_up

if TYPE_CHECKING:
    from geodl_app.cli_support import Context
    from geodl_app.model import Conference

EXIT_OK = 0
EXIT_USAGE = 2


def _fail(message: str) -> int:
    """A user error: one line on stderr, exit status 2."""
    print(f"{APP_NAME}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


# --------------------------------------------------------------------- next


def item_to_json(conference: Conference, event: Event) -> dict[str, Any]:
    """One ITEM of ``next --json``: id, title, start, end, room, kind."""
    return {
        "id": event.id,
        "title": event.title,
        "start": conference.local(event.start).isoformat(),
        "end": None if event.end is None else conference.local(event.end).isoformat(),
        "room": event.room,
        "kind": "appointment" if event.kind is Kind.PERSONAL else event.kind.value,
    }


def next_to_json(conference: Conference, found: NextUp) -> dict[str, Any]:
    """The stable JSON shape of ``next --json``: ``{"at", "now", "next"}``."""
    return {
        "at": conference.local(found.at).isoformat(),
        "now": [item_to_json(conference, e) for e in found.now],
        "next": [item_to_json(conference, e) for e in found.next],
    }


def next_line(conference: Conference, found: NextUp) -> str:
    """One short line for a status bar: "Now: … (to 14:50) · Next 15:10: … (Room)"."""
    parts = []
    if found.now:
        event = found.now[0]
        until = "" if event.end is None else f" (to {conference.local(event.end):%H:%M})"
        more = f" +{len(found.now) - 1}" if len(found.now) > 1 else ""
        parts.append(f"Now: {event.title}{until}{more}")
    if found.next:
        event = found.next[0]
        start = conference.local(event.start)
        day = "" if start.date() == conference.local(found.at).date() else _short_day(start)
        where = f" ({event.room})" if event.room else ""
        more = f" +{len(found.next) - 1}" if len(found.next) > 1 else ""
        parts.append(f"Next {day}{start:%H:%M}: {event.title}{where}{more}")
    return " · ".join(parts) if parts else "Nothing planned next"


def _short_day(moment: datetime) -> str:
    from geodl_app import wording

    return f"{wording.short_day(moment.date())} "


def cmd_next(ctx: Context) -> int:
    from geodl_app.plan_cli import open_store

    conference = ctx.conference
    try:
        at = clock.now(conference.zone).replace(microsecond=0)
    except clock.ClockError as error:
        return _fail(str(error))
    found = next_up(conference, open_store(ctx).plan, at)
    if ctx.args.json:
        json.dump(next_to_json(conference, found), ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
    else:
        ctx.out.write(next_line(conference, found) + "\n")
    return EXIT_OK


# --------------------------------------------------------------------- note


def cmd_note(ctx: Context) -> int:
    from geodl_app.bookmarks import PlanError
    from geodl_app.model import is_valid_id
    from geodl_app.plan_cli import open_store

    conference = ctx.conference
    item_id: str = ctx.args.id
    text: str | None = ctx.args.text
    if ctx.args.clear and text is not None:
        return _fail("note: give TEXT or --clear, not both")
    if not is_valid_id(item_id):
        return _fail(f"{item_id!r} is not a valid item id")
    store = open_store(ctx)
    if conference.event(item_id) is None and store.plan.appointment(item_id) is None:
        return _fail(
            f"unknown id {item_id}: not in the program of {conference.name} nor one of "
            f"your appointments (`{APP_NAME} list` shows the ids); nothing was changed"
        )
    if text is None and not ctx.args.clear:
        note = store.plan.note(item_id)
        if note:
            ctx.out.write(note + "\n")
        return EXIT_OK
    if text is not None and not text.strip():
        return _fail("note: the TEXT is empty (use --clear to remove a note)")
    try:
        store.set_note(item_id, "" if ctx.args.clear else (text or ""))
    except PlanError as error:
        return _fail(str(error))
    ctx.out.write(f"{item_id}: note {'removed' if ctx.args.clear else 'saved'}\n")
    return EXIT_OK


# ---------------------------------------------------------- export --notes


def cmd_export_notes(ctx: Context, target: str) -> int:
    """``export --notes FILE.md``: the plan's notes as Markdown."""
    from geodl_app.exporting import ExportError, export_notes
    from geodl_app.plan_cli import open_store

    conference = ctx.conference
    try:
        count = export_notes(conference, open_store(ctx).plan, target)
    except ExportError as error:
        return _fail(str(error))
    ctx.out.write(f"Wrote notes on {count} item{'s' if count != 1 else ''} to {target}\n")
    return EXIT_OK


def add_parsers(commands: Any) -> None:
    """Add ``next`` and ``note`` to the main parser's *commands*."""
    nxt = commands.add_parser(
        "next", help="what of your plan runs now and what comes next (for status bars)"
    )
    nxt.add_argument(
        "--json",
        action="store_true",
        help='{"at": ISO, "now": [ITEM], "next": [ITEM]}, ITEM = '
        '{"id", "title", "start", "end", "room", "kind"}',
    )
    nxt.set_defaults(handler=cmd_next)

    note = commands.add_parser("note", help="print, set or remove your note on an item")
    note.add_argument(
        "id", metavar="ID", help="an item id, as `list` shows it, or an appointment's"
    )
    note.add_argument("text", metavar="TEXT", nargs="?", help="the note (none: print the note)")
    note.add_argument("--clear", action="store_true", help="remove the note")
    note.set_defaults(handler=cmd_note)
