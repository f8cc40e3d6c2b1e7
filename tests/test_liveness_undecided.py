"""No false "flat", and "undecided" kept apart from "spoof": a live face that barely moves, or input that
ends before any evidence, is never called a spoof; the bench reports it as "undecided".

Slowed-down live videos stand in for a live person who moves little: each frame of real2.webm / real3.mov
shown k times at the source frame rate (the same face, motion k times smaller per pair of views).
Measured before this change: real3 from 3 s slowed x4 -> "Flat picture (residual 0.018 <= 0.020)" after
3.3 s; real2 from 6 s slowed x4 -> flat after 8.7 s. Now: undecided at the timeout / live.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.commands import bench_liveness
from app.core.camera.sources import VideoFileSource
from app.core.evaluation.liveness import landmarker_path
from app.core.liveness import LivenessSession, Verdict
from app.core.settings import LivenessSettings
from app.core.vision.landmarker import FaceLandmarker
from tests.conftest import shared_path

pytestmark = pytest.mark.shared

VIDEO = "data/video"


def _slowed(rel: str, start_s: float, factor: int) -> Verdict:
    with VideoFileSource(shared_path(rel)) as src:
        frames = [(f.timestamp_ms, f.rgb) for f in src]
    step_ms = (frames[-1][0] - frames[0][0]) / (len(frames) - 1)
    seq = [rgb for ts, rgb in frames if ts >= start_s * 1000 for _ in range(factor)]
    session = LivenessSession(LivenessSettings())
    decision = None
    with FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker:
        for i, rgb in enumerate(seq):
            ts = round(i * step_ms)
            faces = landmarker.detect(rgb, ts)
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            decision = session.update(rgb, ts, face, faces_in_view=len(faces))
            if decision.decided or decision.elapsed_s >= 12.0:
                break
    assert decision is not None
    assert not any(r.startswith("Flat picture") for r in decision.reasons), decision.reasons
    return decision.verdict


@pytest.mark.parametrize(("rel", "start_s"), [("real3.mov", 3.0), ("real2.webm", 6.0)])
def test_a_live_face_moving_little_is_never_flat(rel: str, start_s: float) -> None:
    verdict = _slowed(f"{VIDEO}/{rel}", start_s, 4)
    assert verdict != Verdict.SPOOF


def test_input_ending_before_any_evidence_is_undecided_not_spoof() -> None:
    """0.8 s of a live person: not enough for any cue; the bench says undecided (it used to say spoof)."""
    result = bench_liveness.run_video(shared_path(f"{VIDEO}/real2.webm"), passive=None, max_seconds=0.8)
    assert result["decision"] == "undecided" and result["undecided"], result


@pytest.mark.parametrize(
    ("rel", "allowed"), [("real3.mov", {"live", "undecided"}), ("fake2.webm", {"spoof"})]
)
def test_other_live_and_replay_videos(rel: str, allowed: set[str]) -> None:
    """real3 (another person, another webcam) is never refused; the phone replay fake2 is a spoof."""
    passive = bench_liveness.load_passive("auto")
    result = bench_liveness.run_video(shared_path(f"{VIDEO}/{rel}"), passive=passive)
    assert result["decision"] in allowed, result


def test_fake3_is_a_spoof() -> None:
    """fake3.mp4: the attacker's own live face for 1.7 s, then the phone replaying him covers it. The
    phone's face (~95 px on a 960x540 frame) was never found until faceless frames were searched again in
    their central square; it was "undecided" then. Now the replayed face is found, and its surroundings
    (the phone, the hand) move with it: a spoof (the passive model alone scores it 0.80, "live")."""
    passive = bench_liveness.load_passive("auto")
    result = bench_liveness.run_video(shared_path(f"{VIDEO}/fake3.mp4"), passive=passive)
    assert result["decision"] == "spoof", result


def test_folder_of_photos_and_videos(tmp_path: Path) -> None:
    live, spoof = tmp_path / "live", tmp_path / "spoof"
    live.mkdir()
    spoof.mkdir()
    (live / "real2.webm").symlink_to(shared_path(f"{VIDEO}/real2.webm"))
    (live / "genuine.jpg").symlink_to(shared_path("data/spoof/doubango/assets/images/genuine.jpg"))
    (live / "image_T1.jpg").symlink_to(shared_path("data/spoof/silent_face/images/sample/image_T1.jpg"))
    (spoof / "fake2.webm").symlink_to(shared_path(f"{VIDEO}/fake2.webm"))
    (spoof / "image_F1.jpg").symlink_to(shared_path("data/spoof/silent_face/images/sample/image_F1.jpg"))
    (spoof / "image_F2.jpg").symlink_to(shared_path("data/spoof/silent_face/images/sample/image_F2.jpg"))
    (spoof / "notes.txt").write_text("not a presentation")
    cache: dict[str, float | None] = {}
    result = bench_liveness.run_folder(
        tmp_path, LivenessSettings(), bench_liveness.load_passive("auto"), None, cache
    )
    assert result["n_live"] == 3 and result["n_spoof"] == 3
    assert result["n_photos"] == 4 and result["n_videos"] == 2
    assert result["apcer"] == 0.0 and result["bpcer"] == 0.0 and result["auc"] == 1.0, result
    assert result["apcer_at_bpcer_5"] == 0.0
    assert len(cache) == 4  # the photo scores, for a cheap rerun


def test_a_noisy_webcam_is_not_called_flat() -> None:
    """real3.mov with sensor noise (sigma 8, seeded): the landmarker's pose jumped 16 deg while the tracked
    texture hardly moved, which the old pose-based confidence read as a flat picture turning (spoof at
    4.3 s). With the passive ensemble, as the kiosk runs."""
    import numpy as np

    rng = np.random.default_rng(0)
    session = LivenessSession(LivenessSettings(), passive=bench_liveness.load_passive("auto"))
    decision = None
    with (
        FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker,
        VideoFileSource(shared_path(f"{VIDEO}/real3.mov")) as src,
    ):
        for frame in src:
            noisy = np.clip(frame.rgb + rng.normal(0, 8.0, frame.rgb.shape), 0, 255).astype(np.uint8)
            faces = landmarker.detect(noisy, frame.timestamp_ms)
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            decision = session.update(noisy, frame.timestamp_ms, face, faces_in_view=len(faces))
            if decision.decided:
                break
    assert decision is not None and decision.verdict != Verdict.SPOOF, decision.reasons


def test_live_clip_with_head_and_shoulders_moving_is_not_a_hand_held_picture() -> None:
    """real2.webm from 3 s: the bands beside the face move with it (ratio 0.35) and the old 0.3 threshold
    refused this live person as "the surroundings move with the face"; the attacks that cue catches
    (fake2, hand-held photos and masks) measure 0.76-2.2."""
    with VideoFileSource(shared_path(f"{VIDEO}/real2.webm")) as src:
        frames = [(f.timestamp_ms, f.rgb) for f in src if f.timestamp_ms >= 3000]
    session = LivenessSession(LivenessSettings())
    decision = None
    with FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker:
        for ts, rgb in frames:
            faces = landmarker.detect(rgb, ts)
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            decision = session.update(rgb, ts, face, faces_in_view=len(faces))
            if decision.decided:
                break
    assert decision is not None and decision.verdict == Verdict.LIVE, decision.reasons
