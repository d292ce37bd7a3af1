"""Add, edit or delete one of the attendee's own appointments.

Times are entered as wall-clock times in the conference's zone. The dialog
refuses to close on bad input and says why in one line above its buttons.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from geodl_app import wording
from geodl_app.bookmarks import Appointment
from geodl_app.model import Conference
from geodl_app.ui.palette import is_dark, status_colours
from geodl_app.validation import ValidationError

DEFAULT_LENGTH = timedelta(hours=1)


class AppointmentDialog(QDialog):
    """The form for one appointment.

    After ``accepted``: :meth:`appointment` is the validated appointment, or
    :attr:`delete_requested` is true when the user chose Delete.
    """

    delete_clicked = Signal()

    def __init__(
        self,
        conference: Conference,
        appointment: Appointment | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conference = conference
        self.original = appointment
        self.delete_requested = False
        self._result: Appointment | None = None
        self.setWindowTitle("Edit appointment" if appointment else "New appointment")

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("e.g. Train home, Meeting with Anna")
        self.start_edit = QDateTimeEdit(self)
        self.end_edit = QDateTimeEdit(self)
        for edit in (self.start_edit, self.end_edit):
            # Day and month names in English, as everywhere else (wording.py),
            # whatever the desktop's language.
            edit.setLocale(QLocale.c())
            edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
            edit.setCalendarPopup(True)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText("optional")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("optional")
        self.note_edit.setMaximumHeight(90)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("appointmentError")
        error = status_colours(is_dark(self.palette().color(QPalette.ColorRole.Window))).error
        self.error_label.setStyleSheet(f"color: {error.name()};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Start", self.start_edit)
        form.addRow("&End", self.end_edit)
        form.addRow("&Place", self.place_edit)
        form.addRow("&Note", self.note_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.delete_button: QPushButton | None = None
        if appointment is not None:
            self.delete_button = self.buttons.addButton(
                "&Delete", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self._delete)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._fill(appointment, day)
        self.title_edit.textEdited.connect(self._clear_error)
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.end_edit.dateTimeChanged.connect(self._clear_error)

    # ----------------------------------------------------------------- values

    def appointment(self) -> Appointment | None:
        """The validated appointment after Save, else None."""
        return self._result

    def set_times(self, start: datetime, end: datetime) -> None:
        """Put *start* and *end* (any zone) into the form, in the conference's zone."""
        self.start_edit.blockSignals(True)
        self.start_edit.setDateTime(self._to_qt(start))
        self.start_edit.blockSignals(False)
        self._last_start = self._from_qt(self.start_edit)
        self.end_edit.setDateTime(self._to_qt(end))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    # ----------------------------------------------------------------- checks

    def accept(self) -> None:
        message = self._validate()
        if message:
            self.error_label.setText(message)
            self.error_label.show()
            return
        super().accept()

    def _validate(self) -> str:
        title = self.title_edit.text().strip()
        if not title:
            self.title_edit.setFocus()
            return "Give the appointment a title."
        start, end = self._from_qt(self.start_edit), self._from_qt(self.end_edit)
        if end <= start:
            self.end_edit.setFocus()
            zone = self.conference.zone
            return (
                f"The end ({wording.short_moment(end, zone)}) must be after "
                f"the start ({wording.short_moment(start, zone)})."
            )
        place = self.place_edit.text().strip() or None
        note = self.note_edit.toPlainText().strip()
        try:
            if self.original is None:
                self._result = Appointment.create(title, start, end, place, note)
            else:
                self._result = Appointment.create(
                    title, start, end, place, note, appointment_id=self.original.id
                )
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return f"{where.capitalize() or 'Input'}: {first['msg']}."
        return ""

    def _delete(self) -> None:
        self.delete_requested = True
        self._result = None
        self.delete_clicked.emit()
        super().accept()

    # -------------------------------------------------------------- internals

    def _fill(self, appointment: Appointment | None, day: date | None) -> None:
        if appointment is not None:
            self.title_edit.setText(appointment.title)
            self.place_edit.setText(appointment.place or "")
            self.note_edit.setPlainText(appointment.note)
            self.set_times(appointment.start, appointment.end)
            return
        day = day or self.conference.first_day
        start = datetime.combine(day, time(12, 0), tzinfo=self.conference.zone)
        self.set_times(start, start + DEFAULT_LENGTH)

    def _start_moved(self, _value: QDateTime) -> None:
        # Keep the length when the start moves, as calendars do.
        self._clear_error()
        length = self._from_qt(self.end_edit) - self._last_start
        if length <= timedelta(0):
            length = DEFAULT_LENGTH
        self._last_start = self._from_qt(self.start_edit)
        self.end_edit.setDateTime(self._to_qt(self._last_start + length))

    def _clear_error(self, *_args: object) -> None:
        self.error_label.hide()

    def _to_qt(self, moment: datetime) -> QDateTime:
        local = self.conference.local(moment)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))

    def _from_qt(self, edit: QDateTimeEdit) -> datetime:
        value = edit.dateTime()
        d, t = value.date(), value.time()
        naive = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        return naive.replace(tzinfo=self.conference.zone)
