"""Encrypted store: real SQLCipher, real keyring backend class (tests/conftest.py MemoryKeyring)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.cli import main
from app.core.records import AttendanceEvent, Device, Direction, Person, Template
from app.core.storage import (
    DB_FILENAME,
    SERVICE,
    CorruptDatabaseError,
    DuplicateError,
    ForeignDatabaseError,
    KdfParams,
    KeyUnavailableError,
    ModelMismatchError,
    Store,
    WrongKeyError,
)
from app.core.storage.keys import header_path, read_header
from app.core.storage.migrations import LATEST_VERSION

LIGHT_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)


def person(n: int = 0, **kw: object) -> Person:
    return Person(str(uuid.uuid4()), f"E{n:05d}", f"Person {n}", **kw)  # type: ignore[arg-type]


def template(p: Person, model: str = "dlib", version: str = "1", dim: int = 128, seed: int = 0) -> Template:
    vec = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return Template(p.uuid, model, version, vec / np.linalg.norm(vec), quality=0.8, frames_used=5)


def event(p: Person, at: datetime | None = None, direction: Direction = Direction.IN) -> AttendanceEvent:
    return AttendanceEvent(
        str(uuid.uuid4()), p.uuid, at or datetime.now(UTC), "Europe/Berlin", direction, 0.31, 0.97, "kiosk-1"
    )


def snapshot(directory: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime_ns of every file in a directory."""
    return {
        f.name: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns)
        for f in sorted(directory.iterdir())
        if f.is_file()
    }


@pytest.fixture
def store(memory_keyring, data_dir: Path):
    with Store.open(data_dir) as s:
        yield s


# --- key handling --------------------------------------------------------------------------------


def test_first_run_creates_keyring_key_and_non_secret_header(memory_keyring, data_dir: Path) -> None:
    Store.open(data_dir).close()
    header = read_header(header_path(data_dir / DB_FILENAME))
    assert header is not None and header.key_source == "keyring"
    stored = memory_keyring.store[(SERVICE, header.db_id)]
    assert len(bytes.fromhex(stored)) == 32
    for f in data_dir.iterdir():  # the key is written nowhere beside the database
        assert stored.encode() not in f.read_bytes()
        assert bytes.fromhex(stored) not in f.read_bytes()
    Store.open(data_dir).close()  # reopens with the same key


