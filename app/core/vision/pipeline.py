"""The one place that drives a frame through the stages: detect → align → embed → match.

Quality and liveness stages plug in as optional callables so that this module stays the single
frame → result driver while each stage lives in its own module.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from app.core.matcher import Match, Matcher, distance_to_similarity
from app.core.models import ModelRegistry
from app.core.settings import RecognitionSettings, Settings
from app.core.vision.alignment import align_face
from app.core.vision.embedder import FaceEmbedder
from app.core.vision.face import FaceObservation
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]


@dataclass
class StageTimes:
    detect_ms: float = 0.0
    embed_ms: float = 0.0  # alignment + embedding, all faces of the frame


@dataclass
class FaceResult:
    face: FaceObservation
    embedding: npt.NDArray[np.float32] | None = None  # unit vector
    best: Match | None = None  # nearest template, whatever its score
    match: Match | None = None  # `best` when it passes the 1:1 threshold (match_threshold)
    chip: RgbImage | None = None
    hits: list[Match] = field(default_factory=list)  # the nearest templates, best first (top-2)


@dataclass
class FrameResult:
    faces: list[FaceResult]
    times: StageTimes = field(default_factory=StageTimes)
    frame_size: tuple[int, int] = (0, 0)


class RecognitionPipeline:
    """Owns the landmarker and the embedder; `process` turns an RGB frame into FaceResults."""

    def __init__(
        self,
        registry: ModelRegistry | None = None,
        settings: RecognitionSettings | None = None,
        matcher: Matcher | None = None,
        video: bool = False,
    ) -> None:
        self.settings = settings or Settings().recognition
        registry = registry or ModelRegistry()
        self.landmarker = FaceLandmarker(
            registry.path("face_landmarker"),
            max_faces=self.settings.max_faces,
            min_detection_confidence=self.settings.min_detection_confidence,
            video=video,
        )
        self.embedder = FaceEmbedder(registry.path("face_embedder"))
        self.matcher = matcher if matcher is not None else Matcher(self.embedder.dim)

    @property
    def min_similarity(self) -> float:
        return distance_to_similarity(self.settings.match_threshold)

    def detect(self, rgb: RgbImage, timestamp_ms: int | None = None) -> list[FaceObservation]:
        return self.landmarker.detect(rgb, timestamp_ms)

    def embed(
        self, rgb: RgbImage, faces: list[FaceObservation]
    ) -> tuple[npt.NDArray[np.float32], list[RgbImage]]:
        """Unit embeddings (len(faces) × dim) and the aligned chips of the given faces."""
        chips = [align_face(rgb, face.five_points) for face in faces]
        if not chips:
            return np.zeros((0, self.embedder.dim), dtype=np.float32), []
        vectors = self.embedder.embed(np.stack(chips), flip=self.settings.flip_augment)
        return vectors, chips

    def process(self, rgb: RgbImage, timestamp_ms: int | None = None, match: bool = True) -> FrameResult:
        t0 = time.perf_counter()
        faces = self.detect(rgb, timestamp_ms)
        t1 = time.perf_counter()
        vectors, chips = self.embed(rgb, faces)
        results = [
            FaceResult(face=f, embedding=v, chip=c) for f, v, c in zip(faces, vectors, chips, strict=True)
        ]
        if match and results and len(self.matcher):
            threshold = self.min_similarity
            for result, found in zip(results, self.matcher.search_many(vectors, k=2), strict=True):
                result.hits = found
                result.best = found[0] if found else None
                if result.best is not None and result.best.similarity >= threshold:
                    result.match = result.best
        t2 = time.perf_counter()
        times = StageTimes(detect_ms=(t1 - t0) * 1000, embed_ms=(t2 - t1) * 1000)
        return FrameResult(faces=results, times=times, frame_size=(rgb.shape[1], rgb.shape[0]))

    def close(self) -> None:
        self.landmarker.close()

    def __enter__(self) -> RecognitionPipeline:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def central_face(faces: list[FaceResult], frame_size: tuple[int, int]) -> FaceResult | None:
    """The face nearest the frame centre (the subject of a portrait photo), or None."""
    if not faces:
        return None
    cx, cy = frame_size[0] / 2, frame_size[1] / 2

    def offset(result: FaceResult) -> float:
        x0, y0, x1, y1 = result.face.box
        return float(np.hypot((x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy))

    return min(faces, key=offset)


def embed_photo(pipeline: RecognitionPipeline, path: Path) -> tuple[FaceResult | None, int]:
    """The central face of a photo with its embedding, and how many faces were found."""
    rgb = load_rgb(path)
    frame = pipeline.process(rgb, match=False)
    return central_face(frame.faces, frame.frame_size), len(frame.faces)
