"""The "My plan" view: starred items and own appointments, day by day.

Free gaps between planned items and clashes are shown in the list; the note of
the selected item is edited below it; stars whose item left the program are
listed apart, never dropped. All changes go through the :class:`PlanStore`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from geodl_app import wording
from geodl_app.clashes import Clash, PlannedItem, free_gaps, planned_items
from geodl_app.model import Conference
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.palette import StatusColours, is_dark, status_colours
from geodl_app.ui.plan_store import PlanStore

# A gap shorter than this is a walk between rooms, not free time.
MIN_GAP = timedelta(minutes=15)
NOTE_SAVE_DELAY_MS = 600
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class Column:
    TIME = 0
    ITEM = 1
    PLACE = 2


class RowKind:
    DAY = "day"
    EVENT = "event"
    APPOINTMENT = "appointment"
    GAP = "gap"
    MISSING = "missing"
    MISSING_HEADING = "missing-heading"


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

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Time", "Item", "Place"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setSectionResizeMode(Column.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PLACE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.note_label = QLabel("Note", self)
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
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.note_edit.textChanged.connect(self._note_typed)
        plan_store.changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ state

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def select(self, item_id: str) -> bool:
        for row in self._rows():
            if row.data(0, ID_ROLE) == item_id:
                self.tree.setCurrentItem(row)
                return True
        return False

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the list shows, row by row: (kind, time, item, place) — for tests and a11y."""
        return [
            (
                row.data(0, ROW_KIND_ROLE),
                row.text(Column.TIME),
                row.text(Column.ITEM),
                row.text(Column.PLACE),
            )
            for row in self._rows()
        ]

    # ---------------------------------------------------------------- actions

    def refresh(self) -> None:
        """Rebuild the list from the plan, keeping the selection."""
        self.save_note()
        selected = self.current_id()
        plan = self.plan_store.plan
        clashes = self.plan_store.clashes
        items = planned_items(plan.starred_events(self.conference), plan.appointments)
        self.tree.blockSignals(True)
        self.tree.clear()
        by_day: dict[date, list[PlannedItem]] = defaultdict(list)
        for item in items:
            by_day[self.conference.local(item.start).date()].append(item)
        for day in sorted(by_day):
            self._add_day(day, by_day[day], clashes)
        missing = plan.missing_stars(self.conference)
        if missing:
            heading = self._row(
                RowKind.MISSING_HEADING, None, "", "No longer in the program", "", bold=True
            )
            heading.setToolTip(
                Column.ITEM, "These stars are kept: the program no longer has their items"
            )
            for item_id in missing:
                row = self._row(RowKind.MISSING, item_id, "", item_id, "")
                row.setForeground(Column.ITEM, QBrush(self._colours().missing))
                row.setToolTip(Column.ITEM, f"{item_id} is no longer in the program")
        self.tree.blockSignals(False)
        count = len(clashes)
        parts = [
            f"{len(plan.starred)} starred",
            f"{len(plan.appointments)} appointment{'s' if len(plan.appointments) != 1 else ''}",
        ]
        if count:
            parts.append(f"{count} clash{'es' if count != 1 else ''}")
        if missing:
            parts.append(f"{len(missing)} no longer in the program")
        self.summary.setText(", ".join(parts))
        if not items and not missing:
            self._row(
                RowKind.GAP, None, "", "Nothing planned yet: star talks or add an appointment", ""
            )
        if selected is None or not self.select(selected):
            self._current_changed(self.tree.currentItem(), None)

    def open_appointment_dialog(
        self, appointment_id: str | None = None, day: date | None = None
    ) -> AppointmentDialog:
        """Open the (non-blocking) dialog to add, or edit *appointment_id*.

        A new appointment starts on *day*, else the day selected in this list.
        """
        appointment = (
            None if appointment_id is None else self.plan_store.plan.appointment(appointment_id)
        )
        current = self.tree.currentItem()
        if appointment is None and day is None and current is not None:
            day = current.data(0, Qt.ItemDataRole.UserRole + 2)
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

    def _add_day(self, day: date, items: list[PlannedItem], clashes: list[Clash]) -> None:
        self._row(RowKind.DAY, None, "", wording.day_heading_with_year(day), "", day=day, bold=True)
        gaps = free_gaps(items, MIN_GAP)
        entries: list[tuple[object, int, object]] = [(i.start, 1, i) for i in items]
        entries += [(g[0], 0, g) for g in gaps]
        entries.sort(key=lambda e: (e[0], e[1]))
        for _, order, entry in entries:
            if order == 0:
                start, end = entry  # type: ignore[misc]
                text = f"free for {wording.duration(end - start)}"
                row = self._row(RowKind.GAP, None, self._span(start, end), text, "", day=day)
                row.setForeground(Column.ITEM, QBrush(self._colours().gap))
                row.setForeground(Column.TIME, QBrush(self._colours().gap))
                continue
            item: PlannedItem = entry  # type: ignore[assignment]
            self._add_item(item, day, clashes)

    def _add_item(self, item: PlannedItem, day: date, clashes: list[Clash]) -> None:
        plan = self.plan_store.plan
        event = self.conference.event(item.id)
        if item.personal:
            kind, place = RowKind.APPOINTMENT, (plan.appointment(item.id) or item).place or ""  # type: ignore[union-attr]
            title = f"◆ {item.title}"
        else:
            kind, place = RowKind.EVENT, (event.room or "") if event else ""
            who = f"{', '.join(event.speakers)}: " if event and event.speakers else ""
            title = f"★ {who}{item.title}"
        if plan.note(item.id):
            title += "  ✎"
        row = self._row(kind, item.id, self._span(item.start, item.end), title, place, day=day)
        tips = []
        others = [c.other(item.id) for c in clashes if c.involves(item.id)]
        if others:
            names = ", ".join(f"“{o.title}”" for o in others)
            row.setText(Column.ITEM, f"{title}   ⚠ clashes with {names}")
            for column in (Column.TIME, Column.ITEM):
                row.setForeground(column, QBrush(self._colours().clash))
            tips.append(f"Clashes with {names}")
        if item.personal:
            tips.append("Your own appointment (double-click to edit)")
        if item.end is None:
            tips.append("No end given: counted as one hour for clashes")
        if plan.note(item.id):
            tips.append(f"Note: {plan.note(item.id)}")
        row.setToolTip(Column.ITEM, "\n".join(tips))

    def _row(
        self,
        kind: str,
        item_id: str | None,
        time_text: str,
        text: str,
        place: str,
        day: date | None = None,
        bold: bool = False,
    ) -> QTreeWidgetItem:
        row = QTreeWidgetItem(self.tree, [time_text, text, place])
        row.setData(0, ID_ROLE, item_id)
        row.setData(0, ROW_KIND_ROLE, kind)
        row.setData(0, Qt.ItemDataRole.UserRole + 2, day)
        if item_id is None:
            row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if bold:
            font = QFont(row.font(Column.ITEM))
            font.setBold(True)
            row.setFont(Column.ITEM, font)
        return row

    def _colours(self) -> StatusColours:
        """Clash, gap and missing colours that read well on the current palette."""
        return status_colours(is_dark(self.tree.palette().color(QPalette.ColorRole.Base)))

    def _rows(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _span(self, start: datetime, end: datetime | None) -> str:
        return wording.clock_range(start, end, self.conference.zone, other_day=False)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        item_id = None if current is None else current.data(0, ID_ROLE)
        kind = None if current is None else current.data(0, ROW_KIND_ROLE)
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
            self.note_label.setText(f"&Note on “{self._title_of(item_id)}”")
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

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        kind, item_id = row.data(0, ROW_KIND_ROLE), row.data(0, ID_ROLE)
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
