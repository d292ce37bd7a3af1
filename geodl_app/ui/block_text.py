"""The text inside a timetable block: which lines, in which font, elided to fit.

Worked out by :func:`plan_block_text` from the item and the block's size, and
kept by the timetable per block size, because eliding and wrapping cost far more
than drawing. Colours are not chosen here (:mod:`geodl_app.ui.palette`).
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QStaticText, QTextLayout, QTextOption, QTransform

from geodl_app import wording
from geodl_app.layout import Placement

# (font key, top, height, text, muted): one line of a block's text.
TextLine = tuple[str, float, float, str, bool]


def block_fonts(font: QFont) -> dict[str, QFont]:
    """The block fonts made from the widget's *font*: "small" and "bold"."""
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
    bold = QFont(font)
    bold.setBold(True)
    return {"small": small, "bold": bold}


def static_text(text: str, font: QFont) -> QStaticText:
    """*text* laid out once: drawing prepared glyphs is several times faster than drawText."""
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(QTransform(), font)
    return static


def plan_block_text(
    placement: Placement,
    zone: tzinfo,
    fonts: dict[str, QFont],
    normal_line_height: int,
    width: float,
    height: float,
    block_height: float,
) -> list[TextLine]:
    """The lines of text in a block: (font, top, height, text, muted), elided to fit.

    Worked out once per block size and kept, because eliding and wrapping
    cost far more than drawing.
    """
    event = placement.event
    small = QFontMetrics(fonts["small"])
    bold = QFontMetrics(fonts["bold"])
    line_height = small.height()
    elide = Qt.TextElideMode.ElideRight
    when = wording.time_range(event, zone)
    if placement.open_ended:
        when += "…"
    start_only = f"{event.start.astimezone(zone):%H:%M}"
    plan: list[TextLine] = []
    if width < small.averageCharWidth() * 4:
        return plan  # too narrow to say anything; the tooltip has it all
    if not event.kind.is_session and not placement.personal:
        # Logistics: one compact line, the place below if there is room.
        line = f"{when}  {event.title}"
        if small.horizontalAdvance(line) > width:
            # Narrow column: the block's height already shows the length.
            line = f"{start_only}  {event.title}"
        rows = max(1, int(height // line_height))
        extra = [event.room] if event.room and rows > 1 else []
        for n, text in enumerate([line, *extra]):
            plan.append(
                (
                    "small",
                    n * line_height,
                    line_height,
                    small.elidedText(text, elide, round(width)),
                    False,
                )
            )
        return plan
    who = ", ".join(event.speakers)
    if placement.personal:
        who = f"{who} (mine)".strip()
    first = f"{when}  {who}".strip()
    if small.horizontalAdvance(first) > width:
        first = f"{start_only}  {who}".strip()
    if height < line_height + normal_line_height:
        # Too short for two lines (a lightning talk): its start and title, since
        # the title is what one reads a timetable for; the rest is in the tooltip.
        text = small.elidedText(f"{start_only}  {event.title}", elide, round(width))
        return [("small", 0.0, line_height, text, False)]
    plan.append(("small", 0.0, line_height, small.elidedText(first, elide, round(width)), True))
    title_top = line_height + 1
    title_bottom = height
    if placement.open_ended:
        # Leave the fading end of the block empty.
        title_bottom = min(title_bottom, block_height * 0.75)
    for n, text in enumerate(
        wrap_lines(event.title, fonts["bold"], width, title_bottom - title_top)
    ):
        plan.append(("bold", title_top + n * bold.height(), bold.height(), text, False))
    return plan


def wrap_lines(text: str, font: QFont, width: float, height: float) -> list[str]:
    """*text* wrapped at word boundaries into the lines that fit, the last one elided."""
    metrics = QFontMetrics(font)
    max_lines = int(height // metrics.height())
    if max_lines < 1:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    # Break between words only; a word too long for the line is elided instead.
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines: list[str] = []
    for n, (start, length) in enumerate(spans[:max_lines]):
        piece = text[start : start + length].rstrip()
        if n == max_lines - 1 and n < len(spans) - 1:
            piece = text[start:]
        lines.append(metrics.elidedText(piece, Qt.TextElideMode.ElideRight, round(width)))
    return lines
