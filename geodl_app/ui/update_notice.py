"""The notice after an update: "FOSDEM 2026 updated: 3 of your starred items changed".

Non-modal, at the bottom right of the window like the clash notice; *Show
changes* opens the Changes view. It closes itself after a while.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

VISIBLE_MS = 30_000
MARGIN = 16


class UpdateNotice(QFrame):
    def __init__(
        self,
        message: str,
        on_show_changes: Callable[[], object] | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background, ink = ("#1d3a4a", "#dcecf5") if dark else ("#e8f3fa", "#0d2533")
        self.setStyleSheet(
            f"#updateNotice {{ background: {background}; border: 1px solid #4a90b8;"
            f" border-radius: 6px; }} #updateNotice QLabel {{ color: {ink}; }}"
        )
        self.message = QLabel(message, self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        self.show_button: QPushButton | None = None
        if on_show_changes is not None:
            self.show_button = QPushButton("Show &changes", self)
            self.show_button.clicked.connect(on_show_changes)
            self.show_button.clicked.connect(self.dismiss)
            layout.addWidget(self.show_button)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VISIBLE_MS)
        self._timer.timeout.connect(self.dismiss)
        parent.installEventFilter(self)

    def show_notice(self) -> None:
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(560, max(parent.width() - 2 * MARGIN, 200))
        self.setFixedWidth(width)
        layout = self.layout()
        height = self.sizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        self.resize(width, height)
        # Above the status bar, so the clash count and messages stay readable.
        bottom = parent.height() - MARGIN - 24
        self.move(parent.width() - width - MARGIN, bottom - self.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self._place()
        return False


def show_update_notice(
    parent: QWidget, message: str, on_show_changes: Callable[[], object] | None = None
) -> UpdateNotice:
    """Show the notice on *parent*, replacing one already there."""
    for old in parent.findChildren(UpdateNotice):
        old.dismiss()
    notice = UpdateNotice(message, on_show_changes, parent)
    notice.show_notice()
    return notice
