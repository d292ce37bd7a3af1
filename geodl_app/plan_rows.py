"""The rows of "My plan": starred items and own appointments day by day (pure; no Qt).

:func:`plan_rows` decides what the list shows — a heading per day, each planned
item with its time, place, clash and note, the free time between items, and
the stars whose item left the program — so the view (``ui/my_plan.py``) only
displays the rows; :func:`plan_summary` is the line above them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from geodl_app import wording
from geodl_app.bookmarks import Plan
from geodl_app.clashes import Clash, PlannedItem, free_gaps, planned_items
from geodl_app.model import Conference

# A gap shorter than this is a walk between rooms, not free time.
MIN_GAP = timedelta(minutes=15)


class RowKind(StrEnum):
    DAY = "day"
    EVENT = "event"
    APPOINTMENT = "appointment"
    GAP = "gap"  # free time, or the "nothing planned yet" line
    MISSING = "missing"
    MISSING_HEADING = "missing-heading"


@dataclass(frozen=True)
class PlanRow:
    """One line of My plan."""

    kind: RowKind
    time: str  # "14:10–14:50", or ""
    text: str  # the heading, the item (with its clash), or the free time
    place: str = ""
    item_id: str | None = None  # the planned item; None for headings and gaps
    day: date | None = None  # the day the row is under
    tone: str = ""  # "clash", "gap" or "missing": shown in that status colour
    tip: str = ""

    @property
    def heading(self) -> bool:
        return self.kind in (RowKind.DAY, RowKind.MISSING_HEADING)


def plan_rows(
    conference: Conference,
    plan: Plan,
    clashes: Sequence[Clash],
    gone: Mapping[str, str] | None = None,
) -> list[PlanRow]:
    """Every row of My plan for *plan* in *conference*, in order.

    *gone* describes starred items that left the programme as the library last
    knew them (id -> "Title (was Sat 6 Feb 10:00–10:25, D.rtc)").
    """
    gone = gone or {}
    items = planned_items(plan.starred_events(conference), plan.appointments)
    by_day: dict[date, list[PlannedItem]] = defaultdict(list)
    for item in items:
        by_day[conference.local(item.start).date()].append(item)
    rows: list[PlanRow] = []
    for day in sorted(by_day):
        rows += _day_rows(conference, plan, day, by_day[day], clashes)
    missing = plan.missing_stars(conference)
    if missing:
        rows.append(
            PlanRow(
                RowKind.MISSING_HEADING,
                "",
                "No longer in the program",
                tip="These stars are kept: the program no longer has their items",
            )
        )
        rows += [
            PlanRow(
                RowKind.MISSING,
                "",
                f"{gone[item_id]}, cancelled or removed" if item_id in gone else item_id,
                item_id=item_id,
                tone="missing",
                tip=f"{item_id} is no longer in the program",
            )
            for item_id in missing
        ]
    if not items and not missing:
        rows.append(
            PlanRow(RowKind.GAP, "", "Nothing planned yet: star talks or add an appointment")
        )
    return rows


def plan_summary(conference: Conference, plan: Plan, clashes: Sequence[Clash]) -> str:
    """ "3 starred, 1 appointment, 1 clash, 1 no longer in the program"."""
    appointments = len(plan.appointments)
    parts = [
        f"{len(plan.starred)} starred",
        f"{appointments} appointment{'s' if appointments != 1 else ''}",
    ]
    if clashes:
        parts.append(f"{len(clashes)} clash{'es' if len(clashes) != 1 else ''}")
    missing = plan.missing_stars(conference)
    if missing:
        parts.append(f"{len(missing)} no longer in the program")
    return ", ".join(parts)


def _span(conference: Conference, start: datetime, end: datetime | None) -> str:
    return wording.clock_range(start, end, conference.zone, other_day=False)


def _day_rows(
    conference: Conference,
    plan: Plan,
    day: date,
    items: list[PlannedItem],
    clashes: Sequence[Clash],
) -> list[PlanRow]:
    rows = [PlanRow(RowKind.DAY, "", wording.day_heading_with_year(day), day=day)]
    gaps = free_gaps(items, MIN_GAP)
    # Gaps before items that start at the same moment.
    entries: list[tuple[datetime, int, PlannedItem | tuple[datetime, datetime]]] = [
        (i.start, 1, i) for i in items
    ]
    entries += [(g[0], 0, g) for g in gaps]
    entries.sort(key=lambda e: (e[0], e[1]))
    for _, _order, entry in entries:
        if isinstance(entry, tuple):
            start, end = entry
            text = f"free for {wording.duration(end - start)}"
            span = _span(conference, start, end)
            rows.append(PlanRow(RowKind.GAP, span, text, day=day, tone="gap"))
        else:
            rows.append(_item_row(conference, plan, day, entry, clashes))
    return rows


def _item_row(
    conference: Conference, plan: Plan, day: date, item: PlannedItem, clashes: Sequence[Clash]
) -> PlanRow:
    event = conference.event(item.id)
    if item.personal:
        appointment = plan.appointment(item.id)
        kind, place = RowKind.APPOINTMENT, (appointment.place if appointment else None) or ""
        title = f"◆ {item.title}"
    else:
        kind, place = RowKind.EVENT, (event.room or "") if event else ""
        who = f"{', '.join(event.speakers)}: " if event and event.speakers else ""
        title = f"★ {who}{item.title}"
    note = plan.note(item.id)
    if note:
        title += "  ✎"
    tips = []
    others = [c.other(item.id) for c in clashes if c.involves(item.id)]
    if others:
        names = ", ".join(f"“{o.title}”" for o in others)
        title = f"{title}   ⚠ clashes with {names}"
        tips.append(f"Clashes with {names}")
    if item.personal:
        tips.append("Your own appointment (double-click to edit)")
    if item.end is None:
        tips.append("No end given: counted as one hour for clashes")
    if note:
        tips.append(f"Note: {note}")
    return PlanRow(
        kind,
        _span(conference, item.start, item.end),
        title,
        place,
        item_id=item.id,
        day=day,
        tone="clash" if others else "",
        tip="\n".join(tips),
    )
