"""All-or-nothing writes: a re-enrolment and an HR correction are each ONE store transaction (data rows,
audit entry and the sync outbox rows the triggers queue). Failures are injected in the middle — a real
constraint violation, or a SQL trigger that aborts the audit insert — and everything must be as before."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.enrolment.save import replace_template
from app.core.enrolment.session import TemplateDraft
from app.core.records import AttendanceEvent, Correction, CorrectionAction, Direction, Person, Template
from app.core.reports.store_source import StoreEventSource
from app.core.storage import DuplicateError, NotFoundError, StorageError, Store, audit_seal
from app.core.storage.sync_schema import OUTBOX_SETTING


def _person(n: int) -> Person:
    return Person(str(uuid.uuid4()), f"E{n:05d}", f"Person {n}")


def _vector(seed: int, dim: int = 128) -> np.ndarray:
    vec = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return vec / np.linalg.norm(vec)


def _template(p: Person, seed: int, model: str = "dlib") -> Template:
    return Template(p.uuid, model, "1", _vector(seed), quality=0.8, frames_used=5)


def _draft(seed: int) -> TemplateDraft:
    return TemplateDraft(_vector(seed), 0.9, 6, 1, [0.1] * 6, liveness_checked=True)


def _rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(sql)]


def _state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a re-enrolment or a correction could touch, as stored."""
    return {
        "templates": _rows(store, "SELECT id, uuid, person_id, model_id, vector, created_at FROM templates"),
        "events": _rows(store, "SELECT * FROM attendance_events ORDER BY id"),
        "corrections": _rows(store, "SELECT * FROM attendance_corrections ORDER BY id"),
        "audit": _rows(store, "SELECT id, hash FROM audit_log ORDER BY id"),
        "outbox": _rows(store, "SELECT kind, idempotency_key FROM sync_queue ORDER BY id"),
    }


