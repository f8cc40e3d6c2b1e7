"""The passive noise gate: a noisy camera's frames are judged denoised, a far too noisy one's not at all.

Real data from ../shared (skipped when absent): real3.mov under a low-light camera (brightness x0.4 +
Gaussian noise sigma 10) scored a median 0.08 per frame, so the passive track refused a live person. The
gate first kept those frames out (the person then waited for "More light, please" until the attempt timed
out); now they are scored on a denoised model input (median 0.99), and only frames noisier than
`passive_denoise_max_sigma` stay out. Attacks stay refused in the same dark, noisy room: the phone replay
fake2.webm and the shared print / replay photos (which measure far below the noise limit in clean light,
<= 3.7, and are scored as they are there).
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
from app.core.liveness.passive_track import GATE_NOISE, PassiveGate, PassiveTrack, noise_gate, passive_gate
from app.core.settings import LivenessSettings, QualitySettings
from app.core.vision.face import FaceObservation
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


def _track(video: str, passive, landmarker: FaceLandmarker, low_light: bool) -> tuple[PassiveTrack, int]:  # type: ignore[no-untyped-def]
    """The video's passive track as the session builds it, and how many of its frames were denoised."""
    settings, quality = LivenessSettings(), QualitySettings()
    denoised = 0
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
            gate = passive_gate(face, gray, quality, settings)
            if gate.ok:
                track.add(float(passive.score(rgb, face, gate.denoise)))
                denoised += int(gate.denoise > 0)
            else:
                track.gated_out += 1
    return track, denoised


@pytest.mark.shared
def test_noisy_low_light_camera_judges_a_live_person_live(passive, landmarker) -> None:  # type: ignore[no-untyped-def]
    track, denoised = _track("real3.mov", passive, landmarker, low_light=True)
    assert denoised > 0
    assert track.live is True, f"live person not judged live in a dark room: {track.frame_scores()}"


@pytest.mark.shared
def test_noisy_low_light_camera_still_refuses_a_phone_replay(passive, landmarker) -> None:  # type: ignore[no-untyped-def]
    track, denoised = _track("fake2.webm", passive, landmarker, low_light=True)
    assert denoised > 0
    assert track.live is False, track.frame_scores()


def _largest_face_and_gray(rgb: np.ndarray, landmarker: FaceLandmarker) -> tuple[FaceObservation, np.ndarray]:
    """The largest face in a photo, and the photo in grey (for the noise estimate and the gate)."""
    face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    return face, np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


@pytest.mark.shared
def test_clean_replay_is_still_scored_and_refused(passive, landmarker) -> None:  # type: ignore[no-untyped-def]
    track, denoised = _track("fake2.webm", passive, landmarker, low_light=False)
    assert denoised == 0 and track.live is False


@pytest.mark.shared
@pytest.mark.parametrize("relative", PRINT_OR_REPLAY)
def test_print_and_replay_photos_pass_the_noise_gate_and_stay_refused(
    relative: str,
    passive,  # type: ignore[no-untyped-def]
    landmarker: FaceLandmarker,
) -> None:
    rgb = load_rgb(shared_path(relative))
    face, gray = _largest_face_and_gray(rgb, landmarker)
    assert face_noise_sigma(gray, face) <= LivenessSettings().passive_max_noise_sigma
    assert passive.score(rgb, face) < LivenessSettings().passive_threshold


@pytest.mark.shared
@pytest.mark.parametrize("relative", PRINT_OR_REPLAY)
def test_print_and_replay_photos_in_a_dark_noisy_room_stay_refused(
    relative: str,
    passive,  # type: ignore[no-untyped-def]
    landmarker: FaceLandmarker,
) -> None:
    """Dimming the light does not help an attacker: the denoised print / replay still reads as one."""
    settings = LivenessSettings()
    dark = _low_light(load_rgb(shared_path(relative)), np.random.default_rng(0))
    face, gray = _largest_face_and_gray(dark, landmarker)
    gate = passive_gate(face, gray, QualitySettings(), settings)
    assert gate.ok and gate.denoise == settings.passive_denoise_strength
    assert passive.score(dark, face, gate.denoise) < settings.passive_threshold


def test_noise_gate_scores_clean_denoises_noisy_and_skips_far_too_noisy() -> None:
    s = LivenessSettings()
    assert noise_gate(s.passive_max_noise_sigma, s) == PassiveGate()
    assert noise_gate(s.passive_max_noise_sigma + 0.5, s) == PassiveGate(denoise=s.passive_denoise_strength)
    assert noise_gate(s.passive_denoise_max_sigma + 0.5, s) == PassiveGate(GATE_NOISE)


@pytest.mark.shared
def test_kiosk_track_denoises_a_noisy_frame_and_skips_a_far_too_noisy_one(landmarker: FaceLandmarker) -> None:
    """The kiosk's per-track gate (TrackLiveness.passive_request) applies the same noise limits."""
    from app.core.attendance.track_liveness import TrackLiveness

    with VideoFileSource(shared_path("data/video/real3.mov")) as src:
        rgb = next(iter(src)).rgb
    face = max(landmarker.detect(rgb), key=lambda f: f.inter_eye_distance)
    noisy = _low_light(rgb, np.random.default_rng(0))
    far_too_noisy = np.clip(
        rgb.astype(np.float32) * 0.3 + np.random.default_rng(0).normal(0, 40.0, rgb.shape), 0, 255
    ).astype(np.uint8)

    def to_gray(image: np.ndarray) -> np.ndarray:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)

    settings = LivenessSettings()
    track = TrackLiveness("balanced", settings, has_passive=True)
    assert track.passive_request(face, None, to_gray(rgb)) == 0.0
    assert track.passive_request(face, None, to_gray(noisy)) == settings.passive_denoise_strength
    assert track.too_noisy == 0
    assert track.passive_request(face, None, to_gray(far_too_noisy)) is None
    assert track.too_noisy == 1
