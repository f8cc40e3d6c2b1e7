"""A screen-frame cue, measured and NOT used: straight edges flanking the face on both sides.

The idea: a phone or tablet replaying a face, or a printed photo, brings its own straight edges (the bezel,
the paper's border) close around the face, on both sides of it. Per frame: straight segments (OpenCV's line
segment detector) in the region `REACH` face sizes around the face, scaled so the face is `FACE_PX` wide and
smoothed; "framed" when a near-vertical segment left of the face AND one right of it each span at least
`MIN_COVER` of the face's height.

Why it is not used (tools/bench_screen_frame.py, session 10; README "hand-made attack cues"): per frame it
separates the shared videos well (fake2 0.46-0.55 of face frames framed, live real2 <= 0.01, real3 <= 0.06),
but the only attack it would add is none: fake2 is refused by the passive model already, and in fake3.mp4
the face it finds framed is the attacker's OWN live face (first 1.7 s, a window grille on one side and the
phone held beside his head on the other); the replayed face on the phone was not found by the landmarker
then (it is since session 11, and refused by the context cue: the phone and hand move with it).
Used in the decision (tried: per track, >= 5 framed frames and >= 25 % of those checked) it refused that
live person in all 19 runs from 0 s, and it flags 2.0 % of one-photo-per-person LFW scenes (door frames,
curtains, panels; about half are photos of a printed photo).
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

GrayImage = npt.NDArray[np.uint8]
Box = tuple[float, float, float, float]
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in frame pixels

REACH = 1.6  # face widths / heights searched beyond the face box
MIN_COVER = 0.6  # a side spans at least this share of the face's height
FACE_PX = 96.0  # the region is scaled so the face is this wide
SMOOTH_SIGMA = 1.5
MAX_TILT_DEG = 15.0  # a side: within this many degrees of vertical


def flanking_segments(
    gray: GrayImage, box: Box, ignore: npt.NDArray[np.uint8] | None = None
) -> tuple[Segment | None, Segment | None]:
    """The longest-covering straight near-vertical edge left and right of the face `box` (None: none spans
    `MIN_COVER` of its height). `ignore`: a mask (frame size) of pixels whose edges are no scene (e.g. the
    black border an alignment warp leaves)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    height, width = gray.shape[:2]
    rx0, rx1 = int(max(0, x0 - REACH * w)), int(min(width, x1 + REACH * w))
    ry0, ry1 = int(max(0, y0 - REACH * h)), int(min(height, y1 + REACH * h))
    if w < 4 or h < 4 or rx1 - rx0 < 8 or ry1 - ry0 < 8:
        return None, None
    k = FACE_PX / w
    scaled = cv2.resize(
        gray[ry0:ry1, rx0:rx1], None, fx=k, fy=k, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR
    )
    roi = np.asarray(cv2.GaussianBlur(scaled, (0, 0), SMOOTH_SIGMA), dtype=np.uint8)
    found = cv2.createLineSegmentDetector().detect(roi)[0]
    best: dict[str, tuple[float, Segment]] = {}
    for ax, ay, bx, by in np.zeros((0, 4)) if found is None else np.asarray(found, np.float64).reshape(-1, 4):
        if abs(abs(math.degrees(math.atan2(by - ay, bx - ax))) % 180.0 - 90.0) > MAX_TILT_DEG:
            continue
        seg = (ax / k + rx0, ay / k + ry0, bx / k + rx0, by / k + ry0)
        if ignore is not None and _touches(ignore, seg):
            continue
        lo, hi = sorted((seg[1], seg[3]))
        cover = max(0.0, min(hi, y1) - max(lo, y0)) / h
        x_mid = (seg[0] + seg[2]) / 2
        side = "left" if x_mid < x0 else "right" if x_mid > x1 else ""
        if side and cover >= MIN_COVER and cover > best.get(side, (0.0, seg))[0]:
            best[side] = (cover, seg)
    left, right = best.get("left"), best.get("right")
    return (left[1] if left else None), (right[1] if right else None)


def framed(gray: GrayImage, box: Box, ignore: npt.NDArray[np.uint8] | None = None) -> bool:
    """True when straight edges flank the face on both sides."""
    left, right = flanking_segments(gray, box, ignore)
    return left is not None and right is not None


def _touches(mask: npt.NDArray[np.uint8], seg: Segment) -> bool:
    h, w = mask.shape[:2]
    points = ((seg[0], seg[1]), (seg[2], seg[3]), ((seg[0] + seg[2]) / 2, (seg[1] + seg[3]) / 2))
    return any(mask[min(h - 1, max(0, int(y))), min(w - 1, max(0, int(x)))] for x, y in points)
