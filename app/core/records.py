"""Plain records that cross module boundaries (store ⇄ attendance ⇄ reports ⇄ sync). No behaviour here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


@dataclass
class Person:
    uuid: str
    external_id: str
    name: str
    department: str = ""
    groups: list[str] = field(default_factory=list)
    consent_at: datetime | None = None  # UTC, aware
    consent_by: str = ""
    active: bool = True


@dataclass
class Template:
    person_uuid: str
    model_id: str  # e.g. "dlib_resnet_v1"
    model_version: str
    vector: npt.NDArray[np.float32]  # L2-normalised
    quality: float = 0.0
    frames_used: int = 1
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class AttendanceEvent:
    uuid: str
    person_uuid: str
    at_utc: datetime  # aware, UTC
    tz_name: str  # IANA zone of the device, e.g. "Europe/Berlin"
    direction: Direction
    match_score: float
    liveness_score: float
    device_id: str
    voided: bool = False
    source: str = "kiosk"  # kiosk | manual | import | sync
    id: int | None = None
    late: bool = False  # the kiosk's decision at check-in (shift + grace); reports recompute it from shifts


class CorrectionAction(enum.StrEnum):
    ADD = "add"  # a missed check-in/out entered by HR
    EDIT = "edit"  # move an event in time, change its direction or person
    VOID = "void"  # an event that should not count (e.g. a double registration)


@dataclass
class Correction:
    """A manual HR correction of the attendance log; append-only.

    The original event is never changed in place: VOID keeps it with `voided=True`; EDIT voids it and adds a
    new event (source "manual"); ADD adds a new event. `reason` and `actor` are required. The store persists
    the correction, its effect and an audit entry in one transaction (see app/core/reports/corrections.py).
    """

    uuid: str
    action: CorrectionAction
    reason: str
    actor: str
    created_at_utc: datetime  # aware, UTC
    target_event_uuid: str | None = None  # EDIT, VOID
    person_uuid: str | None = None  # ADD; EDIT: None keeps the original person
    at_utc: datetime | None = None  # ADD; EDIT: None keeps the original time
    direction: Direction | None = None  # ADD; EDIT: None keeps the original direction
    tz_name: str | None = None  # ADD; EDIT: None keeps the original zone
    new_event_uuid: str | None = None  # the event an ADD/EDIT created (set when applied)
    id: int | None = None


# --- storage records (appended with the encrypted store, issue 3) ---


@dataclass
class EventCorrection:
    """An HR correction of an attendance event; `before` keeps the values it replaced."""

    event_uuid: str
    at_utc: datetime
    actor: str
    reason: str
    before: dict[str, object]
    after: dict[str, object]
    id: int | None = None


@dataclass
class UnknownFace:
    uuid: str
    at_utc: datetime
    device_id: str
    thumbnail: bytes | None = None  # JPEG; lives only inside the encrypted database
    id: int | None = None


@dataclass
class AuditEntry:
    id: int
    at_utc: datetime
    actor: str
    action: str
    details: dict[str, object]
    prev_hash: str
    hash: str


@dataclass
class User:
    name: str
    role: str  # admin | hr | operator
    failed_attempts: int = 0
    locked_until: datetime | None = None
    id: int | None = None
    active: bool = True  # False: deactivated by an admin, cannot sign in until reactivated
    last_login_at: datetime | None = None  # UTC, the last successful sign-in (None: never)


@dataclass
class Device:
    id: str
    name: str
    tz_name: str
    registered_at: datetime | None = None
    last_seen_at: datetime | None = None


@dataclass
class SyncItem:
    id: int
    kind: str
    payload: dict[str, object]
    idempotency_key: str
    attempts: int
    next_attempt_at: datetime
    last_error: str = ""


@dataclass
class ReviewItem:
    """A doubtful kiosk decision waiting for HR (the review queue): scores only, and a thumbnail only when
    the unknown-face thumbnail setting was on. reason: see app/core/attendance/doubt.py."""

    uuid: str
    at_utc: datetime
    device_id: str
    reason: str
    person_uuid: str | None  # the person the kiosk decided on (or the best candidate)
    event_uuid: str | None  # the attendance event it concerns, if one was booked
    similarity: float
    margin: float
    threshold: float
    liveness_score: float
    thumbnail: bytes | None = None
    status: str = "open"  # open | confirmed | voided
    resolved_at: datetime | None = None
    resolved_by: str = ""
    id: int | None = None
