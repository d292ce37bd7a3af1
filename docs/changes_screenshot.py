"""Save a picture of the Changes view after an update of FOSDEM 2021.

Run under a display (e.g. Xvfb), from the repository root:

    PYTHONPATH=. python docs/changes_screenshot.py docs/changes-view.png [--palette dark]

It uses a temporary data folder: FOSDEM 2021 is added to the library, four
talks are starred, and the programme is then updated to the second version
the tests use (a talk moved into a clash, one cancelled, one moved to another
room, one retitled, one re-keyed, one new).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--palette", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="geodl-changes-"))
    os.environ["GEODL_APP_DATA_DIR"] = str(data / "data")
    sys.path.insert(0, str(REPO / "tests"))
    sys.path.insert(0, str(REPO / "docs"))
    import programme_versions as pv
    from PySide6.QtWidgets import QApplication
    from screenshot import dark_palette

    from geodl_app.app import open_companion
    from geodl_app.bookmarks import BookmarkStore
    from geodl_app.library import Library

    source = data / "fosdem.xml"
    source.write_bytes(pv.version_1())
    library = Library()
    library.add(str(source))
    BookmarkStore("fosdem-2021").star([pv.MOVED, pv.MOVED_INTO, pv.CANCELLED, pv.REROOMED])
    source.write_bytes(pv.version_2())
    library.update("fosdem-2021")

    application = QApplication.instance() or QApplication(sys.argv[:1])
    if args.palette == "dark":
        application.setPalette(dark_palette())
    companion = open_companion(library.load("fosdem-2021"), library_id="fosdem-2021")
    companion.window.show()
    view = companion.library.show_changes()
    view.resize(1000, 400)
    for _ in range(20):
        application.processEvents()
    view.table.selectRow(1)
    for _ in range(5):
        application.processEvents()
    view.grab().save(args.output)
    print(f"wrote {args.output}")
    companion.window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
