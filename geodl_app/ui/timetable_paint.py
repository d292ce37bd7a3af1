"""How the timetable paints itself: grid, now line, day headings, time axis and blocks.

:func:`paint` is :meth:`Timetable.paintEvent <geodl_app.ui.timetable.Timetable>`:
what a block looks like comes from :mod:`geodl_app.ui.palette`, its text from
:mod:`geodl_app.ui.block_text`; the widget itself keeps the state, the geometry
and the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)

from geodl_app import wording
from geodl_app.layout import Placement
from geodl_app.ui import block_text
from geodl_app.ui.palette import (
    ALERT_COLOUR,
    BADGE_INK,
    CHANGED_COLOUR,
    STAR_COLOUR,
    Theme,
    block_colours,
    mix,
)
from geodl_app.ui.palette import muted as muted_ink

if TYPE_CHECKING:
    from geodl_app.ui.timetable import Timetable
    from geodl_app.ui.timetable_geometry import Geometry

STAR = "★"
HOLLOW_STAR = "☆"
# Narrower than this beside the star and clash badge, a block's text goes below them.
MIN_TEXT_BESIDE_MARKS = 60
# Narrower than this, a block is drawn as a bare rectangle: no letter would fit.
MIN_TEXT_WIDTH = 12


# ------------------------------------------------------------- painting


def paint(tt: Timetable, event: QPaintEvent) -> None:
    painter = QPainter(tt.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = tt.palette()
    geometry = tt._current_geometry()
    width, height = tt.viewport().width(), tt.viewport().height()
    exposed = QRectF(event.rect())
    painter.fillRect(exposed, palette.color(QPalette.ColorRole.Base))
    grid_area = QRectF(
        geometry.axis_width,
        geometry.header_height,
        width - geometry.axis_width,
        height - geometry.header_height,
    ).intersected(exposed)
    origin = tt._origin()

    painter.save()
    painter.setClipRect(grid_area)
    _paint_grid_lines(tt, painter, geometry, origin, width)
    visible = grid_area.translated(-origin.x(), -origin.y())
    rects = tt._content_rects()
    for slot, day_index in enumerate(geometry.shown_days):
        left = geometry.day_x[slot]
        day_width = len(tt._layout.days[day_index].columns) * geometry.column_width
        if left > visible.right() or left + day_width < visible.left():
            continue
        for placement in tt._layout.days[day_index].placements:
            rect = rects[placement.id]
            if rect.intersects(visible):
                _paint_block(tt, painter, placement, rect.translated(origin))
    _paint_now_line(tt, painter, geometry, origin)
    painter.restore()

    if exposed.top() < geometry.header_height:
        _paint_header(tt, painter, geometry, origin, width)
    if exposed.left() < geometry.axis_width:
        _paint_axis(tt, painter, geometry, origin, height)
    painter.fillRect(
        QRectF(0, 0, geometry.axis_width, geometry.header_height),
        palette.color(QPalette.ColorRole.Window),
    )
    painter.end()


def _paint_grid_lines(
    tt: Timetable, painter: QPainter, geometry: Geometry, origin: QPointF, width: int
) -> None:
    palette = tt.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    hour_pen = QPen(mix(base, text, 0.18), 1)
    half_pen = QPen(mix(base, text, 0.08), 1, Qt.PenStyle.DashLine)
    right = origin.x() + geometry.content_width
    for minute in range(0, tt._layout.axis_minutes + 1, 30):
        y = round(origin.y() + minute * geometry.pixels_per_minute) + 0.5
        painter.setPen(hour_pen if (tt._layout.axis_start + minute) % 60 == 0 else half_pen)
        painter.drawLine(QPointF(geometry.axis_width, y), QPointF(min(width, right), y))
    day_pen = QPen(mix(base, text, 0.3), 1)
    room_pen = QPen(mix(base, text, 0.12), 1)
    bottom = origin.y() + geometry.content_height
    for slot, day_index in enumerate(geometry.shown_days):
        left = origin.x() + geometry.day_x[slot]
        columns = len(tt._layout.days[day_index].columns)
        painter.setPen(room_pen)
        for column in range(1, columns):
            x = round(left + column * geometry.column_width) + 0.5
            painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, bottom))
        painter.setPen(day_pen)
        x = round(left + columns * geometry.column_width) - 0.5
        painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, bottom))


def _paint_now_line(tt: Timetable, painter: QPainter, geometry: Geometry, origin: QPointF) -> None:
    position = tt.now_position()
    if position is None or position[0] not in geometry.shown_days:
        return
    day_index, minute = position
    slot = geometry.shown_days.index(day_index)
    left = origin.x() + geometry.day_x[slot]
    right = left + len(tt._layout.days[day_index].columns) * geometry.column_width
    y = origin.y() + minute * geometry.pixels_per_minute
    painter.setPen(QPen(ALERT_COLOUR, 2))
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.setBrush(ALERT_COLOUR)
    painter.drawEllipse(QPointF(left + 3, y), 4, 4)


def _paint_header(
    tt: Timetable, painter: QPainter, geometry: Geometry, origin: QPointF, width: int
) -> None:
    palette = tt.palette()
    painter.save()
    header = QRectF(geometry.axis_width, 0, width - geometry.axis_width, geometry.header_height)
    painter.setClipRect(header)
    painter.fillRect(header, palette.color(QPalette.ColorRole.Window))
    bold = QFont(tt.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    line = tt.fontMetrics().height()
    today = tt.now_position()
    for slot, day_index in enumerate(geometry.shown_days):
        day = tt._layout.days[day_index]
        left = origin.x() + geometry.day_x[slot]
        day_width = len(day.columns) * geometry.column_width
        if left > width or left + day_width < geometry.axis_width:
            continue
        # A wide multi-room day keeps its title over the part in view.
        shown_left = max(left, float(geometry.axis_width))
        shown_width = min(left + day_width, float(width)) - shown_left
        title = wording.day_heading(day.day)
        if metrics.horizontalAdvance(title) > shown_width - 8:
            title = wording.short_day(day.day)
        painter.setFont(bold)
        colour = (
            palette.color(QPalette.ColorRole.Highlight)
            if today is not None and today[0] == day_index
            else palette.color(QPalette.ColorRole.WindowText)
        )
        painter.setPen(colour)
        painter.drawText(
            QRectF(shown_left + 4, 6, shown_width - 8, line),
            Qt.AlignmentFlag.AlignCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, round(shown_width - 8)),
        )
        if len(day.columns) > 1:
            painter.setFont(tt.font())
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            label_width = round(geometry.column_width - 8)
            for column, room in enumerate(day.columns):
                x = left + column * geometry.column_width
                if x + geometry.column_width < geometry.axis_width or x > width:
                    continue  # scrolled out of view
                key = (room or "Everyone", label_width)
                label = tt._heading_cache.get(key)
                if label is None:
                    label = tt.fontMetrics().elidedText(
                        key[0], Qt.TextElideMode.ElideRight, label_width
                    )
                    tt._heading_cache[key] = label
                painter.drawText(
                    QRectF(x + 4, 6 + line, geometry.column_width - 8, line),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    y = geometry.header_height - 0.5
    painter.drawLine(QPointF(geometry.axis_width, y), QPointF(width, y))
    painter.restore()


def _paint_axis(
    tt: Timetable, painter: QPainter, geometry: Geometry, origin: QPointF, height: int
) -> None:
    palette = tt.palette()
    painter.save()
    axis = QRectF(0, geometry.header_height, geometry.axis_width, height)
    painter.setClipRect(axis)
    painter.fillRect(axis, palette.color(QPalette.ColorRole.Window))
    painter.setFont(tt.font())
    metrics = tt.fontMetrics()
    text_colour = palette.color(QPalette.ColorRole.WindowText)
    tick_colour = mix(palette.color(QPalette.ColorRole.Window), text_colour, 0.4)
    for minute in range(0, tt._layout.axis_minutes + 1, 30):
        y = origin.y() + minute * geometry.pixels_per_minute
        wall = tt._layout.axis_start + minute
        if wall % 60 == 0:
            painter.setPen(text_colour)
            label = f"{(wall // 60) % 24:02d}:00"
            painter.drawText(
                QRectF(0, y + 2, geometry.axis_width - 8, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                label,
            )
            painter.setPen(QPen(tick_colour, 1))
            painter.drawLine(QPointF(geometry.axis_width - 8, y), QPointF(geometry.axis_width, y))
        else:
            painter.setPen(QPen(tick_colour, 1))
            painter.drawLine(QPointF(geometry.axis_width - 4, y), QPointF(geometry.axis_width, y))
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    x = geometry.axis_width - 0.5
    painter.drawLine(QPointF(x, geometry.header_height), QPointF(x, height))
    painter.restore()


def _paint_block(tt: Timetable, painter: QPainter, placement: Placement, rect: QRectF) -> None:
    theme = Theme.of(tt.palette())
    event_id = placement.id
    selected = event_id == tt._selected
    hovered = event_id == tt._hovered
    starred = event_id in tt._starred
    dimmed = tt.is_dimmed(event_id)
    track = placement.event.track
    colours = block_colours(
        placement.event.kind,
        theme,
        track=tt._track_colours.get(track) if track else None,
        starred=starred,
        selected=selected,
        hovered=hovered,
        dimmed=dimmed,
    )
    fill, border, ink = colours.fill, colours.border, colours.ink

    painter.save()
    if placement.open_ended:
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0.0, fill)
        gradient.setColorAt(0.55, fill)
        faded = QColor(fill)
        faded.setAlphaF(0.0)
        gradient.setColorAt(1.0, faded)
        painter.setBrush(gradient)
    else:
        painter.setBrush(fill)
    pen = QPen(border, 2.0 if selected else 1.0)
    if placement.personal or placement.open_ended:
        pen.setStyle(Qt.PenStyle.DashLine)
    if tt._highlight is not None and not dimmed:
        pen = QPen(theme.accent, 2.0)
    painter.setPen(pen)
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    if rect.width() < MIN_TEXT_WIDTH:
        # A sliver among thousands of parallel lanes: no letter fits, and
        # laying out text for 20,000 of them made the first paint seconds long.
        painter.drawRect(inner)
        painter.restore()
        return
    painter.drawRoundedRect(inner, 3, 3)
    barred = colours.bar
    if barred:
        painter.fillRect(QRectF(inner.left(), inner.top(), 3, inner.height()), border)

    marks_width = _paint_marks(tt, painter, placement, rect, hovered or selected)
    left = 7 if barred else 5
    text_rect = rect.adjusted(left, 2, -4 - marks_width, -2)
    if marks_width and text_rect.width() < MIN_TEXT_BESIDE_MARKS:
        # A narrow block (a lane among parallel items): text under the marks,
        # rather than no text at all beside them.
        text_rect = rect.adjusted(left, 2 + tt._star_rect(rect).height(), -4, -2)
    painter.setPen(ink)
    _paint_block_text(tt, painter, placement, text_rect, rect, ink)
    painter.restore()


def _paint_marks(
    tt: Timetable, painter: QPainter, placement: Placement, rect: QRectF, show_hollow: bool
) -> float:
    """Star and clash badge in the block's top right; returns the width they take."""
    star_rect = tt._star_rect(rect)
    used = 0.0
    starred = placement.id in tt._starred
    if placement.personal:
        # Own appointments carry no star, but a clash badge where it would be.
        star_rect = star_rect.translated(star_rect.width(), 0)
    elif starred or show_hollow:
        font = QFont(tt.font())
        font.setPixelSize(max(8, round(star_rect.height() * 0.8)))
        painter.setFont(font)
        painter.setPen(
            STAR_COLOUR if starred else tt.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        painter.drawText(star_rect, Qt.AlignmentFlag.AlignCenter, STAR if starred else HOLLOW_STAR)
        used = star_rect.width()
    if placement.id in tt._clashing:
        size = min(14.0, star_rect.height())
        badge = QRectF(star_rect.left() - size - 2, star_rect.top() + 3, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ALERT_COLOUR)
        painter.drawEllipse(badge)
        font = QFont(tt.font())
        font.setBold(True)
        font.setPixelSize(max(7, round(size * 0.75)))
        painter.setFont(font)
        painter.setPen(BADGE_INK)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
        used = size + 2 if placement.personal else star_rect.width() + size + 2
    if placement.id in tt._changed:
        # "Δ": changed by an update and not yet marked as seen.
        size = min(14.0, star_rect.height())
        right = star_rect.right() - (used or star_rect.width())
        badge = QRectF(right - size - 2, star_rect.top() + 3, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CHANGED_COLOUR)
        painter.drawEllipse(badge)
        font = QFont(tt.font())
        font.setBold(True)
        font.setPixelSize(max(7, round(size * 0.7)))
        painter.setFont(font)
        painter.setPen(BADGE_INK)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "Δ")
        used = star_rect.right() - badge.left()
    return used


def _paint_block_text(
    tt: Timetable,
    painter: QPainter,
    placement: Placement,
    area: QRectF,
    block: QRectF,
    ink: QColor,
) -> None:
    key = (placement.id, round(area.width()), round(area.height()), placement.open_ended)
    plan = tt._text_cache.get(key)
    if plan is None:
        plan = [
            (font_key, y, height, tt._static_text(text, font_key), muted)
            for font_key, y, height, text, muted in block_text.plan_block_text(
                placement,
                tt._conference.zone,
                tt._fonts(),
                tt.fontMetrics().height(),
                area.width(),
                area.height(),
                block.height(),
            )
        ]
        tt._text_cache[key] = plan
    fonts = tt._fonts()
    muted = muted_ink(ink, tt.palette().color(QPalette.ColorRole.Base))
    for font_key, y, height, text, is_muted in plan:
        painter.setFont(fonts[font_key])
        painter.setPen(muted if is_muted else ink)
        offset = (height - text.size().height()) / 2
        painter.drawStaticText(QPointF(area.left(), area.top() + y + offset), text)
