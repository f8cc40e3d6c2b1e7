"""All-or-nothing writes: a re-enrolment and an HR correction are each ONE store transaction (data rows,
audit entry and the sync outbox rows the triggers queue). Failures are injected in the middle — a real
constraint violation, or a SQL trigger that aborts the audit insert — and everything must be as before."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.enrol_save import replace_template
from app.core.enrolment import TemplateDraft
from app.core.records import Person, Template
from app.core.storage import StorageError, Store, audit_seal
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


def _fail_audit_inserts(store: Store) -> None:
    """A real SQL failure at the LAST step of the transaction: the audit insert aborts."""
    with store.tx() as conn:
        conn.execute(
            "CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
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
    _fail_audit_inserts(store)
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
