"""File → Conferences: the library, upcoming and past apart; open, update, add a URL, remove.

The dialog only shows entries and asks; the companion does the work and
hands the entries back with :meth:`ConferencesDialog.set_entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from geodl_app import wording
from geodl_app.library import Entry, split_by_date

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _days(entry: Entry) -> str:
    first, last = entry.first_day, entry.last_day
    if first == last:
        return f"{wording.short_day(first)} {first.year}"
    return f"{wording.short_day(first)} – {wording.short_day(last)} {last.year}"


def _updated(entry: Entry) -> str:
    if entry.updated is None:
        return "comes with the app"
    local = entry.updated.astimezone()
    return f"{wording.short_day(local.date())} {local.year} {local:%H:%M}"


class ConferencesDialog(QDialog):
    open_requested = Signal(str)
    update_requested = Signal(str)
    remove_requested = Signal(str, bool)  # id, keep the plan
    add_url_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conferences-dialog")
        self.setWindowTitle("Conferences")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Conference", "Days", "From", "Last updated"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Conferences in the library")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 260)
        header.resizeSection(1, 230)
        header.resizeSection(2, 300)
        self.tree.itemActivated.connect(lambda item, _column: self._open(item))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("&Open", self)
        self.update_button = QPushButton("&Update", self)
        self.add_button = QPushButton("Add from &URL…", self)
        self.remove_button = QPushButton("&Remove…", self)
        for button in (self.open_button, self.update_button, self.add_button, self.remove_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        self.update_button.clicked.connect(self._update)
        self.add_button.clicked.connect(self._add_url)
        self.remove_button.clicked.connect(self._remove)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(980, 420)
        self._entries: dict[str, Entry] = {}

    def set_entries(
        self, entries: Sequence[Entry], current: str, today: date | None = None
    ) -> None:
        """Show *entries*: upcoming and running ones, then past ones; *current* selected."""
        chosen = self.selected_id() or current
        self._entries = {e.id: e for e in entries}
        self.tree.clear()
        upcoming, past = split_by_date(entries, today or date.today())
        bold = self.tree.font()
        bold.setBold(True)
        for heading, group in (("Upcoming and running", upcoming), ("Past", past)):
            if not group:
                continue
            title = QTreeWidgetItem([heading])
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            title.setFont(0, bold)
            self.tree.addTopLevelItem(title)
            for entry in group:
                name = entry.name + ("  (shown now)" if entry.id == current else "")
                item = QTreeWidgetItem(
                    [name, _days(entry), entry.source or "bundled with the app", _updated(entry)]
                )
                item.setData(0, ID_ROLE, entry.id)
                item.setToolTip(2, "")  # a path or URL is shown as it is, never as markup
                self.tree.addTopLevelItem(item)
                if entry.id == chosen:
                    self.tree.setCurrentItem(item)
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, ID_ROLE)
        return value if isinstance(value, str) else None

    def select(self, entry_id: str) -> None:
        for number in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(number)
            if item is not None and item.data(0, ID_ROLE) == entry_id:
                self.tree.setCurrentItem(item)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def _update_buttons(self) -> None:
        entry = self._entries.get(self.selected_id() or "")
        self.open_button.setEnabled(entry is not None)
        self.update_button.setEnabled(entry is not None and not entry.bundled)
        self.remove_button.setEnabled(entry is not None and not entry.bundled)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        entry_id = None if item is None else item.data(0, ID_ROLE)
        if isinstance(entry_id, str):
            self.open_requested.emit(entry_id)

    def _update(self) -> None:
        entry_id = self.selected_id()
        if entry_id:
            self.update_requested.emit(entry_id)

    def _add_url(self) -> None:
        url, accepted = QInputDialog.getText(
            self, "Add a conference", "Address (URL) of the conference's schedule file:"
        )
        if accepted and url.strip():
            self.add_url_requested.emit(url.strip())

    def _remove(self) -> None:
        entry = self._entries.get(self.selected_id() or "")
        if entry is None or entry.bundled:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Remove a conference")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Remove {entry.name} from the library?")
        box.setInformativeText(
            "Your plan for it (stars, notes, appointments) can be kept, for when you add it again."
        )
        keep = box.addButton("Remove, keep my plan", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("Remove with my plan", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            self.remove_requested.emit(entry.id, True)
        elif box.clickedButton() is drop:
            self.remove_requested.emit(entry.id, False)
