"""The cycle collector is held off while the window is made, and runs again after.

An app kept open all day must collect cycles: a start that left the collector
off would grow without bound.
"""

from __future__ import annotations

import gc

import pytest

from geodl_app import app


def test_the_collector_is_back_when_the_start_fails() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), app._no_collection_until_shown():
        assert not gc.isenabled()
        raise RuntimeError("the window could not be made")
    assert gc.isenabled()


def test_the_collector_runs_again_soon_after_the_window_is_shown(qtbot) -> None:
    try:
        with app._no_collection_until_shown():
            assert not gc.isenabled()
            app._collect_again_soon()
            # While the window is open (app.exec() runs inside the block).
            qtbot.waitUntil(gc.isenabled, timeout=app.COLLECT_AGAIN_AFTER_MS + 3000)
    finally:
        gc.enable()
