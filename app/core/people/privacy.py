"""Privacy controls (GDPR): consent, retention, erasure, a person's data export, encrypted face images.

Design choices
--------------
Erasure (art. 17). A person's *biometric* data — templates and any face image — is always deleted, at
once and everywhere: in this database (secure_delete overwrites the pages), in the sync outbox (queued
uploads of their identity/templates are dropped) and in the cloud (a "person.delete" tombstone is
queued; the cloud deletes the person and their templates and passes the tombstone to every device).
Attendance events are working-time records that employers must usually keep for a legal period
(art. 17(3)(b): a legal obligation; e.g. ArbZG s.16(2), and CJEU C-55/18 requires the records), so by
default they are *pseudonymised*: kept, but attached to a row whose name, employee number, department,
groups and consent are replaced by "[erased]" / "erased:<uuid>". They then leave with the ordinary
attendance retention, after which the pseudonymous row itself is removed. Pay for the last period must
therefore be settled (the report exported) before erasure. Where there is no such obligation (a visitor,
consent withdrawn before any payroll use, records already past retention) mode "delete" removes the
events and the row too. The audit log keeps its entries (it is the proof that erasure happened); it
names people by uuid only, so it holds no identity to erase.

Access (art. 15). `export_person_data` gives the person record, consent, templates *metadata* (model,
quality, date, SHA-256 fingerprint of the vector) but not the raw vectors unless asked
(`include_vectors=True`): a template is meaningless to a person but is a re-usable biometric
identifier, so putting it in a file that leaves the controlled system would create the very risk the
export should not (art. 15(4), art. 32); the fingerprint proves which template exists. Plus attendance
events with their corrections, face image metadata, and the audit entries about them.

Face images. Never stored unless an admin enables `PrivacySettings.store_face_images`; then each image
is sealed with AES-256-GCM (random 96-bit nonce, the person's uuid as associated data) under a key kept
in the OS keyring — so it is encrypted twice at rest (SQLCipher page encryption + its own key) and a
database copy without the keyring does not reveal faces. No keyring → images are refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import keyring
import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.errors import PrivacyError
from app.core.policy.access import Action, Audit, Session, record, require
from app.core.private_files import private_text
from app.core.records import Person, User
from app.core.settings import PrivacySettings, Settings
from app.core.storage import NotFoundError, Store, audit_seal, keys
from app.core.storage.privacy import ErasureCounts
from app.core.storage.timeutil import now_utc, to_db

log = logging.getLogger(__name__)

EXPORT_FORMAT = "faceattend-person-export"
LAST_RETENTION_KEY = "privacy.last_retention_at"
_IMAGE_MAGIC = b"FAI1"


class ErasureMode(StrEnum):
    PSEUDONYMISE = "pseudonymise"
    DELETE = "delete"


Actor = Session | User | str


def _actor_name(actor: Actor, action: Action) -> str:
    """A Session/User is checked against the permission table; a plain string is a caller that already
    checked (or the system itself, e.g. "retention")."""
    if isinstance(actor, str):
        return actor
    require(actor, action)
    return actor.name


def _privacy(settings: Settings | PrivacySettings) -> PrivacySettings:
    return settings.privacy if isinstance(settings, Settings) else settings


# --- consent -----------------------------------------------------------------------------------------
def record_consent(store: Store, person_uuid: str, actor: Actor, at: datetime | None = None) -> Person:
    """Record that the person consented (who took it, when) and log it."""
    name = _actor_name(actor, Action.EDIT_PERSON)
    person = _person(store, person_uuid)
    person.consent_at = at or now_utc()
    person.consent_by = name
    store.update_person(person)
    record(store, name, Audit.PERSON_CONSENT, {"uuid": person_uuid, "at": to_db(person.consent_at)})
    return person


def _person(store: Store, person_uuid: str) -> Person:
    person = store.get_person(person_uuid)
    if person is None:
        raise NotFoundError(f"No person with uuid {person_uuid}.")
    return person


def resolve_person(store: Store, ident: str) -> Person:
    """A person by uuid or by external (employee) id."""
    person = store.get_person(ident) or store.find_person(ident)
    if person is None:
        raise NotFoundError(f"No person with uuid or external id {ident!r}.")
    return person


# --- retention ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RetentionResult:
    ran_at: datetime
    attendance_events: int
    unknown_faces: int
    inactive_templates: int
    face_images: int
    erased_rows: int


def run_daily_retention(
    store: Store, settings: Settings | PrivacySettings, now: datetime | None = None, actor: str = "retention"
) -> RetentionResult:
    """Apply the retention periods (one transaction, one audit entry "retention.purge")."""
    moment = now or now_utc()
    p = _privacy(settings)
    counts = store.purge_retention(
        moment,
        attendance_days=p.attendance_retention_days,
        unknown_face_days=p.unknown_face_retention_days,
        inactive_template_days=p.inactive_template_retention_days,
        actor=actor,
    )
    store.set_setting(LAST_RETENTION_KEY, to_db(moment))
    _reseal(store)
    log.info("retention run: %s", counts)
    return RetentionResult(moment, **counts)


def retention_due(store: Store, now: datetime | None = None) -> bool:
    last = store.get_setting(LAST_RETENTION_KEY)
    moment = now or now_utc()
    return last is None or to_db(moment)[:10] > str(last)[:10]  # once per UTC day


def maybe_run_daily_retention(
    store: Store, settings: Settings | PrivacySettings, now: datetime | None = None
) -> RetentionResult | None:
    """Call at start-up and e.g. hourly from a timer: runs at most once per UTC day."""
    if not retention_due(store, now):
        return None
    return run_daily_retention(store, settings, now)


# --- erasure -----------------------------------------------------------------------------------------
def erase_person(
    store: Store,
    person_uuid: str,
    actor: Actor,
    mode: ErasureMode | str = ErasureMode.PSEUDONYMISE,
    now: datetime | None = None,
) -> ErasureCounts:
    """GDPR erasure (see the module docstring): templates + images gone, identity gone, events
    pseudonymised (default) or deleted, cloud tombstone queued, audited."""
    name = _actor_name(actor, Action.ERASE_PERSON)
    counts = store.erase_person(
        person_uuid, name, delete_events=ErasureMode(mode) is ErasureMode.DELETE, now=now
    )
    _reseal(store)
    log.info("erased person %s (%s)", person_uuid, counts)
    return counts


# --- access request (art. 15) ------------------------------------------------------------------------
def export_person_data(
    store: Store, person_uuid: str, actor: Actor, include_vectors: bool = False
) -> dict[str, Any]:
    """Everything held about one person, as JSON-ready data. Logged as "person.export"."""
    name = _actor_name(actor, Action.EXPORT_PERSON_DATA)
    person = _person(store, person_uuid)
    templates = []
    for t in store.templates_for(person_uuid):
        vector = np.asarray(t.vector, dtype="<f4").tobytes()
        item: dict[str, Any] = {
            "model_id": t.model_id,
            "model_version": t.model_version,
            "dimensions": int(t.vector.size),
            "quality": t.quality,
            "frames_used": t.frames_used,
            "created_at": t.created_at,
            "sha256": hashlib.sha256(vector).hexdigest(),
        }
        if include_vectors:
            item["vector"] = [float(x) for x in t.vector]
        templates.append(item)
    events = []
    for e in store.list_events(person_uuid=person_uuid, include_voided=True):
        events.append(
            {
                "uuid": e.uuid,
                "at_utc": e.at_utc,
                "tz_name": e.tz_name,
                "direction": e.direction.value,
                "device_id": e.device_id,
                "voided": e.voided,
                "source": e.source,
                "match_score": e.match_score,
                "liveness_score": e.liveness_score,
                "corrections": [
                    {
                        "at_utc": c.at_utc,
                        "by": c.actor,
                        "reason": c.reason,
                        "before": c.before,
                        "after": c.after,
                    }
                    for c in store.corrections(e.uuid)
                ],
            }
        )
    audit_entries = [
        {"id": a.id, "at_utc": a.at_utc, "actor": a.actor, "action": a.action, "details": a.details}
        for a in store.audit_entries_about(person_uuid, *(str(e["uuid"]) for e in events))
    ]
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "exported_at": now_utc(),
        "exported_by": name,
        "person": asdict(person),
        "consent": {"given_at": person.consent_at, "recorded_by": person.consent_by or None},
        "erased_at": store.person_erased_at(person_uuid),
        "templates": templates,
        "templates_note": (
            "face templates are listed with a SHA-256 fingerprint; the numeric vectors are withheld "
            "unless requested (they are a re-usable biometric identifier)"
            if not include_vectors
            else "face templates include their vectors"
        ),
        "face_images": [
            {"id": i.id, "created_at": i.created_at, "created_by": i.created_by, "bytes_encrypted": i.size}
            for i in store.face_images_for(person_uuid)
        ],
        "attendance_events": events,
        "kiosk_reviews": _kiosk_reviews(store, person_uuid),
        "audit_entries": audit_entries,
    }
    record(
        store,
        name,
        Audit.PERSON_EXPORT,
        {"uuid": person_uuid, "events": len(events), "templates": len(templates), "vectors": include_vectors},
    )
    return data


def _kiosk_reviews(store: Store, person_uuid: str) -> dict[str, Any]:
    """Doubtful kiosk decisions about the person (scores, whether a thumbnail is held) and how many "Not me"
    probes (embeddings only) are kept as negative examples for them."""
    from app.core.storage import review as review_db

    items, negatives = review_db.person_review_data(store, person_uuid)
    listed = [
        {"uuid": i.uuid, "at_utc": i.at_utc, "reason": i.reason, "event": i.event_uuid,
         "similarity": i.similarity, "margin": i.margin, "threshold": i.threshold, "status": i.status,
         "resolved_by": i.resolved_by or None, "thumbnail_held": i.thumbnail is not None}
        for i in items
    ]  # fmt: skip
    return {"items": listed, "not_me_negatives": negatives}


def write_person_export(
    store: Store, person_uuid: str, path: Path, actor: Actor, include_vectors: bool = False
) -> dict[str, Any]:
    """export_person_data written as UTF-8 JSON (created 0600, atomically)."""
    data = export_person_data(store, person_uuid, actor, include_vectors)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)
    with private_text(path) as handle:
        handle.write(text + "\n")
    return data


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_db(value)
    return str(value)


# --- face images -------------------------------------------------------------------------------------
class FaceImageVault:
    """AES-256-GCM sealing of face images with a key from the OS keyring (one key per database)."""

    def __init__(self, store: Store) -> None:
        self._name = f"{store.header.db_id}:face-image-key"

    def _key(self, create: bool) -> bytes:
        if not keys.keyring_usable():
            raise PrivacyError("Face images need the OS keyring for their key; none is available.")
        stored = keyring.get_password(keys.SERVICE, self._name)
        if stored:
            return bytes.fromhex(stored)
        if not create:
            raise PrivacyError("The face image key is missing from the keyring: the images cannot be read.")
        key = AESGCM.generate_key(bit_length=256)
        keyring.set_password(keys.SERVICE, self._name, key.hex())
        return key

    def seal(self, image: bytes, person_uuid: str) -> bytes:
        nonce = secrets.token_bytes(12)
        return _IMAGE_MAGIC + nonce + AESGCM(self._key(True)).encrypt(nonce, image, person_uuid.encode())

    def open(self, sealed: bytes, person_uuid: str) -> bytes:
        if not sealed.startswith(_IMAGE_MAGIC):
            raise PrivacyError("Not a sealed FaceAttend face image.")
        nonce, body = sealed[4:16], sealed[16:]
        try:
            return AESGCM(self._key(False)).decrypt(nonce, body, person_uuid.encode())
        except InvalidTag as exc:
            raise PrivacyError("The face image does not decrypt (altered, or another person's).") from exc


def store_face_image(
    store: Store, settings: Settings | PrivacySettings, person_uuid: str, image: bytes, actor: Actor
) -> int:
    """Keep a face image (e.g. the enrolment photo) — only when an admin enabled it; always encrypted."""
    if not _privacy(settings).store_face_images:
        raise PrivacyError(
            "Storing face images is turned off (an admin can enable it in the privacy settings)."
        )
    name = _actor_name(actor, Action.ENROL)
    sealed = FaceImageVault(store).seal(image, person_uuid)
    image_id = store.add_face_image(person_uuid, sealed, name)
    _reseal(store)
    return image_id


def load_face_image(store: Store, image_id: int, person_uuid: str) -> bytes:
    return FaceImageVault(store).open(store.get_face_image(image_id), person_uuid)


def set_store_face_images(store: Store, settings: Settings, enabled: bool, actor: Session | User) -> None:
    """The admin switch (audited as a settings change). Turning it off does not delete existing images;
    erase or let retention remove them."""
    require(actor, Action.CHANGE_SETTINGS)
    settings.privacy.store_face_images = enabled
    record(store, actor, Audit.SETTINGS_CHANGE, {"privacy.store_face_images": enabled})


def _reseal(store: Store) -> None:
    try:
        audit_seal.seal(store)
    except Exception as exc:
        log.warning("audit seal not advanced: %s", exc)
