"""A person's recognition health for the People page: recent kiosk scores, margins of doubtful decisions,
open review items and the last template refresh, with a re-enrolment hint before rejections start (the
recent scores sink toward the threshold in use, or doubts pile up)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from app.core.storage import review as review_db

if TYPE_CHECKING:
    from app.core.context import AppContext

NEAR = 0.01  # a median recent score within this of the threshold: re-enrol before rejections start
MANY_DOUBTS = 2


@dataclass(frozen=True)
class RecognitionHealth:
    row: review_db.HealthRow
    threshold: float  # the calibrated similarity in use

    @property
    def suggest_reenrol(self) -> bool:
        scores = self.row.recent_scores[:5]
        sinking = len(scores) >= 3 and median(scores) < self.threshold + NEAR
        return sinking or self.row.doubts >= MANY_DOUBTS

    def text(self) -> str:
        r = self.row
        if not r.recent_scores and not r.doubts and not r.refreshes:
            return "Recognition: no kiosk decisions yet."
        parts = []
        if r.recent_scores:
            shown = " ".join(f"{s:.3f}" for s in r.recent_scores[:5])
            parts.append(f"recent scores {shown} (threshold {self.threshold:.3f})")
        if r.recent_margins:
            parts.append("doubtful margins " + " ".join(f"{m:.3f}" for m in r.recent_margins[:5]))
        if r.doubts:
            parts.append(f"{r.doubts} open in the review queue")
        if r.last_refresh is not None:
            parts.append(f"template refreshed {r.last_refresh:%Y-%m-%d %H:%M} UTC ({r.refreshes} kept)")
        text = "Recognition: " + "; ".join(parts) + "."
        if self.suggest_reenrol:
            text += " Re-enrolment suggested."
        return text


def recognition_health(context: AppContext, person_uuid: str) -> RecognitionHealth:
    """From an AppContext (its store and the calibrated threshold in use)."""
    row = review_db.recognition_health(context._store, person_uuid)
    return RecognitionHealth(row, float(context.min_similarity))
