"""The review queue and "Not me" in the store: schema v7, voiding through the correction path (the original
kept, audited), negatives, HR's decisions with permissions and audit, template refresh versions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from app.core.attendance.doubt import NEAR_THRESHOLD, NOT_ME
from app.core.attendance.review_queue import ReviewQueue
from app.core.attendance.review_sink import StoreKioskReview, review_item
from app.core.errors import PermissionDenied
from app.core.matcher import Matcher
from app.core.policy import access
from app.core.policy.access import Role
from app.core.recognition.calibration import Threshold
from app.core.recognition.decision import Decision
from app.core.recognition.refresh import RefreshRule
from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.storage import StorageError
from app.core.storage import review as review_db
from app.core.storage.migrations import LATEST_VERSION

T0 = datetime(2026, 3, 2, 7, 2, tzinfo=UTC)


def unit(seed: int, dim: int = 128) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def person_with_event(store: Any, name: str = "Ana") -> tuple[Person, AttendanceEvent]:
    person = Person(str(uuid.uuid4()), f"E-{name}", name)
    store.add_enrolment(person, [Template(person.uuid, "m", "1", unit(1))])
    event = AttendanceEvent(str(uuid.uuid4()), person.uuid, T0, "UTC", Direction.IN, 0.95, 1.0, "kiosk-1")
    store.add_event(event)
    return person, event


def sessions(store: Any) -> tuple[access.Session, access.Session, access.Session]:
    admin = access.create_first_admin(store, "root", "correct horse")
    access.add_user(store, admin, "hanna", Role.HR, "hr password 1")
    access.add_user(store, admin, "eno", Role.ENROLLER, "enroller pass 1")
    hr = access.login(store, "hanna", "hr password 1")
    enroller = access.login(store, "eno", "enroller pass 1")
    return admin, hr, enroller


def actions(store: Any) -> list[str]:
    return [e.action for e in store.audit_entries(1000)]


def test_a_new_store_reaches_the_latest_schema_with_the_review_tables(store: Any) -> None:
    assert LATEST_VERSION >= 7 and store.schema_version() == LATEST_VERSION  # v7 added the review queue


def test_not_me_voids_the_event_keeps_the_original_and_the_negative(store: Any) -> None:
    person, event = person_with_event(store)
    review = StoreKioskReview(store, Matcher(128), "m", "1", actor="kiosk")
    probe = unit(2)
    item = review_item(T0, "kiosk-1", NOT_ME, None, person.uuid, event.uuid, 0.9)
    assert review.not_me(item, probe)
    kept = store.get_event(event.uuid)
    assert kept is not None and kept.voided  # the original row stays, voided
    assert store.last_event(person.uuid) is None  # no longer counts
    (correction,) = store.corrections(event.uuid)
    assert correction.actor == "kiosk" and "Not me" in correction.reason
    assert correction.before["voided"] is False and correction.after["voided"] is True
    (queued,) = review_db.list_review_items(store)
    assert queued.reason == NOT_ME and queued.event_uuid == event.uuid and queued.person_uuid == person.uuid
    negatives = review_db.load_negatives(store, "m", "1")
    assert np.allclose(negatives[person.uuid], probe[None], atol=1e-6)
    assert review.negatives_for(person.uuid) is not None
    assert "review.not_me" in actions(store) and "event.correct" in actions(store)
    entry = next(e for e in store.audit_entries(100) if e.action == "review.not_me")
    assert "Ana" not in str(entry.details)  # uuids only in the audit log
    # A second tap on the same greeting keeps the case but voids nothing more.
    again = review_item(T0, "kiosk-1", NOT_ME, None, person.uuid, event.uuid, 0.9)
    assert not review.not_me(again, probe)
    assert len(store.corrections(event.uuid)) == 1


def test_hr_confirms_or_voids_with_audit_and_permissions(store: Any, cheap_argon2: None) -> None:
    _admin, hr, enroller = sessions(store)
    _, event = person_with_event(store)
    _, other = person_with_event(store, "Ben")
    for e in (event, other):
        review_db.add_review_item(store, review_item(T0, "k", NEAR_THRESHOLD, None, e.person_uuid, e.uuid))
    queue = ReviewQueue(store)
    with pytest.raises(PermissionDenied):
        queue.rows(enroller)
    rows = queue.rows(hr)
    assert len(rows) == 2 and {r.reason for r in rows} == {"Score near the threshold"}
    assert {r.person for r in rows} == {"Ana (E-Ana)", "Ben (E-Ben)"}
    by_event = {r.item.event_uuid: r.item for r in rows}
    with pytest.raises(PermissionDenied):
        queue.void(enroller, by_event[event.uuid].uuid)
    confirmed = queue.confirm(hr, by_event[other.uuid].uuid, "it was Ben")
    assert confirmed.status == "confirmed" and not store.get_event(other.uuid).voided
    voided = queue.void(hr, queue.find(hr, by_event[event.uuid].uuid[:8]).uuid)
    assert voided.status == "voided" and store.get_event(event.uuid).voided
    assert store.corrections(event.uuid)[0].actor == "hanna"
    assert actions(store).count("review.confirm") == 1 and actions(store).count("review.void") == 1
    with pytest.raises(StorageError, match="already"):
        queue.confirm(hr, voided.uuid)
    assert queue.rows(hr) == []
    assert len(queue.rows(hr, status=None)) == 2


def test_refresh_writes_versions_prunes_and_keeps_the_anchor(store: Any) -> None:
    person = Person(str(uuid.uuid4()), "E1", "Ana")
    anchor = unit(1)
    store.set_setting("sync.outbox", True)
    store.add_enrolment(person, [Template(person.uuid, "m", "1", anchor)])
    matcher = Matcher(128)
    matcher.add(person.uuid, anchor)
    woken: list[int] = []
    rule = RefreshRule()
    review = StoreKioskReview(store, matcher, "m", "1", rule=rule, on_template=lambda: woken.append(1))
    far = unit(99)  # someone else entirely: the guard must stop the drift
    decision = Decision("match", person.uuid, 0.97, 0.1, Threshold(0.95, 1e-3, 1, "gallery", 1e-3), 3)
    queued_before = store.sync_queue_length()
    for _ in range(6):
        assert review.refresh(person.uuid, far, decision)
    versions = review_db.template_versions(store, person.uuid)
    assert versions is not None and versions.refreshes == 3  # the anchor + the newest three
    assert np.allclose(versions.anchor.vector, anchor)
    drift = float(np.linalg.norm(versions.current.vector - anchor))
    assert drift <= rule.max_drift + 1e-5 and drift > 0.2
    (hit,) = matcher.search(versions.current.vector, k=1)  # the kiosk matches the newest version at once
    assert hit.key == person.uuid and hit.similarity > 0.9999
    assert len(woken) == 6 and actions(store).count("template.refresh") == 6
    queued = store.sync_queue_length() - queued_before
    assert queued >= 6  # every version is a template.put (and each prune a template.delete)
    assert review_db.revert_refreshes(store, person.uuid, "hanna") == 3
    back = review_db.template_versions(store, person.uuid)
    assert back is not None and back.refreshes == 0 and np.allclose(back.current.vector, anchor)


def test_erasure_drops_the_negatives(store: Any) -> None:
    person, event = person_with_event(store)
    review = StoreKioskReview(store, Matcher(128), "m", "1")
    review.not_me(review_item(T0, "k", NOT_ME, None, person.uuid, event.uuid), unit(3))
    store.erase_person(person.uuid, "root", delete_events=False)
    assert review_db.load_negatives(store, "m", "1") == {}


def test_gdpr_export_lists_the_reviews_and_counts_the_negatives(store: Any) -> None:
    from app.core.people.privacy import export_person_data

    person, event = person_with_event(store)
    review = StoreKioskReview(store, Matcher(128), "m", "1")
    review.not_me(review_item(T0, "k", NOT_ME, None, person.uuid, event.uuid, 0.9), unit(3))
    data = export_person_data(store, person.uuid, "root")["kiosk_reviews"]
    assert data["not_me_negatives"] == 1
    (item,) = data["items"]
    assert item["reason"] == NOT_ME and item["event"] == event.uuid and item["thumbnail_held"] is False


def test_not_me_on_an_already_greeting_keeps_the_earlier_event(ctx: Any) -> None:
    """ "Already checked in at 08:11" names an earlier event this greeting did not book: it stays; the
    case and the negative are kept all the same. An unknown face has nobody to be "not"."""
    from app.core.attendance import KioskBackend, KioskEvent, Outcome

    person, earlier = person_with_event(ctx._store)
    backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: T0)
    already = KioskEvent(Outcome.ALREADY, 7, T0, T0, person, None, event=earlier, embedding=unit(4))
    result = backend.not_me(already)
    assert result.ok and not result.voided and not ctx._store.get_event(earlier.uuid).voided
    (case,) = review_db.list_review_items(ctx._store)
    assert case.reason == NOT_ME and case.event_uuid is None and case.person_uuid == person.uuid
    assert person.uuid in review_db.load_negatives(ctx._store, ctx.model_id, ctx.model_version)
    assert not backend.not_me(KioskEvent(Outcome.UNKNOWN, 8, T0, T0)).ok


def test_voiding_a_not_me_drops_its_negative(store: Any, cheap_argon2: None) -> None:
    _admin, hr, _enroller = sessions(store)
    person, event = person_with_event(store)
    review = StoreKioskReview(store, Matcher(128), "m", "1")
    review.not_me(review_item(T0, "k", NOT_ME, None, person.uuid, event.uuid, 0.9), unit(3))
    review.not_me(review_item(T0, "k", NOT_ME, None, person.uuid, None, 0.9), unit(4))
    first, second = sorted(review_db.list_review_items(store), key=lambda i: i.event_uuid is None)
    queue = ReviewQueue(store)
    queue.void(hr, first.uuid, "it was her")  # the first "Not me" was wrong
    assert len(review_db.load_negatives(store, "m", "1")[person.uuid]) == 1
    assert store.get_event(event.uuid).voided  # stays voided: a manual correction re-adds it if wanted
    queue.confirm(hr, second.uuid)
    assert len(review_db.load_negatives(store, "m", "1")[person.uuid]) == 1
    entry = next(e for e in store.audit_entries(50) if e.action == "review.void")
    assert entry.details["negatives_dropped"] == 1


def test_doubt_rule_names_each_doubt() -> None:
    from app.core.attendance.doubt import LIVENESS_BORDERLINE, SMALL_MARGIN, DoubtRule

    t = Threshold(0.95, 1e-3, 10, "gallery", 1e-3)
    rule = DoubtRule()
    assert rule.reasons(Decision("match", "p", 0.99, 0.2, t, 3), 0.02, 0.99, 0.5) == []
    assert rule.reasons(Decision("match", "p", 0.99, 0.03, t, 3), 0.02, None, 0.5) == [SMALL_MARGIN]
    assert rule.reasons(Decision("match", "p", 0.955, 0.2, t, 3), 0.02, None, 0.5) == [NEAR_THRESHOLD]
    assert rule.reasons(Decision("match", "p", 0.99, 0.2, t, 3), 0.02, 0.55, 0.5) == [LIVENESS_BORDERLINE]
