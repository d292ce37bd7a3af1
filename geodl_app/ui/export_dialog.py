"""File → Export: which items, which format, which file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from geodl_app import formats
from geodl_app.model import Conference


@dataclass(frozen=True)
class ExportChoice:
    kind: str  # a format's name in formats.FORMATS, e.g. formats.ICAL
    plan_only: bool  # True: starred items and own appointments; False: the whole program
    path: Path


@dataclass(frozen=True)
class _Target:
    label: str
    kind: str
    plan_only: bool
    suffix: str

    @property
    def filter(self) -> str:
        return f"{self.label} (*{self.suffix})"


def targets() -> tuple[_Target, ...]:
    """Every export the registry's formats offer, in registry order."""
    return tuple(
        _Target(choice.label, fmt.name, choice.plan_only, fmt.export_suffix or "")
        for fmt in formats.written()
        for choice in fmt.export_choices
    )


TARGETS = targets()


def choose_export(parent: QWidget | None, conference: Conference) -> ExportChoice | None:
    """Ask what to export and where (None: cancelled)."""
    stem = re.sub(r"[^\w.-]+", "-", conference.id).strip("-") or "program"
    offered = targets()
    filters = ";;".join(t.filter for t in offered)
    # No suffix in the suggested name: the one of the format picked is added
    # below, so choosing "Pentabarf XML" does not leave a ".ics" file name.
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export", str(Path.home() / stem), filters, offered[0].filter
    )
    if not path:
        return None
    target = next((t for t in offered if t.filter == chosen), offered[0])
    file = Path(path)
    if not file.suffix:
        file = file.with_suffix(target.suffix)
    return ExportChoice(target.kind, target.plan_only, file)
