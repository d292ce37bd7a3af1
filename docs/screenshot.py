"""Open the main window at a given size and palette and save a picture of it.

Run under a display (e.g. Xvfb), from the repository root:

    PYTHONPATH=. python docs/screenshot.py docs/screenshot-1366x768.png \
        --size 1366x768 --palette light --beside talk-bokman --beside talk-nyholm

It uses a temporary data folder, so your own window layout is left alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2d30",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1f22",
        role.AlternateBase: "#26282b",
        role.Text: "#e6e6e6",
        role.Button: "#33353a",
        role.ButtonText: "#e6e6e6",
        role.Highlight: "#3d7ed6",
        role.HighlightedText: "#ffffff",
        role.Link: "#6fb1ff",
        role.PlaceholderText: "#9a9a9a",
        role.ToolTipBase: "#33353a",
        role.ToolTipText: "#e6e6e6",
        role.Mid: "#505257",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, colour_role, QColor("#77797e"))
    return palette


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--palette", choices=["light", "dark"], default="light")
    parser.add_argument("--select", default="talk-bokman")
    parser.add_argument("--beside", action="append", default=[])
    parser.add_argument("--search", default="")
    parser.add_argument("--view", choices=["grid", "agenda"], default="grid")
    parser.add_argument("--star", action="append", default=[])
    args = parser.parse_args()
    os.environ.setdefault("GEODL_APP_DATA_DIR", tempfile.mkdtemp(prefix="geodl-shot-"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from geodl_app.app import _make_application, build_main_window
    from geodl_app.program import load_bundled

    application = _make_application(sys.argv[:1])
    QApplication.setStyle("Fusion")
    if args.palette == "dark":
        QApplication.setPalette(dark_palette())
    window = build_main_window(load_bundled())
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    window.set_marks(set(args.star), set())
    window.timetable.select(args.select)
    for event_id in args.beside:
        window.open_beside(event_id)
    if args.search:
        window.search.field.setText(args.search)
    window.set_view(args.view)

    def shoot() -> None:
        window.grab().save(args.output)
        print(f"saved {args.output} ({width}x{height}, {args.palette})")
        window.close()
        application.quit()

    QTimer.singleShot(600, shoot)
    application.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
