""" "Not me" negatives raise the bar for one person.

When someone taps "Not you?" on a greeting, the track's fused embedding is kept as a negative example of the
person it was booked for (P). A later track whose fused embedding is near one of P's negatives (similarity at
least the threshold in use minus `near_slack`: it could be the same face that said "Not me") is held to a
higher bar for P: its score must clear the threshold by `extra_similarity`, and it must be closer to P's
template than to the negative by the margin plus `extra_margin` (the negative counts as a competing
"someone else"). Failing that, the decision is "ambiguous" — never a guess. Tracks far from every negative
of P, and decisions for other people, are untouched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.matcher import l2_normalise
from app.core.recognition.decision import AMBIGUOUS, Decision


@dataclass(frozen=True)
class NegativeRule:
    near_slack: float = 0.02  # a probe this much below the threshold from a negative counts as near it
    extra_similarity: float = 0.01  # the score must clear the threshold by this much more
    extra_margin: float = 0.0  # closer to P than to the negative by the margin + this

    def closest(self, fused: npt.ArrayLike, negatives: npt.ArrayLike | None) -> float:
        """The highest similarity between the fused probe and the person's negatives (-1 without any)."""
        if negatives is None:
            return -1.0
        neg = l2_normalise(np.asarray(negatives, dtype=np.float32)).reshape(-1, np.asarray(fused).shape[-1])
        if len(neg) == 0:
            return -1.0
        return float(np.max(neg @ l2_normalise(fused)))

    def apply(
        self, decision: Decision, fused: npt.ArrayLike, negatives: npt.ArrayLike | None, margin: float
    ) -> Decision:
        """`decision` unchanged unless it is a match for a person whose negatives the probe is near and it
        does not clear the raised bar; then "ambiguous" (margin: the gap to the negative when smaller)."""
        if not decision.matched or negatives is None:
            return decision
        near = self.closest(fused, negatives)
        threshold = decision.threshold.similarity
        if near < threshold - self.near_slack:
            return decision
        gap = decision.similarity - near
        if decision.similarity >= threshold + self.extra_similarity and gap >= margin + self.extra_margin:
            return decision
        return dataclasses.replace(decision, decision=AMBIGUOUS, margin=min(decision.margin, gap))
