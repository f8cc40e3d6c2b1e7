"""One template from many frames (median-based outlier rejection) and the duplicate check against the
enrolled people."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.matcher import Matcher, l2_normalise

Vector = npt.NDArray[np.float32]


def average_template(
    vectors: npt.ArrayLike, abs_distance: float = 0.35, rel: float = 2.5
) -> tuple[Vector, npt.NDArray[np.bool_], npt.NDArray[np.float32]]:
    """(unit mean of the inliers, inlier mask, distance of each vector to the median).

    The median embedding (element-wise, normalised) is robust to a minority of bad frames; a frame is an
    outlier when its distance to it exceeds max(abs_distance, rel × the median of those distances).
    """
    unit = l2_normalise(vectors).reshape(-1, np.asarray(vectors).shape[-1])
    median = l2_normalise(np.median(unit, axis=0))
    distances = np.linalg.norm(unit - median, axis=1).astype(np.float32)
    limit = max(abs_distance, rel * float(np.median(distances)))
    used = distances <= limit
    if not used.any():
        used = distances <= distances.min()
    mean = l2_normalise(unit[used].mean(axis=0))
    return mean, used, distances


@dataclass(frozen=True)
class DuplicateHit:
    person_uuid: str
    similarity: float

    @property
    def distance(self) -> float:
        return float(np.sqrt(max(0.0, 2.0 - 2.0 * self.similarity)))


def find_duplicate(
    matcher: Matcher, vector: npt.ArrayLike, min_similarity: float, exclude: str | None = None
) -> DuplicateHit | None:
    """The enrolled person the template matches (best first), or None."""
    for match in matcher.search(vector, k=2, min_similarity=min_similarity):
        if match.key != exclude:
            return DuplicateHit(match.key, match.similarity)
    return None
