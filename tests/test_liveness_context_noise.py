"""The context-motion cue ("the surroundings move with the face": a hand-held picture or screen) must not
refuse a live person because the camera is noisy or because of when the attempt started.

Found running the enrolment under Xvfb on real2.webm with sensor noise (sigma 10, an auto-exposed webcam in a
dim room): refused within 2 s as "The surroundings move with the face (ratio 0.62 >= 0.50)". Noise grain makes
corners of its own beside the face, and Lucas-Kanade follows them at random. real2 started every 15 frames x
frame stride 1-4 (44 runs), worst ratio after the decision, before: 0.60 clean / 1.00 noisy (1 and 5 runs
refused); with the frames smoothed and the pairs weighted by face motion
(LivenessSettings.context_smooth_sigma,
ContextMotionCheck.score): 0.24 / 0.37. The hand-held photo attacks stay coupled.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import numpy.typing as npt
import pytest

from app.core.camera.sources import VideoFileSource
from app.core.liveness.motion import ContextMotionCheck
from app.core.models import shipped_models_dir
from app.core.settings import LivenessSettings
from app.core.vision.face import FaceObservation
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path
from tests.test_liveness import _tool

pytestmark = [pytest.mark.shared, pytest.mark.slow]

Frames = list[tuple[npt.NDArray[np.uint8], FaceObservation | None]]


@pytest.fixture(scope="module")
def landmarker() -> Iterator[FaceLandmarker]:
    with FaceLandmarker(shipped_models_dir() / "face_landmarker.task", max_faces=1, video=True) as lm:
        yield lm


def _frames(rgbs: list[npt.NDArray[np.uint8]], landmarker: FaceLandmarker, t0_ms: int) -> Frames:
    out: Frames = []
    for i, rgb in enumerate(rgbs):
        faces = landmarker.detect(rgb, t0_ms + i * 33)
        out.append(
            (np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8), faces[0] if faces else None)
        )
    return out


def _real2(sigma: float) -> list[npt.NDArray[np.uint8]]:
    rng = np.random.default_rng(0)
    with VideoFileSource(shared_path("data/video/real2.webm")) as source:
        return [
            np.clip(f.rgb.astype(np.float32) + rng.normal(0, sigma, f.rgb.shape), 0, 255).astype(np.uint8)
            for f in source
        ]


def _worst_ratio(frames: Frames, smooth_sigma: float, start: int, stride: int) -> float:
    """The highest context ratio at any moment after the check decided (coupled = >= the threshold)."""
    s = LivenessSettings()
    check = ContextMotionCheck(
        s.context_step_frames, s.context_min_face_motion_px, s.context_ratio_threshold, s.context_min_pairs,
        smooth_sigma=smooth_sigma,
    )  # fmt: skip
    worst = 0.0
    for gray, face in frames[start : start + 150 * stride : stride]:
        if face is not None:
            check.update(gray, face)
            if check.decided:
                worst = max(worst, check.score)
    return worst


def _runs(frames: Frames, smooth_sigma: float) -> list[float]:
    return [
        _worst_ratio(frames, smooth_sigma, start, stride)
        for stride in (1, 2, 3, 4)
        for start in range(0, len(frames) - 60, 15)
    ]


@pytest.mark.parametrize("sigma", [0.0, 10.0], ids=["clean", "noisy camera"])
def test_a_live_person_is_never_coupled_to_the_background(landmarker: FaceLandmarker, sigma: float) -> None:
    frames = _frames(_real2(sigma), landmarker, 0 if sigma == 0 else 1_000_000)
    threshold = LivenessSettings().context_ratio_threshold
    smoothed = _runs(frames, LivenessSettings().context_smooth_sigma)
    assert len(smoothed) >= 40
    assert max(smoothed) < threshold, sorted(smoothed)[-5:]
    if sigma > 0:  # without smoothing, some runs refuse the live person (the old check also had no weights)
        assert max(_runs(frames, 0.0)) >= threshold


@pytest.mark.parametrize("variant", ["handheld", "roll", "zoom"])
def test_hand_held_photos_stay_coupled(landmarker: FaceLandmarker, variant: str) -> None:
    tool = _tool()
    photo = tool.load_photo(shared_path("data/faces/face_recognition/examples/obama2.jpg"))
    rgbs = [np.asarray(rgb, dtype=np.uint8) for rgb in tool.iter_attack_frames(photo, variant, 15.0, seed=1)]
    t0 = 2_000_000 + 1_000_000 * ["handheld", "roll", "zoom"].index(variant)
    worst = _worst_ratio(_frames(rgbs, landmarker, t0), LivenessSettings().context_smooth_sigma, 0, 1)
    assert worst >= LivenessSettings().context_ratio_threshold
