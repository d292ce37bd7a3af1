"""Wording never follows the locale: a German desktop sees the same English words.

Qt's QApplication sets the C library's locale from the environment, after which
``strftime('%A %B')`` says "Dienstag Juni" on a German desktop. These tests set
a German locale for the C library (LC_TIME, built with localedef) and for Qt
(QLocale) and check what My plan, the appointment dialog and the command line show.
"""

from __future__ import annotations

import io
import locale
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from geodl_app.bookmarks import Appointment, BookmarkStore
from geodl_app.clashes import find_clashes, planned_items
from geodl_app.cli import main
from geodl_app.model import Conference
from geodl_app.ui.appointment_dialog import AppointmentDialog
from geodl_app.ui.clash_notice import clash_sentence
from geodl_app.ui.my_plan import MyPlanView
from geodl_app.ui.plan_store import PlanStore

GERMAN = "de_DE.UTF-8"


@pytest.fixture(scope="session")
def german_locale_dir(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A folder holding a compiled de_DE.UTF-8 locale (None: localedef cannot make one)."""
    if shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/de_DE").exists():
        return None
    folder = tmp_path_factory.mktemp("locales")
    result = subprocess.run(
        ["localedef", "-i", "de_DE", "-f", "UTF-8", str(folder / GERMAN)],
        capture_output=True,
        check=False,
    )
    return folder if (folder / GERMAN).exists() or result.returncode == 0 else None


@pytest.fixture
def german_time_locale(
    german_locale_dir: Path | None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The C library's LC_TIME and Qt's default locale set to German for one test."""
    if german_locale_dir is None:
        message = "no German locale: install the Debian package `locales` (localedef and sources)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    monkeypatch.setenv("LOCPATH", str(german_locale_dir))
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, GERMAN)
    # The test's own check that the locale took: the old code printed these words.
    assert date(2024, 6, 11).strftime("%A %B") == "Dienstag Juni"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield
    finally:
        QLocale.setDefault(QLocale.c())
        locale.setlocale(locale.LC_TIME, before)


@pytest.mark.usefixtures("german_time_locale")
def test_my_plan_day_headings_are_english_under_a_german_locale(
    gdl: Conference, qtbot: QtBot
) -> None:
    store = PlanStore(gdl, BookmarkStore(gdl.id))
    store.star("talk-bokman")
    view = MyPlanView(gdl, store)
    qtbot.addWidget(view)
    headings = [text for kind, _time, text, _place in view.rows() if kind == "day"]
    assert headings == ["Tuesday 11 June 2024"]


@pytest.mark.usefixtures("german_time_locale")
def test_the_appointment_dialog_speaks_english_under_a_german_locale(
    gdl: Conference, qtbot: QtBot
) -> None:
    dialog = AppointmentDialog(gdl)
    qtbot.addWidget(dialog)
    dialog.show()
    # The date fields name the day as the rest of the window does.
    assert dialog.start_edit.text().startswith("Tue 11 Jun 2024")
    qtbot.keyClicks(dialog.title_edit, "Meeting")
    dialog.end_edit.setDateTime(dialog.start_edit.dateTime().addSecs(-30 * 60))
    dialog.save_button.click()
    assert dialog.error_text() == (
        "The end (Tue 11 Jun 11:30) must be after the start (Tue 11 Jun 12:00)."
    )


@pytest.mark.usefixtures("german_time_locale")
def test_the_clash_notice_names_days_in_english_under_a_german_locale(gdl: Conference) -> None:
    call = Appointment.create("Call", *_during(gdl, "talk-marchetti"))
    items = planned_items([gdl.event("talk-marchetti")], [call])  # type: ignore[list-item]
    sentence = clash_sentence(gdl, find_clashes(items), "talk-marchetti")
    assert "(Tue 15:10–15:50)" in sentence, sentence


def _during(gdl: Conference, item_id: str) -> tuple[datetime, datetime]:
    event = gdl.event(item_id)
    assert event is not None and event.end is not None
    return event.start, event.end


@pytest.mark.usefixtures("german_time_locale")
def test_the_command_line_table_is_english_under_a_german_locale() -> None:
    out = io.StringIO()
    assert main(["list", "--day", "2024-06-12"], out=out) == 0
    assert out.getvalue().splitlines()[0] == "Wednesday 12 June 2024"
