"""The command line: ``geodl-app [global options] [command] ...``.

With no command the GUI starts. Headless commands print to stdout and never
import Qt. Every user error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from geodl_app import APP_NAME, STARTED, __version__, paths, wording
from geodl_app.cli_support import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    UserError,
    parse_day,
    write_table,
)
from geodl_app.model import Event, shorten

if TYPE_CHECKING:
    from geodl_app.formats import Format

__all__ = ["Context", "UserError", "build_parser", "main", "write_table"]

# Old names of what wording.py now says; kept for code written against them.
format_day_heading = wording.day_heading_with_year

# ----------------------------------------------------------------- formatting


def event_to_json(event: Event, starred: bool, zone: tzinfo | None = None) -> dict[str, Any]:
    """The stable JSON shape of ``list --json`` (other tools rely on it).

    Instants are given in *zone*, the conference's, like every command's.
    """

    def at(moment: datetime) -> str:
        # Never astimezone(None): that would be the laptop's own zone.
        return (moment if zone is None else moment.astimezone(zone)).isoformat()

    return {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "speakers": list(event.speakers),
        "start": at(event.start),
        "end": None if event.end is None else at(event.end),
        "room": event.room,
        "abstract": event.abstract,
        "links": [{"title": link.title, "url": link.url} for link in event.links],
        "starred": starred,
        "url": event.url,
        "track": event.track,
    }


def cmd_list(ctx: Context) -> int:
    conference = ctx.conference
    day = None if ctx.args.day is None else parse_day(conference, ctx.args.day)
    events = list(conference.events) if day is None else conference.events_on(day)
    starred = ctx.starred_ids()
    if ctx.args.json:
        payload = [event_to_json(e, e.id in starred, conference.zone) for e in events]
        json.dump(payload, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return EXIT_OK
    write_table(ctx.out, conference, events, starred)
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    """Write the program, or with --starred the plan, in an outside format."""
    from geodl_app import formats
    from geodl_app.exporting import ExportError, export

    args = ctx.args
    if args.notes is not None:
        from geodl_app import day_cli

        return day_cli.cmd_export_notes(ctx, args.notes)
    kind, target = next(
        (fmt.name, path)
        for fmt in formats.written()
        if (path := getattr(args, _option_dest(fmt))) is not None
    )
    conference = ctx.conference
    events: list[Event] | None = None
    options: dict[str, Any] = {}
    if args.starred:
        starred = ctx.starred_ids()
        events = [e for e in conference.events if e.id in starred]
        events.extend(ctx.appointment_events())
        if kind == formats.ICAL and not args.no_alarms:
            from geodl_app import settings
            from geodl_app.exporting import plan_alarms
            from geodl_app.plan_cli import open_store

            lead = settings.load(set_aside=False).settings.reminder_lead_minutes
            options = plan_alarms(open_store(ctx).plan, lead)
    try:
        count = export(kind, conference, target, events, program_path=args.program, **options)
    except ExportError as error:
        raise UserError(str(error)) from None
    what = "the plan" if args.starred else "the program"
    ctx.out.write(f"Wrote {what} ({count} item{'s' if count != 1 else ''}) to {target}\n")
    return EXIT_OK


def cmd_gui(ctx: Context) -> int:
    from geodl_app import app

    conference = ctx.conference  # load before Qt starts: errors go to the terminal
    if ctx.args.smoke_test:
        return app.smoke_test(conference, started=STARTED, out=ctx.out)
    return app.run(
        conference,
        program_path=ctx.args.program,
        timezone=getattr(ctx.args, "timezone", None),
        library_id=ctx.library_id,
    )


# --------------------------------------------------------------------- parser

Command = Callable[[Context], int]


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options that come before the command (the same for every command)."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--program",
        metavar="FILE",
        help="use this program file instead of the bundled GDL 2024 programme",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where your stars and notes live (default: ${paths.DATA_DIR_ENV}, "
        "else the platform's user data folder)",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="IANA zone (e.g. Europe/Brussels) for a program file whose times name none",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build and paint the main window, print how many ms that took, and exit",
    )
    from geodl_app import library_cli

    library_cli.add_global_option(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="GeoDL Companion: plan your days at a conference, offline. "
        "Without a command, the window opens.",
    )
    _add_global_options(parser)
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    list_parser = commands.add_parser("list", help="print the program")
    list_parser.add_argument("--day", metavar="YYYY-MM-DD", help="only this day")
    list_parser.add_argument("--json", action="store_true", help="a JSON array, sorted by start")
    list_parser.set_defaults(handler=cmd_list)

    from geodl_app import plan_cli

    plan_cli.add_parsers(commands)
    from geodl_app import day_cli

    day_cli.add_parsers(commands)
    from geodl_app import library_cli

    library_cli.add_parsers(commands)
    from geodl_app import overview_cli

    overview_cli.add_parsers(commands)

    from geodl_app import formats

    written = [fmt for fmt in formats.written() if fmt.export_option]
    names = [fmt.short_name for fmt in written]
    export_parser = commands.add_parser(
        "export",
        help=f"write the program (or your plan) as {', '.join(names[:-1])} or {names[-1]}",
    )
    target = export_parser.add_mutually_exclusive_group(required=True)
    for fmt in written:
        target.add_argument(f"--{fmt.export_option}", metavar="FILE", help=fmt.export_help)
    target.add_argument(
        "--notes", metavar="FILE.md", help="your notes on starred and noted items, as Markdown"
    )
    export_parser.add_argument(
        "--starred",
        action="store_true",
        help="only your plan (starred items and own appointments), not the whole program",
    )
    export_parser.add_argument(
        "--no-alarms",
        action="store_true",
        help="with --ics --starred: no reminders (VALARM) in the calendar",
    )
    export_parser.set_defaults(handler=cmd_export)
    return parser


class _NotTheWindow(Exception):
    """The arguments are more than the window's options: the whole parser reads them."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


