"""Showing a reminder: the desktop's notification service, else the tray, else the window.

:class:`DesktopNotifications` speaks ``org.freedesktop.Notifications`` over the
session bus through QtDBus (imported only when a reminder is first shown, so the
first paint never waits for it). :class:`Notifier` picks what is there:

1. the notification service, with the actions "Open" and "Snooze 5 min" when
   the server lists ``actions`` among its capabilities;
2. the system tray icon's message (macOS, Windows, a desktop with no service);
3. a notice in the window's status bar.

Never a modal dialog: a reminder must not stop what the attendee is doing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from geodl_app import APP_NAME, APP_TITLE
from geodl_app.reminders import Notice

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusInterface
    from PySide6.QtWidgets import QSystemTrayIcon

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
# The object this process exports only so that QtDBus learns Notify's exact types.
_SHAPE_PATH = "/io/github/geodl_app/NotificationsShape"
OPEN_ACTION = "default"  # the server's default action: clicking the notification
SNOOZE_ACTION = "snooze"
CALL_TIMEOUT_MS = 3000
EXPIRE_DEFAULT = -1


def _escape_markup(text: str) -> str:
    # Servers that announce "body-markup" read the body as a small HTML subset:
    # text from a programme file must stay text.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DesktopNotifications(QObject):
    """The session bus's notification service, or nothing (``available`` is False).

    Signals:
        action_invoked(int, str): the notification id and the action's key.
        closed(int): a notification was closed.
    """

    action_invoked = Signal(int, str)
    closed = Signal(int)

    def __init__(self, parent: QObject | None = None, bus=None) -> None:
        super().__init__(parent)
        self._interface: QDBusInterface | None = None
        self.capabilities: list[str] = []
        self.available = False
        if sys.platform.startswith("linux") or "bsd" in sys.platform:
            self._connect(bus)

    def _connect(self, bus) -> None:
        """Find the service on *bus* (None: the session bus)."""
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:  # a bundle or distribution without QtDBus
            return
        if bus is None:
            bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        reply = bus.interface().isServiceRegistered(SERVICE)
        activatable = SERVICE in (bus.interface().activatableServiceNames().value() or [])
        if not (reply.isValid() and reply.value()) and not activatable:
            return
        _teach_notify_types(bus)
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, bus, self)
        interface.setTimeout(CALL_TIMEOUT_MS)
        if not interface.isValid():
            return
        from PySide6.QtDBus import QDBus

        answer = interface.callWithArgumentList(QDBus.CallMode.Block, "GetCapabilities", [])
        arguments = answer.arguments()
        if answer.errorName() or not arguments:
            return
        self.capabilities = [str(c) for c in arguments[0]]
        bus.connect(SERVICE, PATH, INTERFACE, "ActionInvoked", self, "1_on_action(uint,QString)")
        bus.connect(SERVICE, PATH, INTERFACE, "NotificationClosed", self, "1_on_closed(uint,uint)")
        self._interface = interface
        self.available = True

    @property
    def supports_actions(self) -> bool:
        return "actions" in self.capabilities

    def notify(self, notice: Notice, actions: list[tuple[str, str]]) -> int | None:
        """Show *notice*; the server's id for it, or None if the call failed."""
        if self._interface is None:
            return None
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt

        body = notice.body
        if "body-markup" in self.capabilities:
            body = _escape_markup(body)
        flat_actions = [part for key, label in actions for part in (key, label)]
        # The menu entry's name lets the desktop show the app's own icon and name.
        hints = {"desktop-entry": APP_NAME}
        try:
            result = QMetaObject.invokeMethod(
                self._interface,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG(str, APP_TITLE),
                Q_ARG("uint", 0),
                Q_ARG(str, APP_NAME),
                Q_ARG(str, notice.summary),
                Q_ARG(str, body),
                Q_ARG("QStringList", flat_actions),
                Q_ARG("QVariantMap", hints),
                Q_ARG(int, EXPIRE_DEFAULT),
            )
        except RuntimeError:
            return None
        error = self._interface.lastError()
        if error.isValid() or not isinstance(result, int) or result == 0:
            return None
        return result

    @Slot("uint", str)
    def _on_action(self, notification_id: int, key: str) -> None:
        self.action_invoked.emit(int(notification_id), key)

    @Slot("uint", "uint")
    def _on_closed(self, notification_id: int, _reason: int) -> None:
        self.closed.emit(int(notification_id))


