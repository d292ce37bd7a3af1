"""The frozen bundle's start against the venv's: ``--smoke-test`` of each, alternating.

The .deb installs the bundle (packaging/build makes it in dist/geodl-app/), so
an attendee who installed the package starts that, not the venv. Goal: the
bundle is not slower than the venv. Times run from spawning each process to
its line of output (printed once the window is painted); medians over the
repeats, with the same empty data folder.

Usage, from the repository root, after packaging/build:

    .venv/bin/python benchmarks/bundle_start.py [--repeats N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import REPO, alternate, child_env, median_ms, print_table, time_until_exit

BUNDLE = REPO / "dist" / "geodl-app" / "geodl-app"


def measure(repeats: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        venv_app = str(Path(sys.executable).parent / "geodl-app")

        def spawn(program: str) -> float:
            # Not through time_until_exit's Python wrapper: the bundle is no script.
            return time_until_exit([program, "--smoke-test"], env, direct=True)[0]

        spawn(str(BUNDLE))  # warm the file cache once
        spawn(venv_app)
        samples = alternate(
            {"bundle": lambda: spawn(str(BUNDLE)), "venv": lambda: spawn(venv_app)}, repeats
        )
    bundle, venv = median_ms(samples["bundle"]), median_ms(samples["venv"])
    return [
        [
            "10. the frozen bundle's start to painted window, against the venv's",
            f"bundle {bundle:.0f} ms, venv {venv:.0f} ms ({bundle - venv:+.0f} ms)",
            "not slower",
            "met" if bundle <= venv * 1.02 else "MISSED",
        ]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    if not BUNDLE.exists():
        print(f"{BUNDLE} is not there: run packaging/build first")
        return
    print_table(measure(args.repeats), ["benchmark", "measured", "goal", "verdict"])


if __name__ == "__main__":
    main()
