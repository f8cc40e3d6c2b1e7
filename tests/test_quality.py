"""Quality gate on real images (../shared): sharp vs blurred, dark vs normal, profile vs frontal, two people.

Also pins the HeadPose sign convention (app/core/vision/face.py) on real frames: yaw > 0 = face turned to the
image's right, pitch > 0 = chin up, roll > 0 = clockwise in the image.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from app.core.camera.sources import VideoFileSource
from app.core.models import shipped_models_dir
from app.core.settings import QualitySettings
from app.core.vision.face import FaceObservation
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from app.core.vision.quality import (
    CHECK_EXPOSURE,
    CHECK_ONE_FACE,
    CHECK_POSE,
    CHECK_SHARPNESS,
    assess_face,
    assess_frame,
)
from tests.conftest import shared_path

pytestmark = pytest.mark.shared

LFW_FRONTAL = ["Colin_Powell/Colin_Powell_0001.jpg", "Tony_Blair/Tony_Blair_0001.jpg"]
OBAMA = "data/faces/face_recognition/examples/obama.jpg"


@pytest.fixture(scope="module")
def landmarker() -> Iterator[FaceLandmarker]:
    with FaceLandmarker(shipped_models_dir() / "face_landmarker.task") as lm:
        yield lm


def _one(landmarker: FaceLandmarker, rgb: np.ndarray) -> FaceObservation:
    faces = landmarker.detect(rgb)
    assert faces, "no face found"
    return max(faces, key=lambda f: f.inter_eye_distance)


def _lfw(name: str) -> np.ndarray:
    return load_rgb(shared_path(f"data/lfw/lfw-deepfunneled/{name}"))


@pytest.mark.parametrize("name", LFW_FRONTAL)
def test_sharp_lfw_face_passes_and_blurred_fails(landmarker: FaceLandmarker, name: str) -> None:
    rgb = _lfw(name)
    face = _one(landmarker, rgb)
    settings = QualitySettings()
    sharp = assess_face(rgb, face, settings).check(CHECK_SHARPNESS)
    blurred_rgb = np.asarray(cv2.GaussianBlur(rgb, (0, 0), 3), dtype=np.uint8)
    blurred = assess_face(blurred_rgb, face, settings).check(CHECK_SHARPNESS)
    assert sharp.passed, sharp.detail
    assert not blurred.passed, blurred.detail
    assert blurred.instruction.startswith("Hold still")
    assert blurred.value < sharp.value / 3


def test_sharpness_does_not_depend_on_face_size(landmarker: FaceLandmarker) -> None:
    """The same photo at 720p and 1080p gives a similar normalised sharpness."""
    values = []
    for res in ("720p", "1080p"):
        rgb = load_rgb(shared_path(f"data/faces/face_recognition/examples/obama-{res}.jpg"))
        face = _one(landmarker, rgb)
        values.append(assess_face(rgb, face, QualitySettings()).check(CHECK_SHARPNESS).value)
    assert 0.6 < values[0] / values[1] < 1.6, values


def test_dark_face_fails_exposure_and_normal_passes(landmarker: FaceLandmarker) -> None:
    rgb = load_rgb(shared_path(OBAMA))
    face = _one(landmarker, rgb)
    normal = assess_face(rgb, face, QualitySettings()).check(CHECK_EXPOSURE)
    dark_rgb = (rgb.astype(np.float32) * 0.18).astype(np.uint8)
    dark = assess_face(dark_rgb, face, QualitySettings()).check(CHECK_EXPOSURE)
    assert normal.passed, normal.detail
    assert not dark.passed and dark.instruction.startswith("Too dark"), dark.detail
    bright_rgb = np.clip(rgb.astype(np.float32) * 2.6 + 40, 0, 255).astype(np.uint8)
    bright = assess_face(bright_rgb, face, QualitySettings()).check(CHECK_EXPOSURE)
    assert not bright.passed and bright.instruction.startswith("Too bright"), bright.detail


def test_profile_fails_pose_and_frontal_passes(landmarker: FaceLandmarker) -> None:
    frontal_rgb = load_rgb(shared_path(OBAMA))
    frontal = assess_face(frontal_rgb, _one(landmarker, frontal_rgb), QualitySettings())
    assert frontal.check(CHECK_POSE).passed, frontal.check(CHECK_POSE).detail
    assert frontal.passed, [c.detail for c in frontal.failed]
    assert frontal.score > 0.7
    profile_rgb = _lfw("Jim_Haslett/Jim_Haslett_0001.jpg")  # head turned ~30 degrees
    profile = assess_face(profile_rgb, _one(landmarker, profile_rgb), QualitySettings())
    pose = profile.check(CHECK_POSE)
    assert not pose.passed and pose.instruction == "Look straight at the camera.", pose.detail
    assert profile.score < frontal.score


def test_two_people_fail_exactly_one_face_in_enrolment(landmarker: FaceLandmarker) -> None:
    rgb = load_rgb(shared_path("data/faces/face_recognition/examples/two_people.jpg"))
    faces = landmarker.detect(rgb)
    assert len(faces) == 2
    reports = assess_frame(rgb, faces, QualitySettings(), enrolment=True)
    for report in reports:
        check = report.check(CHECK_ONE_FACE)
        assert not check.passed and check.value == 2
        assert not report.passed
    # Check-in mode does not ask for exactly one face.
    checkin = assess_frame(rgb, faces, QualitySettings(), enrolment=False)
    assert all(CHECK_ONE_FACE not in [c.name for c in r.checks] for r in checkin)


def test_face_cut_by_the_frame_edge_fails(landmarker: FaceLandmarker) -> None:
    rgb = load_rgb(shared_path(OBAMA))
    face = _one(landmarker, rgb)
    x0, _, x1, _ = face.box
    cut = np.ascontiguousarray(rgb[:, : int((x0 + x1) / 2 + 0.15 * (x1 - x0))])
    faces = landmarker.detect(cut)
    assert faces, "the landmarker finds the face even when the frame edge cuts it"
    report = assess_face(cut, faces[0], QualitySettings())
    assert not report.check("inside_frame").passed


# --- HeadPose sign convention (the fix in app/core/vision/face.py) ----


def test_roll_is_positive_for_a_clockwise_tilt(landmarker: FaceLandmarker) -> None:
    rgb = load_rgb(shared_path(OBAMA))
    h, w = rgb.shape[:2]
    base = _one(landmarker, rgb).pose.roll
    for angle, sign in ((-15, 1), (15, -1)):  # cv2: positive angle = counter-clockwise
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rotated = cv2.warpAffine(rgb, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
        roll = _one(landmarker, rotated).pose.roll
        assert sign * (roll - base) > 10, (angle, base, roll)


def test_yaw_sign_follows_the_nose_and_flips_with_a_mirror(landmarker: FaceLandmarker) -> None:
    rgb = _lfw("Jim_Haslett/Jim_Haslett_0001.jpg")
    face = _one(landmarker, rgb)
    lm = face.landmarks
    nose_offset = lm[1, 0] - (lm[234, 0] + lm[454, 0]) / 2  # > 0: nose towards the image's right
    assert np.sign(face.pose.yaw) == np.sign(nose_offset) and abs(face.pose.yaw) > 15
    mirrored = _one(landmarker, np.ascontiguousarray(rgb[:, ::-1]))
    assert np.sign(mirrored.pose.yaw) == -np.sign(face.pose.yaw)


def test_pitch_is_positive_chin_up_on_real_frames() -> None:
    """real2.webm frame 22: the man looks up (nostrils visible); frame 104: he looks down."""
    wanted = {22: None, 104: None}
    frames = {}
    with VideoFileSource(shared_path("data/video/real2.webm")) as src:
        for frame in src:
            if frame.index in wanted:
                frames[frame.index] = frame.rgb
            if frame.index >= max(wanted):
                break
    with FaceLandmarker(shipped_models_dir() / "face_landmarker.task") as lm:
        up = _one(lm, frames[22]).pose.pitch
        down = _one(lm, frames[104]).pose.pitch
    assert up > 8 and down < -5, (up, down)
