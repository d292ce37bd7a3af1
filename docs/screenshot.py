"""Open the main window at a given size and palette and save a picture of it.

Run under a display (e.g. Xvfb), from the repository root:

    PYTHONPATH=. python docs/screenshot.py docs/screenshot-1366x768.png \
        --size 1366x768 --palette light --beside talk-bokman --beside talk-nyholm \
        --star talk-bokman --star talk-nyholm --star talk-kessel \
        --appointment "Call with Anna@2024-06-11T14:30/15:00"

It uses a temporary data folder, so your own window layout is left alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2d30",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1f22",
        role.AlternateBase: "#26282b",
        role.Text: "#e6e6e6",
        role.Button: "#33353a",
        role.ButtonText: "#e6e6e6",
        role.Highlight: "#3d7ed6",
        role.HighlightedText: "#ffffff",
        role.Link: "#6fb1ff",
        role.PlaceholderText: "#9a9a9a",
        role.ToolTipBase: "#33353a",
        role.ToolTipText: "#e6e6e6",
        role.Mid: "#505257",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, colour_role, QColor("#77797e"))
    return palette


def appointment_from(text: str, conference):  # type: ignore[no-untyped-def]
    """'Title@2024-06-11T14:30/15:00' as an appointment, in the conference's zone."""
    from datetime import datetime

    from geodl_app.bookmarks import Appointment

    title, _, span = text.partition("@")
    start_text, _, end_text = span.partition("/")
    start = datetime.fromisoformat(start_text).replace(tzinfo=conference.zone)
    end = datetime.combine(start.date(), datetime.strptime(end_text, "%H:%M").time())
    return Appointment.create(title, start, end.replace(tzinfo=conference.zone))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--palette", choices=["light", "dark"], default="light")
    parser.add_argument("--select", default="talk-bokman")
    parser.add_argument("--beside", action="append", default=[])
    parser.add_argument("--search", default="")
    parser.add_argument("--view", choices=["grid", "agenda", "plan", "now"], default="grid")
    parser.add_argument("--star", action="append", default=[])
    parser.add_argument(
        "--appointment",
        action="append",
        default=[],
        help="TITLE@START/END, e.g. 'Call@2024-06-11T14:30/15:00' (conference time)",
    )
    parser.add_argument("--program", help="a program file instead of the bundled one")
    parser.add_argument("--timezone", help="its zone, if the file names none")
    parser.add_argument("--rooms", help="only these rooms, comma-separated")
    parser.add_argument("--day", type=int, default=-1, help="show one day (0 = first)")
    args = parser.parse_args()
    os.environ.setdefault("GEODL_APP_DATA_DIR", tempfile.mkdtemp(prefix="geodl-shot-"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from geodl_app.app import _make_application, open_companion
    from geodl_app.program import load_bundled, load_program

    application = _make_application(sys.argv[:1])
    QApplication.setStyle("Fusion")
    if args.palette == "dark":
        QApplication.setPalette(dark_palette())
    if args.program:
        conference = load_program(args.program, timezone=args.timezone)
    else:
        conference = load_bundled()
    # persist=True: stars and appointments go through the real store, into the
    # throw-away data folder the screenshot is made with.
    companion = open_companion(conference, program_path=args.program, persist=True)
    window = companion.window
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    # Through the plan's store, as a click would: badges, count and notice follow.
    store = companion.plan.plan_store
    for text in args.appointment:
        store.add_appointment(appointment_from(text, conference))
    for event_id in args.star:
        store.star(event_id)
    if args.rooms:
        window.set_room_filter(args.rooms.split(","))
    if args.day >= 0:
        window.day_selector.setCurrentIndex(args.day + 1)
    window.timetable.select(args.select)
    for event_id in args.beside:
        window.open_beside(event_id)
    if args.search:
        window.search.field.setText(args.search)
    window.set_view(args.view)

    def shoot() -> None:
        window.grab().save(args.output)
        print(f"saved {args.output} ({width}x{height}, {args.palette})")
        window.close()
        application.quit()

    QTimer.singleShot(600, shoot)
    application.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
