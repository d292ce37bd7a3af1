"""A toolbar button with a menu of ticks: show only some rooms, or some tracks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class ChoiceFilter:
    """ "All rooms", or a tick on each room shown; the same for tracks.

    One click picks the first of a hundred rooms, further ticks add more, and
    unticking the last brings them all back. The menu is filled when opened,
    since a program can have a hundred choices.
    """

    def __init__(
        self,
        plural: str,
        choices: Sequence[str],
        on_change: Callable[[frozenset[str] | None], None],
        parent: QWidget,
    ) -> None:
        self.plural = plural
        self.choices = list(choices)
        self.shown: frozenset[str] | None = None
        self._on_change = on_change
        self.menu = QMenu(plural.capitalize(), parent)
        self.menu.aboutToShow.connect(self._fill)
        self.button = QToolButton(parent)
        self.button.setText(f"All {plural}")
        self.button.setToolTip(f"Show only some {plural} in the timetable and the agenda")
        self.button.setAccessibleName(f"{plural.capitalize()} shown")
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def set_shown(self, shown: frozenset[str] | None) -> bool:
        """Show these choices (None: all); returns whether anything changed."""
        if shown is not None and shown >= set(self.choices):
            shown = None
        if shown == self.shown:
            return False
        self.shown = shown
        count = len(self.choices)
        self.button.setText(
            f"All {self.plural}" if shown is None else f"{len(shown)} of {count} {self.plural}"
        )
        return True

    def _fill(self) -> None:
        self.menu.clear()
        every = self.menu.addAction(f"All {self.plural}")
        every.setCheckable(True)
        every.setChecked(self.shown is None)
        every.triggered.connect(lambda: self._on_change(None))
        self.menu.addSeparator()
        for choice in self.choices:
            action = self.menu.addAction(choice.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(self.shown is not None and choice in self.shown)
            action.setData(choice)
            action.toggled.connect(lambda on, c=choice: self._toggle(c, on))

    def _toggle(self, choice: str, on: bool) -> None:
        shown = set() if self.shown is None else set(self.shown)
        if on:
            shown.add(choice)
        else:
            shown.discard(choice)
        self._on_change(frozenset(shown) or None)
