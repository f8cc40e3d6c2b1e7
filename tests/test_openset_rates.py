"""Confidence intervals and the pooled stranger estimate of `bench openset` (app/core/evaluation/rates.py)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from app.core.evaluation.openset import evaluate_openset
from app.core.evaluation.rates import SubsetEstimator, clopper_pearson
from app.core.settings import Settings


def test_clopper_pearson_matches_the_exact_bounds() -> None:
    lo, hi = clopper_pearson(0, 3000)
    assert lo == 0.0 and hi == pytest.approx(1 - 0.025 ** (1 / 3000), rel=1e-6)  # 1.23e-3
    lo, hi = clopper_pearson(5, 10)
    assert lo == pytest.approx(0.18709, abs=1e-4) and hi == pytest.approx(0.81291, abs=1e-4)
    lo, hi = clopper_pearson(1, 870)  # one false accept in 870 decisions says little
    assert lo < 1e-4 and hi > 5e-3
    assert clopper_pearson(4, 4)[1] == 1.0
    with pytest.raises(ValueError):
        clopper_pearson(5, 4)


def test_subset_estimate_equals_the_mean_over_every_gallery() -> None:
    rng = np.random.default_rng(3)
    scores = rng.uniform(0.0, 1.0, size=(7, 6)).astype(np.float32)
    excluded = np.zeros(scores.shape, dtype=bool)
    excluded[0, 2] = excluded[3, 5] = True  # a probe is never a stranger to its own template
    owners = ["a", "a", "c", "d", "e", "f", "g"]  # two probes of one person
    est = SubsetEstimator(scores, owners, excluded)
    t = 0.7
    for n in (1, 2, 4, 6):
        per_probe = []
        for i in range(len(scores)):
            pool = [j for j in range(scores.shape[1]) if not excluded[i, j]]
            size = min(n, len(pool))
            galleries = list(itertools.combinations(pool, size))
            per_probe.append(np.mean([max(scores[i, list(g)]) >= t for g in galleries]))
        assert est.at(t, n).fpir == pytest.approx(float(np.mean(per_probe)), abs=1e-12)
    carried = est.at(0.0, 1)
    assert carried.carriers == 7 and carried.carrier_people == 6
    # the oracle threshold holds its target and is the lowest score that does
    t1 = est.threshold_for(0.2, 2)
    assert est.at(t1, 2).fpir <= 0.2
    below = scores[scores < t1]
    assert est.at(float(below.max()), 2).fpir > 0.2


def test_bench_reports_intervals_and_the_pooled_oracle() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(60, 16))
    people = {
        f"p{i:02d}": [(c + 0.35 * rng.normal(size=16)).astype(np.float32) for _ in range(5 if i < 30 else 3)]
        for i, c in enumerate(centres)
    }
    out = evaluate_openset(people, 2, 3, [10, None], Settings().recognition)
    for row in out["by_gallery_size"].values():  # type: ignore[union-attr]
        lo, hi = row["fpir_ci95"]
        assert 0.0 <= lo <= row["fpir"] <= hi <= 1.0
        assert row["fpir_subsets_probes"] == 30 + 30  # every person's 3-photo group is a stranger somewhere
        assert set(row["tpir_at_fpir_subsets"]) == {"1e-02", "1e-03", "1e-04"}
        for oracle in row["tpir_at_fpir_subsets"].values():
            assert oracle["tpir_with_margin"] <= oracle["tpir"]


def test_bench_pools_several_rosters_and_keeps_the_first() -> None:
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(40, 16))
    people = {
        f"p{i:02d}": [(c + 0.35 * rng.normal(size=16)).astype(np.float32) for _ in range(5)]
        for i, c in enumerate(centres)
    }
    one = evaluate_openset(people, 2, 3, [10, 20, None], Settings().recognition, seed=4)
    many = evaluate_openset(people, 2, 3, [10, 20, None], Settings().recognition, seed=4, rosters=3)
    assert many["by_gallery_size"] == one["by_gallery_size"]  # roster 0 is the single run
    pooled = many["over_rosters"]
    assert set(pooled) == {"10", "20"}  # "all" is one roster whatever the seed  # type: ignore[arg-type]
    row = pooled["10"]  # type: ignore[index]
    assert row["rosters"] == 3 and row["stranger_probes"] == 3 * 30 and row["mated_probes"] == 3 * 10
    assert row["strangers_accepted"] == sum(row["strangers_accepted_by_roster"])
    lo, hi = row["fpir_ci95"]
    assert lo <= row["fpir"] <= hi


def test_bench_refuses_bad_arguments_before_reading_photos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    assert main(["bench", "openset", "--root", str(tmp_path), "--target-fpir", "1e-7", "--json"]) == 2
    assert "target FPIR must be between" in capsys.readouterr().err
    assert main(["bench", "openset", "--root", str(tmp_path), "--rosters", "0", "--json"]) == 2
    assert "--rosters" in capsys.readouterr().err
