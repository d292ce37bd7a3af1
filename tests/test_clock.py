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
