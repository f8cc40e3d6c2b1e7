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


class FaceLandmarker:
    """Finds every face in an RGB frame.

    `video=True` uses MediaPipe's tracking mode (faster on a stream; timestamps must increase);
    otherwise each image is handled on its own. Not thread-safe: one instance per thread, or
    serialise calls (an internal lock does that). Close it when done.
    """

    def __init__(
        self,
        model_path: Path,
        max_faces: int = 8,
        min_detection_confidence: float = 0.5,
        video: bool = False,
    ) -> None:
        self._video = video
        self._lock = threading.Lock()
        self._last_ts_ms = -1
        options = vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model_path)),
            running_mode=vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE,
            num_faces=max_faces,
            min_face_detection_confidence=min_detection_confidence,
            min_face_presence_confidence=min_detection_confidence,
            min_tracking_confidence=0.5,
            output_face_blendshapes=True,
            output_facial_transformation_matrixes=True,
        )
        try:
            self._task = vision.FaceLandmarker.create_from_options(options)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"Cannot load the face landmarker model {model_path}: {exc}") from exc

    def detect(self, rgb: RgbImage, timestamp_ms: int | None = None) -> list[FaceObservation]:
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"expected an HxWx3 uint8 RGB image, got {rgb.shape} {rgb.dtype}")
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        with self._lock:
            if self._video:
                ts = timestamp_ms if timestamp_ms is not None else self._last_ts_ms + 33
                ts = max(ts, self._last_ts_ms + 1)  # MediaPipe refuses non-increasing timestamps
                self._last_ts_ms = ts
                result = self._task.detect_for_video(image, ts)
            else:
                result = self._task.detect(image)
        height, width = rgb.shape[:2]
        faces: list[FaceObservation] = []
        for i, points in enumerate(result.face_landmarks):
            landmarks = np.array([(p.x * width, p.y * height, p.z * width) for p in points], dtype=np.float32)
            blend = {c.category_name: float(c.score) for c in result.face_blendshapes[i]}
            matrix = np.asarray(result.facial_transformation_matrixes[i], dtype=np.float32)
            faces.append(
                FaceObservation(
                    landmarks=landmarks,
                    blendshapes=blend,
                    pose=HeadPose.from_transform(matrix),
                    transform=matrix,
                    frame_size=(width, height),
                )
            )
        return faces

    def close(self) -> None:
        with self._lock:
            self._task.close()

    def __enter__(self) -> FaceLandmarker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
