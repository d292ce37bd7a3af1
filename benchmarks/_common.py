"""Shared helpers for the benchmark scripts: timing child processes fairly.

The machine is shared and noisy, so every figure is a median over repeated
runs, and comparisons alternate the two sides within one run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
if not SHARED_DATA.is_dir():  # a git worktree sits one folder deeper than the checkout
    SHARED_DATA = next(
        (found for folder in REPO.parents if (found := folder / "shared" / "data").is_dir()),
        SHARED_DATA,
    )
FOSDEM = SHARED_DATA / "programs" / "fosdem-2021.pentabarf.xml"

# Report peak memory from inside the child. Not getrusage: RUSAGE_CHILDREN is
# the maximum over every child this script ever waited for, and Linux keeps a
# process's ru_maxrss across exec, so a child would inherit this script's peak.
# VmHWM in /proc belongs to the child's own address space.
_PEAK_RSS_WRAPPER = (
    "import atexit, resource, runpy, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        for line in open('/proc/self/status'):\n"
    "            if line.startswith('VmHWM:'):\n"
    "                return int(line.split()[1])\n"
    "    except OSError:\n"
    "        pass\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "atexit.register(lambda: sys.stderr.write('peak-rss-kib %d\\n' % _peak()))\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__') if sys.argv[0].endswith('.py') "
    "else runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # An installed app has its bytecode compiled (pip does it); a shell that
    # forbids writing it would time the compiler instead of the app.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["GEODL_APP_DATA_DIR"] = str(data_dir)
    return env


def time_until_exit(
    argv: Sequence[str], env: dict[str, str], *, direct: bool = False
) -> tuple[float, int | None]:
    """Wall seconds from spawn to the child's first line of output (printed once
    its window has been painted, before tearing down), and its peak RSS in KiB.

    *argv* is a script or module run by this Python (which reports the peak),
    or with *direct* a program run as it is (no peak reported)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        list(argv) if direct else [sys.executable, "-c", _PEAK_RSS_WRAPPER, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert child.stdout is not None
    child.stdout.readline()
    elapsed = time.perf_counter() - started
    try:
        _, err = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        raise RuntimeError(f"{' '.join(argv)} did not exit") from None
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {err.strip()[-500:]}")
    peak = None
    for line in err.splitlines():
        if line.startswith("peak-rss-kib "):
            peak = int(line.split()[1])
    return elapsed, peak


def alternate(sides: dict[str, Callable[[], float]], repeats: int) -> dict[str, list[float]]:
    """Run each side once per round, in turn, for *repeats* rounds."""
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(repeats):
        for name, measure in sides.items():
            samples[name].append(measure())
    return samples


def median_ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000


def print_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(f"| {line} |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
