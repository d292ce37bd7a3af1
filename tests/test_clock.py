"""The faked clock for the "now" line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from geodl_app import clock

ZONE = ZoneInfo("Europe/Stockholm")


def test_fake_time_is_read_in_the_conference_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, "2024-06-12T10:15")
    assert clock.now(ZONE) == datetime(2024, 6, 12, 10, 15, tzinfo=ZONE)


def test_fake_time_with_offset_is_that_instant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, "2024-06-12T08:15+00:00")
    assert clock.now(ZONE).hour == 10


def test_bad_fake_time_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, "noon")
    with pytest.raises(clock.ClockError, match="GEODL_APP_NOW"):
        clock.now(ZONE)


def test_real_clock_is_aware(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.NOW_ENV, raising=False)
    assert clock.now(ZONE).tzinfo is not None


def test_fake_time_runs_from_its_first_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter([1000.0, 1000.0, 1090.5])
    monkeypatch.setattr(clock.time, "monotonic", lambda: next(ticks))
    monkeypatch.setenv(clock.NOW_ENV, "2024-06-12T10:15")
    clock.restart()
    assert clock.now(ZONE) == datetime(2024, 6, 12, 10, 15, tzinfo=ZONE)
    assert clock.now(ZONE) == datetime(2024, 6, 12, 10, 15, tzinfo=ZONE)
    assert clock.now(ZONE) == datetime(2024, 6, 12, 10, 16, 30, 500000, tzinfo=ZONE)


def test_a_new_fake_time_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter([5.0, 500.0])
    monkeypatch.setattr(clock.time, "monotonic", lambda: next(ticks))
    monkeypatch.setenv(clock.NOW_ENV, "2024-06-12T10:15")
    clock.restart()
    clock.now(ZONE)
    monkeypatch.setenv(clock.NOW_ENV, "2024-06-13T09:00")
    assert clock.now(ZONE) == datetime(2024, 6, 13, 9, 0, tzinfo=ZONE)


def test_this_computers_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert clock.computer_zone() == ZoneInfo("America/New_York")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert clock.computer_zone().utcoffset(datetime(2024, 6, 11)) is not None
