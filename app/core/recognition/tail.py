"""Impostor score tails: empirical survival of a score histogram and a fitted tail to extrapolate it.

Scores are cosine similarities of unit embeddings. A gallery of N templates needs per-comparison false
match probabilities p ≈ FPIR / N, i.e. 1e-8 for FPIR 1e-3 at N = 100,000, far beyond what can be counted.
The tail is modelled as normal in its upper part: the similarity at survival p is s(p) = a + b·z(p), with
z(p) = Φ⁻¹(1 − p), fitted by least squares on the measured quantiles between `FIT_MAX_P` and the smallest
survival that still holds `MIN_TAIL_COUNT` pairs. The fit is checked against deeper counted quantiles by
tools/calibrate_openset.py (it is slightly heavier than the data there, i.e. conservative).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

BINS = 20_000  # similarity histogram over [-1, 1]: bins of 1e-4
FIT_MAX_P = 1e-2
MIN_TAIL_COUNT = 20
_N01 = NormalDist()


def histogram(scores: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Counts of similarities in BINS equal bins over [-1, 1]."""
    s = np.asarray(scores, dtype=np.float32).ravel()
    idx = np.clip(((s + 1.0) * (BINS / 2)).astype(np.int64), 0, BINS - 1)
    return np.bincount(idx, minlength=BINS).astype(np.int64)


def bin_lower_edges() -> npt.NDArray[np.float64]:
    return -1.0 + np.arange(BINS, dtype=np.float64) * (2.0 / BINS)


def survival_points(hist: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(similarity, P(score ≥ similarity)) at every bin's lower edge that holds pairs above it."""
    total = int(hist.sum())
    if total == 0:
        return np.zeros(0), np.zeros(0)
    at_or_above = np.cumsum(hist[::-1])[::-1]
    keep = at_or_above > 0
    return bin_lower_edges()[keep], at_or_above[keep] / total


@dataclass(frozen=True)
class NormalTail:
    """s(p) = a + b·Φ⁻¹(1 − p) in the upper tail; `pairs` is how many scores it was fitted on."""

    a: float
    b: float
    pairs: int

    def similarity_at(self, p: float) -> float:
        p = min(max(p, 1e-300), 0.5)
        return self.a + self.b * _N01.inv_cdf(1.0 - p)

    def survival(self, similarity: float) -> float:
        if self.b <= 0:
            return 0.0 if similarity > self.a else 1.0
        return 1.0 - _N01.cdf((similarity - self.a) / self.b)

    def to_json(self) -> dict[str, float | int]:
        return {"a": round(self.a, 6), "b": round(self.b, 6), "pairs": self.pairs}

    @classmethod
    def from_json(cls, raw: dict[str, float | int]) -> NormalTail:
        return cls(float(raw["a"]), float(raw["b"]), int(raw["pairs"]))


def fit_tail(hist: npt.NDArray[np.int64], min_count: int = MIN_TAIL_COUNT) -> NormalTail | None:
    """Fit the upper tail of a histogram; None when it holds too few pairs to fit (< 10 points)."""
    total = int(hist.sum())
    s, p = survival_points(hist)
    lowest = max(min_count / max(total, 1), 1e-12)
    region = (p <= FIT_MAX_P) & (p >= lowest)
    if int(region.sum()) < 10:
        return None
    z = np.array([_N01.inv_cdf(1.0 - float(q)) for q in p[region]])
    b, a = np.polyfit(z, s[region], 1)
    return NormalTail(float(a), float(b), total)


def quantile_table(hist: npt.NDArray[np.int64], ps: tuple[float, ...]) -> dict[str, float]:
    """Counted similarity at survival p for each p that the histogram can resolve."""
    s, surv = survival_points(hist)
    total = int(hist.sum())
    out: dict[str, float] = {}
    for p in ps:
        if p * total < 1:
            continue
        idx = np.nonzero(surv >= p)[0]
        if len(idx):
            out[f"{p:.0e}"] = round(float(s[idx[-1]]), 4)
    return out
