"""What time it is, for the "now" line; ``GEODL_APP_NOW`` fakes it (pure; no Qt).

``GEODL_APP_NOW=2024-06-12T10:15`` means 10:15 on the conference's own clock,
so demos and tests can stand inside the conference whatever the real date.
A value with an offset (``...T10:15+02:00``) is taken as that instant.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo

NOW_ENV = "GEODL_APP_NOW"


class ClockError(ValueError):
    """A ``GEODL_APP_NOW`` value that is not a date and time."""


def now(zone: tzinfo) -> datetime:
    """The current moment, aware, honouring ``GEODL_APP_NOW`` (read in *zone*)."""
    faked = os.environ.get(NOW_ENV, "").strip()
    if not faked:
        return datetime.now(UTC).astimezone(zone)
    return parse_now(faked, zone)


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
