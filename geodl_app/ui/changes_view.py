"""The Changes view: what an update changed, starred items first, until the user has seen it.

A table model over :class:`geodl_app.changes.ChangeRow` (built in the core)
and a non-modal window around it: old → new for each changed field, cancelled
items struck through, new ones marked, a starred item that moved into a clash
says so. *Mark as seen* acknowledges the changes; a starred item that was
cancelled can be dismissed (unstarred) or re-linked to another item.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from geodl_app import wording
from geodl_app.changes import ChangeRow
from geodl_app.model import Conference

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("", "Item", "What changed", "Old → new")
_Index = QModelIndex | QPersistentModelIndex


class ChangesModel(QAbstractTableModel):
    """One row per changed item; :data:`ROW_ROLE` gives the :class:`ChangeRow`."""

    def __init__(self, rows: Sequence[ChangeRow] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[ChangeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ChangeRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            # Escaped inside <p>: text from the programme file is never markup.
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return "<p>" + html.escape(str(text)).replace("\n", "<br>") + "</p>"
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "★" if row.starred else ""
            if column == 1:
                return ("NEW  " if row.new else "") + row.title
            if column == 2:
                return ", ".join(row.kinds)
            lines = list(row.lines)
            if row.clash:
                lines.append(f"⚠ {row.clash}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 1:
            state = "cancelled or removed: " if row.cancelled else "new: " if row.new else ""
            starred = "starred, " if row.starred else ""
            return f"{starred}{state}{row.title}"
        if role == Qt.ItemDataRole.FontRole and column == 1:
            font = QFont()
            font.setStrikeOut(row.cancelled)
            font.setBold(row.starred or row.new)
            return font
        return None


class ChangesView(QDialog):
    """The changes of one conference; ``acknowledged()`` when marked as seen.

    *on_open(id)* shows an item in the window; *on_dismiss(id)* unstars a
    cancelled item; *on_relink(old, new)* moves its star and note to another.
    """

    acknowledged = Signal()

    def __init__(
        self,
        conference: Conference,
        rows: Sequence[ChangeRow],
        *,
        on_open: Callable[[str], None] | None = None,
        on_dismiss: Callable[[str], None] | None = None,
        on_relink: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changes-view")
        self.setWindowTitle(f"Changes — {conference.name}")
        self.conference = conference
        self._on_open = on_open
        self._on_dismiss = on_dismiss
        self._on_relink = on_relink
        self.model = ChangesModel(rows, self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Changed items")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.resizeSection(1, 320)
        # Wrapped rows are as tall as their text at the widths the columns really have.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))

        buttons = QDialogButtonBox(self)
        self.seen_button = QPushButton("&Mark as seen", self)
        self.seen_button.setToolTip("You have read these changes: stop marking them")
        self.dismiss_button = QPushButton("&Dismiss star", self)
        self.dismiss_button.setToolTip("Take the star off this cancelled or removed item")
        self.relink_button = QPushButton("&Re-link…", self)
        self.relink_button.setToolTip("Move this cancelled item's star and note to another item")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        for button in (self.dismiss_button, self.relink_button, self.seen_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close.clicked.connect(self.close)
        self.seen_button.clicked.connect(self._acknowledge)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.relink_button.clicked.connect(self._relink)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(960, 480)
        self._refresh()

    def set_rows(self, rows: Sequence[ChangeRow]) -> None:
        self.model.set_rows(rows)
        self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.table.resizeRowsToContents)

    def _refresh(self) -> None:
        rows = self.model.rows()
        starred = sum(1 for r in rows if r.starred)
        if not rows:
            self.summary.setText("No changes since you last looked.")
        else:
            self.summary.setText(
                f"{len(rows)} item{'s' if len(rows) != 1 else ''} changed since you last "
                f"looked; {starred} of them starred (listed first)."
            )
        self.table.resizeRowsToContents()
        self.seen_button.setEnabled(bool(rows))
        self._update_buttons()

    def selected_row(self) -> ChangeRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = self.model.data(indexes[0], ROW_ROLE)
        return row if isinstance(row, ChangeRow) else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        gone = row is not None and row.cancelled and row.starred
        self.dismiss_button.setEnabled(gone and self._on_dismiss is not None)
        self.relink_button.setEnabled(gone and self._on_relink is not None)

    def _open(self, number: int) -> None:
        rows = self.model.rows()
        if self._on_open is not None and 0 <= number < len(rows) and not rows[number].cancelled:
            self._on_open(rows[number].id)

    def _acknowledge(self) -> None:
        self.acknowledged.emit()

    def _dismiss(self) -> None:
        row = self.selected_row()
        if row is not None and self._on_dismiss is not None:
            self._on_dismiss(row.id)

    def _relink(self) -> None:
        row = self.selected_row()
        if row is None or self._on_relink is None:
            return
        events = list(self.conference.events)
        labels = []
        for event in events:
            start = self.conference.local(event.start)
            where = f" ({event.room})" if event.room else ""
            labels.append(f"{wording.short_day(start.date())} {start:%H:%M}  {event.title}{where}")
        choice, accepted = QInputDialog.getItem(
            self,
            "Re-link a starred item",
            f"“{row.title}” is no longer in the programme.\n"
            "Which item should take its star and note?",
            labels,
            0,
            False,
        )
        if accepted and choice in labels:
            self._on_relink(row.id, events[labels.index(choice)].id)