class _CheckingFormatter(argparse.HelpFormatter):
    """What argparse checks each option's metavar with while options are added.

    The default formatter measures the terminal for that (importing shutil,
    ~1.5 ms) although this parser never prints help.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80)


def parse_window_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments of a start of the window (global options only), or None.

    The window is started far more often than any command, so it does not wait
    for every command's parser to be built (that imports each command's
    module). Anything else (a command, ``--help``, an unknown or wrong option)
    gives None, and :func:`build_parser` reads the arguments, with its own
    messages. The top-level options are the same in both, so an abbreviation
    means the same in both too.
    """
    parser = _WindowParser(prog=APP_NAME, add_help=False, formatter_class=_CheckingFormatter)
    _add_global_options(parser)
    # --version prints as the whole parser would.
    parser.formatter_class = argparse.HelpFormatter
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.handler = cmd_gui
    return args


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    from geodl_app.errors import ProgramError

    parser: argparse.ArgumentParser | None = None
    args = parse_window_args(argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    if args.data_dir is not None:
        if not args.data_dir.strip():
            # Path("") is the current folder: `--data-dir "$UNSET"` must not put
            # the plan wherever the command happens to run.
            print(f"{APP_NAME}: error: --data-dir: the folder name is empty", file=sys.stderr)
            return EXIT_USAGE
        paths.set_data_dir(Path(args.data_dir))
    if args.timezone is not None and not _known_zone(args.timezone):
        print(
            f"{APP_NAME}: error: --timezone {shorten(args.timezone)}: unknown IANA time zone",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.conference is not None and args.program is not None:
        print(f"{APP_NAME}: error: --conference and --program cannot be combined", file=sys.stderr)
        return EXIT_USAGE
    ctx = Context(args=args, out=out or sys.stdout)
    handler: Command = args.handler
    if args.smoke_test and handler is not cmd_gui:
        (parser or build_parser()).error("--smoke-test cannot be combined with a command")
    try:
        return handler(ctx)
    except (UserError, ProgramError) as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `geodl-app list | head` closes the pipe early; that is not an error
        # (and not a bug report: this must come before `except Exception`).
        # Point stdout at devnull so the flush at exit does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # a bug: one line here, the details in the log
        from geodl_app.crash_log import summary, write_log

        log = write_log(type(error), error, error.__traceback__)
        where = f" (details in {log})" if log else ""
        print(f"{APP_NAME}: internal error: {summary(error)}{where}", file=sys.stderr)
        return EXIT_INTERNAL


def _option_dest(fmt: Format) -> str:
    """The attribute argparse gives the export option of *fmt* ("frab-json" -> "frab_json")."""
    return str(fmt.export_option).replace("-", "_")


def _known_zone(name: str) -> bool:
    from geodl_app.model import zone_named

    return zone_named(name) is not None


if __name__ == "__main__":
    sys.exit(main())
