"""How much a measured error rate can be trusted, and an FPIR estimate that uses every stranger available.

`clopper_pearson`: the exact two-sided binomial confidence interval of k errors in n decisions (a FPIR of
1 in 870 decisions is compatible with any true rate from 3e-5 to 6e-3).

`subset_fpir`: a stranger probe is wrongly accepted by a gallery of N when its best score over the N
templates clears t. With each probe scored against a pool of M templates of other people, the mean over
every N-template gallery drawn from the pool is exact: P(accepted) = 1 − C(M − k, N) / C(M, N), k the pool
templates scoring ≥ t. Averaged over all probes, this uses every person of a data set as a stranger of
every gallery that leaves them out, instead of the few never-enrolled people of one random gallery. It
ignores the margin rule (which only refuses more), and its evidence is the number of distinct probes that
carry it (`carriers`), not the number of probes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p)."""
    if k < 0:
        return 0.0
    if k >= n or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        for i in range(k + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def _solve(f: object, target: float) -> float:
    """p in [0, 1] with the decreasing f(p) = target (bisection)."""
    assert callable(f)
    lo, hi = 0.0, 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if f(mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def clopper_pearson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact two-sided interval for the rate of k events in n trials."""
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= k <= n:
        raise ValueError(f"k must be between 0 and n ({n}), not {k}")
    alpha = (1.0 - confidence) / 2
    lower = 0.0 if k == 0 else _solve(lambda p: _binom_cdf(k - 1, n, p), 1.0 - alpha)
    upper = 1.0 if k == n else _solve(lambda p: _binom_cdf(k, n, p), alpha)
    return lower, upper


@dataclass(frozen=True)
class SubsetFpir:
    fpir: float
    probes: int
    carriers: int  # probes with a non-zero chance of acceptance at this threshold
    carrier_people: int  # distinct people among them


class SubsetEstimator:
    """FPIR(t, N) averaged over every N-template gallery drawn from a pool, for a set of stranger probes.

    `scores[i, j]`: probe i against pool template j; `excluded[i, j]` masks templates of the probe's own
    person (never a stranger to them), so probe i's pool holds M_i = row count of unmasked templates."""

    def __init__(
        self,
        scores: npt.ArrayLike,
        owners: list[str],
        excluded: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        s = np.asarray(scores, dtype=np.float32)
        if excluded is not None:
            s = np.where(excluded, -np.inf, s).astype(np.float32)
            self.pool = (~excluded).sum(axis=1).astype(np.int64)
        else:
            self.pool = np.full(len(s), s.shape[1], dtype=np.int64)
        self.sorted = -np.sort(-s, axis=1)  # each probe's scores, best first
        self.owners = np.asarray(owners, dtype=object)

    def accepted(self, threshold: float, n: int) -> npt.NDArray[np.float64]:
        """Each probe's chance of acceptance by a random gallery of n templates of its pool."""
        above = (self.sorted >= threshold).sum(axis=1)
        out = np.zeros(len(above), dtype=np.float64)
        for m in np.unique(self.pool):
            rows = self.pool == m
            size = min(n, int(m))
            for k in np.unique(above[rows]):
                if k == 0:
                    continue
                # C(m − k, size) / C(m, size) = Π_{i<k} (m − size − i) / (m − i)
                free = int(m) - size
                miss = 0.0 if free < k else float(np.prod([(free - i) / (int(m) - i) for i in range(k)]))
                out[rows & (above == k)] = 1.0 - miss
        return out

    def at(self, threshold: float, n: int) -> SubsetFpir:
        chance = self.accepted(threshold, n)
        carried = chance > 0
        return SubsetFpir(
            float(chance.mean()) if len(chance) else 0.0,
            len(chance),
            int(carried.sum()),
            len(set(self.owners[carried].tolist())),
        )

    def threshold_for(self, target: float, n: int) -> float:
        """The lowest probe score t with FPIR(t, n) ≤ target (the oracle threshold)."""
        candidates = np.unique(self.sorted[:, : max(1, min(self.sorted.shape[1], 64))])
        candidates = candidates[np.isfinite(candidates)]
        lo, hi = 0, len(candidates)  # FPIR falls as t rises: find the first candidate that holds
        while lo < hi:
            mid = (lo + hi) // 2
            if self.at(float(candidates[mid]), n).fpir <= target:
                hi = mid
            else:
                lo = mid + 1
        if lo == len(candidates):
            return float(np.nextafter(candidates[-1], np.float32(np.inf))) if len(candidates) else 1.0
        return float(candidates[lo])
