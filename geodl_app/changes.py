"""What changed between two versions of a programme, item by item (pure; no Qt).

:func:`match_items` pairs the items of the old and the new version one-to-one,
in stages: the item's id (the readers take it from the file's guid, else its
id), then its event page URL, then title plus speakers, then title plus start
plus room. :func:`compare` turns a match into :class:`ItemChange` records
(``new``, ``cancelled``, ``time``, ``room``, ``title``, ``speakers``), one per
item that changed or was re-keyed; :func:`merge_pending` folds the records of
several updates into one per item, "before" being the item as the user last
acknowledged it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, ClassVar

from geodl_app import wording
from geodl_app.clashes import Clash
from geodl_app.model import Conference, Event, Moment, OptionalMoment

# The order in which kinds are listed, everywhere.
CHANGE_KINDS = ("new", "cancelled", "time", "room", "title", "speakers")


# Read back from the library's change logs by pydantic (geodl_app.validation).
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an attendee notices of an item: when, where, what, who."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    start: Moment
    title: str
    end: OptionalMoment = None
    room: str | None = None
    speakers: tuple[str, ...] = ()

    @classmethod
    def of(cls, event: Event) -> Snapshot:
        return cls(
            start=event.start,
            end=event.end,
            room=event.room,
            title=event.title,
            speakers=tuple(event.speakers),
        )

    def to_json(self, conference: Conference) -> dict[str, object]:
        """The shape of ``changes --json``'s before/after, instants in the conference's zone."""
        return {
            "start": conference.local(self.start).isoformat(),
            "end": None if self.end is None else conference.local(self.end).isoformat(),
            "room": self.room,
            "title": self.title,
            "speakers": list(self.speakers),
        }


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item's change in one update (or merged over several).

    *old_id* is None for a new item, *new_id* None for a cancelled one; an item
    whose id alone changed has both and no kinds: it is kept so that a later
    update's change of the same item can be traced back to what the user saw.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    old_id: str | None
    new_id: str | None
    before: Snapshot | None
    after: Snapshot | None

    @property
    def kinds(self) -> list[str]:
        return change_kinds(self.before, self.after)

    @property
    def id(self) -> str:
        """The item's current id, or its last known one if it is gone."""
        return self.new_id or self.old_id or ""

    @property
    def title(self) -> str:
        shown = self.after or self.before
        return "" if shown is None else shown.title


