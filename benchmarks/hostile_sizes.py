"""Big and hostile programmes: how long until the user sees a result or one clear line.

Run from the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/hostile_sizes.py

Prints, for 20,000 and 49,000 items that all overlap in one room, the time to
lay them out and to build and paint the timetable; for iCalendar files of
25,000 events (the limit for that format), 49,000 and 100,000 events (over it),
the time to read the one and to refuse the others; and the time to refuse 2,000
rooms nested in each other and a VTIMEZONE that changes every minute. One run
each: these are minutes-or-seconds questions, not milliseconds.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from geodl_app.layout import layout_conference
from geodl_app.model import Conference, Event, Kind
from geodl_app.program import ProgramError, load_program


def overlapping(count: int) -> Conference:
    """*count* talks in one room, each starting a second after the last, all an hour long."""
    start = datetime(2024, 6, 12, 8, 0, tzinfo=UTC)
    events = [
        Event(
            id=f"e{n}",
            kind=Kind.TALK,
            title=f"Talk {n}",
            start=start + timedelta(seconds=n % 3600),
            end=start + timedelta(seconds=n % 3600, hours=1),
            room="Hall",
        )
        for n in range(count)
    ]
    return Conference(
        id="overlap",
        name="Overlap",
        first_day=start.date(),
        last_day=start.date(),
        timezone="UTC",
        events=events,
    )


def calendar(count: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:bench"]
    for n in range(count):
        minute = n % (10 * 60)
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{n}",
            f"SUMMARY:Event {n}",
            f"DTSTART:20240612T{8 + minute // 60:02d}{minute % 60:02d}00Z",
            "DURATION:PT30M",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def nested_rooms(depth: int) -> bytes:
    parts = ["<schedule><conference><title>X</title><time_zone_name>Europe/Berlin"]
    parts.append('</time_zone_name></conference><day date="2024-06-12">')
    for n in range(depth):
        parts.append(f'<room name="R{n}"><event id="{n}"><title>t</title>')
        parts.append("<start>10:00</start><duration>00:30</duration></event>")
    parts.append("</room>" * depth + "</day></schedule>")
    return "".join(parts).encode()


def minutely_zone() -> bytes:
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\n"
        b"BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\n"
        b"TZOFFSETTO:+0200\r\nRRULE:FREQ=MINUTELY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        b"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:t\r\nDTSTART;TZID=Custom:20240612T100000\r\n"
        b"DURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def seconds_since(started: float) -> str:
    return f"{time.perf_counter() - started:.2f} s"


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from geodl_app.ui.timetable import Timetable

    application = QApplication.instance() or QApplication(sys.argv[:1])
    for count in (20_000, 49_000):
        conference = overlapping(count)
        started = time.perf_counter()
        layout = layout_conference(conference)
        lanes = max(p.lanes for p in layout.placements())
        print(f"{count:,} overlapping items: layout {seconds_since(started)} ({lanes:,} lanes)")
        started = time.perf_counter()
        widget = Timetable(conference)
        widget.resize(1366, 700)
        widget.show()
        widget.viewport().repaint()
        application.processEvents()
        print(
            f"{count:,} overlapping items: timetable built and first paint {seconds_since(started)}"
        )
        widget.close()
        widget.deleteLater()
        application.processEvents()
    with tempfile.TemporaryDirectory() as folder:
        for count in (25_000, 49_000, 100_000):
            path = Path(folder) / f"{count}.ics"
            path.write_bytes(calendar(count))
            started = time.perf_counter()
            try:
                read = load_program(path)
                outcome = f"read, {len(read.events):,} items"
            except ProgramError as error:
                outcome = f"refused: {error.message}"
            print(f"iCalendar of {count:,} events: {seconds_since(started)}, {outcome}")
        for label, name, data in (
            ("2,000 rooms nested in each other", "nested.xml", nested_rooms(2000)),
            ("a VTIMEZONE changing every minute", "minutely.ics", minutely_zone()),
        ):
            path = Path(folder) / name
            path.write_bytes(data)
            started = time.perf_counter()
            try:
                load_program(path)
                outcome = "read"
            except ProgramError as error:
                outcome = f"refused: {error.message}"
            print(f"{label}: {seconds_since(started)}, {outcome}")


if __name__ == "__main__":
    main()
