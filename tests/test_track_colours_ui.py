"""Track colours in the window (issue 14, item 5): blocks, legend, and every state
readable on every colour, light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from geodl_app.model import Conference, Kind
from geodl_app.tracks import PALETTE
from geodl_app.ui.main_window import MainWindow
from geodl_app.ui.palette import Theme, block_colours


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


LIGHT = Theme(QColor("#ffffff"), QColor("#000000"), QColor("#308cc6"), QColor("#0000ff"))
DARK = Theme(QColor("#1e1e1e"), QColor("#ffffff"), QColor("#2a82da"), QColor("#8ab4f8"))
# The palette's colours, and file colours at the extremes (CCC's own yellow and pink).
TRACK_COLOURS = [*PALETTE, "#fbc02d", "#d81b60", "#000000", "#ffffff"]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(
    "state",
    [
        {},
        {"starred": True},
        {"selected": True},
        {"hovered": True},
        {"starred": True, "selected": True},
    ],
    ids=["plain", "starred", "selected", "hovered", "starred+selected"],
)
def test_text_reads_on_every_track_colour(theme: Theme, state: dict) -> None:
    for colour in TRACK_COLOURS:
        colours = block_colours(Kind.TALK, theme, track=colour, **state)
        assert contrast(colours.ink, colours.fill) >= 4.5, (colour, state)
        # The edge still tells the block from the background.
        assert contrast(colours.border, theme.base) >= 1.3, (colour, state)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_dimmed_blocks_fade_but_stay_legible(theme: Theme) -> None:
    for colour in TRACK_COLOURS:
        plain = block_colours(Kind.TALK, theme, track=colour)
        dimmed = block_colours(Kind.TALK, theme, track=colour, dimmed=True)
        assert contrast(dimmed.ink, dimmed.fill) < contrast(plain.ink, plain.fill)
        assert contrast(dimmed.ink, dimmed.fill) >= 1.8, colour


def _window(qtbot, conference: Conference) -> MainWindow:
    win = MainWindow(conference, restore=False, persist=False)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_blocks_take_their_tracks_colour(qtbot, ccc: Conference) -> None:
    window = _window(qtbot, ccc)
    timetable = window.timetable
    colours = timetable.track_colours()
    assert colours["Security"] == "#d81b60"  # the file's own
    image = timetable.viewport().grab().toImage()
    seen: dict[str, QColor] = {}
    for placement in timetable.layout_model.placements():
        track = placement.event.track
        if track in seen or not placement.event.kind.is_session or track is None:
            continue
        rect = timetable.block_rect(placement.id)
        inside = rect.intersected(timetable.viewport().rect())
        if inside.height() < 20 or inside != rect:
            continue
        # The bar down the block's left edge is the track's colour, mixed towards the page.
        seen[track] = image.pixelColor(rect.left() + 2, rect.center().y())
    assert len(seen) >= 3
    base = timetable.palette().color(QPalette.ColorRole.Base)
    for track, pixel in seen.items():
        want = QColor(colours[track])
        expected = QColor.fromRgbF(
            *(
                b + (w - b) * 0.6
                for b, w in zip(base.getRgbF()[:3], want.getRgbF()[:3], strict=True)
            )
        )
        assert abs(pixel.hueF() - expected.hueF()) < 0.03 or expected.saturationF() < 0.1, track
    assert len({p.name() for p in seen.values()}) == len(seen)


def test_the_legend_names_tracks_with_their_colours(qtbot, ccc: Conference) -> None:
    window = _window(qtbot, ccc)
    legend = window.track_legend
    assert legend.isVisible()
    shown = legend.entries_shown()
    assert shown and shown == ccc.tracks[: len(shown)]
    assert len(shown) >= 6


def test_no_legend_without_tracks(qtbot, gdl: Conference) -> None:
    window = _window(qtbot, gdl)
    assert not window.track_legend.isVisible()


def test_a_narrow_legend_still_paints(qtbot, ccc: Conference) -> None:
    from geodl_app.ui.track_legend import TrackLegend

    legend = TrackLegend({name: "#4e79a7" for name in ccc.tracks})
    qtbot.addWidget(legend)
    legend.resize(60, 24)
    legend.show()
    assert legend.entries_shown() == []
    assert not legend.grab().isNull()  # painting with no room for any name
