"""A pane that shows one item in full: who, when, where, and the whole abstract.

Links open in the system browser through QDesktopServices; the pane itself
never loads anything (``loadResource`` refuses every request).
"""

from __future__ import annotations

import re
from datetime import tzinfo

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from geodl_app import wording
from geodl_app.model import Conference, Event, Kind

_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def _linkified(text: str) -> str:
    """*text* escaped for HTML, with web addresses made into links."""
    import html

    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        url = match.group(0).rstrip(".,;:")
        out.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
        last = match.start() + len(url)
    out.append(html.escape(text[last:]))
    return "".join(out)


def event_html(
    event: Event,
    conference: Conference,
    computer_zone: tzinfo | None = None,
    times_in: str = "conference",
) -> str:
    """The pane's text for *event* as rich text Qt can show.

    When *computer_zone* shows the item at other clock times than the
    conference's zone, both are given, *times_in*'s first ("conference" or
    "computer"); the day is always the conference's.
    """
    # Imported when the first item is shown: an empty pane needs no escaping.
    import html

    zone = conference.zone
    local = event.start.astimezone(zone)
    parts = [f"<h2>{html.escape(event.title)}</h2>"]
    if event.speakers:
        parts.append(f"<p><b>{html.escape(', '.join(event.speakers))}</b></p>")
    when = f"{wording.day_heading(local.date())} {local.year}"
    span = wording.time_range(event, zone)
    if computer_zone is not None and wording.differs(event, zone, computer_zone):
        there = f"{span} at the conference ({wording.zone_label(zone, event)})"
        here_start = event.start.astimezone(computer_zone)
        here = wording.time_range(event, computer_zone)
        if here_start.date() != local.date():
            here = f"{wording.weekday(here_start.date())[:3]} {here}"
        here = f"{here} your time ({wording.zone_label(computer_zone, event)})"
        span = f"{here}; {there}" if times_in == "computer" else f"{there}; {here}"
    length = wording.duration(event.duration)
    # No line break inside "1 h 20 min" when the pane is narrow.
    length_html = html.escape(length).replace(" ", "&nbsp;")
    facts = [f"{html.escape(when)}, {html.escape(span)} ({length_html})"]
    place = event.room or conference.venue
    if place:
        facts.append(f"Place: {html.escape(place)}")
    if event.track:
        facts.append(f"Track: {html.escape(event.track)}")
    if event.kind is Kind.PERSONAL:
        facts.append("<i>Your own appointment</i>")
    parts.append("<p>" + "<br>".join(facts) + "</p>")
    for block in wording.abstract_blocks(event):
        if block.kind == "references":
            items = "".join(f"<li>{_linkified(line)}</li>" for line in block.lines)
            parts.append(f"<h4>References</h4><ul>{items}</ul>")
        else:
            parts.append(f"<p>{_linkified(block.lines[0])}</p>")
    if event.url:
        parts.append(f'<p><a href="{html.escape(event.url)}">Event page</a></p>')
    if event.links:
        items = "".join(
            f'<li><a href="{html.escape(link.url)}">{html.escape(link.title)}</a></li>'
            for link in event.links
        )
        parts.append(f"<h4>Links</h4><ul>{items}</ul>")
    return "".join(parts)


