"""Strings from programme files shown as text, never as markup.

Qt shows a tooltip, a label or a message box as rich text when the string
looks like HTML: a talk titled ``<img src="file:///...">`` would make Qt open a
local file, and ``<b>`` would turn bold. Labels and message boxes are told
``Qt.PlainText``; tooltips have no such switch, so their text is escaped here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def tooltip(text: str) -> str:
    """*text* as a tooltip that shows exactly these characters (line breaks kept)."""
    if "<" not in text and "&" not in text:
        return text
    import html  # rarely needed: most text has nothing to escape

    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    # Rich text on purpose, so that Qt does not guess: the escaped text shows as written.
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def mnemonic_safe(text: str) -> str:
    """*text* inside a label with a shortcut (``&Note``): its own ``&`` shown as ``&``."""
    return text.replace("&", "&&")


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A modal warning whose text is shown as written: error lines quote the file
    (a zone name, a duration, a file name), and QMessageBox.warning guesses."""
    # Imported here: most starts show no message box, and its class costs the first paint.
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
