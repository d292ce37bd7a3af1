"""The "My plan" view: starred items and own appointments, day by day.

What the list shows is decided in the core (:func:`geodl_app.plan_rows.plan_rows`:
days, free gaps, clashes, stars whose item left the program) and shown through
:class:`PlanModel`; the note of the selected item is edited below it. All changes
go through the :class:`PlanStore`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from geodl_app.model import Conference
from geodl_app.plan_rows import MIN_GAP, PlanRow, RowKind, plan_rows, plan_summary
from geodl_app.ui import plain_text
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.palette import StatusColours, is_dark, status_colours
from geodl_app.ui.plan_store import PlanStore

__all__ = ["MIN_GAP", "Column", "MyPlanView", "PlanModel", "RowKind"]

_ROOT = QModelIndex()

NOTE_SAVE_DELAY_MS = 600
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the PlanRow itself


class Column:
    TIME = 0
    ITEM = 1
    PLACE = 2


HEADERS = ("Time", "Item", "Place")


class PlanModel(QAbstractTableModel):
    """The rows of :func:`geodl_app.plan_rows.plan_rows` as a table: Time, Item, Place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self._colours = status_colours(False)

    def set_rows(self, rows: list[PlanRow], colours: StatusColours) -> None:
        """Show *rows* (a full reset: days, gaps and clashes all move together)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._colours = colours
        self.endResetModel()

    def plan_row(self, row: int) -> PlanRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].item_id is None:
            return Qt.ItemFlag.ItemIsEnabled  # headings and gaps cannot be selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.time, row.text, row.place)[column]
        if role == ID_ROLE:
            return row.item_id
        if role == ROW_KIND_ROLE:
            return str(row.kind)
        if role == DAY_ROLE:
            return row.day
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.ITEM and row.tip:
            return plain_text.tooltip(row.tip)  # it names items: text, never markup
        if role == Qt.ItemDataRole.ForegroundRole and row.tone and column != Column.PLACE:
            return QBrush(getattr(self._colours, row.tone))
        if role == Qt.ItemDataRole.FontRole and row.heading and column == Column.ITEM:
            font = QFont()
            font.setBold(True)
            return font
        return None


class MyPlanView(QWidget):
    """Starred items and appointments by day, with gaps, clashes and notes.

    Signals:
        item_activated(str): the user opened a program item (double click/Enter).
    """

    item_activated = Signal(str)

    def __init__(
        self, conference: Conference, plan_store: PlanStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conference = conference
        self.plan_store = plan_store
        self._note_item_id: str | None = None
        # True while the editor holds typing not yet saved: only then is the note
        # written, so a note changed in another window is never written back.
        self._note_dirty = False
        self._dialog: AppointmentDialog | None = None

        self.summary = QLabel(self)
        # Wrapped rather than cut ("3 starred, 1 [appointme]") in a narrow view.
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(120)
        self.add_button = QPushButton("&Add appointment…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.unstar_button = QPushButton("&Unstar", self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.unstar_button)

        self.model = PlanModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("My plan")
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setSectionResizeMode(Column.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PLACE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.note_label = QLabel("Note", self)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the item
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("Select an item to write a note on it")
        self.note_edit.setMaximumHeight(110)
        self.note_label.setBuddy(self.note_edit)

        layout = QVBoxLayout(self)
        # The summary on a line of its own, above the buttons: beside them it was cut.
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)

        self.add_button.clicked.connect(lambda: self.open_appointment_dialog())
        self.edit_button.clicked.connect(self._edit_selected)
        self.unstar_button.clicked.connect(self._unstar_selected)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.note_edit.textChanged.connect(self._note_typed)
        plan_store.changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ state

    def current_id(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, item_id: str) -> bool:
        for number in range(self.model.rowCount()):
            if self.model.plan_row(number).item_id == item_id:
                self.tree.setCurrentIndex(self.model.index(number, Column.ITEM))
                return True
        return False

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the list shows, row by row: (kind, time, item, place) — for tests and a11y."""
        model = self.model

        def text(row: int, column: int) -> str:
            return str(model.index(row, column).data())

        return [
            (
                str(model.index(n, 0).data(ROW_KIND_ROLE)),
                text(n, Column.TIME),
                text(n, Column.ITEM),
                text(n, Column.PLACE),
            )
            for n in range(model.rowCount())
        ]

    # ---------------------------------------------------------------- actions

    def refresh(self) -> None:
        """Show the plan as it is now, keeping the selection."""
        self.save_note()
        selected = self.current_id()
        plan, clashes = self.plan_store.plan, self.plan_store.clashes
        colours = status_colours(is_dark(self.tree.palette().color(QPalette.ColorRole.Base)))
        self.tree.selectionModel().blockSignals(True)
        gone = {}
        if plan.missing_stars(self.conference):
            from geodl_app.library import Library

            gone = Library().gone_items(self.conference.id)
        self.model.set_rows(plan_rows(self.conference, plan, clashes, gone), colours)
        self.tree.selectionModel().blockSignals(False)
        self.summary.setText(plan_summary(self.conference, plan, clashes))
        if selected is None or not self.select(selected):
            self._current_changed(self.tree.currentIndex(), QModelIndex())

    def open_appointment_dialog(
        self, appointment_id: str | None = None, day: date | None = None
    ) -> AppointmentDialog:
        """Open the (non-blocking) dialog to add, or edit *appointment_id*.

        A new appointment starts on *day*, else the day selected in this list.
        """
        appointment = (
            None if appointment_id is None else self.plan_store.plan.appointment(appointment_id)
        )
        current = self.tree.currentIndex()
        if appointment is None and day is None and current.isValid():
            day = current.data(DAY_ROLE)
        dialog = AppointmentDialog(self.conference, appointment, day=day, parent=self)
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
        return dialog

    def save_note(self) -> None:
        """Save the note being edited now (it is also saved after a short pause)."""
        self._note_timer.stop()
        if self._note_item_id is None or not self._note_dirty:
            return
        self._note_dirty = False
        self.plan_store.set_note(self._note_item_id, self.note_edit.toPlainText())

    # -------------------------------------------------------------- internals

    def _current_changed(self, current: QModelIndex, _previous: object) -> None:
        item_id = current.data(ID_ROLE) if current.isValid() else None
        kind = current.data(ROW_KIND_ROLE) if current.isValid() else None
        # The same item again after a refresh: keep what is being typed.
        typing = self.note_edit.hasFocus() or self._note_timer.isActive()
        if item_id is None or item_id != self._note_item_id or not typing:
            self.save_note()
            self._note_item_id = None
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(
                "" if item_id is None else self.plan_store.plan.note(item_id)
            )
            self.note_edit.blockSignals(False)
        elif not self._note_dirty and self.note_edit.toPlainText().rstrip() != (
            stored := self.plan_store.plan.note(item_id)
        ):
            # Focused but not edited: show what another window saved.
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(stored)
            self.note_edit.blockSignals(False)
        self.note_edit.setEnabled(item_id is not None)
        self._note_item_id = item_id
        if item_id is None:
            self.note_label.setText("&Note")
        else:
            title = plain_text.mnemonic_safe(self._title_of(item_id))
            self.note_label.setText(f"&Note on “{title}”")
        self.edit_button.setEnabled(kind == RowKind.APPOINTMENT)
        self.unstar_button.setEnabled(kind in (RowKind.EVENT, RowKind.MISSING))

    def _title_of(self, item_id: str) -> str:
        event = self.conference.event(item_id)
        if event is not None:
            return event.title
        appointment = self.plan_store.plan.appointment(item_id)
        return appointment.title if appointment is not None else item_id

    def _note_typed(self) -> None:
        if self._note_item_id is not None:
            self._note_dirty = True
            self._note_timer.start()

    def _activated(self, index: QModelIndex) -> None:
        kind, item_id = index.data(ROW_KIND_ROLE), index.data(ID_ROLE)
        if kind == RowKind.APPOINTMENT:
            self.open_appointment_dialog(item_id)
        elif kind == RowKind.EVENT:
            self.item_activated.emit(item_id)

    def _edit_selected(self) -> None:
        item_id = self.current_id()
        if item_id is not None and self.plan_store.plan.appointment(item_id) is not None:
            self.open_appointment_dialog(item_id)

    def _unstar_selected(self) -> None:
        item_id = self.current_id()
        if item_id is not None and item_id in self.plan_store.plan.starred_set:
            self.plan_store.unstar(item_id)

    def _dialog_done(self, dialog: AppointmentDialog) -> None:
        if dialog.delete_requested and dialog.original is not None:
            self.plan_store.remove_appointment(dialog.original.id)
            return
        appointment = dialog.appointment()
        if appointment is None:
            return
        if dialog.original is None:
            self.plan_store.add_appointment(appointment)
        else:
            self.plan_store.update_appointment(appointment)
        self.select(appointment.id)
