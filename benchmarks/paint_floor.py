"""The floor for start-up: the bare QMainWindow of bare_window.py, whose central
widget paints one coloured box with one line of text.

Any window that shows a timetable does at least this much. The bare window
never draws text or sets a colour, so it skips two costs that no such app can:
PySide6 creating the ~90 Python enums of the ``Qt`` namespace (triggered by the
first ``QPainter.setPen``/``fillRect``, whose overloads take ``Qt`` enums), and
Qt loading the system fonts through fontconfig on the first text drawn.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run by path (runpy.run_path), which does not put this folder on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bare_window import main
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class OneBox(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        box = QRect(20, 20, 240, 60)
        painter.fillRect(box, QColor("#dbe7f3"))
        painter.setPen(QColor("#1a1a1a"))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        painter.drawText(box, flags, "09:00 Equivariant neural networks")
        painter.end()


if __name__ == "__main__":
    sys.exit(main(OneBox))
