"""PAD figures (APCER, BPCER, AUC, APCER at BPCER 5 %) and the per-track passive statistic."""

from __future__ import annotations

import math

import pytest

from app.core.evaluation.pad import PadSample, apcer_at_bpcer, auc, pad_figures
from app.core.liveness.passive_track import PassiveTrack, trimmed_mean


def test_auc_counts_ties_half() -> None:
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5], [0.5]) == 0.5
    assert math.isnan(auc([], [0.5]))


def test_apcer_at_bpcer_5_rejects_at_most_5_percent_of_bona_fide() -> None:
    live = [i / 100 for i in range(100)]  # 0.00 .. 0.99
    spoof = [0.02, 0.04, 0.06, 0.5]
    apcer, threshold = apcer_at_bpcer(live, spoof, 0.05)
    assert threshold == pytest.approx(0.05)  # 5 of 100 bona fide (0.00-0.04) below it
    assert apcer == pytest.approx(2 / 4)


def test_figures_keep_undecided_and_no_face_apart() -> None:
    live = [PadSample("a", "live", 0.9), PadSample("b", "undecided", 0.6), PadSample("c", "no_face")]
    spoof = [PadSample("d", "spoof", 0.1), PadSample("e", "live", 0.7)]
    f = pad_figures(live, spoof)
    assert f["apcer"] == 0.5 and f["bpcer"] == 0.5 and f["bpcer_spoof_only"] == 0.0
    assert f["n_live"] == 2 and f["n_spoof"] == 2 and f["n_no_face"] == 1
    assert f["n_undecided_live"] == 1
    assert sorted(f["errors"]) == ["b", "e"]


def test_one_bad_frame_neither_admits_nor_refuses() -> None:
    live_track = PassiveTrack(threshold=0.5, min_frames=5)
    for score in (0.95, 0.97, 0.02, 0.96, 0.94):  # one frame misread as a spoof
        live_track.add(score)
    assert live_track.live is True
    attack = PassiveTrack(threshold=0.5, min_frames=5)
    for score in (0.03, 0.05, 0.99, 0.04, 0.02):  # one frame misread as live
        attack.add(score)
    assert attack.live is False


def test_frames_failing_the_quality_gate_do_not_count() -> None:
    track = PassiveTrack(threshold=0.5, min_frames=3)
    track.add(0.01, quality_ok=False)
    track.add(0.9)
    track.add(0.8)
    assert track.live is None and track.gated_out == 1
    track.add(0.85)
    assert track.live is True and track.value == pytest.approx(0.85)


def test_a_borderline_score_waits_for_more_frames_then_decides_on_them_all() -> None:
    track = PassiveTrack(threshold=0.5, min_frames=5, max_frames=15, borderline=0.15)
    for score in (0.45, 0.40, 0.44, 0.42, 0.47):  # 0.44: close to the threshold, not yet a verdict
        track.add(score)
    assert track.ready and not track.decided and track.live is None  # was: refused on these 5
    for score in (0.92, 0.90, 0.95, 0.91, 0.93):
        track.add(score)
    assert track.decided and track.live is True  # 0.68 on 10 frames (trimmed), clear of the band
    stuck = PassiveTrack(threshold=0.5, min_frames=5, max_frames=15, borderline=0.15)
    for _ in range(14):
        stuck.add(0.45)
    assert stuck.live is None
    stuck.add(0.45)
    assert stuck.decided and stuck.live is False  # at `max_frames` it decides, borderline or not
    clear = PassiveTrack(threshold=0.5, min_frames=5, max_frames=15, borderline=0.15)
    for score in (0.2, 0.1, 0.3, 0.2, 0.1):
        clear.add(score)
    assert clear.live is False  # far from the threshold: decided on the first 5, as before


def test_trimmed_mean() -> None:
    assert trimmed_mean([1.0, 2.0, 3.0, 4.0, 100.0], 0.2) == pytest.approx(3.0)
    assert math.isnan(trimmed_mean([], 0.2))
