"""The palette: block colours as a pure function of kind, track, state and theme (no widgets)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from geodl_app.model import Kind
from geodl_app.ui.palette import (
    STAR_COLOUR,
    Theme,
    block_colours,
    is_dark,
    notice_colours,
    status_colours,
)

LIGHT = Theme(QColor("#ffffff"), QColor("#000000"), QColor("#3070d0"), QColor("#2060b0"))
DARK = Theme(QColor("#202020"), QColor("#f0f0f0"), QColor("#4a90e2"), QColor("#80b0ff"))


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_sessions_stand_out_from_logistics(theme: Theme) -> None:
    talk = block_colours(Kind.TALK, theme)
    lunch = block_colours(Kind.MEAL, theme)
    assert talk.bar and not lunch.bar
    # A talk's fill leans to the accent; a meal's stays grey.
    assert distance(talk.fill, theme.accent) < distance(lunch.fill, theme.accent)
    # Text stays readable: far from the fill in both themes.
    assert distance(talk.ink, talk.fill) > 300


def test_what_is_a_session_is_decided_by_the_kind() -> None:
    for kind in Kind:
        assert block_colours(kind, LIGHT).bar is (kind.is_session or kind is Kind.PERSONAL)


def test_a_star_is_gold_and_selection_wins_over_it() -> None:
    starred = block_colours(Kind.TALK, LIGHT, starred=True)
    assert starred.border == STAR_COLOUR and starred.bar
    both = block_colours(Kind.TALK, LIGHT, starred=True, selected=True)
    assert both.border == LIGHT.accent


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_dimmed_blocks_fade_towards_the_background(theme: Theme) -> None:
    shown = block_colours(Kind.TALK, theme)
    dimmed = block_colours(Kind.TALK, theme, dimmed=True)
    assert distance(dimmed.fill, theme.base) < distance(shown.fill, theme.base)
    assert distance(dimmed.ink, theme.base) < distance(shown.ink, theme.base)


def test_a_track_colour_tints_its_sessions_only() -> None:
    red = block_colours(Kind.TALK, LIGHT, track="#d81b60")
    plain = block_colours(Kind.TALK, LIGHT)
    assert red.border != plain.border
    assert red.border.red() > red.border.blue()
    assert block_colours(Kind.BREAK, LIGHT, track="#d81b60") == block_colours(Kind.BREAK, LIGHT)


def test_status_and_notice_colours_follow_dark_mode() -> None:
    assert is_dark(DARK.base) and not is_dark(LIGHT.base)
    light, dark = status_colours(False), status_colours(True)
    assert dark.clash.lightness() > light.clash.lightness()
    assert dark.gap.lightness() > light.gap.lightness()
    assert is_dark(QColor(notice_colours(True).background))
    assert not is_dark(QColor(notice_colours(False).background))
