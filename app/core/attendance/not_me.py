""" "Not me" at the kiosk: the greeting's event is voided (original kept, audited), the case goes to the
review queue, the track's fused embedding is kept as a negative for (probe, person) and the track is decided
afresh (the person is asked to try again). Accepted within NOT_ME_WINDOW_S of the decision only."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from app.core.attendance.doubt import NOT_ME
from app.core.attendance.events import KioskEvent
from app.core.attendance.review_sink import StoreKioskReview, review_item
from app.core.attendance.rules import Outcome

if TYPE_CHECKING:
    from app.core.attendance.service import AttendanceService

log = logging.getLogger(__name__)

NOT_ME_WINDOW_S = 30.0  # the greeting shows the link for a few seconds; a late tap is refused
TRY_AGAIN = "Sorry — please look at the camera again"


@dataclass(frozen=True)
class NotMeResult:
    ok: bool
    message: str  # what the kiosk shows
    voided: bool = False  # the greeting's event was voided


def not_me(review: StoreKioskReview, service: AttendanceService, event: KioskEvent) -> NotMeResult:
    if event.outcome == Outcome.UNKNOWN or event.person is None:
        return NotMeResult(False, "Nothing to undo.")
    now = service.clock().astimezone(UTC)
    if (now - event.at_utc).total_seconds() > NOT_ME_WINDOW_S:
        return NotMeResult(False, "Too late to undo here: please see the front desk.")
    booked = event.event.uuid if event.event is not None and event.outcome != Outcome.ALREADY else None
    decision_less = review_item(
        now, service.device_id, NOT_ME, None, event.person.uuid, booked, event.liveness_score
    )
    decision_less.similarity, decision_less.margin = event.match_score, event.margin
    decision_less.threshold = event.threshold
    try:
        voided = review.not_me(decision_less, event.embedding)
    except Exception:
        log.exception("Not me could not be recorded")
        return NotMeResult(False, "Could not undo: please see the front desk.")
    service.retry(event.track_id)
    return NotMeResult(True, TRY_AGAIN, voided)
