"""Opening a conference from the library against the bundled programme and the source file.

1. Start to painted window, whole processes, alternating: ``geodl-app --smoke-test``
   with the bundled programme, with FOSDEM 2021 from the library
   (``--conference fosdem-2021``: the stored copy), and with FOSDEM 2021 parsed
   from its Pentabarf file (``--program``), and the bundled programme at a first
   start (an empty data folder: nothing to check, so pydantic is not loaded).
   Goal: the library's FOSDEM paints at most ~100 ms after that first start.
2. In one process: reading FOSDEM's stored copy (``Library.load``: the JSON
   read back into the model without checking again) against parsing the source file
   (``program.load_program``). Goal: the stored copy loads faster.

Medians over the repeats; the library lives in a temporary data folder.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import FOSDEM, REPO, alternate, child_env, median_ms, print_table, time_until_exit

sys.path.insert(0, str(REPO))
if not FOSDEM.exists():  # a git worktree sits one folder deeper than the checkout
    FOSDEM = next(
        (
            found
            for folder in REPO.parents
            if (found := folder / "shared" / "data" / "programs" / FOSDEM.name).exists()
        ),
        FOSDEM,
    )


def in_process(data: Path, repeats: int) -> tuple[float, float]:
    from geodl_app.library import Library
    from geodl_app.program import load_program

    library = Library(data)
    stored, parsed = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        library.load("fosdem-2021")
        stored.append(time.perf_counter() - started)
        started = time.perf_counter()
        load_program(FOSDEM, timezone="Europe/Brussels")
        parsed.append(time.perf_counter() - started)
    return statistics.median(stored) * 1000, statistics.median(parsed) * 1000


def measure(repeats: int) -> list[list[str]]:
    from geodl_app.library import Library

    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as fresh:
        data = Path(tmp)
        Library(data).add(str(FOSDEM), timezone="Europe/Brussels")
        env = child_env(data)
        compileall.compile_dir(REPO / "geodl_app", quiet=1)

        def run(argv: list[str], env: dict[str, str] = env) -> float:
            return time_until_exit(["geodl_app", *argv, "--smoke-test"], env)[0]

        sides = {
            # A first start: no library, no plan, no settings (nothing to check).
            "first": lambda: run([], child_env(Path(fresh))),
            "bundled": lambda: run(["--conference", "gdl2024-umea"]),
            "library": lambda: run(["--conference", "fosdem-2021"]),
            "source": lambda: run(["--timezone", "Europe/Brussels", "--program", str(FOSDEM)]),
        }
        run([])  # warm the file cache once
        samples = alternate(sides, repeats)
        stored_ms, parsed_ms = in_process(data, max(3, repeats))
        # The smoke test writes nothing: only the library itself is there.
        assert sorted(p.name for p in data.iterdir()) == ["library"], os.listdir(data)

    first, bundled, library, source = (
        median_ms(samples[k]) for k in ("first", "bundled", "library", "source")
    )
    extra = library - first
    return [
        [
            "1. FOSDEM 2021 from the library, start to painted window",
            f"{library:.0f} ms, {extra:+.0f} ms against the bundled programme at a first start"
            f" ({first:.0f} ms; {bundled:.0f} ms from the same library);"
            f" from its source file {source:.0f} ms",
            "≤ +100 ms",
            "met" if extra <= 100 else "MISSED",
        ],
        [
            "2. FOSDEM 2021: stored copy against parsing the source",
            f"stored copy {stored_ms:.0f} ms, source file {parsed_ms:.0f} ms "
            f"({parsed_ms / stored_ms:.1f}x)",
            "stored faster",
            "met" if stored_ms < parsed_ms else "MISSED",
        ],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if not FOSDEM.exists():
        print(f"{FOSDEM} is not there: nothing to measure")
        return
    print_table(measure(args.repeats), ["benchmark", "measured", "goal", "verdict"])


if __name__ == "__main__":
    main()
