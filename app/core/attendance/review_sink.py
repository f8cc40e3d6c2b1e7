"""The kiosk's recognition memory over the store: doubtful decisions to the review queue, "Not me"
negatives, and template refresh after confident, live check-ins (app/core/recognition/refresh.py).

The AttendanceService calls it on the inference thread; `not_me` comes from the kiosk window's thread: the
negatives cache has its own lock. Every write is one store transaction (app/core/storage/review.py) and the
audit seal advances after the audited ones (access.sealed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from app.core.matcher import Matcher, l2_normalise
from app.core.policy import access
from app.core.recognition.decision import Decision
from app.core.recognition.refresh import RefreshRule
from app.core.records import ReviewItem, Template
from app.core.storage import review as review_db

if TYPE_CHECKING:
    from app.core.storage import Store

log = logging.getLogger(__name__)

Vector = npt.NDArray[np.float32]
KEEP_REFRESH_VERSIONS = 3  # the anchor and the newest three refresh versions are kept


class KioskReview(Protocol):
    """What the AttendanceService needs to remember doubts, negatives and refreshes."""

    def negatives_for(self, person_uuid: str) -> Vector | None: ...
    def doubtful(self, item: ReviewItem) -> None: ...
    def refresh(self, person_uuid: str, probe: Vector, decision: Decision) -> bool: ...


class StoreKioskReview:
    """KioskReview on the encrypted store and the live matcher."""

    def __init__(
        self,
        store: Store,
        matcher: Matcher,
        model_id: str,
        model_version: str,
        actor: str = "kiosk",
        rule: RefreshRule | None = None,
        on_template: Callable[[], None] | None = None,
        keep: int = KEEP_REFRESH_VERSIONS,
    ) -> None:
        """`on_template` runs after a refreshed template was stored (the context wakes the sync)."""
        self.store = store
        self.matcher = matcher
        self.model_id = model_id
        self.model_version = model_version
        self.actor = actor
        self.rule = rule or RefreshRule()
        self.on_template = on_template
        self.keep = keep
        self._lock = threading.Lock()
        self._negatives: dict[str, Vector] | None = None

    # --- negatives ---------------------------------------------------------------------------------
    def negatives_for(self, person_uuid: str) -> Vector | None:
        with self._lock:
            if self._negatives is None:
                self._negatives = review_db.load_negatives(self.store, self.model_id, self.model_version)
            return self._negatives.get(person_uuid)

    def not_me(self, item: ReviewItem, fused: Vector | None) -> bool:
        """Void the event, queue the case, keep the negative (audited). True when the event was voided now."""
        with access.sealed(self.store):
            done = review_db.record_not_me(
                self.store, item, fused, self.model_id, self.model_version, self.actor
            )
        if fused is not None and item.person_uuid is not None:
            unit = l2_normalise(fused).reshape(1, -1)
            with self._lock:
                if self._negatives is not None:
                    held = self._negatives.get(item.person_uuid)
                    self._negatives[item.person_uuid] = unit if held is None else np.vstack([held, unit])
        log.info("not me: event %s voided=%s, case %s queued", item.event_uuid, done.voided, item.uuid)
        return done.voided

    # --- review queue ------------------------------------------------------------------------------
    def doubtful(self, item: ReviewItem) -> None:
        try:
            review_db.add_review_item(self.store, item)
        except Exception:  # the queue must not stop the kiosk
            log.exception("review item not stored")

    # --- template refresh --------------------------------------------------------------------------
    def refresh(self, person_uuid: str, probe: Vector, decision: Decision) -> bool:
        """A new template version toward `probe` (the caller checked eligibility), drift-guarded from the
        enrolment anchor; the matcher follows at once. False when the person has no template here."""
        try:
            versions = review_db.template_versions(self.store, person_uuid)
            if versions is None or versions.current.model_id != self.model_id:
                return False
            vector = self.rule.update(versions.anchor.vector, versions.current.vector, probe)
            drift = float(np.linalg.norm(vector - l2_normalise(versions.anchor.vector)))
            template = Template(
                person_uuid,
                self.model_id,
                self.model_version,
                vector.astype(np.float32),
                versions.current.quality,
                versions.current.frames_used,
            )
            details = {
                "person": person_uuid,
                "from_template": versions.current.id,
                "anchor": versions.anchor.id,
                "similarity": round(decision.similarity, 4),
                "margin": round(decision.margin, 4),
                "drift": round(drift, 4),
            }
            with access.sealed(self.store):
                review_db.add_refresh_template(self.store, template, self.keep, self.actor, details)
            self.matcher.add(person_uuid, template.vector)
        except Exception:  # a refresh is an improvement only: never stop the kiosk
            log.exception("template refresh failed for %s", person_uuid)
            return False
        log.info("template of %s refreshed (drift %.3f from the anchor)", person_uuid, drift)
        if self.on_template is not None:
            self.on_template()
        return True


def review_item(
    at_utc: datetime,
    device_id: str,
    reason: str,
    decision: Decision | None,
    person_uuid: str | None,
    event_uuid: str | None = None,
    liveness_score: float = 0.0,
    thumbnail: bytes | None = None,
) -> ReviewItem:
    import uuid as uuidlib

    similarity = decision.similarity if decision is not None else -1.0
    margin = decision.margin if decision is not None else 0.0
    threshold = decision.threshold.similarity if decision is not None else 0.0
    live = liveness_score if np.isfinite(liveness_score) else 0.0
    return ReviewItem(
        str(uuidlib.uuid4()),
        at_utc,
        device_id,
        reason,
        person_uuid,
        event_uuid,
        float(similarity),
        float(margin),
        float(threshold),
        float(live),
        thumbnail,
    )
