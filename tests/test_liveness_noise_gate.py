"""The passive layer's noise gate: a very noisy camera leaves it undecided instead of refusing a live person.

Real data from ../shared (skipped when absent): real3.mov under a low-light camera (brightness x0.4 +
Gaussian noise sigma 10) scored a median 0.08 per frame, so the passive track refused a live person; the
gate keeps those frames out. The shared print / replay photos measure far below the noise limit (<= 3.7)
and stay refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from app.core.camera.sources import VideoFileSource
from app.core.evaluation.liveness import landmarker_path
from app.core.liveness.antispoof import load_passive_ensemble
from app.core.liveness.noise import face_noise_sigma, noise_sigma
from app.core.liveness.passive_track import PassiveTrack, passive_quality_ok
from app.core.settings import LivenessSettings, QualitySettings
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path
from tests.test_antispoof_images import PRINT_OR_REPLAY


@pytest.mark.parametrize("sigma", [3.0, 6.0, 10.0])
def test_noise_sigma_finds_added_gaussian_noise(sigma: float) -> None:
    rng = np.random.default_rng(1)
    ramp = np.tile(np.linspace(60, 180, 200, dtype=np.float32), (200, 1))  # smooth shading: not noise
    noisy = np.clip(ramp + rng.normal(0, sigma, ramp.shape), 0, 255).astype(np.uint8)
    assert noise_sigma(ramp.astype(np.uint8)) < 0.5
    assert noise_sigma(noisy) == pytest.approx(sigma, rel=0.2)


@pytest.fixture(scope="module")
def passive():  # type: ignore[no-untyped-def]
    scorer = load_passive_ensemble().scorer
    if scorer is None:
        pytest.skip("no passive anti-spoof model installed")
    return scorer


@pytest.fixture(scope="module")
def landmarker() -> Iterator[FaceLandmarker]:
    with FaceLandmarker(landmarker_path(), max_faces=2, video=False) as lm:
        yield lm


def _low_light(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    out = rgb.astype(np.float32) * 0.4 + rng.normal(0, 10.0, rgb.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def _track(video: str, passive, landmarker: FaceLandmarker, low_light: bool) -> PassiveTrack:  # type: ignore[no-untyped-def]
    settings, quality = LivenessSettings(), QualitySettings()
    track = PassiveTrack(settings.passive_threshold, settings.passive_samples, settings.passive_window)
    rng = np.random.default_rng(0)
    with VideoFileSource(shared_path(f"data/video/{video}")) as src:
        for i, frame in enumerate(src):
            rgb = _low_light(frame.rgb, rng) if low_light else frame.rgb
            if i % 3 or i > 240:
                continue
            faces = landmarker.detect(np.ascontiguousarray(rgb))
            if not faces:
                continue
            face = max(faces, key=lambda f: f.inter_eye_distance)
            gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
            if passive_quality_ok(face, gray, quality, settings):
                track.add(float(passive.score(rgb, face)))
            else:
                track.gated_out += 1
    return track


@pytest.mark.shared
def test_noisy_low_light_camera_does_not_refuse_a_live_person(passive, landmarker) -> None:  # type: ignore[no-untyped-def]
    track = _track("real3.mov", passive, landmarker, low_light=True)
    assert track.gated_out > 0
    assert track.live is not False, f"live person refused on noise: {track.frame_scores()}"


@pytest.mark.shared
def test_clean_replay_is_still_scored_and_refused(passive, landmarker) -> None:  # type: ignore[no-untyped-def]
    track = _track("fake2.webm", passive, landmarker, low_light=False)
    assert track.live is False


@pytest.mark.shared
@pytest.mark.parametrize("relative", PRINT_OR_REPLAY)
def test_print_and_replay_photos_pass_the_noise_gate_and_stay_refused(
    relative: str,
    passive,  # type: ignore[no-untyped-def]
    landmarker: FaceLandmarker,
) -> None:
    rgb = load_rgb(shared_path(relative))
    face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    assert face_noise_sigma(gray, face) <= LivenessSettings().passive_max_noise_sigma
    assert passive.score(rgb, face) < LivenessSettings().passive_threshold


@pytest.mark.shared
def test_kiosk_track_does_not_score_a_noisy_frame(landmarker: FaceLandmarker) -> None:
    """The kiosk's per-track gate (TrackLiveness.wants_passive) applies the same noise limit."""
    from app.core.attendance.track_liveness import TrackLiveness

    with VideoFileSource(shared_path("data/video/real3.mov")) as src:
        rgb = next(iter(src)).rgb
    face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    noisy = _low_light(rgb, np.random.default_rng(0))

    def to_gray(image: np.ndarray) -> np.ndarray:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)

    track = TrackLiveness("balanced", LivenessSettings(), has_passive=True)
    assert track.wants_passive(face, None, to_gray(rgb))
    assert not track.wants_passive(face, None, to_gray(noisy))
    assert track.passive_track.gated_out == 1
