"""Now and next: for every room, what runs now and what comes next.

A view beside the timetable and the agenda for the conference day at the
venue: one row per room in the program's order, the item running there with
its time left, and the next one with its start; stars on both. The rows come
from :func:`geodl_app.now_next.now_and_next`; the view refreshes every minute.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from geodl_app import clock, wording
from geodl_app.model import Conference, Event
from geodl_app.now_next import RoomNow, minutes_left, now_and_next
from geodl_app.ui import plain_text

REFRESH_MS = 60_000
NOW_ROLE = Qt.ItemDataRole.UserRole + 1
NEXT_ROLE = Qt.ItemDataRole.UserRole + 2
STAR = "★"


class Column:
    ROOM = 0
    NOW = 1
    LEFT = 2
    NEXT = 3
    STARTS = 4


class NowNextView(QWidget):
    """What runs now and next in every room; Enter opens, Space stars."""

    item_activated = Signal(str)  # Enter or double-click: read this item
    star_toggle_requested = Signal(str)

    def __init__(self, conference: Conference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("now-and-next")
        self.setAccessibleName("Now and next")
        self._conference = conference
        self._starred: frozenset[str] = frozenset()
        self._rows: list[RoomNow] = []
        self._at: datetime | None = None

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("now-and-next-list")
        self.tree.setHeaderLabels(["Room", "Now", "Left", "Next", "Starts"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.ROOM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NOW, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.LEFT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STARTS, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        self.tree.installEventFilter(self)
        self.setFocusProxy(self.tree)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # ----------------------------------------------------------- public API

    def set_conference(self, conference: Conference) -> None:
        """The program shown (the rooms and tracks chosen in the filters)."""
        self._conference = conference
        self.refresh()

    def set_marks(self, starred: set[str]) -> None:
        self._starred = frozenset(starred)
        self._fill()

    def rows(self) -> list[RoomNow]:
        return list(self._rows)

    def texts(self) -> list[tuple[str, str, str, str, str]]:
        """What each row shows, column by column (for tests and screen readers)."""
        rows: list[tuple[str, str, str, str, str]] = []
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item is not None:
                rows.append((item.text(0), item.text(1), item.text(2), item.text(3), item.text(4)))
        return rows

    def refresh(self, at: datetime | None = None) -> None:
        """Work the rows out again for *at* (default: now, as the clock says)."""
        if at is None:
            try:
                at = clock.now(self._conference.zone)
            except clock.ClockError as error:
                self.heading.setText(str(error))
                return
        self._at = at
        self._rows = now_and_next(self._conference, at)
        self._fill()

    # -------------------------------------------------------------- internals

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _fill(self) -> None:
        at = self._at
        if at is None:
            return
        zone = self._conference.zone
        local = at.astimezone(zone)
        today = local.date()
        selected = self._selected_room()
        self.tree.clear()
        running = sum(1 for r in self._rows if r.now)
        if not self._rows:
            summary = "nothing runs now and nothing comes later"
        else:
            summary = f"{running} of {len(self._rows)} rooms busy"
        self.heading.setText(f"{wording.day_heading(today)}, {local:%H:%M}: {summary}")
        for entry in self._rows:
            row = QTreeWidgetItem(self.tree)
            row.setText(Column.ROOM, entry.room or "Everyone")
            if entry.now:
                first = entry.now[0]
                more = f"  (+{len(entry.now) - 1} more)" if len(entry.now) > 1 else ""
                row.setText(Column.NOW, self._label(first) + more)
                row.setText(Column.LEFT, wording.duration_left(minutes_left(first, at)))
                row.setData(Column.ROOM, NOW_ROLE, first.id)
                tip = "\n".join(self._long(e) for e in entry.now)
                row.setToolTip(Column.NOW, plain_text.tooltip(tip))
            if entry.next is not None:
                nxt = entry.next
                start = nxt.start.astimezone(zone)
                when = f"{start:%H:%M}"
                if start.date() != today:
                    when = f"{wording.short_day(start.date())} {when}"
                row.setText(Column.NEXT, self._label(nxt))
                row.setText(Column.STARTS, when)
                row.setData(Column.ROOM, NEXT_ROLE, nxt.id)
                row.setToolTip(Column.NEXT, plain_text.tooltip(self._long(nxt)))
            if entry.room == selected:
                self.tree.setCurrentItem(row)

    def _label(self, event: Event) -> str:
        star = f"{STAR} " if event.id in self._starred else ""
        return f"{star}{wording.who_and_what(event)}"

    def _long(self, event: Event) -> str:
        return wording.accessible_label(event, self._conference.zone)

    def _selected_room(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.text(Column.ROOM)

    def current_ids(self) -> tuple[str | None, str | None]:
        """(running, next) ids of the selected room's row."""
        item = self.tree.currentItem()
        if item is None:
            return None, None
        return item.data(Column.ROOM, NOW_ROLE), item.data(Column.ROOM, NEXT_ROLE)

    def _target(self, column: int | None = None) -> str | None:
        running, upcoming = self.current_ids()
        if column in (Column.NEXT, Column.STARTS):
            return upcoming or running
        return running or upcoming

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        self.tree.setCurrentItem(item)
        target = self._target(column)
        if target:
            self.item_activated.emit(target)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.tree
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
        ):
            target = self._target(self.tree.currentColumn())
            if target:
                self.star_toggle_requested.emit(target)
            return True
        return super().eventFilter(watched, event)
