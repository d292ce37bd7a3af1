"""Two versions of a real programme (FOSDEM 2021), as a conference's server would publish them.

Version 2 differs from version 1 the way programmes change the night before:
one talk moved, one cancelled, one re-roomed, one retitled, one re-keyed (new
id, same talk) and one new talk.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shared_programs import PROGRAMS, shared_file

FOSDEM = PROGRAMS / "fosdem-2021.pentabarf.xml"

MOVED = "10840"  # Let's find NeMo together: 10:00 -> 15:00 Brussels time
CANCELLED = "11729"  # Products versus Protocols
REROOMED = "11024"  # Accelerating HPC applications ...: D.hpc -> D.hpc.annex
RETITLED = "11272"  # OpenStreetMap Features as Proxy ...
REKEYED = "11193"  # Welcome to Testing and Automation devroom: id becomes 99193
REKEYED_TO = "99193"
NEW = "99001"
UNTOUCHED = "11654"  # Welcome to the MariaDB devroom
MOVED_INTO = "11073"  # Gain a Superpower in OSS ...: 16:00-16:20, where MOVED lands
NEW_TITLE = "OpenStreetMap features as a proxy (updated title)"


def version_1() -> bytes:
    return shared_file(FOSDEM).read_bytes()


def _event(root: ET.Element, event_id: str) -> ET.Element:
    found = root.find(f".//event[@id='{event_id}']")
    assert found is not None, event_id
    return found


def _set(element: ET.Element, tag: str, text: str) -> None:
    child = element.find(tag)
    assert child is not None, tag
    child.text = text


def version_2() -> bytes:
    root = ET.fromstring(version_1())
    _set(_event(root, MOVED), "start", "16:00")
    for room in root.iter("room"):
        for event in list(room.findall("event")):
            if event.get("id") == CANCELLED:
                room.remove(event)
                # A new talk takes the cancelled one's slot.
                new = ET.SubElement(room, "event", id=NEW)
                for tag, text in (
                    ("start", "10:00"),
                    ("duration", "00:30"),
                    ("room", room.get("name") or ""),
                    ("title", "A late addition"),
                    ("type", "devroom"),
                ):
                    ET.SubElement(new, tag).text = text
                persons = ET.SubElement(new, "persons")
                ET.SubElement(persons, "person", id="1").text = "Ada Newcomer"
    _set(_event(root, REROOMED), "room", "D.hpc.annex")
    _set(_event(root, RETITLED), "title", NEW_TITLE)
    _event(root, REKEYED).set("id", REKEYED_TO)
    return ET.tostring(root, encoding="unicode").encode("utf-8")


def version_3() -> bytes:
    """Version 2 with the moved talk moved back (a net change of nothing) and retitled again."""
    root = ET.fromstring(version_2())
    _set(_event(root, MOVED), "start", "10:00")
    _set(_event(root, RETITLED), "title", "OpenStreetMap, third title")
    return ET.tostring(root, encoding="unicode").encode("utf-8")


SWAP_A = "11746"  # State assessment and data validation …: takes SWAP_B's id
SWAP_B = "11042"  # Foreign data wrapper study …: takes SWAP_A's id
REUSED_TITLE = "A different talk in an old slot's id"


def version_reused() -> bytes:
    """Version 1 with ids reused for other talks, as some programme tools do.

    The cancelled talk's id goes to a new, different talk (another title, speaker
    and time), and two talks swap ids.
    """
    root = ET.fromstring(version_1())
    for room in root.iter("room"):
        for event in list(room.findall("event")):
            if event.get("id") == CANCELLED:
                room.remove(event)
                other = ET.SubElement(room, "event", id=CANCELLED)
                for tag, text in (
                    ("start", "14:00"),
                    ("duration", "00:30"),
                    ("room", room.get("name") or ""),
                    ("title", REUSED_TITLE),
                    ("type", "devroom"),
                ):
                    ET.SubElement(other, tag).text = text
                persons = ET.SubElement(other, "persons")
                ET.SubElement(persons, "person", id="2").text = "Someone Else"
    first, second = _event(root, SWAP_A), _event(root, SWAP_B)
    first.set("id", SWAP_B)
    second.set("id", SWAP_A)
    return ET.tostring(root, encoding="unicode").encode("utf-8")
