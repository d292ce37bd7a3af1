"""The program formats the app reads and writes: one registry, one module per format.

:data:`FORMATS` lists every format once, as a :class:`Format` record: its name,
how to recognise it, the module holding its reader (and writer), its file-name
patterns for the open dialog and, where it is written, its export suffix, its
``export`` option and the choices File → Export offers. The loader
(:func:`parse`), File → Open, File → Export and ``geodl-app export`` all read
this list, so adding a format is one module plus one line here.

A format module is imported only when a file of its format is read or
written: recognising a file needs only the small functions below.

A format module provides what its record promises:

- ``read(data: bytes, source: str, timezone: str | None) -> Conference`` when
  the record has ``sniff`` (recognised by the file's first bytes);
- ``read_mapping(raw: Mapping, source: str, timezone: str | None) -> Conference``
  when the record has ``claims`` (recognised in a parsed TOML/JSON document);
- ``write(conference: Conference, events: list[Event] | None) -> bytes`` when
  the record has an ``export_suffix``.

Every problem in a file is raised as :class:`geodl_app.errors.ProgramError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, NamedTuple

from geodl_app.model import Conference, Event

# -------------------------------------------------- recognising (no imports)


def _head(data: bytes) -> bytes:
    """The first bytes of *data* without a UTF-8 byte-order mark or leading blanks."""
    head = data[:512]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip(b" \t\r\n")


def is_xml(data: bytes) -> bool:
    """XML, told by its first character (UTF-16 XML by its byte-order mark and a "<")."""
    head = data[:512]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return b"<\x00" in head or b"\x00<" in head
    return _head(data).startswith(b"<")


def is_icalendar(data: bytes) -> bool:
    """iCalendar: BEGIN:VCALENDAR first, in any case."""
    return _head(data)[:15].upper() == b"BEGIN:VCALENDAR"


def is_own_document(raw: Mapping[str, Any]) -> bool:
    """The app's own format: a ``conference`` table beside the ``events``."""
    return "conference" in raw


def is_frab_document(raw: Mapping[str, Any]) -> bool:
    """A frab schedule document (``{"schedule": {...}}``)."""
    return isinstance(raw.get("schedule"), Mapping) and "conference" not in raw


def is_schedule2_document(raw: Mapping[str, Any]) -> bool:
    """A c3voc schedule 2.0 document: its ``$schema`` ends in ``schedule2`` (or
    ``schema2.json``), or its events are one list under ``schedule`` instead of
    ``days[].rooms``. Listed before schedule 1, which would claim it too."""
    schema = raw.get("$schema")
    if isinstance(schema, str):
        name = schema.rstrip("/#").removesuffix(".json")
        if name.endswith(("schedule2", "schema2")):
            return True
    schedule = raw.get("schedule")
    return (
        isinstance(schedule, Mapping)
        and "conference" not in raw
        and isinstance(schedule.get("events"), list)
    )


# ------------------------------------------------------------------ registry


class ExportChoice(NamedTuple):
    """One line of File → Export's format list."""

    label: str  # "Calendar of my plan, iCalendar"
    plan_only: bool  # True: starred items and own appointments; False: the whole program


class Format(NamedTuple):
    """A program format: how to recognise it, where its reader and writer are."""

    name: str  # stable key: "ical"; what exporting.export() and formats.write() take
    title: str  # what the open dialog calls it: "iCalendar"
    module: str  # the module with read()/read_mapping()/write(), imported on first use
    patterns: tuple[str, ...]  # file names it usually has: ("*.ics", "*.ical")
    sniff: Callable[[bytes], bool] | None = None  # recognised by the file's bytes
    claims: Callable[[Mapping[str, Any]], bool] | None = None  # or in a TOML/JSON document
    export_suffix: str | None = None  # ".ics"; None: the app does not write this format
    export_option: str | None = None  # "ics": `geodl-app export --ics FILE`
    export_help: str = ""  # the option's help: "an iCalendar (RFC 5545) file"
    short: str = ""  # its name in a sentence: "Pentabarf XML" (default: the title)
    export_choices: tuple[ExportChoice, ...] = ()  # what File → Export offers

    @property
    def file_filter(self) -> str:
        """This format as a line of a file dialog's filter: "iCalendar (*.ics *.ical)"."""
        return f"{self.title} ({' '.join(self.patterns)})"

    @property
    def short_name(self) -> str:
        return self.short or self.title

    def implementation(self) -> ModuleType:
        """The format's module (imported now if it was not yet)."""
        return importlib.import_module(self.module)


