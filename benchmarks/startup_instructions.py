"""Start-up counted in instructions rather than milliseconds, which no other
load on the machine can disturb: the same program gives the same count.

Runs ``geodl-app --smoke-test``, the bare window (bare_window.py) and the paint
floor (paint_floor.py) once each under valgrind's callgrind, which counts every
instruction the process executes from start to exit, and prints the counts and
their ratios. Slow (about a minute) and needs valgrind (Debian: valgrind).

Usage, from the repository root: .venv/bin/python benchmarks/startup_instructions.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO, child_env, print_table

SIDES = {
    "bare QMainWindow": [str(REPO / "benchmarks" / "bare_window.py")],
    "floor: bare window painting one box of text": [str(REPO / "benchmarks" / "paint_floor.py")],
    "geodl-app --smoke-test": ["-m", "geodl_app", "--smoke-test"],
}


def count(argv: list[str], env: dict[str, str], folder: Path) -> int:
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder / 'callgrind.out'}",
            sys.executable,
            *argv,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"no count from callgrind: {result.stderr[-300:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        # String hashing is randomised per process, which moves set and dict
        # layouts and so the count by about 1%: fix it for repeatable figures.
        env["PYTHONHASHSEED"] = "0"
        counts = {name: count(argv, env, Path(tmp)) for name, argv in SIDES.items()}
    bare = counts["bare QMainWindow"]
    rows = [[name, f"{n / 1e6:,.0f} M", f"{n / bare:.2f}"] for name, n in counts.items()]
    print_table(rows, ["start, first paint and exit", "instructions", "ratio to bare"])


if __name__ == "__main__":
    main()
