"""Library work that may take a while (fetching, parsing), run off the window's thread.

A :class:`LibraryTask` runs one function in a worker thread and reports back
through Qt signals, which Qt delivers in the window's thread: the window never
blocks while a programme is fetched or parsed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from geodl_app.errors import ProgramError, UserError


class LibraryTask(QObject):
    """``progress(received, expected)`` (expected -1: unknown), then ``finished`` or ``failed``."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[LibraryTask], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        # Not "thread": that would hide QObject.thread().
        self.worker: threading.Thread | None = None

    def start(self) -> None:
        self.worker = threading.Thread(target=self._run, name="geodl-library", daemon=True)
        self.worker.start()

    def running(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def report_progress(self, received: int, expected: int | None) -> None:
        """Called from the worker as the body arrives."""
        self.progress.emit(received, -1 if expected is None else expected)

    def _run(self) -> None:
        try:
            result = self._work(self)
        except (UserError, ProgramError) as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(f"cannot be saved ({error.strerror or error})")
        except Exception as error:  # a bug: said in one line, the details in the log
            from geodl_app.crash_log import summary, write_log

            write_log(type(error), error, error.__traceback__)
            self.failed.emit(f"internal error: {summary(error)}")
        else:
            self.finished.emit(result)


def update_work(entry_id: str, source: str | None = None) -> Callable[[LibraryTask], Any]:
    """The work of File → Update for *entry_id*: returns a library UpdateResult."""

    def work(task: LibraryTask) -> Any:
        from geodl_app.fetch import fetch
        from geodl_app.library import Library

        def fetcher(url: str, etag: str | None, modified: str | None) -> Any:
            return fetch(url, etag=etag, last_modified=modified, progress=task.report_progress)

        return Library().update(entry_id, source=source, fetcher=fetcher)

    return work


def add_work(source: str, timezone: str | None = None) -> Callable[[LibraryTask], Any]:
    """Add (or update) the programme at *source*: returns a library UpdateResult."""

    def work(task: LibraryTask) -> Any:
        from geodl_app.fetch import fetch
        from geodl_app.library import Library

        def fetcher(url: str, etag: str | None, modified: str | None) -> Any:
            return fetch(url, etag=etag, last_modified=modified, progress=task.report_progress)

        return Library().add(source, timezone=timezone, fetcher=fetcher)

    return work
