"""The timetable: every day side by side as columns, each item a painted block.

The positions come from :mod:`geodl_app.layout`; this widget only turns
minutes into pixels, paints what is visible and turns mouse and keys into
signals. It holds no business rules: stars and clashes are handed to it with
:meth:`Timetable.set_marks`, search results with :meth:`Timetable.set_highlight`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QStaticText,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QToolTip, QWidget

from geodl_app import clock, wording
from geodl_app.layout import Direction, Placement, TimetableLayout, layout_conference, neighbour
from geodl_app.model import Conference, Event
from geodl_app.tracks import conference_track_colours
from geodl_app.ui import block_text
from geodl_app.ui.palette import (
    ALERT_COLOUR,
    BADGE_INK,
    STAR_COLOUR,
    Theme,
    block_colours,
    mix,
)
from geodl_app.ui.palette import muted as muted_ink
from geodl_app.ui_state import MAX_ZOOM, MIN_ZOOM

if TYPE_CHECKING:
    from PySide6.QtGui import QContextMenuEvent

# Pixels per minute at zoom 1: a 40-minute talk is 60 px, room for three lines.
BASE_PIXELS_PER_MINUTE = 1.5
# The scale at zoom 1 grows to fit the shortest items up to this (see
# Timetable._base_pixels_per_minute); items under SHORTEST_COUNTED_MINUTES
# (zero-length markers) do not count.
MAX_BASE_PIXELS_PER_MINUTE = 3.2
SHORTEST_COUNTED_MINUTES = 5
ZOOM_STEP = 1.25
STAR = "★"
HOLLOW_STAR = "☆"
# The narrowest a room's column gets, in average characters of the font.
MIN_COLUMN_CHARS = 26
# Narrower than this beside the star and clash badge, a block's text goes below them.
MIN_TEXT_BESIDE_MARKS = 60
# Narrower than this, a block is drawn as a bare rectangle: no letter would fit.
MIN_TEXT_WIDTH = 12


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Pixel geometry for the current layout, zoom and width."""

    axis_width: int
    header_height: int
    pixels_per_minute: float
    column_width: float
    day_x: tuple[float, ...]  # left edge of each shown day, in content coordinates
    shown_days: tuple[int, ...]
    content_width: int
    content_height: int


