"""A toolbar button that opens a searchable list of ticks: show only some rooms or tracks.

The list is in the program's own order, each choice with its number of items
(and, for tracks, its colour); a field above it finds a room among a hundred
as one types, and the list stays open while one ticks, so several rooms are
chosen in one go. With nothing ticked every choice is shown; the first tick
shows only that choice, and unticking the last brings them all back.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1
# Tall enough for a dozen rooms at once; a longer list scrolls.
VISIBLE_ROWS = 14


def _swatch(colour: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ChoiceFilter:
    """ "All rooms", or a tick on each room shown; the same for tracks."""

    def __init__(
        self,
        plural: str,
        choices: Sequence[str],
        on_change: Callable[[frozenset[str] | None], None],
        parent: QWidget,
        counts: Mapping[str, int] | None = None,
        colours: Mapping[str, str] | None = None,
    ) -> None:
        self.plural = plural
        self.choices = list(choices)
        self.counts = dict(counts or {})
        self.colours = dict(colours or {})
        self.shown: frozenset[str] | None = None
        self._on_change = on_change
        self._filling = False
        self._filled = False
        self.menu = QMenu(plural.capitalize(), parent)
        self.menu.aboutToShow.connect(self._fill)
        # The panel in the menu (find field, list, summary) is made when the menu
        # first opens: the window's first paint shows only the button.
        self._panel: _Panel | None = None
        self.button = QToolButton(parent)
        self.button.setText(f"All {plural}")
        self.button.setToolTip(f"Show only some {plural} in the timetable and the agenda")
        self.button.setAccessibleName(f"{plural.capitalize()} shown")
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    # ---------------------------------------------------------------- panel

    def _made(self) -> _Panel:
        if self._panel is None:
            self._panel = _Panel(self)
        return self._panel

    @property
    def panel(self) -> QWidget:
        """The menu's contents (made now if they were not yet)."""
        return self._made().widget

    @property
    def search(self) -> QLineEdit:
        return self._made().search

    @property
    def list(self) -> QListWidget:
        return self._made().list

    @property
    def all_button(self) -> QPushButton:
        return self._made().all_button

    @property
    def summary(self) -> QLabel:
        return self._made().summary

    # ---------------------------------------------------------------- state

    def set_shown(self, shown: frozenset[str] | None) -> bool:
        """Show these choices (None: all); returns whether anything changed."""
        if shown is not None:
            shown = frozenset(c for c in shown if c in self.choices) or None
        if shown is not None and shown >= set(self.choices):
            shown = None
        if shown == self.shown:
            return False
        self.shown = shown
        count = len(self.choices)
        self.button.setText(
            f"All {self.plural}" if shown is None else f"{len(shown)} of {count} {self.plural}"
        )
        if self._filled:
            self._sync_ticks()
        return True

    def rows(self) -> builtins.list[tuple[str, int, bool]]:
        """What the list shows: (choice, items, ticked), in order — for tests and a11y."""
        self._fill()
        return [
            (
                self.list.item(n).data(CHOICE_ROLE),
                self.counts.get(self.list.item(n).data(CHOICE_ROLE), 0),
                self.list.item(n).checkState() == Qt.CheckState.Checked,
            )
            for n in range(self.list.count())
            if not self.list.item(n).isHidden()
        ]

    def tick(self, choice: str, on: bool = True) -> None:
        """Tick or untick *choice* as a click on its box would."""
        self._fill()
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item.data(CHOICE_ROLE) == choice:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(choice)

    # ------------------------------------------------------------ internals

    def _fill(self) -> None:
        """Made when first opened: a program can have a hundred choices."""
        if self._filled:
            self._sync_ticks()
            return
        self._filled = True
        self._filling = True
        size = self.list.fontMetrics().height() - 2
        for choice in self.choices:
            count = self.counts.get(choice)
            text = choice if count is None else f"{choice}  ({count})"
            item = QListWidgetItem(text)
            item.setData(CHOICE_ROLE, choice)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            colour = self.colours.get(choice)
            if colour:
                item.setIcon(_swatch(colour, size))
            self.list.addItem(item)
        self._filling = False
        rows = min(VISIBLE_ROWS, max(1, len(self.choices)))
        row_height = self.list.sizeHintForRow(0) if self.choices else size
        width = max(self.list.sizeHintForColumn(0) + 40, 280)
        self.list.setFixedSize(min(width, 460), rows * row_height + 2 * self.list.frameWidth())
        self._sync_ticks()
        self._find(self.search.text())

    def _sync_ticks(self) -> None:
        self._filling = True
        for n in range(self.list.count()):
            item = self.list.item(n)
            on = self.shown is not None and item.data(CHOICE_ROLE) in self.shown
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._filling = False
        shown = len(self.choices) if self.shown is None else len(self.shown)
        self.summary.setText(
            f"all {shown} shown" if self.shown is None else f"{shown} of {len(self.choices)}"
        )
        self.all_button.setEnabled(self.shown is not None)

    def _find(self, text: str) -> None:
        needle = text.strip().casefold()
        for n in range(self.list.count()):
            item = self.list.item(n)
            item.setHidden(bool(needle) and needle not in item.data(CHOICE_ROLE).casefold())

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        choice = item.data(CHOICE_ROLE)
        shown = set() if self.shown is None else set(self.shown)
        if item.checkState() == Qt.CheckState.Checked:
            shown.add(choice)
        else:
            shown.discard(choice)
        self._on_change(frozenset(shown) or None)

    def _item_activated(self, item: QListWidgetItem) -> None:
        # Enter on a row found by typing ticks it, as Space does.
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)


class _Panel:
    """What the menu of a :class:`ChoiceFilter` holds: a find field, the list of
    ticks, a summary and "Show all"."""

    def __init__(self, owner: ChoiceFilter) -> None:
        plural = owner.plural
        self.widget = QWidget(owner.menu)
        self.search = QLineEdit(self.widget)
        self.search.setPlaceholderText(f"Find {plural}…")
        self.search.setAccessibleName(f"Find {plural}")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(owner._find)
        self.list = QListWidget(self.widget)
        self.list.setAccessibleName(plural.capitalize())
        self.list.setUniformItemSizes(True)
        self.list.itemChanged.connect(owner._item_changed)
        self.list.itemActivated.connect(owner._item_activated)
        self.all_button = QPushButton(f"Show all {plural}", self.widget)
        self.all_button.clicked.connect(lambda: owner._on_change(None))
        self.summary = QLabel(self.widget)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.all_button)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        # Made while the menu is about to show (aboutToShow): Qt lays the menu
        # out after that, with the panel in it.
        action = QWidgetAction(owner.menu)
        action.setDefaultWidget(self.widget)
        owner.menu.addAction(action)
