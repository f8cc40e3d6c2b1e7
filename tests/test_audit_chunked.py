"""Audit verification reads the chain a chunk at a time (the store lock is let go between chunks) and gives
the same verdict as reading it in one go: on a clean log, an edited row, a deleted row, the newest rows
deleted (with and without the head rewritten), a chain rewritten with the database key, a rolled-back file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from app.core.policy import access
from app.core.policy.access import Audit
from app.core.storage import Store, audit, audit_seal
from tests.test_audit import PIN, tamper

pytestmark = pytest.mark.usefixtures("cheap_argon2")

ENTRIES = 23
CHUNKS = (1, 2, 5, 7, 22, 23, 24, 5_000)


@pytest.fixture
def logged(memory_keyring, data_dir: Path) -> str:
    """An admin and 22 audited changes (entries #1 … #23), sealed at #23; returns the db id."""
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "alice", PIN)
        for i in range(ENTRIES - 1):
            access.record(store, admin, Audit.SETTINGS_CHANGE, {"key": f"k{i}", "value": i})
        return store.header.db_id


def _rewrite_from(data_dir: Path, db_id: str, edited_id: int = 12) -> None:
    """An attacker with the database key edits an entry and recomputes every hash after it."""
    with Store.open(data_dir) as store:
        rows = store._conn.execute(
            "SELECT id, at_utc, actor, action, details_json FROM audit_log ORDER BY id"
        ).fetchall()
    prev, updates = audit.GENESIS_HASH, []
    for entry_id, at, actor, action, details in rows:
        if entry_id == edited_id:
            details = '{"key":"k3","value":1000}'
        digest = audit.entry_hash(prev, at, actor, action, details)
        updates.append(
            f"UPDATE audit_log SET details_json = '{details}', prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE id = {entry_id}"
        )
        prev = digest
    tamper(data_dir, db_id, *updates, f"UPDATE audit_head SET last_hash = '{prev}'")


def _roll_back(data_dir: Path, db_id: str) -> None:
    old = data_dir.parent / "old-copy"
    shutil.copytree(data_dir, old)
    with Store.open(data_dir) as store:
        access.record(store, "alice", Audit.SETTINGS_CHANGE, {"key": "late"})  # #24, sealed
    shutil.rmtree(data_dir)
    shutil.copytree(old, data_dir)


SCENARIOS: dict[str, Any] = {
    "clean": (),
    "edited row": ('UPDATE audit_log SET details_json = \'{"key":"k2","value":99}\' WHERE id = 11',),
    "edited first row": ("UPDATE audit_log SET actor = 'bob' WHERE id = 1",),
    "edited chunk boundary": ("UPDATE audit_log SET actor = 'bob' WHERE id = 15",),
    "deleted row": ("DELETE FROM audit_log WHERE id = 8",),
    "deleted rows across chunks": ("DELETE FROM audit_log WHERE id BETWEEN 6 AND 16",),
    "truncated": ("DELETE FROM audit_log WHERE id >= 20",),
    "truncated, head rewritten": (
        "DELETE FROM audit_log WHERE id >= 21",
        "UPDATE audit_head SET entries = 20, last_id = 20, "
        "last_hash = (SELECT hash FROM audit_log WHERE id = 20)",
    ),
    "rewritten chain": _rewrite_from,
    "rolled back file": _roll_back,
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_chunked_verify_equals_one_read(
    scenario: str, logged: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    change = SCENARIOS[scenario]
    if callable(change):
        change(data_dir, logged)
    else:
        tamper(data_dir, logged, *change)
    with Store.open(data_dir) as store:
        with store.read() as conn:
            one_read = audit.verify(conn)  # the whole chain in one snapshot: the reference
        monkeypatch.setattr(audit, "CHUNK", 10**9)
        whole = audit_seal.verify(store)
        assert whole.checked == one_read.checked and (scenario == "clean") == whole.ok
        sealed = audit_seal.seal(store)  # refused, or re-sealed at the same head: the same answer again
        assert sealed or scenario != "clean"
        for chunk in CHUNKS:
            assert audit.check_chain(store.read, chunk=chunk) == one_read, chunk
            monkeypatch.setattr(audit, "CHUNK", chunk)
            assert store.verify_audit() == one_read, chunk
            assert store.check().audit == one_read, chunk
            assert audit_seal.verify(store) == whole, chunk
            assert audit_seal.seal(store) is sealed, chunk
            assert audit_seal.verify(store) == whole, chunk


def test_expected_findings_with_small_chunks(logged: str, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(audit, "CHUNK", 4)
    tamper(data_dir, logged, "DELETE FROM audit_log WHERE id = 8")
    with Store.open(data_dir) as store:
        check = store.verify_audit()
        assert (check.ok, check.checked, check.first_bad_id) == (False, 7, 9)
        assert "link broken" in check.reason
        verdict = audit_seal.verify(store)
        assert not verdict.ok and verdict.first_bad_id == 9


def test_the_lock_is_let_go_between_chunks_and_appends_meanwhile_are_fine(
    logged: str, data_dir: Path
) -> None:
    with Store.open(data_dir) as store:
        reads = 0

        @contextmanager
        def read() -> Iterator[Any]:
            nonlocal reads
            reads += 1
            assert not store._lock._is_owned()  # type: ignore[attr-defined]  # nothing held between chunks
            if reads == 2:  # another thread's write between two chunks: waits for one chunk at most
                access.record(store, "alice", Audit.SETTINGS_CHANGE, {"key": "meanwhile"})
            with store.read() as conn:
                yield conn

        check = audit.check_chain(read, chunk=5)
        assert check.ok and check.checked == ENTRIES + 1
        assert reads == (ENTRIES + 1) // 5 + 1
        assert audit.check_chain(store.read, chunk=5) == audit.check_chain(store.read, chunk=1000)
        with pytest.raises(ValueError):
            audit.check_chain(store.read, chunk=0)


def test_an_entry_appended_by_another_process_during_verify_is_no_false_alarm(
    logged: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kiosk (another connection) appends an entry between verify's read of the log and of its head: both
    come from one snapshot, so the log and its head still agree (they used to be read apart: "deleted")."""
    from app.core.storage import privacy

    with Store.open(data_dir) as kiosk, Store.open(data_dir) as admin:
        real_stats = privacy._audit_stats
        appended = []

        def stats_then_append(conn: Any) -> Any:
            stats = real_stats(conn)
            if not appended:
                appended.append(access.record(kiosk, "alice", Audit.SETTINGS_CHANGE, {"key": "meanwhile"}))
            return stats

        monkeypatch.setattr(privacy, "_audit_stats", stats_then_append)
        verdict = audit_seal.verify(admin)
        assert appended, "the concurrent append did not happen"
        assert verdict.ok, verdict.problems
        monkeypatch.undo()
        assert audit_seal.verify(admin).ok  # and the new entry verifies afterwards
