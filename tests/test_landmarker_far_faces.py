"""A person farther from a wide camera is found: MediaPipe's detector sees the whole frame letterboxed into a
small square and misses faces below about 11 % of the frame's longer side, so a frame with no face is
searched again in its central square (`far_crop`), and the landmarks come back in the frame's pixels.

Measured before this change (real2.webm frames, every 30th, shrunk onto a grey 1280x720 canvas): a face of
~96 px found in 0 of 8 frames, ~80 px in 0 of 8; on 960x540, ~80 px in 3 of 8. fake3.mp4's replayed face
(~95 px on the phone, 960x540) was never found, so that replay was "undecided" in `bench liveness`."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.camera.sources import VideoFileSource
from app.core.evaluation.liveness import landmarker_path
from app.core.vision.landmarker import FaceLandmarker, far_crop
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def _real2_frames(every: int = 30) -> list[np.ndarray]:
    with VideoFileSource(shared_path("data/video/real2.webm")) as src:
        return [f.rgb for i, f in enumerate(src) if i % every == 0][:8]


def _placed(rgb: np.ndarray, scale: float, width: int, height: int) -> tuple[np.ndarray, tuple[int, int]]:
    """`rgb` shrunk by `scale` at the centre of a grey canvas, and where it was put."""
    import cv2

    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    canvas = np.full((height, width, 3), 110, np.uint8)
    h, w = small.shape[:2]
    y, x = (height - h) // 2, (width - w) // 2
    canvas[y : y + h, x : x + w] = small
    return canvas, (x, y)


def test_far_crop_only_where_it_enlarges_faces() -> None:
    assert far_crop(640, 480) == (80, 0, 480)
    assert far_crop(1920, 1080) == (600, 180, 720)  # at most 720 px a side
    assert far_crop(480, 640) == (0, 80, 480)  # a portrait camera
    assert far_crop(600, 600) is None and far_crop(700, 620) is None  # it would not enlarge them enough


def test_a_small_face_on_a_wide_frame_is_found_where_it_is() -> None:
    frames = _real2_frames()
    found_before = found_now = 0
    with (
        FaceLandmarker(landmarker_path(), max_faces=2, far_faces=False) as whole_frame_only,
        FaceLandmarker(landmarker_path(), max_faces=2) as landmarker,
    ):
        for rgb in frames:
            canvas, (x, y) = _placed(rgb, 0.6, 1280, 720)  # the face ~96 px wide
            found_before += len(whole_frame_only.detect(canvas))
            faces = landmarker.detect(canvas)
            found_now += len(faces)
            for face in faces:  # on the shrunk frame, in the canvas' pixels
                x0, y0, x1, y1 = face.box
                assert x <= x0 < x1 <= x + 0.6 * rgb.shape[1] and y <= y0 < y1 <= y + 0.6 * rgb.shape[0]
                assert face.frame_size == (1280, 720)
    assert found_before <= 2  # measured: 0 of 8
    assert found_now == len(frames)


def test_landmarks_from_the_central_square_are_the_frames_own() -> None:
    """The same pixels searched as a frame of their own and as the central square of a wider frame (where
    the whole-frame pass finds nothing) give the same landmarks, shifted by the square's offset."""
    rgb = _real2_frames()[0]
    square, _ = _placed(rgb, 0.35, 480, 480)  # the face ~56 px: too small for a 1280-wide frame
    wide = np.full((480, 1280, 3), 110, np.uint8)
    wide[:, 400:880] = square
    with FaceLandmarker(landmarker_path(), max_faces=2) as landmarker:
        (alone,) = landmarker.detect(square)
        (within,) = landmarker.detect(wide)
    np.testing.assert_allclose(within.landmarks[:, 0] - 400, alone.landmarks[:, 0], atol=0.01)
    np.testing.assert_allclose(within.landmarks[:, 1:], alone.landmarks[:, 1:], atol=0.01)
    assert within.pose == alone.pose


def test_a_group_photo_with_small_faces() -> None:
    """obama_and_biden.jpg (1920x1371): two faces of ~170 px (inter-eye ~72 px, good quality) were not found
    at all; now both are (the other 115 photos under ../shared/data/faces and data/spoof: unchanged)."""
    from app.core.vision.images import load_rgb

    rgb = load_rgb(shared_path("data/faces/face_recognition/examples/knn_examples/test/obama_and_biden.jpg"))
    with (
        FaceLandmarker(landmarker_path(), far_faces=False) as whole_frame_only,
        FaceLandmarker(landmarker_path()) as landmarker,
    ):
        assert whole_frame_only.detect(rgb) == []
        faces = landmarker.detect(rgb)
    assert len(faces) == 2 and all(f.inter_eye_distance > 60 for f in faces)
