"""How long loading and exporting real conference programs takes.

    python benchmarks/load_programs.py [DATA_DIR] [--repeat N]

DATA_DIR holds the real files (default: ../shared/data/programs next to the
checkout, or its worktree). Prints the best of N runs (wall clock and CPU) for
each file, so a busy machine inflates the numbers less.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodl_app import formats
from geodl_app.program import load_bundled, load_program

FILES = ["fosdem-2021.pentabarf.xml", "democon.frab.json", "kielux-2020.ics"]


def default_data_dir() -> Path:
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / "programs"
        if candidate.is_dir():
            return candidate
    return Path("shared/data/programs")


def best(action, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls) * 1000, min(cpus) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    print(f"{'what':<42} {'events':>6} {'wall ms':>8} {'cpu ms':>8}")
    rows = [("load bundled GDL 2024", load_bundled)]
    for name in FILES:
        path = args.data_dir / name
        if not path.exists():
            print(f"{name}: missing, skipped", file=sys.stderr)
            continue
        rows.append((f"load {name}", lambda path=path: load_program(path)))
    for label, action in rows:
        events = len(action().events)
        wall, cpu = best(action, args.repeat)
        print(f"{label:<42} {events:>6} {wall:>8.1f} {cpu:>8.1f}")
    fosdem = args.data_dir / FILES[0]
    if fosdem.exists():
        conference = load_program(fosdem)
        for kind in (formats.ICAL, formats.PENTABARF, formats.FRAB_JSON):
            wall, cpu = best(
                lambda kind=kind: formats.write(kind, conference), max(1, args.repeat // 3)
            )
            label = f"export FOSDEM as {kind}"
            print(f"{label:<42} {len(conference.events):>6} {wall:>8.1f} {cpu:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
