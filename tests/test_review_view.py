"""The review queue in the desktop UI and "Not you?" on the kiosk screen (pytest-qt, offscreen)."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt

from app.core.attendance import KioskBackend, KioskEvent, Outcome
from app.core.attendance.doubt import NEAR_THRESHOLD, NOT_ME
from app.core.attendance.review_sink import review_item
from app.core.camera.sources import Frame
from app.core.context import AppContext
from app.core.policy.access import Role, Session
from app.core.records import Direction
from app.core.storage import review as review_db
from app.core.vision.images import load_rgb
from app.ui.kiosk.view import KioskView
from app.ui.kiosk.worker import to_qimage
from app.ui.main_window import MainWindow
from tests.test_kiosk_screen import ASTRONAUT, enter, track
from tests.ui_access_support import (  # noqa: F401 (fixtures)
    add_event,
    add_person,
    make_window,
    sessions,
)

AT = datetime(2026, 3, 2, 8, 14, tzinfo=UTC)


def test_hr_voids_and_confirms_from_the_reports_page(
    qtbot,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
) -> None:
    ana = add_person(ctx, "Ana Lima", "E-1")
    ben = add_person(ctx, "Ben Ode", "E-2", seed=1)
    wrong = add_event(ctx, ana, datetime.now().astimezone(), Direction.IN)
    right = add_event(ctx, ben, datetime.now().astimezone(), Direction.IN)
    for event in (wrong, right):
        item = review_item(AT, "kiosk-1", NEAR_THRESHOLD, None, event.person_uuid, event.uuid, 0.9)
        review_db.add_review_item(ctx._store, item)
    hr = make_window(sessions[Role.HR])
    assert hr.select_page("Reports")
    qtbot.waitUntil(lambda: hr.review_view is not None, timeout=5000)
    view = hr.review_view
    assert view.table.rowCount() == 2 and view.confirm_button.isVisibleTo(view)
    assert {view.table.item(r, 2).text() for r in range(2)} == {"Ana Lima (E-1)", "Ben Ode (E-2)"}
    by_event = {row.item.event_uuid: row.item.uuid for row in view.rows}
    view.select(by_event[wrong.uuid])
    view.note_edit.setText("it was her colleague")
    assert view.resolve(void=True)
    assert ctx._store.get_event(wrong.uuid).voided and view.table.rowCount() == 1
    view.select(by_event[right.uuid])
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == 0 and not ctx._store.get_event(right.uuid).voided
    audit = [e for e in ctx._store.audit_entries(50) if e.action.startswith("review.")]
    assert {e.action for e in audit} == {"review.void", "review.confirm"} and {e.actor for e in audit} == {
        "hr"
    }
    view.show_all.setChecked(True)
    assert view.table.rowCount() == 2 and "by hr" in view.table.item(0, 7).text()
    hr.grab().save(str(tmp_path / "review_queue.png"))
    hr.close()


def test_not_you_on_the_kiosk_voids_and_asks_to_try_again(qtbot, ctx: AppContext) -> None:
    ctx.settings.kiosk.sound = False
    ana = add_person(ctx, "Ana Lima", "E-1")
    booked = add_event(ctx, ana, AT, Direction.IN)
    backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: AT)
    view = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(view)
    view.show()
    view.resize(1366, 768)
    view._on_camera("ok", "still")
    view._on_frame(to_qimage(Frame(load_rgb(ASTRONAUT), 0, 0)), 0)
    probe = np.eye(128, dtype=np.float32)[5]
    event = KioskEvent(Outcome.CHECKED_IN, 1, AT, AT, ana, Direction.IN, event=booked, embedding=probe)
    enter(view, track("known", "Ana Lima"), event, False)
    link = view.not_you_rect()
    assert link is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=link.center().toPoint())
    assert ctx._store.get_event(booked.uuid).voided
    assert view._greeting is None and "again" in view._message
    (case,) = review_db.list_review_items(ctx._store)
    assert case.reason == NOT_ME and case.event_uuid == booked.uuid
    assert ana.uuid in review_db.load_negatives(ctx._store, ctx.model_id, ctx.model_version)
    view._exit_allowed = True
    view.shutdown()


def test_people_page_shows_recognition_health(qtbot, ctx: AppContext, sessions: dict[Role, Session]) -> None:
    from datetime import timedelta

    from app.core.records import AttendanceEvent, Template
    from app.ui.people.view import PeopleView

    ana = add_person(ctx, "Ana Lima", "E-1")
    ben = add_person(ctx, "Ben Ode", "E-2", seed=1)
    threshold = ctx.min_similarity
    for day, score in enumerate((0.990, threshold + 0.004, threshold + 0.002, threshold + 0.003)):
        at = AT + timedelta(days=day)
        event = AttendanceEvent(str(day), ana.uuid, at, "UTC", Direction.IN, score, 1.0, "kiosk-1")
        ctx._store.add_event(event)
    refreshed = Template(ben.uuid, ctx.model_id, ctx.model_version, ctx.templates_for(ben.uuid)[0].vector)
    review_db.add_refresh_template(ctx._store, refreshed, 3, "kiosk", {"person": ben.uuid})
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.set_session(sessions[Role.HR])
    view.refresh()
    view.select(ana.uuid)
    text = view.health_label.text()
    assert f"recent scores {threshold + 0.003:.3f}" in text and "Re-enrolment suggested" in text
    view.select(ben.uuid)
    assert "template refreshed" in view.health_label.text() and "suggested" not in view.health_label.text()
