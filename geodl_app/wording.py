"""How times, days and items are put into words on screen (pure; no Qt).

English names are spelled out here rather than taken from the C library's
locale, so that labels and accessible names are the same on every machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

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


def short_day(day: date) -> str:
    """ "Tue 11 Jun"."""
    return f"{weekday(day)[:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def time_range(event: Event, zone: tzinfo) -> str:
    """ "14:10–14:50", or "19:00–" for an item with no end."""
    start = event.start.astimezone(zone)
    if event.end is None:
        return f"{start:%H:%M}–"
    end = event.end.astimezone(zone)
    suffix = "" if end.date() == start.date() else f" ({weekday(end.date())[:3]})"
    return f"{start:%H:%M}–{end:%H:%M}{suffix}"


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


@dataclass(frozen=True)
class Block:
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
