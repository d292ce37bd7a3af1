"""Starting the window: the QApplication, the error hook, the run loop and the smoke test.

The wiring of the program, the user's stores and the main window is done by
:class:`geodl_app.ui.companion.Companion`, which :func:`open_companion` makes.
Qt is imported here and in ``geodl_app.ui`` only, and only when a window is
wanted: headless commands never pay for it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from geodl_app import APP_NAME, APP_TITLE, __version__
from geodl_app.model import Conference

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from geodl_app.ui.companion import Companion
    from geodl_app.ui.main_window import MainWindow


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


# How long after the window is shown the cycle collector starts again.
COLLECT_AGAIN_AFTER_MS = 1000


@contextlib.contextmanager
def _no_collection_until_shown() -> Iterator[None]:
    """Hold the cycle collector off while Qt and the window are made.

    Importing Qt's modules and building the window allocate tens of thousands
    of objects that all live on; the collector would walk them again and
    again for nothing (about 5 ms of the first paint). It starts again a
    second after the window is shown (:func:`_collect_again_soon`), or when
    the window closes. (Not ``gc.freeze()``: the first window is replaced when
    another conference is opened, and frozen cycles would never be freed.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _collect_again_soon() -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(COLLECT_AGAIN_AFTER_MS, gc.enable)


def _make_application(argv: list[str]) -> QCoreApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_TITLE)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setDesktopFileName(APP_NAME)
    application = QApplication(argv)
    from geodl_app.ui.app_icon import app_icon

    application.setWindowIcon(app_icon())
    return application


def open_companion(
    conference: Conference,
    *,
    program_path: str | None = None,
    timezone: str | None = None,
    persist: bool = True,
    library_id: str | None = None,
) -> Companion:
    """The main window for *conference* with the user's plan bound to it, not yet shown.

    Returns the :class:`geodl_app.ui.companion.Companion` that owns the window
    (``.window``) and swaps it when another program is opened. With *persist*
    false nothing is written: no window state, no recent list.
    """
    from geodl_app.ui.companion import Companion

    return Companion(
        conference,
        program_path=program_path,
        timezone=timezone,
        persist=persist,
        library_id=library_id,
    )


def build_main_window(conference: Conference, **options: Any) -> MainWindow:
    """The main window for *conference*, its plan bound, not yet shown."""
    return open_companion(conference, **options).window


def run(
    conference: Conference,
    *,
    program_path: str | None = None,
    timezone: str | None = None,
    library_id: str | None = None,
) -> int:
    """Open the window and run until it is closed."""
    if not _has_display():
        print(
            f"{APP_NAME}: error: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run it in a desktop session, or set QT_QPA_PLATFORM",
            file=sys.stderr,
        )
        return 2
    with _no_collection_until_shown():
        from geodl_app.ui import error_report

        application = _make_application(sys.argv[:1])
        companion = open_companion(
            conference, program_path=program_path, timezone=timezone, library_id=library_id
        )
        show_error = error_report.show_in_window(lambda: companion.window)
        previous_hook = error_report.install(show_error)
        try:
            companion.window.show()
            _collect_again_soon()
            return int(application.exec())
        finally:
            sys.excepthook = previous_hook


def smoke_test(conference: Conference, started: float, out: TextIO) -> int:
    """Build the real main window, wait for its first paint, report the time.

    Used by benchmarks and packaging checks; exits 0 only if a paint happened.
    It writes nothing: no window state, no plan, no recent list.
    """
    if not _has_display():
        # A packaging check runs with `env -i`: paint off screen instead.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with _no_collection_until_shown():
        return _smoke_test(conference, started, out)


def _smoke_test(conference: Conference, started: float, out: TextIO) -> int:
    from geodl_app.ui import error_report

    application = _make_application(sys.argv[:1])
    failures: list[str] = []

    def fail(message: str) -> None:
        failures.append(message)
        application.quit()

    previous_hook = error_report.install(fail)
    try:
        window = build_main_window(conference, persist=False)
        return _paint_once(application, window, started, failures, out)
    finally:
        sys.excepthook = previous_hook


def _paint_once(
    application: QCoreApplication,
    window: MainWindow,
    started: float,
    failures: list[str],
    out: TextIO,
) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted: list[float] = []

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
                # Let this paint finish, then stop.
                QTimer.singleShot(0, application.quit)
            return False

    watcher = PaintWatcher()
    target = window.centralWidget() or window
    target.installEventFilter(watcher)
    QTimer.singleShot(20_000, application.quit)  # never hang a CI run
    window.show()
    application.exec()
    target.removeEventFilter(watcher)
    # Reported before the window is closed: benchmarks time this line.
    if not failures and painted:
        elapsed_ms = (painted[0] - started) * 1000
        out.write(f"smoke test: main window painted {elapsed_ms:.0f} ms after start-up\n")
        out.flush()
    window.close()
    if failures:
        print(f"{APP_NAME}: error: smoke test: {failures[0]}", file=sys.stderr)
        return 1
    if not painted:
        print(f"{APP_NAME}: error: smoke test: the window was never painted", file=sys.stderr)
        return 1
    return 0
