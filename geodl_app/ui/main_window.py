"""The main window: a layout of parts, each in its own module.

Left: the search field over the timetable (or the agenda list). Right: one or
more abstract panes in a splitter. The window only routes signals between the
parts; what a star or a clash means is decided elsewhere and handed in with
:meth:`MainWindow.set_marks`.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from geodl_app import APP_TITLE, clock, rooms, ui_state, wording
from geodl_app.model import Conference, Event
from geodl_app.tracks import conference_track_colours
from geodl_app.ui.abstract_pane import AbstractPane
from geodl_app.ui.agenda import AgendaModel, AgendaView
from geodl_app.ui.choice_filter import ChoiceFilter
from geodl_app.ui.search_panel import SearchPanel
from geodl_app.ui.timetable import Timetable
from geodl_app.ui.track_legend import TrackLegend

if TYPE_CHECKING:
    from geodl_app.ui.now_view import NowNextView

MAX_PANES = ui_state.MAX_PANES


def unique_shortcuts(*keys: QKeySequence | QKeySequence.StandardKey) -> list[QKeySequence]:
    """The key sequences of *keys* (standard keys expanded), each only once."""
    seen: dict[str, QKeySequence] = {}
    for key in keys:
        sequences = (
            QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key]
        )
        for sequence in sequences:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text and text not in seen:
                seen[text] = sequence
    return list(seen.values())


class MainWindow(QMainWindow):
    """The timetable, the abstract panes and search, laid out together."""

    star_toggle_requested = Signal(str)  # from the timetable, the agenda or a pane
    reminder_toggle_requested = Signal(str)  # a planned item's reminder, from a pane or menu
    # The File menu; whoever owns the program and the stores answers them.
    open_requested = Signal()
    open_recent_requested = Signal(str)  # the file's path
    open_bundled_requested = Signal()
    export_requested = Signal()
    library_requested = Signal()  # File → Conferences
    update_requested = Signal()  # File → Update
    changes_requested = Signal()  # File → Changes
    closing = Signal()  # the window is closing: its owner saves its state

    def __init__(
        self,
        conference: Conference,
        parent: QWidget | None = None,
        *,
        restore: bool = True,
        persist: bool = True,
    ) -> None:
        super().__init__(parent)
        self.conference = conference
        self.persist = persist  # False: never write the window's state (smoke test)
        self._plan_view_factory: Callable[[], QWidget] | None = None
        self.plan_view: QWidget | None = None  # "My plan", built when first shown
        self._restored_view = ""  # "plan" waits for the plan to be attached
        self._personal: tuple[Event, ...] = ()
        self._starred: set[str] = set()
        self._silent: set[str] = set()  # planned items without a reminder
        # The pane gives this computer's times too where they differ from the conference's.
        self._times: tuple[str, tzinfo | None] = ("conference", clock.computer_zone())
        self._clashing: set[str] = set()
        self.panes: list[AbstractPane] = []
        self._jumped_to_now = False
        self._pending_splitter: list[int] = []
        self._search_hits: set[str] | None = None
        self._only_starred = False
        self._agenda_columns = ""  # restored into the agenda when it is built
        self.setWindowTitle(f"{conference.name} — {APP_TITLE}")
        # The window shows the application's icon, set once in app.py.

        self.timetable = Timetable(conference)
        self.agenda_model = AgendaModel(conference, self)
        # The agenda list is built when first shown: most starts never show
        # it, and its tree view costs the first paint about 8 ms.
        self._agenda: AgendaView | None = None
        self._now_view: NowNextView | None = None  # built when first shown
        self._shown_conference = conference  # with the filters applied
        self.views = QStackedWidget()
        self.views.addWidget(self.timetable)
        self.search = SearchPanel(conference)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.views, 1)
        self.track_legend = TrackLegend(self.timetable.track_colours())
        left_layout.addWidget(self.track_legend)
        left.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.setStretchFactor(0, 1)
        self.setCentralWidget(self.splitter)

        self._build_file_menu()
        self._build_actions()
        self._build_plan_menu()
        self._build_room_filter()
        self.clash_label = QLabel()
        self.clash_label.setObjectName("clash-count")
        self.clash_label.hide()
        self.statusBar().addPermanentWidget(self.clash_label)
        self._connect_parts()
        self._show_in_first_pane(None)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)
        self._clock_timer.timeout.connect(self._update_now_action)
        self._clock_timer.start()
        self._update_now_action()
        self._fit_to_screen()
        if restore:
            self.restore_state()

    # ------------------------------------------------------------- building

    def _build_actions(self) -> None:
        bar = QToolBar("View", self)
        bar.setObjectName("view-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        view_menu = self.menuBar().addMenu("&View")
        self.view_menu = view_menu

        bar.addWidget(QLabel(" Day: "))
        self.day_selector = QComboBox(self)
        self.day_selector.setAccessibleName("Day shown")
        self.day_selector.addItem("All days")
        for day in self.timetable.layout_model.days:
            self.day_selector.addItem(wording.short_day(day.day))
        self.day_selector.currentIndexChanged.connect(
            lambda index: self.timetable.set_day_filter(index - 1)
        )
        bar.addWidget(self.day_selector)

        self.now_action = QAction("Jump to now", self)
        self.now_action.setShortcut(QKeySequence("Ctrl+T"))
        self.now_action.setToolTip("Scroll to the current time (Ctrl+T)")
        self.now_action.triggered.connect(self.jump_to_now)
        bar.addAction(self.now_action)
        view_menu.addAction(self.now_action)
        bar.addSeparator()

        self.zoom_out_action = QAction("Zoom out", self)
        # Ctrl+- is StandardKey.ZoomOut on most desktops: given twice, Qt calls
        # the key ambiguous and does nothing, so the standard key is added only
        # where it is a different key.
        self.zoom_out_action.setShortcuts(
            unique_shortcuts(QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut)
        )
        self.zoom_out_action.triggered.connect(self.timetable.zoom_out)
        self.zoom_in_action = QAction("Zoom in", self)
        self.zoom_in_action.setShortcuts(
            unique_shortcuts(
                QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.StandardKey.ZoomIn
            )
        )
        self.zoom_in_action.triggered.connect(self.timetable.zoom_in)
        self.zoom_reset_action = QAction("Actual size", self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset_action.triggered.connect(self.timetable.reset_zoom)
        for action in (self.zoom_out_action, self.zoom_in_action):
            bar.addAction(action)
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        bar.addSeparator()

        group = QActionGroup(self)
        self.grid_action = QAction("Timetable", self, checkable=True, checked=True)
        self.grid_action.setShortcut(QKeySequence("Ctrl+1"))
        self.agenda_action = QAction("Agenda list", self, checkable=True)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+2"))
        self.plan_action = QAction("My plan", self, checkable=True)
        self.plan_action.setShortcut(QKeySequence("Ctrl+3"))
        self.plan_action.setToolTip("Your starred items and appointments, day by day (Ctrl+3)")
        self.plan_action.setVisible(False)  # until a plan is attached
        self.now_next_action = QAction("Now && next", self, checkable=True)
        self.now_next_action.setShortcut(QKeySequence("Ctrl+4"))
        self.now_next_action.setToolTip("What runs now and what comes next in every room (Ctrl+4)")
        views = (self.grid_action, self.agenda_action, self.plan_action, self.now_next_action)
        for action in views:
            group.addAction(action)
            bar.addAction(action)
        view_menu.addSeparator()
        view_menu.addActions(list(views))
        self.now_next_action.triggered.connect(lambda: self.set_view("now"))
        self.grid_action.triggered.connect(lambda: self.set_view("grid"))
        self.agenda_action.triggered.connect(lambda: self.set_view("agenda"))
        self.plan_action.triggered.connect(lambda: self.set_view("plan"))
        self.view_toolbar = bar

        view_menu.addSeparator()
        self.find_action = QAction("Search", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.search.focus_field)
        self.close_pane_action = QAction("Close pane", self)
        self.close_pane_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_pane_action.triggered.connect(self._close_focused_pane)
        view_menu.addActions([self.find_action, self.close_pane_action])
        self.addAction(self.find_action)
        self.addAction(self.close_pane_action)

    def _build_file_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setToolTip("Open another conference's program (Ctrl+O)")
        self.open_action.triggered.connect(self.open_requested)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setEnabled(False)
        self.bundled_action = QAction("Open &Bundled Programme", self)
        self.bundled_action.setToolTip("Go back to the programme that comes with the app")
        self.bundled_action.triggered.connect(self.open_bundled_requested)
        self.library_action = QAction("&Conferences…", self)
        self.library_action.setToolTip("The conferences in your library: open, update, remove")
        self.library_action.triggered.connect(self.library_requested)
        self.update_action = QAction("&Update Programme", self)
        self.update_action.setShortcut(QKeySequence("Ctrl+R"))
        self.update_action.setToolTip("Fetch this conference's programme again (Ctrl+R)")
        self.update_action.setEnabled(False)  # until the companion knows where it came from
        self.update_action.triggered.connect(self.update_requested)
        self.changes_action = QAction("C&hanges…", self)
        self.changes_action.setToolTip("What the last updates changed, your starred items first")
        self.changes_action.setEnabled(False)
        self.changes_action.triggered.connect(self.changes_requested)
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("Save your plan or the whole program for a calendar or phone")
        self.export_action.triggered.connect(self.export_requested)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.bundled_action)
        menu.addAction(self.library_action)
        menu.addSeparator()
        menu.addAction(self.update_action)
        menu.addAction(self.changes_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.file_menu = menu

    def _build_plan_menu(self) -> None:
        menu = self.menuBar().addMenu("&Plan")
        self.add_appointment_action = QAction("&Add Appointment…", self)
        self.add_appointment_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_appointment_action.setToolTip("Add your own appointment to the plan (Ctrl+N)")
        self.add_appointment_action.setEnabled(False)  # until a plan is attached
        self.add_appointment_action.triggered.connect(self.add_appointment)
        menu.addAction(self.add_appointment_action)
        menu.addAction(self.plan_action)
        self.plan_menu = menu

    def _build_room_filter(self) -> None:
        self.view_toolbar.addSeparator()
        conference = self.conference
        room_counts = Counter(e.room for e in conference.events if e.room)
        self.room_choice = ChoiceFilter(
            "rooms", conference.rooms, self.set_room_filter, self, counts=room_counts
        )
        self.rooms_menu, self.rooms_button = self.room_choice.menu, self.room_choice.button
        self.rooms_action = self.view_toolbar.addWidget(self.rooms_button)
        # Only rooms that run side by side (sub-columns) are worth choosing between.
        parallel = any(len(day.columns) > 1 for day in self.timetable.layout_model.days)
        self.rooms_action.setVisible(parallel and len(conference.rooms) > 1)
        track_counts = Counter(e.track for e in conference.events if e.track)
        self.track_choice = ChoiceFilter(
            "tracks",
            conference.tracks,
            self.set_track_filter,
            self,
            counts=track_counts,
            colours=conference_track_colours(conference),
        )
        self.tracks_menu, self.tracks_button = self.track_choice.menu, self.track_choice.button
        self.tracks_action = self.view_toolbar.addWidget(self.tracks_button)
        self.tracks_action.setVisible(len(conference.tracks) > 1)
        self.only_starred_action = QAction("★ Only starred", self, checkable=True)
        self.only_starred_action.setToolTip(
            "Show only your starred items in the timetable and the agenda"
        )
        self.only_starred_action.toggled.connect(self.set_only_starred)
        self.view_toolbar.addAction(self.only_starred_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.only_starred_action)

    def _connect_parts(self) -> None:
        tt = self.timetable
        tt.selection_changed.connect(self._selected)
        tt.activated.connect(self.open_here)
        tt.open_beside_requested.connect(self.open_beside)
        tt.star_toggle_requested.connect(self.star_toggle_requested)
        tt.reminder_toggle_requested.connect(self.reminder_toggle_requested)
        tt.edit_requested.connect(self.edit_appointment)
        tt.day_filter_changed.connect(lambda day: self.day_selector.setCurrentIndex(day + 1))
        se = self.search
        se.highlight_changed.connect(self._highlight)
        se.result_selected.connect(self._selected)
        se.result_activated.connect(self.open_here)
        se.result_beside.connect(self.open_beside)
        se.result_star.connect(self.star_toggle_requested)
        se.escaped.connect(lambda: self.current_view().setFocus(Qt.FocusReason.OtherFocusReason))

    def _fit_to_screen(self) -> None:
        """A first size that uses most of the screen, up to what the program needs."""
        screen = self.screen()
        if screen is None:
            self.resize(1280, 760)
            return
        area = screen.availableGeometry()
        width = min(area.width(), max(1024, int(area.width() * 0.9)), 1800)
        height = min(area.height(), max(700, int(area.height() * 0.9)))
        self.resize(width, height)
        self.move(area.center() - self.rect().center())

    # ---------------------------------------------------------- public API

    def set_marks(self, starred: set[str], clashing: set[str]) -> None:
        """Which items are starred and which clash; shown everywhere at once."""
        stars_changed = self._starred != set(starred)
        self._starred = set(starred)
        self._clashing = set(clashing)
        if self._only_starred and stars_changed:
            self._apply_filters()
        self.timetable.set_marks(self._starred, self._clashing)
        self.agenda_model.set_marks(self._starred, self._clashing)
        if self._now_view is not None:
            self._now_view.set_marks(self._starred)
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
        self.timetable.set_reminders_off(self._silent)
        for pane in self.panes:
            pane.set_reminder(pane.event_id() not in self._silent)

    def set_personal_items(self, events: Iterable[Event]) -> None:
        """The attendee's own appointments, shown beside the program."""
        personal = tuple(events)
        # Called on every change to the plan, a star included: laying the
        # timetable out again and resetting the agenda (losing its selection)
        # is only worth it when the appointments themselves changed.
        if personal == self._personal:
            return
        self._personal = personal
        self.timetable.set_personal_items(self._personal)
        self.agenda_model.set_personal_items(self._personal)
        self.search.set_personal_items(self._personal)

    def find_event(self, event_id: str) -> Event | None:
        event = self.conference.event(event_id)
        if event is None:
            event = next((e for e in self._personal if e.id == event_id), None)
        return event

    @property
    def agenda(self) -> AgendaView:
        """The agenda list, built now if it was not yet."""
        if self._agenda is None:
            agenda = AgendaView(self.agenda_model)
            agenda.restore_column_state(self._agenda_columns)
            # Before it can take focus: a view with no current row picks the first.
            selected = self.timetable.selected_id()
            if selected:
                agenda.select(selected)
            agenda.selection_changed.connect(self._selected)
            agenda.activated_id.connect(self.open_here)
            agenda.open_beside_requested.connect(self.open_beside)
            agenda.star_toggle_requested.connect(self.star_toggle_requested)
            agenda.edit_requested.connect(self.edit_appointment)
            self.views.addWidget(agenda)
            self._agenda = agenda
        return self._agenda

    @property
    def now_view(self) -> NowNextView:
        """The Now-and-next view, built now if it was not yet."""
        if self._now_view is None:
            from geodl_app.ui.now_view import NowNextView

            view = NowNextView(self._shown_conference)
            view.set_marks(self._starred)
            view.item_activated.connect(self.open_here)
            view.star_toggle_requested.connect(self.star_toggle_requested)
            self.views.addWidget(view)
            self._now_view = view
        return self._now_view

    def open_on_now_if_running(self) -> bool:
        """Show Now and next if the conference is running (a preference asks for it)."""
        if self.timetable.now_position() is None:
            return False
        self.set_view("now")
        return True

    def _agenda_shown(self) -> bool:
        return self._agenda is not None and self.views.currentWidget() is self._agenda

    def current_view(self) -> QWidget:
        current = self.views.currentWidget()
        return current if current is not None else self.timetable

    def set_view(self, view: str) -> None:
        """Show the timetable grid ("grid"), the agenda list ("agenda") or "plan"."""
        if view == "plan" and self._plan_view_factory is None:
            view = "grid"
        if view == "plan":
            self.views.setCurrentWidget(self.my_plan())
            self.plan_action.setChecked(True)
        elif view == "now":
            self.views.setCurrentWidget(self.now_view)
            self.now_next_action.setChecked(True)
        else:
            agenda = view == "agenda"
            if agenda:
                self.agenda_model.set_highlight(self._search_hits)
            self.views.setCurrentWidget(self.agenda if agenda else self.timetable)
            (self.agenda_action if agenda else self.grid_action).setChecked(True)
            selected = self.timetable.selected_id()
            if agenda and selected:
                self.agenda.select(selected)
        self.day_selector.setEnabled(view in ("grid", "agenda"))
        self.track_legend.setVisible(view == "grid" and len(self.timetable.track_colours()) > 1)
        self._update_tab_order()

    def view(self) -> str:
        current = self.views.currentWidget()
        if current is not None and current is self._agenda:
            return "agenda"
        if current is not None and current is self._now_view:
            return "now"
        return "plan" if current is not None and current is self.plan_view else "grid"

    # ------------------------------------------------------ the plan's parts

    def set_plan_view_factory(self, factory: Callable[[], QWidget]) -> None:
        """Offer "My plan" and own appointments; *factory* builds the view on first use.

        The view is expected to offer ``item_activated(str)`` and
        ``open_appointment_dialog()``.
        """
        self._plan_view_factory = factory
        self.plan_action.setVisible(True)
        self.add_appointment_action.setEnabled(True)
        if self._restored_view == "plan":
            self.set_view("plan")

    def my_plan(self) -> QWidget:
        """The "My plan" view, built now if it was not yet."""
        if self.plan_view is None:
            if self._plan_view_factory is None:
                raise RuntimeError("no plan is attached to this window")
            self.plan_view = self._plan_view_factory()
            self.plan_view.item_activated.connect(self.open_here)  # type: ignore[attr-defined]
            self.views.addWidget(self.plan_view)
        return self.plan_view

    def add_appointment(self) -> QWidget | None:
        """Open the dialog for a new appointment (it does not block the window)."""
        if self._plan_view_factory is None:
            return None
        day = None if self.view() == "plan" else self._day_in_view()
        return self.my_plan().open_appointment_dialog(day=day)  # type: ignore[attr-defined]

    def edit_appointment(self, appointment_id: str) -> QWidget | None:
        """Open the dialog to change or delete one of the attendee's own appointments."""
        if self._plan_view_factory is None:
            return None
        return self.my_plan().open_appointment_dialog(appointment_id)  # type: ignore[attr-defined]

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None:
        """What each clashing item clashes with, in words (for tooltips)."""
        self.timetable.set_clash_partners(partners)
        self.agenda_model.set_clash_partners(partners)

    def _day_in_view(self) -> date | None:
        """The day the attendee is looking at: the selected item's, the one day
        shown, or today while the conference runs (None: let the dialog choose)."""
        selected = (
            self.agenda.selected_id() if self.view() == "agenda" else self.timetable.selected_id()
        )
        event = self.find_event(selected) if selected else None
        if event is not None:
            return self.conference.local(event.start).date()
        days = self.timetable.layout_model.days
        if 0 <= self.timetable.day_filter() < len(days):
            return days[self.timetable.day_filter()].day
        try:
            today = clock.now(self.conference.zone).date()
        except clock.ClockError:
            return None
        return today if today in self.conference.days else None

    def set_clash_count(self, count: int) -> None:
        """The number of clashing pairs in the plan, kept in the status bar."""
        self.clash_label.setText(
            f"⚠ {count} clash{'es' if count != 1 else ''} in your plan" if count else ""
        )
        self.clash_label.setToolTip("Open My plan (Ctrl+3) to see them" if count else "")
        self.clash_label.setVisible(bool(count))

    def compare(self, first_id: str, second_id: str) -> None:
        """Show two items' abstracts side by side."""
        for event_id in (first_id, second_id):
            if not any(p.event_id() == event_id for p in self.panes):
                self.open_beside(event_id)

    def set_recent(self, entries: Sequence[tuple[str, str]]) -> None:
        """The File → Open Recent list as (path, name) pairs, newest first."""
        self.recent_menu.clear()
        for number, (path, name) in enumerate(entries, start=1):
            text = f"{name} — {Path(path).name}".replace("&", "&&")
            action = self.recent_menu.addAction(f"&{number} {text}" if number < 10 else text)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(
                lambda _checked=False, p=path: self.open_recent_requested.emit(p)
            )
        self.recent_menu.setEnabled(bool(entries))

    # ------------------------------------------------------ rooms and tracks

    def set_room_filter(self, rooms_shown: Iterable[str] | None) -> None:
        """Show only the items in these rooms (None: every room)."""
        wanted = None if rooms_shown is None else frozenset(rooms_shown)
        if self.room_choice.set_shown(wanted):
            self._apply_filters()

    def set_track_filter(self, tracks_shown: Iterable[str] | None) -> None:
        """Show only the items in these tracks (None: every track)."""
        wanted = None if tracks_shown is None else frozenset(tracks_shown)
        if self.track_choice.set_shown(wanted):
            self._apply_filters()

    def track_filter(self) -> frozenset[str] | None:
        return self.track_choice.shown

    def set_only_starred(self, on: bool) -> None:
        """Show only the starred items (with the rooms and tracks chosen)."""
        if on != self.only_starred_action.isChecked():
            self.only_starred_action.setChecked(on)  # comes back here through toggled
            return
        if on != self._only_starred:
            self._only_starred = on
            self._apply_filters()

    def only_starred(self) -> bool:
        return self._only_starred

    def _apply_filters(self) -> None:
        shown = rooms.only(
            self.conference,
            self.room_choice.shown,
            self.track_choice.shown,
            ids=self._starred if self._only_starred else None,
        )
        selected = self.timetable.selected_id()
        self._shown_conference = shown
        self.timetable.set_conference(shown)
        self.agenda_model.set_conference(shown)
        if self._now_view is not None:
            self._now_view.set_conference(shown)
        if selected:
            self.timetable.select(selected)

    def room_filter(self) -> frozenset[str] | None:
        return self.room_choice.shown

    def open_here(self, event_id: str) -> None:
        """Show the item in the first pane and move the focus there to read it."""
        self._selected(event_id)
        if self.panes:
            self.panes[0].reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_beside(self, event_id: str) -> AbstractPane | None:
        """Open the item in a pane of its own next to the others."""
        event = self.find_event(event_id)
        if event is None:
            return None
        for pane in self.panes[1:]:
            if pane.event_id() == event_id:
                pane.reader.setFocus(Qt.FocusReason.OtherFocusReason)
                return pane
        if not self.panes:
            self._add_pane()
        if len(self.panes) == 1 and not self.panes[0].event_id():
            pane = self.panes[0]
        elif len(self.panes) < MAX_PANES:
            pane = self._add_pane()
        else:
            pane = self.panes[-1]  # full: the last pane is replaced
        self._show(pane, event)
        self._balance_panes()
        return pane

    def close_pane(self, pane: AbstractPane) -> None:
        if pane not in self.panes:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        self._update_tab_order()

    def jump_to_now(self) -> None:
        if self._agenda_shown():
            self.set_view("grid")
        if not self.timetable.jump_to_now():
            self.statusBar().showMessage("The conference is not running right now.", 5000)
        else:
            self.day_selector.setCurrentIndex(self.timetable.day_filter() + 1)

    # --------------------------------------------------------------- panes

    def _add_pane(self) -> AbstractPane:
        pane = AbstractPane(self.conference)
        pane.open_beside_requested.connect(self.open_beside)
        pane.star_toggle_requested.connect(self.star_toggle_requested)
        pane.reminder_toggle_requested.connect(self.reminder_toggle_requested)
        pane.set_times(*self._times)
        pane.edit_requested.connect(self.edit_appointment)
        pane.close_requested.connect(lambda: self.close_pane(pane))
        pane.reader.setTabChangesFocus(True)
        self.panes.append(pane)
        self.splitter.addWidget(pane)
        self.splitter.setCollapsible(self.splitter.indexOf(pane), False)
        self._update_tab_order()
        return pane

    def _balance_panes(self) -> None:
        """Give the panes a readable share of the width, the timetable the rest."""
        total = sum(self.splitter.sizes()) or self.width()
        count = len(self.panes)
        if not count:
            return
        pane_width = max(280, min(480, int(total * 0.5 / count)))
        left = max(300, total - pane_width * count)
        self.splitter.setSizes([left] + [pane_width] * count)

    def _show(self, pane: AbstractPane, event: Event | None) -> None:
        pane.show_event(event)
        pane.set_reminder(event is None or event.id not in self._silent)
        pane.set_starred(event is not None and event.id in self._starred)

    def _show_in_first_pane(self, event: Event | None) -> None:
        if not self.panes:
            self._add_pane()
            self._balance_panes()
        self._show(self.panes[0], event)

    def _selected(self, event_id: str) -> None:
        """A selection made in any part: mirror it in the others and the first pane."""
        if not event_id:
            return
        if self.timetable.selected_id() != event_id:
            self.timetable.select(event_id)
        # An agenda not built yet takes the selection when it is first shown.
        if self._agenda is not None and self._agenda.selected_id() != event_id:
            self._agenda.select(event_id)
        event = self.find_event(event_id)
        if event is not None and (not self.panes or self.panes[0].event_id() != event_id):
            self._show_in_first_pane(event)

    def _highlight(self, ids: set[str] | None) -> None:
        self._search_hits = ids
        self.timetable.set_highlight(ids)
        if ids:
            # Found but off screen helps no one: bring the first hit into view
            # unless one is in view already.
            self.timetable.reveal_one_of(self.search.result_ids())
        # A hidden agenda is brought up to date when it is shown: re-colouring
        # a large program's list on every keystroke would slow typing down.
        if self._agenda_shown():
            self.agenda_model.set_highlight(ids)

    def _close_focused_pane(self) -> None:
        focus = self.focusWidget()
        for pane in self.panes:
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                self.close_pane(pane)
                return

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [self.current_view()]
        chain += [pane.reader for pane in self.panes]
        chain.append(self.search.field)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _update_now_action(self) -> None:
        try:
            clock.now(self.conference.zone)
        except clock.ClockError as error:
            self.statusBar().showMessage(str(error))
        self.now_action.setEnabled(self.timetable.now_position() is not None)

    # --------------------------------------------------------------- state

    def restore_state(self) -> None:
        """Bring back panes, sizes, zoom and view from the last run."""
        try:
            loaded = ui_state.load(set_aside=self.persist)
        except (OSError, RuntimeError) as error:  # e.g. no home folder to find the data in
            self.statusBar().showMessage(f"Window layout not restored: {error}", 15000)
            return
        if loaded.problem:
            self.statusBar().showMessage(f"Window layout reset: {loaded.problem}", 15000)
        state = loaded.state
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode("ascii")))
        if state.window_state:
            self.restoreState(QByteArray.fromBase64(state.window_state.encode("ascii")))
        self.timetable.set_zoom(state.zoom)
        if state.conference == self.conference.id:
            for n, event_id in enumerate(state.panes):
                event = self.find_event(event_id) if event_id else None
                if n == 0:
                    self._show_in_first_pane(event)
                    if event is not None:
                        self.timetable.select(event.id)
                elif event is not None:
                    self._show(self._add_pane(), event)
            self._balance_panes()
            if len(state.splitter) == self.splitter.count():
                # Sizes only stick once the splitter has its real width: after showing.
                self._pending_splitter = state.splitter
            # After the panes: selecting their item would switch the day shown.

            if 0 <= state.day < len(self.timetable.layout_model.days):
                self.day_selector.setCurrentIndex(state.day + 1)
        self._agenda_columns = state.agenda_columns
        chosen = state.filters.get(self.conference.id)
        if chosen is not None:
            self.restore_filters(chosen)
        self._restored_view = state.view
        self.set_view(state.view)

    def restore_filters(self, chosen: ui_state.Filters) -> None:
        """The rooms, tracks and "only starred" chosen when this conference was last open."""
        room_shown = None if chosen.rooms is None else frozenset(chosen.rooms)
        track_shown = None if chosen.tracks is None else frozenset(chosen.tracks)
        changed = self.room_choice.set_shown(room_shown)
        changed = self.track_choice.set_shown(track_shown) or changed
        self._only_starred = chosen.only_starred
        self.only_starred_action.blockSignals(True)
        self.only_starred_action.setChecked(chosen.only_starred)
        self.only_starred_action.blockSignals(False)
        if changed or chosen.only_starred:
            self._apply_filters()

    def current_filters(self) -> ui_state.Filters:
        room_shown, track_shown = self.room_choice.shown, self.track_choice.shown
        return ui_state.Filters(
            rooms=None if room_shown is None else sorted(room_shown),
            tracks=None if track_shown is None else sorted(track_shown),
            only_starred=self._only_starred,
        )

    def current_state(self) -> ui_state.UiState:
        try:
            filters = dict(ui_state.load(set_aside=False).state.filters)
        except (OSError, RuntimeError):
            filters = {}
        filters.pop(self.conference.id, None)
        filters[self.conference.id] = self.current_filters()
        columns = self._agenda.column_state() if self._agenda is not None else ""
        return ui_state.UiState(
            agenda_columns=columns or self._agenda_columns,
            filters=ui_state.keep_latest(filters),
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            window_state=bytes(self.saveState().toBase64().data()).decode("ascii"),
            zoom=self.timetable.zoom(),
            panes=[p.event_id() for p in self.panes],
            splitter=list(self.splitter.sizes()),
            view=self.view(),
            day=self.timetable.day_filter(),
            conference=self.conference.id,
        )

    def save_state(self) -> None:
        """Write the layout now (called by the Companion, the one place that decides when)."""
        try:
            ui_state.save(self.current_state())
        except (OSError, RuntimeError) as error:
            # Losing the layout is not worth stopping the window from closing.
            self.statusBar().showMessage(f"Window layout not saved: {error}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_splitter:
            sizes, self._pending_splitter = self._pending_splitter, []
            QTimer.singleShot(0, lambda: self.splitter.setSizes(sizes))
        if not self._jumped_to_now and not self.timetable.selected_id():
            self._jumped_to_now = True
            # Now during the conference, else the first item of the day shown.
            self.timetable.show_day_start()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The Companion saves the layout (ui.companion.Companion.save_window_state).
        self.closing.emit()
        super().closeEvent(event)
