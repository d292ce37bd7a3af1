"""Reminders while the app runs: the core's schedule, driven by a timer and the plan.

The timing rules live in :mod:`geodl_app.reminders` (no Qt); this only asks
them at the right moments (every few seconds, after a plan or settings change)
with the window's clock (:func:`geodl_app.clock.now`, which honours
``GEODL_APP_NOW``), and hands what is due to the :class:`Notifier`.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtCore import QObject, QTimer, Signal

from geodl_app import clock
from geodl_app.model import Conference
from geodl_app.reminders import (
    Reminder,
    ReminderSchedule,
    missed_notice,
    plan_reminders,
    reminder_notice,
)
from geodl_app.ui.notifier import Notifier
from geodl_app.ui.plan_store import PlanStore
from geodl_app.ui.settings_store import SettingsStore

# How often the schedule is asked; a reminder is at most this late, and a gap
# much longer than this between two ticks means the computer slept.
TICK_MS = 15_000


class ReminderDriver(QObject):
    """Sends the reminders of one conference's plan. ``sent(list)`` reports each batch."""

    sent = Signal(list)  # the reminders just shown (and missed ones listed)

    def __init__(
        self,
        conference: Conference,
        plan_store: PlanStore,
        settings_store: SettingsStore,
        notifier: Notifier,
        parent: QObject | None = None,
        schedule: ReminderSchedule | None = None,
    ) -> None:
        super().__init__(parent)
        self.conference = conference
        self.plan_store = plan_store
        self.settings_store = settings_store
        self.notifier = notifier
        # Handed on from the window before when the same conference is shown again.
        self.schedule = schedule if schedule is not None else ReminderSchedule()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check)
        plan_store.changed.connect(self.refresh)
        settings_store.changed.connect(self.refresh)
        notifier.snooze_requested.connect(self.snooze)
        self._timer.start()
        self.refresh()

    def reminders(self) -> list[Reminder]:
        """The reminders the plan and the settings ask for now."""
        chosen = self.settings_store.settings
        if not chosen.reminders:
            return []
        lead = timedelta(minutes=chosen.reminder_lead_minutes)
        return plan_reminders(self.conference, self.plan_store.plan, lead)

    def refresh(self) -> None:
        """The plan or the settings changed: remind of what they say from now on."""
        self.schedule.update(self.reminders())
        self.check()

    def check(self) -> None:
        try:
            now = clock.now(self.conference.zone)
        except clock.ClockError:
            return  # the window already says what is wrong with GEODL_APP_NOW
        due = self.schedule.check(now)
        zone: tzinfo = self.conference.zone
        if self.settings_store.settings.times_in == "computer":
            zone = clock.computer_zone()
        for reminder in due.send:
            self.notifier.show(reminder_notice(reminder, now, zone))
        if due.missed:
            self.notifier.show(missed_notice(due.missed, now, zone))
        if due:
            self.sent.emit(due.send + due.missed)

    def snooze(self, item_id: str) -> None:
        try:
            now = clock.now(self.conference.zone)
        except clock.ClockError:
            return
        self.schedule.snooze(item_id, now)

    def stop(self) -> None:
        self._timer.stop()
