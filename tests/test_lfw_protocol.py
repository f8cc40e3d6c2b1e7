"""The verification protocol itself, on synthetic distances where the right answer is known."""

from pathlib import Path

import numpy as np
import pytest

from app.core.evaluation.lfw import Pair, evaluate, read_pairs, tar_at_far
from tests.conftest import shared_path


def synthetic_pairs(folds: int = 10, per_half: int = 30) -> list[Pair]:
    return [Pair(f, "a", "b", same) for f in range(folds) for same in (True, False) for _ in range(per_half)]


def test_separable_distances_give_full_accuracy() -> None:
    pairs = synthetic_pairs()
    d = np.array([0.3 if p.same else 0.9 for p in pairs])
    result = evaluate(d, pairs)
    assert result.accuracy == 1.0 and result.std == 0.0
    assert 0.3 < result.threshold < 0.9


def test_pairs_without_a_face_always_count_as_errors() -> None:
    pairs = synthetic_pairs()
    d = np.array([0.3 if p.same else 0.9 for p in pairs])
    d[[0, 1, 45]] = np.nan  # two genuine pairs and one impostor pair (fold 0) lost their face
    result = evaluate(d, pairs)
    assert result.failed_pairs == 3
    assert result.fold_accuracies[0] == pytest.approx(57 / 60)
    assert result.accuracy == pytest.approx(1 - 3 / 600)


def test_tar_at_far() -> None:
    same = np.array([True] * 4 + [False] * 1000)
    d = np.concatenate([[0.1, 0.2, 0.5, 0.9], np.linspace(0.4, 2.0, 1000)])
    # one impostor may be accepted (FAR 1e-3 of 1000): threshold is the 2nd-lowest impostor distance
    assert tar_at_far(d, same, 1e-3) == pytest.approx(0.5)


def test_reads_the_official_view2_pairs() -> None:
    pairs_file = shared_path("data/lfw/pairs.txt")
    pairs = read_pairs(pairs_file)
    assert len(pairs) == 6000 and sum(p.same for p in pairs) == 3000
    assert {p.fold for p in pairs} == set(range(10))
    root = Path(pairs_file).parent / "lfw-deepfunneled"
    assert all((root / p.image_a).is_file() for p in pairs[:50])
    assert len(read_pairs(pairs_file, folds=2)) == 1200
