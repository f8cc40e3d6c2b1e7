"""Presentation-attack detection figures (ISO/IEC 30107-3): APCER, BPCER, AUC, APCER at BPCER 5 %.

A sample is one presentation: its decision ("live", "spoof" or "undecided") and, when a passive model ran,
its score (live probability; higher = more live-like). APCER = attacks decided live / attacks; BPCER =
bona fide not decided live / bona fide (an undecided bona fide presentation was not admitted either; the
count of undecided ones is given apart). AUC and APCER at BPCER 5 % are computed on the scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PadSample:
    name: str
    decision: str  # "live" | "spoof" | "undecided" | "no_face"
    score: float | None = None


def auc(live: Sequence[float], spoof: Sequence[float]) -> float:
    """P(score of a bona fide sample > score of an attack), ties counted half (Mann-Whitney)."""
    if not live or not spoof:
        return math.nan
    a = np.asarray(live, dtype=np.float64)[:, None]
    b = np.asarray(spoof, dtype=np.float64)[None, :]
    return float(np.mean((a > b) + 0.5 * (a == b)))


def apcer_at_bpcer(live: Sequence[float], spoof: Sequence[float], bpcer: float = 0.05) -> tuple[float, float]:
    """(APCER, threshold) at the highest threshold whose BPCER (live scores below it) is <= `bpcer`."""
    if not live or not spoof:
        return math.nan, math.nan
    scores = np.sort(np.asarray(live, dtype=np.float64))
    allowed = math.floor(bpcer * len(scores) + 1e-9)  # bona fide samples we may reject
    threshold = float(scores[allowed])  # everything at or above it is accepted
    return float(np.mean(np.asarray(spoof) >= threshold)), threshold


def bpcer_at_threshold(live: Sequence[float], threshold: float) -> float:
    return float(np.mean(np.asarray(live) < threshold)) if live else math.nan


def pad_figures(live: Sequence[PadSample], spoof: Sequence[PadSample]) -> dict[str, Any]:
    """The figures over decided samples (a photo with no face found is counted apart, in n_no_face)."""
    live_ok = [s for s in live if s.decision != "no_face"]
    spoof_ok = [s for s in spoof if s.decision != "no_face"]
    live_scores = [s.score for s in live_ok if s.score is not None]
    spoof_scores = [s.score for s in spoof_ok if s.score is not None]
    at5, threshold5 = apcer_at_bpcer(live_scores, spoof_scores, 0.05)

    def rate(samples: Sequence[PadSample], hit: str, negate: bool) -> float:
        if not samples:
            return math.nan
        return sum((s.decision != hit) if negate else (s.decision == hit) for s in samples) / len(samples)

    return {
        "apcer": _round(rate(spoof_ok, "live", negate=False)),
        "bpcer": _round(rate(live_ok, "live", negate=True)),
        "bpcer_spoof_only": _round(rate(live_ok, "spoof", negate=False)),
        "auc": _round(auc(live_scores, spoof_scores)),
        "apcer_at_bpcer_5": _round(at5),
        "threshold_at_bpcer_5": _round(threshold5),
        "n_live": len(live_ok),
        "n_spoof": len(spoof_ok),
        "n_undecided_live": sum(s.decision == "undecided" for s in live_ok),
        "n_undecided_spoof": sum(s.decision == "undecided" for s in spoof_ok),
        "n_no_face": len(live) - len(live_ok) + len(spoof) - len(spoof_ok),
        "errors": [s.name for s in spoof_ok if s.decision == "live"]
        + [s.name for s in live_ok if s.decision != "live"],
        "undecided": [s.name for s in (*live_ok, *spoof_ok) if s.decision == "undecided"],
    }


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)
