"""The abstract panes right of the timetable: the first one reads the selection,
the others hold items opened beside it, up to :data:`MAX_PANES`.

:class:`PaneArea` owns the panes and their share of the window's splitter;
the main window asks it to show, open beside, close and star, and hears the
panes' requests through its signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from geodl_app import clock, ui_state
from geodl_app.model import Conference, Event
from geodl_app.ui.abstract_pane import AbstractPane

MAX_PANES = ui_state.MAX_PANES
# The timetable keeps at least this width: with three panes beside it at 1366
# pixels it shrank to 300 and a day's column was cut. Panes that do not fit
# beside it at MIN_PANE_WIDTH are stacked in one column instead.
MIN_TIMETABLE_WIDTH = 560
MIN_PANE_WIDTH = 280
MAX_PANE_WIDTH = 480


class PaneArea(QObject):
    """The panes in *splitter* (whose first widget is the timetable side), left to right.

    Signals:
        open_beside_requested(str), star_toggle_requested(str), edit_requested(str),
        reminder_toggle_requested(str): passed on from any pane.
        panes_changed(): a pane was added or closed (the tab order changes).
    """

    open_beside_requested = Signal(str)
    star_toggle_requested = Signal(str)
    edit_requested = Signal(str)
    reminder_toggle_requested = Signal(str)
    panes_changed = Signal()

    def __init__(self, conference: Conference, splitter: QSplitter, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.conference = conference
        self.splitter = splitter
        self.panes: list[AbstractPane] = []
        self.stack: QSplitter | None = None  # the panes, one above the other, when squeezed
        self._starred: set[str] = set()
        self._silent: set[str] = set()  # planned items without a reminder
        # The panes give this computer's times too where they differ from the conference's.
        self._times: tuple[str, tzinfo | None] = ("conference", clock.computer_zone())

    def ids(self) -> list[str]:
        """The item shown in each pane, left to right ("" for an empty pane)."""
        return [pane.event_id() for pane in self.panes]

    def set_starred(self, starred: Iterable[str]) -> None:
        """Which items are starred: each pane's star follows."""
        self._starred = set(starred)
        for pane in self.panes:
            pane.set_starred(pane.event_id() in self._starred)

    def set_times_in(self, times_in: str) -> None:
        """ "conference" or "computer": which zone the panes give first (a preference)."""
        self._times = (times_in, self._times[1])
        for pane in self.panes:
            pane.set_times(*self._times)

    def set_reminders_off(self, ids: Iterable[str]) -> None:
        """The planned items the attendee wants no reminder for."""
        self._silent = set(ids)
        for pane in self.panes:
            pane.set_reminder(pane.event_id() not in self._silent)

    def show_first(self, event: Event | None) -> AbstractPane:
        """Show *event* (or nothing) in the first pane, making it if there is none."""
        if not self.panes:
            self.add()
            self.balance()
        self.show(self.panes[0], event)
        return self.panes[0]

    def open_beside(self, event: Event) -> AbstractPane:
        """Show *event* in a pane of its own beside the others (when full, in the last one)."""
        for pane in self.panes[1:]:
            if pane.event_id() == event.id:
                pane.reader.setFocus(Qt.FocusReason.OtherFocusReason)
                return pane
        if not self.panes:
            self.add()
        if len(self.panes) == 1 and not self.panes[0].event_id():
            pane = self.panes[0]
        elif len(self.panes) < MAX_PANES:
            pane = self.add()
        else:
            pane = self.panes[-1]  # full: the last pane is replaced
        self.show(pane, event)
        self.balance()
        return pane

    def add(self) -> AbstractPane:
        pane = AbstractPane(self.conference)
        pane.open_beside_requested.connect(self.open_beside_requested)
        pane.star_toggle_requested.connect(self.star_toggle_requested)
        pane.edit_requested.connect(self.edit_requested)
        pane.reminder_toggle_requested.connect(self.reminder_toggle_requested)
        pane.set_times(*self._times)
        pane.close_requested.connect(lambda: self.close(pane))
        pane.reader.setTabChangesFocus(True)
        self.panes.append(pane)
        if self.stack is not None:
            self.stack.addWidget(pane)
        else:
            self.splitter.addWidget(pane)
            self.splitter.setCollapsible(self.splitter.indexOf(pane), False)
        self.panes_changed.emit()
        return pane

    def close(self, pane: AbstractPane) -> None:
        if pane not in self.panes:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self.stack is not None:
            self.balance()  # one pane fewer may fit beside the timetable again
        self.panes_changed.emit()

    def close_focused(self, focus: QWidget | None) -> None:
        """Close the pane holding the keyboard focus *focus*, if any."""
        for pane in self.panes:
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                self.close(pane)
                return

    def balance(self) -> None:
        """Give the panes a readable share of the width and the timetable the rest,
        never less than :data:`MIN_TIMETABLE_WIDTH`: panes that do not fit side by
        side are stacked one above the other."""
        total = sum(self.splitter.sizes()) or self.window.width()
        count = len(self.panes)
        if not count:
            self._unstack()
            return
        room = total - MIN_TIMETABLE_WIDTH
        if count > 1 and room < count * MIN_PANE_WIDTH:
            self._stack()
            width = max(MIN_PANE_WIDTH, min(MAX_PANE_WIDTH, room))
            self.splitter.setSizes([total - width, width])
            return
        self._unstack()
        pane_width = max(MIN_PANE_WIDTH, min(MAX_PANE_WIDTH, int(total * 0.5 / count)))
        left = max(MIN_TIMETABLE_WIDTH, total - pane_width * count)
        self.splitter.setSizes([left] + [pane_width] * count)

    def is_stacked(self) -> bool:
        return self.stack is not None

    def _stack(self) -> None:
        if self.stack is None:
            self.stack = QSplitter(Qt.Orientation.Vertical)
            self.stack.setObjectName("pane-stack")
            self.stack.setChildrenCollapsible(False)
            self.splitter.addWidget(self.stack)
            self.splitter.setCollapsible(self.splitter.indexOf(self.stack), False)
        for pane in self.panes:
            if pane.parentWidget() is not self.stack:
                self.stack.addWidget(pane)
        self.stack.setSizes([1] * len(self.panes))

    def _unstack(self) -> None:
        if self.stack is None:
            return
        for pane in self.panes:
            self.splitter.addWidget(pane)
            self.splitter.setCollapsible(self.splitter.indexOf(pane), False)
        self.stack.hide()
        self.stack.setParent(None)
        self.stack.deleteLater()
        self.stack = None

    def show(self, pane: AbstractPane, event: Event | None) -> None:
        pane.show_event(event)
        pane.set_reminder(event is None or event.id not in self._silent)
        pane.set_starred(event is not None and event.id in self._starred)
