"""The one open-set decision: who a track (one or more face embeddings of one person) is, if anyone.

1. Fusion: the quality-weighted mean of the track's unit embeddings, renormalised (as the enrolment
   template is built).
2. Threshold: the fused top score must clear the calibrated similarity for the target FPIR per decision and
   the gallery's size (app/core/recognition/calibration.py), else the track is "unknown". A one-frame track
   is a single photo and is judged on the single-photo tails, any longer track on the heaviest.
3. Margin: best − second best (a different person) must be ≥ `margin`, else the track is "ambiguous"
   (twins, siblings, look-alikes): never a guess.
Before 2 and 3, the scores of templates in a crowded part of the gallery are lowered
(app/core/recognition/crowding.py): a higher bar where this embedder finds people alike.
The kiosk (app/core/attendance/service.py), `faceattend identify`, the duplicate check and
`faceattend bench openset` all call `OpenSetDecider.decide`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from app.core.matcher import Match, Matcher, l2_normalise
from app.core.recognition.calibration import (
    MAX_TARGET_FPIR,
    MIN_TARGET_FPIR,
    Calibrator,
    Threshold,
    calibrator_for,
)
from app.core.recognition.crowding import CANDIDATES, Crowding
from app.core.settings import RecognitionSettings

log = logging.getLogger(__name__)

MATCH: Final = "match"
UNKNOWN: Final = "unknown"
AMBIGUOUS: Final = "ambiguous"
DEFAULT_TARGET = 1e-3
NO_SECOND = -1.0  # the second-best similarity when the gallery holds one person


@dataclass(frozen=True)
class Decision:
    decision: str  # MATCH | UNKNOWN | AMBIGUOUS
    key: str | None  # the matched person (MATCH), else the best candidate or None (empty gallery)
    similarity: float  # the fused top score (-1.0 for an empty gallery)
    margin: float  # best − second best
    threshold: Threshold
    frames: int

    @property
    def matched(self) -> bool:
        return self.decision == MATCH


def fuse(vectors: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> npt.NDArray[np.float32]:
    """Unit (quality-)weighted mean of unit embeddings."""
    unit = l2_normalise(vectors)
    unit = unit.reshape(-1, unit.shape[-1])
    if weights is None:
        w = np.ones(len(unit), dtype=np.float32)
    else:
        w = np.clip(np.asarray(weights, dtype=np.float32).reshape(-1), 1e-3, None)
    return l2_normalise((unit * w[:, None]).sum(axis=0))


def judge(hits: Sequence[Match], threshold: Threshold, margin: float, frames: int) -> Decision:
    """The rule on a fused probe's top-2 hits (different persons, best first)."""
    if not hits:
        return Decision(UNKNOWN, None, -1.0, 0.0, threshold, frames)
    best = hits[0]
    second = hits[1].similarity if len(hits) > 1 else NO_SECOND
    gap = best.similarity - second
    if best.similarity < threshold.similarity:
        return Decision(UNKNOWN, best.key, best.similarity, gap, threshold, frames)
    if gap < margin:
        return Decision(AMBIGUOUS, best.key, best.similarity, gap, threshold, frames)
    return Decision(MATCH, best.key, best.similarity, gap, threshold, frames)


def usable_target(settings: RecognitionSettings) -> float:
    """The configured target FPIR within the supported range (a bad setting must not stop the kiosk)."""
    target = settings.target_fpir
    clamped = min(max(target, MIN_TARGET_FPIR), MAX_TARGET_FPIR) if target == target else DEFAULT_TARGET
    if clamped != target:
        log.warning(
            "target FPIR %r is outside %g … %g: using %g", target, MIN_TARGET_FPIR, MAX_TARGET_FPIR, clamped
        )
    return clamped


