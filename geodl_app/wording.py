"""How times, days and items are put into words, on screen and on the command line (pure; no Qt).

English names are spelled out here rather than taken from the C library's
locale (``strftime('%A')`` follows it once Qt has started), so that labels,
headings, dialogs and accessible names read the same on every machine.
Every day heading, time range and duration the user sees comes from here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from geodl_app.model import Event, Kind

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def day_heading(day: date) -> str:
    """ "Tuesday 11 June"."""
    return f"{weekday(day)} {day.day} {MONTHS[day.month - 1]}"


def day_heading_with_year(day: date) -> str:
    """ "Tuesday 11 June 2024"."""
    return f"{day_heading(day)} {day.year}"


def short_day(day: date) -> str:
    """ "Tue 11 Jun"."""
    return f"{weekday(day)[:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def clock(moment: datetime, zone: tzinfo) -> str:
    """ "14:10": the wall-clock time of *moment* in *zone*."""
    local = moment.astimezone(zone)
    return f"{local.hour:02d}:{local.minute:02d}"


def short_moment(moment: datetime, zone: tzinfo) -> str:
    """ "Tue 11 Jun 14:10"."""
    return f"{short_day(moment.astimezone(zone).date())} {clock(moment, zone)}"


def clock_range(
    start: datetime,
    end: datetime | None,
    zone: tzinfo,
    *,
    other_day: bool = True,
    open_end: str = "",
) -> str:
    """ "14:10–14:50"; "19:00–" + *open_end* when there is no end.

    With *other_day*, an end on another day than the start names its day:
    "23:00–01:00 (Sun)". Tables of fixed width (the command line) leave it out.
    """
    begin = clock(start, zone)
    if end is None:
        return f"{begin}–{open_end}"
    text = f"{begin}–{clock(end, zone)}"
    if other_day:
        end_day = end.astimezone(zone).date()
        if end_day != start.astimezone(zone).date():
            text += f" ({weekday(end_day)[:3]})"
    return text


def time_range(event: Event, zone: tzinfo) -> str:
    """ "14:10–14:50", "19:00–" for an item with no end, "12:00" for one that takes no time."""
    if event.end == event.start:
        return clock(event.start, zone)
    return clock_range(event.start, event.end, zone)


def differs(event: Event, zone: tzinfo, other: tzinfo) -> bool:
    """Whether *other* shows *event*'s start at another clock time than *zone* does."""
    return event.start.astimezone(zone).utcoffset() != event.start.astimezone(other).utcoffset()


def zone_label(moment_zone: tzinfo, event: Event) -> str:
    """The zone's short name at the event's start ("CEST", "EDT"), else its offset."""
    local = event.start.astimezone(moment_zone)
    name = local.tzname() or ""
    if name and not name.startswith(("+", "-")):
        return name
    offset = local.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def duration(length: timedelta | None) -> str:
    """ "40 min", "1 h", "1 h 20 min"; "no end given" for None."""
    if length is None:
        return "no end given"
    minutes = round(length.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def duration_left(minutes: int) -> str:
    """ "35 min left", "1 h 5 min left"."""
    return f"{duration(timedelta(minutes=minutes))} left"


def who_and_what(event: Event) -> str:
    """ "Georg Bökman: On the usefulness ..." or just the title."""
    if event.speakers:
        return f"{', '.join(event.speakers)}: {event.title}"
    return event.title


def accessible_label(event: Event, zone: tzinfo) -> str:
    """What a screen reader says for a block:
    "Tuesday 14:10–14:50, Georg Bökman: On the usefulness of ...".
    """
    day = weekday(event.start.astimezone(zone).date())
    when = time_range(event, zone)
    if event.end is None:
        when += " (no end given)"
    text = f"{day} {when}, {who_and_what(event)}"
    if event.room:
        text += f", {event.room}"
    if event.kind is Kind.PERSONAL:
        text += ", your own appointment"
    return text


_REFERENCE = re.compile(r"^\[\d+\]\s")


# A NamedTuple: a frozen dataclass compiles its methods at every start (~0.4 ms).
class Block(NamedTuple):
    """A piece of an abstract: a paragraph, or a list of references ("[1] ...")."""

    kind: str  # "paragraph" or "references"
    lines: tuple[str, ...]


def abstract_blocks(event: Event) -> list[Block]:
    """The abstract as paragraphs, with runs of "[n] ..." lines gathered into lists."""
    blocks: list[Block] = []
    for paragraph in event.paragraphs:
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(_REFERENCE.match(line) for line in lines):
            if blocks and blocks[-1].kind == "references":
                blocks[-1] = Block("references", blocks[-1].lines + tuple(lines))
            else:
                blocks.append(Block("references", tuple(lines)))
        else:
            # A single paragraph: lines were wrapped by the source, not by the author.
            blocks.append(Block("paragraph", (" ".join(lines),)))
    return blocks
