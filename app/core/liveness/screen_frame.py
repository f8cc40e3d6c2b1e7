"""A frame around the face: the edges of a screen or a picture held up to the camera.

A phone or tablet replaying a face, and a printed photo, bring their own straight edges (the screen's bezel,
the paper's border) close around the face, on BOTH sides of it. A live face has hair, ears and shoulders
there; a straight background line (a door frame, a window) rarely flanks it on both sides at once.

Per frame: straight segments (OpenCV's line segment detector) in the region around the face, scaled so the
face is `screen_frame_face_px` wide and smoothed; the frame is "framed" when a near-vertical segment left of
the face AND one right of it each span at least `screen_frame_min_cover` of the face's height. Per track:
a frame around the face once at least `screen_frame_min_frames` frames are framed and they are at least
`screen_frame_min_share` of the frames checked (one stray line never decides). A line that the empty scene
shows at the same place (`SceneBackground`, learnt by a fixed kiosk camera while nobody is in view) is part
of the room, not of a screen, and does not count.

Measured per frame (`tools/bench_screen_frame.py`, 19 simulated webcams): the phone replays fake2.webm
0.45-0.55 and fake3.mp4 0.73-0.88 of face frames framed (0.31 under low light); live real2.webm <= 0.01 and
real3.mov <= 0.05 (scattered single frames); one photo per LFW person (its black warp borders ignored):
1.9 %, about half of them photos of a printed photo or a roster sheet, the rest door frames, curtains and
panels behind the head. That last case is this cue's cost: a person who stands still in a door frame
flanked tightly on both sides, at a camera that never saw the empty door.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from app.core.settings import LivenessSettings

GrayImage = npt.NDArray[np.uint8]
Box = tuple[float, float, float, float]
_MAX_TILT_DEG = 15.0  # a side of the frame: within this many degrees of vertical (a tilted phone too)


@dataclass(frozen=True)
class EdgeSegment:
    """A straight edge in frame pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class FlankingEdges:
    """The longest straight near-vertical edges found left and right of the face (None: none long enough)."""

    left: EdgeSegment | None
    right: EdgeSegment | None

    @property
    def framed(self) -> bool:
        return self.left is not None and self.right is not None


class KnownLines(Protocol):
    """Straight lines that belong to the room, not to a screen (liveness/scene_background.SceneBackground)."""

    def explains(self, gray: GrayImage, seg: EdgeSegment) -> bool: ...


_detector: cv2.LineSegmentDetector | None = None


def _segments(roi: GrayImage) -> npt.NDArray[np.float32]:
    global _detector
    if _detector is None:
        _detector = cv2.createLineSegmentDetector()
    found = _detector.detect(roi)[0]
    return np.zeros((0, 4), np.float32) if found is None else np.asarray(found, np.float32).reshape(-1, 4)


def flanking_edges(
    gray: GrayImage, box: Box, settings: LivenessSettings, background: KnownLines | None = None
) -> FlankingEdges:
    """The straight edges beside the face `box` (x0, y0, x1, y1) that span at least `screen_frame_min_cover`
    of its height; edges the empty scene shows too (`background`, when it is ready) are left out."""
    s = settings
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    height, width = gray.shape[:2]
    if w < 4 or h < 4:
        return FlankingEdges(None, None)
    reach = s.screen_frame_reach
    rx0, rx1 = int(max(0, x0 - reach * w)), int(min(width, x1 + reach * w))
    ry0, ry1 = int(max(0, y0 - reach * h)), int(min(height, y1 + reach * h))
    if rx1 - rx0 < 8 or ry1 - ry0 < 8:
        return FlankingEdges(None, None)
    k = s.screen_frame_face_px / w
    scaled = cv2.resize(
        gray[ry0:ry1, rx0:rx1], None, fx=k, fy=k, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR
    )
    if s.screen_frame_smooth_sigma > 0:
        scaled = cv2.GaussianBlur(scaled, (0, 0), s.screen_frame_smooth_sigma)
    roi: GrayImage = np.asarray(scaled, dtype=np.uint8)
    best: dict[str, tuple[float, EdgeSegment]] = {}
    for ax, ay, bx, by in _segments(roi):
        angle = abs(math.degrees(math.atan2(by - ay, bx - ax))) % 180.0
        if abs(angle - 90.0) > _MAX_TILT_DEG:
            continue
        seg = EdgeSegment(ax / k + rx0, ay / k + ry0, bx / k + rx0, by / k + ry0)
        lo, hi = sorted((seg.y0, seg.y1))
        cover = max(0.0, min(hi, y1) - max(lo, y0)) / h
        if cover < s.screen_frame_min_cover:
            continue
        side = "left" if seg.x < x0 else "right" if seg.x > x1 else ""
        if not side or cover <= best.get(side, (0.0, seg))[0]:
            continue
        if background is not None and background.explains(gray, seg):
            continue  # part of the room (a door frame, a window), seen with nobody in front of it
        best[side] = (cover, seg)
    left, right = best.get("left"), best.get("right")
    return FlankingEdges(left[1] if left else None, right[1] if right else None)


class ScreenFrameCheck:
    """Counts a track's framed frames; `detected` once they are enough, and a large enough share."""

    def __init__(self, settings: LivenessSettings) -> None:
        self.settings = settings
        self.checked = 0
        self.framed = 0

    def reset(self) -> None:
        self.checked = 0
        self.framed = 0

    @property
    def enabled(self) -> bool:
        return self.settings.screen_frame_check

    def update(self, gray: GrayImage, box: Box, background: KnownLines | None = None) -> bool:
        """Check one frame; True when the face is flanked by straight edges on both sides."""
        if not self.enabled:
            return False
        framed = flanking_edges(gray, box, self.settings, background).framed
        self.checked += 1
        self.framed += int(framed)
        return framed

    @property
    def share(self) -> float:
        return self.framed / self.checked if self.checked else 0.0

    @property
    def detected(self) -> bool:
        s = self.settings
        enough = self.framed >= s.screen_frame_min_frames
        return self.enabled and enough and self.share >= s.screen_frame_min_share

    @property
    def suspect(self) -> bool:
        """Framed frames are a large share but not yet enough to decide: wait before calling it live."""
        return self.enabled and self.framed > 0 and self.share >= self.settings.screen_frame_min_share
