"""The liveness seam of an enrolment: what the session needs from a liveness module, and its adapters."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from app.core.liveness.decision import COLLECTING, MORE_LIGHT, TIMED_OUT
from app.core.vision.pipeline import FaceResult

RgbImage = npt.NDArray[np.uint8]
NOT_AVAILABLE = "The liveness check is not available in this installation."


@dataclass
class LivenessStatus:
    passed: bool = False
    failed: bool = False
    prompt: str = ""  # what to do now ("Blink", "Turn your head left"), "" when nothing is asked
    score: float = math.nan
    reason: str = ""  # why it failed (shown to the operator)
    checked: bool = True  # False in demo mode: the UI shows "demo — not checked"


class LivenessGate(Protocol):
    """What the session needs from the active liveness module (app/core/liveness/): one update per frame."""

    def update(
        self, rgb: RgbImage, face: FaceResult, t_s: float, faces_in_view: int = 1
    ) -> LivenessStatus: ...

    def reset(self) -> None: ...


class SessionLiveness:
    """Adapts app.core.liveness.LivenessSession (active challenge + 3-D + motion + optional passive model) to
    the LivenessGate the enrolment needs (duck-typed: any session with `update(...)` and `reset()`)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        # Where a bona fide session's passive score goes (the camera's calibration record): called once per
        # attempt whose active challenge passed and which nothing but the passive score may have refused.
        self.on_bona_fide: Callable[[float], object] | None = None
        self._fed = False

    def reset(self) -> None:
        self._fed = False
        self.session.reset()
        challenge = getattr(self.session, "challenge", None)
        if challenge is not None and hasattr(challenge, "reset"):
            challenge.reset()

    def update(self, rgb: RgbImage, face: FaceResult, t_s: float, faces_in_view: int = 1) -> LivenessStatus:
        decision = self.session.update(rgb, round(t_s * 1000), face.face, face.embedding, faces_in_view)
        verdict = str(getattr(decision.verdict, "value", decision.verdict))
        reasons = [str(r) for r in decision.reasons]
        if verdict in ("live", "spoof"):
            self._bona_fide(decision, verdict, reasons)
        if verdict == "live":
            return LivenessStatus(passed=True, score=float(decision.score))
        if verdict == "spoof":
            return LivenessStatus(failed=True, score=float(decision.score), reason=" ".join(reasons))
        if reasons and reasons[0].startswith(TIMED_OUT.partition("{")[0]):
            # In a dark room the one thing that helps is light: say that alone.
            reason = MORE_LIGHT if MORE_LIGHT in reasons else " ".join(reasons[:2])
            return LivenessStatus(failed=True, score=float(decision.score), reason=reason)
        challenge = decision.challenge
        prompt = ""
        if challenge is not None and str(getattr(challenge.state, "value", "")) == "active":
            prompt = str(challenge.prompt)
        if not prompt:
            quiet = ("Observing.", COLLECTING)
            prompt = next((r for r in reasons if r not in quiet), "")
        return LivenessStatus(prompt=prompt, score=float(decision.score))

    def _bona_fide(self, decision: Any, verdict: str, reasons: list[str]) -> None:
        challenge = decision.challenge
        passed = challenge is not None and str(getattr(challenge.state, "value", "")) == "passed"
        only_passive = verdict == "live" or all(r.startswith("Passive model") for r in reasons)
        score = decision.passive_score
        if self._fed or self.on_bona_fide is None or not passed or not only_passive or score is None:
            return
        self._fed = True
        self.on_bona_fide(float(score))


class DemoLiveness:
    """The demo camera is a photograph: liveness is NOT checked and the status says so."""

    def update(self, rgb: RgbImage, face: FaceResult, t_s: float, faces_in_view: int = 1) -> LivenessStatus:
        return LivenessStatus(passed=True, prompt="", checked=False, reason="demo — not checked")

    def reset(self) -> None:
        pass


class MissingLiveness:
    """Used for real sources when no liveness module is installed: enrolment cannot pass liveness."""

    def update(self, rgb: RgbImage, face: FaceResult, t_s: float, faces_in_view: int = 1) -> LivenessStatus:
        return LivenessStatus(failed=True, reason=NOT_AVAILABLE)

    def reset(self) -> None:
        pass
