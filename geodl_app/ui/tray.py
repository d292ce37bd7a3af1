"""The system tray icon: Show, "Next up: …", Quit; where reminders go without a service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from geodl_app import APP_TITLE


def tray_available() -> bool:
    """Whether this desktop shows tray icons (some do not: then closing quits)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QSystemTrayIcon):
    """The app's icon in the tray. *next_up* gives the menu's second line when it opens."""

    def __init__(
        self,
        icon,
        *,
        show_window: Callable[[], None],
        next_up: Callable[[], tuple[str, str | None]],
        open_item: Callable[[str], None],
        quit_app: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(icon, parent)
        self.setToolTip(APP_TITLE)
        self._next_up = next_up
        self._open_item = open_item
        self._next_id: str | None = None
        self.menu = QMenu()
        self.show_action = QAction("Show", self.menu)
        self.show_action.triggered.connect(show_window)
        self.next_action = QAction("Next up: nothing planned", self.menu)
        self.next_action.triggered.connect(self._open_next)
        self.quit_action = QAction("Quit", self.menu)
        self.quit_action.triggered.connect(quit_app)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.next_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.refresh)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self._show_window = show_window
        self.refresh()

    def refresh(self) -> None:
        """Update "Next up: …" from the plan as it is now."""
        text, item_id = self._next_up()
        self._next_id = item_id
        self.next_action.setText(f"Next up: {text}")
        self.next_action.setEnabled(item_id is not None)

    def _open_next(self) -> None:
        if self._next_id is not None:
            self._open_item(self._next_id)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()
