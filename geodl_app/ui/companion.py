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

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from geodl_app.bookmarks import BookmarkStore, PlanError, PlanSetAside
from geodl_app.clashes import Clash
from geodl_app.model import Conference
from geodl_app.recent import RecentPrograms
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.plan_store import PlanStore, bind_timetable

REMEMBER_DELAY_MS = 1000


class PlanBinding:
    """One conference's plan shown in one window: stars, clashes, appointments, notices."""

    def __init__(self, window: MainWindow, conference: Conference, read_only: bool = False) -> None:
        self.window = window
        self.conference = conference
        store = BookmarkStore(conference.id, read_only=read_only)
        self.plan_store = PlanStore(conference, store, parent=window)
        store = self.plan_store
        bind_timetable(store, window)
        store.changed.connect(self._count_clashes)
        store.clashes_created.connect(self._announce_clashes)
        store.problem.connect(self._report)
        window.set_plan_view_factory(self._make_plan_view)
        self._count_clashes()
        problems = store.take_problems()
        if problems:
            # Told once the window is up, not before it.
            QTimer.singleShot(0, window, lambda: self._report_all(problems))

    def _make_plan_view(self) -> QWidget:
        from geodl_app.ui.my_plan import MyPlanView

        return MyPlanView(self.conference, self.plan_store)

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
        self.window = self._build(conference)
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
        window.companion = self  # type: ignore[attr-defined]
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
        window.bundled_action.setEnabled(self.program_path is not None)
        return window

    def switch_to(self, conference: Conference, program_path: Path | None) -> MainWindow:
        """Show *conference* in a new window in place of the old one; returns it."""
        old = self.window
        self.save_window_state(old)
        self.program_path = program_path
        new = self._build(conference)
        # Where and how big the old one was, whatever the saved layout said.
        new.resize(old.size())
        new.move(old.pos())
        new.setWindowState(old.windowState())
        if old.isVisible():
            new.show()
        self.window = new
        old.persist = False  # its state was saved above, under its own conference
        old.companion = None  # type: ignore[attr-defined]
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
        return None if conference is None else self.switch_to(conference, path)

    def open_bundled(self) -> MainWindow:
        from geodl_app.program import load_bundled

        return self.switch_to(load_bundled(), None)

    def export(self) -> Path | None:
        """File → Export: ask what and where, then write it; the file written or None."""
        from PySide6.QtWidgets import QMessageBox

        from geodl_app.exporting import ExportError, export, plan_events
        from geodl_app.ui.export_dialog import choose_export

        choice = choose_export(self.window, self.conference)
        if choice is None:
            return None
        events = None
        if choice.plan_only:
            if self.plan is None:
                QMessageBox.warning(self.window, "Cannot export", "Your plan cannot be read.")
                return None
            events = plan_events(self.conference, self.plan.plan_store.plan)
        try:
            count = export(
                choice.kind, self.conference, choice.path, events, program_path=self.program_path
            )
        except ExportError as error:
            QMessageBox.warning(self.window, "Cannot export", str(error))
            return None
        what = "your plan" if choice.plan_only else "the program"
        self.window.statusBar().showMessage(
            f"Wrote {what} ({count} item{'s' if count != 1 else ''}) to {choice.path}", 10_000
        )
        return choice.path

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