def change_kinds(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    """The kinds of change from *before* to *after*, in :data:`CHANGE_KINDS` order."""
    if before is None:
        return [] if after is None else ["new"]
    if after is None:
        return ["cancelled"]
    kinds = []
    if before.start != after.start or before.end != after.end:
        kinds.append("time")
    if before.room != after.room:
        kinds.append("room")
    if before.title != after.title:
        kinds.append("title")
    if before.speakers != after.speakers:
        kinds.append("speakers")
    return kinds


# ------------------------------------------------------------------ matching


def _fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _by_id(event: Event) -> Hashable:
    return event.id


def _by_page(event: Event) -> Hashable:
    # The event page (interop keeps it as ``url``); a slug lives at its end.
    page = getattr(event, "url", None)
    return _fold(page).rstrip("/") if page else None


def _by_title_and_speakers(event: Event) -> Hashable:
    if not event.speakers:
        return None  # "Lunch" on each day is not one item
    return (_fold(event.title), tuple(sorted(_fold(s) for s in event.speakers)))


def _by_title_start_room(event: Event) -> Hashable:
    return (_fold(event.title), event.start, _fold(event.room))


MATCH_STAGES: tuple[Callable[[Event], Hashable], ...] = (
    _by_id,
    _by_page,
    _by_title_and_speakers,
    _by_title_start_room,
)


def different_talk(old: Event, new: Event) -> bool:
    """Whether two items are plainly not the same talk: title, speakers and time all differ.

    An id may be reused by a programme for another talk (the first one
    cancelled); one of the three still in common is enough to be the same one,
    retitled, re-timed or with other speakers.
    """
    return (
        _fold(old.title) != _fold(new.title)
        and sorted(_fold(s) for s in old.speakers) != sorted(_fold(s) for s in new.speakers)
        and (old.start != new.start or old.end != new.end)
    )


def match_items(old: Sequence[Event], new: Sequence[Event]) -> dict[str, str]:
    """Old id -> new id for every item found in both versions (one-to-one).

    Each stage pairs only items left over by the stages before it. Where a key
    is shared by several items on a side, they are paired in order of start.
    Two items with the same id are not paired when they are plainly different
    talks (:func:`different_talk`): the id was reused, and the later stages
    may still find each one's own partner.
    """
    matched: dict[str, str] = {}
    old_left = sorted(old, key=lambda e: (e.start, e.id))
    new_left = sorted(new, key=lambda e: (e.start, e.id))
    for key in MATCH_STAGES:
        groups: dict[Hashable, list[Event]] = {}
        for event in new_left:
            value = key(event)
            if value is not None:
                groups.setdefault(value, []).append(event)
        taken: set[str] = set()
        for event in old_left:
            value = key(event)
            candidates = groups.get(value) if value is not None else None
            if candidates and key is _by_id and different_talk(event, candidates[0]):
                continue
            if candidates:
                partner = candidates.pop(0)
                matched[event.id] = partner.id
                taken.add(partner.id)
        old_left = [e for e in old_left if e.id not in matched]
        new_left = [e for e in new_left if e.id not in taken]
    return matched


def compare(old: Conference, new: Conference) -> list[ItemChange]:
    """Every item that is new, gone, changed or re-keyed between *old* and *new*."""
    matches = match_items(old.events, new.events)
    records: list[ItemChange] = []
    for event in old.events:
        partner_id = matches.get(event.id)
        before = Snapshot.of(event)
        if partner_id is None:
            records.append(ItemChange(old_id=event.id, new_id=None, before=before, after=None))
            continue
        partner = new.events_by_id[partner_id]
        after = Snapshot.of(partner)
        if partner_id != event.id or change_kinds(before, after):
            records.append(
                ItemChange(old_id=event.id, new_id=partner_id, before=before, after=after)
            )
    found = set(matches.values())
    for event in new.events:
        if event.id not in found:
            records.append(
                ItemChange(old_id=None, new_id=event.id, before=None, after=Snapshot.of(event))
            )
    return records


def renamed_ids(records: Iterable[ItemChange]) -> dict[str, str]:
    """Old id -> new id for the items of one update whose id changed."""
    return {
        r.old_id: r.new_id
        for r in records
        if r.old_id is not None and r.new_id is not None and r.old_id != r.new_id
    }


def gone_id(item_id: str) -> str:
    """The id under which the plan keeps a cancelled item whose id another item now uses."""
    return f"{item_id[:195]}@gone"


def plan_renames(records: Iterable[ItemChange]) -> dict[str, str]:
    """Old id -> the id the plan keeps it under after one update.

    A re-keyed item goes to its new id. A cancelled item whose id a different
    item now has goes to :func:`gone_id`, so that its star stays a star on a
    cancelled talk and does not pass silently to the other one.
    """
    records = list(records)
    renames = renamed_ids(records)
    taken = {r.new_id for r in records if r.new_id is not None}
    for record in records:
        old_id = record.old_id
        if record.new_id is None and old_id in taken and gone_id(old_id) not in taken:
            renames[old_id] = gone_id(old_id)
    return renames


def plan_id(change: ItemChange, conference: Conference) -> str:
    """The id under which the plan keeps *change*'s item in *conference* (the current version).

    The item's own id, except for a cancelled item whose id another item of
    *conference* now has (see :func:`plan_renames`).
    """
    old_id = change.old_id
    if change.new_id is None and old_id is not None and conference.event(old_id) is not None:
        return gone_id(old_id)
    return change.id


# ------------------------------------------------------------------- merging


def merge_pending(updates: Iterable[Sequence[ItemChange]]) -> list[ItemChange]:
    """The records of successive updates folded into one per item.

    "before" stays what the first of these updates saw; "after" is the last.
    An item that came back to what it was, or that only changed its id, is
    left out; one that was new and is gone again too.
    """
    current: dict[str, ItemChange] = {}  # by the item's id in the latest version
    gone: list[ItemChange] = []
    for records in updates:
        following: dict[str, ItemChange] = {}
        consumed: set[str] = set()
        for record in records:
            earlier = None
            if record.old_id is not None and record.old_id in current:
                earlier = current[record.old_id]
                consumed.add(record.old_id)
            merged = ItemChange(
                old_id=earlier.old_id if earlier is not None else record.old_id,
                new_id=record.new_id,
                before=earlier.before if earlier is not None else record.before,
                after=record.after,
            )
            if merged.new_id is None:
                if merged.before is not None:
                    gone.append(merged)
            else:
                following[merged.new_id] = merged
        for item_id, record in current.items():
            if item_id not in consumed and item_id not in following:
                following[item_id] = record  # unchanged in this update
        current = following
    merged_all = [*current.values(), *gone]
    return [r for r in merged_all if r.kinds]


# ------------------------------------------------------------------- wording


def when(snapshot: Snapshot, zone: tzinfo) -> str:
    """ "Sat 6 Feb 10:00–10:30"."""
    start = snapshot.start.astimezone(zone)
    text = f"{wording.short_day(start.date())} {start:%H:%M}–"
    if snapshot.end is not None:
        end = snapshot.end.astimezone(zone)
        text += f"{end:%H:%M}"
        if end.date() != start.date():
            text += f" ({wording.short_day(end.date())})"
    return text


def describe_change(change: ItemChange, zone: tzinfo) -> list[str]:
    """One line per changed field, old → new (for the command line and the window)."""
    before, after = change.before, change.after
    if before is None and after is not None:
        return [f"new: {when(after, zone)}" + (f", {after.room}" if after.room else "")]
    if after is None and before is not None:
        return [
            "cancelled or removed; was "
            + when(before, zone)
            + (f", {before.room}" if before.room else "")
        ]
    assert before is not None and after is not None
    lines = []
    kinds = change.kinds
    if "time" in kinds:
        lines.append(f"time: {when(before, zone)} → {when(after, zone)}")
    if "room" in kinds:
        lines.append(f"room: {before.room or '(none)'} → {after.room or '(none)'}")
    if "title" in kinds:
        lines.append(f"title: {before.title} → {after.title}")
    if "speakers" in kinds:
        old = ", ".join(before.speakers) or "(none)"
        new = ", ".join(after.speakers) or "(none)"
        lines.append(f"speakers: {old} → {new}")
    return lines


# ---------------------------------------------------------- what is shown


def ordered_changes(
    changes: Iterable[ItemChange], starred: set[str], conference: Conference | None = None
) -> list[ItemChange]:
    """Starred items first, then by time (the new time for a moved item).

    With *conference* (the current version), a cancelled item whose id was
    reused counts as starred by its :func:`plan_id`.
    """

    def key(change: ItemChange) -> tuple[bool, object, str]:
        shown = change.after or change.before
        assert shown is not None
        kept_as = change.id if conference is None else plan_id(change, conference)
        return (kept_as not in starred, shown.start, change.id)

    return sorted(changes, key=key)


@dataclass(frozen=True)
class ChangeRow:
    """One changed item as the Changes view shows it."""

    id: str  # as the plan keeps it (plan_id): what Dismiss and Re-link act on
    title: str
    starred: bool
    kinds: tuple[str, ...]
    lines: tuple[str, ...]  # old → new, one per changed field
    clash: str = ""  # "Now clashes with “…”" for a starred item moved into a clash

    @property
    def cancelled(self) -> bool:
        return "cancelled" in self.kinds

    @property
    def new(self) -> bool:
        return "new" in self.kinds


def change_rows(
    conference: Conference,
    changes: Iterable[ItemChange],
    starred: set[str],
    clashes: Iterable[Clash] = (),
) -> list[ChangeRow]:
    """The rows of the Changes view: starred first, each with old → new and any clash."""
    clashes = list(clashes)
    rows = []
    for change in ordered_changes(changes, starred, conference):
        kept_as = plan_id(change, conference)
        clash = ""
        if change.after is not None and {"time", "new"} & set(change.kinds):
            others = [c.other(change.id).title for c in clashes if c.involves(change.id)]
            if others:
                clash = "Now clashes with " + ", ".join(f"“{t}”" for t in others)
        rows.append(
            ChangeRow(
                id=kept_as,
                title=change.title,
                starred=kept_as in starred,
                kinds=tuple(change.kinds),
                lines=tuple(describe_change(change, conference.zone)),
                clash=clash,
            )
        )
    return rows
