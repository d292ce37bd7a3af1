"""Run every benchmark and print one table (Markdown), as the README shows it.

Usage, from the repository root after the README's install command:

    .venv/bin/python benchmarks/run_all.py [--repeats N]

Each figure is a median over repeated runs; start-up comparisons alternate the
app and a bare PySide6 window within one run, because the machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_bigprog
import bench_clashes
import bench_interaction
import bench_startup
from _common import print_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11, help="runs per start-up figure")
    args = parser.parse_args()
    # Pure computation first, then the window in this process, then the
    # child processes: each part runs on a machine as quiet as it can be.
    rows = bench_clashes.rows()
    rows += bench_interaction.rows()
    rows += bench_bigprog.rows(args.repeats)
    rows += bench_startup.measure(args.repeats)
    rows.sort(key=lambda row: row[0])
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores\n")
    print_table(rows, ["benchmark", "measured", "goal", "verdict"])


if __name__ == "__main__":
    main()
