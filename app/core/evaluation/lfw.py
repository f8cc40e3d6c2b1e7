"""The LFW View 2 verification protocol: 10 folds, threshold chosen on 9, tested on the 10th.

Pairs where either image has no detected face stay in the protocol and count as errors whatever the
threshold: a pair the system could not compare is never a lucky correct reject.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Pair:
    fold: int
    image_a: str  # path relative to the LFW image root
    image_b: str
    same: bool


def image_path(name: str, number: int | str) -> str:
    return f"{name}/{name}_{int(number):04d}.jpg"


def read_pairs(path: Path, folds: int | None = None) -> list[Pair]:
    """Parse pairs.txt (View 2: header "10 300", then per fold 300 same + 300 different lines)."""
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    header = lines[0]
    n_folds, per_half = (int(header[0]), int(header[1])) if len(header) == 2 else (1, int(header[0]))
    body = lines[1:]
    pairs: list[Pair] = []
    for i, fields in enumerate(body):
        fold = i // (2 * per_half)
        if len(fields) == 3:
            pairs.append(Pair(fold, image_path(fields[0], fields[1]), image_path(fields[0], fields[2]), True))
        elif len(fields) == 4:
            pairs.append(
                Pair(fold, image_path(fields[0], fields[1]), image_path(fields[2], fields[3]), False)
            )
        else:
            raise ValueError(f"{path}: malformed line {i + 2}: {' '.join(fields)}")
    if len(pairs) != n_folds * 2 * per_half:
        raise ValueError(f"{path}: expected {n_folds * 2 * per_half} pairs, found {len(pairs)}")
    if folds is not None:
        pairs = [p for p in pairs if p.fold < folds]
    return pairs


@dataclass
class VerificationResult:
    accuracy: float
    std: float
    tar_at_far_1e_3: float
    threshold: float  # mean of the per-fold thresholds (a distance)
    fold_accuracies: list[float]
    failed_pairs: int


def _best_threshold(distances: npt.NDArray[np.float64], same: npt.NDArray[np.bool_]) -> float:
    finite = np.sort(np.unique(distances[np.isfinite(distances)]))
    if len(finite) == 0:
        return 0.0
    candidates = np.concatenate([[finite[0] - 1e-6], (finite[:-1] + finite[1:]) / 2, [finite[-1] + 1e-6]])
    # Vectorised: accuracy for every candidate threshold at once via sorted cumulative counts.
    order = np.argsort(np.where(np.isfinite(distances), distances, np.inf))
    d_sorted = np.where(np.isfinite(distances), distances, np.inf)[order]
    s_sorted = same[order]
    pos_below = np.concatenate([[0], np.cumsum(s_sorted)])
    neg_below = np.concatenate([[0], np.cumsum(~s_sorted)])
    idx = np.searchsorted(d_sorted, candidates, side="left")
    total_neg = int((~same).sum())
    correct = pos_below[idx] + (total_neg - neg_below[idx])
    return float(candidates[int(np.argmax(correct))])


def evaluate(distances: npt.ArrayLike, pairs: list[Pair]) -> VerificationResult:
    """10-fold (or n-fold) accuracy; NaN distances mark pairs where a face was not found (always wrong)."""
    d = np.asarray(distances, dtype=np.float64)
    same = np.array([p.same for p in pairs])
    fold = np.array([p.fold for p in pairs])
    failed = ~np.isfinite(d)
    folds = sorted(set(fold.tolist()))
    accuracies, thresholds = [], []
    for f in folds:
        train, test = fold != f, fold == f
        if len(folds) == 1:
            train = test
        threshold = _best_threshold(d[train & ~failed], same[train & ~failed])
        thresholds.append(threshold)
        correct = (d[test] < threshold) == same[test]
        correct[failed[test]] = False  # a pair we could not compare is an error, never a lucky reject
        accuracies.append(float(correct.mean()))
    return VerificationResult(
        accuracy=float(np.mean(accuracies)),
        std=float(np.std(accuracies)),
        tar_at_far_1e_3=tar_at_far(d, same, 1e-3),
        threshold=float(np.mean(thresholds)),
        fold_accuracies=accuracies,
        failed_pairs=int(failed.sum()),
    )


def tar_at_far(distances: npt.NDArray[np.float64], same: npt.NDArray[np.bool_], far: float) -> float:
    """True-accept rate at the largest threshold whose false-accept rate is ≤ `far` (over all pairs)."""
    impostor = np.sort(np.where(np.isfinite(distances[~same]), distances[~same], np.inf))
    genuine = np.where(np.isfinite(distances[same]), distances[same], np.inf)
    allowed = int(np.floor(far * len(impostor)))  # impostor pairs that may be accepted
    threshold = impostor[allowed] if allowed < len(impostor) else np.inf  # accept d < threshold
    return float(np.mean(genuine < threshold)) if len(genuine) else 0.0
