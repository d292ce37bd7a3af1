"""The library's commands: ``add``, ``library``, ``remove``, ``update``, ``changes``.

Also which conference a command works on: ``--conference ID`` (a library
entry), else ``--program FILE`` (a one-off file, the library untouched), else
the conference open last in the window. Registered by
:func:`geodl_app.cli.build_parser` with one line. No Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from geodl_app import APP_NAME
from geodl_app.cli_support import selected_conference, selected_id
from geodl_app.model import Conference

# Moved to cli_support (Context needs them); their names here still work.
__all__ = ["add_parsers", "selected_conference", "selected_id"]

if TYPE_CHECKING:
    from geodl_app.changes import ItemChange
    from geodl_app.cli_support import Context
    from geodl_app.library import Library, UpdateResult

EXIT_OK = 0


def add_global_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--conference",
        metavar="ID",
        help="use this conference of the library (`library` lists them); "
        "default: the one open last",
    )


def _library() -> Library:
    # Imported here: the parser is built at every start, the library used by few commands.
    from geodl_app.library import Library

    library = Library()
    for problem in library.migrate_recent():
        print(f"{APP_NAME}: warning: {problem}", file=sys.stderr)
    if library.problem:
        print(f"{APP_NAME}: warning: {library.problem}", file=sys.stderr)
    return library


def _no_program(ctx: Context, command: str) -> None:
    if ctx.args.program is not None:
        from geodl_app.library import LibraryError

        raise LibraryError(
            f"{command}: --program names a one-off file outside the library; "
            f"add it with `{APP_NAME} add FILE` and use --conference ID"
        )


def cmd_add(ctx: Context) -> int:
    _no_program(ctx, "add")
    library = _library()
    result = library.add(ctx.args.source, timezone=ctx.args.timezone)
    ctx.out.write(f"{result.entry.id}\n")
    if result.status != "added":
        print(result.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_library(ctx: Context) -> int:
    library = _library()
    entries = library.entries()
    if ctx.args.json:
        json.dump([e.to_json() for e in entries], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return EXIT_OK
    current = library.current_id()
    for entry in entries:
        mark = "*" if entry.id == current else " "
        days = f"{entry.first_day.isoformat()} to {entry.last_day.isoformat()}"
        ctx.out.write(f"{mark} {entry.id}  {entry.name}  ({days}, {entry.items} items)\n")
        where = entry.source or "bundled with the app"
        updated = "" if entry.updated is None else f", updated {entry.updated.isoformat()}"
        ctx.out.write(f"    from {where}{updated}\n")
    return EXIT_OK


def cmd_remove(ctx: Context) -> int:
    library = _library()
    entry = library.entry(ctx.args.id)
    kept = library.remove(entry.id, keep_plan=ctx.args.keep_plan)
    ctx.out.write(f"Removed {entry.id} ({entry.name}) from the library.\n")
    if kept is not None:
        ctx.out.write(f"Its plan was kept aside as {kept}.\n")
    return EXIT_OK


def cmd_update(ctx: Context) -> int:
    _no_program(ctx, "update")
    library = _library()
    entry_id = ctx.args.id or selected_id(ctx.args)
    result = library.update(entry_id, source=ctx.args.source, timezone=ctx.args.timezone)
    ctx.out.write(f"{describe_update(result)}\n")
    return EXIT_OK


def describe_update(result: UpdateResult) -> str:
    if result.status == "unchanged":
        return f"{result.entry.name}: no changes"
    return result.summary()


def change_to_json(conference: Conference, change: ItemChange, starred: bool) -> dict[str, Any]:
    """The stable shape of one item of ``changes --json``."""
    return {
        "id": change.id,
        "title": change.title,
        "starred": starred,
        "change": change.kinds,
        "before": None if change.before is None else change.before.to_json(conference),
        "after": None if change.after is None else change.after.to_json(conference),
    }


def cmd_changes(ctx: Context) -> int:
    _no_program(ctx, "changes")
    library = _library()
    entry_id = selected_id(ctx.args)
    conference = library.load(entry_id)
    ctx._conference = conference
    starred = ctx.plan_store().starred_ids()
    from geodl_app.changes import ordered_changes, plan_id

    changes = ordered_changes(library.pending_changes(entry_id), starred, conference)
    if ctx.args.json:
        payload = {
            "conference": entry_id,
            "items": [
                change_to_json(conference, c, plan_id(c, conference) in starred) for c in changes
            ],
        }
        json.dump(payload, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
    elif not changes:
        ctx.out.write(f"{conference.name}: no changes to show.\n")
    else:
        write_changes(ctx, conference, changes, starred)
    if ctx.args.ack:
        library.acknowledge(entry_id)
        if not ctx.args.json:
            ctx.out.write("Marked as seen.\n")
    return EXIT_OK


def write_changes(
    ctx: Context, conference: Conference, changes: list[ItemChange], starred: set[str]
) -> None:
    from geodl_app.changes import describe_change, plan_id

    count = len(changes)
    ctx.out.write(f"{conference.name}: {count} changed item{'s' if count != 1 else ''}\n")
    for change in changes:
        mark = "*" if plan_id(change, conference) in starred else " "
        ctx.out.write(f"  {mark} {change.title} [{change.id}]: {', '.join(change.kinds)}\n")
        for line in describe_change(change, conference.zone):
            ctx.out.write(f"{'':6}{line}\n")


def add_parsers(commands: Any) -> None:
    """Add the library's subcommands to the main parser's *commands*."""
    add = commands.add_parser(
        "add", help="add a programme (file or URL) to the library, or update it; prints its id"
    )
    add.add_argument("source", metavar="FILE|URL")
    add.set_defaults(handler=cmd_add)

    listing = commands.add_parser("library", help="list the conferences in the library")
    listing.add_argument(
        "--json",
        action="store_true",
        help='a JSON array of {"id", "name", "first_day", "last_day", "source", "updated", '
        '"items"}',
    )
    listing.set_defaults(handler=cmd_library)

    remove = commands.add_parser("remove", help="remove a conference from the library")
    remove.add_argument("id", metavar="ID")
    remove.add_argument(
        "--keep-plan", action="store_true", help="keep its stars, notes and appointments"
    )
    remove.set_defaults(handler=cmd_remove)

    update = commands.add_parser(
        "update", help="fetch a conference's programme again and record what changed"
    )
    update.add_argument("id", metavar="ID", nargs="?", help="default: the one open last")
    update.add_argument(
        "--from",
        dest="source",
        metavar="FILE|URL",
        help="read the programme from here (it becomes the conference's source)",
    )
    update.set_defaults(handler=cmd_update)

    changes = commands.add_parser(
        "changes", help="what changed in the programme since you last looked"
    )
    changes.add_argument("--json", action="store_true", help="a JSON object (see the README)")
    changes.add_argument("--ack", action="store_true", help="mark the changes as seen")
    changes.set_defaults(handler=cmd_changes)
