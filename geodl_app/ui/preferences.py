"""The Preferences dialog (Ctrl+,): every change applies and is saved at once."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from geodl_app import settings
from geodl_app.ui.settings_store import SettingsStore


def _computer_zone_name() -> str:
    from zoneinfo import ZoneInfo

    from geodl_app import clock

    zone = clock.computer_zone()
    if isinstance(zone, ZoneInfo):
        return zone.key
    return datetime.now(UTC).astimezone(zone).tzname() or "local time"


class PreferencesDialog(QDialog):
    """Reminders, the tray, automatic updates, the time zone shown, the first view."""

    def __init__(
        self,
        store: SettingsStore,
        *,
        tray: bool,
        conference_zone: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.store = store
        chosen = store.settings

        reminders_box = QGroupBox("Reminders")
        self.reminders = QCheckBox("Remind me before starred talks and my appointments")
        self.reminders.setChecked(chosen.reminders)
        self.lead = QSpinBox()
        self.lead.setRange(settings.MIN_LEAD_MINUTES, settings.MAX_LEAD_MINUTES)
        self.lead.setSuffix(" min before")
        self.lead.setValue(chosen.reminder_lead_minutes)
        self.lead.setAccessibleName("Minutes before the start")
        self.lead.setEnabled(chosen.reminders)
        reminder_form = QFormLayout(reminders_box)
        reminder_form.addRow(self.reminders)
        reminder_form.addRow("When:", self.lead)

        self.tray = QCheckBox("Keep running in the system tray when the window is closed")
        self.tray.setChecked(chosen.keep_running_in_tray)
        if not tray:
            self.tray.setEnabled(False)
            self.tray.setToolTip("This desktop shows no tray icons: closing the window quits")
        self.update_automatically = QCheckBox(
            "Update conference programmes from their sites when the app starts"
        )
        self.update_automatically.setChecked(chosen.update_automatically)

        times_box = QGroupBox("Times shown")
        zone = conference_zone or "the conference's zone"
        self.conference_times = QRadioButton(f"In the conference's time zone ({zone})")
        self.computer_times = QRadioButton(
            f"In this computer's time zone ({_computer_zone_name()})"
        )
        (
            self.computer_times if chosen.times_in == "computer" else self.conference_times
        ).setChecked(True)
        self._times = QButtonGroup(self)
        self._times.addButton(self.conference_times)
        self._times.addButton(self.computer_times)
        times_layout = QVBoxLayout(times_box)
        times_layout.addWidget(self.conference_times)
        times_layout.addWidget(self.computer_times)

        self.now_and_next = QCheckBox('Open on "Now and next" while the conference runs')
        self.now_and_next.setChecked(chosen.open_on_now_and_next)

        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(reminders_box)
        layout.addWidget(self.tray)
        layout.addWidget(self.update_automatically)
        layout.addWidget(times_box)
        layout.addWidget(self.now_and_next)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.reminders.toggled.connect(self._reminders_toggled)
        self.lead.valueChanged.connect(lambda v: self._set(reminder_lead_minutes=v))
        self.tray.toggled.connect(lambda on: self._set(keep_running_in_tray=on))
        self.update_automatically.toggled.connect(lambda on: self._set(update_automatically=on))
        self.computer_times.toggled.connect(
            lambda on: self._set(times_in="computer" if on else "conference")
        )
        self.now_and_next.toggled.connect(lambda on: self._set(open_on_now_and_next=on))

    def _reminders_toggled(self, on: bool) -> None:
        self.lead.setEnabled(on)
        self._set(reminders=on)

    def _set(self, **values: object) -> None:
        problem = self.store.update(**values)
        self.status.setText(problem or "")
        self.status.setVisible(bool(problem))
