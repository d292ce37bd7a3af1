"""Time clash detection for 10,000 planned items with many overlaps.

Usage: python benchmarks/bench_clashes.py [--items N] [--repeats R]

Items are spread over 20 conference days, 09:00–18:00, lasting 10–90 minutes,
with one in a hundred lasting all day and one in fifty having no end: each
item overlaps dozens of others. Prints the median time of the repeats.
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


def make_items(count: int, seed: int = 1) -> list[PlannedItem]:
    rng = random.Random(seed)
    first = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
    items = []
    for n in range(count):
        start = first + timedelta(days=rng.randrange(20), minutes=rng.randrange(0, 540, 5))
        roll = rng.random()
        if roll < 0.01:
            end: datetime | None = start + timedelta(hours=9)
        elif roll < 0.03:
            end = None
        else:
            end = start + timedelta(minutes=rng.randrange(10, 95, 5))
        items.append(PlannedItem(f"item-{n}", f"Item {n}", start, end))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    items = make_items(args.items)
    timings = []
    clashes = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        clashes = find_clashes(items)
        timings.append(time.perf_counter() - started)
    print(
        f"find_clashes: {args.items} items, {len(clashes)} clashing pairs: "
        f"median {statistics.median(timings) * 1000:.0f} ms over {args.repeats} runs "
        f"(min {min(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
