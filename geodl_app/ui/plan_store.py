"""The Qt face of the attendee's plan: signals over a :class:`BookmarkStore`.

Views call the methods here and listen to :attr:`PlanStore.changed`; only the
core store writes the file. The plan's folder is watched so that a change made
by another window or a command-line call shows up here too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from geodl_app.bookmarks import Appointment, BookmarkStore, Plan, PlanError, PlanSetAside
from geodl_app.clashes import (
    Clash,
    clash_partners,
    clashing_ids,
    find_clashes,
    new_clashes,
    planned_items,
)
from geodl_app.model import Conference, Event
from geodl_app.ui.protocols import ShowsPlan

# Several file events arrive for one save (temporary file, rename): wait a little
# and reload once.
RELOAD_DELAY_MS = 150
# A cheap stat() now and then, for what the watcher cannot see (a folder that did
# not exist yet, file systems without change notification).
POLL_INTERVAL_MS = 3000


class PlanStore(QObject):
    """The plan of one conference for the UI.

    Signals:
        changed: the plan changed (here or in another process).
        clashes_created(str, list[Clash]): a star or appointment made here (the id)
            created these clashes.
        problem(object): a :class:`PlanSetAside` or :class:`PlanError` to show the user.
    """

    changed = Signal()
    clashes_created = Signal(str, list)
    problem = Signal(object)

    def __init__(
        self, conference: Conference, store: BookmarkStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.conference = conference
        self.store = store
        self._clashes = self._compute_clashes()
        self._pending_problems: list[PlanSetAside] = store.take_problems()
        # The last error a reload met, so that a poll every few seconds does not
        # open a new message for the same trouble each time.
        self._reload_error: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload_if_changed)
        self._watcher.directoryChanged.connect(self._schedule_reload)
        self._watcher.fileChanged.connect(self._schedule_reload)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_INTERVAL_MS)
        self._poll_timer.timeout.connect(self.reload_if_changed)
        self._poll_timer.start()
        self._watch()

    # ---------------------------------------------------------------- reading

    @property
    def plan(self) -> Plan:
        return self.store.plan

    @property
    def clashes(self) -> list[Clash]:
        return self._clashes

    def starred_ids(self) -> set[str]:
        return self.store.starred_ids()

    def clashing_ids(self) -> set[str]:
        return clashing_ids(self._clashes)

    def personal_events(self) -> list[Event]:
        """Own appointments as ``Kind.PERSONAL`` events for the timetable."""
        return self.plan.appointment_events()

    def take_problems(self) -> list[PlanSetAside]:
        """Problems found before anyone was listening (at start-up)."""
        problems, self._pending_problems = self._pending_problems, []
        return problems + self.store.take_problems()

    # ---------------------------------------------------------------- changes

    def toggle_star(self, item_id: str) -> None:
        self._change(item_id, lambda: self.store.toggle_star(item_id))

    def star(self, item_id: str) -> None:
        self._change(item_id, lambda: self.store.star([item_id]))

    def unstar(self, item_id: str) -> None:
        self._change(item_id, lambda: self.store.unstar([item_id]))

    def set_note(self, item_id: str, text: str) -> None:
        if self.plan.note(item_id) == text.rstrip():
            return
        self._change(item_id, lambda: self.store.set_note(item_id, text))

    def toggle_reminder(self, item_id: str) -> None:
        self.set_reminder(item_id, not self.plan.reminds(item_id))

    def set_reminder(self, item_id: str, on: bool) -> None:
        if self.plan.reminds(item_id) == on:
            return
        self._change(item_id, lambda: self.store.set_reminder(item_id, on))

    def add_appointment(self, appointment: Appointment) -> None:
        self._change(appointment.id, lambda: self.store.add_appointment(appointment))

    def update_appointment(self, appointment: Appointment) -> None:
        self._change(appointment.id, lambda: self.store.update_appointment(appointment))

    def remove_appointment(self, appointment_id: str) -> None:
        self._change(appointment_id, lambda: self.store.remove_appointment(appointment_id))

    def relink(self, old_id: str, new_id: str) -> None:
        """Move a star and note from an item that left the programme to *new_id*."""
        from geodl_app.library import rekey_plan

        self._change(new_id, lambda: self.store.apply(lambda p: rekey_plan(p, {old_id: new_id})))

    def reload_if_changed(self) -> bool:
        """Pick up another process's changes; True (and ``changed``) if there were any."""
        self._watch()
        try:
            changed = self.store.reload_if_changed()
        except PlanError as error:
            if str(error) != self._reload_error:
                self._reload_error = str(error)
                self.problem.emit(error)
            return False
        self._reload_error = None
        self._report_problems()
        if changed:
            self._clashes = self._compute_clashes()
            self.changed.emit()
        return changed

    # -------------------------------------------------------------- internals

    def _change(self, item_id: str, action: Callable[[], object]) -> None:
        before = self._clashes
        try:
            action()
        except PlanError as error:
            self.problem.emit(error)
            return
        self._watch()
        self._report_problems()
        self._clashes = self._compute_clashes()
        self.changed.emit()
        created = [c for c in new_clashes(before, self._clashes) if c.involves(item_id)]
        if created:
            self.clashes_created.emit(item_id, created)

    def _compute_clashes(self) -> list[Clash]:
        plan = self.store.plan
        return find_clashes(planned_items(plan.starred_events(self.conference), plan.appointments))

    def _report_problems(self) -> None:
        for problem in self.store.take_problems():
            self.problem.emit(problem)

    def _schedule_reload(self, _path: str = "") -> None:
        self._reload_timer.start()

    def _watch(self) -> None:
        # The file is replaced on every save, which drops a watch on the file
        # itself on some platforms; the folder's watch sees the rename.
        folder = self.store.folder
        if not folder.exists():
            return
        wanted = [str(folder)]
        if self.store.path.exists():
            wanted.append(str(self.store.path))
        missing = [
            p for p in wanted if p not in self._watcher.files() + self._watcher.directories()
        ]
        if missing:
            self._watcher.addPaths(missing)


def bind_timetable(plan_store: PlanStore, view: ShowsPlan) -> Callable[[], None]:
    """Keep *view* (the main window) showing the plan: marks, clashes and own appointments.

    *view* toggles a star when it emits ``star_toggle_requested``. Returns the
    update function.
    """

    def update() -> None:
        view.set_marks(plan_store.starred_ids(), plan_store.clashing_ids())
        view.set_clash_partners(clash_partners(plan_store.clashes))
        view.set_personal_items(plan_store.personal_events())

    plan_store.changed.connect(update)
    view.star_toggle_requested.connect(plan_store.toggle_star)
    update()
    return update
