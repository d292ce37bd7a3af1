"""Telling the user about a plan file that was set aside or could not be saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from geodl_app.bookmarks import PlanError, PlanSetAside


def show_plan_problem(
    problem: PlanSetAside | PlanError, parent: QWidget | None = None
) -> QMessageBox:
    """A non-modal warning naming the file that holds the old data; returns the box."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons, as written
    box.setIcon(QMessageBox.Icon.Warning)
    if isinstance(problem, PlanSetAside):
        box.setWindowTitle("Your plan file was set aside")
        box.setText(
            "Your saved plan could not be used, so an empty plan was started.\n\n"
            f"Nothing was deleted: the old data is kept in\n{problem.kept_as}"
        )
        box.setInformativeText(f"Reason: the file {problem.reason}.")
    else:
        box.setWindowTitle("Your plan could not be saved")
        box.setText(str(problem))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(False)
    box.show()
    return box
