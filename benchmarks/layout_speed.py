"""How long the timetable layout takes for a FOSDEM-sized program.

Run: python benchmarks/layout_speed.py
Prints the median time to lay out 1,000 synthetic events in 100 rooms over two
days (with overlaps inside rooms and open-ended items), and to search them.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from geodl_app.layout import layout_events
from geodl_app.model import Event, Kind
from geodl_app.search import SearchIndex

ZONE = ZoneInfo("Europe/Brussels")


def synthetic_events(count: int = 1000, rooms: int = 100, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    events = []
    for n in range(count):
        day = datetime(2021, 2, 6 + n % 2, 9, tzinfo=ZONE)
        start = day + timedelta(minutes=5 * rng.randrange(0, 12 * 12))
        minutes = rng.choice([15, 20, 25, 30, 40, 50, 60, None])
        events.append(
            Event(
                id=f"e{n}",
                kind=Kind.TALK,
                title=f"Talk number {n} about {rng.choice(['Rust', 'Go', 'Python', 'Linux'])}",
                speakers=(f"Speaker {n % 313}",),
                start=start,
                end=None if minutes is None else start + timedelta(minutes=minutes),
                room=f"Room {n % rooms}",
            )
        )
    return events


def median_ms(action, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    events = synthetic_events()
    layout = layout_events(events, ZONE)
    columns = sum(len(d.columns) for d in layout.days)
    print(f"{len(events)} events, {columns} room sub-columns over {len(layout.days)} days")
    print(f"layout: {median_ms(lambda: layout_events(events, ZONE)):.1f} ms (median of 15)")
    index = SearchIndex(events)
    print(f"search index build: {median_ms(lambda: SearchIndex(events)):.1f} ms")
    print(f"search 'python talk': {median_ms(lambda: index.search('python talk')):.2f} ms")


if __name__ == "__main__":
    main()
