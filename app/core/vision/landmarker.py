"""Face detection + 478 landmarks + blendshapes + head pose with MediaPipe Tasks FaceLandmarker."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import mediapipe as mp
import numpy as np
import numpy.typing as npt
from mediapipe.tasks.python import BaseOptions, vision

from app.core.errors import ModelError
from app.core.vision.face import FaceObservation, HeadPose

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]


# MediaPipe's face detector sees the whole frame letterboxed into a small square, so it misses faces below
# about 11 % of the frame's LONGER side (real2 frames placed on larger canvases: 1280x720, a 96 px face
# 0 of 8 found, 112 px 4 of 8; a 4:3 canvas keeps them). When a frame yields no face, the central square
# (at most FAR_CROP_MAX_PX a side) is searched again: a person standing farther back from a wide camera.
FAR_CROP_MAX_PX = 720
FAR_CROP_MIN_GAIN = 1.2  # only when the crop enlarges faces by at least this much


def far_crop(width: int, height: int) -> tuple[int, int, int] | None:
    """(x0, y0, side) of the central square searched again for faces too small for the full frame, or
    None when it would not enlarge them enough (a square frame)."""
    side = min(width, height, FAR_CROP_MAX_PX)
    if max(width, height) < FAR_CROP_MIN_GAIN * side:
        return None
    return (width - side) // 2, (height - side) // 2, side


class FaceLandmarker:
    """Finds every face in an RGB frame.

    `video=True` uses MediaPipe's tracking mode (faster on a stream; timestamps must increase);
    otherwise each image is handled on its own. Not thread-safe: one instance per thread, or
    serialise calls (an internal lock does that). Close it when done.

    `far_faces` (default on): a frame with no face found is searched again in its central square
    (`far_crop`), so a person farther from a wide camera is found (and told to come closer) rather than
    ignored. The landmarks are given in the whole frame's pixels either way.
    """

    def __init__(
        self,
        model_path: Path,
        max_faces: int = 8,
        min_detection_confidence: float = 0.5,
        video: bool = False,
        far_faces: bool = True,
    ) -> None:
        self._video = video
        self._far_faces = far_faces
        self._lock = threading.Lock()
        self._last_ts_ms = -1
        self._model_path = model_path
        self._options = vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model_path)),
            running_mode=vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE,
            num_faces=max_faces,
            min_face_detection_confidence=min_detection_confidence,
            min_face_presence_confidence=min_detection_confidence,
            min_tracking_confidence=0.5,
            output_face_blendshapes=True,
            output_facial_transformation_matrixes=True,
        )
        self._task = self._create()
        self._far_task: vision.FaceLandmarker | None = None  # the central square's own (tracking) state

    def _create(self) -> vision.FaceLandmarker:
        try:
            return vision.FaceLandmarker.create_from_options(self._options)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"Cannot load the face landmarker model {self._model_path}: {exc}") from exc

    def _run(self, task: vision.FaceLandmarker, rgb: RgbImage, ts: int) -> vision.FaceLandmarkerResult:
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        return task.detect_for_video(image, ts) if self._video else task.detect(image)

    def detect(self, rgb: RgbImage, timestamp_ms: int | None = None) -> list[FaceObservation]:
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"expected an HxWx3 uint8 RGB image, got {rgb.shape} {rgb.dtype}")
        height, width = rgb.shape[:2]
        with self._lock:
            ts = 0
            if self._video:
                ts = timestamp_ms if timestamp_ms is not None else self._last_ts_ms + 33
                ts = max(ts, self._last_ts_ms + 1)  # MediaPipe refuses non-increasing timestamps
                self._last_ts_ms = ts
            faces = _observations(self._run(self._task, rgb, ts), (width, height), (0, 0), (width, height))
            crop = far_crop(width, height) if self._far_faces and not faces else None
            if crop is not None:
                x0, y0, side = crop
                if self._far_task is None:
                    self._far_task = self._create()
                found = self._run(self._far_task, rgb[y0 : y0 + side, x0 : x0 + side], ts)
                faces = _observations(found, (side, side), (x0, y0), (width, height))
        return faces

    def close(self) -> None:
        with self._lock:
            self._task.close()
            if self._far_task is not None:
                self._far_task.close()

    def __enter__(self) -> FaceLandmarker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _observations(
    result: vision.FaceLandmarkerResult,
    searched_size: tuple[int, int],
    offset: tuple[int, int],
    frame_size: tuple[int, int],
) -> list[FaceObservation]:
    """MediaPipe's normalised results for the searched image (the frame, or a crop of `searched_size`
    (width, height) at `offset` in it) as FaceObservations in the frame's pixels. z is scaled like x
    (MediaPipe's z uses the searched image's width); a crop is not resized, so pixels stay pixels."""
    faces: list[FaceObservation] = []
    width, height = searched_size
    for i, points in enumerate(result.face_landmarks):
        landmarks = np.array(
            [(p.x * width + offset[0], p.y * height + offset[1], p.z * width) for p in points],
            dtype=np.float32,
        )
        blend = {c.category_name: float(c.score) for c in result.face_blendshapes[i]}
        matrix = np.asarray(result.facial_transformation_matrixes[i], dtype=np.float32)
        faces.append(
            FaceObservation(
                landmarks=landmarks,
                blendshapes=blend,
                pose=HeadPose.from_transform(matrix),
                transform=matrix,
                frame_size=frame_size,
            )
        )
    return faces
