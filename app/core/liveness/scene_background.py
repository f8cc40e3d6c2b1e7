"""The empty scene in front of a fixed camera, for telling the room's own straight lines from a screen's.

A kiosk camera does not move, and most of the time nobody stands in front of it. A running mean of the grey
frames with no face in view is then the room itself: its door frames, windows and shelves. A straight edge
found beside a face that the empty scene shows at the same place, with a comparable contrast, belongs to the
room; a screen or a picture held up to the camera brings edges the empty scene never had.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from app.core.liveness.screen_frame import EdgeSegment

GrayImage = npt.NDArray[np.uint8]
_SAMPLES_ALONG = 16  # points sampled along a segment
_ACROSS_PX = 2.0  # contrast across the segment: the grey levels this far on either side


class SceneBackground:
    """Running mean of idle frames (no face in view), sampled every `every_s` seconds; ready after
    `min_samples` of them. Reset when the camera's frame size changes."""

    def __init__(
        self,
        alpha: float = 0.1,
        min_samples: int = 10,
        every_s: float = 0.5,
        min_contrast: float = 8.0,
        min_ratio: float = 0.5,
    ) -> None:
        self.alpha = alpha
        self.min_samples = min_samples
        self.every_s = every_s
        self.min_contrast = min_contrast  # grey levels across the line, in the empty scene
        self.min_ratio = min_ratio  # ... and at least this share of the contrast the line has now
        self._mean: npt.NDArray[np.float32] | None = None
        self._samples = 0
        self._last_t: float | None = None

    @property
    def ready(self) -> bool:
        return self._mean is not None and self._samples >= self.min_samples

    def observe(self, gray: GrayImage, t_s: float) -> None:
        """A frame with nobody in view (the caller knows: no face was found)."""
        if self._last_t is not None and 0.0 <= t_s - self._last_t < self.every_s:
            return
        self._last_t = t_s
        frame = gray.astype(np.float32)
        if self._mean is None or self._mean.shape != frame.shape:
            self._mean = frame
            self._samples = 1
            return
        self._mean += self.alpha * (frame - self._mean)
        self._samples += 1

    def wants_frame(self, t_s: float) -> bool:
        """Whether `observe` would use a frame at `t_s` (the caller can skip converting it to grey)."""
        return self._last_t is None or not 0.0 <= t_s - self._last_t < self.every_s

    def explains(self, gray: GrayImage, seg: EdgeSegment) -> bool:
        """True when the empty scene shows this straight edge too (same place, comparable contrast)."""
        if not self.ready or self._mean is None or self._mean.shape != gray.shape:
            return False
        now = _contrast_across(gray.astype(np.float32), seg)
        before = _contrast_across(self._mean, seg)
        return before >= self.min_contrast and before >= self.min_ratio * now


def _contrast_across(image: npt.NDArray[np.float32], seg: EdgeSegment) -> float:
    """Median absolute grey-level difference across the segment (2 px either side), along its length."""
    height, width = image.shape[:2]
    dx, dy = seg.x1 - seg.x0, seg.y1 - seg.y0
    length = float(np.hypot(dx, dy))
    if length < 1e-6:
        return 0.0
    nx, ny = -dy / length * _ACROSS_PX, dx / length * _ACROSS_PX
    t = np.linspace(0.0, 1.0, _SAMPLES_ALONG)
    px, py = seg.x0 + t * dx, seg.y0 + t * dy

    def sample(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
        xi = np.clip(np.rint(x).astype(int), 0, width - 1)
        yi = np.clip(np.rint(y).astype(int), 0, height - 1)
        return image[yi, xi]

    return float(np.median(np.abs(sample(px + nx, py + ny) - sample(px - nx, py - ny))))