class _Reader(QTextBrowser):
    """Rich text that never loads a resource from anywhere."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


class AbstractPane(QWidget):
    """One item's details; several can stand side by side in the main window."""

    open_beside_requested = Signal(str)
    star_toggle_requested = Signal(str)
    close_requested = Signal()
    edit_requested = Signal(str)  # an own appointment's Edit button
    reminder_toggle_requested = Signal(str)  # a planned item's reminder on or off
    link_opened = Signal(QUrl)

    def __init__(self, conference: Conference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("abstract-pane")
        self._conference = conference
        self._event: Event | None = None
        self._starred = False
        self._reminds = True
        self._computer_zone: tzinfo | None = None
        self._times_in = "conference"

        self.remind_button = QToolButton(self)
        self.remind_button.setCheckable(True)
        self.remind_button.setAutoRaise(True)
        self.remind_button.clicked.connect(self._request_reminder)
        self.remind_button.hide()
        self.star_button = QToolButton(self)
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        self.star_button.clicked.connect(self._request_star)
        self.beside_button = QToolButton(self)
        self.beside_button.setText("Open beside")
        self.beside_button.setAutoRaise(True)
        self.beside_button.setToolTip("Keep this item open in a pane of its own (Ctrl+Enter)")
        self.beside_button.clicked.connect(self._request_beside)
        self.edit_button = QToolButton(self)
        self.edit_button.setText("Edit…")
        self.edit_button.setAutoRaise(True)
        self.edit_button.setToolTip("Change or delete this appointment")
        self.edit_button.clicked.connect(self._request_edit)
        self.edit_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAccessibleName("Close pane")
        self.close_button.clicked.connect(self.close_requested)

        self.reader = _Reader(self)
        self.reader.setOpenLinks(False)
        self.reader.setOpenExternalLinks(False)
        self.reader.anchorClicked.connect(self._open_link)
        self.reader.setAccessibleName("Abstract")

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(self.star_button)
        bar.addWidget(self.remind_button)
        bar.addWidget(self.beside_button)
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.reader, 1)
        self.setFocusProxy(self.reader)
        self.setMinimumWidth(220)
        self.show_event(None)

    def event_id(self) -> str:
        return self._event.id if self._event else ""

    def current_event(self) -> Event | None:
        return self._event

    def set_conference(self, conference: Conference) -> None:
        self._conference = conference
        self.show_event(None)

    def show_event(self, event: Event | None) -> None:
        """Show *event*, or a hint when None."""
        self._event = event
        has_event = event is not None
        personal = event is not None and event.kind is Kind.PERSONAL
        self.star_button.setEnabled(has_event and not personal)
        self.beside_button.setEnabled(has_event)
        self.edit_button.setVisible(personal)
        if event is None:
            self.reader.setHtml(
                "<p><i>Select an item in the timetable to read it here. "
                "Ctrl+click or Ctrl+Enter opens one beside the others.</i></p>"
            )
            self.setAccessibleName("Empty abstract pane")
        else:
            self.reader.setHtml(
                event_html(event, self._conference, self._computer_zone, self._times_in)
            )
            self.reader.verticalScrollBar().setValue(0)
            self.setAccessibleName(f"Abstract: {event.title}")
        self._update_star()

    def set_starred(self, starred: bool) -> None:
        self._starred = starred
        self._update_star()

    def is_starred(self) -> bool:
        return self._starred

    def set_times(self, times_in: str, computer_zone: tzinfo | None) -> None:
        """Show times in *times_in*'s zone first, and *computer_zone*'s too where it differs."""
        if (times_in, computer_zone) == (self._times_in, self._computer_zone):
            return
        self._times_in, self._computer_zone = times_in, computer_zone
        if self._event is not None:
            position = self.reader.verticalScrollBar().value()
            self.show_event(self._event)
            self.reader.verticalScrollBar().setValue(position)

    def set_reminder(self, on: bool) -> None:
        """Whether this item is reminded of (the bell shows while it is planned)."""
        self._reminds = on
        self._update_star()

    def reminds(self) -> bool:
        return self._reminds

    def _update_star(self) -> None:
        planned = self._event is not None and (self._starred or self._event.kind is Kind.PERSONAL)
        self.remind_button.setVisible(planned)
        self.remind_button.setChecked(self._reminds)
        # Plain characters: the bell emoji is missing from common desktop fonts.
        self.remind_button.setText("✓ Reminder" if self._reminds else "No reminder")
        self.remind_button.setToolTip(
            "A reminder comes before it starts; click for none"
            if self._reminds
            else "No reminder for this item; click to be reminded"
        )
        self.star_button.setChecked(self._starred)
        self.star_button.setText("★ Starred" if self._starred else "☆ Star")
        self.star_button.setToolTip(
            "Remove the star (Space in the timetable)" if self._starred else "Star this item"
        )

    def _request_star(self) -> None:
        # The store decides; until it answers through set_starred, show the old state.
        self._update_star()
        if self._event is not None:
            self.star_toggle_requested.emit(self._event.id)

    def _request_reminder(self) -> None:
        # As with the star: the plan decides, and answers through set_reminder.
        self.remind_button.setChecked(self._reminds)
        if self._event is not None:
            self.reminder_toggle_requested.emit(self._event.id)

    def _request_edit(self) -> None:
        if self._event is not None:
            self.edit_requested.emit(self._event.id)

    def _request_beside(self) -> None:
        if self._event is not None:
            self.open_beside_requested.emit(self._event.id)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self.link_opened.emit(url)
            QDesktopServices.openUrl(url)
