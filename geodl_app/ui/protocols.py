"""What the UI's parts expect of one another, as Protocols (checked by mypy, no base classes).

:func:`geodl_app.ui.plan_store.bind_timetable` keeps a view that shows the plan
(:class:`ShowsPlan`: the main window, or a test's stand-in) in step with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import SignalInstance

from geodl_app.model import Event


class ShowsMarks(Protocol):
    """A view that shows which items are starred and clash, and asks to toggle a star."""

    star_toggle_requested: SignalInstance  # (item id)

    def set_marks(self, starred: set[str], clashing: set[str]) -> None: ...


class ShowsPlan(ShowsMarks, Protocol):
    """A view that shows the whole plan: marks, clash partners and own appointments."""

    def set_clash_partners(self, partners: dict[str, list[str]]) -> None: ...

    def set_personal_items(self, events: Iterable[Event]) -> None: ...
