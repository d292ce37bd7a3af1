"""The main window's actions, declared as data: one record per action, one list per menu.

:data:`ACTIONS` says what each action is called, which keys and tooltip it has
and what it runs; :data:`MENUS` and :data:`TOOLBAR` say where it appears.
:func:`build_actions` makes the ``QAction`` objects (``window.<name>_action``)
and :func:`fill` lays out a menu or tool bar from a list, so a new action is
one record plus its name in a list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

Key = str | QKeySequence.StandardKey
StandardKey = QKeySequence.StandardKey

SEPARATOR = "|"


# Records here are NamedTuples, not dataclasses: each frozen dataclass compiles its
# methods when the module is imported, ~0.4 ms of every start on Python 3.11.
class ActionSpec(NamedTuple):
    """One action of the main window."""

    name: str  # the window gets it as ``<name>_action``
    text: str
    run: str  # what it runs: a window method or signal, or a dotted path ("timetable.zoom_in")
    keys: tuple[Key, ...] = ()
    tip: str = ""
    argument: str | None = None  # passed to *run*: set_view("agenda")
    checkable: bool = False
    checked: bool = False
    group: str | None = None  # checkable actions of one group exclude each other
    signal: str = "triggered"  # or "toggled" for a checkable action whose state is passed on
    visible: bool = True
    enabled: bool = True
    role: QAction.MenuRole | None = None
    window_wide: bool = False  # its keys work wherever the focus is, menus shown or not


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("open", "&Open…", "open_requested", (StandardKey.Open,),
               "Open another conference's program (Ctrl+O)"),
    ActionSpec("bundled", "Open &Bundled Programme", "open_bundled_requested",
               tip="Go back to the programme that comes with the app"),
    ActionSpec("library", "&Conferences…", "library_requested",
               tip="The conferences in your library: open, update, remove"),
    ActionSpec("update", "&Update Programme", "update_requested", ("Ctrl+R",),
               "Fetch this conference's programme again (Ctrl+R)",
               enabled=False),  # until the companion knows where it came from
    ActionSpec("changes", "C&hanges…", "changes_requested",
               tip="What the last updates changed, your starred items first", enabled=False),
    ActionSpec("export", "&Export…", "export_requested", ("Ctrl+E",),
               "Save your plan or the whole program for a calendar or phone"),
    ActionSpec("export_notes", "Export &Notes…", "export_notes_requested",
               tip="Save your notes on starred and noted items as Markdown"),
    ActionSpec("preferences", "&Preferences…", "preferences_requested", ("Ctrl+,",),
               "Reminders, the tray, updates, time zone (Ctrl+,)",
               role=QAction.MenuRole.PreferencesRole),
    ActionSpec("quit", "&Quit", "close", ("Ctrl+Q",), role=QAction.MenuRole.QuitRole),
    # View
    ActionSpec("now", "Jump to now", "jump_to_now", ("Ctrl+T",),
               "Scroll to the current time (Ctrl+T)"),
    # Ctrl+- is StandardKey.ZoomOut on most desktops: given twice, Qt calls the
    # key ambiguous and does nothing, so each key is taken once (unique_shortcuts).
    ActionSpec("zoom_out", "Zoom out", "timetable.zoom_out", ("Ctrl+-", StandardKey.ZoomOut)),
    ActionSpec("zoom_in", "Zoom in", "timetable.zoom_in",
               ("Ctrl+=", "Ctrl++", StandardKey.ZoomIn)),
    ActionSpec("zoom_reset", "Actual size", "timetable.reset_zoom", ("Ctrl+0",)),
    ActionSpec("grid", "Timetable", "set_view", ("Ctrl+1",), argument="grid",
               checkable=True, checked=True, group="view"),
    ActionSpec("agenda", "Agenda list", "set_view", ("Ctrl+2",), argument="agenda",
               checkable=True, group="view"),
    ActionSpec("plan", "My plan", "set_view", ("Ctrl+3",),
               "Your starred items and appointments, day by day (Ctrl+3)", argument="plan",
               checkable=True, group="view", visible=False),  # until a plan is attached
    ActionSpec("now_next", "Now && next", "set_view", ("Ctrl+4",),
               "What runs now and what comes next in every room (Ctrl+4)", argument="now",
               checkable=True, group="view"),
    ActionSpec("find", "Search", "search.focus_field", (StandardKey.Find,), window_wide=True),
    ActionSpec("close_pane", "Close pane", "_close_focused_pane", ("Ctrl+W",),
               window_wide=True),
    ActionSpec("only_starred", "★ Only starred", "set_only_starred",
               tip="Show only your starred items in the timetable and the agenda",
               checkable=True, signal="toggled"),
    # Plan
    ActionSpec("add_appointment", "&Add Appointment…", "add_appointment", (StandardKey.New,),
               "Add your own appointment to the plan (Ctrl+N)",
               enabled=False),  # until a plan is attached
)  # fmt: skip

# Where each action appears, in order. "|" is a separator, "@name" a widget or
# submenu the window makes itself (see MainWindow._build_actions).
MENUS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("file", "&File", ("open", "@recent", "bundled", "library", "|", "update", "changes", "|",
                       "export", "export_notes", "|", "preferences", "|", "quit")),
    ("view", "&View", ("now", "zoom_in", "zoom_out", "zoom_reset", "|", "grid", "agenda",
                       "plan", "now_next", "|", "find", "close_pane", "|", "only_starred")),
    ("plan", "&Plan", ("add_appointment", "plan")),
)  # fmt: skip
TOOLBAR: tuple[str, ...] = (
    "@day", "now", "|", "zoom_out", "zoom_in", "|", "grid", "agenda", "plan", "now_next", "|",
    "@rooms", "@tracks", "only_starred",
)  # fmt: skip


def unique_shortcuts(*keys: Key | QKeySequence) -> list[QKeySequence]:
    """The key sequences of *keys* (standard keys expanded), each only once."""
    seen: dict[str, QKeySequence] = {}
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(key)
        else:
            sequences = [key if isinstance(key, QKeySequence) else QKeySequence(key)]
        for sequence in sequences:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text and text not in seen:
                seen[text] = sequence
    return list(seen.values())


def _target(owner: object, path: str) -> Any:
    for part in path.split("."):
        owner = getattr(owner, part)
    return owner


def build_actions(window: QWidget, specs: Sequence[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    """Make the actions of *specs*, set them on *window* as ``<name>_action``, and connect them."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in specs:
        action = QAction(spec.text, window)
        if spec.keys:
            action.setShortcuts(unique_shortcuts(*spec.keys))
        if spec.tip:
            action.setToolTip(spec.tip)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
        if spec.group is not None:
            groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
        if spec.role is not None:
            action.setMenuRole(spec.role)
        action.setVisible(spec.visible)
        action.setEnabled(spec.enabled)
        target = _target(window, spec.run)
        signal = getattr(action, spec.signal)
        if spec.argument is not None:
            signal.connect(lambda _checked=False, t=target, a=spec.argument: t(a))
        elif spec.signal == "toggled":
            signal.connect(target)
        elif isinstance(target, SignalInstance):
            signal.connect(lambda _checked=False, t=target: t.emit())
        else:
            signal.connect(lambda _checked=False, t=target: t())
        if spec.window_wide:
            window.addAction(action)
        setattr(window, f"{spec.name}_action", action)
        actions[spec.name] = action
    return actions


def fill(
    container: QMenu | QToolBar,
    layout: Sequence[str],
    actions: Mapping[str, QAction],
    parts: Mapping[str, Callable[[QMenu | QToolBar], object]],
) -> None:
    """Lay out *container* from *layout*: action names, "|" separators and "@parts"."""
    for entry in layout:
        if entry == SEPARATOR:
            container.addSeparator()
        elif entry.startswith("@"):
            parts[entry[1:]](container)
        else:
            container.addAction(actions[entry])
