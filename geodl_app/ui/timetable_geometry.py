"""The timetable's geometry: minutes and rooms turned into pixels (no widget here).

:func:`compute_geometry` gives the scale, the column widths and where each
shown day starts for a layout, a zoom and a width; :func:`content_rects` gives
each block's rectangle. The widget (:mod:`geodl_app.ui.timetable`) keeps the
result until the layout, zoom, day shown or width change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics

from geodl_app.layout import TimetableLayout
from geodl_app.model import Event

# Pixels per minute at zoom 1: a 40-minute talk is 60 px, room for three lines.
BASE_PIXELS_PER_MINUTE = 1.5
# The scale at zoom 1 grows to fit the shortest items up to this (see
# Timetable._base_pixels_per_minute); items under SHORTEST_COUNTED_MINUTES
# (zero-length markers) do not count.
MAX_BASE_PIXELS_PER_MINUTE = 3.2
SHORTEST_COUNTED_MINUTES = 5
# The narrowest a room's column gets, in average characters of the font.
MIN_COLUMN_CHARS = 26


# Records here are NamedTuples, not dataclasses: each frozen dataclass compiles its
# methods when the module is imported, ~0.4 ms of every start on Python 3.11.
class Geometry(NamedTuple):
    """Pixel geometry for the current layout, zoom and width."""

    axis_width: int
    header_height: int
    pixels_per_minute: float
    column_width: float
    day_x: tuple[float, ...]  # left edge of each shown day, in content coordinates
    shown_days: tuple[int, ...]
    content_width: int
    content_height: int


def compute_geometry(
    layout: TimetableLayout,
    zoom: float,
    day_filter: int,
    viewport_width: int,
    metrics: QFontMetrics,
    small_line: int,
    base_ppm: float | None = None,
) -> Geometry:
    """The geometry of *layout* at *zoom*, showing *day_filter* (-1: all days) in
    *viewport_width* pixels; *metrics* are the widget font's, *small_line* the
    height of a line of the blocks' small text, *base_ppm* the scale at zoom 1 (default:
    from the layout's own items; the timetable gives the whole program's)."""
    axis_width = metrics.horizontalAdvance("00:00") + 18
    multi_room = any(len(d.columns) > 1 for d in layout.days)
    header_height = metrics.height() * (2 if multi_room else 1) + 14
    if base_ppm is None:
        base_ppm = base_pixels_per_minute((p.event for p in layout.placements()), small_line)
    pixels_per_minute = base_ppm * zoom
    every_day = tuple(range(len(layout.days)))
    shown: tuple[int, ...] = (day_filter,) if day_filter >= 0 else every_day
    columns = [max(1, len(layout.days[i].columns)) for i in shown]
    available = max(1, viewport_width - axis_width)
    # A room's column is never narrower than a readable title line; with
    # thirty rooms and more the grid scrolls sideways instead (the room
    # headings and the time axis stay in place).
    min_column = metrics.averageCharWidth() * MIN_COLUMN_CHARS
    # Rooms with many overlapping items get wider so each lane keeps a few words.
    lanes = max((p.lanes for p in layout.placements()), default=1)
    min_column = min(max(min_column, lanes * metrics.averageCharWidth() * 9), 3 * min_column)
    column_width = max(min_column, available / max(1, sum(columns)))
    day_x: list[float] = []
    x = 0.0
    for count in columns:
        day_x.append(x)
        x += count * column_width
    content_height = round(layout.axis_minutes * pixels_per_minute) + 8
    return Geometry(
        axis_width,
        header_height,
        pixels_per_minute,
        column_width,
        tuple(day_x),
        shown,
        int(x),
        content_height,
    )


def base_pixels_per_minute(events: Iterable[Event], small_line: int) -> float:
    """Pixels per minute at zoom 1: :data:`BASE_PIXELS_PER_MINUTE`, or more when
    the program's shortest items (lightning talks of five minutes) would be
    drawn shorter than a line of their text: the scale follows the shortest
    item, so each one still shows its title (up to :data:`MAX_BASE_PIXELS_PER_MINUTE`)."""
    line = small_line + 2
    shortest = min(
        (
            e.duration.total_seconds() / 60
            for e in events
            if e.duration is not None
            and e.duration.total_seconds() >= SHORTEST_COUNTED_MINUTES * 60
        ),
        default=None,
    )
    if shortest is None or shortest * BASE_PIXELS_PER_MINUTE >= 0.8 * line:
        return BASE_PIXELS_PER_MINUTE
    return min(MAX_BASE_PIXELS_PER_MINUTE, line / shortest)


def content_rects(
    layout: TimetableLayout, geometry: Geometry, small_line: int
) -> dict[str, QRectF]:
    """Block rectangles in content coordinates (0,0 = top left of the grid)."""
    min_height = float(small_line)
    rects: dict[str, QRectF] = {}
    for slot, day_index in enumerate(geometry.shown_days):
        left = geometry.day_x[slot]
        for placement in layout.days[day_index].placements:
            lane_width = geometry.column_width / placement.lanes
            x = left + placement.column * geometry.column_width + placement.lane * lane_width
            y = placement.top * geometry.pixels_per_minute
            # At least one line of small text: a five-minute lightning talk keeps its title.
            height = max(placement.height * geometry.pixels_per_minute - 2, min_height)
            rects[placement.id] = QRectF(x + 2, y + 1, max(lane_width - 4, 6.0), height)
    return rects