class OpenSetDecider:
    """Decides tracks against one gallery at the configured target FPIR and margin."""

    def __init__(
        self, matcher: Matcher, settings: RecognitionSettings, calibrator: Calibrator | None = None
    ) -> None:
        self.matcher = matcher
        self.settings = settings
        self.calibrator = calibrator if calibrator is not None else calibrator_for(matcher)
        self.crowding = Crowding(matcher, self.calibrator.table, settings.crowding)

    def threshold(self, gallery_size: int | None = None, frames: int | None = None) -> Threshold:
        """For a probe of `frames` frames (one frame: the single-photo tails; None: any track)."""
        return self.calibrator.threshold(usable_target(self.settings), gallery_size, probe_frames=frames)

    def decide(
        self,
        vectors: npt.ArrayLike,
        weights: npt.ArrayLike | None = None,
        exclude: str | None = None,
    ) -> Decision:
        """One track's decision; `exclude` drops one person from the candidates (re-enrolment)."""
        unit = np.asarray(vectors, dtype=np.float32)
        frames = 1 if unit.ndim == 1 else len(unit)
        fused = fuse(unit, weights)
        hits = [h for h in self.matcher.search(fused, k=CANDIDATES + 1) if h.key != exclude][:CANDIDATES]
        return judge(self.crowding.rerank(hits), self.threshold(frames=frames), self.settings.margin, frames)

    def decide_many(self, tracks: Sequence[npt.ArrayLike]) -> list[Decision]:
        """Many tracks in one matrix product (each track: one vector or a stack of frames)."""
        if not tracks:
            return []
        fused = np.stack([fuse(t) for t in tracks])
        out = []
        for track, hits in zip(tracks, self.matcher.search_many(fused, k=CANDIDATES), strict=True):
            frames = 1 if np.asarray(track).ndim == 1 else len(np.asarray(track))
            ranked = self.crowding.rerank(hits)
            out.append(judge(ranked, self.threshold(frames=frames), self.settings.margin, frames))
        return out


@dataclass(frozen=True)
class ThresholdSummary:
    """What the Settings page shows."""

    target_fpir: float
    similarity: float
    distance: float
    gallery_size: int
    strangers_per_10k: float  # expected strangers accepted per 10,000 attempts
    margin: float
    source: str

    def lines(self) -> list[tuple[str, str]]:
        return [
            ("Target false matches per decision", f"{self.target_fpir:g}"),
            (
                "Threshold in use",
                f"similarity {self.similarity:.3f} (distance {self.distance:.3f}), "
                f"{self.gallery_size} people enrolled",
            ),
            ("Expected strangers accepted per 10,000 attempts", f"{self.strangers_per_10k:.2g}"),
            ("Margin over the second-best person", f"{self.margin:.3f}"),
        ]


def summarise(calibrator: Calibrator, settings: RecognitionSettings) -> ThresholdSummary:
    target = usable_target(settings)
    t = calibrator.threshold(target)
    return ThresholdSummary(
        target,
        t.similarity,
        t.distance,
        t.gallery_size,
        t.expected_fpir * 10_000,
        settings.margin,
        t.source,
    )


def fused_hits_from_frames(
    frame_hits: Sequence[Sequence[Match]], vectors: npt.ArrayLike, weights: npt.ArrayLike | None = None
) -> list[Match]:
    """The fused probe's top-2 from each frame's own top hits, when the gallery itself is not at hand.

    The fused similarity is linear in the frames' similarities: ⟨f, t⟩ = Σ wᵢ⟨eᵢ, t⟩ / ‖Σ wᵢeᵢ‖. It is exact
    for a person listed in every frame; a person missing from some frame cannot be the best (dropped) and
    is bounded above by that frame's lowest listed score as the second best (a stricter margin).
    """
    unit = l2_normalise(vectors).reshape(len(frame_hits), -1)
    w = np.ones(len(unit)) if weights is None else np.clip(np.asarray(weights, float).reshape(-1), 1e-3, None)
    norm = float(np.linalg.norm((unit * w[:, None]).sum(axis=0)))
    if norm <= 0 or not frame_hits or any(not h for h in frame_hits):
        return []
    keys = {m.key for hits in frame_hits for m in hits}
    exact: list[Match] = []
    bounded: list[Match] = []
    for key in keys:
        scores, complete = [], True
        for hits in frame_hits:
            listed = next((m.similarity for m in hits if m.key == key), None)
            if listed is None:
                complete = False
                listed = hits[-1].similarity
            scores.append(listed)
        fused = Match(key, float(np.dot(w, scores) / norm))
        (exact if complete else bounded).append(fused)
    exact.sort(key=lambda m: -m.similarity)
    if not exact:
        return []
    rest = sorted(exact[1:] + bounded, key=lambda m: -m.similarity)
    return [exact[0], *rest[:1]]  # a bounded second above the best gives a negative margin: ambiguous
