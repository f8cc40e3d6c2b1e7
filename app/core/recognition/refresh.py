"""Template refresh with a drift guard: a person's template follows them after confident, live check-ins.

Only a "match" decision whose margin over the second best is at least `min_margin` and whose score clears
the threshold by `min_excess` may update a template (doubtful decisions never do), and only after liveness
passed. The template moves a fraction `rate` of the way toward the fused probe and never further than
`max_drift` (Euclidean distance of unit vectors) from the enrolment anchor: beyond it, it is pulled back
onto that sphere along the anchor→candidate arc. The caller stores every update as a new template version
(the anchor and earlier versions stay), so an update can be reverted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.matcher import l2_normalise
from app.core.recognition.decision import Decision

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class RefreshRule:
    rate: float = 0.25
    max_drift: float = 0.25  # distance from the enrolment anchor
    min_margin: float = 0.04
    min_excess: float = 0.005  # similarity above the threshold in use

    def eligible(self, decision: Decision, live: bool) -> bool:
        return (
            live
            and decision.matched
            and decision.margin >= self.min_margin
            and decision.similarity >= decision.threshold.similarity + self.min_excess
        )

    def update(self, anchor: Vector, current: Vector, probe: Vector) -> Vector:
        """The refreshed template (unit), at most `max_drift` from `anchor`."""
        a = l2_normalise(anchor)
        candidate = l2_normalise(
            l2_normalise(current) + self.rate * (l2_normalise(probe) - l2_normalise(current))
        )
        if float(np.linalg.norm(candidate - a)) <= self.max_drift:
            return candidate
        # the point at distance max_drift from the anchor on the great circle toward the candidate
        angle = 2.0 * np.arcsin(self.max_drift / 2.0)
        ortho = candidate - float(candidate @ a) * a
        norm = float(np.linalg.norm(ortho))
        if norm < 1e-9:
            return a
        return l2_normalise(np.cos(angle) * a + np.sin(angle) * ortho / norm)
