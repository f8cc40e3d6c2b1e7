"""The kiosk loop on real video (../shared): enrolled person in once, stranger unknown, replay refused.

Frames are processed with a stride (every 5th frame, ~6 fps of video) and without real-time waits; the
attendance clock is a fake clock that follows the video's timestamps. The passive anti-spoof model is
imported from ../shared/models/minifasnet by the `models import-antispoof` command into a temporary
data dir (strict mode needs it: a phone replay shows real blinks and real 3-D head motion).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.core.attendance import AttendanceService, KioskBackend, KioskEvent, Outcome, TrackView, load_passive
from app.core.attendance.processor import KioskProcessor, ProcessorStats
from app.core.camera.sources import Frame, VideoFileSource
from app.core.context import AppContext
from app.core.records import Person, Template
from app.core.settings import Settings
from app.core.vision.images import load_rgb
from app.core.vision.pipeline import RecognitionPipeline
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]

STRIDE = 2  # every 2nd frame of real2 (~9 per second; the kiosk analyses up to 30): blinks are seen
LOOP = 214  # frames OpenCV decodes from real2.webm (11.7 s, variable frame rate)
T0 = datetime(2026, 3, 2, 7, 55, tzinfo=UTC)  # a Monday morning


def strided(source: VideoFileSource, stride: int, limit: int) -> Iterator[Frame]:
    for i, frame in enumerate(source):
        if i >= limit:
            return
        if i % stride == 0:
            yield frame


@pytest.fixture(scope="module")
def models_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose models/ holds the MiniFASNet ensemble, imported by the CLI command."""
    weights = shared_path("models/minifasnet")
    home = tmp_path_factory.mktemp("kiosk-models")
    from app.commands.models import install_antispoof
    from app.core.modelconv.convert import convert_pth
    from app.core.models import user_models_dir

    converted = [convert_pth(p) for p in sorted(weights.glob("*.pth"))]
    install_antispoof(converted, user_models_dir(home))
    return home


def make_context(data_dir: Path, models_home: Path | None = None) -> tuple[AppContext, Settings]:
    settings = Settings(data_dir=data_dir)
    settings.attendance.timezone = "UTC"
    settings.attendance.device_id = "test-kiosk"
    ctx = AppContext(settings)
    ctx.open()
    if models_home is not None:  # the passive model lives in <data dir>/models
        (data_dir / "models").symlink_to(models_home / "models", target_is_directory=True)
    return ctx, settings


def enrol_from_real2(
    ctx: AppContext, pipeline: RecognitionPipeline, video: Path, every_frame: bool = True
) -> Person:
    """Average the embeddings of a few frames from the first 3 seconds (`every_frame`: each of them must
    show exactly one face; else frames without one are skipped, e.g. a replay's blurred ones)."""
    vectors = []
    with VideoFileSource(video) as source:
        for frame in strided(source, 10, 90):
            faces = pipeline.process(frame.rgb, frame.timestamp_ms, match=False).faces
            if not every_frame and not faces:
                continue
            assert len(faces) == 1
            assert faces[0].embedding is not None
            vectors.append(faces[0].embedding)
    mean = np.mean(vectors, axis=0)
    mean /= np.linalg.norm(mean)
    person = Person(str(uuid.uuid4()), "E001", "Ana Example")
    template = Template(
        person.uuid, ctx.model_id, ctx.model_version, mean.astype(np.float32), 1.0, len(vectors)
    )
    ctx._store.add_enrolment(person, [template])
    ctx.reload_matcher()
    pipeline.matcher = ctx._matcher  # the pipeline was made while the matcher was empty (see KioskBackend)
    return person


def run(
    service: AttendanceService,
    pipeline: RecognitionPipeline,
    frames: Iterator[Frame],
    clock: list[datetime],
    visit_frames: int = 0,
) -> list[KioskEvent]:
    """Process the frames; every `visit_frames` source frames the person leaves (tracks close)."""
    events: list[KioskEvent] = []
    for frame in frames:
        if visit_frames and frame.index and frame.index % visit_frames < STRIDE:
            service.reset()
        clock[0] = T0 + timedelta(milliseconds=frame.timestamp_ms)
        result = pipeline.process(frame.rgb, frame.timestamp_ms)
        events += service.process(frame.rgb, frame.timestamp_ms / 1000, result.faces).events
    return events


