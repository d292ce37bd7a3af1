"""The open conference: its main window, the attendee's plan bound to it, the File menu.

:mod:`geodl_app.app` builds a :class:`Companion`; it makes the window, opens
the plan of the conference shown (one :class:`BookmarkStore` per conference
id) and routes the window's requests to the stores, the program loader and
the exporters. Opening another program builds a new window for it with its
own plan and closes the old one, so nothing of one conference leaks into
another. Nothing here decides what a star or a clash means.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from geodl_app.bookmarks import BookmarkStore, PlanError, PlanSetAside
from geodl_app.clashes import Clash
from geodl_app.errors import ProgramError, UserError
from geodl_app.model import Conference
from geodl_app.program import BUNDLED_ID
from geodl_app.ui import plain_text
from geodl_app.ui.library_binding import LibraryBinding
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.plan_store import PlanStore, bind_timetable
from geodl_app.ui.settings_store import SettingsStore

if TYPE_CHECKING:
    from geodl_app.recent import RecentPrograms
    from geodl_app.ui.my_plan import MyPlanView
    from geodl_app.ui.notifier import Notifier
    from geodl_app.ui.reminder_driver import ReminderDriver
    from geodl_app.ui.tray import Tray

REMEMBER_DELAY_MS = 1000
# pydantic, and the plan's checks, are made ready once the window is up: the
# first paint does not wait for them, and neither does the first star.
CHECKS_DELAY_MS = 300
# Reminders start once the window is up: the first paint never waits for D-Bus.
REMINDERS_DELAY_MS = 500


class PlanBinding:
    """One conference's plan shown in one window: stars, clashes, appointments, notices."""

    def __init__(self, window: MainWindow, conference: Conference, read_only: bool = False) -> None:
        self.window = window
        self.conference = conference
        self.plan_store = PlanStore(
            conference, BookmarkStore(conference.id, read_only=read_only), parent=window
        )
        store = self.plan_store
        bind_timetable(store, window)
        store.changed.connect(self._count_clashes)
        store.changed.connect(self._show_reminders_off)
        window.reminder_toggle_requested.connect(store.toggle_reminder)
        store.clashes_created.connect(self._announce_clashes)
        store.problem.connect(self._report)
        window.set_plan_view_factory(self._make_plan_view)
        self._count_clashes()
        self._show_reminders_off()
        problems = store.take_problems()
        if problems:
            # Told once the window is up, not before it.
            QTimer.singleShot(0, window, lambda: self._report_all(problems))

    def _make_plan_view(self) -> MyPlanView:
        from geodl_app.ui.my_plan import MyPlanView

        return MyPlanView(self.conference, self.plan_store)

    def _show_reminders_off(self) -> None:
        self.window.set_reminders_off(self.plan_store.plan.reminders_off)

    def _count_clashes(self) -> None:
        self.window.set_clash_count(len(self.plan_store.clashes))

    def _announce_clashes(self, item_id: str, clashes: list[Clash]) -> None:
        from geodl_app.ui.clash_notice import show_clash_notice

        show_clash_notice(
            self.conference, clashes, item_id, on_compare=self.window.compare, parent=self.window
        )

    def _report_all(self, problems: list[PlanSetAside]) -> None:
        for problem in problems:
            self._report(problem)

    def _report(self, problem: PlanSetAside | PlanError) -> None:
        from geodl_app.ui.plan_messages import show_plan_problem

        show_plan_problem(problem, self.window)


def _prepare_checks() -> None:
    """Load pydantic and build the plan's validator (about 60 ms), so that the
    first change to the plan, which checks the plan it writes, is as quick as
    the next ones."""
    from geodl_app.bookmarks import Plan
    from geodl_app.validation import prepare

    prepare(Plan)


