"""The plan's commands: ``star``, ``unstar``, ``starred`` and ``clashes``.

Registered by :func:`geodl_app.cli.build_parser`; kept here so the plan's
command-line code lives beside nothing else. What it shares with the other
command modules comes from :mod:`geodl_app.cli_support`. No Qt.
"""

from __future__ import annotations

import json
from typing import Any

from geodl_app import APP_NAME, wording
from geodl_app.bookmarks import BookmarkStore, PlanError
from geodl_app.clashes import Clash, find_clashes, planned_items
from geodl_app.cli_support import EXIT_OK, Context, UserError, report_problems, write_table
from geodl_app.model import Conference, is_valid_id

__all__ = ["add_parsers", "open_store", "report_problems"]


def _user_error(message: str) -> Exception:
    return UserError(message)


def open_store(ctx: Context) -> BookmarkStore:
    """The plan of the context's conference (:meth:`Context.plan_store`)."""
    return ctx.plan_store()


def _check_ids(conference: Conference, ids: list[str], also_known: set[str]) -> None:
    for item in ids:
        if not is_valid_id(item):
            raise _user_error(f"{item!r} is not a valid item id")
    unknown = [i for i in ids if conference.event(i) is None and i not in also_known]
    if unknown:
        names = ", ".join(unknown)
        noun = "id" if len(unknown) == 1 else "ids"
        raise _user_error(
            f"unknown {noun} {names}: not in the program of {conference.name} "
            f"(`{APP_NAME} list` shows the ids); nothing was changed"
        )


def _describe(conference: Conference, item_id: str) -> str:
    event = conference.event(item_id)
    return item_id if event is None else f"{item_id} ({event.title})"


def cmd_star(ctx: Context) -> int:
    conference = ctx.conference
    ids: list[str] = list(dict.fromkeys(ctx.args.ids))
    _check_ids(conference, ids, also_known=set())
    store = open_store(ctx)
    before = store.starred_ids()
    try:
        store.star(ids)
    except PlanError as error:
        raise _user_error(str(error)) from None
    for item in ids:
        state = "was already starred" if item in before else "starred"
        ctx.out.write(f"{_describe(conference, item)}: {state}\n")
    return EXIT_OK


def cmd_unstar(ctx: Context) -> int:
    conference = ctx.conference
    ids: list[str] = list(dict.fromkeys(ctx.args.ids))
    store = open_store(ctx)
    before = store.starred_ids()
    # A star whose item left the program can still be removed by its id.
    _check_ids(conference, ids, also_known=before)
    try:
        store.unstar(ids)
    except PlanError as error:
        raise _user_error(str(error)) from None
    for item in ids:
        state = "unstarred" if item in before else "was not starred"
        ctx.out.write(f"{_describe(conference, item)}: {state}\n")
    return EXIT_OK


def cmd_starred(ctx: Context) -> int:
    conference = ctx.conference
    plan = open_store(ctx).plan
    events = plan.starred_events(conference)
    missing = plan.missing_stars(conference)
    if ctx.args.json:
        json.dump([e.id for e in events] + missing, ctx.out, ensure_ascii=False)
        ctx.out.write("\n")
        return EXIT_OK
    if not events and not missing:
        ctx.out.write(f"No starred items. Star one with `{APP_NAME} star ID`.\n")
        return EXIT_OK
    if events:
        write_table(ctx.out, conference, events, set(plan.starred))
    if missing:
        if events:
            ctx.out.write("\n")
        ctx.out.write("No longer in the program (kept; `unstar ID` removes one):\n")
        gone: dict[str, str] = {}
        if ctx.library_id is not None:  # the library knows what they were
            from geodl_app.library import Library

            gone = Library().gone_items(ctx.library_id)
        for item in missing:
            ctx.out.write(f"  * {item}" + (f"  {gone[item]}" if item in gone else "") + "\n")
    return EXIT_OK


def plan_clashes(conference: Conference, store: BookmarkStore) -> list[Clash]:
    plan = store.plan
    return find_clashes(planned_items(plan.starred_events(conference), plan.appointments))


def clash_to_json(conference: Conference, clash: Clash) -> dict[str, Any]:
    """The stable JSON shape of ``clashes --json``: the pair and the overlap."""
    return {
        "ids": list(clash.ids),
        "start": conference.local(clash.start).isoformat(),
        "end": conference.local(clash.end).isoformat(),
    }


def cmd_clashes(ctx: Context) -> int:
    conference = ctx.conference
    clashes = plan_clashes(conference, open_store(ctx))
    if ctx.args.json:
        json.dump([clash_to_json(conference, c) for c in clashes], ctx.out, indent=2)
        ctx.out.write("\n")
        return EXIT_OK
    if not clashes:
        ctx.out.write("No clashes in your plan.\n")
        return EXIT_OK
    current = None
    for clash in clashes:
        start = conference.local(clash.start)
        if start.date() != current:
            if current is not None:
                ctx.out.write("\n")
            current = start.date()
            ctx.out.write(f"{wording.day_heading_with_year(current)}\n")
        first, second = clash.first, clash.second
        span = wording.clock_range(clash.start, clash.end, conference.zone, other_day=False)
        ctx.out.write(
            f"  {span}  {first.title} [{first.id}]\n"
            f"{'':15}clashes with {second.title} [{second.id}]\n"
        )
    count = len(clashes)
    ctx.out.write(f"\n{count} clash{'es' if count != 1 else ''}.\n")
    return EXIT_OK


def add_parsers(commands: Any) -> None:
    """Add the plan's subcommands to the main parser's *commands*."""
    star = commands.add_parser("star", help="star items of the program (by id)")
    star.add_argument("ids", nargs="+", metavar="ID", help="an item id, as `list` shows it")
    star.set_defaults(handler=cmd_star)

    unstar = commands.add_parser("unstar", help="remove stars (by id)")
    unstar.add_argument("ids", nargs="+", metavar="ID")
    unstar.set_defaults(handler=cmd_unstar)

    starred = commands.add_parser("starred", help="print your starred items")
    starred.add_argument("--json", action="store_true", help="a JSON array of starred ids")
    starred.set_defaults(handler=cmd_starred)

    clashes = commands.add_parser("clashes", help="print overlapping items in your plan")
    clashes.add_argument(
        "--json",
        action="store_true",
        help='a JSON array of {"ids": [A, B], "start": ISO, "end": ISO}, the overlap',
    )
    clashes.set_defaults(handler=cmd_clashes)
