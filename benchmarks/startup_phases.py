"""Where the start-up time goes: the steps of ``geodl-app --smoke-test``, timed.

Each run is a fresh process that takes the same steps as the command (load the
bundled program, start Qt, build the window and its plan, paint once) and
prints how long each took; this prints the median of every step. Use it to see
what a change to start-up bought, and what is left.

Usage, from the repository root: .venv/bin/python benchmarks/startup_phases.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO, child_env, print_table

CHILD = r"""
import json, sys, time
started = time.perf_counter()
steps = []
def step(name):
    steps.append((name, time.perf_counter()))

import geodl_app.cli
step("command line and model imported")
# As main() does for a start of the window (no command).
args = geodl_app.cli.parse_window_args([]) or geodl_app.cli.build_parser().parse_args([])
step("arguments parsed")
from geodl_app import program
conference = program.load_bundled()
step("bundled programme read (trusted, not checked again)")
from PySide6.QtWidgets import QApplication
step("PySide6 QtWidgets imported")
from geodl_app import app
application = app._make_application(sys.argv[:1])
step("QApplication created")
from geodl_app.ui import companion
step("window modules imported")
window = app.build_main_window(conference, persist=False)
step("window and plan built")
from PySide6.QtCore import QEvent, QObject, QTimer
class Watcher(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and steps[-1][0] != "first paint":
            step("shown, first paint begins")
            QTimer.singleShot(0, application.quit)
        return False
watcher = Watcher()
(window.centralWidget() or window).installEventFilter(watcher)
window.show()
application.exec()
step("first paint done")
previous = started
out = []
for name, moment in steps:
    out.append([name, (moment - previous) * 1000])
    previous = moment
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    order: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        for _ in range(args.repeats):
            result = subprocess.run(
                [sys.executable, "-c", CHILD],
                capture_output=True,
                text=True,
                env=env,
                cwd=REPO,
                check=True,
            )
            for name, ms in json.loads(result.stdout.strip().splitlines()[-1]):
                if name not in samples:
                    order.append(name)
                samples.setdefault(name, []).append(ms)
    rows = [[name, f"{statistics.median(samples[name]):.0f} ms"] for name in order]
    total = sum(statistics.median(samples[name]) for name in order)
    rows.append(["sum of the medians (after the interpreter started)", f"{total:.0f} ms"])
    print_table(rows, ["step", "median"])


if __name__ == "__main__":
    main()