class Companion:
    """The window of the conference being shown, and what it needs around it.

    *program_path* is the file the conference came from (None: the bundled
    programme); *timezone* is used for files that name no zone; with
    *persist* false nothing of the window's state is ever written.
    """

    def __init__(
        self,
        conference: Conference,
        *,
        program_path: str | Path | None = None,
        timezone: str | None = None,
        persist: bool = True,
        library_id: str | None = None,
    ) -> None:
        self.program_path = None if program_path is None else Path(program_path)
        # The library entry shown (None: a one-off file from --program).
        self.library_id = library_id
        self.timezone = timezone
        self.persist = persist
        self._recent: RecentPrograms | None = None
        self.plan: PlanBinding | None = None
        self.settings = SettingsStore(persist=persist)
        self.settings.changed.connect(self._apply_settings)
        self.tray: Tray | None = None  # made once the window is up
        self.notifier: Notifier | None = None  # likewise
        self.reminders: ReminderDriver | None = None  # of the conference shown
        self.library = LibraryBinding(self)
        self.window = self._build(conference)
        if persist:
            QTimer.singleShot(CHECKS_DELAY_MS, self.window, _prepare_checks)
            QTimer.singleShot(REMINDERS_DELAY_MS, self.window, self._start_reminders)
            # The library is read once the window is up: the first paint does not wait.
            QTimer.singleShot(REMEMBER_DELAY_MS, self.window, self._settle_library)
        if self.settings.problem:
            problem = self.settings.problem
            QTimer.singleShot(0, self.window, lambda: self._tell(problem))
        if self.program_path is not None and persist:
            # A program given on the command line is one opened too; listed once the
            # window is up, so the first paint does not wait for it.
            QTimer.singleShot(REMEMBER_DELAY_MS, self.window, self._remember_program)

    @property
    def conference(self) -> Conference:
        return self.window.conference

    @property
    def recent(self) -> RecentPrograms:
        """The recently opened programs, read when first needed."""
        if self._recent is None:
            from geodl_app.recent import RecentPrograms

            self._recent = RecentPrograms()
            if self._recent.problem:
                # A damaged or newer list was set aside: say so, once.
                self.window.statusBar().showMessage(
                    f"Recent programs: {self._recent.problem}", 15000
                )
        return self._recent

    # ------------------------------------------------------------ the window

    def _build(self, conference: Conference) -> MainWindow:
        window = MainWindow(conference, persist=self.persist)
        # The window keeps its companion alive (run() may hold only the window).
        window.companion = self
        try:
            # A window that must not write (the smoke test) must not migrate or
            # set aside the plan file either.
            self.plan = PlanBinding(window, conference, read_only=not self.persist)
        except PlanError as error:
            self.plan = None
            window.statusBar().showMessage(f"Your plan cannot be used: {error}")
        window.closing.connect(lambda: self.save_window_state(window))
        window.open_requested.connect(self.open)
        window.open_recent_requested.connect(lambda path: self.open_path(Path(path)))
        window.open_bundled_requested.connect(self.open_bundled)
        window.export_requested.connect(self.export)
        window.file_menu.aboutToShow.connect(self._fill_recent)
        window.bundled_action.setEnabled(
            self.program_path is not None or self.library_id not in (None, BUNDLED_ID)
        )
        self.library.attach(window)
        window.export_notes_requested.connect(self.export_notes)
        window.preferences_requested.connect(self.show_preferences)
        window.set_times_in(self.settings.settings.times_in)
        if self.settings.settings.open_on_now_and_next:
            window.open_on_now_if_running()
        if self.notifier is not None:
            self._bind_reminders(window)
        return window

    # ------------------------------------------------------------ reminders

    def _start_reminders(self) -> None:
        """The tray (where there is one), the notifier and this window's reminders."""
        from geodl_app.ui.notifier import Notifier
        from geodl_app.ui.tray import Tray, tray_available

        if tray_available():
            self.tray = Tray(
                QApplication.windowIcon(),
                show_window=self.show_window,
                next_up=self._next_up,
                open_item=self.open_item,
                quit_app=self.quit,
            )
            self.tray.show()
        self.notifier = Notifier(tray=lambda: self.tray, in_window=self._notice_in_window)
        self.notifier.open_requested.connect(self.open_item)
        if self.tray is not None:
            self.tray.messageClicked.connect(self.notifier.tray_message_clicked)
        self._apply_settings()
        self._bind_reminders(self.window)

    def _bind_reminders(self, window: MainWindow) -> None:
        from geodl_app.ui.reminder_driver import ReminderDriver

        schedule = None
        if self.reminders is not None:
            self.reminders.stop()
            if self.reminders.conference.id == window.conference.id:
                # The same conference again (a programme update): what was already
                # reminded stays reminded; only moved or new items are reminded again.
                schedule = self.reminders.schedule
            self.reminders = None
        if self.plan is None or self.notifier is None:
            return
        self.reminders = ReminderDriver(
            window.conference,
            self.plan.plan_store,
            self.settings,
            self.notifier,
            parent=window,
            schedule=schedule,
        )

    def _next_up(self) -> tuple[str, str | None]:
        """The tray's "Next up: …": the first plan item starting after now, and its id."""
        from geodl_app import clock
        from geodl_app.reminders import next_up

        if self.plan is None:
            return "nothing planned", None
        try:
            now = clock.now(self.conference.zone)
        except clock.ClockError:
            return "the clock is not set", None
        found = next_up(self.conference, self.plan.plan_store.plan, now)
        if not found.next:
            return "nothing planned", None
        event = found.next[0]
        start = self.conference.local(event.start)
        return f"{start:%H:%M} {event.title}", event.id

    def _notice_in_window(self, notice) -> None:
        first = notice.body.splitlines()[0] if notice.body else ""
        self.window.statusBar().showMessage(f"Reminder: {notice.summary} — {first}", 120_000)

    def open_item(self, item_id: str) -> None:
        """Raise the window on *item_id* (a reminder's "Open", the tray's "Next up")."""
        self.show_window()
        if self.window.find_event(item_id) is not None:
            self.window.open_here(item_id)

    def show_window(self) -> None:
        window = self.window
        window.show()
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def quit(self) -> None:
        self.window.close()
        QApplication.quit()

    def _apply_settings(self) -> None:
        """Settings apply at once: the zone panes give first; the tray, where there is one."""
        self.window.set_times_in(self.settings.settings.times_in)
        keep = self.settings.settings.keep_running_in_tray and self.tray is not None
        QApplication.setQuitOnLastWindowClosed(not keep)

    def _tell(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 30_000)

    def show_preferences(self) -> QWidget:
        """File → Preferences (Ctrl+,): changes apply and are saved at once."""
        from geodl_app.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.settings,
            tray=self.tray is not None,
            conference_zone=self.conference.timezone,
            parent=self.window,
        )
        dialog.show()
        return dialog

    def export_notes(self) -> Path | None:
        """File → Export Notes: the plan's notes as Markdown; the file written or None."""
        from PySide6.QtWidgets import QFileDialog

        from geodl_app.exporting import ExportError, export_notes

        if self.plan is None:
            plain_text.warn(self.window, "Cannot export", "Your plan cannot be read.")
            return None
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export notes",
            f"{self.conference.id}-notes.md",
            "Markdown (*.md);;All files (*)",
        )
        if not name:
            return None
        try:
            count = export_notes(
                self.conference, self.plan.plan_store.plan, name, program_path=self.program_path
            )
        except ExportError as error:
            plain_text.warn(self.window, "Cannot export", str(error))
            return None
        self.window.statusBar().showMessage(
            f"Wrote your notes ({count} item{'s' if count != 1 else ''}) to {name}", 10_000
        )
        return Path(name)

    def switch_to(
        self,
        conference: Conference,
        program_path: Path | None,
        library_id: str | None = None,
    ) -> MainWindow:
        """Show *conference* in a new window in place of the old one; returns it.

        *library_id* names the library entry it is (None: a one-off file).
        """
        old = self.window
        self.save_window_state(old)
        self.program_path = program_path
        self.library_id = library_id
        if library_id is not None and self.persist:
            from geodl_app.library import Library

            with contextlib.suppress(OSError, UserError):
                Library().set_current(library_id)
        new = self._build(conference)
        # Where and how big the old one was, whatever the saved layout said.
        new.resize(old.size())
        new.move(old.pos())
        new.setWindowState(old.windowState())
        if old.isVisible():
            new.show()
        self.window = new
        old.persist = False  # its state was saved above, under its own conference
        old.companion = None
        old.close()
        old.deleteLater()
        return new

    def save_window_state(self, window: MainWindow) -> None:
        """The one place the window's layout is written: when it closes or gives way.

        A window that must not write (the smoke test), or one already saved
        before it gave way to another, writes nothing.
        """
        if self.persist and window.persist:
            window.save_state()

    # ------------------------------------------------------------- File menu

    def open(self) -> MainWindow | None:
        """File → Open: the new window, or None (cancelled or failed: nothing changed)."""
        from geodl_app.ui.open_program import choose_file

        path = choose_file(self.window, self._recent_or_none())
        return None if path is None else self.open_path(path)

    def open_path(self, path: Path) -> MainWindow | None:
        """Open the program in *path*; on failure say why and keep the one shown."""
        from geodl_app.ui.open_program import open_file

        conference = open_file(
            self.window, path, recent=self._recent_or_none(), timezone=self.timezone
        )
        if conference is None:
            return None
        if not self.persist:
            return self.switch_to(conference, path)
        from geodl_app.library import Library

        # Kept in the library: a copy in the app's own format, so the file may move.
        try:
            result = Library().add(str(path), conference=conference, timezone=conference.timezone)
        except (UserError, ProgramError, OSError) as error:
            window = self.switch_to(conference, path)
            window.statusBar().showMessage(f"Not kept in the library: {error}", 15_000)
            return window
        window = self.show_library_entry(result.entry.id, result.conference)
        if result.status == "updated":
            self.library.show_result(result)
        return window

    def show_library_entry(self, entry_id: str, conference: Conference) -> MainWindow:
        """Show the library's *conference* (entry *entry_id*) in place of the one shown."""
        return self.switch_to(conference, None, library_id=entry_id)

    def open_bundled(self) -> MainWindow:
        from geodl_app.program import load_bundled

        return self.switch_to(load_bundled(), None, library_id=BUNDLED_ID)

    def export(self) -> Path | None:
        """File → Export: ask what and where, then write it; the file written or None."""

        from geodl_app import formats
        from geodl_app.exporting import ExportError, export, plan_alarms, plan_events
        from geodl_app.ui.export_dialog import choose_export

        choice = choose_export(self.window, self.conference)
        if choice is None:
            return None
        events = None
        options = {}
        if choice.plan_only:
            if self.plan is None:
                plain_text.warn(self.window, "Cannot export", "Your plan cannot be read.")
                return None
            plan = self.plan.plan_store.plan
            events = plan_events(self.conference, plan)
            if choice.kind == formats.ICAL:
                # Phone calendars remind too, with the same lead as the app.
                options = plan_alarms(plan, self.settings.settings.reminder_lead_minutes)
        try:
            count = export(
                choice.kind,
                self.conference,
                choice.path,
                events,
                program_path=self.program_path,
                **options,
            )
        except ExportError as error:
            plain_text.warn(self.window, "Cannot export", str(error))
            return None
        what = "your plan" if choice.plan_only else "the program"
        self.window.statusBar().showMessage(
            f"Wrote {what} ({count} item{'s' if count != 1 else ''}) to {choice.path}", 10_000
        )
        return choice.path

    def _settle_library(self) -> None:
        """After start-up, in the background: the Open Recent list of older versions
        becomes library entries (once), and the conference shown the one to reopen."""
        from geodl_app.library import Library
        from geodl_app.ui.library_task import LibraryTask

        entry_id = self.library_id

        def settle(_task: LibraryTask) -> list[str]:
            library = Library()
            problems = library.migrate_recent()
            if entry_id is not None:
                library.set_current(entry_id)
            return problems

        task = LibraryTask(settle)
        self._settling = task  # kept alive until it is done
        task.start()
        # Preferences → "Update conference programmes … when the app starts": only
        # with that setting on (off by default) does a start go online.
        if self.settings.settings.update_automatically and entry_id not in (None, BUNDLED_ID):
            self.library.update()

    def _remember_program(self) -> None:
        # A window closed already (or replaced) no longer speaks for this program.
        if self.program_path is None or not self.window.isVisible():
            return
        # Failing to list it in a menu is no reason to bother the user.
        with contextlib.suppress(OSError):
            self.recent.remember(self.program_path, self.conference.name)

    def _recent_or_none(self) -> RecentPrograms | None:
        # The smoke test and other runs that must not write leave the list alone.
        return self.recent if self.persist else None

    def _fill_recent(self) -> None:
        recent = self._recent_or_none()
        entries = [] if recent is None else recent.entries
        self.window.set_recent([(str(e.path), e.name) for e in entries])
