"""A big programme: the made-up CCC-style congress of 90 rooms and ~1,400 items.

7. Opening it (load, layout, first paint, a whole process with --smoke-test)
   against the bundled programme. Goal: under +300 ms.
8. Scrolling a full screen sideways and down, in steps of a tenth of a screen:
   each step's time from the scroll to the repainted timetable (median and
   slowest), at 1366x768. Goal: median under 16 ms.
9. Filtering to one track (and back to all): from the choice to the repainted
   timetable. Goal: median under 16 ms.

    .venv/bin/python benchmarks/bench_bigprog.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ccc_programme
from _common import alternate, child_env, median_ms, print_table, time_until_exit

STEPS = 10  # a screen in tenths


def open_and_paint(repeats: int) -> tuple[float, float]:
    """Median ms to a painted window: (the bundled programme, the congress)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        program = ccc_programme.write(folder / "ccc.json")
        env = child_env(folder / "data")
        app = ["geodl_app", "--smoke-test"]
        big = ["geodl_app", "--program", str(program), "--smoke-test"]
        time_until_exit(big, env)  # warm the file cache once
        samples = alternate(
            {
                "bundled": lambda: time_until_exit(app, env)[0],
                "ccc": lambda: time_until_exit(big, env)[0],
            },
            repeats,
        )
    return median_ms(samples["bundled"]), median_ms(samples["ccc"])


def _window():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from geodl_app.program import load_program
    from geodl_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        conference = load_program(ccc_programme.write(Path(tmp) / "ccc.json"))
    window = MainWindow(conference, restore=False, persist=False)
    window.resize(1366, 768)
    window.show()
    settle = time.perf_counter() + 1.0
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)
    return app, window


def _until_painted(app, widget, action: Callable[[], None]) -> float:  # type: ignore[no-untyped-def]
    """Seconds from *action* to *widget*'s next paint."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    started = time.perf_counter()
    action()
    while not painted:
        app.processEvents()
        if time.perf_counter() - started > 5:
            raise RuntimeError("the timetable was not repainted")
    elapsed = time.perf_counter() - started
    widget.removeEventFilter(watch)
    return elapsed


def scroll_and_filter(rounds: int = 3) -> tuple[list[float], list[float], list[float]]:
    """Seconds per frame scrolling sideways, downwards, and per track filter."""
    app, window = _window()
    timetable = window.timetable
    viewport = timetable.viewport()
    sideways: list[float] = []
    down: list[float] = []
    for _ in range(rounds):
        for bar, samples in (
            (timetable.horizontalScrollBar(), sideways),
            (timetable.verticalScrollBar(), down),
        ):
            step = max(1, bar.pageStep() // STEPS)
            start = bar.value()
            for n in range(1, STEPS + 1):
                value = min(bar.maximum(), start + n * step)
                samples.append(_until_painted(app, viewport, lambda b=bar, v=value: b.setValue(v)))
            bar.setValue(start)
            app.processEvents()
    tracks = window.conference.tracks
    filters: list[float] = []
    for n in range(rounds * 2):
        track = tracks[n % len(tracks)]
        filters.append(_until_painted(app, viewport, lambda t=track: window.set_track_filter([t])))
        filters.append(_until_painted(app, viewport, lambda: window.set_track_filter(None)))
    window.close()
    app.processEvents()
    return sideways, down, filters


def _frames(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples) * 1000, max(samples) * 1000


def rows(repeats: int = 5) -> list[list[str]]:
    table: list[list[str]] = []
    sideways, down, filters = scroll_and_filter()
    h_median, h_worst = _frames(sideways)
    v_median, v_worst = _frames(down)
    f_median, f_worst = _frames(filters)
    table.append(
        [
            "8. scroll the 90-room congress a screen sideways and down",
            f"sideways median {h_median:.1f} ms (slowest {h_worst:.1f}), "
            f"down median {v_median:.1f} ms (slowest {v_worst:.1f}), "
            f"{len(sideways) + len(down)} frames",
            "median < 16 ms",
            "met" if max(h_median, v_median) < 16 else "MISSED",
        ]
    )
    table.append(
        [
            "9. filter the 90-room congress to one track and back",
            f"median {f_median:.1f} ms, slowest {f_worst:.1f} ms over {len(filters)}",
            "median < 16 ms",
            "met" if f_median < 16 else "MISSED",
        ]
    )
    bundled, ccc = open_and_paint(repeats)
    extra = ccc - bundled
    table.append(
        [
            "7. open the 90-room congress, 1,382 items (load, layout, first paint)",
            f"{ccc:.0f} ms, {extra:+.0f} ms against the bundled program",
            "< +300 ms",
            "met" if extra < 300 else "MISSED",
        ]
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per start-up figure")
    args = parser.parse_args()
    print_table(rows(args.repeats), ["benchmark", "measured", "goal", "verdict"])


if __name__ == "__main__":
    main()
