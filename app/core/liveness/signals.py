"""Low-level liveness signals shared by the checks: blink events and the planar-motion residual."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from app.core.settings import LivenessSettings
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


# MediaPipe FaceMesh eye contours for the eye aspect ratio: outer corner, two upper-lid points, inner corner,
# two lower-lid points (each lower point below the upper point of the same rank).
LEFT_EYE_CONTOUR = (33, 160, 158, 133, 153, 144)
RIGHT_EYE_CONTOUR = (362, 385, 387, 263, 373, 380)


def eye_aspect_ratios(face: FaceObservation) -> tuple[float, float]:
    """Eye opening / eye width of each eye (Soukupova & Cech's eye aspect ratio) from the landmarks: ~0.3
    open, ~0.05 shut."""

    def ratio(idx: tuple[int, ...]) -> float:
        p = np.asarray(face.landmarks[list(idx), :2], dtype=np.float64)
        opening = float(np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4]))
        return opening / max(2.0 * float(np.linalg.norm(p[0] - p[3])), 1e-6)

    return ratio(LEFT_EYE_CONTOUR), ratio(RIGHT_EYE_CONTOUR)


class EyeShapeClosure:
    """0 = as open as this person's eyes usually are, 1 = shut: 1 - EAR / the person's own open-eye EAR (a
    high quantile of the recent frames', per eye), averaged over the two eyes.

    Unlike the eyeBlink blendshapes it needs no assumption about how open an eye looks: a face seen from
    above or through glasses (blendshape near 0.5 at rest, a blink only 0.3 above it) still blinks from
    its own baseline to near 0. Frames where the face is clearly smaller than usual (head turned away:
    the eye contour is foreshortened) are left out. None until `min_samples` frames set the baseline."""

    def __init__(
        self, window: int = 90, min_samples: int = 8, quantile: float = 0.75, min_size_ratio: float = 0.85
    ) -> None:
        self.window = window
        self.min_samples = min_samples
        self.quantile = quantile
        self.min_size_ratio = min_size_ratio
        self._sizes: deque[float] = deque(maxlen=window)
        self._ratios: deque[tuple[float, float]] = deque(maxlen=window)

    def reset(self) -> None:
        self._sizes.clear()
        self._ratios.clear()

    def update(self, face: FaceObservation) -> float | None:
        size = face.inter_eye_distance
        self._sizes.append(size)
        if size < self.min_size_ratio * float(np.median(self._sizes)):
            return None
        left, right = eye_aspect_ratios(face)
        self._ratios.append((left, right))
        if len(self._ratios) < self.min_samples:
            return None
        open_left, open_right = np.quantile(np.asarray(self._ratios), self.quantile, axis=0)
        return float(1.0 - 0.5 * (left / max(open_left, 1e-6) + right / max(open_right, 1e-6)))


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


class BlinkCounter:
    """Blinks from two signals: the eyeBlink blendshapes (BlinkDetector on eye_closure) and the eye shape
    relative to the person's own open eyes (BlinkDetector on EyeShapeClosure, thresholds `blink_shape_rise` /
    `blink_shape_fall`). Either one counts; both firing on the same blink count once.

    Why two: a person looking down at the kiosk or wearing glasses keeps the blendshape near 0.5 with eyes
    open, and a spontaneous blink then rises only ~0.3 (real3.mov under a coarse camera: 0.27-0.29, not
    counted), while the same blink takes the eye shape from its own baseline to near shut (relative closure
    >= 0.49 under every simulated webcam, >= 0.58 but under low light). A photo, a replica or a mask never
    changes its eye shape like that: the strongest such event in the 30 generated attack videos under 8
    simulated webcams is 0.30 (a tilted photo under low light; the blendshape detector counts false blinks
    on two of them there); the attacker's own live blinks at fake3's start 0.39
    (tools/bench_liveness_webcams.py cameras, tests/test_liveness_blink_shape.py)."""

    def __init__(
        self,
        peak: float,
        rise: float,
        fall: float,
        max_duration_s: float,
        shape_rise: float,
        shape_fall: float,
    ) -> None:
        self.max_duration_s = max_duration_s
        self.blend = BlinkDetector(peak, rise, fall, max_duration_s)
        self.shape = BlinkDetector(shape_rise, shape_rise, shape_fall, max_duration_s)
        self.shape_closure = EyeShapeClosure()
        self.count = 0
        self.by_signal = {"blendshape": 0, "eye_shape": 0}
        self.eye_closure: float | None = None  # the last frame's eye shape relative to the person's own
        self._last_t = -1e9

    def reset(self) -> None:
        self.blend.reset()
        self.shape.reset()
        self.shape_closure.reset()
        self.eye_closure = None
        self.count = 0
        self.by_signal = {"blendshape": 0, "eye_shape": 0}
        self._last_t = -1e9

    @property
    def current_peak_progress(self) -> float:
        """0..1 how far the current closure has gone (the larger of the two signals), for a UI."""
        return max(self.blend.current_peak_progress, self.shape.current_peak_progress)

    def update(self, t_s: float, face: FaceObservation) -> bool:
        """Feed one frame's face; True when a blink just completed (counted once per blink)."""
        by_blend = self.blend.update(t_s, eye_closure(face))
        closure = self.shape_closure.update(face)
        self.eye_closure = closure
        by_shape = closure is not None and self.shape.update(t_s, closure)
        self.by_signal["blendshape"] += int(by_blend)
        self.by_signal["eye_shape"] += int(by_shape)
        if not (by_blend or by_shape) or t_s - self._last_t <= self.max_duration_s:
            return False
        self._last_t = t_s
        self.count += 1
        return True


def blink_counter(settings: LivenessSettings) -> BlinkCounter:
    """The blink counter every liveness check uses, with the thresholds from the settings."""
    s = settings
    shape = (s.blink_shape_rise, s.blink_shape_fall)
    return BlinkCounter(s.blink_peak, s.blink_rise, s.blink_fall, s.blink_max_duration_s, *shape)
