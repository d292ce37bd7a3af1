"""The abstract pane: what it shows, its buttons, and links that never load in-app."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from geodl_app.model import Conference
from geodl_app.ui.abstract_pane import AbstractPane, event_html


@pytest.fixture
def pane(qtbot, gdl: Conference) -> AbstractPane:
    widget = AbstractPane(gdl)
    qtbot.addWidget(widget)
    return widget


def test_shows_title_speaker_day_time_duration_and_place(pane: AbstractPane, gdl) -> None:
    pane.show_event(gdl.event("talk-bokman"))
    text = pane.reader.toPlainText()
    assert "On the usefulness of equivariant image representations" in text
    assert "Georg Bökman" in text
    assert "Tuesday 11 June 2024, 14:10–14:50 (40 min)" in text
    assert "Place: Umeå University" in text  # no room given: the venue
    assert "In representation learning" in text
    assert pane.event_id() == "talk-bokman"


def test_dinner_shows_its_place_and_that_it_has_no_end(pane: AbstractPane, gdl) -> None:
    pane.show_event(gdl.event("conference-dinner"))
    text = pane.reader.toPlainText()
    assert "19:00– (no end given)" in text
    assert "Place: Båten" in text


def test_references_become_a_list_and_links_are_clickable(gdl: Conference) -> None:
    page = event_html(gdl.event("talk-bekkers"), gdl)
    assert page.count("<li>[") == 4
    assert '<a href="https://arxiv.org/abs/2406.05753">' in page
    assert page.count("<p>") >= 3  # speaker, facts, the abstract's paragraph


def test_text_is_escaped(gdl: Conference) -> None:
    event = replace(gdl.event("talk-bokman"), title="A <b>bold</b> claim & more")
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; more" in event_html(event, gdl)


def test_links_go_to_the_system_browser_only(qtbot, monkeypatch, pane: AbstractPane, gdl) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pane.show_event(gdl.event("talk-mereta"))
    pane.reader.anchorClicked.emit(QUrl("https://arxiv.org/abs/2303.12124"))
    pane.reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert [u.toString() for u in opened] == ["https://arxiv.org/abs/2303.12124"]
    assert pane.reader.loadResource(0, QUrl("https://example.org/x.png")) is None


def test_star_and_beside_buttons_ask_and_close_requests(qtbot, pane: AbstractPane, gdl) -> None:
    pane.show_event(gdl.event("talk-bokman"))
    with qtbot.waitSignal(pane.star_toggle_requested) as star:
        pane.star_button.click()
    assert star.args == ["talk-bokman"]
    assert not pane.star_button.isChecked()  # until the store answers
    pane.set_starred(True)
    assert pane.star_button.isChecked() and "Starred" in pane.star_button.text()
    with qtbot.waitSignal(pane.open_beside_requested) as beside:
        pane.beside_button.click()
    assert beside.args == ["talk-bokman"]
    with qtbot.waitSignal(pane.close_requested):
        pane.close_button.click()


def test_empty_pane_has_a_hint_and_disabled_buttons(pane: AbstractPane) -> None:
    pane.show_event(None)
    assert "Select an item" in pane.reader.toPlainText()
    assert not pane.star_button.isEnabled() and not pane.beside_button.isEnabled()
