"""The attendee's notes as Markdown, to take home (pure; no Qt, no files).

One section per starred or noted program item, in program order: title,
speakers, day and time, room, links (the item's page and its references,
such as arXiv), the abstract's first paragraph, then the note. Own
appointments follow with their notes. Text from the programme file is
escaped so that it reads as text on GitHub and in Obsidian; the attendee's
own notes are kept as written (they may well be Markdown).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from geodl_app import wording
from geodl_app.bookmarks import Plan
from geodl_app.model import Conference, Event, clean_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """Programme text as Markdown that shows exactly that text (one line)."""
    flat = " ".join(_CONTROL.sub("", value).split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    # A line starting with "1." or "-" would become a list, "=" a heading's rule.
    escaped = re.sub(r"^(\d+)\.", r"\1\\.", escaped)
    return "\\" + escaped if escaped[:1] in ("-", "=", "+") else escaped


def link(title: str, url: str) -> str:
    # Validated http(s) addresses without spaces; brackets would end the link early.
    safe = quote(url, safe=":/?#[]@!$&'*+,;=%-._~")
    safe = safe.replace("(", "%28").replace(")", "%29").replace("[", "%5B").replace("]", "%5D")
    return f"[{text(title)}]({safe})"


def noted_items(conference: Conference, plan: Plan) -> list[Event]:
    """The program items with a star or a note, in program order."""
    starred = plan.starred_set
    return [e for e in conference.events if e.id in starred or plan.notes.get(e.id)]


def notes_markdown(conference: Conference, plan: Plan) -> str:
    """The whole Markdown document."""
    lines = [f"# {text(conference.name)}: my notes", ""]
    items = noted_items(conference, plan)
    appointments = plan.appointment_events()
    if not items and not appointments:
        lines += ["Nothing starred or noted yet.", ""]
    for event in items:
        lines += _section(conference, event, plan.note(event.id), "##")
    if appointments:
        lines += ["## My appointments", ""]
        for event in appointments:
            lines += _section(conference, event, plan.note(event.id), "###", abstract=False)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(
    conference: Conference, event: Event, note: str, level: str, abstract: bool = True
) -> list[str]:
    start = conference.local(event.start)
    when = f"{wording.day_heading(start.date())} {start.year}, "
    when += wording.time_range(event, conference.zone)
    facts = []
    if event.speakers:
        label = "Speaker" if len(event.speakers) == 1 else "Speakers"
        facts.append(f"**{label}:** {text(', '.join(event.speakers))}")
    facts.append(f"**When:** {when}")
    if event.room:
        facts.append(f"**Where:** {text(event.room)}")
    links = []
    if event.url:
        links.append(link("Event page", event.url))
    links += [link(item.title, item.url) for item in event.links]
    if links:
        facts.append(f"**Links:** {' · '.join(links)}")
    # Two spaces end a line inside a paragraph in Markdown.
    out = [f"{level} {text(event.title)}", "", "  \n".join(facts), ""]
    if abstract and event.paragraphs:
        out += [f"> {text(event.paragraphs[0])}", ""]
    if note.strip():
        # The attendee's own Markdown, kept as written, but no control character.
        out += [clean_text(note).strip(), ""]
    return out