def enrolled_kiosk(ctx: AppContext, video: Path, clock: list[datetime]) -> tuple[Person, KioskBackend]:
    """The person enrolled from the video's first seconds, and a kiosk backend on `ctx` (with its passive
    anti-spoof model) whose clock reads clock[0]."""
    with ctx.new_pipeline() as enrol_pipeline:
        person = enrol_from_real2(ctx, enrol_pipeline, video)
    backend = KioskBackend.from_context(ctx, clock=lambda: clock[0])
    assert backend.passive_installed
    return person, backend


def run_processor(
    backend: KioskBackend, video: Path, clock: list[datetime]
) -> tuple[list[KioskEvent], ProcessorStats]:
    """One strided pass of the video through a KioskProcessor on `backend` (the kiosk's own per-frame loop),
    the clock following the video's timestamps: the events it decided and the processor's stats."""
    processor = KioskProcessor(backend)
    processor.start()
    events: list[KioskEvent] = []
    try:
        with VideoFileSource(video) as source:
            for frame in strided(source, STRIDE, LOOP):
                clock[0] = T0 + timedelta(milliseconds=frame.timestamp_ms)
                events += processor.process_frame(frame).events
    finally:
        processor.close()
    return events, processor.stats


def test_enrolled_person_checked_in_once_over_loops(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    ctx, settings = make_context(data_dir, models_home)
    clock = [T0]
    with ctx, ctx.new_pipeline() as pipeline:
        person = enrol_from_real2(ctx, pipeline, video)
        passive = load_passive(settings)
        assert passive is not None
        service = AttendanceService(ctx._store, settings, passive, clock=lambda: clock[0])
        loops = 3
        with VideoFileSource(video, loop=True) as source:
            # each loop of the video is a new visit (the tracks are closed at the loop boundary)
            events = run(service, pipeline, strided(source, STRIDE, loops * LOOP), clock, visit_frames=LOOP)
        stored = ctx._store.list_events()
        unknown = ctx._store.list_unknown_faces()
    checked = [e for e in events if e.outcome == Outcome.CHECKED_IN]
    assert len(checked) == 1, [e.greeting for e in events]
    assert len(stored) == 1 and stored[0].person_uuid == person.uuid
    assert stored[0].match_score >= 0.875 and stored[0].liveness_score >= 0.5
    assert stored[0].device_id == "test-kiosk"
    assert checked[0].greeting.startswith("Good morning, Ana — checked in 07:5")
    already = [e for e in events if e.outcome == Outcome.ALREADY]
    assert len(already) >= loops - 1  # later visits: debounced, greeted with the first check-in
    assert all(e.event is not None and e.event.uuid == stored[0].uuid for e in already)
    assert unknown == []
    # the first decision came within ~2 s of video: balanced mode waits for a blink, and real2's first is
    # seen 1.87 s in (before, with the passive model alone: < 1.5 s)
    assert (checked[0].at_utc - T0).total_seconds() < 2.5


def test_stranger_photos_give_unknown_events_and_no_check_in(memory_keyring: object, data_dir: Path) -> None:
    video = shared_path("data/video/real2.webm")
    photos = shared_path("data/faces/deepface/tests/unit/dataset")
    ctx, settings = make_context(data_dir)
    settings.attendance.save_unknown_thumbnails = True
    alerts: list[KioskEvent] = []
    clock = [T0]
    names = ["img26.jpg", "img8.jpg", "img3.jpg", "img13.jpg"]  # four people, none of them enrolled

    def held_photos() -> Iterator[Frame]:
        """Each photo held in front of the camera for 10 frames, 3 s apart (separate visits)."""
        for n, name in enumerate(names):
            rgb = load_rgb(photos / name)
            for k in range(10):
                yield Frame(rgb, 100_000 + n * 3000 + k * 100, k)

    with ctx, ctx.new_pipeline() as pipeline:
        enrol_from_real2(ctx, pipeline, video)
        service = AttendanceService(
            ctx._store, settings, None, clock=lambda: clock[0], on_unknown=alerts.append
        )
        events = run(service, pipeline, held_photos(), clock)
        stored = ctx._store.list_events()
        unknown = ctx._store.list_unknown_faces()
    assert stored == []
    assert [e.outcome for e in events] == [Outcome.UNKNOWN] * len(names)
    assert len(unknown) == len(names) and len(alerts) == len(names)
    assert all(u.thumbnail and u.thumbnail[:2] == b"\xff\xd8" for u in unknown)  # JPEG, inside the database


def test_phone_replay_no_check_in_in_strict_mode(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    real = shared_path("data/video/real2.webm")
    fake = shared_path("data/video/fake2.webm")
    ctx, settings = make_context(data_dir, models_home)
    settings.attendance.liveness = "strict"
    clock = [T0]
    with ctx, ctx.new_pipeline() as pipeline:
        enrol_from_real2(ctx, pipeline, real)
        service = AttendanceService(ctx._store, settings, load_passive(settings), clock=lambda: clock[0])
        views = []
        with VideoFileSource(fake) as source:
            for frame in strided(source, STRIDE, 10_000):
                clock[0] = T0 + timedelta(milliseconds=frame.timestamp_ms)
                result = pipeline.process(frame.rgb, frame.timestamp_ms)
                decisions = service.process(frame.rgb, frame.timestamp_ms / 1000, result.faces)
                assert not [e for e in decisions.events if e.outcome != Outcome.UNKNOWN]
                views += decisions.tracks
        stored = ctx._store.list_events()
    assert stored == []
    # The replayed face was recognised as the enrolled person, and refused as a spoof.
    assert any(v.state == "spoof" and v.label.startswith("Ana") for v in views)


def test_phone_replay_of_a_real_person_is_not_booked_in_balanced_mode(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    """fake3.mp4: a man holds a phone replaying his own video. For its first ~1.7 s his own LIVE face is in
    view beside the phone (the face it is enrolled from, as in tools/bench_kiosk_webcams.py); then the phone
    covers it. Booking him in those 1.7 s would be right (the kiosk rarely does: he must blink first); the
    phone's replayed face must never be booked. (Session 9 took the kiosk's early bookings of this video,
    0.5 s in, for replay bookings; they were his live face. The replayed face, ~95 px on a 960x540 frame,
    was not found at all until the landmarker searched a faceless frame's central square again.)"""
    fake = shared_path("data/video/fake3.mp4")
    ctx, settings = make_context(data_dir, models_home)
    assert settings.attendance.liveness == "balanced"  # the default
    clock = [T0]
    live_face_until_ms = 1800
    late: list[object] = []  # bookings once only the phone is in view
    phone_tracks: list[TrackView] = []
    booked: list[str] = []
    with ctx, ctx.new_pipeline() as pipeline:
        enrol_from_real2(ctx, pipeline, fake, every_frame=False)
        service = AttendanceService(ctx._store, settings, load_passive(settings), clock=lambda: clock[0])
        with VideoFileSource(fake) as source:
            for frame in strided(source, STRIDE, LOOP):
                clock[0] = T0 + timedelta(milliseconds=frame.timestamp_ms)
                result = pipeline.process(frame.rgb, frame.timestamp_ms)
                decisions = service.process(frame.rgb, frame.timestamp_ms / 1000, result.faces)
                booked += [e.person.external_id for e in decisions.events if e.person is not None]
                if frame.timestamp_ms > live_face_until_ms:
                    late += [e for e in decisions.events if e.outcome != Outcome.UNKNOWN]
                    phone_tracks += decisions.tracks
        stored = ctx._store.list_events()
    assert late == []  # nothing booked from the phone
    # the replayed face is seen (most frames), never taken for live, and refused: its surroundings (the
    # phone, the hand) move with it (the passive model alone scores it ~0.8, live; no blink is seen)
    assert len(phone_tracks) >= 20 and not [v for v in phone_tracks if v.state == "live"]
    assert any(v.state == "spoof" for v in phone_tracks)
    assert set(booked) <= {"E001"} and len(stored) == len(booked) <= 1  # at most the live man, once
