"""Every colour the app paints, from one place.

Colours are mixed from the widget palette's own (:class:`Theme`), so they follow
a light or dark desktop, and :func:`block_colours` is a pure function of what an
item is and its state: (kind, track colour, starred, selected, hovered, dimmed)
and the theme, which says whether the desktop is dark. The fixed colours below
read the same on a light and a dark background, or come in a light and a dark
variant chosen by :func:`status_colours` and :func:`notice_colours`.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette

from geodl_app.model import Kind

# Colours that mean the same in a light and a dark palette.
STAR_COLOUR = QColor(232, 166, 0)
ALERT_COLOUR = QColor(214, 48, 49)
# The badge of an item an update changed (until the user marks the changes seen).
CHANGED_COLOUR = QColor(41, 121, 201)
BADGE_INK = QColor("white")


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """*a* moved *amount* (0..1) of the way towards *b*."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# A track colour closer to the background than this (a file's white track on a
# light desktop) is moved towards the text colour, so its blocks keep an edge.
MIN_TRACK_CONTRAST = 2.0


def is_dark(background: QColor) -> bool:
    """True when text is drawn light on this *background* (a dark desktop theme)."""
    return background.lightness() < 128


# Records here are NamedTuples, not dataclasses: each frozen dataclass compiles its
# methods when the module is imported, ~0.4 ms of every start on Python 3.11.
class Theme(NamedTuple):
    """The desktop palette's colours that everything else is mixed from."""

    base: QColor  # the background of lists and the timetable
    text: QColor  # text on it
    accent: QColor  # the selection colour
    link: QColor  # links; own appointments take this hue

    @classmethod
    def of(cls, palette: QPalette) -> Theme:
        role = QPalette.ColorRole
        return cls(
            palette.color(role.Base),
            palette.color(role.Text),
            palette.color(role.Highlight),
            palette.color(role.Link),
        )

    @property
    def dark(self) -> bool:
        return is_dark(self.base)


class BlockColours(NamedTuple):
    """How one timetable block is painted."""

    fill: QColor
    border: QColor
    ink: QColor  # its text
    bar: bool  # a solid bar down its left edge: sessions, own items, starred items


def block_colours(
    kind: Kind,
    theme: Theme,
    *,
    track: str | None = None,
    starred: bool = False,
    selected: bool = False,
    hovered: bool = False,
    dimmed: bool = False,
) -> BlockColours:
    """The colours of a block of *kind* in *theme*, in the state given.

    *track* is the item's track colour ('#rrggbb') or None: a session of a
    coloured track takes that hue where other sessions take the accent.
    Sessions (``Kind.is_session``) stand out; logistics (breaks, meals) are
    grey; own appointments take the link colour; a star tints in gold.
    """
    base, text, accent = theme.base, theme.text, theme.accent
    if kind is Kind.PERSONAL:
        fill, border, ink = mix(base, theme.link, 0.16), theme.link, text
    elif kind.is_session:
        hue = QColor(track) if track else accent
        if track and contrast(hue, base) < MIN_TRACK_CONTRAST:
            hue = mix(hue, text, 0.5)
        fill, border, ink = mix(base, hue, 0.16), mix(base, hue, 0.6), text
    else:
        fill, border, ink = mix(base, text, 0.07), mix(base, text, 0.28), mix(text, base, 0.25)
    if starred:
        # A warm tint and a gold edge: the plan stands out in a full day.
        fill, border = mix(base, STAR_COLOUR, 0.15), STAR_COLOUR
    if selected:
        fill = mix(base, accent, 0.34)
        border = accent
    elif hovered:
        fill = mix(fill, accent, 0.1)
    if dimmed:
        # Faded towards the background by mixing colours rather than with
        # painter opacity, which sends every primitive down Qt's slow
        # blending path and made each search keystroke repaint slowly.
        fill, border, ink = mix(base, fill, 0.3), mix(base, border, 0.3), mix(base, ink, 0.35)
    bar = kind.is_session or kind is Kind.PERSONAL or starred
    return BlockColours(fill, border, ink, bar)


def muted(ink: QColor, base: QColor) -> QColor:
    """Secondary text (a block's time and speakers) beside *ink* on *base*."""
    return mix(ink, base, 0.25)


class StatusColours(NamedTuple):
    """Text colours that carry a meaning in lists and forms."""

    clash: QColor  # a clash in My plan
    gap: QColor  # free time in My plan
    missing: QColor  # a star whose item left the program
    error: QColor  # a form's error line


def status_colours(dark: bool) -> StatusColours:
    """The status colours that read well on a light (or, with *dark*, a dark) background."""
    if dark:
        return StatusColours(
            QColor("#ff7a85"), QColor("#8fd694"), QColor("#777777"), QColor("#ff7a85")
        )
    return StatusColours(QColor("#b00020"), QColor("#2e7d32"), QColor("#777777"), QColor("#b00020"))


class NoticeColours(NamedTuple):
    """A warm notice (the clash notice) that keeps its text legible."""

    background: str
    ink: str
    border: str


def notice_colours(dark: bool) -> NoticeColours:
    """The clash notice's colours on a light (or, with *dark*, a dark) window."""
    if dark:
        return NoticeColours("#4a3818", "#f3e6cf", "#e0a040")
    return NoticeColours("#fff4e5", "#2b1d00", "#e0a040")
