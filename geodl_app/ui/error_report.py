"""What happens when the window meets a bug: a message, not a silent traceback.

An exception escaping a Qt slot would otherwise be printed to a terminal the
attendee never sees, and the window would go on in an unknown state. Here the
full traceback goes to ``errors.log`` in the data folder and to stderr, and the
attendee gets one sentence saying what failed, that their plan is kept (every
change is saved as it is made), and where the details are.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from geodl_app.crash_log import summary, write_log

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install(show: Callable[[str], None]) -> ExceptHook:
    """Route uncaught exceptions to the log and to *show* (a one-line message).

    Returns the hook that was there before, to put back with ``sys.excepthook = ...``.
    """
    previous = sys.excepthook
    showing: list[bool] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        traceback.print_exception(kind, error, tb, file=sys.stderr)
        log = write_log(kind, error, tb)
        where = f" The details are in {log}." if log else ""
        message = (
            f"Something went wrong: {summary(error)}. Your stars, notes and appointments "
            f"are saved as you make them, so nothing of your plan is lost.{where}"
        )
        if showing:  # an error while showing the last one: do not loop
            return
        showing.append(True)
        try:
            with contextlib.suppress(Exception):
                show(message)
        finally:
            showing.clear()

    sys.excepthook = hook
    return previous


def show_in_window(parent_getter: Callable[[], object]) -> Callable[[str], None]:
    """A *show* for :func:`install` that opens a non-modal warning over the window."""

    def show(message: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox, QWidget

        parent = parent_getter()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "GeoDL Companion: something went wrong",
            message,
            QMessageBox.StandardButton.Ok,
            parent if isinstance(parent, QWidget) else None,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    return show
