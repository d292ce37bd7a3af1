"""The agenda: the program as a plain list, one row per item, day by day.

An alternative to the grid that reads well with a screen reader: every row
carries its whole description as accessible text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from geodl_app import wording
from geodl_app.model import Conference, Event, Kind
from geodl_app.tracks import conference_track_colours
from geodl_app.ui import plain_text

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
# The widest a column is made, in average characters (the title takes the rest).
MAX_COLUMN_CHARS = {"room": 22, "speakers": 24, "track": 18}
# Built once: views ask for every cell's flags after each change.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AgendaModel(QAbstractTableModel):
    """The program's items in time order, with the attendee's own ones mixed in."""

    # The room right after the time: at FOSDEM it was pushed off screen last.
    COLUMNS = ("day", "time", "room", "title", "speakers", "track", "star")
    HEADERS: ClassVar[dict[str, str]] = {
        "day": "Day",
        "time": "Time",
        "room": "Room",
        "title": "Title",
        "speakers": "Speakers",
        "track": "Track",
        "star": "Star",
    }

    def __init__(self, conference: Conference, parent: Any = None) -> None:
        super().__init__(parent)
        self._conference = conference
        self._personal: tuple[Event, ...] = ()
        self._events: list[Event] = []
        self._row_of: dict[str, int] = {}
        self._starred: frozenset[str] = frozenset()
        self._clashing: frozenset[str] = frozenset()
        self._changed: frozenset[str] = frozenset()  # changed by an update, not yet seen
        self._highlight: frozenset[str] | None = None
        self._sort_column = 0
        self._partners: dict[str, list[str]] = {}
        self._sort_order = Qt.SortOrder.AscendingOrder
        # From the whole program, once: a filtered copy must not repaint the tracks.
        self._track_colours = {
            name: QColor(colour) for name, colour in conference_track_colours(conference).items()
        }
        self._rebuild()

    def column(self, name: str) -> int:
        return self.COLUMNS.index(name)

    def set_conference(self, conference: Conference) -> None:
        self.beginResetModel()
        self._conference = conference
        self._rebuild()
        self.endResetModel()

    def set_personal_items(self, events: Iterable[Event]) -> None:
        self.beginResetModel()
        self._personal = tuple(events)
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._events = list(self._conference.events) + list(self._personal)
        self._sort_events()

    def _sort_events(self) -> None:
        """Order the rows by the sort column; time order breaks ties (a stable sort).

        Items starting together are listed in the programme's room order.
        """
        rank = {room: n for n, room in enumerate(self._conference.room_list)}
        events = sorted(
            self._events,
            key=lambda e: (e.start, rank.get(e.room or "", -1), e.end or e.start, e.id),
        )
        name = self.COLUMNS[self._sort_column]
        if name not in ("day", "time"):
            key = self._sort_key(name)
            events.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        elif self._sort_order == Qt.SortOrder.DescendingOrder:
            events.reverse()
        self._events = events
        self._row_of = {e.id: n for n, e in enumerate(events)}

    def _sort_key(self, name: str) -> Any:
        if name == "room":
            order = {room: n for n, room in enumerate(self._conference.rooms)}
            return lambda e: (e.room is None, order.get(e.room or "", len(order)))
        if name == "title":
            return lambda e: e.title.casefold()
        if name == "speakers":
            return lambda e: (not e.speakers, ", ".join(e.speakers).casefold())
        if name == "track":
            return lambda e: (e.track is None, (e.track or "").casefold())
        return lambda e: e.id not in self._starred

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by *column* (Qt calls this when a column heading is clicked)."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._events)
        self._sort_column, self._sort_order = column, order
        self._sort_events()
        # Persistent indexes (the selection) follow their rows.
        moved_from, moved_to = [], []
        for old_index in self.persistentIndexList():
            if 0 <= old_index.row() < len(before):
                new_row = self._row_of[before[old_index.row()].id]
                moved_from.append(old_index)
                moved_to.append(self.index(new_row, old_index.column()))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def set_marks(self, starred: set[str], clashing: set[str]) -> None:
        changed = (self._starred ^ starred) | (self._clashing ^ clashing)
        self._starred = frozenset(starred)
        self._clashing = frozenset(clashing)
        self._rows_changed(changed)

    def set_changed(self, ids: set[str] | frozenset[str]) -> None:
        """The items an update changed that the user has not yet marked as seen."""
        ids = frozenset(ids)
        changed, self._changed = ids ^ self._changed, ids
        self._rows_changed(changed)

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None:
        """What each clashing item clashes with, in words, for its tooltip."""
        self._partners = partners

    def set_highlight(self, ids: set[str] | None) -> None:
        self._highlight = None if ids is None else frozenset(ids)
        if self._events:
            last = len(self.COLUMNS) - 1
            # Only the colour changes: naming the role spares views from
            # re-measuring every row on each keystroke of a search.
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._events) - 1, last),
                [Qt.ItemDataRole.ForegroundRole],
            )

    def _rows_changed(self, ids: Iterable[str]) -> None:
        last = len(self.COLUMNS) - 1
        for event_id in ids:
            row = self._row_of.get(event_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def row_of(self, event_id: str) -> int:
        return self._row_of.get(event_id, -1)

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    # ------------------------------------------------------- the Qt contract

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.HEADERS[self.COLUMNS[section]]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        name = self.COLUMNS[index.column()]
        zone = self._conference.zone
        if role == EVENT_ROLE:
            return event
        if role == ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, name)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            text = wording.accessible_label(event, zone)
            if event.id in self._starred:
                text += ", starred"
            if event.id in self._changed:
                text += ", changed by the last update"
            if event.id in self._clashing:
                text += ", " + "; ".join(
                    self._partners.get(event.id) or ["clashes with another starred item"]
                )
            # Screen readers get the words; a tooltip is escaped, or Qt would
            # take a title like "<img src=...>" as markup.
            return text if role == Qt.ItemDataRole.AccessibleTextRole else plain_text.tooltip(text)
        if role == Qt.ItemDataRole.DecorationRole and name == "track" and event.track:
            return self._track_colours.get(event.track)
        if role == Qt.ItemDataRole.FontRole and name == "title" and event.kind.is_session:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            dimmed = self._highlight is not None and event.id not in self._highlight
            muted = not event.kind.is_session and event.kind is not Kind.PERSONAL
            if dimmed or muted:
                return QPalette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, event: Event, name: str) -> str:
        zone = self._conference.zone
        if name == "day":
            return wording.short_day(event.start.astimezone(zone).date())
        if name == "time":
            return wording.time_range(event, zone)
        if name == "title":
            return event.title + (" (mine)" if event.kind is Kind.PERSONAL else "")
        if name == "speakers":
            return ", ".join(event.speakers)
        if name == "room":
            return event.room or ""
        if name == "track":
            return event.track or ""
        marks = "★" if event.id in self._starred else ""
        if event.id in self._clashing:
            marks += " clash"
        if event.id in self._changed:
            marks += " changed"
        return marks.strip()


class AgendaView(QTreeView):
    """The agenda list; emits the same requests as the timetable."""

    selection_changed = Signal(str)
    activated_id = Signal(str)
    open_beside_requested = Signal(str)
    star_toggle_requested = Signal(str)
    edit_requested = Signal(str)  # an own appointment double-clicked

    def __init__(self, model: AgendaModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.setAccessibleName("Agenda")
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        self.setSortingEnabled(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        # Column widths are measured once per program, not on every change:
        # ResizeToContents would ask every row for its text each time any row
        # changes, which is slow for a FOSDEM-sized program.
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.column("title"), QHeaderView.ResizeMode.Stretch)
        # Measured when first seen: the window opens on the timetable, and
        # measuring a large program's rows would delay its first paint.
        self._columns_fitted = False
        self._restored_columns = False
        model.modelReset.connect(self._columns_need_fitting)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.doubleClicked.connect(self._double_clicked)

    def _columns_need_fitting(self) -> None:
        self._columns_fitted = False
        if self.isVisible():
            self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns_fitted:
            self._fit_columns()
        super().showEvent(event)

    def _fit_columns(self) -> None:
        self._columns_fitted = True
        if self._restored_columns:
            return  # the widths the attendee gave them last time
        model = self.agenda_model()
        chars = self.fontMetrics().averageCharWidth()
        for column in range(model.columnCount()):
            name = model.COLUMNS[column]
            if name == "title":
                continue
            self.resizeColumnToContents(column)
            # Long room, speaker and track names are cut (the tooltip has them):
            # the room and the star must stay in view beside a readable title.
            cap = MAX_COLUMN_CHARS.get(name)
            if cap is not None and self.columnWidth(column) > cap * chars:
                self.setColumnWidth(column, cap * chars)

    def column_state(self) -> str:
        """The columns' widths, order and sorting, as base64 text for ui-state.json."""
        return bytes(self.header().saveState().toBase64().data()).decode("ascii")

    def restore_column_state(self, state: str) -> bool:
        """Bring back :meth:`column_state`; False if it does not fit these columns."""
        if not state:
            return False
        header = self.header()
        restored = header.restoreState(QByteArray.fromBase64(state.encode("ascii")))
        if not restored or header.count() != self.agenda_model().columnCount():
            return False
        self._restored_columns = True
        return True

    def agenda_model(self) -> AgendaModel:
        model = self.model()
        assert isinstance(model, AgendaModel)
        return model

    def selected_id(self) -> str:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else ""

    def select(self, event_id: str) -> None:
        row = self.agenda_model().row_of(event_id)
        if row >= 0 and row != self.currentIndex().row():
            self.setCurrentIndex(self.agenda_model().index(row, 0))
            self.scrollTo(self.currentIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selection_changed.emit(current.data(ID_ROLE) if current.isValid() else "")

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        event = index.data(EVENT_ROLE)
        if event is not None and event.kind is Kind.PERSONAL:
            self.edit_requested.emit(index.data(ID_ROLE))
        else:
            self.activated_id.emit(index.data(ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event_id = self.selected_id()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if control:
                self.open_beside_requested.emit(event_id)
            else:
                self.activated_id.emit(event_id)
            return
        if event_id and event.key() == Qt.Key.Key_Space:
            event_obj = self.agenda_model().event_at(self.currentIndex().row())
            if event_obj is not None and event_obj.kind is not Kind.PERSONAL:
                self.star_toggle_requested.emit(event_id)
            return
        super().keyPressEvent(event)
