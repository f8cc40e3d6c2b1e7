"""Privacy: consent, retention with a fake clock, erasure (no template/image left, tombstone queued),
the GDPR access export, face images only when enabled and then AES-GCM sealed."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.errors import PermissionDenied, PrivacyError
from app.core.people import privacy
from app.core.policy import access
from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.settings import PrivacySettings, Settings
from app.core.storage import Store
from app.core.storage.privacy import TOMBSTONE_KIND, tombstone_key

PIN = "583920"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
FUTURE = datetime(2100, 1, 1, tzinfo=UTC)
JPEG = b"\xff\xd8\xff\xe0" + b"face-pixels" * 50 + b"\xff\xd9"


pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


@pytest.fixture
def admin(store: Store) -> access.Session:
    return access.create_first_admin(store, "alice", PIN)


def enrol(store: Store, n: int, **kw: object) -> Person:
    p = Person(str(uuid.uuid4()), f"E{n:05d}", f"Person {n}", department="Lab", **kw)  # type: ignore[arg-type]
    vec = np.random.default_rng(n).standard_normal(128).astype(np.float32)
    store.add_enrolment(
        p, [Template(p.uuid, "m", "1", vec / np.linalg.norm(vec), quality=0.8, frames_used=5)]
    )
    return p


def event(store: Store, p: Person, at: datetime) -> AttendanceEvent:
    e = AttendanceEvent(str(uuid.uuid4()), p.uuid, at, "Europe/Berlin", Direction.IN, 0.3, 0.9, "kiosk-1")
    store.add_event(e)
    return e


def count(store: Store, table: str) -> int:
    return int(store._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- consent -----------------------------------------------------------------------------------------
def test_consent_recorded_with_who_and_when(store: Store, admin: access.Session) -> None:
    p = enrol(store, 1)
    privacy.record_consent(store, p.uuid, admin, at=NOW)
    got = store.get_person(p.uuid)
    assert got is not None and got.consent_at == NOW and got.consent_by == "alice"
    last = store.audit_entries(1)[0]
    assert last.action == "person.consent" and last.actor == "alice" and last.details["uuid"] == p.uuid
    kiosk = access.Session(access.User("k", "kiosk"))
    with pytest.raises(PermissionDenied):
        privacy.record_consent(store, p.uuid, kiosk)


# --- retention ---------------------------------------------------------------------------------------
def test_retention_with_a_fake_clock(store: Store, admin: access.Session) -> None:
    settings = PrivacySettings(
        attendance_retention_days=365, unknown_face_retention_days=30, inactive_template_retention_days=90
    )
    staff, leaver, recent_leaver = enrol(store, 1), enrol(store, 2), enrol(store, 3)
    old_event = event(store, staff, NOW - timedelta(days=400))
    kept_event = event(store, staff, NOW - timedelta(days=10))
    store.add_unknown_face(NOW - timedelta(days=31), "kiosk-1", b"\xff\xd8old")
    store.add_unknown_face(NOW - timedelta(days=29), "kiosk-1", b"\xff\xd8new")
    # deactivated 100 days ago (updated_at is "now" of the real clock, so set it the way the store would)
    for p in (leaver, recent_leaver):
        store.set_person_active(p.uuid, False)
    store._conn.execute(
        "UPDATE persons SET updated_at = ? WHERE uuid = ?",
        ((NOW - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), leaver.uuid),
    )
    store._conn.execute(
        "UPDATE persons SET updated_at = ? WHERE uuid = ?",
        ((NOW - timedelta(days=20)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), recent_leaver.uuid),
    )
    assert privacy.retention_due(store, NOW)
    result = privacy.run_daily_retention(store, settings, NOW)
    assert (result.attendance_events, result.unknown_faces, result.inactive_templates) == (1, 1, 1)
    assert store.get_event(old_event.uuid) is None and store.get_event(kept_event.uuid) is not None
    assert [u.thumbnail for u in store.list_unknown_faces()] == [b"\xff\xd8new"]
    assert store.templates_for(leaver.uuid) == []
    assert len(store.templates_for(recent_leaver.uuid)) == 1 and len(store.templates_for(staff.uuid)) == 1
    entry = store.audit_entries(1)[0]
    assert entry.action == "retention.purge" and entry.actor == "retention"
    assert entry.details["attendance_events"] == 1 and entry.details["inactive_template_days"] == 90
    # daily: not again the same day, again the next day
    assert not privacy.retention_due(store, NOW + timedelta(hours=6))
    assert privacy.maybe_run_daily_retention(store, settings, NOW + timedelta(hours=6)) is None
    later = privacy.maybe_run_daily_retention(store, settings, NOW + timedelta(days=71))
    assert later is not None and later.inactive_templates == 1  # recent_leaver: 20 + 71 days > 90
    assert store.templates_for(recent_leaver.uuid) == [] and len(store.templates_for(staff.uuid)) == 1


def test_retention_zero_keeps_everything(store: Store) -> None:
    p = enrol(store, 1)
    event(store, p, NOW - timedelta(days=5000))
    result = privacy.run_daily_retention(store, PrivacySettings(0, 0, 0), NOW)
    assert (result.attendance_events, result.unknown_faces, result.inactive_templates) == (0, 0, 0)
    assert count(store, "attendance_events") == 1


# --- erasure -----------------------------------------------------------------------------------------
def test_erasure_pseudonymises_events_and_leaves_no_biometrics(store: Store, admin: access.Session) -> None:
    settings = Settings()
    settings.privacy.store_face_images = True
    p, other = enrol(store, 1), enrol(store, 2)
    privacy.record_consent(store, p.uuid, admin, at=NOW)
    privacy.store_face_image(store, settings, p.uuid, JPEG, admin)
    e = event(store, p, NOW - timedelta(days=1))
    store.correct_event(e.uuid, "alice", "forgot to check in", direction=Direction.OUT)
    store.enqueue_sync("person.put", {"uuid": p.uuid, "name": p.name}, "put-1")
    store.enqueue_sync("template.put", {"person_uuid": p.uuid}, "tpl-1")
    store.enqueue_sync("person.put", {"uuid": other.uuid}, "put-2")

    counts = privacy.erase_person(store, p.uuid, admin)

    assert (counts.templates, counts.images, counts.events, counts.mode) == (1, 1, 1, "pseudonymise")
    assert store.templates_for(p.uuid) == [] and store.face_images_for(p.uuid) == []
    rows = store._conn.execute(
        "SELECT count(*) FROM templates t JOIN persons q ON q.id = t.person_id WHERE q.uuid = ?", (p.uuid,)
    ).fetchone()[0]
    assert rows == 0 and count(store, "face_images") == 0 and len(store.templates_for(other.uuid)) == 1
    erased = store.get_person(p.uuid)
    assert erased is not None and erased.name == "[erased]" and erased.external_id == f"erased:{p.uuid}"
    assert erased.department == "" and erased.consent_at is None and not erased.active
    assert store.find_person(p.external_id) is None
    assert store.person_erased_at(p.uuid) is not None
    assert [x.uuid for x in store.list_events(person_uuid=p.uuid, include_voided=True)] == [e.uuid]
    queue = store.due_sync_items(FUTURE)
    kinds = sorted((i.kind, i.payload.get("uuid")) for i in queue)
    assert kinds == [(TOMBSTONE_KIND, p.uuid), ("person.put", other.uuid)]  # identity uploads dropped
    assert any(i.idempotency_key == tombstone_key(p.uuid) for i in queue)
    entry = store.audit_entries(1)[0]
    assert (
        entry.action == "person.erase" and entry.actor == "alice" and p.name not in json.dumps(entry.details)
    )
    # erasing twice queues one tombstone
    privacy.erase_person(store, p.uuid, admin)
    assert sum(i.kind == TOMBSTONE_KIND for i in store.due_sync_items(FUTURE)) == 1
    # the pseudonymous row leaves once retention removed its events
    privacy.run_daily_retention(store, PrivacySettings(1, 0, 0), NOW + timedelta(days=30))
    assert store.get_person(p.uuid) is None


def test_erasure_delete_mode_removes_events_and_row(store: Store, admin: access.Session) -> None:
    p = enrol(store, 1)
    event(store, p, NOW)
    counts = privacy.erase_person(store, p.uuid, admin, privacy.ErasureMode.DELETE)
    assert counts.events == 1 and counts.mode == "delete"
    assert store.get_person(p.uuid) is None and count(store, "attendance_events") == 0
    assert count(store, "templates") == 0 and count(store, "attendance_corrections") == 0


def test_erasure_needs_an_admin(store: Store, admin: access.Session) -> None:
    p = enrol(store, 1)
    access.add_user(store, admin, "hanna", "hr", "804512")
    with pytest.raises(PermissionDenied):
        privacy.erase_person(store, p.uuid, access.login(store, "hanna", "804512"))
    assert len(store.templates_for(p.uuid)) == 1


# --- face images -------------------------------------------------------------------------------------
def test_face_images_off_by_default_and_sealed_when_on(store: Store, admin: access.Session) -> None:
    p = enrol(store, 1)
    settings = Settings()
    with pytest.raises(PrivacyError):
        privacy.store_face_image(store, settings, p.uuid, JPEG, admin)
    assert count(store, "face_images") == 0
    privacy.set_store_face_images(store, settings, True, admin)
    assert store.audit_entries(1)[0].details == {"privacy.store_face_images": True}
    image_id = privacy.store_face_image(store, settings, p.uuid, JPEG, admin)
    sealed = store.get_face_image(image_id)
    assert (
        b"face-pixels" not in sealed and not sealed.startswith(b"\xff\xd8") and len(sealed) == len(JPEG) + 32
    )
    assert privacy.load_face_image(store, image_id, p.uuid) == JPEG
    with pytest.raises(PrivacyError):
        privacy.load_face_image(store, image_id, str(uuid.uuid4()))  # bound to its person (AAD)
    hr = access.Session(access.User("hanna", "hr"))
    with pytest.raises(PermissionDenied):
        privacy.set_store_face_images(store, settings, False, hr)


# --- access request (art. 15) ------------------------------------------------------------------------
def test_person_export_contains_their_data(store: Store, admin: access.Session) -> None:
    p, other = enrol(store, 1), enrol(store, 2)
    privacy.record_consent(store, p.uuid, admin, at=NOW)
    e = event(store, p, NOW - timedelta(hours=3))
    event(store, other, NOW - timedelta(hours=2))
    store.correct_event(e.uuid, "alice", "badge test", voided=True)
    data = privacy.export_person_data(store, p.uuid, admin)
    assert data["person"]["uuid"] == p.uuid and data["person"]["name"] == "Person 1"
    assert data["consent"] == {"given_at": NOW, "recorded_by": "alice"}
    [tpl] = data["templates"]
    assert tpl["model_id"] == "m" and tpl["dimensions"] == 128 and len(tpl["sha256"]) == 64
    assert "vector" not in tpl
    [ev] = data["attendance_events"]
    assert ev["uuid"] == e.uuid and ev["voided"] and ev["corrections"][0]["reason"] == "badge test"
    actions = [a["action"] for a in data["audit_entries"]]
    assert "person.consent" in actions and "event.correct" in actions
    assert all(other.uuid not in json.dumps(a, default=str) for a in data["audit_entries"])
    assert store.audit_entries(1)[0].action == "person.export"
    with_vectors = privacy.export_person_data(store, p.uuid, admin, include_vectors=True)
    assert len(with_vectors["templates"][0]["vector"]) == 128


def test_person_cli(memory_keyring, data_dir: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "alice", PIN)
        access.add_user(store, admin, "eve", "enroller", "804512")
        p = enrol(store, 7)
        event(store, p, NOW)
    monkeypatch.setenv("FACEATTEND_USER", "alice")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    out = tmp_path / "me.json"
    assert main(["person", "export", "E00007", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "faceattend-person-export" and data["person"]["uuid"] == p.uuid
    assert len(data["attendance_events"]) == 1 and (out.stat().st_mode & 0o777) == 0o600
    assert main(["person", "consent", p.uuid]) == 0
    monkeypatch.setenv("FACEATTEND_USER", "eve")
    monkeypatch.setenv("FACEATTEND_PIN", "804512")
    assert main(["person", "erase", p.uuid, "--yes"]) == 2  # an enroller may not erase
    monkeypatch.setenv("FACEATTEND_USER", "alice")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    capsys.readouterr()
    assert main(["person", "erase", p.uuid, "--yes"]) == 0
    assert "1 templates" in capsys.readouterr().out
    assert main(["person", "retention"]) == 0
    assert main(["audit", "verify"]) == 0
    with Store.open(data_dir) as store:
        assert store.templates_for(p.uuid) == []
        assert store.due_sync_items(FUTURE)[0].kind == TOMBSTONE_KIND


@pytest.mark.parametrize("mode", list(privacy.ErasureMode))
def test_erasure_with_the_sync_outbox_on_leaves_only_the_tombstone(
    store: Store, admin: access.Session, mode: privacy.ErasureMode
) -> None:
    """With the cloud outbox enabled (schema v3 triggers queue every write), erasure leaves nothing about
    the person in the queue but one tombstone: no later upload of their name or templates."""
    store.set_setting("sync.outbox", True)
    p = enrol(store, 1)
    event(store, p, NOW)
    privacy.record_consent(store, p.uuid, admin, at=NOW)
    privacy.erase_person(store, p.uuid, admin, mode)
    about = [i for i in store.due_sync_items(FUTURE, limit=1000) if p.uuid in json.dumps(i.payload)]
    personal = [i for i in about if i.kind in ("person.put", "template.put", "template.delete")]
    assert personal == []
    assert [i.kind for i in about if i.kind == TOMBSTONE_KIND] == [TOMBSTONE_KIND]
