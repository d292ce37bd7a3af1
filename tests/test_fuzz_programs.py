"""Fuzzing the readers with mutated real programmes (a fixed budget, in the normal suite).

Each example takes one of the shared programmes (FOSDEM's XML cut to a few rooms,
DemoCon's frab JSON, Kieler Linuxtage's iCalendar), changes its structure (drops,
copies, nests and rewrites elements, keys or lines) or its bytes, and reads it.
Whatever comes in: the read ends within its time budget, with a programme that
keeps the model's promises or one ProgramError line.
"""

from __future__ import annotations

import copy
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_programs import PROGRAMS, shared_file

from geodl_app.errors import ProgramError
from geodl_app.model import Conference
from geodl_app.program import parse_program

# Generous: a read of these seeds takes milliseconds; a hang or a blow-up
# (the quadratic nested rooms, a VTIMEZONE expanded by the minute) takes minutes.
BUDGET_S = 10.0
EXAMPLES = 400


def _seeds() -> dict[str, bytes]:
    fosdem = shared_file(PROGRAMS / "fosdem-2021.pentabarf.xml")
    root = ET.fromstring(fosdem.read_bytes())
    for day in root.findall("day")[1:]:
        root.remove(day)
    for day in root.findall("day"):
        for room in day.findall("room")[3:]:
            day.remove(room)
        for room in day.findall("room"):
            for event in room.findall("event")[3:]:
                room.remove(event)
    return {
        "xml": ET.tostring(root, encoding="utf-8"),
        "json": (PROGRAMS / "democon.frab.json").read_bytes(),
        "ics": (PROGRAMS / "kielux-2020.ics").read_bytes(),
    }


SEEDS: dict[str, bytes] = {}


def seed(kind: str) -> bytes:
    if not SEEDS:
        SEEDS.update(_seeds())
    return SEEDS[kind]


# ------------------------------------------------------------------ mutations

TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "00:00", "99:99", "25:00", "2024-13-45", "9999-12-31", "Europe", "A" * 300,
         "\r\nBEGIN:VEVENT", "<b>x</b>", "-1", "1" * 40, "\x00\x1b\x7f", "Europe/Berlin",
         "FREQ=DAILY", "FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=100000",
         "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20200111T100000Z", "20200111", "PT0S", "-PT1H"]
    ),
)  # fmt: skip


STRUCTURE = ("schedule", "conference", "day", "room", "event", "persons", "links")


def mutate_xml(data: bytes, draw: Callable[..., Any]) -> bytes:
    root = ET.fromstring(data)
    for _ in range(draw(st.integers(1, 4))):
        elements = list(root.iter())
        # Drops, copies and nesting act on the schedule's structure (days,
        # rooms, events); text and attributes on anything.
        frame = [e for e in elements if e.tag in STRUCTURE] or elements
        action = draw(st.sampled_from(["drop", "copy", "nest", "text", "attribute"]))
        pool = frame if action in ("drop", "copy", "nest") else elements
        target = pool[draw(st.integers(0, len(pool) - 1))]
        parents = {child: parent for parent in root.iter() for child in parent}
        parent = parents.get(target)
        if action == "drop" and parent is not None:
            parent.remove(target)
        elif action == "copy" and parent is not None:
            parent.append(copy.deepcopy(target))
        elif action == "nest":
            other = elements[draw(st.integers(0, len(elements) - 1))]
            if other is not target and target not in other.iter():
                other.append(copy.deepcopy(target))
        elif action == "text":
            target.text = draw(TEXTS)
        elif action == "attribute":
            target.set(draw(st.sampled_from(["date", "id", "guid", "name", "start"])), draw(TEXTS))
    return ET.tostring(root, encoding="utf-8")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=6,
)


def mutate_json(data: bytes, draw: Callable[..., Any]) -> bytes:
    document = json.loads(data)
    for _ in range(draw(st.integers(1, 4))):
        holders: list[Any] = []
        pending = [document]
        while pending:
            value = pending.pop()
            if isinstance(value, dict | list):
                holders.append(value)
                pending.extend(value.values() if isinstance(value, dict) else value)
        holder = holders[draw(st.integers(0, len(holders) - 1))]
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        if not keys:
            continue
        key = keys[draw(st.integers(0, len(keys) - 1))]
        action = draw(st.sampled_from(["drop", "copy", "replace"]))
        if action == "drop":
            del holder[key]
        elif action == "copy" and isinstance(holder, list):
            holder.append(copy.deepcopy(holder[key]))
        else:
            holder[key] = draw(JSON_VALUES)
    return json.dumps(document).encode()


