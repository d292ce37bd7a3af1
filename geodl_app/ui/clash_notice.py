"""The non-modal notice shown when a star or an appointment creates a clash.

It names the other item and offers "Compare", which calls back with both ids
(the main window opens both abstracts side by side). It never blocks input and
closes itself after a while.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from geodl_app import wording
from geodl_app.clashes import Clash, PlannedItem
from geodl_app.model import Conference
from geodl_app.ui.palette import is_dark, notice_colours

VISIBLE_MS = 20_000
MARGIN = 16


def clash_sentence(conference: Conference, clashes: Sequence[Clash], item_id: str) -> str:
    """'“A” (14:10–14:50) clashes with “B” (14:30–15:10)', plus how many more."""

    zone = conference.zone

    def span(item: PlannedItem) -> str:
        day = wording.weekday(conference.local(item.start).date())[:3]
        if item.end is None:
            return f"{day} {wording.clock(item.start, zone)}, no end given"
        return f"{day} {wording.clock_range(item.start, item.end, zone, other_day=False)}"

    first = clashes[0]
    this = first.first if first.first.id == item_id else first.second
    other = first.other(item_id)
    sentence = f"“{this.title}” ({span(this)}) clashes with “{other.title}” ({span(other)})"
    if len(clashes) > 1:
        sentence += f" and {len(clashes) - 1} more"
    return sentence + "."


class ClashNotice(QFrame):
    """One clash notice; ``compare_requested(item_id, other_id)`` on Compare."""

    compare_requested = Signal(str, str)

    def __init__(
        self,
        conference: Conference,
        clashes: Sequence[Clash],
        item_id: str,
        on_compare: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not clashes:
            raise ValueError("a clash notice needs at least one clash")
        self.item_id = item_id
        # True once a window has put it in its layout (MainWindow.add_notice):
        # then it takes room of its own instead of floating over the panes.
        self.in_layout = False
        self.other_id = clashes[0].other(item_id).id
        self.setObjectName("clashNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # A warm tint that keeps the palette's text legible, light or dark.
        colours = notice_colours(is_dark(self.palette().color(QPalette.ColorRole.Window)))
        self.setStyleSheet(
            f"#clashNotice {{ background: {colours.background};"
            f" border: 1px solid {colours.border}; border-radius: 6px; }}"
            f" #clashNotice QLabel {{ color: {colours.ink}; }}"
        )
        if parent is None:
            self.setWindowFlag(Qt.WindowType.Tool)
            self.setWindowTitle("Clash in your plan")

        self.message = QLabel(
            f"<b>Clash:</b> {escape(clash_sentence(conference, clashes, item_id))}", self
        )
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.compare_button = QPushButton("&Compare", self)
        self.compare_button.setToolTip("Open both items side by side")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)

        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.close_button)

        if on_compare is not None:
            self.compare_requested.connect(on_compare)
        self.compare_button.clicked.connect(self._compare)
        self.close_button.clicked.connect(self.dismiss)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VISIBLE_MS)
        self._timer.timeout.connect(self.dismiss)
        if parent is not None:
            parent.installEventFilter(self)

    def show_notice(self) -> None:
        if not self.in_layout:
            self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()

    def _compare(self) -> None:
        self.compare_requested.emit(self.item_id, self.other_id)
        self.dismiss()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            self.resize(max(self.sizeHint().width(), 420), self.sizeHint().height())
            return
        width = min(560, max(parent.width() - 2 * MARGIN, 200))
        self.setFixedWidth(width)
        self.adjustSize()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            # adjustSize() wraps the text for a narrower width than the one fixed above.
            self.resize(width, layout.totalHeightForWidth(width))
        self.move(parent.width() - width - MARGIN, parent.height() - self.height() - MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.parentWidget()
            and not self.in_layout
        ):
            self._place()
        return False


def show_clash_notice(
    conference: Conference,
    clashes: Sequence[Clash],
    item_id: str,
    on_compare: Callable[[str, str], None] | None = None,
    parent: QWidget | None = None,
) -> ClashNotice:
    """Show a non-modal notice for *clashes* created by *item_id*; returns it.

    A notice already showing on the same parent is replaced, so they never pile up.
    """
    if parent is not None:
        for old in parent.findChildren(ClashNotice):
            old.dismiss()
    notice = ClashNotice(conference, clashes, item_id, on_compare, parent)
    add_notice = getattr(parent, "add_notice", None)
    if add_notice is not None:
        add_notice(notice)
        notice.in_layout = True
    notice.show_notice()
    return notice
