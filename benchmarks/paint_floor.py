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

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

ALIGN_LEFT_WRAP = 0x0001 | 0x1000  # Qt.AlignLeft | Qt.TextWordWrap, without touching Qt


class OneBox(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        box = QRect(20, 20, 240, 60)
        painter.fillRect(box, QColor("#dbe7f3"))
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(box, ALIGN_LEFT_WRAP, "09:00 Equivariant neural networks")
        painter.end()


class PaintWatcher(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = OneBox(window)
    window.setCentralWidget(central)
    window.resize(1200, 800)
    watcher = PaintWatcher(app)
    central.installEventFilter(watcher)
    window.show()
    app.exec()
    print("painted" if watcher.painted else "never painted")
    return 0 if watcher.painted else 1


if __name__ == "__main__":
    sys.exit(main())
