"""The baseline for start-up: a bare PySide6 QMainWindow, shown and painted once.

Mirrors what ``geodl-app --smoke-test`` does, with nothing of the app in it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


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


def main(central_widget: type[QWidget] = QWidget) -> int:
    """Show a window with *central_widget* in it; report once it has been painted."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = central_widget(window)
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
