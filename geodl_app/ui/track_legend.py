"""A one-line legend under the timetable: each track's colour and name.

Painted by one widget rather than made of a label per track: FOSDEM has over
a hundred tracks, and a hundred labels would slow the first paint. What does
not fit ends in "+ N more"; the Tracks button lists them all with their colours.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from geodl_app.ui import plain_text
from geodl_app.ui.palette import mix

SWATCH = 10
GAP = 14


def _more(count: int) -> str:
    return f"+ {count} more (Tracks button)"


class TrackLegend(QWidget):
    """Swatch and name of every track, in the program's order, as many as fit."""

    def __init__(self, colours: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("track-legend")
        self._colours = dict(colours)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Track colours")
        self.setAccessibleDescription(", ".join(self._colours))
        self.setToolTip(plain_text.tooltip("\n".join(self._colours)))
        self.setVisible(len(self._colours) > 1)

    def entries_shown(self) -> list[str]:
        """The tracks whose names fit in the width, for tests and a11y."""
        return [name for name, _x in self._layout()[0]]

    def sizeHint(self) -> QSize:
        return QSize(400, self.fontMetrics().height() + 8)

    def _layout(self) -> tuple[list[tuple[str, float]], int]:
        metrics = self.fontMetrics()
        shown: list[tuple[str, float]] = []
        x = 8.0
        names = list(self._colours)
        for n, name in enumerate(names):
            width = SWATCH + 5 + metrics.horizontalAdvance(name)
            rest = len(names) - n - 1
            reserve = metrics.horizontalAdvance(_more(rest)) + GAP if rest else 0
            if x + width + reserve > self.width() - 8:
                break
            shown.append((name, x))
            x += width + GAP
        return shown, len(names) - len(shown)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        metrics = self.fontMetrics()
        height = self.height()
        text = palette.color(QPalette.ColorRole.WindowText)
        edge = mix(palette.color(QPalette.ColorRole.Window), text, 0.4)
        shown, rest = self._layout()
        for name, x in shown:
            swatch = QRectF(x, (height - SWATCH) / 2, SWATCH, SWATCH)
            painter.setPen(edge)
            painter.setBrush(QColor(self._colours[name]))
            painter.drawRect(swatch)
            painter.setPen(text)
            painter.drawText(
                QRectF(x + SWATCH + 5, 0, metrics.horizontalAdvance(name) + 2, height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                name,
            )
        if rest:
            last = 8.0
            if shown:
                last = shown[-1][1] + SWATCH + 5 + metrics.horizontalAdvance(shown[-1][0]) + GAP
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(last, 0, self.width(), height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                _more(rest),
            )
        painter.end()
