"""Limiting a program to some of its rooms or tracks (pure; no Qt)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from geodl_app.model import Conference


def only(
    conference: Conference,
    rooms: Collection[str] | None = None,
    tracks: Collection[str] | None = None,
    ids: Collection[str] | None = None,
) -> Conference:
    """*conference* with only the events in *rooms* and *tracks* (None: no limit),
    and, when *ids* is given, only those items (the starred ones).

    Items with no room (or no track) stay: they are for everyone, like breaks.
    The days stay as they were, so a day with nothing left is still shown empty.
    """
    if rooms is None and tracks is None and ids is None:
        return conference
    kept = tuple(
        e
        for e in conference.events
        if (rooms is None or not e.room or e.room in rooms)
        and (tracks is None or not e.track or e.track in tracks)
        and (ids is None or e.id in ids)
    )
    # A new conference, so that its id index holds only the kept events.
    return replace(conference, events=kept)
