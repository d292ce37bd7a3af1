"""What time it is, for the "now" line; ``GEODL_APP_NOW`` fakes it (pure; no Qt).

``GEODL_APP_NOW=2024-06-12T10:15`` means 10:15 on the conference's own clock,
so demos and tests can stand inside the conference whatever the real date.
A value with an offset (``...T10:15+02:00``) is taken as that instant. The
faked clock then runs: it reads 10:15 the first time it is asked and a minute
later 10:16, so reminders fire in a demonstration as they would for real.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo

NOW_ENV = "GEODL_APP_NOW"


class ClockError(ValueError):
    """A ``GEODL_APP_NOW`` value that is not a date and time."""


# The faked value last read and the monotonic time it was first read at.
_anchor: tuple[str, float] | None = None


def now(zone: tzinfo) -> datetime:
    """The current moment, aware, honouring ``GEODL_APP_NOW`` (read in *zone*)."""
    global _anchor
    faked = os.environ.get(NOW_ENV, "").strip()
    if not faked:
        return datetime.now(UTC).astimezone(zone)
    start = parse_now(faked, zone)
    if _anchor is None or _anchor[0] != faked:
        _anchor = (faked, time.monotonic())
        return start
    return start + timedelta(seconds=time.monotonic() - _anchor[1])


def restart() -> None:
    """Let a faked clock start again from ``GEODL_APP_NOW`` at its next reading."""
    global _anchor
    _anchor = None


def parse_now(text: str, zone: tzinfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ClockError(
            f"{NOW_ENV}: {text!r} is not a date and time like 2024-06-12T10:15"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def computer_zone() -> tzinfo:
    """This computer's time zone: ``TZ`` if it names one, else /etc/localtime's, else its offset.

    A named zone knows its summer time, so a time months away is shown right.
    """
    from pathlib import Path
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "/zoneinfo/" in target:
        candidates.append(target.split("/zoneinfo/", 1)[1])
    for name in candidates:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    local = datetime.now(UTC).astimezone().tzinfo
    return local if local is not None else UTC
