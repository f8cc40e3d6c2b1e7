"""Motion evidence: the scene around the face (context) and the static-scene test.

Context motion (after Anjos & Marcel, "Counter-measures to photo attacks in face recognition", IJCB 2011:
a hand-held medium moves its surroundings with the face; a live head in front of a fixed camera moves
against a still background). We track corner features in two bands beside the face (left and right, at
eye-to-chin height, clear of hair and ears) with pyramidal Lucas-Kanade, and ask of each feature: does it
follow the face's own motion (the homography of the face's stable landmarks), or does it stay still?
A photo's border and background, or a phone's screen and bezel, move about as much as the face; a wall
does not (hair and ears entering the bands move, but the median over the features stays low). The
context's motion is that of the side that moved least (`_least_moving_side`): a hand-held medium carries
both sides along, a live person holding a phone to one ear only one. This
assumes a fixed camera (desk or kiosk); a camera carried by the user would fail live people. The frames are
smoothed first (`smooth_sigma`): a noisy camera's grain makes corners of its own that drift at random and
made a live person's background seem to follow the face; and pairs count by how far the face moved.

Static scene: over `window_s` seconds, a live face blinks or shows non-rigid motion (expression, a
turning head: residual after the best homography); a photo held still shows neither.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from app.core.liveness.signals import homography_residual, stable_points, track_points
from app.core.vision.face import FaceObservation

log = logging.getLogger(__name__)

GrayImage = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class ContextPair:
    face_motion_px: float  # median displacement of the face's stable landmarks
    context_motion_px: float  # median displacement of the tracked features beside the face
    n_features: int

    @property
    def ratio(self) -> float:
        """Context motion / face motion: ~0.1 for a head before a wall, ~0.6-1+ for a hand-held medium."""
        return self.context_motion_px / max(self.face_motion_px, 1.0)


def context_mask(face: FaceObservation, shape: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """Two bands beside the face: 0.25..1.0 face widths out from the cheeks, eye level to chin."""
    x0, _y0, x1, y1 = face.box
    w = x1 - x0
    eye_y = float(face.five_points[:4, 1].mean())
    mask = np.zeros(shape, dtype=np.uint8)
    top, bottom = int(max(0, eye_y - 0.1 * w)), int(min(shape[0], y1))
    for a, b in ((x0 - 1.0 * w, x0 - 0.25 * w), (x1 + 0.25 * w, x1 + 1.0 * w)):
        ia, ib = int(max(0, a)), int(min(shape[1], b))
        if ib > ia and bottom > top:
            mask[top:bottom, ia:ib] = 255
    return mask


MIN_SIDE_FEATURES = 3  # a side of the face with fewer tracked features says nothing on its own


def _least_moving_side(
    points: npt.NDArray[np.float64], motion: npt.NDArray[np.float64], face: FaceObservation
) -> float:
    """The context's motion: the median of the side (left or right of the face) that moved least, among the
    sides with `MIN_SIDE_FEATURES` tracked features (all features when neither has). A hand-held picture or
    screen carries everything around the face along; a live person holding a phone to one ear moves only
    that side (real2 with a phone-shaped patch beside the face, moving with it: ratio 0.68 over both bands
    pooled, 0.31 on the least moving side, on the side where the background shows features)."""
    x0, _y0, x1, _y1 = face.box
    left = points[:, 0] < 0.5 * (x0 + x1)
    sides = [motion[left], motion[~left]]
    medians = [float(np.median(m)) for m in sides if len(m) >= MIN_SIDE_FEATURES]
    return min(medians) if medians else float(np.median(motion))


class ContextMotionCheck:
    def __init__(
        self,
        step_frames: int = 3,
        min_face_motion_px: float = 2.0,
        ratio_threshold: float = 0.3,
        min_pairs: int = 8,
        window: int = 30,
        smooth_sigma: float = 0.0,
    ) -> None:
        self.step_frames = max(1, step_frames)
        self.smooth_sigma = smooth_sigma
        self.min_face_motion_px = min_face_motion_px
        self.ratio_threshold = ratio_threshold
        self.min_pairs = min_pairs
        self.pairs: deque[ContextPair] = deque(maxlen=window)
        self._prev: tuple[GrayImage, FaceObservation] | None = None
        self._count = 0

    def reset(self) -> None:
        self.pairs.clear()
        self._prev = None
        self._count = 0

    def update(self, gray: GrayImage, face: FaceObservation) -> ContextPair | None:
        self._count += 1
        if self._prev is not None and self._count % self.step_frames:
            return None
        if self.smooth_sigma > 0:  # only the frames a pair uses (about 0.4 ms for 640 x 480)
            gray = np.asarray(cv2.GaussianBlur(gray, (0, 0), self.smooth_sigma), dtype=np.uint8)
        if self._prev is None:
            self._prev = (gray, face)
            return None
        prev_gray, prev_face = self._prev
        self._prev = (gray, face)
        a, b = stable_points(prev_face), stable_points(face)
        face_motion = float(np.median(np.linalg.norm(b - a, axis=1)))
        if prev_gray.shape != gray.shape:
            return None
        mask = context_mask(prev_face, prev_gray.shape[:2])
        corners = cv2.goodFeaturesToTrack(prev_gray, 80, 0.01, 6, mask=mask)
        if corners is None or len(corners) < 6:
            return None
        p0 = corners.reshape(-1, 2).astype(np.float32)
        p1, ok = track_points(prev_gray, gray, p0, window=15, max_fb_error=1.0)
        if ok.sum() < 6:
            return None
        q0, q1 = p0[ok].astype(np.float64), p1[ok].astype(np.float64)
        context_motion = _least_moving_side(q0, np.linalg.norm(q1 - q0, axis=1), prev_face)
        if max(face_motion, context_motion) < self.min_face_motion_px:
            return None  # nothing moved: no evidence either way
        pair = ContextPair(face_motion, context_motion, int(ok.sum()))
        self.pairs.append(pair)
        return pair

    @property
    def score(self) -> float:
        """The context/face motion ratio of recent pairs: their median weighted by the face's motion (a pair
        where the face barely moved says little, and noise made its ratio large); nan before any pair."""
        if not self.pairs:
            return float("nan")
        ratios = np.array([p.ratio for p in self.pairs])
        weights = np.array([max(p.face_motion_px, 1.0) for p in self.pairs])
        order = np.argsort(ratios)
        cumulative = np.cumsum(weights[order])
        return float(ratios[order][np.searchsorted(cumulative, cumulative[-1] / 2)])

    @property
    def decided(self) -> bool:
        return len(self.pairs) >= self.min_pairs

    @property
    def coupled(self) -> bool:
        """True when the surroundings move with the face: a hand-held picture or screen."""
        return self.decided and self.score >= self.ratio_threshold


class StaticSceneCheck:
    """Not live when, for `window_s` seconds, there is neither a blink nor non-rigid face motion."""

    def __init__(self, window_s: float = 6.0, micro_motion_threshold: float = 0.03) -> None:
        self.window_s = window_s
        self.micro_motion_threshold = micro_motion_threshold
        self._start_t: float | None = None
        self._last_evidence_t: float | None = None
        self._ref: tuple[float, npt.NDArray[np.float64], float] | None = None
        self.max_residual = 0.0

    def reset(self) -> None:
        self._start_t = None
        self._last_evidence_t = None
        self._ref = None
        self.max_residual = 0.0

    def update(self, t_s: float, face: FaceObservation, blinked: bool) -> None:
        if self._start_t is None:
            self._start_t = t_s
        pts = stable_points(face)
        ied = face.inter_eye_distance
        if self._ref is None or t_s - self._ref[0] > 1.0:
            if self._ref is not None:
                residual = homography_residual(self._ref[1], pts, 0.5 * (ied + self._ref[2]))
                if np.isfinite(residual):
                    self.max_residual = max(self.max_residual, residual)
                    if residual >= self.micro_motion_threshold:
                        self._last_evidence_t = t_s
            self._ref = (t_s, pts, ied)
        if blinked:
            self._last_evidence_t = t_s

    def seconds_without_evidence(self, t_s: float) -> float:
        since = self._last_evidence_t if self._last_evidence_t is not None else self._start_t
        return 0.0 if since is None else t_s - since

    def is_static(self, t_s: float) -> bool:
        return self.seconds_without_evidence(t_s) >= self.window_s

    @property
    def has_evidence(self) -> bool:
        return self._last_evidence_t is not None
