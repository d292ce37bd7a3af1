"""The library's part of the window: File → Conferences, Update (Ctrl+R) and Changes.

Owned by the :class:`~geodl_app.ui.companion.Companion`, which hands it every
window it builds. Fetching and parsing run in a worker thread
(:mod:`geodl_app.ui.library_task`) with a progress bar in the status bar: the
window never blocks. After an update the conference is shown again from the
library, with a notice that says what changed in the user's plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from geodl_app.program import BUNDLED_ID
from geodl_app.ui import plain_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressBar

    from geodl_app.library import UpdateResult
    from geodl_app.ui.changes_view import ChangesView
    from geodl_app.ui.companion import Companion
    from geodl_app.ui.library_dialog import ConferencesDialog
    from geodl_app.ui.library_task import LibraryTask
    from geodl_app.ui.main_window import MainWindow


class LibraryBinding(QObject):
    def __init__(self, companion: Companion) -> None:
        super().__init__()
        self.companion = companion
        self.task: LibraryTask | None = None
        self.dialog: ConferencesDialog | None = None
        self.changes_view: ChangesView | None = None
        self._progress: QProgressBar | None = None
        self.last_result: UpdateResult | None = None
        self.last_failure: str | None = None

    @property
    def window(self) -> MainWindow:
        return self.companion.window

    @property
    def entry_id(self) -> str | None:
        return self.companion.library_id

    # -------------------------------------------------------------- windows

    def attach(self, window: MainWindow) -> None:
        """Connect a newly built window's File menu to the library."""
        window.library_requested.connect(self.show_library)
        window.update_requested.connect(lambda: self.update())
        window.changes_requested.connect(self.show_changes)
        shown = self.entry_id
        window.update_action.setEnabled(shown is not None and shown != BUNDLED_ID)
        if self.companion.persist and shown is not None and shown != BUNDLED_ID:
            # Once the window is built (a zero timer still runs before its first
            # paint, so changed items are marked in it; reading the log is ~1 ms).
            QTimer.singleShot(0, window, lambda: self.refresh_marks(window))

    def refresh_marks(self, window: MainWindow | None = None) -> None:
        """Enable File → Changes and mark changed items while changes are unseen."""
        from geodl_app.library import Library

        window = window or self.window
        if window is not self.window or self.entry_id is None:
            return
        try:
            pending = Library().pending_changes(self.entry_id)
        except (OSError, ValueError) as error:
            window.statusBar().showMessage(f"Changes cannot be read: {error}", 10_000)
            return
        window.changes_action.setEnabled(bool(pending))
        marker = getattr(window, "set_changed_items", None)
        if marker is not None:
            marker({c.id for c in pending if c.after is not None})

    # --------------------------------------------------------------- update

    def update(self, entry_id: str | None = None, source: str | None = None) -> bool:
        """Start updating *entry_id* (default: the conference shown); False if not started."""
        from geodl_app.ui.library_task import LibraryTask, update_work

        entry_id = entry_id or self.entry_id
        if entry_id is None or entry_id == BUNDLED_ID:
            self._tell(
                "The bundled programme comes with the app; there is nothing to update."
                if entry_id == BUNDLED_ID
                else "This programme was opened as a one-off file; open it with File → Open "
                "to keep it in the library and update it."
            )
            return False
        return self._start(LibraryTask(update_work(entry_id, source)), "Updating the programme…")

    def add_url(self, url: str) -> bool:
        """Add the programme at *url* to the library (in the background), then show it."""
        from geodl_app.ui.library_task import LibraryTask, add_work

        return self._start(LibraryTask(add_work(url)), f"Fetching {url}…")

    def _start(self, task: LibraryTask, message: str) -> bool:
        if self.task is not None and self.task.running():
            self._tell("An update is already running; wait for it to finish.")
            return False
        self.task = task
        task.progress.connect(self._show_progress)
        task.finished.connect(self.show_result)
        task.failed.connect(self._failed)
        self._busy(message)
        task.start()
        return True

    def _busy(self, message: str) -> None:
        from PySide6.QtWidgets import QProgressBar

        window = self.window
        bar = QProgressBar(window)
        bar.setRange(0, 0)  # busy until the size is known
        bar.setMaximumWidth(180)
        bar.setAccessibleName("Update progress")
        window.statusBar().addPermanentWidget(bar)
        window.statusBar().showMessage(message)
        window.update_action.setEnabled(False)
        self._progress = bar

    def _idle(self) -> None:
        if self._progress is not None:
            self._progress.deleteLater()
            self._progress = None
        self.window.statusBar().clearMessage()
        self.window.update_action.setEnabled(
            self.entry_id is not None and self.entry_id != BUNDLED_ID
        )

    def _show_progress(self, received: int, expected: int) -> None:
        if self._progress is None:
            return
        if expected > 0:
            self._progress.setRange(0, expected)
            self._progress.setValue(min(received, expected))
        self.window.statusBar().showMessage(f"Fetching the programme… {received // 1024} KiB")

    def show_result(self, result: UpdateResult) -> None:
        """Show what an add or update did: the conference again if it changed, and
        the notice ("… updated: 3 of your starred items changed"), whether the
        work ran here in the background or elsewhere (File → Open of a file the
        library already had)."""
        self._idle()
        self.last_result = result
        self.last_failure = None
        entry = result.entry
        shown = entry.id == self.entry_id
        if result.status == "added" or (shown and result.status == "updated"):
            self.companion.show_library_entry(entry.id, result.conference)
            self.refresh_marks()
        has_changes = result.status == "updated" and result.changed > 0
        on_show = (
            (lambda: self.show_changes()) if has_changes and self.entry_id == entry.id else None
        )
        message = result.summary()
        if result.status == "unchanged":
            message = f"{entry.name} updated: no changes"
        self._tell(message, on_show)
        self._refresh_dialog(message)

    def _failed(self, message: str) -> None:
        self._idle()
        self.last_result = None
        self.last_failure = message
        from geodl_app.library import UNFINISHED

        done = "not finished" if message.endswith(UNFINISHED) else "failed, nothing was changed"
        text = f"Update {done}: {message}"
        self._tell(text)
        self._refresh_dialog(text)

    def _tell(self, message: str, on_show: Callable[[], object] | None = None) -> None:
        from geodl_app.ui.update_notice import show_update_notice

        show_update_notice(self.window, message, on_show)

    # -------------------------------------------------------- Conferences

    def show_library(self) -> ConferencesDialog:
        from geodl_app.ui.library_dialog import ConferencesDialog

        if self.dialog is None:
            dialog = ConferencesDialog(self.window)
            dialog.open_requested.connect(self._open_entry)
            dialog.update_requested.connect(lambda entry_id: self.update(entry_id))
            dialog.remove_requested.connect(self._remove)
            dialog.add_url_requested.connect(self.add_url)
            self.dialog = dialog
        self._refresh_dialog()
        _bring_up(self.dialog)
        return self.dialog

    def _refresh_dialog(self, message: str | None = None) -> None:
        from geodl_app.library import Library

        if self.dialog is None:
            return
        library = Library()
        if self.companion.persist:
            for problem in library.migrate_recent():
                message = problem
        self.dialog.set_entries(library.entries(), self.entry_id or "")
        if message is not None:
            self.dialog.show_status(message)

    def _open_entry(self, entry_id: str) -> None:
        from geodl_app.errors import ProgramError, UserError
        from geodl_app.library import Library

        try:
            conference = Library().load(entry_id)
        except (ProgramError, UserError) as error:
            plain_text.warn(self.dialog or self.window, "Cannot open", str(error))
            return
        self.companion.show_library_entry(entry_id, conference)
        self._refresh_dialog()

    def _remove(self, entry_id: str, keep_plan: bool) -> None:
        from geodl_app.errors import UserError
        from geodl_app.library import Library

        try:
            kept = Library().remove(entry_id, keep_plan=keep_plan)
        except (UserError, OSError) as error:
            self._refresh_dialog(f"Not removed: {error}")
            return
        if entry_id == self.entry_id:
            self.companion.open_bundled()
        message = "Removed." + (f" Your plan was kept aside as {kept.name}." if kept else "")
        self._refresh_dialog(message)

    # ------------------------------------------------------------ Changes

    def change_rows(self) -> list[Any]:
        from geodl_app.changes import change_rows
        from geodl_app.library import Library

        entry_id = self.entry_id
        if entry_id is None:
            return []
        plan = self.companion.plan
        starred = set() if plan is None else plan.plan_store.starred_ids()
        clashes = [] if plan is None else plan.plan_store.clashes
        pending = Library().pending_changes(entry_id)
        return change_rows(self.companion.conference, pending, starred, clashes)

    def show_changes(self) -> ChangesView:
        from geodl_app.ui.changes_view import ChangesView

        if self.changes_view is not None:
            self.changes_view.close()
            self.changes_view.deleteLater()
        plan = self.companion.plan
        view = ChangesView(
            self.companion.conference,
            self.change_rows(),
            on_open=self.window.open_here,
            on_dismiss=None if plan is None else self._dismiss,
            on_relink=None if plan is None else self._relink,
            parent=self.window,
        )
        view.acknowledged.connect(self._acknowledge)
        self.changes_view = view
        _bring_up(view)
        return view

    def _acknowledge(self) -> None:
        from geodl_app.library import Library

        if self.entry_id is None:
            return
        Library().acknowledge(self.entry_id)
        self._after_plan_change()

    def _dismiss(self, item_id: str) -> None:
        plan = self.companion.plan
        if plan is not None:
            plan.plan_store.unstar(item_id)
        self._after_plan_change()

    def _relink(self, old_id: str, new_id: str) -> None:
        plan = self.companion.plan
        if plan is not None:
            plan.plan_store.relink(old_id, new_id)
        self._after_plan_change()

    def _after_plan_change(self) -> None:
        if self.changes_view is not None:
            self.changes_view.set_rows(self.change_rows())
        self.refresh_marks()


def _bring_up(window: QWidget) -> None:
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # which cannot raise windows
        window.raise_()
        window.activateWindow()
