"""A made-up CCC-style congress programme: 4 days, 90 rooms, ~1,300 items.

Used by the tests, the benchmarks and the README's screenshots of a big
programme. It is generated (the same file every time, from a fixed seed) as
frab/c3voc schedule JSON, the format CCC congresses publish, with schedule
2.0's track colours for some tracks:

    python benchmarks/ccc_programme.py /tmp/ccc.json

Like a real congress it runs past midnight (so the grid starts at 00:00 while
the first day opens at 10:30), its type names carry lengths and qualifiers
("Talk (40 min)", "Vortrag", "lightning talk"), its lightning talks are five
minutes back to back, and most rooms are small assembly and workshop rooms
with a few sessions a day, after five main halls.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ZONE = "Europe/Berlin"
DAYS = [date(2026, 12, 27) + timedelta(days=n) for n in range(4)]
MAIN_HALLS = ["Saal 1", "Saal G", "Saal Z", "Saal F", "Saal E"]
ROOM_COUNT = 90
LIGHTNING_HOURS = (12, 17)
# Tracks: (name, colour given by the file or None).
TRACKS = [
    ("Security", "#d81b60"),
    ("Hardware & Making", "#00897b"),
    ("Ethics, Society & Politics", "#5e35b1"),
    ("Science", None),
    ("Art & Culture", None),
    ("Entertainment", None),
    ("CCC", "#fbc02d"),
    ("Resilience & Sustainability", None),
    ("Assemblies", None),
    ("Workshops", None),
    ("Lightning Talks", None),
    ("Self-organized sessions", None),
]
TALK_TYPES = ["Talk (40 min)", "Talk", "Vortrag", "lecture", "Keynote", "Podium", "panel"]
SMALL_TYPES = ["Workshop", "workshop (2h)", "Meetup", "BoF", "Diskussion", "talk (short)"]
WORDS = [
    "open",
    "hardware",
    "firmware",
    "radio",
    "satellite",
    "privacy",
    "surveillance",
    "climate",
    "energy",
    "grid",
    "mesh",
    "network",
    "encryption",
    "voting",
    "machine",
    "cargo",
    "bike",
    "repair",
    "reverse",
    "engineering",
    "microcontroller",
    "keyboard",
    "fediverse",
    "archive",
    "library",
    "memory",
    "safety",
    "compiler",
    "kernel",
    "bootloader",
    "smart",
    "meter",
    "railway",
    "signalling",
    "drone",
    "lockpicking",
    "accessibility",
    "translation",
    "solar",
    "battery",
    "chip",
    "supply",
    "chain",
    "data",
    "protection",
    "census",
    "algorithm",
    "transparency",
    "court",
    "ruling",
    "hackerspace",
    "tenant",
    "rights",
    "bicycle",
    "lidar",
    "sensor",
    "water",
    "farming",
    "seed",
    "bank",
    "cryptography",
    "post-quantum",
    "election",
    "audit",
    "phone",
    "baseband",
]
FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "Deniz",
    "Emil",
    "Fatima",
    "Georg",
    "Hanna",
    "Ilya",
    "Jana",
    "Kai",
    "Lena",
    "Malte",
    "Nora",
    "Ole",
    "Pia",
]
LAST = [
    "Bauer",
    "Çelik",
    "Dietrich",
    "Eriksson",
    "Fischer",
    "Günther",
    "Horvath",
    "Ivanova",
    "Jansen",
    "Krüger",
    "Lindqvist",
    "Meyer",
    "Nowak",
    "Okafor",
    "Petrov",
    "Quast",
    "Richter",
    "Schulz",
    "Tanaka",
    "Ulrich",
    "Vogel",
    "Weiß",
    "Yılmaz",
    "Zimmer",
]


def _rooms() -> list[str]:
    rooms = list(MAIN_HALLS)
    n = 1
    while len(rooms) < ROOM_COUNT:
        kind = ("Assembly", "Workshop room", "Hall B stage", "Lounge")[n % 4]
        rooms.append(f"{kind} {n:02d}" if kind != "Hall B stage" else f"Hall B stage {n // 4}")
        n += 1
    return rooms


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(2, 7))
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += ": " + " ".join(rng.sample(WORDS, rng.randint(3, 6)))
    return title


def _speakers(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"public_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}
        for _ in range(rng.choice((1, 1, 1, 2, 3)))
    ]


def programme(seed: int = 38) -> dict[str, Any]:
    """The schedule document (frab JSON), the same for the same *seed*."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    rooms = _rooms()
    guid = 0
    days: list[dict[str, Any]] = []

    def event(
        room: str, start: datetime, minutes: int, kind: str, track: str, title: str = ""
    ) -> dict[str, Any]:
        nonlocal guid
        guid += 1
        return {
            "guid": f"00000000-0000-4000-8000-{guid:012d}",
            "id": 10000 + guid,
            "title": title or _title(rng),
            "date": start.isoformat(),
            "start": f"{start:%H:%M}",
            "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "room": room,
            "type": kind,
            "track": track,
            "language": rng.choice(("en", "de")),
            "abstract": " ".join(rng.sample(WORDS, 12)).capitalize() + ".",
            "persons": _speakers(rng),
            "links": [],
        }

    for number, day in enumerate(DAYS, start=1):
        by_room: dict[str, list[dict[str, Any]]] = {room: [] for room in rooms}
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        # Late sessions of the night before, from 00:00 (not on the first day).
        if number > 1:
            for room in MAIN_HALLS[:3]:
                start = midnight + timedelta(minutes=rng.choice((0, 15, 30)))
                by_room[room].append(event(room, start, 60, "Talk", "Entertainment"))
        # Main halls: 40-minute talks with 20 minutes between, 10:30 to midnight.
        for hall_number, room in enumerate(MAIN_HALLS):
            start = midnight + timedelta(hours=10, minutes=30 + 10 * (hall_number % 3))
            while start.hour >= 10 and start < midnight + timedelta(hours=23):
                # Saal E gives two of its slots a day to the lightning talks below.
                if not (room == "Saal E" and start.hour in LIGHTNING_HOURS):
                    kind = rng.choice(TALK_TYPES)
                    track = rng.choice(TRACKS[:8])[0]
                    by_room[room].append(event(room, start, 40, kind, track))
                start += timedelta(hours=1)
        # Lightning talks: five minutes each, back to back, twice a day in Saal E.
        for hour in LIGHTNING_HOURS:
            start = midnight + timedelta(hours=hour, minutes=30)
            for _ in range(8):
                by_room["Saal E"].append(
                    event("Saal E", start, 5, "lightning talk", "Lightning Talks")
                )
                start += timedelta(minutes=5)
        # Assemblies and workshop rooms: a few sessions each, some long.
        for room in rooms[len(MAIN_HALLS) :]:
            start = midnight + timedelta(hours=rng.choice((11, 12, 13, 14)))
            for _ in range(rng.choice((2, 3, 3, 4))):
                minutes = rng.choice((30, 45, 60, 60, 90, 120))
                kind = rng.choice(SMALL_TYPES)
                track = rng.choice(TRACKS[8:10] + TRACKS[11:])[0]
                by_room[room].append(event(room, start, minutes, kind, track))
                start += timedelta(minutes=minutes + rng.choice((0, 15, 30, 60)))
        for room in rooms:
            by_room[room].sort(key=lambda e: e["date"])
        days.append(
            {
                "index": number - 1,
                "date": day.isoformat(),
                "day_start": (midnight + timedelta(hours=0)).isoformat(),
                "day_end": (midnight + timedelta(hours=27)).isoformat(),
                "rooms": by_room,
            }
        )
    return {
        "schedule": {
            "version": "2026-12-01 generated",
            "base_url": "https://events.example.org/congress/",
            "conference": {
                "acronym": "42c3",
                "title": "42nd Chaos Communication Congress (made up)",
                "start": DAYS[0].isoformat(),
                "end": DAYS[-1].isoformat(),
                "daysCount": len(DAYS),
                "timeslot_duration": "00:05",
                "time_zone_name": ZONE,
                "rooms": [{"name": room} for room in rooms],
                "tracks": [
                    {"name": name, **({"color": colour} if colour else {})}
                    for name, colour in TRACKS
                ],
                "days": days,
            },
        }
    }


def write(path: Path, seed: int = 38) -> Path:
    """Write the programme to *path* (frab JSON) and return it."""
    path.write_text(json.dumps(programme(seed), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "ccc-programme.json")
    write(target)
    print(target)
