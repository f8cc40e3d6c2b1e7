"""Active challenge: a random sequence of actions (blink, turn left, turn right) the user must perform.

A replayed video cannot follow prompts it has not seen: the order is drawn from a seedable RNG at the
start, each step has a timeout, turning the wrong way fails (optional), and the face must stay in view
and stay the same person (the caller feeds embeddings; the distance to the first one is checked).

Every challenge holds one blink and at least one turn, in random order and direction. The turn shows the
3-D check a head in depth; the blink is the one action a RIGID replica cannot do: a 3-D printed head or a
rigid mask can be turned on cue by the attacker's hand and passes the 3-D check (measured with
tools/make_head_replica_video.py, tests/test_liveness_replica.py), so a challenge of two turns would let it
in.

"Left" and "right" are the user's own: turning to their left swings the nose to the image's right
(HeadPose.yaw > 0) on a camera that is not mirrored. The UI may mirror its preview; the frames are not.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

from app.core.liveness.signals import blink_counter
from app.core.settings import LivenessSettings
from app.core.vision.face import FaceObservation
from app.core.vision.quality import LOOK_STRAIGHT

log = logging.getLogger(__name__)


class ChallengeAction(Enum):
    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


class ChallengeState(Enum):
    WAITING = "waiting"  # for one face looking at the camera
    ACTIVE = "active"
    PASSED = "passed"
    FAILED = "failed"


PROMPTS = {
    ChallengeAction.BLINK: "Blink your eyes.",
    ChallengeAction.TURN_LEFT: "Turn your head to your left.",
    ChallengeAction.TURN_RIGHT: "Turn your head to your right.",
}
DONE = "Done, thank you."
# Why a challenge failed (the UI shows them translated: app/ui/common/core_texts.py).
FACE_LEFT = "The face left the picture."
ANOTHER_PERSON = "Another person came into the picture."
DIFFERENT_FACE = "A different face appeared during the check."
TOO_SLOW = "Too slow: '{prompt}' was not done in time."
WRONG_WAY = "Turned the wrong way."
FAILURES = (FACE_LEFT, ANOTHER_PERSON, DIFFERENT_FACE, TOO_SLOW, WRONG_WAY)


@dataclass(frozen=True)
class ChallengeStatus:
    state: ChallengeState
    prompt: str  # what to show the user now
    progress: float  # 0..1 over the whole challenge
    step: int  # index of the current action (== len(actions) when passed)
    action: ChallengeAction | None
    step_progress: float  # 0..1 within the current action
    seconds_left: float  # before the current step times out
    reason: str = ""  # why it failed


class ActiveChallenge:
    def __init__(
        self, settings: LivenessSettings | None = None, rng: random.Random | int | None = None
    ) -> None:
        self.settings = settings or LivenessSettings()
        self._rng = rng if isinstance(rng, random.Random) else random.Random(rng)
        self.actions = self._draw(self.settings.challenge_actions)
        s = self.settings
        self._blink = blink_counter(s)
        self.state = ChallengeState.WAITING
        self._step = 0
        self._step_start_s = 0.0
        self._step_progress = 0.0
        self._neutral_yaw = 0.0  # the yaw when the challenge started: the user's "straight ahead"
        self._centred = False
        self._last_face_s: float | None = None
        self._ref_embedding: npt.NDArray[np.float32] | None = None
        self._reason = ""

    def _draw(self, n: int) -> list[ChallengeAction]:
        """One blink and one turn (random direction) in random order, then (n > 2) random further actions,
        no action twice in a row. n < 2 still gives both: neither alone rules out a rigid 3-D replica."""
        turn = self._rng.choice([ChallengeAction.TURN_LEFT, ChallengeAction.TURN_RIGHT])
        actions = [ChallengeAction.BLINK, turn]
        self._rng.shuffle(actions)
        for _ in range(max(0, n - 2)):
            choices = [a for a in ChallengeAction if a != actions[-1]]
            actions.append(self._rng.choice(choices))
        return actions

    @property
    def current_action(self) -> ChallengeAction | None:
        return self.actions[self._step] if self.state == ChallengeState.ACTIVE else None

    def _fail(self, reason: str) -> None:
        self.state = ChallengeState.FAILED
        self._reason = reason
        log.info("challenge failed: %s", reason)

    def update(
        self,
        face: FaceObservation | None,
        timestamp_ms: int,
        embedding: npt.NDArray[np.floating] | None = None,
        faces_in_view: int = 1,
    ) -> ChallengeStatus:
        """Feed one frame (face None when no face was found) and get what to show."""
        t = timestamp_ms / 1000.0
        s = self.settings
        if self.state in (ChallengeState.PASSED, ChallengeState.FAILED):
            return self.status(t)
        if face is None or faces_in_view == 0:
            lost_for = 0.0 if self._last_face_s is None else t - self._last_face_s
            if self.state == ChallengeState.ACTIVE and lost_for > s.face_lost_timeout_s:
                self._fail(FACE_LEFT)
            return self.status(t)
        if faces_in_view > 1 and self.state == ChallengeState.ACTIVE:
            self._fail(ANOTHER_PERSON)
            return self.status(t)
        self._last_face_s = t
        if embedding is not None:
            vec = np.asarray(embedding, dtype=np.float32).ravel()
            if self._ref_embedding is None:
                self._ref_embedding = vec
            elif float(np.linalg.norm(vec - self._ref_embedding)) > s.identity_max_distance:
                self._fail(DIFFERENT_FACE)
                return self.status(t)
        if self.state == ChallengeState.WAITING:
            if faces_in_view == 1 and abs(face.pose.yaw) <= s.start_max_yaw_deg:
                self.state = ChallengeState.ACTIVE
                self._neutral_yaw = face.pose.yaw
                self._start_step(t, face)
            return self.status(t)
        # ACTIVE
        if t - self._step_start_s > s.step_timeout_s:
            self._fail(TOO_SLOW.format(prompt=PROMPTS[self.actions[self._step]]))
            return self.status(t)
        action = self.actions[self._step]
        blinked = self._blink.update(t, face)
        done = False
        if action == ChallengeAction.BLINK:
            self._step_progress = (
                1.0 if blinked else max(self._step_progress, self._blink.current_peak_progress)
            )
            done = blinked
        else:
            sign = 1.0 if action == ChallengeAction.TURN_LEFT else -1.0  # user's left = image right = yaw > 0
            turned = sign * (face.pose.yaw - self._neutral_yaw)
            self._step_progress = max(self._step_progress, min(1.0, max(0.0, turned / s.turn_yaw_deg)))
            done = turned >= s.turn_yaw_deg
            # Still turned from the previous step is fine; turning the wrong way from the centre is not.
            self._centred = self._centred or abs(turned) <= 0.5 * s.turn_yaw_deg
            if s.fail_on_wrong_turn and self._centred and -turned >= s.turn_yaw_deg:
                self._fail(WRONG_WAY)
                return self.status(t)
        if done:
            self._step += 1
            if self._step >= len(self.actions):
                self.state = ChallengeState.PASSED
                log.info("challenge passed: %s", [a.value for a in self.actions])
            else:
                self._start_step(t, face)
        return self.status(t)

    def _start_step(self, t: float, face: FaceObservation) -> None:
        self._step_start_s = t
        self._step_progress = 0.0
        self._centred = False
        self._blink.reset()

    def status(self, t_s: float) -> ChallengeStatus:
        n = len(self.actions)
        if self.state == ChallengeState.WAITING:
            return ChallengeStatus(self.state, LOOK_STRAIGHT, 0.0, 0, None, 0.0, self.settings.step_timeout_s)
        if self.state == ChallengeState.PASSED:
            return ChallengeStatus(self.state, DONE, 1.0, n, None, 1.0, 0.0)
        if self.state == ChallengeState.FAILED:
            progress = (self._step + self._step_progress) / n
            return ChallengeStatus(
                self.state,
                self._reason + " Please try again.",
                progress,
                self._step,
                None,
                0.0,
                0.0,
                self._reason,
            )
        action = self.actions[self._step]
        left = max(0.0, self.settings.step_timeout_s - (t_s - self._step_start_s))
        return ChallengeStatus(
            self.state,
            PROMPTS[action],
            (self._step + self._step_progress) / n,
            self._step,
            action,
            self._step_progress,
            left,
        )