def _fail_audit_inserts(store: Store, action: str) -> None:
    """A real SQL failure at the LAST step of the transaction: inserting the `action` audit entry aborts."""
    with store.tx() as conn:
        conn.execute(
            "CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON audit_log "
            f"WHEN NEW.action = '{action}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )


def _heal(store: Store) -> None:
    with store.tx() as conn:
        conn.execute("DROP TRIGGER temp.inject_failure")


@pytest.fixture
def store(memory_keyring: Any, data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as s:
        s.set_setting(OUTBOX_SETTING, True)  # the triggers queue sync items: they must roll back too
        yield s


@pytest.fixture
def enrolled(store: Store) -> tuple[Person, list[Template]]:
    p = _person(1)
    old = [_template(p, 1), _template(p, 2)]
    store.add_enrolment(p, old)
    store.append_audit("admin", "person.enrol", {"uuid": p.uuid})
    audit_seal.seal(store)
    return p, old


# --- re-enrolment ---------------------------------------------------------------------------------


def test_reenrol_replaces_templates_with_audit_and_outbox_in_one_go(
    store: Store, enrolled: tuple[Person, list[Template]]
) -> None:
    p, old = enrolled
    before = _state(store)
    new = replace_template(store, p, _draft(7), "dlib", "1", "admin", elapsed_s=3.2)
    kept = store.templates_for(p.uuid)
    assert [t.id for t in kept] == [new.id] and np.allclose(kept[0].vector, new.vector)
    entry = store.audit_entries(limit=1)[-1]
    assert entry.action == "person.reenrol" and entry.details["uuid"] == p.uuid
    kinds = [k for k, _ in _state(store)["outbox"][len(before["outbox"]) :]]
    assert kinds.count("template.delete") == len(old) and kinds.count("template.put") == 1
    audit_seal.seal(store)
    assert audit_seal.verify(store).ok


def test_reenrol_audit_failure_leaves_old_templates_exactly(
    store: Store, enrolled: tuple[Person, list[Template]]
) -> None:
    p, _ = enrolled
    before = _state(store)
    _fail_audit_inserts(store, "person.reenrol")
    draft = _draft(7)
    with pytest.raises(StorageError, match="injected failure"):
        replace_template(store, p, draft, "dlib", "1", "admin")
    _heal(store)
    assert _state(store) == before  # same template rows (ids, uuids, vectors), no audit row, no outbox row
    assert audit_seal.verify(store).ok


def test_reenrol_constraint_violation_midway_leaves_old_templates(
    store: Store, enrolled: tuple[Person, list[Template]]
) -> None:
    p, _ = enrolled
    before = _state(store)
    good = _template(p, 8)
    bad = Template(p.uuid, None, "1", _vector(9))  # type: ignore[arg-type]  # NOT NULL model_id
    with pytest.raises(StorageError, match="NOT NULL"):
        store.replace_templates(p.uuid, [good, bad], actor="admin")
    assert good.id is None  # the rolled-back insert left no id behind
    assert _state(store) == before
    assert audit_seal.verify(store).ok


def test_reenrol_on_a_closed_store_changes_nothing(
    memory_keyring: Any, data_dir: Path, enrolled: tuple[Person, list[Template]], store: Store
) -> None:
    p, _ = enrolled
    before = _state(store)
    store.close()
    with pytest.raises(StorageError, match="closed"):
        replace_template(store, p, _draft(3), "dlib", "1", "admin")
    with Store.open(data_dir) as again:
        assert _state(again) == before and audit_seal.verify(again).ok


def test_reenrol_refuses_unknown_person_or_foreign_templates(store: Store) -> None:
    p = _person(2)
    with pytest.raises(StorageError, match="No person"):
        store.replace_templates(p.uuid, [_template(p, 1)], actor="admin")
    with pytest.raises(ValueError, match="differs"):
        store.replace_templates(p.uuid, [_template(_person(3), 1)], actor="admin")
    with pytest.raises(ValueError, match="at least one"):
        store.replace_templates(p.uuid, [], actor="admin")


# --- HR corrections -------------------------------------------------------------------------------

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def logged(store: Store, enrolled: tuple[Person, list[Template]]) -> tuple[Person, list[AttendanceEvent]]:
    p, _ = enrolled
    events = [
        AttendanceEvent(
            str(uuid.uuid4()), p.uuid, T0 + timedelta(hours=h), "Europe/Berlin", d, 0.3, 0.9, "k1"
        )
        for h, d in ((0, Direction.IN), (9, Direction.OUT))
    ]
    for e in events:
        store.add_event(e)
    audit_seal.seal(store)
    return p, events


def _edit(target: AttendanceEvent, **kw: Any) -> Correction:
    return Correction(
        str(uuid.uuid4()),
        CorrectionAction.EDIT,
        "arrived earlier",
        "hr.ben",
        datetime.now(UTC),
        target_event_uuid=target.uuid,
        at_utc=target.at_utc - timedelta(minutes=30),
        **kw,
    )


def test_edit_correction_writes_everything_in_one_transaction(
    store: Store, logged: tuple[Person, list[AttendanceEvent]]
) -> None:
    _, events = logged
    before = _state(store)
    effect = StoreEventSource(store).apply_correction(_edit(events[0]))
    kept = store.get_event(events[0].uuid)
    assert kept is not None and kept.voided and kept.at_utc == events[0].at_utc  # the original is kept
    added = store.get_event(effect.correction.new_event_uuid or "")
    assert (
        added is not None
        and added.source == "manual"
        and added.at_utc == events[0].at_utc - timedelta(minutes=30)
    )
    after = _state(store)
    assert len(after["corrections"]) == len(before["corrections"]) + 1
    actions = [e.action for e in store.audit_entries(limit=2)]
    assert actions == ["event.correct", "event.correction.edit"]
    queued = after["outbox"][len(before["outbox"]) :]
    assert [k for k, _ in queued] == ["attendance", "attendance"]  # the void and the new manual event
    audit_seal.seal(store)
    assert audit_seal.verify(store).ok


def test_edit_correction_duplicate_uuid_rolls_back_the_void(
    store: Store, logged: tuple[Person, list[AttendanceEvent]]
) -> None:
    """A real UNIQUE violation on the replacement's insert, after the original was voided in the same
    transaction: the original stays active, no correction row, no audit entry, no outbox row."""
    _, events = logged
    before = _state(store)
    with pytest.raises(DuplicateError):
        StoreEventSource(store).apply_correction(_edit(events[0], new_event_uuid=events[1].uuid))
    assert _state(store) == before
    original = store.get_event(events[0].uuid)
    assert original is not None and not original.voided
    assert audit_seal.verify(store).ok


def test_edit_correction_audit_failure_rolls_back_void_and_insert(
    store: Store, logged: tuple[Person, list[AttendanceEvent]]
) -> None:
    _, events = logged
    before = _state(store)
    _fail_audit_inserts(store, "event.correction.edit")  # after the void and its event.correct entry
    correction = _edit(events[0])
    with pytest.raises(StorageError, match="injected failure"):
        StoreEventSource(store).apply_correction(correction)
    _heal(store)
    assert _state(store) == before
    assert audit_seal.verify(store).ok
    # the same correction succeeds once the failure is gone
    effect = StoreEventSource(store).apply_correction(correction)
    assert effect.added is not None and store.get_event(effect.added.uuid) is not None


def test_add_correction_for_unknown_person_writes_nothing(
    store: Store, logged: tuple[Person, list[AttendanceEvent]]
) -> None:
    before = _state(store)
    add = Correction(
        str(uuid.uuid4()),
        CorrectionAction.ADD,
        "forgot to check in",
        "hr.ben",
        datetime.now(UTC),
        person_uuid=str(uuid.uuid4()),
        at_utc=T0,
        direction=Direction.IN,
        tz_name="Europe/Berlin",
    )
    with pytest.raises(NotFoundError):
        StoreEventSource(store).apply_correction(add)
    assert _state(store) == before


def test_voiding_an_event_voided_meanwhile_is_refused(
    store: Store, logged: tuple[Person, list[AttendanceEvent]]
) -> None:
    """The plan is made from a read before the write transaction; the write re-checks inside it."""
    _, events = logged
    store.correct_event(events[0].uuid, "hr.ann", "double scan", voided=True)
    before = _state(store)
    replacement = AttendanceEvent(
        str(uuid.uuid4()), events[0].person_uuid, T0, "Europe/Berlin", Direction.IN, 0, 0, "manual:hr.ben"
    )
    with pytest.raises(StorageError, match="already void"):
        store.write_correction(
            "hr.ben", "late edit", void_uuid=events[0].uuid, added=replacement, action="event.correction.edit"
        )
    assert replacement.id is None and _state(store) == before
