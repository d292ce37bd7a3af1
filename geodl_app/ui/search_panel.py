"""The search field and its list of results.

The matching itself is :class:`geodl_app.search.SearchIndex`; this widget
turns keystrokes into queries and results into signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from geodl_app import wording
from geodl_app.model import Conference, Event, Kind
from geodl_app.search import SearchIndex
from geodl_app.ui import plain_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
INDEX_WARM_UP_MS = 400
# The results list grows to this many rows, then scrolls.
MAX_RESULT_ROWS = 7
EVENT_ROLE = Qt.ItemDataRole.UserRole + 2
_SHORT, _SPOKEN = 0, 1
_LABEL_ROLES = {
    int(Qt.ItemDataRole.DisplayRole): _SHORT,
    int(Qt.ItemDataRole.ToolTipRole): _SPOKEN,
    int(Qt.ItemDataRole.AccessibleTextRole): _SPOKEN,
}


class ResultsModel(QAbstractListModel):
    """The events found, one row each; texts are made only for rows on screen.

    A one-letter query can match most of a large program, so building every
    label up front would cost more than the search itself on each keystroke.
    """

    def __init__(self, conference: Conference, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conference = conference
        self._events: list[Event] = []
        # Labels made once per item: each keystroke resets the list, and the
        # view asks again for every row on screen. Kept with the item they were
        # made for, since an edited appointment keeps its id.
        self._labels: dict[tuple[str, int], tuple[Event, str]] = {}

    def set_conference(self, conference: Conference) -> None:
        self.beginResetModel()
        self._conference = conference
        self._events = []
        self._labels = {}
        self.endResetModel()

    def set_events(self, events: list[Event]) -> None:
        self.beginResetModel()
        self._events = events
        self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        kind = _LABEL_ROLES.get(role)
        if kind is not None:
            key = (event.id, kind)
            cached = self._labels.get(key)
            if cached is None or cached[0] is not event:
                cached = self._labels[key] = (event, self._label(event, kind))
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_text.tooltip(cached[1])  # a title is text, never markup
            return cached[1]
        if role == ID_ROLE:
            return event.id
        if role == EVENT_ROLE:
            return event
        return None

    def _label(self, event: Event, kind: int) -> str:
        zone = self._conference.zone
        if kind == _SHORT:
            day = wording.short_day(event.start.astimezone(zone).date())
            return f"{day} {wording.time_range(event, zone)}  {wording.who_and_what(event)}"
        return wording.accessible_label(event, zone)


class ResultsView(QListView):
    """The list of results, with the row helpers a list widget would have."""

    def count(self) -> int:
        return self.model().rowCount()

    def currentRow(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentIndex(self.model().index(row, 0))

    def id_at(self, row: int) -> str:
        return self.model().index(row, 0).data(ID_ROLE)


class SearchPanel(QWidget):
    """A field that searches as one types, and the results below it."""

    highlight_changed = Signal(object)  # set of matching ids, or None when cleared
    result_selected = Signal(str)  # moved onto a result
    result_activated = Signal(str)  # Enter on a result
    result_beside = Signal(str)  # Ctrl+Enter on a result
    result_star = Signal(str)  # Space on a result
    escaped = Signal()  # Esc: search cleared, focus should go back to the program

    def __init__(self, conference: Conference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conference = conference
        self._personal: tuple[Event, ...] = ()
        self._index = SearchIndex(conference.events)

        self.field = QLineEdit(self)
        self.field.setObjectName("search-field")
        self.field.setPlaceholderText("Search titles, speakers, abstracts and places (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.field.textChanged.connect(self._search)
        self.count = QLabel(self)
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.results_model = ResultsModel(conference, self)
        self.results = ResultsView(self)
        self.results.setModel(self.results_model)
        self.results.setObjectName("search-results")
        self.results.setAccessibleName("Search results")
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.results.doubleClicked.connect(
            lambda index: self.result_activated.emit(index.data(ID_ROLE))
        )
        self.results.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.results)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        # The word index is built once the window is up and idle, off the path
        # to the first paint but before the attendee is likely to type.
        QTimer.singleShot(INDEX_WARM_UP_MS, self, self._warm_up)

    def set_conference(self, conference: Conference) -> None:
        self._conference = conference
        self.results_model.set_conference(conference)
        self._rebuild_index()

    def set_personal_items(self, events: Iterable[Event]) -> None:
        self._personal = tuple(events)
        self._rebuild_index()

    def _rebuild_index(self) -> None:
        self._index = SearchIndex([*self._conference.events, *self._personal])
        self._search(self.field.text())

    def _warm_up(self) -> None:
        self._index.prepare()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()

    def result_ids(self) -> list[str]:
        return [self.results.id_at(n) for n in range(self.results.count())]

    def _search(self, text: str) -> None:
        if not text.strip():
            self.results_model.set_events([])
            self.results.hide()
            self.count.clear()
            self.highlight_changed.emit(None)
            return
        found = self._index.search(text)
        self.results_model.set_events(found)
        self._fit_results(len(found))
        self.results.setVisible(bool(found))
        self.count.setText(f"{len(found)} found" if found else "no match")
        self.highlight_changed.emit({e.id for e in found})

    def _fit_results(self, count: int) -> None:
        """As tall as its rows, up to :data:`MAX_RESULT_ROWS`; then it scrolls."""
        if not count:
            return
        row = self.results.sizeHintForRow(0)
        if row <= 0:
            row = self.results.fontMetrics().height() + 2
        frame = 2 * self.results.frameWidth()
        self.results.setFixedHeight(min(count, MAX_RESULT_ROWS) * row + frame)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.result_selected.emit(current.data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.clear()
            self.escaped.emit()
            return True
        if watched is self.field:
            if key == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                self.results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count():
                self.results.setCurrentRow(0)
                self.result_activated.emit(self.results.id_at(0))
                return True
            return False
        if watched is self.results:
            current = self.results.currentIndex()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
                control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                signal = self.result_beside if control else self.result_activated
                signal.emit(current.data(ID_ROLE))
                return True
            if key == Qt.Key.Key_Space and current.isValid():
                event_obj = current.data(EVENT_ROLE)
                if event_obj is not None and event_obj.kind is not Kind.PERSONAL:
                    self.result_star.emit(current.data(ID_ROLE))
                return True
            if key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.field.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False
