"""Outside program formats: one module per format, each a reader and a writer.

:func:`detect` names the format from the content (not the file name), and
:func:`read` dispatches to the reader. The app's own TOML/JSON format is
handled by :mod:`geodl_app.program`, which calls in here first.
"""

from __future__ import annotations

from typing import Any

from geodl_app.model import Conference, Event

PENTABARF = "pentabarf"
FRAB_JSON = "frab-json"
ICAL = "ical"

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def detect(data: bytes) -> str | None:
    """The outside format of *data*, or None (the app's own format, or unknown).

    XML is recognised by its first character, iCalendar by BEGIN:VCALENDAR;
    frab JSON needs the parsed document (see :func:`frab_json.looks_like`).
    """
    head = data[:512]
    for bom in _BOMS:
        if head.startswith(bom):
            if bom != b"\xef\xbb\xbf":
                return PENTABARF if b"<\x00" in head or b"\x00<" in head else None
            head = head[len(bom) :]
            break
    head = head.lstrip(b" \t\r\n")
    if head.startswith(b"<"):
        return PENTABARF
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return ICAL
    return None


def read(kind: str, data: bytes, source: str, timezone: str | None = None) -> Conference:
    """Read *data* in the outside format *kind*."""
    if kind == PENTABARF:
        from geodl_app.formats import pentabarf

        return pentabarf.read(data, source, timezone)
    if kind == ICAL:
        from geodl_app.formats import ical

        return ical.read(data, source, timezone)
    if kind == FRAB_JSON:
        from geodl_app.formats import frab_json

        return frab_json.read(data, source, timezone)
    raise ValueError(f"unknown format {kind!r}")


def write(
    kind: str, conference: Conference, events: list[Event] | None = None, **options: Any
) -> bytes:
    """*conference* (or only *events* of it) as bytes in the outside format *kind*.

    *options* go to the writer (iCalendar: ``alarm_minutes``, ``silent``).
    """
    if kind == PENTABARF:
        from geodl_app.formats import pentabarf

        return pentabarf.write(conference, events)
    if kind == ICAL:
        from geodl_app.formats import ical

        return ical.write(conference, events, **options)
    if kind == FRAB_JSON:
        from geodl_app.formats import frab_json

        return frab_json.write(conference, events)
    raise ValueError(f"unknown format {kind!r}")