def _teach_notify_types(bus) -> None:
    """Make QtDBus call Notify with the types the specification gives.

    QtDBus builds a proxy's methods from the server's introspection, where the
    hints (``a{sv}``) come out as a raw type Python cannot pass, and PySide6
    has no way to hand a plain ``uint`` to a call. Introspecting a small object
    of our own with the same interface name first gives QtDBus (which keeps one
    description per interface name) a typed ``Notify`` it then uses for the
    real server, so the call goes out as ``susssasa{sv}i``.
    """
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    name = bus.name()
    if name in _shapes:
        return
    from PySide6.QtCore import ClassInfo

    # PySide6's stubs give ClassInfo no arguments; it takes the class's info as a dict.
    @ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]
    class NotificationsShape(QObject):  # type: ignore[operator]
        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(self, *_args: object) -> int:  # the D-Bus method's name
            return 0

    shape = _shapes[name] = NotificationsShape()
    if bus.registerObject(_SHAPE_PATH, shape, QDBusConnection.RegisterOption.ExportAllSlots):
        QDBusInterface(bus.baseService(), _SHAPE_PATH, INTERFACE, bus)


# One per bus connection, kept for as long as the process runs.
_shapes: dict[str, QObject] = {}


class Notifier(QObject):
    """Shows reminders wherever they can be seen, and reports what the attendee did.

    Signals:
        open_requested(str): "Open" on a reminder (or a click on the tray's message).
        snooze_requested(str): "Snooze 5 min" on a reminder.
    """

    open_requested = Signal(str)
    snooze_requested = Signal(str)

    def __init__(
        self,
        *,
        tray: Callable[[], QSystemTrayIcon | None] = lambda: None,
        in_window: Callable[[Notice], None] | None = None,
        desktop: DesktopNotifications | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._in_window = in_window
        self._desktop = desktop
        self._desktop_tried = desktop is not None
        self._shown: dict[int, str] = {}  # notification id -> item id
        self._route(desktop)
        self._tray_item: str | None = None
        self.last_route = ""  # "desktop", "tray" or "window": where the last one went

    @property
    def desktop(self) -> DesktopNotifications | None:
        """The notification service, looked for when first needed; None if there is none."""
        if not self._desktop_tried:
            self._desktop_tried = True
            self._desktop = DesktopNotifications(self)
            self._route(self._desktop)
        if self._desktop is None or not self._desktop.available:
            return None
        return self._desktop

    def _route(self, desktop: DesktopNotifications | None) -> None:
        if desktop is not None:
            desktop.action_invoked.connect(self._on_action)
            desktop.closed.connect(lambda nid: self._shown.pop(nid, None))

    def show(self, notice: Notice) -> str:
        """Show *notice*; returns where it went ("desktop", "tray" or "window")."""
        desktop = self.desktop
        if desktop is not None:
            actions: list[tuple[str, str]] = []
            if desktop.supports_actions and notice.item_id is not None:
                actions = [(OPEN_ACTION, "Open"), (SNOOZE_ACTION, "Snooze 5 min")]
            notification_id = desktop.notify(notice, actions)
            if notification_id is not None:
                if notice.item_id is not None:
                    self._shown[notification_id] = notice.item_id
                self.last_route = "desktop"
                return self.last_route
        tray = self._tray()
        if tray is not None and _tray_can_show(tray):
            self._tray_item = notice.item_id
            tray.showMessage(notice.summary, notice.body)
            self.last_route = "tray"
            return self.last_route
        if self._in_window is not None:
            self._in_window(notice)
        self.last_route = "window"
        return self.last_route

    def tray_message_clicked(self) -> None:
        """The tray's message was clicked: open its item, as "Open" does."""
        if self._tray_item is not None:
            self.open_requested.emit(self._tray_item)

    def _on_action(self, notification_id: int, key: str) -> None:
        item_id = self._shown.get(notification_id)
        if item_id is None:
            return
        if key == OPEN_ACTION:
            self.open_requested.emit(item_id)
        elif key == SNOOZE_ACTION:
            self.snooze_requested.emit(item_id)


def _tray_can_show(tray: object) -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return (
        isinstance(tray, QSystemTrayIcon)
        and tray.isVisible()
        and QSystemTrayIcon.supportsMessages()
    )
