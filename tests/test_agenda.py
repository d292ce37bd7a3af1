"""The agenda list: a proper item model and a keyboard-friendly view."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from geodl_app.model import Conference, Event, Kind
from geodl_app.ui.agenda import EVENT_ROLE, AgendaModel, AgendaView


def test_model_passes_the_model_tester(qtmodeltester, gdl: Conference) -> None:
    model = AgendaModel(gdl)
    qtmodeltester.check(model)
    model.set_marks({"talk-bokman"}, {"talk-bokman"})
    qtmodeltester.check(model)


def test_one_row_per_item_with_named_columns(gdl: Conference) -> None:
    model = AgendaModel(gdl)
    assert model.rowCount() == len(gdl.events)
    row = model.row_of("talk-bokman")
    value = lambda name: model.index(row, model.column(name)).data()  # noqa: E731
    assert value("day") == "Tue 11 Jun"
    assert value("time") == "14:10–14:50"
    assert value("speakers") == "Georg Bökman"
    assert model.index(row, 0).data(EVENT_ROLE) is gdl.event("talk-bokman")
    accessible = model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.startswith("Tuesday 14:10–14:50, Georg Bökman: On the usefulness")


def test_star_toggled_changes_only_that_row(qtbot, gdl: Conference) -> None:
    model = AgendaModel(gdl)
    row = model.row_of("talk-bokman")
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_marks({"talk-bokman"}, set())
    assert changed.args[0].row() == changed.args[1].row() == row
    assert model.index(row, model.column("star")).data() == "★"


def test_personal_items_are_listed_in_time_order(gdl: Conference) -> None:
    model = AgendaModel(gdl)
    start = datetime.fromisoformat("2024-06-11T14:05:00+02:00")
    mine = Event(
        id="mine", kind=Kind.PERSONAL, title="Call", start=start, end=start + timedelta(minutes=5)
    )
    model.set_personal_items([mine])
    assert model.rowCount() == len(gdl.events) + 1
    assert model.row_of("mine") == model.row_of("welcome") + 1


def test_view_keys_enter_ctrl_enter_space(qtbot, gdl: Conference) -> None:
    view = AgendaView(AgendaModel(gdl))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.selection_changed) as selected:
        view.select("talk-bokman")
    assert selected.args == ["talk-bokman"]
    with qtbot.waitSignal(view.selection_changed) as moved:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert moved.args == ["coffee-2024-06-11"]
    with qtbot.waitSignal(view.activated_id) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == ["coffee-2024-06-11"]
    with qtbot.waitSignal(view.open_beside_requested):
        qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.star_toggle_requested) as star:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert star.args == ["coffee-2024-06-11"]
