"""The main window: a layout of parts, each in its own module."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from geodl_app import APP_TITLE
from geodl_app.model import Conference


class MainWindow(QMainWindow):
    def __init__(self, conference: Conference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conference = conference
        self.setWindowTitle(f"{conference.name} — {APP_TITLE}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        heading = QLabel(f"<h1>{conference.name}</h1>", central)
        layout.addWidget(heading)
        self.setCentralWidget(central)
        self.resize(1200, 800)
