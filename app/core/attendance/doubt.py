"""Which kiosk decisions are doubtful enough for HR's review queue (pure rules, no storage).

A booked match is doubtful when its margin over the second best is small, its fused score is near the
threshold, or its liveness evidence is borderline; a decision held back by a "Not me" negative, a "Not me"
itself, and an unknown face seen again and again are doubtful by nature. Doubtful decisions never refresh a
template (app/core/recognition/refresh.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from app.core.matcher import l2_normalise
from app.core.recognition.decision import Decision

SMALL_MARGIN: Final = "small_margin"
NEAR_THRESHOLD: Final = "near_threshold"
LIVENESS_BORDERLINE: Final = "liveness_borderline"
NOT_ME: Final = "not_me"
NEGATIVE_NEAR: Final = "negative_near"  # held back: near a "Not me" negative of that person
UNKNOWN_REPEAT: Final = "unknown_repeat"
REASONS: Final = {
    SMALL_MARGIN: "Small margin over the second-best person",
    NEAR_THRESHOLD: "Score near the threshold",
    LIVENESS_BORDERLINE: "Liveness borderline",
    NOT_ME: '"Not me" at the kiosk',
    NEGATIVE_NEAR: 'Close to a "Not me" of this person',
    UNKNOWN_REPEAT: "Unknown face seen again and again",
}


@dataclass(frozen=True)
class DoubtRule:
    margin_factor: float = 2.0  # margin below this × the margin setting: doubtful
    near_threshold: float = 0.01  # fused score within this (similarity) above the threshold: doubtful
    liveness_band: float = 0.1  # passive score within this above its threshold: borderline

    def reasons(
        self, decision: Decision, margin_setting: float, passive: float | None, passive_threshold: float
    ) -> list[str]:
        """The doubts about a booked match (empty: a confident decision)."""
        out = []
        if decision.margin < self.margin_factor * margin_setting:
            out.append(SMALL_MARGIN)
        if decision.similarity < decision.threshold.similarity + self.near_threshold:
            out.append(NEAR_THRESHOLD)
        if passive is not None and np.isfinite(passive) and passive < passive_threshold + self.liveness_band:
            out.append(LIVENESS_BORDERLINE)
        return out


class UnknownRepeats:
    """Unknown faces seen on this kiosk, in memory only (the newest `capacity` faces). A sighting joins the
    remembered face it resembles most (similarity at least `similarity` to any of its last `keep` sightings);
    a face reported `times` times is doubtful, once."""

    def __init__(self, similarity: float, times: int = 3, capacity: int = 200, keep: int = 5) -> None:
        self.similarity = similarity
        self.times = times
        self.capacity = capacity
        self.keep = keep
        self._faces: list[list[npt.NDArray[np.float32]]] = []  # each face's latest sightings
        self._counts: list[int] = []

    def seen(self, fused: npt.ArrayLike) -> bool:
        """Count one sighting; True exactly when this face reaches `times` sightings."""
        unit = l2_normalise(fused)
        best, best_sim = -1, self.similarity
        for i, sightings in enumerate(self._faces):
            sim = float(np.max(np.stack(sightings) @ unit))
            if sim >= best_sim:
                best, best_sim = i, sim
        if best >= 0:
            self._faces[best] = [*self._faces[best], unit][-self.keep :]
            self._counts[best] += 1
            return self._counts[best] == self.times
        self._faces.append([unit])
        self._counts.append(1)
        if len(self._faces) > self.capacity:
            self._faces.pop(0)
            self._counts.pop(0)
        return self.times <= 1
