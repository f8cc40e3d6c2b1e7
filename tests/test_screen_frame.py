"""The screen-frame cue (app/core/liveness/screen_frame.py): a screen's bezel or a picture's border flanking
the face on both sides, and the empty scene's own lines (scene_background.py) that must not count.

fake3.mp4 (an old phone replaying a real person, its bezel in view) was the kiosk's last booked replay under
the cheap-webcam simulation (tools/bench_kiosk_webcams.py: 1 of 57 runs; a replayed blink, passive 0.59-0.77,
texture 3-D) and the enrolment's LivenessSession left it "undecided" in 56 of 57 runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.core.attendance import AttendanceService, load_passive
from app.core.camera.sources import VideoFileSource
from app.core.context import AppContext
from app.core.liveness.decision import SCREEN_FRAME, Verdict
from app.core.liveness.scene_background import SceneBackground
from app.core.liveness.screen_frame import EdgeSegment, ScreenFrameCheck, flanking_edges
from app.core.settings import LivenessSettings, Settings
from tests.conftest import shared_path
from tests.test_liveness_replica import _tool

CHEAP = "cheap webcam (dim, noise, JPEG q40, 0.6x)"
Frames = list[tuple[int, np.ndarray]]


def _video(name: str) -> Frames:
    with VideoFileSource(shared_path(f"data/video/{name}")) as src:
        return [(f.timestamp_ms, f.rgb) for f in src]


def _kiosk_settings(data_dir: Path) -> Settings:
    settings = Settings(data_dir=data_dir)
    settings.attendance.timezone = "UTC"
    settings.attendance.device_id = "test-kiosk"
    return settings


# --- the cue on synthetic frames (no model) ---------------------------------------------------------------


def _scene(lines: Iterable[int]) -> np.ndarray:
    gray = np.full((480, 640), 150, np.uint8)
    cv2.ellipse(gray, (320, 240), (70, 95), 0, 0, 360, 90, -1)  # a face-sized blob, no straight edges
    for x in lines:
        cv2.rectangle(gray, (x - 3, 60), (x + 3, 420), 30, -1)
    return gray


BOX = (250.0, 145.0, 390.0, 335.0)


def test_edges_on_both_sides_make_a_frame_one_side_does_not() -> None:
    s = LivenessSettings()
    assert flanking_edges(_scene([180, 460]), BOX, s).framed
    one = flanking_edges(_scene([180]), BOX, s)
    assert one.left is not None and one.right is None and not one.framed
    assert not flanking_edges(_scene([]), BOX, s).framed
    far = flanking_edges(_scene([20, 620]), BOX, s)  # beyond `screen_frame_reach` face widths
    assert not far.framed


def test_a_track_needs_enough_framed_frames_and_a_large_enough_share() -> None:
    s = LivenessSettings()
    check = ScreenFrameCheck(s)
    framed, plain = _scene([180, 460]), _scene([])
    for _ in range(s.screen_frame_min_frames - 1):
        check.update(framed, BOX)
    assert check.suspect and not check.detected  # not yet enough frames: wait, do not refuse
    for _ in range(4 * s.screen_frame_min_frames):
        check.update(plain, BOX)
    check.update(framed, BOX)
    assert check.framed == s.screen_frame_min_frames and check.share < s.screen_frame_min_share
    assert not check.detected and not check.suspect  # scattered framed frames in a long track
    check.reset()
    for _ in range(s.screen_frame_min_frames):
        check.update(framed, BOX)
    assert check.detected
    s.screen_frame_check = False
    assert not check.detected


def test_the_empty_scene_explains_its_own_lines_not_new_ones() -> None:
    s = LivenessSettings()
    room = _scene([180, 460])
    background = SceneBackground()
    assert not background.ready
    for i in range(background.min_samples):
        background.observe(room, i * background.every_s)
    assert background.ready
    assert not flanking_edges(room, BOX, s, background).framed  # the room's own door frame
    phone = _scene([200, 440])  # edges the empty scene never had
    assert flanking_edges(phone, BOX, s, background).framed
    assert not background.explains(room, EdgeSegment(320, 60, 320, 420))  # no line there in the room


# --- the cue on the shared videos ------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    ("video", "low", "high"),
    [("real2.webm", 0.0, 0.05), ("real3.mov", 0.0, 0.08), ("fake2.webm", 0.35, 1.0), ("fake3.mp4", 0.6, 1.0)],
)
def test_share_of_framed_face_frames(video: str, low: float, high: float) -> None:
    """Per frame, clean and through the cheap webcam (measured: real2 <= 0.01, real3 <= 0.05, fake2
    0.45-0.55, fake3 0.73-0.88; tools/bench_screen_frame.py)."""
    from app.core.evaluation.liveness import landmarker_path
    from app.core.vision.landmarker import FaceLandmarker

    bench = _tool("bench_screen_frame")
    with FaceLandmarker(landmarker_path()) as landmarker:
        for camera in ("original", CHEAP):
            row = bench.video_share(
                shared_path(f"data/video/{video}"), camera, landmarker, LivenessSettings()
            )
            assert row["face_frames"] >= 20
            assert low <= row["share"] <= high, row


@pytest.mark.shared
@pytest.mark.slow
def test_the_phone_replay_fake3_is_a_spoof_at_enrolment() -> None:
    """Old code: "undecided" (the replay shows a blink-like event, a 3-D-looking face and a passive score
    over the threshold; only the missing background check kept it from "live")."""
    from app.core.evaluation.liveness import landmarker_path
    from app.core.liveness.antispoof import load_passive_ensemble
    from app.core.vision.landmarker import FaceLandmarker

    bench = _tool("bench_liveness_webcams")
    passive = load_passive_ensemble().scorer  # the bundled ensemble
    assert passive is not None
    path = shared_path("data/video/fake3.mp4")
    with FaceLandmarker(landmarker_path(), video=True) as landmarker:
        for i, camera in enumerate(("original", CHEAP)):
            row = bench.run_one(path, camera, passive, landmarker, 1_000_000 * (i + 1))
            assert row["decision"] == Verdict.SPOOF.value, row
            assert row["reason"].startswith(SCREEN_FRAME.split("{")[0]), row


@pytest.mark.shared
@pytest.mark.slow
def test_the_phone_replay_fake3_is_not_booked_at_the_kiosk_under_the_cheap_webcam(
    memory_keyring: object, data_dir: Path
) -> None:
    """The run the kiosk booked before (a replayed blink, passive 0.59-0.77, texture 3-D): now refused."""
    tool = _tool("bench_kiosk_webcams")
    frames = _video("fake3.mp4")
    settings = _kiosk_settings(data_dir)
    with AppContext(settings) as ctx:
        tool.enrol(ctx, frames)  # from the replay itself: the face matches the template
        passive = load_passive(settings)
        assert passive is not None
        row = tool.run_one(ctx, settings, passive, frames, (CHEAP, 0.0, 0), 1)
    assert row["booked"] is None and row["spoof"], row


# --- a door frame behind a live person, at a kiosk that saw the empty door --------------------------------

DOOR_X = (110, 500)  # real2's face moves between x 145 and 464: the posts stay beside it, within reach


def _door(rgb: np.ndarray) -> np.ndarray:
    """Two dark door posts behind the person (drawn above the shoulders only: the person stands in front)."""
    out = rgb.copy()
    for x in DOOR_X:
        cv2.rectangle(out, (x - 4, 0), (x + 4, 330), (60, 45, 30), -1)
    return out


def _empty_door(rgb: np.ndarray) -> np.ndarray:
    """The same room with nobody in it: between the posts the person is blurred away (no face)."""
    out = _door(rgb)
    x0, x1 = DOOR_X[0] + 8, DOOR_X[1] - 8
    out[:, x0:x1] = cv2.GaussianBlur(out[:, x0:x1], (0, 0), 40)
    return out


def _door_visit(data_dir: Path, idle_seconds: float) -> tuple[list[str], list[str]]:
    """real2 in a door frame at the kiosk, after `idle_seconds` of the empty door: (booked ids, states)."""
    tool = _tool("bench_kiosk_webcams")
    frames = [(ts, _door(rgb)) for ts, rgb in _video("real2.webm")]
    settings = _kiosk_settings(data_dir)
    booked: list[str] = []
    states: list[str] = []
    with AppContext(settings) as ctx:
        tool.enrol(ctx, frames)
        passive = load_passive(settings)
        assert passive is not None
        clock = [tool.T0]
        service = AttendanceService(ctx._store, settings, passive, clock=lambda: clock[0])
        empty = _empty_door(frames[0][1])
        with ctx.new_pipeline() as pipeline:
            t_ms = 0
            while t_ms < idle_seconds * 1000:  # the kiosk idles; it samples the empty scene every 0.5 s
                result = pipeline.process(empty, 10_000_000 + t_ms)
                assert not result.faces
                service.process(empty, (10_000_000 + t_ms) / 1000, result.faces)
                t_ms += 250
            for ts, rgb in frames:
                stamp = 10_000_000 + t_ms + ts
                clock[0] = tool.T0 + timedelta(milliseconds=t_ms + ts)
                result = pipeline.process(rgb, stamp)
                decisions = service.process(rgb, stamp / 1000, result.faces)
                states += [t.state for t in decisions.tracks]
                booked += [e.person.external_id for e in decisions.events if e.person is not None]
    return booked, states


@pytest.mark.shared
@pytest.mark.slow
def test_a_person_in_a_door_frame_is_booked_when_the_kiosk_saw_the_empty_door(
    memory_keyring: object, data_dir: Path
) -> None:
    booked, states = _door_visit(data_dir, idle_seconds=6.0)
    assert booked == ["E001"] and "spoof" not in states


@pytest.mark.shared
@pytest.mark.slow
def test_a_person_in_a_door_frame_is_refused_when_the_kiosk_never_saw_the_empty_door(
    memory_keyring: object, data_dir: Path
) -> None:
    """The cue's cost, stated in the README: without the empty scene, door posts tight around a face look
    like a screen's edges."""
    booked, states = _door_visit(data_dir, idle_seconds=0.0)
    assert booked == [] and "spoof" in states
