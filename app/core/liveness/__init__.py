"""Liveness: active challenge, 3-D planarity, motion evidence, and the decision that combines them
with an optional passive anti-spoof model."""

from app.core.liveness.challenge import (
    PROMPTS,
    ActiveChallenge,
    ChallengeAction,
    ChallengeState,
    ChallengeStatus,
)
from app.core.liveness.decision import LivenessDecision, LivenessSession, PassiveScorer, Verdict
from app.core.liveness.motion import ContextMotionCheck, StaticSceneCheck
from app.core.liveness.planarity import Planarity, PlanarityCheck
from app.core.liveness.signals import BlinkDetector

__all__ = [
    "PROMPTS",
    "ActiveChallenge",
    "BlinkDetector",
    "ChallengeAction",
    "ChallengeState",
    "ChallengeStatus",
    "ContextMotionCheck",
    "LivenessDecision",
    "LivenessSession",
    "PassiveScorer",
    "Planarity",
    "PlanarityCheck",
    "StaticSceneCheck",
    "Verdict",
]