def mutate_ics(data: bytes, draw: Callable[..., Any]) -> bytes:
    lines = data.decode("utf-8").split("\r\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "copy", "insert", "value"]))
        if action == "drop":
            del lines[at]
        elif action == "copy":
            lines.insert(at, lines[at])
        elif action == "insert":
            name = draw(
                st.sampled_from(
                    ["DTSTART", "DTEND", "DURATION", "TZID", "X-WR-TIMEZONE", "UID", "SUMMARY",
                     "BEGIN", "END", "EXDATE", "RDATE", "RRULE", "RECURRENCE-ID"]
                )
            )  # fmt: skip
            lines.insert(at, f"{name}:{draw(TEXTS)}")
        elif ":" in lines[at]:
            lines[at] = lines[at].split(":", 1)[0] + ":" + draw(TEXTS)
        if not lines:
            lines = [""]
    return "\r\n".join(lines).encode("utf-8", errors="surrogatepass")


def mutate_bytes(data: bytes, draw: Callable[..., Any]) -> bytes:
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(buffer)))
        action = draw(st.sampled_from(["flip", "insert", "cut", "truncate"]))
        if action == "flip" and at < len(buffer):
            buffer[at] = draw(st.integers(0, 255))
        elif action == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "cut":
            del buffer[at : at + draw(st.integers(1, 64))]
        elif action == "truncate":
            del buffer[at:]
    return bytes(buffer)


MUTATORS = {"xml": mutate_xml, "json": mutate_json, "ics": mutate_ics}


# ----------------------------------------------------------------- invariants


def events_in(kind: str, data: bytes) -> int | None:
    """How many events the file holds, counted apart from the readers (None: unsure)."""
    try:
        if kind == "xml":
            root = ET.fromstring(data)
            if root.tag != "schedule":
                return None
            parents = {child: parent for parent in root.iter() for child in parent}

            def read(event: ET.Element) -> bool:
                # Inside a <room> that is itself inside a <day>, at any depth.
                above = parents.get(event)
                while above is not None:
                    if above.tag == "room":
                        outer = parents.get(above)
                        while outer is not None:
                            if outer.tag == "day":
                                return True
                            outer = parents.get(outer)
                    above = parents.get(above)
                return False

            return sum(1 for event in root.iter("event") if read(event))
        if kind == "json":
            days = json.loads(data)["schedule"]["conference"]["days"]
            return sum(len(events) for day in days for events in day["rooms"].values())
        text = data.decode("utf-8")
        if re.search(r"^(RRULE|RDATE|RECURRENCE-ID)", text, re.MULTILINE):
            return None
        return len(re.findall(r"^BEGIN:VEVENT\r?$", text, re.MULTILINE))
    except Exception:
        return None


def check(kind: str, data: bytes, structural: bool) -> None:
    started = time.monotonic()
    try:
        conference = parse_program(data, f"fuzz.{kind}")
    except ProgramError as error:
        assert time.monotonic() - started < BUDGET_S
        message = str(error)
        assert message.startswith(f"fuzz.{kind}: ") and "\n" not in message and "\r" not in message
        return
    assert time.monotonic() - started < BUDGET_S
    assert isinstance(conference, Conference)
    ids = [event.id for event in conference.events]
    assert len(ids) == len(set(ids))
    for event in conference.events:
        assert event.end is None or event.start <= event.end
        for text in (event.title, event.room or "", event.track or "", *event.speakers):
            assert not re.search("[\x00-\x1f\x7f]", text)
    assert conference.first_day <= conference.last_day
    if structural:
        expected = events_in(kind, data)
        # Every event of the file, once: none lost, none read twice with a "-2" id.
        if expected is not None:
            assert len(conference.events) == expected


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(MUTATORS)), st.data())
def test_mutated_structure_gives_a_programme_or_one_line(kind: str, data: st.DataObject) -> None:
    mutated = MUTATORS[kind](seed(kind), data.draw)
    check(kind, mutated, structural=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(MUTATORS)), st.data())
def test_mutated_bytes_give_a_programme_or_one_line(kind: str, data: st.DataObject) -> None:
    check(kind, mutate_bytes(seed(kind), data.draw), structural=False)


def test_the_seeds_are_read_whole() -> None:
    for kind in MUTATORS:
        conference = parse_program(seed(kind), f"seed.{kind}")
        assert len(conference.events) == events_in(kind, seed(kind))
