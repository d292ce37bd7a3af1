"""Every keyboard shortcut of the window does one thing (issue 14, item 12)."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from geodl_app.app import build_main_window
from geodl_app.model import Conference
from geodl_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, gdl: Conference) -> MainWindow:
    win = build_main_window(gdl)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _window_actions(window: MainWindow) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if a.shortcuts()]


def test_no_two_shortcuts_are_the_same_key(window: MainWindow) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in _window_actions(window):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # context menus' labels: only live while their menu is open
        # Within one action too: Ctrl+- given twice (once as StandardKey.ZoomOut)
        # made Qt call the key ambiguous and do nothing.
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            owners[text].append(action.text())
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}


def test_ctrl_minus_zooms_out(qtbot, window: MainWindow) -> None:
    window.timetable.setFocus()
    before = window.timetable.zoom()
    qtbot.keyClick(window.timetable, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.timetable.zoom() < before


def test_every_window_shortcut_triggers_its_action(qtbot, window: MainWindow) -> None:
    """Pressing each shortcut fires its action (none is swallowed as ambiguous)."""
    skip = {"Quit", "&Quit", "&Open…", "&Export…", "&Add Appointment…"}  # would open dialogs
    for action in _window_actions(window):
        if action.text() in skip or not action.isEnabled():
            continue
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for sequence in action.shortcuts():
            combo = sequence[0]
            if combo.key().value >= Qt.Key.Key_Back.value:
                continue  # a keyboard's media keys (Zoom In): the test cannot type them
            fired: list[bool] = []
            action.triggered.connect(lambda *_a, f=fired: f.append(True))
            window.activateWindow()
            window.timetable.setFocus()
            qtbot.keyClick(
                QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers()
            )
            assert fired, f"{action.text()!r}: {sequence.toString()} did nothing"
