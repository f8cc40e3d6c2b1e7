"""The active challenge state machine and the blink detector, on synthetic face observations."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from app.core.liveness import (
    ActiveChallenge,
    BlinkDetector,
    ChallengeAction,
    ChallengeState,
    LivenessSession,
)
from app.core.settings import LivenessSettings
from app.core.vision.face import FaceObservation, HeadPose


def face(yaw: float = 0.0, blink: float = 0.05) -> FaceObservation:
    return FaceObservation(
        landmarks=np.zeros((478, 3), np.float32),
        blendshapes={"eyeBlinkLeft": blink, "eyeBlinkRight": blink},
        pose=HeadPose(yaw, 0.0, 0.0),
        transform=np.eye(4, dtype=np.float32),
        frame_size=(640, 480),
    )


def perform(ch: ActiveChallenge, action: ChallengeAction, t_ms: int) -> int:
    """Feed ~1 s of frames doing `action`; returns the next timestamp."""
    if action == ChallengeAction.BLINK:
        seq = [face(blink=b) for b in (0.05, 0.05, 0.3, 0.7, 0.8, 0.4, 0.1, 0.05)]
    else:
        sign = 1 if action == ChallengeAction.TURN_LEFT else -1
        seq = [face(yaw=sign * y) for y in (0, 5, 10, 15, 22, 26, 10, 0)]
    for f in seq:
        ch.update(f, t_ms)
        t_ms += 100
    return t_ms


def test_seeded_sequence_is_reproducible_and_has_two_actions() -> None:
    a, b = ActiveChallenge(rng=42), ActiveChallenge(rng=42)
    assert a.actions == b.actions and len(a.actions) == 2
    assert a.actions[0] != a.actions[1]
    seen = {tuple(ActiveChallenge(rng=seed).actions) for seed in range(40)}
    assert len(seen) == 4  # blink first or second, turn left or right


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_every_challenge_has_a_blink_and_a_turn(n: int) -> None:
    """A rigid 3-D replica can be turned on cue but cannot blink: no challenge may be turns only."""
    turns = {ChallengeAction.TURN_LEFT, ChallengeAction.TURN_RIGHT}
    for seed in range(50):
        actions = ActiveChallenge(LivenessSettings(challenge_actions=n), rng=seed).actions
        assert ChallengeAction.BLINK in actions and turns & set(actions), actions
        assert len(actions) == max(2, n)
        assert all(x != y for x, y in itertools.pairwise(actions)), actions


@pytest.mark.parametrize("seed", range(6))
def test_doing_the_prompted_actions_passes_with_rising_progress(seed: int) -> None:
    ch = ActiveChallenge(rng=seed)
    status = ch.update(face(yaw=40), 0)
    assert status.state == ChallengeState.WAITING and status.prompt == "Look straight at the camera."
    status = ch.update(face(), 100)
    assert status.state == ChallengeState.ACTIVE and status.action == ch.actions[0]
    t, progress = 200, 0.0
    for action in ch.actions:
        assert ch.current_action == action
        t = perform(ch, action, t)
        status = ch.status(t / 1000)
        assert status.progress >= progress
        progress = status.progress
    assert status.state == ChallengeState.PASSED and status.progress == 1.0


def test_timeout_fails() -> None:
    settings = LivenessSettings(step_timeout_s=2.0)
    ch = ActiveChallenge(settings, rng=1)
    ch.update(face(), 0)
    t = 0
    status = ch.status(0)
    while t < 3000:
        t += 100
        status = ch.update(face(), t)
    assert status.state == ChallengeState.FAILED and "Too slow" in status.reason


def test_turning_the_wrong_way_fails() -> None:
    ch = ActiveChallenge(rng=0)
    ch.actions = [ChallengeAction.TURN_LEFT, ChallengeAction.BLINK]
    ch.update(face(), 0)
    status = ch.status(0)
    for i, yaw in enumerate((0, -10, -20, -30)):  # turning right (image left) instead
        status = ch.update(face(yaw=yaw), 100 * (i + 1))
    assert status.state == ChallengeState.FAILED and "wrong way" in status.reason


def test_identity_change_and_leaving_the_picture_fail() -> None:
    ch = ActiveChallenge(rng=0)
    me, other = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    ch.update(face(), 0, embedding=me)
    ch.update(face(), 100, embedding=me + 0.01)
    status = ch.update(face(), 200, embedding=other)
    assert status.state == ChallengeState.FAILED and "different face" in status.reason

    ch = ActiveChallenge(rng=0)
    ch.update(face(), 0)
    ch.update(None, 500)
    status = ch.update(None, 1600)
    assert status.state == ChallengeState.FAILED and "left the picture" in status.reason


def test_blink_detector_counts_blinks_not_slow_drifts() -> None:
    det = BlinkDetector()
    t = 0.0
    blinks = 0
    for v in [0.1] * 5 + [0.3, 0.65, 0.6, 0.2, 0.1] + [0.1] * 5:
        blinks += det.update(t, v)
        t += 0.05
    assert blinks == 1
    slow = BlinkDetector()
    values = np.concatenate([np.linspace(0.1, 0.6, 40), np.linspace(0.6, 0.1, 40)])  # 4 s looking down
    assert not any(slow.update(i * 0.05, float(v)) for i, v in enumerate(values))


def test_session_rejects_a_bad_strictness() -> None:
    with pytest.raises(ValueError):
        LivenessSession(LivenessSettings(strictness="paranoid"))
