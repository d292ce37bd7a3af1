"""Text from a programme file is shown as text in every widget, never as markup.

A title like ``<img src=...>`` in a tooltip made Qt open a local file: Qt takes
any string that looks like HTML as rich text unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from geodl_app import app
from geodl_app.program import load_program
from geodl_app.ui.companion import Companion

MARKUP = '<img src="file:///etc/hostname"><b>bold</b>'
ZONE = ZoneInfo("Europe/Berlin")

PROGRAM = f"""
[conference]
id = "hostile"
name = '''Conf {MARKUP}'''
first_day = 2024-06-12
last_day = 2024-06-12
timezone = "Europe/Berlin"

[[events]]
id = "one"
kind = "talk"
title = '''Title {MARKUP}'''
speakers = ['''Speaker {MARKUP}''']
start = 2024-06-12T10:00:00+02:00
end = 2024-06-12T11:00:00+02:00
room = '''Room {MARKUP}'''
track = '''Track {MARKUP}'''
abstract = '''Abstract {MARKUP}'''

[[events]]
id = "two"
kind = "talk"
title = '''Other {MARKUP}'''
start = 2024-06-12T10:30:00+02:00
end = 2024-06-12T11:30:00+02:00
room = '''Hall {MARKUP}'''
"""


@pytest.fixture
def hostile(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Companion]:
    # While the talks run, so that "Now & next" lists them too.
    monkeypatch.setenv("GEODL_APP_NOW", "2024-06-12T10:40")
    path = tmp_path / "hostile.toml"
    path.write_text(PROGRAM)
    built = app.open_companion(load_program(path), program_path=path)
    built.window.resize(1366, 768)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    if shiboken6.isValid(built.window):
        built.window.close()
        built.window.deleteLater()


def shown_as_markup(text: str, rich: bool = False) -> bool:
    """True if the file's tag would act: the text goes to Qt as rich text (told so,
    or guessed by Qt) with the tag itself in it, not escaped as ``&lt;img``."""
    return '<img src="file:' in text and (rich or GuiQt.mightBeRichText(text))


def model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            try:
                columns = model.columnCount(parent)
            except TypeError:  # a list model: one column, not asked from Python
                columns = 1
            for column in range(columns):
                index = model.index(row, column, parent)
                for role, name in (
                    (Qt.ItemDataRole.ToolTipRole, "tooltip"),
                    (Qt.ItemDataRole.WhatsThisRole, "what's this"),
                ):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield name, value
                if column == 0:
                    pending.append(index)


def all_indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    """Every index of *view*'s model, children included."""
    model = view.model()
    pending = [QModelIndex()]
    while model is not None and pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                yield index
                if column == 0:
                    pending.append(index)


def problems_in(widgets: list[QWidget]) -> list[str]:
    found = []
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        tip = widget.toolTip()
        if shown_as_markup(tip):
            found.append(f"{name}: tooltip {tip!r}")
        if isinstance(widget, QLabel | QMessageBox):
            text_format = widget.textFormat()
            rich = text_format == Qt.TextFormat.RichText
            if text_format != Qt.TextFormat.PlainText and shown_as_markup(widget.text(), rich):
                found.append(f"{name}: text {widget.text()!r}")
        if isinstance(widget, QTextBrowser | QTextEdit) and "<img" in widget.toHtml():
            found.append(f"{name}: its document holds an image")
        if isinstance(widget, QAbstractItemView):
            for role, text in model_texts(widget):
                if shown_as_markup(text):
                    found.append(f"{name}: item {role} {text!r}")
    return found


def test_every_widget_shows_a_hostile_programme_as_plain_text(
    qtbot: QtBot, hostile: Companion
) -> None:
    window = hostile.window
    window.open_here("one")
    window.open_beside("two")
    window.panes[0].star_button.click()
    window.timetable.select("two")
    # An appointment of one's own with markup in it, clashing with the talks.
    dialog = window.add_appointment()
    assert dialog is not None
    dialog.title_edit.setText(f"Mine {MARKUP}")
    dialog.set_times(
        datetime(2024, 6, 12, 10, 15, tzinfo=ZONE), datetime(2024, 6, 12, 10, 45, tzinfo=ZONE)
    )
    dialog.save_button.click()
    problems: list[str] = []
    # The timetable's own tooltips, built when the mouse rests on a block.
    for item_id in ("one", "two"):
        tip = window.timetable._tooltip(item_id)
        if shown_as_markup(tip):
            problems.append(f"timetable tooltip {tip!r}")
    # Search results list the titles too.
    window.search.field.setText("Title")
    qtbot.wait(50)
    for view in ("grid", "agenda", "plan", "now"):
        window.set_view(view)
        qtbot.wait(10)
        problems += problems_in([window, *window.findChildren(QWidget)])
    assert problems == [], "\n".join(sorted(set(problems)))
    # The markup is there, as text: what the user reads is what the file says.
    model = window.agenda.model()
    shown = [
        str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any(MARKUP in text for text in shown)
    tip = str(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert "&lt;img" in tip and "<img" not in tip


def test_the_library_changes_and_preferences_show_a_hostile_programme_as_plain_text(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The dialogs opened from the menus show the file's text as text too."""
    from geodl_app.bookmarks import BookmarkStore
    from geodl_app.library import Library

    path = tmp_path / "hostile.toml"
    path.write_text(PROGRAM)
    library = Library()
    library.add(str(path))
    BookmarkStore("hostile").star(["one"])
    # An update retitles and moves the starred talk: the Changes view lists it.
    path.write_text(PROGRAM.replace("'''Title ", "'''Retitled ").replace("T10:00:00", "T10:05:00"))
    library.update("hostile")
    built = app.open_companion(library.load("hostile"), library_id="hostile")
    built.window.show()
    qtbot.waitExposed(built.window)
    try:
        dialogs = [
            built.library.show_library(),
            built.library.show_changes(),
            built.show_preferences(),
        ]
        widgets = [w for dialog in dialogs for w in (dialog, *dialog.findChildren(QWidget))]
        assert problems_in(widgets) == []
        # The markup is there, as text: the conference's name, the retitled talk.
        shown = [
            str(view.model().data(index, Qt.ItemDataRole.DisplayRole))
            for view in (w for w in widgets if isinstance(w, QAbstractItemView))
            for index in all_indexes(view)
        ]
        assert any(f"Conf {MARKUP}" in text for text in shown), shown
        assert any(f"Retitled {MARKUP}" in text for text in shown), shown
    finally:
        built.window.close()
        built.window.deleteLater()
