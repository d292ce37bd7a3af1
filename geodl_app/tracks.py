"""A colour for every track of a program (pure; no Qt).

Each track gets a stable ``#rrggbb``: the colour the program file gives it
(schedule 2.0 files carry one per track), else one from :data:`PALETTE`,
picked by the track's name. The palette's colours are mid-tones chosen to
stay apart from each other and to read as a bar or an outline on a light and
on a dark background alike; the timetable mixes them towards its background
for the blocks' fill. None is the gold of a star or the red of a clash.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from geodl_app.model import Conference

PALETTE: tuple[str, ...] = (
    "#4e79a7",  # blue
    "#f28e2b",  # orange
    "#59a14f",  # green
    "#b07aa1",  # purple
    "#499894",  # teal
    "#9c755f",  # brown
    "#d37295",  # pink
    "#6f8fd8",  # cornflower
    "#8cb03f",  # olive green
    "#c26b3c",  # rust
    "#7b6fc4",  # violet
    "#3f9fc4",  # sky
)

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def normalise_colour(text: str | None) -> str | None:
    """``#rrggbb`` in lower case for a CSS-style hex colour ("#AB3", "ab33cc"), else None."""
    if not text:
        return None
    match = _HEX.match(text.strip())
    if match is None:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _slot(name: str) -> int:
    # crc32, not hash(): Python salts str hashes per process, and a track must
    # keep its colour from one run to the next.
    return zlib.crc32(name.casefold().encode("utf-8")) % len(PALETTE)


def palette_colour(name: str) -> str:
    """The palette's colour for a track called *name*, whatever else is in the program."""
    return PALETTE[_slot(name)]


def track_colours(tracks: Iterable[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{track: "#rrggbb"}`` for *tracks*.

    A colour in *given* (the file's own) wins when it is a valid hex colour.
    The others take their name's palette slot; while the palette has room,
    a name whose slot is taken moves on to the next free one, the names being
    settled in sorted order, so the same set of tracks always gets the same
    colours and a filter or a new order never repaints them.
    """
    names = list(dict.fromkeys(tracks))
    colours: dict[str, str] = {}
    for name in names:
        own = normalise_colour((given or {}).get(name))
        if own is not None:
            colours[name] = own
    free = [n for n in names if n not in colours]
    taken: set[int] = set()
    spread = len(free) <= len(PALETTE)
    for name in sorted(free, key=lambda n: (n.casefold(), n)):
        slot = _slot(name)
        if spread:
            while slot in taken:
                slot = (slot + 1) % len(PALETTE)
            taken.add(slot)
        colours[name] = PALETTE[slot]
    return {name: colours[name] for name in names}


def given_colours(conference: Conference) -> dict[str, str]:
    """The track colours the program file gives, by track name (maybe none)."""
    found = getattr(conference, "track_colours", None)
    if callable(found):
        found = found()
    return dict(found) if isinstance(found, Mapping) else {}


def conference_track_colours(conference: Conference) -> dict[str, str]:
    """Every track of *conference* with its colour, in the program's track order."""
    return track_colours(conference.tracks, given_colours(conference))


# A NamedTuple: a frozen dataclass compiles its methods at every start (~0.4 ms).
class TrackSummary(NamedTuple):
    name: str
    colour: str
    items: int


def track_summary(conference: Conference) -> list[TrackSummary]:
    """The program's tracks in its own order, each with its colour and item count."""
    counts = Counter(e.track for e in conference.events if e.track)
    colours = conference_track_colours(conference)
    return [TrackSummary(name, colours[name], counts[name]) for name in conference.tracks]
