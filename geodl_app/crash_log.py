"""The error log: where an unexpected failure's details go (no Qt here).

The attendee sees one line; the traceback is appended to ``errors.log`` in the
data folder, for a bug report.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from geodl_app import APP_NAME, __version__, paths

LOG_NAME = "errors.log"
# Enough to see a pattern, never enough to fill a disk.
MAX_LOG_BYTES = 512 * 1024


def write_log(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> Path | None:
    """Append the traceback to the error log; the log's path, or None if it cannot be written."""
    try:
        folder = paths.ensure_data_dir()
        log = folder / LOG_NAME
        if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
            log.replace(folder / f"{LOG_NAME}.old")
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        text = "".join(traceback.format_exception(kind, error, tb))
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"--- {stamp} {APP_NAME} {__version__}\n{text}\n")
        return log
    except OSError:
        return None


def summary(error: BaseException) -> str:
    """One line naming what went wrong."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
