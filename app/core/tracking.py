"""Face tracks across frames: each visit to the kiosk is one track, decided once.

A detection joins the live track it overlaps most (IoU of the landmark boxes), or — when the box jumped
(a fast move, a dropped frame) — the track whose running embedding is most similar, if the jump is not
too far. Greedy assignment by score is exact enough for the few faces a kiosk sees. A track that has
not been seen for `expiry_s` seconds of source time is closed and handed back once by `update`.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
Vector = npt.NDArray[np.float32]


def iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def centre_jump(a: Box, b: Box) -> float:
    """Distance between the box centres, in widths of box a."""
    width = max(a[2] - a[0], 1.0)
    dx = (a[0] + a[2] - b[0] - b[2]) / 2
    dy = (a[1] + a[3] - b[1] - b[3]) / 2
    return float(np.hypot(dx, dy)) / width


@dataclass
class Detection:
    box: Box
    embedding: Vector | None = None  # unit vector, or None when the face was not embedded


@dataclass
class Track:
    id: int
    box: Box
    first_seen_s: float
    last_seen_s: float
    embedding: Vector | None = None  # running mean of the detections' embeddings, unit length
    hits: int = 1
    # Free slot for the use case that owns the track (attendance keeps its per-track state here).
    state: Any = None
    closed: bool = False

    @property
    def age_s(self) -> float:
        return self.last_seen_s - self.first_seen_s

    def absorb(self, det: Detection, t_s: float) -> None:
        self.box = det.box
        self.last_seen_s = t_s
        self.hits += 1
        if det.embedding is not None:
            if self.embedding is None:
                self.embedding = det.embedding.astype(np.float32, copy=True)
            else:
                mixed = 0.8 * self.embedding + 0.2 * det.embedding
                self.embedding = (mixed / max(float(np.linalg.norm(mixed)), 1e-12)).astype(np.float32)


@dataclass
class TrackUpdate:
    assigned: list[Track]  # one per detection, in the order given
    closed: list[Track] = field(default_factory=list)  # tracks that expired in this update


class FaceTracker:
    """Associates detections frame to frame. Time is the source's clock in seconds (monotonic)."""

    def __init__(
        self,
        min_iou: float = 0.3,
        min_similarity: float = 0.75,
        max_jump: float = 1.5,
        expiry_s: float = 1.5,
    ) -> None:
        self.min_iou = min_iou
        self.min_similarity = min_similarity
        self.max_jump = max_jump
        self.expiry_s = expiry_s
        self.tracks: list[Track] = []
        self._ids = itertools.count(1)

    def _score(self, track: Track, det: Detection) -> float:
        overlap = iou(track.box, det.box)
        sim = -1.0
        if track.embedding is not None and det.embedding is not None:
            sim = float(np.dot(track.embedding, det.embedding))
        if overlap >= self.min_iou:
            # A different person stepping into the same spot does not inherit the track.
            if sim != -1.0 and sim < self.min_similarity - 0.25:
                return 0.0
            return 1.0 + overlap + max(sim, 0.0)
        if sim >= self.min_similarity and centre_jump(track.box, det.box) <= self.max_jump:
            return sim
        return 0.0

    def update(self, t_s: float, detections: list[Detection]) -> TrackUpdate:
        closed = self.expire(t_s)
        pairs = [
            (score, ti, di)
            for ti, track in enumerate(self.tracks)
            for di, det in enumerate(detections)
            if (score := self._score(track, det)) > 0.0
        ]
        pairs.sort(key=lambda p: -p[0])
        used_tracks: set[int] = set()
        assigned: list[Track | None] = [None] * len(detections)
        for _score, ti, di in pairs:
            if ti in used_tracks or assigned[di] is not None:
                continue
            used_tracks.add(ti)
            self.tracks[ti].absorb(detections[di], t_s)
            assigned[di] = self.tracks[ti]
        for di, det in enumerate(detections):
            if assigned[di] is None:
                emb = None if det.embedding is None else det.embedding.astype(np.float32, copy=True)
                track = Track(next(self._ids), det.box, t_s, t_s, emb)
                self.tracks.append(track)
                assigned[di] = track
                log.debug("track %d started at %.2f s", track.id, t_s)
        return TrackUpdate([t for t in assigned if t is not None], closed)

    def expire(self, t_s: float) -> list[Track]:
        """Close tracks unseen for longer than expiry_s (or seen 'in the future': the source restarted)."""
        closed = [t for t in self.tracks if t_s - t.last_seen_s > self.expiry_s or t_s < t.last_seen_s]
        if closed:
            self.tracks = [t for t in self.tracks if t not in closed]
            for track in closed:
                track.closed = True
                log.debug("track %d closed after %.2f s, %d hits", track.id, track.age_s, track.hits)
        return closed

    def close_all(self) -> list[Track]:
        closed, self.tracks = self.tracks, []
        for track in closed:
            track.closed = True
        return closed
