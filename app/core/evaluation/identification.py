"""Open-set 1:N identification figures: rank-1 and TPIR at a fixed FPIR (ISO/IEC 19795-1 terms)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.matcher import Matcher, l2_normalise


@dataclass
class IdentificationResult:
    rank1: float
    tpr_at_fpir_1e_3: float
    persons: int
    probes: int
    nonmated_probes: int
    threshold_similarity: float


def evaluate_identification(
    gallery: dict[str, list[npt.NDArray[np.float32]]],
    mated: list[tuple[str, npt.NDArray[np.float32]]],
    nonmated: list[npt.NDArray[np.float32]],
    fpir: float = 1e-3,
) -> IdentificationResult:
    """Each gallery person's vectors are averaged into ONE template; probes are searched top-1."""
    keys = list(gallery)
    if not keys:
        raise ValueError("empty gallery")
    matcher = Matcher(dim=len(next(iter(gallery.values()))[0]), capacity=len(keys))
    matcher.add_many(
        keys, l2_normalise(np.stack([l2_normalise(np.stack(v)).mean(axis=0) for v in gallery.values()]))
    )
    mated_hits = matcher.search_many(np.stack([v for _, v in mated]), k=1) if mated else []
    mated_correct = np.array(
        [bool(h) and h[0].key == who for h, (who, _) in zip(mated_hits, mated, strict=True)]
    )
    mated_scores = np.array([h[0].similarity if h else -1.0 for h in mated_hits])
    if nonmated:
        non_scores = np.sort(
            np.array([h[0].similarity for h in matcher.search_many(np.stack(nonmated), k=1)])
        )[::-1]
        allowed = int(np.floor(fpir * len(non_scores)))  # non-mated probes that may score ≥ threshold
        threshold = float(np.nextafter(non_scores[allowed], np.inf)) if allowed < len(non_scores) else -1.0
    else:
        threshold = -1.0
    tpir = float(np.mean(mated_correct & (mated_scores >= threshold))) if len(mated) else 0.0
    return IdentificationResult(
        rank1=float(mated_correct.mean()) if len(mated) else 0.0,
        tpr_at_fpir_1e_3=tpir,
        persons=len(keys),
        probes=len(mated),
        nonmated_probes=len(nonmated),
        threshold_similarity=threshold,
    )
