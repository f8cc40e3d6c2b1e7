"""5-point similarity alignment to dlib's 150×150 face-chip geometry.

dlib's ResNet was trained on chips made by `get_face_chip(img, shape5, size=150, padding=0.25)`.
FIVE_POINT_TEMPLATE is where that chip puts MediaPipe's five alignment points (eye corners and nose
base, order of app.core.vision.face.FIVE_POINT_INDICES): the mean over 400 LFW View 1 training chips made by
dlib itself, measured by tools/calibrate_alignment.py. A least-squares similarity transform (rotation,
uniform scale, translation) maps a face's five points onto the template, so the embedder sees chips
framed as in its training.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

CHIP_SIZE = 150

FIVE_POINT_TEMPLATE = np.array(
    [
        [111.348, 46.254],
        [89.014, 47.465],
        [36.777, 46.265],
        [59.057, 47.320],
        [73.825, 85.199],
    ],
    dtype=np.float64,
)


def similarity_transform(src: npt.ArrayLike, dst: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Least-squares 2×3 similarity matrix taking points `src` (N×2) onto `dst` (Umeyama, no reflection)."""
    s = np.asarray(src, dtype=np.float64)
    d = np.asarray(dst, dtype=np.float64)
    s_mean, d_mean = s.mean(axis=0), d.mean(axis=0)
    s_c, d_c = s - s_mean, d - d_mean
    cov = d_c.T @ s_c / len(s)
    u, sigma, vt = np.linalg.svd(cov)
    sign = np.ones(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        sign[-1] = -1.0
    rotation = u @ np.diag(sign) @ vt
    variance = (s_c**2).sum() / len(s)
    scale = float((sigma * sign).sum() / variance) if variance > 0 else 1.0
    matrix = np.empty((2, 3))
    matrix[:, :2] = scale * rotation
    matrix[:, 2] = d_mean - scale * rotation @ s_mean
    return matrix


def align_face(
    rgb: npt.NDArray[np.uint8], five_points: npt.ArrayLike, size: int = CHIP_SIZE
) -> npt.NDArray[np.uint8]:
    """The size×size RGB chip for a face whose five alignment points (image pixels) are given."""
    template = FIVE_POINT_TEMPLATE * (size / CHIP_SIZE)
    matrix = similarity_transform(five_points, template)
    scale = float(np.hypot(matrix[0, 0], matrix[0, 1]))
    image: npt.NDArray[np.uint8] = rgb
    if scale < 0.5:
        # Shrinking a large face: pre-filter by area resampling (dlib uses an image pyramid), then warp.
        factor = scale * 2.0
        image = np.asarray(
            cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), np.uint8
        )
        matrix = matrix.copy()
        matrix[:, :2] /= factor
    chip = cv2.warpAffine(
        image, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(chip, dtype=np.uint8)
