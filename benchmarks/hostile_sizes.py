"""Big and hostile programmes: how long until the user sees a result or one clear line.

Run from the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/hostile_sizes.py

Prints, for 20,000 and 49,000 items that all overlap in one room, the time to
lay them out and to build and paint the timetable; and for iCalendar files of
49,000 events (under the limit) and 100,000 events (over it), the time to read
the one and to refuse the other. One run each: these are minutes-or-seconds
questions, not milliseconds.
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


if __name__ == "__main__":
    main()
