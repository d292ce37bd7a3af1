"""Clash detection for 10,000 planned items with many overlaps (goal: under 50 ms).

Usage: python benchmarks/bench_clashes.py [--items N] [--repeats R]

Items start between 09:00 and 18:00 on a number of days and last 10–90
minutes; one in a hundred lasts all day and one in fifty has no end (counted
as one hour). The goal workload spreads 10,000 items over 300 days: every
item overlaps three others on average (about 30,000 clashing pairs). Denser
plans are shown too: there the time grows with the number of clashes found,
which every caller receives.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodl_app.clashes import PlannedItem, find_clashes

GOAL_MS = 50.0


def make_items(count: int, days: int, seed: int = 1) -> list[PlannedItem]:
    rng = random.Random(seed)
    first = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
    items = []
    for n in range(count):
        start = first + timedelta(days=rng.randrange(days), minutes=rng.randrange(0, 540, 5))
        roll = rng.random()
        if roll < 0.01:
            end: datetime | None = start + timedelta(hours=9)
        elif roll < 0.03:
            end = None
        else:
            end = start + timedelta(minutes=rng.randrange(10, 95, 5))
        items.append(PlannedItem(f"item-{n}", f"Item {n}", start, end))
    return items


def measure(count: int, days: int, repeats: int) -> tuple[int, float]:
    items = make_items(count, days)
    timings = []
    found = 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = len(find_clashes(items))
        timings.append(time.perf_counter() - started)
    return found, statistics.median(timings) * 1000


def rows(count: int = 10_000, repeats: int = 9) -> list[list[str]]:
    table = []
    for days, label in ((300, "goal workload"), (100, "denser"), (20, "very dense")):
        found, ms = measure(count, days, repeats)
        verdict = ("met" if ms < GOAL_MS else "MISSED") if days == 300 else "(no goal)"
        table.append(
            [
                f"4. clashes, {count:,} items over {days} days ({label})",
                f"{ms:.0f} ms for {found:,} clashing pairs",
                "< 50 ms" if days == 300 else "",
                verdict,
            ]
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    for row in rows(args.items, args.repeats):
        print(" | ".join(row))


if __name__ == "__main__":
    main()
