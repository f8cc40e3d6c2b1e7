"""Shared by the access/corrections UI tests: an opened AppContext (cheap argon2: see conftest), users of
each role, people with templates and events, and a signed-in main window."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
import pytest

from app.core.context import AppContext
from app.core.policy import access
from app.core.policy.access import Role, Session
from app.core.records import AttendanceEvent, Direction, Person, Template
from app.ui.common.widgets import load_stylesheet
from app.ui.main_window import MainWindow

ADMIN_PIN = "583920"
PINS = {Role.ENROLLER: "749261", Role.HR: "hr-pass-2026", Role.KIOSK: "902817"}


@pytest.fixture
def sessions(ctx: AppContext) -> dict[Role, Session]:
    """An admin (created as the first-run wizard does) and one signed-in user per other role."""
    admin = ctx.create_first_admin("admin", ADMIN_PIN)
    out = {Role.ADMIN: admin}
    for role, pin in PINS.items():
        access.add_user(ctx._store, admin, role.value, role, pin)
        out[role] = ctx.login(role.value, pin)
    ctx.actor = "admin"
    return out


def add_person(ctx: AppContext, name: str, ident: str, seed: int = 0) -> Person:
    person = ctx._store.add_person(Person(str(uuid.uuid4()), ident, name, "Flight", ["Crew"]))
    vector = np.random.default_rng(seed).normal(size=128).astype(np.float32)
    vector /= np.linalg.norm(vector)
    ctx._store.add_template(Template(person.uuid, ctx.model_id, ctx.model_version, vector, 0.8, 5))
    ctx.reload_matcher()
    return person


def add_event(ctx: AppContext, person: Person, at: datetime, direction: Direction) -> AttendanceEvent:
    event = AttendanceEvent(
        str(uuid.uuid4()), person.uuid, at.astimezone(UTC), "Europe/Berlin", direction, 0.9, 0.9, "kiosk-1"
    )
    ctx._store.add_event(event)
    return event


@pytest.fixture
def make_window(qtbot, qapp, ctx: AppContext) -> Callable[..., MainWindow]:
    qapp.setStyleSheet(load_stylesheet())

    def make(session: Session, run_retention: bool = False) -> MainWindow:
        win = MainWindow(
            ctx, probe_cameras=False, source_spec="demo", session=session, run_retention=run_retention
        )
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        return win

    return make
