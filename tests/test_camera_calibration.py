"""The per-camera calibration rule: learning → calibrated, BPCER on the camera's own scores, the attack floor
that no run of borderline "live" sessions can push the threshold below, and the shipped ceiling."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.core.liveness.camera_calibration import ATTACK_FLOOR, CalibrationRule, rule_for

# Measured on the shipped MiniFASNet ensemble (see the module docstring): the highest attack scores.
SHARED_PRINT_REPLAY_MAX = 0.283
FAKE2_TRACKS_SIMULATED_WEBCAMS_MAX = 0.424  # tools/bench_camera_calibration.py, 1274 tracks


def test_learning_until_ten_sessions_then_calibrated() -> None:
    rule = CalibrationRule()
    scores = [0.50] * 9
    state = rule.state(scores)
    assert not state.calibrated and state.label == "learning: 9 of 10 sessions"
    assert state.threshold == 0.5 and state.learned is None  # the shipped threshold while learning
    state = rule.state([*scores, 0.49])
    assert state.calibrated and state.label.startswith("calibrated")
    assert state.threshold == pytest.approx(0.47)  # the lowest session minus the 0.02 margin


def test_the_threshold_keeps_bpcer_at_most_2_percent_on_the_cameras_own_scores() -> None:
    rng = np.random.default_rng(7)
    scores = list(np.clip(rng.normal(0.56, 0.04, 150), 0, 1))  # a camera whose live faces score low
    threshold = CalibrationRule().threshold(scores)
    refused = sum(s < threshold for s in scores) / len(scores)
    assert refused <= 0.02
    assert ATTACK_FLOOR <= threshold < 0.5  # relaxed below the shipped 0.5, but not below the floor
    assert sum(s < 0.5 for s in scores) / len(scores) > 0.05  # the shipped threshold refused > 5 %


def test_a_camera_whose_live_faces_score_high_keeps_the_shipped_threshold() -> None:
    assert CalibrationRule().threshold([0.96, 0.99, 1.0] * 10) == 0.5  # never tightened above 0.5


def test_borderline_sessions_cannot_drift_the_threshold_below_the_attack_floor() -> None:
    """An attacker with a mask that passes the active challenge feeds hundreds of "live" sessions scoring
    like the print/replay photos: the threshold stops at the floor, so every measured attack stays refused."""
    rule = CalibrationRule()
    scores = [0.97] * 20
    for step in range(500):
        scores.append(0.30 - 0.0005 * (step % 100))  # ever lower, all below the floor
        assert rule.threshold(scores) >= ATTACK_FLOOR
    assert rule.threshold(scores) == ATTACK_FLOOR
    assert SHARED_PRINT_REPLAY_MAX < ATTACK_FLOOR and FAKE2_TRACKS_SIMULATED_WEBCAMS_MAX < ATTACK_FLOOR


def test_only_the_newest_sessions_count_and_bad_scores_are_ignored() -> None:
    rule = CalibrationRule(window=20)
    old_low = [0.36] * 20
    assert rule.threshold(old_low) == ATTACK_FLOOR  # 0.34 clamps to the floor
    assert rule.threshold([*old_low, *([0.9] * 20)]) == 0.5  # the camera was replaced: relearnt
    assert rule.state([math.nan, math.inf, 0.9]).sessions == 1


def test_rule_for_follows_the_configured_threshold() -> None:
    assert rule_for(0.5).ceiling == 0.5 and rule_for(0.5).floor == ATTACK_FLOOR
    lowered = rule_for(0.3)  # an administrator lowered the threshold below the floor on purpose
    assert lowered.floor == lowered.ceiling == 0.3
    with pytest.raises(ValueError):
        CalibrationRule(ceiling=0.3, floor=ATTACK_FLOOR)
