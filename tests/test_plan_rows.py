"""My plan's rows, computed in the core without Qt (plan_rows, plan_summary)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from geodl_app.bookmarks import Appointment, BookmarkStore
from geodl_app.clashes import find_clashes, planned_items
from geodl_app.model import Conference
from geodl_app.plan_rows import PlanRow, RowKind, plan_rows, plan_summary

ZONE = ZoneInfo("Europe/Stockholm")


def rows_for(gdl: Conference, stars: list[str], call: bool = False) -> tuple[list[PlanRow], str]:
    store = BookmarkStore(gdl.id)
    store.star(stars)
    if call:
        start = datetime(2024, 6, 11, 15, 30, tzinfo=ZONE)
        store.add_appointment(Appointment.create("Call with Anna", start, start.replace(hour=16)))
    plan = store.plan
    clashes = find_clashes(planned_items(plan.starred_events(gdl), plan.appointments))
    return plan_rows(gdl, plan, clashes), plan_summary(gdl, plan, clashes)


def test_an_empty_plan_says_how_to_start(gdl: Conference) -> None:
    rows, summary = rows_for(gdl, [])
    assert [(r.kind, r.text, r.item_id) for r in rows] == [
        (RowKind.GAP, "Nothing planned yet: star talks or add an appointment", None)
    ]
    assert summary == "0 starred, 0 appointments"


def test_days_items_gaps_clashes_and_missing_stars(gdl: Conference) -> None:
    rows, summary = rows_for(
        gdl, ["talk-bokman", "talk-marchetti", "talk-kessel", "talk-gone"], call=True
    )
    assert rows[0] == PlanRow(RowKind.DAY, "", "Tuesday 11 June 2024", day=rows[0].day)
    assert rows[0].heading
    gap = next(r for r in rows if r.kind is RowKind.GAP)
    assert (gap.time, gap.text, gap.tone, gap.item_id) == (
        "14:50–15:10",
        "free for 20 min",
        "gap",
        None,
    )
    marchetti = next(r for r in rows if r.item_id == "talk-marchetti")
    assert marchetti.tone == "clash" and "clashes with “Call with Anna”" in marchetti.text
    assert "Clashes with “Call with Anna”" in marchetti.tip
    call = next(r for r in rows if r.kind is RowKind.APPOINTMENT)
    assert call.text.startswith("◆ Call with Anna") and "double-click to edit" in call.tip
    assert [r.kind for r in rows[-2:]] == [RowKind.MISSING_HEADING, RowKind.MISSING]
    assert rows[-1].item_id == "talk-gone" and rows[-1].tone == "missing"
    assert summary == "4 starred, 1 appointment, 1 clash, 1 no longer in the program"
