"""Low-level liveness signals shared by the checks: blink events and the planar-motion residual."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from app.core.vision.face import FaceObservation

# Landmarks on rigid parts of the face (no eyelids, no lips): eye corners, brows, nose, forehead,
# the face's silhouette and chin. A flat photo moves them all by one homography; a turning head does not
# (the nose moves against the cheeks, silhouette points slide along the head).
STABLE_POINTS = (
    33, 133, 263, 362,  # eye corners
    70, 105, 300, 334, 21, 251,  # brows, temples
    1, 2, 4, 5, 6, 168, 197, 195, 98, 327, 129, 358,  # nose
    10, 151, 9, 8,  # forehead midline
    234, 454, 93, 323, 132, 361,  # silhouette
    152, 199, 175,  # chin
)  # fmt: skip


def stable_points(face: FaceObservation) -> npt.NDArray[np.float64]:
    return np.asarray(face.landmarks[list(STABLE_POINTS), :2], dtype=np.float64)


def homography_residual(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], scale: float, robust: bool = False
) -> float:
    """Distance (divided by `scale`, the inter-eye distance) left after the best homography from point
    set a to point set b: RMS after a least-squares fit, or with `robust` the median distance after a
    least-median-of-squares fit (for tracked points, a few of which drift). ~0.01 for a flat picture."""
    h, _ = cv2.findHomography(a, b, cv2.LMEDS if robust else 0)
    if h is None:
        return float("nan")
    mapped = cv2.perspectiveTransform(a.reshape(-1, 1, 2), h).reshape(-1, 2)
    dist = np.sqrt(np.sum((mapped - b) ** 2, axis=1))
    value = float(np.median(dist)) if robust else float(np.sqrt(np.mean(dist**2)))
    return value / max(scale, 1e-6)


def affine_residual(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], scale: float) -> float:
    """As homography_residual, for the best least-squares affine map (no perspective)."""
    x = np.c_[a, np.ones(len(a))]
    solution, *_ = np.linalg.lstsq(x, b, rcond=None)
    return float(np.sqrt(np.mean(np.sum((x @ solution - b) ** 2, axis=1))) / max(scale, 1e-6))


def track_points(
    prev_gray: npt.NDArray[np.uint8],
    gray: npt.NDArray[np.uint8],
    points: npt.NDArray[np.float32],
    window: int = 15,
    max_fb_error: float = 1.0,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
    """Pyramidal Lucas-Kanade from prev_gray to gray for (N, 2) points, with a forward-backward check.
    Returns the new positions (N, 2) and which points were tracked reliably."""
    p0 = np.ascontiguousarray(points, dtype=np.float32).reshape(-1, 1, 2)
    lk = cv2.calcOpticalFlowPyrLK
    p1, st, _ = lk(prev_gray, gray, p0, None, winSize=(window, window), maxLevel=3)
    back, st2, _ = lk(gray, prev_gray, p1, None, winSize=(window, window), maxLevel=3)
    fb = np.linalg.norm((np.asarray(back) - p0).reshape(-1, 2), axis=1)
    ok = (np.asarray(st).ravel() == 1) & (np.asarray(st2).ravel() == 1) & (fb < max_fb_error)
    return np.asarray(p1, dtype=np.float32).reshape(-1, 2), ok


def eye_closure(face: FaceObservation) -> float:
    """0 open .. 1 closed: the mean of MediaPipe's eyeBlinkLeft/Right blendshapes."""
    b = face.blendshapes
    return 0.5 * (b.get("eyeBlinkLeft", 0.0) + b.get("eyeBlinkRight", 0.0))


@dataclass
class BlinkDetector:
    """A blink = the eye-closure signal rises by `rise` to at least `peak` and falls back by `fall`,
    all within `max_duration_s`. Slow drifts (looking down) are not blinks."""

    peak: float = 0.45
    rise: float = 0.3
    fall: float = 0.25
    max_duration_s: float = 0.8

    def __post_init__(self) -> None:
        self._history: deque[tuple[float, float]] = deque()
        self._last_blink_t = -1e9
        self.count = 0
        self.current_peak_progress = 0.0  # 0..1 how far the current closure has gone (for a UI)

    def reset(self) -> None:
        self._history.clear()
        self._last_blink_t = -1e9
        self.count = 0
        self.current_peak_progress = 0.0

    def update(self, t_s: float, closure: float) -> bool:
        """Feed one sample; True when a blink just completed."""
        hist = self._history
        hist.append((t_s, closure))
        while hist and t_s - hist[0][0] > self.max_duration_s:
            hist.popleft()
        values = np.array([v for _, v in hist])
        times = np.array([ts for ts, _ in hist])
        i_peak = int(np.argmax(values))
        peak = float(values[i_peak])
        before = float(values[: i_peak + 1].min())
        self.current_peak_progress = float(min(1.0, max(0.0, (closure - before) / self.rise)))
        if peak < self.peak or peak - before < self.rise or times[i_peak] <= self._last_blink_t:
            return False
        after = float(values[i_peak:].min())
        if peak - after < self.fall:
            return False
        self._last_blink_t = float(times[i_peak])
        self.count += 1
        self.current_peak_progress = 0.0
        return True
