"""`faceattend review list | confirm | void`: signed in (HR/admin), short ids, audited, bad ids explained."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.attendance.doubt import SMALL_MARGIN
from app.core.attendance.review_sink import review_item
from app.core.policy import access
from app.core.policy.access import Role
from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.storage import Store
from app.core.storage import review as review_db
from tests.test_cli_auth_db_report import ADMIN_PIN, HR_PIN, sign_in

pytestmark = pytest.mark.usefixtures("cheap_argon2")
T0 = datetime(2026, 3, 2, 7, 2, tzinfo=UTC)


@pytest.fixture
def queued(memory_keyring: object, data_dir: Path) -> tuple[Path, list[str]]:
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "admin", ADMIN_PIN)
        access.add_user(store, admin, "hr", Role.HR, HR_PIN)
        access.add_user(store, admin, "eno", Role.ENROLLER, "enroller pass 1")
        events = []
        for n in range(2):
            person = Person(str(uuid.uuid4()), f"E{n}", f"Person {n}")
            store.add_enrolment(person, [Template(person.uuid, "m", "1", np.eye(128, dtype=np.float32)[n])])
            event = AttendanceEvent(str(uuid.uuid4()), person.uuid, T0, "UTC", Direction.IN, 0.95, 1.0, "k")
            store.add_event(event)
            item = review_item(T0, "k", SMALL_MARGIN, None, person.uuid, event.uuid, 0.9)
            review_db.add_review_item(store, item)
            events.append(event.uuid)
    return data_dir, events


def test_list_confirm_void(
    queued: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, events = queued
    sign_in(monkeypatch, "eno", "enroller pass 1")
    assert main(["review", "list"]) == 2
    capsys.readouterr()
    sign_in(monkeypatch, "hr", HR_PIN)
    assert main(["review", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 and {r["reason"] for r in rows} == {SMALL_MARGIN}
    by_event = {r["event"]: r["id"] for r in rows}
    assert main(["review", "void", by_event[events[0]][:8], "--note", "a colleague"]) == 0
    assert "voided" in capsys.readouterr().out
    assert main(["review", "confirm", by_event[events[1]]]) == 0
    assert main(["review", "confirm", by_event[events[1]]]) == 2
    assert "already confirmed" in capsys.readouterr().err
    assert main(["review", "void", "zz"]) == 2 and "at least 4" in capsys.readouterr().err
    assert main(["review", "void", "ffffffff"]) == 2 and "No review item" in capsys.readouterr().err
    assert main(["review", "list"]) == 0 and "empty" in capsys.readouterr().out
    assert main(["review", "list", "--all"]) == 0
    out = capsys.readouterr().out
    assert "voided" in out and "confirmed" in out and "Small margin" in out
    with Store.open(data_dir) as store:
        assert store.get_event(events[0]).voided and not store.get_event(events[1]).voided
        actions = [(e.actor, e.action) for e in store.audit_entries(100)]
    assert ("hr", "review.void") in actions and ("hr", "review.confirm") in actions