FORMATS: tuple[Format, ...] = (
    Format(
        "ical",
        "iCalendar",
        "geodl_app.formats.ical",
        ("*.ics", "*.ical"),
        sniff=is_icalendar,
        export_suffix=".ics",
        export_option="ics",
        export_help="an iCalendar (RFC 5545) file",
        export_choices=(
            ExportChoice("Calendar of my plan, iCalendar", plan_only=True),
            ExportChoice("Calendar of the whole program, iCalendar", plan_only=False),
        ),
    ),
    Format(
        "pentabarf",
        "Pentabarf / frab schedule XML",
        "geodl_app.formats.pentabarf",
        ("*.xml",),
        sniff=is_xml,
        export_suffix=".xml",
        export_option="pentabarf",
        export_help="a Pentabarf/frab schedule XML file",
        short="Pentabarf XML",
        export_choices=(ExportChoice("Whole program for phone apps, Pentabarf XML", False),),
    ),
    Format(
        "schedule2",
        "c3voc schedule 2.0 JSON",
        "geodl_app.formats.schedule2",
        ("*.json",),
        claims=is_schedule2_document,
    ),
    Format(
        "frab-json",
        "frab schedule JSON",
        "geodl_app.formats.frab_json",
        ("*.json",),
        claims=is_frab_document,
        export_suffix=".json",
        export_option="frab-json",
        export_help="a frab/c3voc schedule JSON file",
        short="frab JSON",
        export_choices=(ExportChoice("Whole program, frab JSON", False),),
    ),
    Format(
        "own",
        "GeoDL Companion program",
        "geodl_app.formats.own",
        ("*.toml",),
        claims=is_own_document,
    ),
)

# The names of the formats, for code that names one directly.
ICAL = "ical"
PENTABARF = "pentabarf"
FRAB_JSON = "frab-json"
SCHEDULE2 = "schedule2"
OWN = "own"


def get(name: str) -> Format:
    """The format called *name* (ValueError if there is none)."""
    for candidate in FORMATS:
        if candidate.name == name:
            return candidate
    raise ValueError(f"unknown format {name!r}")


def written() -> list[Format]:
    """The formats the app writes, in registry order."""
    return [f for f in FORMATS if f.export_suffix is not None]


def open_filter() -> str:
    """The open dialog's filter: every readable pattern first, then each format, then all."""
    patterns = " ".join(dict.fromkeys(p for f in FORMATS for p in f.patterns))
    lines = [f"Conference programs ({patterns})"]
    lines += [f.file_filter for f in FORMATS]
    lines.append("All files (*)")
    return ";;".join(lines)


# ------------------------------------------------------------ reading, writing


def detect(data: bytes) -> str | None:
    """The format of *data* told by its bytes alone, or None (a TOML/JSON document)."""
    for candidate in FORMATS:
        if candidate.sniff is not None and candidate.sniff(data):
            return candidate.name
    return None


def parse(data: bytes, source: str, timezone: str | None = None) -> Conference:
    """Read *data* in whichever format it is; the format is told from the content.

    *timezone* is the zone for a file whose times carry none.
    """
    name = detect(data)
    if name is not None:
        return read(name, data, source, timezone)
    from geodl_app.formats import own

    document = own.parse_document(data, source)
    for candidate in FORMATS:
        if candidate.claims is not None and candidate.claims(document):
            reader = candidate.implementation()
            conference: Conference = reader.read_mapping(document, source, timezone)
            return conference
    # Nothing claims it: the own format's checks say what a program needs.
    return own.conference_from_mapping(document, source)


def read(kind: str, data: bytes, source: str, timezone: str | None = None) -> Conference:
    """Read *data* in the format *kind*."""
    conference: Conference = get(kind).implementation().read(data, source, timezone)
    return conference


def write(
    kind: str, conference: Conference, events: list[Event] | None = None, **options: Any
) -> bytes:
    """*conference* (or only *events* of it) as bytes in the format *kind*.

    *options* go to the format's writer (iCalendar: ``alarm_minutes``, ``silent``).
    """
    chosen = get(kind)
    if chosen.export_suffix is None:
        raise ValueError(f"format {kind!r} is read, not written")
    data: bytes = chosen.implementation().write(conference, events, **options)
    return data
