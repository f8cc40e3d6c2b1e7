"""What the vision stages know about one face in one frame."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

# MediaPipe FaceMesh indices of the five alignment points, in dlib's 5-point order:
# eye on the image's right (outer corner, inner corner), eye on the image's left (outer, inner), nose base.
MP_RIGHT_IMAGE_EYE_OUTER = 263
MP_RIGHT_IMAGE_EYE_INNER = 362
MP_LEFT_IMAGE_EYE_OUTER = 33
MP_LEFT_IMAGE_EYE_INNER = 133
MP_NOSE_BASE = 2
FIVE_POINT_INDICES = (
    MP_RIGHT_IMAGE_EYE_OUTER,
    MP_RIGHT_IMAGE_EYE_INNER,
    MP_LEFT_IMAGE_EYE_OUTER,
    MP_LEFT_IMAGE_EYE_INNER,
    MP_NOSE_BASE,
)


@dataclass(frozen=True)
class HeadPose:
    """Degrees. yaw > 0: the face turns to the image's right (the subject's own left, for a camera that is not
    mirrored); pitch > 0: chin up; roll > 0: clockwise tilt as seen in the image."""

    yaw: float
    pitch: float
    roll: float

    @classmethod
    def from_transform(cls, matrix: npt.NDArray[np.floating]) -> HeadPose:
        """Euler angles from MediaPipe's 4x4 facial transformation matrix (rotation part, Y-X-Z order).

        MediaPipe's camera frame is OpenGL-like: x to the image's right, y UP, z towards the viewer.
        With R = Ry(a) Rx(b) Rz(c): a > 0 swings the nose towards +x (the image's right) = our yaw;
        b > 0 swings the nose towards -y, i.e. DOWN (chin down), so pitch = -b; c > 0 is counter-clockwise
        as seen in the image (y up), so roll = -c. Checked on real webcam frames (tests/test_quality_pose.py):
        yaw follows the nose's offset from the cheek midline, pitch the nose-to-eye/chin ratio, roll the
        eye-line angle in the image.
        """
        r = np.asarray(matrix, dtype=np.float64)[:3, :3]
        yaw = math.degrees(math.atan2(r[0, 2], r[2, 2]))
        pitch = -math.degrees(math.asin(max(-1.0, min(1.0, -r[1, 2]))))
        roll = -math.degrees(math.atan2(r[1, 0], r[1, 1]))
        return cls(yaw=yaw, pitch=pitch, roll=roll)


@dataclass
class FaceObservation:
    """One detected face: landmarks in pixel coordinates of the frame it came from."""

    landmarks: FloatArray  # (478, 3): x, y in pixels; z in pixels at the same scale as x (relative depth)
    blendshapes: dict[str, float]  # e.g. "eyeBlinkLeft": 0..1
    pose: HeadPose
    transform: FloatArray  # (4, 4) MediaPipe facial transformation matrix
    frame_size: tuple[int, int]  # (width, height)
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the landmark hull, in pixels (may extend past the frame)."""
        xs, ys = self.landmarks[:, 0], self.landmarks[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    @property
    def five_points(self) -> FloatArray:
        """(5, 2) alignment points in dlib's 5-point order."""
        return np.ascontiguousarray(self.landmarks[list(FIVE_POINT_INDICES), :2], dtype=np.float32)

    @property
    def inter_eye_distance(self) -> float:
        left = self.landmarks[[MP_LEFT_IMAGE_EYE_OUTER, MP_LEFT_IMAGE_EYE_INNER], :2].mean(axis=0)
        right = self.landmarks[[MP_RIGHT_IMAGE_EYE_OUTER, MP_RIGHT_IMAGE_EYE_INNER], :2].mean(axis=0)
        return float(np.linalg.norm(right - left))