class Timetable(QAbstractScrollArea):
    """All days of the program as columns, with a time axis on the left."""

    selection_changed = Signal(str)  # an event id, or "" for none
    activated = Signal(str)  # Enter or double-click: read this item
    open_beside_requested = Signal(str)  # Ctrl+click, Ctrl+Enter, context menu
    star_toggle_requested = Signal(str)  # the star on a block, Space, context menu
    edit_requested = Signal(str)  # an own appointment: double-click, context menu
    reminder_toggle_requested = Signal(str)  # "Remind me" in a planned item's context menu
    zoom_changed = Signal(float)
    day_filter_changed = Signal(int)  # the day shown alone, or -1 for all

    def __init__(self, conference: Conference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here rather than the one Qt made: the first time
        # PySide6 6.11 was handed a widget it did not create (viewport()), it
        # built the Python classes of dozens of unrelated widget classes,
        # apparently to find the widget's type: about 80 enums, 25 ms before
        # the first paint. The default viewport is this same plain QWidget.
        self.setViewport(QWidget(self))
        self.setObjectName("timetable")
        self.setAccessibleName("Timetable")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._conference = conference
        # From the whole program, once: a filtered copy must not repaint the tracks.
        self._track_colours = conference_track_colours(conference)
        self._program_events = conference.events
        self._personal: tuple[Event, ...] = ()
        self._layout: TimetableLayout = layout_conference(conference)
        self._zoom = 1.0
        self._day_filter = -1
        self._selected = ""
        self._hovered = ""
        self._starred: frozenset[str] = frozenset()
        self._silent: frozenset[str] = frozenset()  # planned items without a reminder
        self._clashing: frozenset[str] = frozenset()
        self._partners: dict[str, list[str]] = {}
        self._highlight: frozenset[str] | None = None
        self._geometry: _Geometry | None = None
        self._rects: dict[str, QRectF] = {}
        self._base_ppm: float | None = None
        self._text_cache: dict[tuple[str, int, int, bool], list] = {}
        self._font_cache: dict[str, QFont] = {}
        self._heading_cache: dict[tuple[str, int], str] = {}  # (room, width) -> elided
        self._now_timer = QTimer(self)
        self._now_timer.setInterval(60_000)
        self._now_timer.timeout.connect(self.viewport().update)
        self._now_timer.start()

    # ----------------------------------------------------------- public API

    @property
    def conference(self) -> Conference:
        return self._conference

    @property
    def layout_model(self) -> TimetableLayout:
        return self._layout

    def set_conference(self, conference: Conference) -> None:
        self._conference = conference
        self._selected = ""
        self._relayout()

    def set_personal_items(self, events: Iterable[Event]) -> None:
        """Show the attendee's own appointments beside the program items."""
        self._personal = tuple(events)
        self._relayout()

    def set_marks(self, starred: set[str], clashing: set[str]) -> None:
        """Which items carry a star, and which a clash badge."""
        self._starred = frozenset(starred)
        self._clashing = frozenset(clashing)
        self._update_blocks()

    def set_reminders_off(self, ids: set[str] | frozenset[str]) -> None:
        """The planned items whose reminder is switched off (for the context menu)."""
        self._silent = frozenset(ids)

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None:
        """What each clashing item clashes with, in words, for its tooltip."""
        self._partners = partners

    def track_colours(self) -> dict[str, str]:
        """Each track's colour ('#rrggbb'), as the blocks are painted."""
        return dict(self._track_colours)

    def is_starred(self, event_id: str) -> bool:
        return event_id in self._starred

    def set_highlight(self, ids: set[str] | None) -> None:
        """Highlight these items and dim the rest; None shows all items normally."""
        self._highlight = None if ids is None else frozenset(ids)
        self._update_blocks()

    def is_dimmed(self, event_id: str) -> bool:
        return self._highlight is not None and event_id not in self._highlight

    def selected_id(self) -> str:
        return self._selected

    def select(self, event_id: str, *, scroll: bool = True) -> None:
        """Select an item (or "" for none) and tell listeners."""
        if event_id and self._layout.find(event_id) is None:
            return
        if event_id and self._day_filter >= 0:
            placement = self._layout.find(event_id)
            if placement is not None and placement.day_index != self._day_filter:
                self.set_day_filter(placement.day_index)
        changed = event_id != self._selected
        self._selected = event_id
        if scroll and event_id:
            self.ensure_visible(event_id)
        self._update_accessible_description()
        self._update_blocks()
        if changed:
            self.selection_changed.emit(event_id)

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float, anchor_y: float | None = None) -> None:
        """Zoom the time axis, keeping the minute at viewport *anchor_y* in place."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        if abs(zoom - self._zoom) < 1e-9:
            return
        geometry = self._current_geometry()
        if anchor_y is None:
            anchor_y = self.viewport().height() / 2
        minute = (self.verticalScrollBar().value() + anchor_y - geometry.header_height) / (
            geometry.pixels_per_minute
        )
        self._zoom = zoom
        self._invalidate()
        geometry = self._current_geometry()
        self.verticalScrollBar().setValue(
            round(minute * geometry.pixels_per_minute - anchor_y + geometry.header_height)
        )
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def day_filter(self) -> int:
        return self._day_filter

    def set_day_filter(self, day_index: int) -> None:
        """Show only day *day_index* (for small screens), or all days with -1."""
        if not -1 <= day_index < len(self._layout.days):
            day_index = -1
        if day_index == self._day_filter:
            return
        self._day_filter = day_index
        self._invalidate()
        if day_index >= 0:
            self.show_day_start(day_index)
        self.day_filter_changed.emit(day_index)

    def now(self) -> datetime | None:
        """The current time in the conference's zone; None if GEODL_APP_NOW is bad."""
        try:
            return clock.now(self._conference.zone)
        except clock.ClockError:
            return None

    def now_position(self) -> tuple[int, float] | None:
        """(day index, grid minute) of the current time, if it is on the grid."""
        moment = self.now()
        if moment is None:
            return None
        for index in range(len(self._layout.days)):
            minute = self._layout.minutes_at(index, moment, self._conference.zone)
            if minute is not None:
                return index, minute
        return None

    def jump_to_now(self) -> bool:
        """Scroll to the "now" line; False when the clock is outside the conference."""
        position = self.now_position()
        if position is None:
            return False
        day_index, minute = position
        if self._day_filter >= 0:
            self.set_day_filter(day_index)
        geometry = self._current_geometry()
        y = minute * geometry.pixels_per_minute
        self.verticalScrollBar().setValue(round(y - self.viewport().height() / 3))
        if day_index in geometry.shown_days:
            x = geometry.day_x[geometry.shown_days.index(day_index)]
            self.horizontalScrollBar().setValue(round(x))
        return True

    def show_day_start(self, day_index: int | None = None) -> None:
        """Scroll to now if it falls on the day, else to the day's first item.

        *day_index* None: now if the conference is running, else the first
        item of the days in view (a congress running past midnight has a grid
        from 00:00, and its first day opened on an empty midnight).
        """
        position = self.now_position()
        if day_index is None and position is not None:
            self.jump_to_now()
            return
        if day_index is not None and position is not None and position[0] == day_index:
            self.jump_to_now()
            return
        geometry = self._current_geometry()
        if day_index is None:
            days = self._days_in_view(geometry)
        elif 0 <= day_index < len(self._layout.days):
            days = [day_index]
            if day_index in geometry.shown_days:
                x = geometry.day_x[geometry.shown_days.index(day_index)]
                self.horizontalScrollBar().setValue(round(x))
        else:
            return
        tops = [
            self._layout.days[d].placements[0].top for d in days if self._layout.days[d].placements
        ]
        if tops:
            # A little of the time before, so the first item does not stick to the heading.
            y = max(0.0, min(tops) - 15) * geometry.pixels_per_minute
            self.verticalScrollBar().setValue(round(y))

    def _days_in_view(self, geometry: _Geometry) -> list[int]:
        left = self.horizontalScrollBar().value()
        right = left + self.viewport().width() - geometry.axis_width
        days = []
        for slot, day_index in enumerate(geometry.shown_days):
            start = geometry.day_x[slot]
            width = len(self._layout.days[day_index].columns) * geometry.column_width
            if start < right and start + width > left:
                days.append(day_index)
        return days

    def block_rect(self, event_id: str) -> QRect:
        """The block's rectangle in viewport coordinates (empty if not shown)."""
        rect = self._content_rects().get(event_id)
        if rect is None:
            return QRect()
        return self._to_viewport(rect).toAlignedRect()

    def event_at(self, point: QPoint) -> str:
        """The id of the block under a viewport point, or ""."""
        geometry = self._current_geometry()
        if point.x() < geometry.axis_width or point.y() < geometry.header_height:
            return ""
        content = self._to_content(QPointF(point))
        for event_id, rect in reversed(self._content_rects().items()):
            if rect.contains(content):
                return event_id
        return ""

    def ensure_visible(self, event_id: str) -> None:
        rect = self._content_rects().get(event_id)
        if rect is None:
            return
        geometry = self._current_geometry()
        view_w = self.viewport().width() - geometry.axis_width
        view_h = self.viewport().height() - geometry.header_height
        h_bar, v_bar = self.horizontalScrollBar(), self.verticalScrollBar()
        margin = 12
        if rect.top() - margin < v_bar.value():
            v_bar.setValue(round(rect.top() - margin))
        elif rect.bottom() + margin > v_bar.value() + view_h:
            v_bar.setValue(round(min(rect.top() - margin, rect.bottom() + margin - view_h)))
        if rect.left() < h_bar.value():
            h_bar.setValue(round(rect.left() - margin))
        elif rect.right() > h_bar.value() + view_w:
            h_bar.setValue(round(rect.right() + margin - view_w))

    def reveal_one_of(self, event_ids: list[str]) -> None:
        """Scroll to the first of *event_ids* unless one of them is in view already."""
        rects = self._content_rects()
        shown = [rects[i] for i in event_ids if i in rects]
        if not shown:
            return
        geometry = self._current_geometry()
        visible = QRectF(
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
            self.viewport().width() - geometry.axis_width,
            self.viewport().height() - geometry.header_height,
        )
        if any(rect.intersects(visible) for rect in shown):
            return
        first = next(i for i in event_ids if i in rects)
        self.ensure_visible(first)

    def accessible_label(self, event_id: str) -> str:
        event = self._event(event_id)
        if event is None:
            return ""
        text = wording.accessible_label(event, self._conference.zone)
        if event_id in self._starred:
            text += ", starred"
        if event_id in self._clashing:
            text += ", " + "; ".join(
                self._partners.get(event_id) or ["clashes with another starred item"]
            )
        return text

    # ------------------------------------------------------------- geometry

    def _event(self, event_id: str) -> Event | None:
        placement = self._layout.find(event_id)
        return placement.event if placement else None

    def _relayout(self) -> None:
        self._layout = layout_conference(self._conference, self._personal)
        if self._selected and self._layout.find(self._selected) is None:
            self._selected = ""
            self.selection_changed.emit("")
        self._invalidate()

    def _invalidate(self) -> None:
        self._geometry = None
        self._rects = {}
        self._text_cache = {}
        self._font_cache = {}
        self._heading_cache = {}
        self._update_scroll_bars()
        self.viewport().update()

    def _current_geometry(self) -> _Geometry:
        if self._geometry is None:
            self._geometry = self._compute_geometry()
        return self._geometry

    def _compute_geometry(self) -> _Geometry:
        metrics = self.fontMetrics()
        axis_width = metrics.horizontalAdvance("00:00") + 18
        multi_room = any(len(d.columns) > 1 for d in self._layout.days)
        header_height = metrics.height() * (2 if multi_room else 1) + 14
        pixels_per_minute = self._base_pixels_per_minute() * self._zoom
        if self._day_filter >= 0:
            shown = (self._day_filter,)
        else:
            shown = tuple(range(len(self._layout.days)))
        columns = [max(1, len(self._layout.days[i].columns)) for i in shown]
        available = max(1, self.viewport().width() - axis_width)
        # A room's column is never narrower than a readable title line; with
        # thirty rooms and more the grid scrolls sideways instead (the room
        # headings and the time axis stay in place).
        min_column = metrics.averageCharWidth() * MIN_COLUMN_CHARS
        # Rooms with many overlapping items get wider so each lane keeps a few words.
        lanes = max((p.lanes for p in self._layout.placements()), default=1)
        min_column = min(max(min_column, lanes * metrics.averageCharWidth() * 9), 3 * min_column)
        column_width = max(min_column, available / max(1, sum(columns)))
        day_x: list[float] = []
        x = 0.0
        for count in columns:
            day_x.append(x)
            x += count * column_width
        content_height = round(self._layout.axis_minutes * pixels_per_minute) + 8
        return _Geometry(
            axis_width,
            header_height,
            pixels_per_minute,
            column_width,
            tuple(day_x),
            shown,
            int(x),
            content_height,
        )

    def _base_pixels_per_minute(self) -> float:
        # Worked out from the whole program once (and again if the font changes):
        # a filter must not change the scale, and it walks every item.
        if self._base_ppm is None:
            self._base_ppm = self._work_out_base_pixels_per_minute()
        return self._base_ppm

    def _work_out_base_pixels_per_minute(self) -> float:
        """Pixels per minute at zoom 1: :data:`BASE_PIXELS_PER_MINUTE`, or more when
        the program's shortest items (lightning talks of five minutes) would be
        drawn shorter than a line of their text: the scale follows the shortest
        item, so each one still shows its title (up to :data:`MAX_BASE_PIXELS_PER_MINUTE`)."""
        line = QFontMetrics(self._fonts()["small"]).height() + 2
        shortest = min(
            (
                e.duration.total_seconds() / 60
                for e in self._program_events
                if e.duration is not None
                and e.duration.total_seconds() >= SHORTEST_COUNTED_MINUTES * 60
            ),
            default=None,
        )
        if shortest is None or shortest * BASE_PIXELS_PER_MINUTE >= 0.8 * line:
            return BASE_PIXELS_PER_MINUTE
        return min(MAX_BASE_PIXELS_PER_MINUTE, line / shortest)

    def _content_rects(self) -> dict[str, QRectF]:
        """Block rectangles in content coordinates (0,0 = top left of the grid)."""
        if self._rects:
            return self._rects
        geometry = self._current_geometry()
        min_height = float(QFontMetrics(self._fonts()["small"]).height())
        rects: dict[str, QRectF] = {}
        for slot, day_index in enumerate(geometry.shown_days):
            left = geometry.day_x[slot]
            for placement in self._layout.days[day_index].placements:
                lane_width = geometry.column_width / placement.lanes
                x = left + placement.column * geometry.column_width + placement.lane * lane_width
                y = placement.top * geometry.pixels_per_minute
                # At least one line of small text: a five-minute lightning talk keeps its title.
                height = max(placement.height * geometry.pixels_per_minute - 2, min_height)
                rects[placement.id] = QRectF(x + 2, y + 1, max(lane_width - 4, 6.0), height)
        self._rects = rects
        return rects

    def _origin(self) -> QPointF:
        geometry = self._current_geometry()
        return QPointF(
            geometry.axis_width - self.horizontalScrollBar().value(),
            geometry.header_height - self.verticalScrollBar().value(),
        )

    def _to_viewport(self, rect: QRectF) -> QRectF:
        return rect.translated(self._origin())

    def _to_content(self, point: QPointF) -> QPointF:
        return point - self._origin()

    def _update_scroll_bars(self) -> None:
        geometry = self._current_geometry()
        view_w = self.viewport().width() - geometry.axis_width
        view_h = self.viewport().height() - geometry.header_height
        h_bar, v_bar = self.horizontalScrollBar(), self.verticalScrollBar()
        h_bar.setRange(0, max(0, geometry.content_width - view_w))
        h_bar.setPageStep(max(1, view_w))
        h_bar.setSingleStep(max(1, round(geometry.column_width / 4)))
        v_bar.setRange(0, max(0, geometry.content_height - view_h))
        v_bar.setPageStep(max(1, view_h))
        v_bar.setSingleStep(max(1, round(15 * geometry.pixels_per_minute)))

    def _star_rect(self, block: QRectF) -> QRectF:
        size = min(20.0, block.height(), block.width() / 3)
        return QRectF(block.right() - size - 1, block.top() + 1, size, size)

    def _update_accessible_description(self) -> None:
        label = self.accessible_label(self._selected) if self._selected else "nothing selected"
        self.setAccessibleDescription(label)

    # -------------------------------------------------------------- events

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() == event.oldSize().width():
            # Only the width sets the columns: a change of height (the search
            # results opening above) moves no block and changes no text in
            # one, so nothing is laid out again; only the scroll range changes.
            self._update_scroll_bars()
            self.viewport().update()
            return
        self._invalidate()

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().changeEvent(event)
        self._base_ppm = None  # the font may have changed
        self._invalidate()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def _update_blocks(self) -> None:
        """Repaint the items only: a star, a search or the selection leaves the
        day and room headings and the hour axis as they were (with FOSDEM's
        hundred rooms, the headings were a third of each search keystroke)."""
        geometry = self._current_geometry()
        viewport = self.viewport()
        viewport.update(
            geometry.axis_width,
            geometry.header_height,
            max(0, viewport.width() - geometry.axis_width),
            max(0, viewport.height() - geometry.header_height),
        )

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 200)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position().toPoint()
        event_id = self.event_at(point)
        if not event_id:
            return
        block = self._to_viewport(self._content_rects()[event_id])
        if self._star_rect(block).contains(QPointF(point)):
            self.select(event_id, scroll=False)
            self.star_toggle_requested.emit(event_id)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Opened beside, leaving the selection (and the pane following it) alone.
            self.open_beside_requested.emit(event_id)
            return
        self.select(event_id, scroll=False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # Selection happens on press; the release is ours too (no drag gestures).
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event_id = self.event_at(event.position().toPoint())
        if not event_id:
            return
        placement = self._layout.find(event_id)
        if placement is not None and placement.personal:
            self.edit_requested.emit(event_id)
        else:
            self.activated.emit(event_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hovered = self.event_at(event.position().toPoint())
        if hovered != self._hovered:
            self._hovered = hovered
            self._update_blocks()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._hovered = ""
        self._update_blocks()
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Imported here: the class costs 4 ms of start-up and only a menu needs it.
        from PySide6.QtGui import QContextMenuEvent

        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The menu key acts on the selection, wherever the mouse is.
            event_id = self._selected
            if not event_id:
                return
            rect = self.block_rect(event_id)
            position = self.viewport().mapToGlobal(rect.topLeft() + QPoint(8, 8))
        else:
            event_id = self.event_at(self.viewport().mapFrom(self, event.pos()))
            position = event.globalPos()
        if not event_id:
            return
        self.select(event_id, scroll=False)
        menu = self._context_menu(event_id)
        menu.exec(position)
        menu.deleteLater()

    def _context_menu(self, event_id: str) -> QMenu:
        menu = QMenu(self)
        open_here = menu.addAction("Open")
        open_here.triggered.connect(lambda: self.activated.emit(event_id))
        beside = menu.addAction("Open beside")
        beside.setShortcut(QKeySequence("Ctrl+Return"))
        beside.triggered.connect(lambda: self.open_beside_requested.emit(event_id))
        placement = self._layout.find(event_id)
        if placement is not None and placement.personal:
            menu.addSeparator()
            edit = menu.addAction("Edit appointment…")
            edit.triggered.connect(lambda: self.edit_requested.emit(event_id))
        if placement is not None and not placement.personal:
            menu.addSeparator()
            star = menu.addAction("Remove star" if event_id in self._starred else "Star")
            star.setShortcut(QKeySequence(Qt.Key.Key_Space))
            star.triggered.connect(lambda: self.star_toggle_requested.emit(event_id))
        if placement is not None and (placement.personal or event_id in self._starred):
            remind = menu.addAction("Remind me")
            remind.setCheckable(True)
            remind.setChecked(event_id not in self._silent)
            remind.setToolTip("A reminder before it starts (the lead is in Preferences)")
            remind.triggered.connect(lambda: self.reminder_toggle_requested.emit(event_id))
        return menu

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self._zoom * ZOOM_STEP**steps, anchor_y=event.position().y())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        directions = {
            Qt.Key.Key_Up: Direction.UP,
            Qt.Key.Key_Down: Direction.DOWN,
            Qt.Key.Key_Left: Direction.LEFT,
            Qt.Key.Key_Right: Direction.RIGHT,
        }
        if key in directions and not control:
            target = neighbour(self._visible_layout(), self._selected or None, directions[key])
            if target:
                self.select(target)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            if control:
                self.open_beside_requested.emit(self._selected)
            else:
                self.activated.emit(self._selected)
            return
        if key == Qt.Key.Key_Space and self._selected:
            placement = self._layout.find(self._selected)
            if placement is not None and not placement.personal:
                self.star_toggle_requested.emit(self._selected)
            return
        if control and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
            return
        if control and key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
            return
        if control and key == Qt.Key.Key_0:
            self.reset_zoom()
            return
        super().keyPressEvent(event)

    def _visible_layout(self) -> TimetableLayout:
        if self._day_filter < 0:
            return self._layout
        day = self._layout.days[self._day_filter]
        # Navigation stays inside the one day shown.
        return TimetableLayout((day,), self._layout.axis_start, self._layout.axis_end)

    def viewportEvent(self, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            event_id = self.event_at(event.pos())
            if event_id:
                QToolTip.showText(event.globalPos(), self._tooltip(event_id), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, event_id: str) -> str:
        placement = self._layout.find(event_id)
        if placement is None:
            return ""
        event = placement.event
        zone = self._conference.zone
        lines = [f"<b>{html.escape(event.title)}</b>"]
        if event.speakers:
            lines.append(html.escape(", ".join(event.speakers)))
        when = f"{wording.day_heading(event.start.astimezone(zone).date())}, "
        when += wording.time_range(event, zone)
        if event.end is None:
            when += " (no end given)"
        lines.append(html.escape(when))
        if event.room:
            lines.append(html.escape(event.room))
        if placement.personal:
            lines.append("<i>your own appointment</i>")
        if event_id in self._clashing:
            for partner in self._partners.get(event_id) or ["clashes with another starred item"]:
                lines.append(f"<i>{html.escape(partner)}</i>")
        return "<br>".join(lines)

    # ------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        geometry = self._current_geometry()
        width, height = self.viewport().width(), self.viewport().height()
        exposed = QRectF(event.rect())
        painter.fillRect(exposed, palette.color(QPalette.ColorRole.Base))
        grid_area = QRectF(
            geometry.axis_width,
            geometry.header_height,
            width - geometry.axis_width,
            height - geometry.header_height,
        ).intersected(exposed)
        origin = self._origin()

        painter.save()
        painter.setClipRect(grid_area)
        self._paint_grid_lines(painter, geometry, origin, width)
        visible = grid_area.translated(-origin.x(), -origin.y())
        rects = self._content_rects()
        for slot, day_index in enumerate(geometry.shown_days):
            left = geometry.day_x[slot]
            day_width = len(self._layout.days[day_index].columns) * geometry.column_width
            if left > visible.right() or left + day_width < visible.left():
                continue
            for placement in self._layout.days[day_index].placements:
                rect = rects[placement.id]
                if rect.intersects(visible):
                    self._paint_block(painter, placement, rect.translated(origin))
        self._paint_now_line(painter, geometry, origin)
        painter.restore()

        if exposed.top() < geometry.header_height:
            self._paint_header(painter, geometry, origin, width)
        if exposed.left() < geometry.axis_width:
            self._paint_axis(painter, geometry, origin, height)
        painter.fillRect(
            QRectF(0, 0, geometry.axis_width, geometry.header_height),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.end()

    def _paint_grid_lines(
        self, painter: QPainter, geometry: _Geometry, origin: QPointF, width: int
    ) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        hour_pen = QPen(mix(base, text, 0.18), 1)
        half_pen = QPen(mix(base, text, 0.08), 1, Qt.PenStyle.DashLine)
        right = origin.x() + geometry.content_width
        for minute in range(0, self._layout.axis_minutes + 1, 30):
            y = round(origin.y() + minute * geometry.pixels_per_minute) + 0.5
            painter.setPen(hour_pen if (self._layout.axis_start + minute) % 60 == 0 else half_pen)
            painter.drawLine(QPointF(geometry.axis_width, y), QPointF(min(width, right), y))
        day_pen = QPen(mix(base, text, 0.3), 1)
        room_pen = QPen(mix(base, text, 0.12), 1)
        bottom = origin.y() + geometry.content_height
        for slot, day_index in enumerate(geometry.shown_days):
            left = origin.x() + geometry.day_x[slot]
            columns = len(self._layout.days[day_index].columns)
            painter.setPen(room_pen)
            for column in range(1, columns):
                x = round(left + column * geometry.column_width) + 0.5
                painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, bottom))
            painter.setPen(day_pen)
            x = round(left + columns * geometry.column_width) - 0.5
            painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, bottom))

    def _paint_now_line(self, painter: QPainter, geometry: _Geometry, origin: QPointF) -> None:
        position = self.now_position()
        if position is None or position[0] not in geometry.shown_days:
            return
        day_index, minute = position
        slot = geometry.shown_days.index(day_index)
        left = origin.x() + geometry.day_x[slot]
        right = left + len(self._layout.days[day_index].columns) * geometry.column_width
        y = origin.y() + minute * geometry.pixels_per_minute
        painter.setPen(QPen(ALERT_COLOUR, 2))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setBrush(ALERT_COLOUR)
        painter.drawEllipse(QPointF(left + 3, y), 4, 4)

    def _paint_header(
        self, painter: QPainter, geometry: _Geometry, origin: QPointF, width: int
    ) -> None:
        palette = self.palette()
        painter.save()
        header = QRectF(geometry.axis_width, 0, width - geometry.axis_width, geometry.header_height)
        painter.setClipRect(header)
        painter.fillRect(header, palette.color(QPalette.ColorRole.Window))
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        line = self.fontMetrics().height()
        today = self.now_position()
        for slot, day_index in enumerate(geometry.shown_days):
            day = self._layout.days[day_index]
            left = origin.x() + geometry.day_x[slot]
            day_width = len(day.columns) * geometry.column_width
            if left > width or left + day_width < geometry.axis_width:
                continue
            # A wide multi-room day keeps its title over the part in view.
            shown_left = max(left, float(geometry.axis_width))
            shown_width = min(left + day_width, float(width)) - shown_left
            title = wording.day_heading(day.day)
            if metrics.horizontalAdvance(title) > shown_width - 8:
                title = wording.short_day(day.day)
            painter.setFont(bold)
            colour = (
                palette.color(QPalette.ColorRole.Highlight)
                if today is not None and today[0] == day_index
                else palette.color(QPalette.ColorRole.WindowText)
            )
            painter.setPen(colour)
            painter.drawText(
                QRectF(shown_left + 4, 6, shown_width - 8, line),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(title, Qt.TextElideMode.ElideRight, round(shown_width - 8)),
            )
            if len(day.columns) > 1:
                painter.setFont(self.font())
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                label_width = round(geometry.column_width - 8)
                for column, room in enumerate(day.columns):
                    x = left + column * geometry.column_width
                    if x + geometry.column_width < geometry.axis_width or x > width:
                        continue  # scrolled out of view
                    key = (room or "Everyone", label_width)
                    label = self._heading_cache.get(key)
                    if label is None:
                        label = self.fontMetrics().elidedText(
                            key[0], Qt.TextElideMode.ElideRight, label_width
                        )
                        self._heading_cache[key] = label
                    painter.drawText(
                        QRectF(x + 4, 6 + line, geometry.column_width - 8, line),
                        Qt.AlignmentFlag.AlignCenter,
                        label,
                    )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        y = geometry.header_height - 0.5
        painter.drawLine(QPointF(geometry.axis_width, y), QPointF(width, y))
        painter.restore()

    def _paint_axis(
        self, painter: QPainter, geometry: _Geometry, origin: QPointF, height: int
    ) -> None:
        palette = self.palette()
        painter.save()
        axis = QRectF(0, geometry.header_height, geometry.axis_width, height)
        painter.setClipRect(axis)
        painter.fillRect(axis, palette.color(QPalette.ColorRole.Window))
        painter.setFont(self.font())
        metrics = self.fontMetrics()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        tick_colour = mix(palette.color(QPalette.ColorRole.Window), text_colour, 0.4)
        for minute in range(0, self._layout.axis_minutes + 1, 30):
            y = origin.y() + minute * geometry.pixels_per_minute
            wall = self._layout.axis_start + minute
            if wall % 60 == 0:
                painter.setPen(text_colour)
                label = f"{(wall // 60) % 24:02d}:00"
                painter.drawText(
                    QRectF(0, y + 2, geometry.axis_width - 8, metrics.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    label,
                )
                painter.setPen(QPen(tick_colour, 1))
                painter.drawLine(
                    QPointF(geometry.axis_width - 8, y), QPointF(geometry.axis_width, y)
                )
            else:
                painter.setPen(QPen(tick_colour, 1))
                painter.drawLine(
                    QPointF(geometry.axis_width - 4, y), QPointF(geometry.axis_width, y)
                )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        x = geometry.axis_width - 0.5
        painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, height))
        painter.restore()

    def _paint_block(self, painter: QPainter, placement: Placement, rect: QRectF) -> None:
        theme = Theme.of(self.palette())
        event_id = placement.id
        selected = event_id == self._selected
        hovered = event_id == self._hovered
        starred = event_id in self._starred
        dimmed = self.is_dimmed(event_id)
        track = placement.event.track
        colours = block_colours(
            placement.event.kind,
            theme,
            track=self._track_colours.get(track) if track else None,
            starred=starred,
            selected=selected,
            hovered=hovered,
            dimmed=dimmed,
        )
        fill, border, ink = colours.fill, colours.border, colours.ink

        painter.save()
        if placement.open_ended:
            gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
            gradient.setColorAt(0.0, fill)
            gradient.setColorAt(0.55, fill)
            faded = QColor(fill)
            faded.setAlphaF(0.0)
            gradient.setColorAt(1.0, faded)
            painter.setBrush(gradient)
        else:
            painter.setBrush(fill)
        pen = QPen(border, 2.0 if selected else 1.0)
        if placement.personal or placement.open_ended:
            pen.setStyle(Qt.PenStyle.DashLine)
        if self._highlight is not None and not dimmed:
            pen = QPen(theme.accent, 2.0)
        painter.setPen(pen)
        inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
        if rect.width() < MIN_TEXT_WIDTH:
            # A sliver among thousands of parallel lanes: no letter fits, and
            # laying out text for 20,000 of them made the first paint seconds long.
            painter.drawRect(inner)
            painter.restore()
            return
        painter.drawRoundedRect(inner, 3, 3)
        barred = colours.bar
        if barred:
            painter.fillRect(QRectF(inner.left(), inner.top(), 3, inner.height()), border)

        marks_width = self._paint_marks(painter, placement, rect, hovered or selected)
        left = 7 if barred else 5
        text_rect = rect.adjusted(left, 2, -4 - marks_width, -2)
        if marks_width and text_rect.width() < MIN_TEXT_BESIDE_MARKS:
            # A narrow block (a lane among parallel items): text under the marks,
            # rather than no text at all beside them.
            text_rect = rect.adjusted(left, 2 + self._star_rect(rect).height(), -4, -2)
        painter.setPen(ink)
        self._paint_block_text(painter, placement, text_rect, rect, ink)
        painter.restore()

    def _paint_marks(
        self, painter: QPainter, placement: Placement, rect: QRectF, show_hollow: bool
    ) -> float:
        """Star and clash badge in the block's top right; returns the width they take."""
        star_rect = self._star_rect(rect)
        used = 0.0
        starred = placement.id in self._starred
        if placement.personal:
            # Own appointments carry no star, but a clash badge where it would be.
            star_rect = star_rect.translated(star_rect.width(), 0)
        elif starred or show_hollow:
            font = QFont(self.font())
            font.setPixelSize(max(8, round(star_rect.height() * 0.8)))
            painter.setFont(font)
            painter.setPen(
                STAR_COLOUR if starred else self.palette().color(QPalette.ColorRole.PlaceholderText)
            )
            painter.drawText(
                star_rect, Qt.AlignmentFlag.AlignCenter, STAR if starred else HOLLOW_STAR
            )
            used = star_rect.width()
        if placement.id in self._clashing:
            size = min(14.0, star_rect.height())
            badge = QRectF(star_rect.left() - size - 2, star_rect.top() + 3, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ALERT_COLOUR)
            painter.drawEllipse(badge)
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(7, round(size * 0.75)))
            painter.setFont(font)
            painter.setPen(BADGE_INK)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
            used = size + 2 if placement.personal else star_rect.width() + size + 2
        return used

    def _paint_block_text(
        self, painter: QPainter, placement: Placement, area: QRectF, block: QRectF, ink: QColor
    ) -> None:
        key = (placement.id, round(area.width()), round(area.height()), placement.open_ended)
        plan = self._text_cache.get(key)
        if plan is None:
            plan = [
                (font_key, y, height, self._static_text(text, font_key), muted)
                for font_key, y, height, text, muted in block_text.plan_block_text(
                    placement,
                    self._conference.zone,
                    self._fonts(),
                    self.fontMetrics().height(),
                    area.width(),
                    area.height(),
                    block.height(),
                )
            ]
            self._text_cache[key] = plan
        fonts = self._fonts()
        muted = muted_ink(ink, self.palette().color(QPalette.ColorRole.Base))
        for font_key, y, height, text, is_muted in plan:
            painter.setFont(fonts[font_key])
            painter.setPen(muted if is_muted else ink)
            offset = (height - text.size().height()) / 2
            painter.drawStaticText(QPointF(area.left(), area.top() + y + offset), text)

    def _static_text(self, text: str, font_key: str) -> QStaticText:
        return block_text.static_text(text, self._fonts()[font_key])

    def _fonts(self) -> dict[str, QFont]:
        if not self._font_cache:
            self._font_cache = block_text.block_fonts(self.font())
        return self._font_cache
