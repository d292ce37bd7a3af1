"""A helper process for the plan tests: changes a plan many times, reporting each.

Usage: python tests/plan_writer.py FOLDER CONFERENCE_ID PREFIX COUNT [PAD]
Stars PREFIX-0 … PREFIX-(COUNT-1), one change at a time, and prints
"done PREFIX-N" (flushed) once each change is saved. With PAD, every change
also rewrites a note of PAD characters, so that each write takes long enough
for a kill to land in the middle of one.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from geodl_app.bookmarks import BookmarkStore, Plan


def main() -> None:
    folder, conference_id, prefix, count = sys.argv[1:5]
    pad = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    store = BookmarkStore(conference_id, Path(folder))
    for n in range(int(count)):
        item = f"{prefix}-{n}"

        def change(plan: Plan, item: str = item, n: int = n) -> Plan:
            notes = dict(plan.notes)
            if n % 3 == 0:
                notes[item] = f"note on {item}"
            if pad:
                notes["padding"] = item * (pad // len(item))
            return replace(plan, starred=(*plan.starred, item), notes=notes)

        store.apply(change)
        print(f"done {item}", flush=True)


if __name__ == "__main__":
    main()
