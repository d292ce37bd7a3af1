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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
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
from geodl_app.ui import window_actions
from geodl_app.ui.abstract_pane import AbstractPane
from geodl_app.ui.choice_filter import ChoiceFilter
from geodl_app.ui.pane_area import MIN_TIMETABLE_WIDTH, PaneArea
from geodl_app.ui.search_panel import SearchPanel
from geodl_app.ui.timetable import Timetable
from geodl_app.ui.track_legend import TrackLegend
from geodl_app.ui.window_actions import unique_shortcuts

if TYPE_CHECKING:
    from geodl_app.ui.agenda import AgendaModel, AgendaView
    from geodl_app.ui.companion import Companion
    from geodl_app.ui.my_plan import MyPlanView
    from geodl_app.ui.now_view import NowNextView

MAX_PANES = ui_state.MAX_PANES

__all__ = ["MAX_PANES", "MainWindow", "unique_shortcuts"]


class MainWindow(QMainWindow):
    """The timetable, the abstract panes and search, laid out together."""

    # Made by window_actions.build_actions from its ACTIONS records.
    open_action: QAction
    bundled_action: QAction
    library_action: QAction
    update_action: QAction
    changes_action: QAction
    export_action: QAction
    quit_action: QAction
    now_action: QAction
    zoom_out_action: QAction
    zoom_in_action: QAction
    zoom_reset_action: QAction
    grid_action: QAction
    agenda_action: QAction
    plan_action: QAction
    now_next_action: QAction
    find_action: QAction
    close_pane_action: QAction
    only_starred_action: QAction
    add_appointment_action: QAction
    # The tool bar's room and track filter buttons.
    rooms_action: QAction
    tracks_action: QAction
    # Added by the Companion to the File menu.
    export_notes_action: QAction
    preferences_action: QAction
    companion: Companion | None  # the Companion that owns this window, kept alive by it

    star_toggle_requested = Signal(str)  # from the timetable, the agenda or a pane
    reminder_toggle_requested = Signal(str)  # a planned item's reminder, from a pane or menu
    # The File menu; whoever owns the program and the stores answers them.
    open_requested = Signal()
    open_recent_requested = Signal(str)  # the file's path
    open_bundled_requested = Signal()
    export_requested = Signal()
    export_notes_requested = Signal()  # File → Export Notes
    preferences_requested = Signal()  # File → Preferences (Ctrl+,)
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
        self._plan_view_factory: Callable[[], MyPlanView] | None = None
        self.plan_view: MyPlanView | None = None  # "My plan", built when first shown
        self._restored_view = ""  # "plan" waits for the plan to be attached
        self._personal: tuple[Event, ...] = ()
        self._starred: set[str] = set()
        self._silent: set[str] = set()  # planned items without a reminder
        self._clashing: set[str] = set()
        self._jumped_to_now = False
        self._pending_splitter: list[int] = []
        self._search_hits: set[str] | None = None
        self._only_starred = False
        self._agenda_columns = ""  # restored into the agenda when it is built
        self.setWindowTitle(f"{conference.name} — {APP_TITLE}")
        # The window shows the application's icon, set once in app.py.

        self.timetable = Timetable(conference)
        # The agenda list and its model are built when first asked for: most
        # starts never show it, and its tree view cost the first paint ~8 ms,
        # its module and sorted rows ~4 ms more (more for a big programme).
        # Until then the window keeps what the model would be told (marks, ...).
        self._agenda_model: AgendaModel | None = None
        self._agenda: AgendaView | None = None
        self._changed_ids: frozenset[str] = frozenset()
        self._clash_partners: dict[str, list[str]] = {}
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
        self._left_layout = left_layout
        self.track_legend = TrackLegend(self.timetable.track_colours())
        left_layout.addWidget(self.track_legend)
        left.setMinimumWidth(MIN_TIMETABLE_WIDTH)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.setStretchFactor(0, 1)
        self.setCentralWidget(self.splitter)
        self.pane_area = PaneArea(conference, self.splitter, self)

        self._build_actions()
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
        """The actions of :mod:`window_actions`, laid out in the menus and the tool bar."""
        actions = window_actions.build_actions(self)
        bar = QToolBar("View", self)
        bar.setObjectName("view-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.view_toolbar = bar
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setEnabled(False)
        self.day_selector = QComboBox(self)
        self.day_selector.setAccessibleName("Day shown")
        self.day_selector.addItem("All days")
        for day in self.timetable.layout_model.days:
            self.day_selector.addItem(wording.short_day(day.day))
        self.day_selector.currentIndexChanged.connect(
            lambda index: self.timetable.set_day_filter(index - 1)
        )
        self._build_choice_filters()
        parts = {
            "recent": lambda menu: menu.addMenu(self.recent_menu),
            "day": lambda bar: (bar.addWidget(QLabel(" Day: ")), bar.addWidget(self.day_selector)),
            "rooms": lambda bar: setattr(self, "rooms_action", bar.addWidget(self.rooms_button)),
            "tracks": lambda bar: setattr(self, "tracks_action", bar.addWidget(self.tracks_button)),
        }
        menus = {}
        for key, title, layout in window_actions.MENUS:
            menus[key] = self.menuBar().addMenu(title)
            window_actions.fill(menus[key], layout, actions, parts)
        self.file_menu, self.view_menu, self.plan_menu = menus["file"], menus["view"], menus["plan"]
        window_actions.fill(bar, window_actions.TOOLBAR, actions, parts)
        # Only rooms that run side by side (sub-columns) are worth choosing between.
        parallel = any(len(day.columns) > 1 for day in self.timetable.layout_model.days)
        self.rooms_action.setVisible(parallel and len(self.conference.rooms) > 1)
        self.tracks_action.setVisible(len(self.conference.tracks) > 1)

    def _build_choice_filters(self) -> None:
        conference = self.conference
        room_counts = Counter(e.room for e in conference.events if e.room)
        self.room_choice = ChoiceFilter(
            "rooms", conference.rooms, self.set_room_filter, self, counts=room_counts
        )
        self.rooms_menu, self.rooms_button = self.room_choice.menu, self.room_choice.button
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

    def _connect_parts(self) -> None:
        area = self.pane_area
        area.open_beside_requested.connect(self.open_beside)
        area.star_toggle_requested.connect(self.star_toggle_requested)
        area.edit_requested.connect(self.edit_appointment)
        area.reminder_toggle_requested.connect(self.reminder_toggle_requested)
        area.panes_changed.connect(self._update_tab_order)
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

    def set_changed_items(self, ids: set[str]) -> None:
        """Items changed by an update and not yet seen: marked in the timetable and agenda."""
        self._changed_ids = frozenset(ids)
        self.timetable.set_changed(ids)
        if self._agenda_model is not None:
            self._agenda_model.set_changed(ids)

    def set_marks(self, starred: set[str], clashing: set[str]) -> None:
        """Which items are starred and which clash; shown everywhere at once."""
        stars_changed = self._starred != set(starred)
        self._starred = set(starred)
        self._clashing = set(clashing)
        if self._only_starred and stars_changed:
            self._apply_filters()
        self.timetable.set_marks(self._starred, self._clashing)
        if self._agenda_model is not None:
            self._agenda_model.set_marks(self._starred, self._clashing)
        self.pane_area.set_starred(self._starred)
        if self._now_view is not None:
            self._now_view.set_marks(self._starred)

    def add_notice(self, notice: QWidget) -> None:
        """Put a notice (a clash) under the timetable, where it takes room of its own
        and covers no pane's text."""
        self._left_layout.insertWidget(self._left_layout.indexOf(self.views) + 1, notice)

    def set_times_in(self, times_in: str) -> None:
        """ "conference" or "computer": which zone the panes give first (a preference)."""
        self.pane_area.set_times_in(times_in)

    def set_reminders_off(self, ids: Iterable[str]) -> None:
        """The planned items the attendee wants no reminder for."""
        self._silent = set(ids)
        self.timetable.set_reminders_off(self._silent)
        self.pane_area.set_reminders_off(self._silent)

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
        if self._agenda_model is not None:
            self._agenda_model.set_personal_items(self._personal)
        self.search.set_personal_items(self._personal)

    def find_event(self, event_id: str) -> Event | None:
        event = self.conference.event(event_id)
        if event is None:
            event = next((e for e in self._personal if e.id == event_id), None)
        return event

    @property
    def agenda_model(self) -> AgendaModel:
        """The agenda list's rows, built now (with what the window was told) if not yet."""
        if self._agenda_model is None:
            from geodl_app.ui.agenda import AgendaModel

            # Made from the whole programme: its track colours must not depend
            # on the filters; then told what is shown now.
            model = AgendaModel(self.conference, self)
            if self._shown_conference is not self.conference:
                model.set_conference(self._shown_conference)
            if self._personal:
                model.set_personal_items(self._personal)
            model.set_marks(self._starred, self._clashing)
            model.set_changed(self._changed_ids)
            model.set_clash_partners(self._clash_partners)
            model.set_highlight(self._search_hits)
            self._agenda_model = model
        return self._agenda_model

    @property
    def agenda(self) -> AgendaView:
        """The agenda list, built now if it was not yet."""
        if self._agenda is None:
            from geodl_app.ui.agenda import AgendaView

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

    def set_plan_view_factory(self, factory: Callable[[], MyPlanView]) -> None:
        """Offer "My plan" and own appointments; *factory* builds the view on first use.

        The view is expected to offer ``item_activated(str)`` and
        ``open_appointment_dialog()``.
        """
        self._plan_view_factory = factory
        self.plan_action.setVisible(True)
        self.add_appointment_action.setEnabled(True)
        if self._restored_view == "plan":
            self.set_view("plan")

    def my_plan(self) -> MyPlanView:
        """The "My plan" view, built now if it was not yet."""
        if self.plan_view is None:
            if self._plan_view_factory is None:
                raise RuntimeError("no plan is attached to this window")
            self.plan_view = self._plan_view_factory()
            self.plan_view.item_activated.connect(self.open_here)
            self.views.addWidget(self.plan_view)
        return self.plan_view

    def add_appointment(self) -> QWidget | None:
        """Open the dialog for a new appointment (it does not block the window)."""
        if self._plan_view_factory is None:
            return None
        day = None if self.view() == "plan" else self._day_in_view()
        return self.my_plan().open_appointment_dialog(day=day)

    def edit_appointment(self, appointment_id: str) -> QWidget | None:
        """Open the dialog to change or delete one of the attendee's own appointments."""
        if self._plan_view_factory is None:
            return None
        return self.my_plan().open_appointment_dialog(appointment_id)

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None:
        """What each clashing item clashes with, in words (for tooltips)."""
        self._clash_partners = partners
        self.timetable.set_clash_partners(partners)
        if self._agenda_model is not None:
            self._agenda_model.set_clash_partners(partners)

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
        if self._agenda_model is not None:
            self._agenda_model.set_conference(shown)
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
        return None if event is None else self.pane_area.open_beside(event)

    def close_pane(self, pane: AbstractPane) -> None:
        self.pane_area.close(pane)

    def jump_to_now(self) -> None:
        if self._agenda_shown():
            self.set_view("grid")
        if not self.timetable.jump_to_now():
            self.statusBar().showMessage("The conference is not running right now.", 5000)
        else:
            self.day_selector.setCurrentIndex(self.timetable.day_filter() + 1)

    # --------------------------------------------------------------- panes

    @property
    def panes(self) -> list[AbstractPane]:
        """The abstract panes, left to right (see :class:`PaneArea`)."""
        return self.pane_area.panes

    def _show_in_first_pane(self, event: Event | None) -> None:
        self.pane_area.show_first(event)

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
        self.pane_area.close_focused(self.focusWidget())

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
                    self.pane_area.show(self.pane_area.add(), event)
            self.pane_area.balance()
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
