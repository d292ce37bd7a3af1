"""The preferences for the UI: a :class:`Settings` value and a signal when it changes.

Only :mod:`geodl_app.settings` reads and writes the file; this keeps the value
the windows use and tells them at once when the attendee changes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from geodl_app import settings
from geodl_app.settings import Settings


class SettingsStore(QObject):
    """The settings in use. ``changed`` is emitted after each change (already saved).

    With *persist* false (the smoke test) nothing is written and a damaged
    file is left where it is.
    """

    changed = Signal()

    def __init__(self, *, persist: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.persist = persist
        loaded = settings.load(set_aside=persist)
        self._settings = loaded.settings
        self.problem = loaded.problem  # one line to show once the window is up

    @property
    def settings(self) -> Settings:
        return self._settings

    def update(self, **values: Any) -> str | None:
        """Change and save some settings; a reason (one line) if they could not be saved."""
        new = settings.changed(self._settings, **values)
        if new == self._settings:
            return None
        self._settings = new
        problem = None
        if self.persist:
            try:
                settings.save(new)
            except OSError as error:
                problem = f"{settings.settings_path()}: cannot be saved ({error.strerror or error})"
        self.changed.emit()
        return problem
