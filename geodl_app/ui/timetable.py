"""The timetable: every day side by side as columns, each item a painted block.

The positions come from :mod:`geodl_app.layout`; this widget only turns
minutes into pixels, paints what is visible and turns mouse and keys into
signals. It holds no business rules: stars and clashes are handed to it with
:meth:`Timetable.set_marks`, search results with :meth:`Timetable.set_highlight`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QStaticText,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QToolTip, QWidget

from geodl_app import clock, wording
from geodl_app.layout import Direction, TimetableLayout, layout_conference, neighbour
from geodl_app.model import Conference, Event
from geodl_app.tracks import conference_track_colours
from geodl_app.ui import block_text, timetable_paint
from geodl_app.ui.timetable_geometry import (
    Geometry,
    base_pixels_per_minute,
    compute_geometry,
    content_rects,
)
from geodl_app.ui.timetable_paint import (  # its constants' old import place
    HOLLOW_STAR as HOLLOW_STAR,
)
from geodl_app.ui.timetable_paint import (
    MIN_TEXT_BESIDE_MARKS as MIN_TEXT_BESIDE_MARKS,
)
from geodl_app.ui.timetable_paint import (
    MIN_TEXT_WIDTH as MIN_TEXT_WIDTH,
)
from geodl_app.ui.timetable_paint import STAR as STAR
from geodl_app.ui_state import MAX_ZOOM, MIN_ZOOM

if TYPE_CHECKING:
    from PySide6.QtGui import QContextMenuEvent

ZOOM_STEP = 1.25


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
        self._program = conference
        self._whole_layout: tuple[tuple[Event, ...], TimetableLayout] | None = None
        self._personal: tuple[Event, ...] = ()
        self._layout: TimetableLayout = layout_conference(conference)
        self._whole_layout = ((), self._layout)
        self._zoom = 1.0
        self._day_filter = -1
        self._selected = ""
        self._hovered = ""
        self._starred: frozenset[str] = frozenset()
        self._silent: frozenset[str] = frozenset()  # planned items without a reminder
        self._clashing: frozenset[str] = frozenset()
        self._changed: frozenset[str] = frozenset()  # changed by an update, not yet seen
        self._partners: dict[str, list[str]] = {}
        self._highlight: frozenset[str] | None = None
        self._geometry: Geometry | None = None
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

    def set_changed(self, ids: set[str] | frozenset[str]) -> None:
        """The items an update changed that the user has not yet marked as seen."""
        self._changed = frozenset(ids)
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

    def _days_in_view(self, geometry: Geometry) -> list[int]:
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
        if event_id in self._changed:
            text += ", changed by the last update"
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
        # The whole program's layout is kept: a filter cleared (back to every
        # room and track) would otherwise lay out a congress's 1,400 items again.
        whole = self._conference is self._program
        if whole and self._whole_layout is not None and self._whole_layout[0] == self._personal:
            self._layout = self._whole_layout[1]
        else:
            self._layout = layout_conference(self._conference, self._personal)
            if whole:
                self._whole_layout = (self._personal, self._layout)
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

    def _current_geometry(self) -> Geometry:
        if self._geometry is None:
            self._geometry = self._compute_geometry()
        return self._geometry

    def _compute_geometry(self) -> Geometry:
        return compute_geometry(
            self._layout,
            self._zoom,
            self._day_filter,
            self.viewport().width(),
            self.fontMetrics(),
            QFontMetrics(self._fonts()["small"]).height(),
            self._base_pixels_per_minute(),
        )

    def _base_pixels_per_minute(self) -> float:
        # Worked out from the whole program once (and again if the font changes):
        # a filter must not change the scale, and it walks every item.
        if self._base_ppm is None:
            small_line = QFontMetrics(self._fonts()["small"]).height()
            self._base_ppm = base_pixels_per_minute(self._program_events, small_line)
        return self._base_ppm

    def _content_rects(self) -> dict[str, QRectF]:
        """Block rectangles in content coordinates (0,0 = top left of the grid)."""
        if not self._rects:
            small_line = QFontMetrics(self._fonts()["small"]).height()
            self._rects = content_rects(self._layout, self._current_geometry(), small_line)
        return self._rects

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

    def changeEvent(self, event) -> None:
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

    def leaveEvent(self, event) -> None:
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
        directions: dict[int, Direction] = {
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

    def viewportEvent(self, event) -> bool:
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
        # Imported on the first hover: html (and its table of entities) is not
        # needed to paint the window.
        import html

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
        if event_id in self._changed:
            lines.append("<i>changed by the last update (File → Changes)</i>")
        return "<br>".join(lines)

    # ------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        timetable_paint.paint(self, event)

    def _static_text(self, text: str, font_key: str) -> QStaticText:
        return block_text.static_text(text, self._fonts()[font_key])

    def _fonts(self) -> dict[str, QFont]:
        if not self._font_cache:
            self._font_cache = block_text.block_fonts(self.font())
        return self._font_cache
