"""3-D check: does the face move like a flat picture (one homography) or like a head?

Between two views of a flat photo or screen, every point maps through one homography, whatever the
hand does (pan, zoom, roll, tilt with perspective). Between two views of a head that turned, the nose
moves against the cheeks and the silhouette slides, so no homography fits. We keep key frames and, for
each new frame whose head pose differs enough from a key frame, fit the homography and record the RMS
residual / inter-eye distance. The median over recent pairs decides.

Which points: corner features tracked on the face itself (Lucas-Kanade, forward-backward checked) when
a grey frame is given and enough of them survive, else the stable landmarks. The tracked texture is the
better witness: the landmarker fits its own 3-D face model, so on a strongly tilted photo its landmarks
drift off the true homography (residual ~0.05), whereas texture points on paper follow it to a fraction
of a pixel.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np
import numpy.typing as npt

from app.core.liveness.signals import affine_residual, homography_residual, stable_points, track_points
from app.core.vision.face import FaceObservation
from app.core.vision.quality import face_mask

GrayImage = npt.NDArray[np.uint8]
MIN_TRACKS = 12

log = logging.getLogger(__name__)


class Planarity(Enum):
    UNKNOWN = "unknown"  # not enough rotation seen yet
    PLANAR = "planar"  # a flat picture
    THREE_D = "3d"  # a head


@dataclass
class _Key:
    t_s: float
    points: npt.NDArray[np.float64]
    ied: float
    yaw: float
    pitch: float


class PlanarityCheck:
    def __init__(
        self,
        min_rotation_deg: float = 8.0,
        threshold: float = 0.035,
        min_pairs: int = 6,
        planar_max: float = 0.02,
        max_keys: int = 40,
        key_interval_s: float = 0.1,
        window: int = 15,
        min_affine_residual: float = 0.02,
        confident_rotation_deg: float = 8.0,
        max_flat_ratio: float = 0.8,
    ) -> None:
        self.min_affine_residual = min_affine_residual
        self.confident_rotation_deg = confident_rotation_deg
        self.max_flat_ratio = max_flat_ratio
        self.min_rotation_deg = min_rotation_deg
        self.threshold = threshold
        self.planar_max = planar_max
        self.min_pairs = min_pairs
        self.key_interval_s = key_interval_s
        self._keys: deque[_Key] = deque(maxlen=max_keys)
        self.residuals: deque[float] = deque(maxlen=window)
        # Per pair in `residuals`: how much the view changed (head rotation in degrees, affine residual) and
        # whether the pair came from texture tracks (True) or from the landmarks (False).
        self.motions: deque[tuple[float, float, bool]] = deque(maxlen=window)
        self.max_rotation_seen = 0.0
        # Texture tracks: positions in the track key frame and now, and that key frame's pose.
        self._track_key: _Key | None = None
        self._track_p0: npt.NDArray[np.float32] | None = None
        self._track_p: npt.NDArray[np.float32] | None = None
        self._prev_gray: GrayImage | None = None
        self.texture_pairs = 0

    def reset(self) -> None:
        self._keys.clear()
        self.residuals.clear()
        self.motions.clear()
        self.max_rotation_seen = 0.0
        self._track_key = None
        self._track_p0 = self._track_p = self._prev_gray = None
        self.texture_pairs = 0

    def _start_tracks(self, t_s: float, gray: GrayImage, face: FaceObservation) -> None:
        mask = face_mask(face, gray.shape[:2])
        corners = cv2.goodFeaturesToTrack(gray, 120, 0.01, 4, mask=mask)
        if corners is None or len(corners) < MIN_TRACKS:
            self._track_key = None
            self._track_p0 = self._track_p = None
            return
        pts = corners.reshape(-1, 2).astype(np.float32)
        self._track_key = _Key(
            t_s, pts.astype(np.float64), face.inter_eye_distance, face.pose.yaw, face.pose.pitch
        )
        self._track_p0, self._track_p = pts, pts.copy()

    def _track(self, gray: GrayImage) -> None:
        """Advance the texture tracks by one frame (drop the ones that fail the forward-backward test)."""
        if self._track_p is None or self._track_p0 is None or self._prev_gray is None:
            return
        if self._prev_gray.shape != gray.shape:
            self._track_key = None
            self._track_p0 = self._track_p = None
            return
        nxt, ok = track_points(self._prev_gray, gray, self._track_p, window=21, max_fb_error=0.5)
        self._track_p0 = self._track_p0[ok]
        self._track_p = nxt[ok]

    def _texture_residual(self, face: FaceObservation) -> tuple[float, float, float] | None:
        """Homography residual of the texture tracks, when the motion since the key frame is informative:
        the head pose changed by `min_rotation_deg`, or an affine map leaves `min_affine_residual`
        unexplained (perspective: a tilted picture, or a turning head)."""
        key = self._track_key
        if key is None or self._track_p is None or self._track_p0 is None or len(self._track_p) < MIN_TRACKS:
            return None
        a, b = self._track_p0.astype(np.float64), self._track_p.astype(np.float64)
        scale = 0.5 * (face.inter_eye_distance + key.ied)
        rotation = max(abs(face.pose.yaw - key.yaw), abs(face.pose.pitch - key.pitch))
        affine = affine_residual(a, b, scale)
        if rotation < self.min_rotation_deg and affine < self.min_affine_residual:
            return None
        return homography_residual(a, b, scale), rotation, affine

    def update(self, t_s: float, face: FaceObservation, gray: GrayImage | None = None) -> float | None:
        """Feed one frame; returns the residual of the pair it formed, if any."""
        if gray is not None:
            self._track(gray)
            self._prev_gray = gray
            pair = self._texture_residual(face)
            residual_tex = None if pair is None else pair[0]
            alive = self._track_p is not None and len(self._track_p) >= MIN_TRACKS
            if pair is not None and np.isfinite(pair[0]):
                self.residuals.append(pair[0])
                self.motions.append((pair[1], pair[2], True))
                self.texture_pairs += 1
            stale = self._track_key is not None and t_s - self._track_key.t_s > 2.0
            if not alive or stale:
                self._start_tracks(t_s, gray, face)
            if residual_tex is not None or alive:
                return residual_tex
        pts = stable_points(face)
        ied = face.inter_eye_distance
        yaw, pitch = face.pose.yaw, face.pose.pitch
        residual = None
        if self._keys:
            rotations = [max(abs(yaw - k.yaw), abs(pitch - k.pitch)) for k in self._keys]
            best = int(np.argmax(rotations))
            self.max_rotation_seen = max(self.max_rotation_seen, rotations[best])
            if rotations[best] >= self.min_rotation_deg:
                key = self._keys[best]
                scale = 0.5 * (ied + key.ied)
                residual = homography_residual(key.points, pts, scale)
                if np.isfinite(residual):
                    self.residuals.append(residual)
                    self.motions.append((rotations[best], affine_residual(key.points, pts, scale), False))
        if not self._keys or t_s - self._keys[-1].t_s >= self.key_interval_s:
            self._keys.append(_Key(t_s, pts, ied, yaw, pitch))
        return residual

    @property
    def score(self) -> float:
        """Median residual / inter-eye distance over recent pairs (nan before any pair)."""
        return float(np.median(self.residuals)) if self.residuals else float("nan")

    @property
    def flat_confidence(self) -> float:
        """0..1: how far the recent motion can tell a head from a picture (nan before any pair).

        A pair can show flatness when the homography explains a clear part of what an affine map does not
        (residual / affine residual <= `max_flat_ratio`: perspective seen, and it is a plane's), or, for
        landmark pairs, when the head pose turned by `confident_rotation_deg` (a head's landmarks would
        then leave a clear residual). A face that barely moves gives neither: both fits leave the same
        tracking noise (ratio ~0.9-1), so its small residual says nothing. The pose is not trusted for
        texture pairs: on a noisy camera (real3.mov + noise sigma 8) the landmarker's pose jumped 16 deg
        while the tracked texture hardly moved (affine residual 0.013), which read as a flat turn.
        The confidence is the median over recent pairs of each pair's
        min(1, max(rotation / confident rotation, (1 - ratio) / (1 - max_flat_ratio))).
        """
        if not self.motions:
            return float("nan")
        values = []
        for residual, (rotation, affine, texture) in zip(self.residuals, self.motions, strict=True):
            by_rotation = 0.0 if texture else rotation / max(self.confident_rotation_deg, 1e-6)
            ratio = residual / max(affine, 1e-6)
            by_perspective = (1.0 - ratio) / max(1.0 - self.max_flat_ratio, 1e-6)
            values.append(min(1.0, max(by_rotation, by_perspective, 0.0)))
        return float(np.median(values))

    @property
    def verdict(self) -> Planarity:
        """3-D at or above `threshold`; flat at or below `planar_max` only when the motion was informative
        (flat_confidence 1); unknown otherwise (keep observing): a head's first small turns, and a live
        face that barely moves, are never called flat."""
        if len(self.residuals) < self.min_pairs:
            return Planarity.UNKNOWN
        if self.score >= self.threshold:
            return Planarity.THREE_D
        if self.score <= self.planar_max and self.flat_confidence >= 1.0:
            return Planarity.PLANAR
        return Planarity.UNKNOWN
