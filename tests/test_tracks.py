"""Track colours (core, no Qt): the file's own colour, else a stable contrasting palette."""

from __future__ import annotations

import re

from geodl_app.tracks import (
    PALETTE,
    normalise_colour,
    palette_colour,
    track_colours,
)


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_palette_reads_on_light_and_dark_backgrounds() -> None:
    for colour in PALETTE:
        assert _contrast(colour, "#ffffff") >= 2.4, colour
        assert _contrast(colour, "#1e1e1e") >= 2.4, colour


def test_palette_keeps_clear_of_star_gold_and_clash_red() -> None:
    for colour in PALETTE:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert not (r > 200 and g < 80 and b < 80), f"{colour} looks like the clash red"
        assert not (r > 200 and 140 < g < 200 and b < 40), f"{colour} looks like the star gold"


def test_file_colour_wins_and_is_normalised() -> None:
    colours = track_colours(["Security", "Science"], {"Security": "#D81B60", "Science": "f0a"})
    assert colours == {"Security": "#d81b60", "Science": "#ff00aa"}


def test_invalid_file_colour_falls_back_to_the_palette() -> None:
    colours = track_colours(["Security"], {"Security": "red; background: url(x)"})
    assert colours["Security"] in PALETTE


def test_every_colour_is_hex() -> None:
    names = [f"Track {n}" for n in range(40)]
    for colour in track_colours(names).values():
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)


def test_distinct_while_the_palette_has_room() -> None:
    names = [f"Track {n}" for n in range(len(PALETTE))]
    assert len(set(track_colours(names).values())) == len(PALETTE)


def test_stable_per_name_whatever_the_order_or_filter() -> None:
    names = ["Security", "Science", "Art & Culture", "CCC", "Workshops"]
    forward = track_colours(names)
    backward = track_colours(list(reversed(names)))
    assert forward == backward
    assert list(forward) == names  # keeps the order it was given
    # Past the palette's size a name simply keeps its own slot.
    many = [f"Track {n}" for n in range(50)]
    assert track_colours(many)["Track 7"] == palette_colour("Track 7")


def test_normalise_colour() -> None:
    assert normalise_colour("#ABC") == "#aabbcc"
    assert normalise_colour(" #00897b ") == "#00897b"
    assert normalise_colour("rgb(1,2,3)") is None
    assert normalise_colour(None) is None
