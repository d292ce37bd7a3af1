"""How long the timetable takes to build and repaint for a FOSDEM-sized program.

Run from the repository root: QT_QPA_PLATFORM=offscreen python benchmarks/timetable_paint.py
Uses the synthetic 1,000 events in 100 rooms of layout_speed.py; only the
blocks in view are painted, so a repaint should cost about the same as for a
small program.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout_speed import synthetic_events
from PySide6.QtWidgets import QApplication

from geodl_app.model import Conference
from geodl_app.program import load_bundled
from geodl_app.ui.timetable import Timetable


def measure(conference: Conference, label: str) -> None:
    started = time.perf_counter()
    widget = Timetable(conference)
    widget.resize(1366, 700)
    widget.show()
    QApplication.processEvents()
    built = (time.perf_counter() - started) * 1000
    times = []
    for step in range(15):
        bar = widget.horizontalScrollBar()
        bar.setValue(bar.maximum() * step // 15)
        started = time.perf_counter()
        widget.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    zoom_started = time.perf_counter()
    widget.zoom_in()
    widget.viewport().repaint()
    zoomed = (time.perf_counter() - zoom_started) * 1000
    print(
        f"{label}: built and shown {built:.0f} ms, repaint median {statistics.median(times):.1f} ms"
        f" (max {max(times):.1f}), zoom + repaint {zoomed:.1f} ms"
    )
    widget.close()


def main() -> None:
    application = QApplication.instance() or QApplication(sys.argv[:1])
    measure(load_bundled(), "GDL 2024 (25 items)")
    events = synthetic_events()
    big = Conference(
        id="synthetic",
        name="Synthetic FOSDEM-sized program",
        first_day=min(e.start for e in events).date(),
        last_day=max(e.start for e in events).date(),
        timezone="Europe/Brussels",
        events=events,
    )
    measure(big, "1,000 events in 100 rooms")
    del application


if __name__ == "__main__":
    main()
