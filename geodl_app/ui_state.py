"""The window's state between runs: open panes, sizes, zoom (pure; no Qt).

Kept in ``ui-state.json`` in the user's data folder, as a small versioned
JSON document written atomically. Losing it only costs the layout, but a file
that does not parse, or that a newer version of the app wrote, is still never
overwritten: :func:`geodl_app.savefile.read_versioned` moves it aside and the
reason is reported to the caller.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from geodl_app import paths
from geodl_app.savefile import CannotWrite, VersionedFormat, read_versioned, write_versioned

FILE_NAME = "ui-state.json"
FORMAT_VERSION = 1
MIN_ZOOM = 0.5
MAX_ZOOM = 4.0
MAX_PANES = 4


# Filters are remembered for this many conferences, the most recent ones.
MAX_FILTERS = 30


@dataclass
class Filters:
    """The rooms and tracks chosen for one conference (None: all), and "only starred"."""

    rooms: list[str] | None = None
    tracks: list[str] | None = None
    only_starred: bool = False

    @classmethod
    def from_json(cls, raw: Any) -> Filters | None:
        if not isinstance(raw, dict):
            return None

        def names(value: Any) -> list[str] | None:
            if not isinstance(value, list):
                return None
            return [v for v in value if isinstance(v, str)][:1000]

        return cls(
            rooms=names(raw.get("rooms")),
            tracks=names(raw.get("tracks")),
            only_starred=raw.get("only_starred") is True,
        )


def keep_latest(filters: dict[str, Filters]) -> dict[str, Filters]:
    """The last :data:`MAX_FILTERS` entries (a dict keeps the order they were set in)."""
    return dict(list(filters.items())[-MAX_FILTERS:])


@dataclass
class UiState:
    """What the main window restores at start-up; every field has a safe default."""

    geometry: str = ""  # the window's own opaque geometry, base64
    window_state: str = ""  # toolbars and docks, base64
    zoom: float = 1.0
    panes: list[str] = field(default_factory=list)  # event ids, left to right
    splitter: list[int] = field(default_factory=list)  # widths: timetable, then panes
    view: str = "grid"  # "grid", "agenda", "plan" or "now"
    day: int = -1  # the day shown alone, or -1 for all days
    conference: str = ""  # the conference these panes belong to
    agenda_columns: str = ""  # the agenda's column widths, order and sorting, base64
    # Rooms, tracks and "only starred" chosen, per conference id.
    filters: dict[str, Filters] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, raw: Any) -> UiState:
        """Build from parsed JSON, keeping the defaults for anything missing or odd."""
        if not isinstance(raw, dict):
            raise ValueError("top level is not an object")
        state = cls()
        # Base64 text only: the window decodes these as ASCII.
        if isinstance(raw.get("geometry"), str) and raw["geometry"].isascii():
            state.geometry = raw["geometry"]
        if isinstance(raw.get("window_state"), str) and raw["window_state"].isascii():
            state.window_state = raw["window_state"]
        zoom = raw.get("zoom")
        if isinstance(zoom, int | float) and not isinstance(zoom, bool):
            state.zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(zoom)))
        panes = raw.get("panes")
        if isinstance(panes, list):
            state.panes = [p for p in panes if isinstance(p, str)][:MAX_PANES]
        splitter = raw.get("splitter")
        if isinstance(splitter, list):
            state.splitter = [s for s in splitter if _is_count(s)]
        if raw.get("view") in ("grid", "agenda", "plan", "now"):
            state.view = raw["view"]
        day = raw.get("day")
        if isinstance(day, int) and not isinstance(day, bool) and day >= -1:
            state.day = day
        if isinstance(raw.get("conference"), str):
            state.conference = raw["conference"]
        if isinstance(raw.get("agenda_columns"), str) and raw["agenda_columns"].isascii():
            state.agenda_columns = raw["agenda_columns"]
        filters = raw.get("filters")
        if isinstance(filters, dict):
            for conference_id, value in filters.items():
                chosen = Filters.from_json(value)
                if isinstance(conference_id, str) and chosen is not None:
                    state.filters[conference_id] = chosen
            state.filters = keep_latest(state.filters)
        return state


def _is_count(value: Any) -> bool:
    # Below 2**31: Qt takes these as C ints, and a larger one raises OverflowError.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31


@dataclass
class Loaded:
    state: UiState
    problem: str | None = None  # one line for the user when the file was set aside


def state_path() -> Path:
    return paths.data_dir() / FILE_NAME


def _dump(state: UiState) -> bytes:
    return (json.dumps(state.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


FORMAT = VersionedFormat(
    version=FORMAT_VERSION, parse=UiState.from_json, dump=_dump, what="window state"
)


def load(path: Path | None = None, *, set_aside: bool = True) -> Loaded:
    """The saved state, or defaults (with *problem* set if the file was unusable).

    An unusable file is renamed out of the way unless *set_aside* is false (a
    run that must not write, such as the smoke test, leaves it where it is).
    """
    path = path or state_path()
    try:
        found = read_versioned(path, FORMAT, may_write=set_aside)
    except OSError as error:
        return Loaded(UiState(), f"{path}: cannot be read ({error.strerror or error})")
    except CannotWrite as error:
        return Loaded(UiState(), str(error))
    problem = None if found.problem is None else str(found.problem)
    return Loaded(found.value or UiState(), problem)


def save(state: UiState, path: Path | None = None) -> None:
    """Write *state* atomically: a temporary file, flushed and synced, then renamed."""
    write_versioned(path or state_path(), FORMAT, state)
