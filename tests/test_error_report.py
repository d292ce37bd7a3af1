"""Unexpected failures: one line for the attendee, the details in errors.log."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from geodl_app import cli, crash_log
from geodl_app.ui import error_report


def test_the_log_keeps_the_traceback_in_the_data_folder(isolated_user_dirs: Path) -> None:
    try:
        raise ValueError("the dinner has no end\nsecond line")
    except ValueError as error:
        log = crash_log.write_log(type(error), error, error.__traceback__)
        assert crash_log.summary(error) == "ValueError: the dinner has no end"
    assert log == isolated_user_dirs / "errors.log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "the dinner has no end" in text


def test_a_bug_in_a_command_is_one_line_and_a_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    def broken(ctx: cli.Context) -> int:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(cli, "cmd_list", broken)
    status = cli.main(["list"], out=io.StringIO())
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "internal error: RuntimeError: something inside broke" in err
    assert str(isolated_user_dirs / "errors.log") in err
    assert "something inside broke" in (isolated_user_dirs / "errors.log").read_text()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_is_shown_and_logged(qtbot, isolated_user_dirs: Path) -> None:
    shown: list[str] = []
    previous = error_report.install(shown.append)
    try:

        def slot() -> None:
            raise KeyError("talk-x")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    assert "Something went wrong: KeyError: 'talk-x'" in shown[0]
    assert "nothing of your plan is lost" in shown[0]
    assert str(isolated_user_dirs / "errors.log") in shown[0]


def test_the_window_shows_a_non_modal_warning(qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    error_report.show_in_window(lambda: parent)("Something went wrong: KeyError.")
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text() == "Something went wrong: KeyError."
    assert not boxes[0].isModal()
    boxes[0].close()