def test_file_is_encrypted_and_plain_sqlite_cannot_read_it(store: Store) -> None:
    p = person(1)
    store.add_enrolment(p, [template(p)])
    store.close()
    raw = store.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Person 1" not in raw and b"E00001" not in raw
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_wrong_key_is_refused_and_file_untouched(memory_keyring, data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        p = person()
        s.add_person(p)
    header = read_header(header_path(data_dir / DB_FILENAME))
    assert header is not None
    before = snapshot(data_dir)
    memory_keyring.store[(SERVICE, header.db_id)] = os.urandom(32).hex()
    with pytest.raises(WrongKeyError, match=r"cannot open .*faceattend\.db: wrong key or passphrase"):
        Store.open(data_dir)
    assert snapshot(data_dir) == before  # same bytes, same mtimes, no -wal/-shm created


def test_foreign_files_are_refused_and_untouched(memory_keyring, data_dir: Path) -> None:
    Store.open(data_dir).close()
    db = data_dir / DB_FILENAME
    # a plain SQLite database
    db.unlink()
    plain = sqlite3.connect(db)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    for content, error, message in (
        (None, ForeignDatabaseError, "not a FaceAttend database .an unencrypted SQLite file"),
        (os.urandom(64 * 1024), WrongKeyError, "wrong key or passphrase"),
        (b"hello, not a database\n", CorruptDatabaseError, "damaged .the file is truncated: 22 bytes"),
    ):
        if content is not None:
            db.write_bytes(content)
        before = snapshot(data_dir)
        with pytest.raises(error, match=message):
            Store.open(data_dir)
        assert snapshot(data_dir) == before


def test_sqlcipher_file_without_faceattend_marker_is_refused(memory_keyring, data_dir: Path) -> None:
    Store.open(data_dir).close()
    header = read_header(header_path(data_dir / DB_FILENAME))
    assert header is not None
    key = memory_keyring.store[(SERVICE, header.db_id)]
    db = data_dir / DB_FILENAME
    db.unlink()
    other = sqlcipher.connect(str(db))
    other.execute(f"PRAGMA key = \"x'{key}'\"")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    before = snapshot(data_dir)
    with pytest.raises(WrongKeyError, match="no FaceAttend marker"):
        Store.open(data_dir)
    assert snapshot(data_dir) == before


def test_missing_keyring_entry_or_header_is_explained(memory_keyring, data_dir: Path) -> None:
    Store.open(data_dir).close()
    memory_keyring.store.clear()
    with pytest.raises(KeyUnavailableError, match="not in this user's OS keyring"):
        Store.open(data_dir)
    header_path(data_dir / DB_FILENAME).unlink()
    with pytest.raises(WrongKeyError, match=r"key header .* is missing"):
        Store.open(data_dir)


def test_passphrase_mode_without_keyring(no_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACEATTEND_DB_PASSPHRASE", raising=False)
    with pytest.raises(KeyUnavailableError, match="FACEATTEND_DB_PASSPHRASE"):
        Store.open(data_dir, kdf=LIGHT_KDF)
    assert not (data_dir / DB_FILENAME).exists()
    answers = iter(["correct horse", "correct horse"])
    with Store.open(data_dir, prompt=lambda _msg: next(answers), kdf=LIGHT_KDF) as s:
        s.add_person(person())
    header = read_header(header_path(data_dir / DB_FILENAME))
    assert header is not None and header.key_source == "passphrase" and header.kdf == LIGHT_KDF
    text = header_path(data_dir / DB_FILENAME).read_text()
    assert "argon2id" in text and "correct horse" not in text
    monkeypatch.setenv("FACEATTEND_DB_PASSPHRASE", "correct horse")
    with Store.open(data_dir) as s:
        assert len(s.list_persons()) == 1
    before = snapshot(data_dir)
    monkeypatch.setenv("FACEATTEND_DB_PASSPHRASE", "wrong horse!")
    with pytest.raises(WrongKeyError):
        Store.open(data_dir)
    assert snapshot(data_dir) == before


def test_corrupt_database_is_reported_never_overwritten(
    store: Store, memory_keyring, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None
) -> None:
    from app.core.policy import access

    access.create_first_admin(store, "admin", "583920")  # `db check` needs an admin sign-in
    store.add_enrolments([(p, [template(p, seed=i)]) for i, p in enumerate(person(i) for i in range(300))])
    path = store.path
    store.close()
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as f:  # damage one page in the middle
        f.seek((size // 4096 // 2) * 4096 + 500)
        f.write(os.urandom(64))
    before = snapshot(path.parent)
    with Store.open(path.parent) as s:
        report = s.check()
        assert not report.ok and report.integrity != ["ok"]
        assert any("hmac" in line.lower() or "page" in line.lower() for line in report.cipher), report.cipher
        with pytest.raises(CorruptDatabaseError, match="damaged"):
            s.load_templates("dlib", "1")
    monkeypatch.delenv("FACEATTEND_USER", raising=False)
    assert main(["db", "check"]) == 2  # no sign-in: refused before anything is read
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", "583920")
    assert main(["db", "check"]) == 1  # reported, exit code 1, nothing rewritten (the sign-in neither)
    assert snapshot(path.parent) == before


# --- schema and records --------------------------------------------------------------------------


def test_schema_pragmas(store: Store) -> None:
    assert store.schema_version() == LATEST_VERSION
    conn = store._conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "persons", "templates", "attendance_events", "attendance_corrections", "unknown_faces", "audit_log",
        "users", "settings", "devices", "sync_queue", "sync_state", "schema_version",
    } <= tables  # fmt: skip


def test_persons_roundtrip_and_unique_external_id(store: Store) -> None:
    consent = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    p = person(7, department="Lab", groups=["a", "b"], consent_at=consent, consent_by="hr-anna")
    store.add_person(p)
    assert store.get_person(p.uuid) == p
    assert store.find_person("E00007") == p
    with pytest.raises(DuplicateError, match="external_id"):
        store.add_person(person(7))
    store.set_person_active(p.uuid, False)
    assert store.list_persons(active_only=True) == []
    assert store.list_persons()[0].active is False


def test_templates_load_as_matrix_and_other_models_are_refused(store: Store) -> None:
    people = [person(i) for i in range(5)]
    store.add_enrolments(
        [(p, [template(p, seed=i), template(p, seed=i + 100)]) for i, p in enumerate(people)]
    )
    store.set_person_active(people[4].uuid, False)
    uuids, matrix = store.load_templates("dlib", "1")
    assert matrix.dtype == np.float32 and matrix.shape == (8, 128)
    assert uuids[0] == uuids[1] == people[0].uuid and people[4].uuid not in uuids
    np.testing.assert_array_equal(matrix[2], template(people[1], seed=1).vector)
    assert store.templates_for(people[0].uuid)[1].frames_used == 5

    store.add_template(template(people[0], model="arcface", version="2", dim=512))
    with pytest.raises(ModelMismatchError, match=r"1 of arcface v2.*re-enrolled"):
        store.load_templates("dlib", "1")
    with pytest.raises(ModelMismatchError, match=r"10 of dlib v1"):
        store.load_templates("arcface", "2")
    assert sorted(store.template_models()) == [("arcface", "2", 1), ("dlib", "1", 10)]
    assert store.delete_templates(model_id="dlib") == 10
    uuids, matrix = store.load_templates("arcface", "2")
    assert matrix.shape == (1, 512)
    with pytest.raises(ValueError):
        store.add_template(Template(people[0].uuid, "arcface", "2", np.array([np.nan], np.float32)))


def test_enrolment_batch_is_all_or_nothing(store: Store) -> None:
    a, b = person(1), person(1)  # same external id: the second fails
    with pytest.raises(DuplicateError):
        store.add_enrolments([(a, [template(a)]), (b, [template(b)])])
    assert store.list_persons() == [] and store.template_models() == []


def test_events_corrections_keep_the_original(store: Store) -> None:
    p = person()
    store.add_person(p)
    t0 = datetime(2025, 1, 6, 7, 59, 30, 123456, tzinfo=UTC)
    e1 = event(p, t0)
    e2 = event(p, t0 + timedelta(hours=9), Direction.IN)
    store.add_event(e1)
    store.add_event(e2)
    assert store.get_event(e1.uuid) == e1
    assert store.last_event(p.uuid) == e2
    with pytest.raises(DuplicateError):
        store.add_event(e1)

    fixed = store.correct_event(e2.uuid, "hr-anna", "forgot to check out", direction=Direction.OUT)
    assert fixed.direction is Direction.OUT and store.get_event(e2.uuid) == fixed
    store.correct_event(e1.uuid, "hr-anna", "duplicate badge", voided=True)
    assert [e.uuid for e in store.list_events()] == [e2.uuid]
    assert len(store.list_events(include_voided=True)) == 2
    (corr,) = store.corrections(e2.uuid)
    assert corr.before["direction"] == "in" and corr.after["direction"] == "out" and corr.actor == "hr-anna"
    entries = store.audit_entries()
    assert [x.action for x in entries] == ["event.correct", "event.correct"]
    assert entries[0].details["reason"] == "forgot to check out"
    with pytest.raises(ValueError, match="naive"):
        store.add_event(event(p, datetime(2025, 1, 1)))


def test_retention_purge(store: Store) -> None:
    p = person()
    store.add_person(p)
    now = datetime(2025, 6, 1, tzinfo=UTC)
    old, recent = event(p, now - timedelta(days=40)), event(p, now - timedelta(days=5))
    store.add_event(old)
    store.add_event(recent)
    store.correct_event(old.uuid, "hr", "typo", direction=Direction.OUT)
    store.add_unknown_face(now - timedelta(days=31), "kiosk-1", b"\xff\xd8jpeg")
    store.add_unknown_face(now - timedelta(days=1), "kiosk-1", None)
    counts = store.purge_events_older_than(30, now=now)
    assert counts == {"attendance_events": 1, "unknown_faces": 1}
    assert [e.uuid for e in store.list_events()] == [recent.uuid]
    assert store.corrections(old.uuid) == []
    assert len(store.list_unknown_faces()) == 1
    assert store.audit_entries()[-1].action == "retention.purge"


def test_audit_chain_detects_tampering(store: Store) -> None:
    for i in range(5):
        store.append_audit("admin", "settings.change", {"i": i})
    check = store.verify_audit()
    assert check.ok and check.checked == 5
    store._conn.execute("UPDATE audit_log SET details_json = '{\"i\":99}' WHERE id = 3")
    check = store.verify_audit()
    assert not check.ok and check.first_bad_id == 3 and "altered" in check.reason
    store._conn.execute("DELETE FROM audit_log WHERE id = 3")
    check = store.verify_audit()
    assert not check.ok and check.first_bad_id == 4 and "link" in check.reason
    assert not store.check().ok


def test_users_pin_lockout(store: Store) -> None:
    store.add_user("anna", "hr", "4711")
    row = store._conn.execute("SELECT pin_hash FROM users").fetchone()[0]
    assert row.startswith("$argon2id$") and "4711" not in row
    assert store.check_pin("anna", "4711") is not None
    now = datetime.now(UTC)
    for _ in range(5):
        assert store.check_pin("anna", "0000", now=now) is None
    user = store.get_user("anna")
    assert user is not None and user.locked_until is not None
    assert store.check_pin("anna", "4711", now=now + timedelta(minutes=1)) is None  # locked
    assert store.check_pin("anna", "4711", now=now + timedelta(minutes=6)) is not None
    with pytest.raises(DuplicateError):
        store.add_user("anna", "admin", "1234")


def test_settings_devices_sync(store: Store) -> None:
    assert store.get_setting("retention_days", 90) == 90
    store.set_setting("retention_days", 30)
    store.set_setting("retention_days", 31)
    assert store.get_setting("retention_days") == 31
    store.upsert_device(Device("kiosk-1", "Front door", "Europe/Berlin"))
    store.upsert_device(Device("kiosk-1", "Front door (new)", "Europe/Berlin"))
    assert [d.name for d in store.list_devices()] == ["Front door (new)"]

    assert store.enqueue_sync("event", {"uuid": "u1"}, "event:u1")
    assert not store.enqueue_sync("event", {"uuid": "u1"}, "event:u1")  # idempotent
    assert store.enqueue_sync("event", {"uuid": "u2"}, "event:u2")
    items = store.due_sync_items()
    assert [i.payload["uuid"] for i in items] == ["u1", "u2"]
    store.sync_failed(items[0].id, "timeout", datetime.now(UTC) + timedelta(minutes=5))
    assert [i.idempotency_key for i in store.due_sync_items()] == ["event:u2"]
    store.sync_done([items[1].id])
    assert store.sync_queue_length() == 1
    assert store.get_sync_cursor("events") is None
    store.set_sync_cursor("events", "2025-01-01T00:00:00Z#42")
    assert store.get_sync_cursor("events") == "2025-01-01T00:00:00Z#42"


def test_check_reports_ok(store: Store) -> None:
    store.append_audit("admin", "test", {})
    report = store.check()
    assert report.ok and report.integrity == ["ok"] and report.cipher == [] and report.audit.checked == 1
