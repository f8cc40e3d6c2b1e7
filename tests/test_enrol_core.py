"""Enrolment core (Qt-free): form validation, outlier-robust averaging, the capture session on the demo
camera, duplicate check, save + audit, and the liveness seam (never relaxed for real sources)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.camera.sources import DemoSource, open_source
from app.core.context import AppContext
from app.core.enrolment.session import (
    EnrolForm,
    EnrolmentError,
    EnrolPhase,
    MissingLiveness,
    average_template,
)
from app.core.settings import Settings
from app.core.vision.pipeline import RecognitionPipeline
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def pipeline() -> Iterator[RecognitionPipeline]:
    with RecognitionPipeline(video=True) as p:
        yield p


def demo_capture(ctx: AppContext, pipeline: RecognitionPipeline, form: EnrolForm, start_index: int = 0):
    """Run a demo-camera session (frames generated without real-time waits) until it leaves CAPTURING."""
    session = ctx.new_enrolment(form, demo=True)
    session.start()
    source = DemoSource(realtime=False)
    source._index = start_index
    status = None
    for _ in range(100):
        source._index += 3  # ~7.5 analysed frames per second of demo time, as on a slow machine
        frame = source.read()
        ts = frame.timestamp_ms + 100_000 * (start_index + 1)  # the video-mode landmarker wants rising times
        result = pipeline.process(frame.rgb, ts, match=False)
        status = session.feed(frame.rgb, result, frame.timestamp_ms / 1000)
        if status.phase is not EnrolPhase.CAPTURING:
            break
    assert status is not None
    return session, status


def test_form_validation_messages() -> None:
    with pytest.raises(EnrolmentError, match="name"):
        EnrolForm("  ", "E1", consent=True).validate()
    with pytest.raises(EnrolmentError, match="ID"):
        EnrolForm("Ana", " ", consent=True).validate()
    with pytest.raises(EnrolmentError, match="consent"):
        EnrolForm("Ana", "E1", consent=False).validate()
    form = EnrolForm("  Ana   Example ", " E1 ", consent=True)
    form.validate()
    assert (form.name, form.external_id) == ("Ana Example", "E1")


def test_average_template_rejects_the_outlier_frame() -> None:
    rng = np.random.default_rng(0)
    centre = rng.normal(size=128)
    centre /= np.linalg.norm(centre)
    frames = [centre + 0.03 * rng.normal(size=128) for _ in range(4)]
    stranger = rng.normal(size=128)
    vectors = np.stack([*frames, stranger / np.linalg.norm(stranger)])
    mean, used, distances = average_template(vectors)
    assert used.tolist() == [True, True, True, True, False]
    assert abs(np.linalg.norm(mean) - 1) < 1e-5
    assert float(mean @ centre) > 0.97  # the stranger would pull it far lower
    assert distances[4] > 1.0


def test_demo_source_is_an_animated_portrait() -> None:
    source = open_source("demo")
    assert isinstance(source, DemoSource) and source.is_demo
    source.realtime = False
    a, b = source.read(), source.read()
    assert a.rgb.shape == (480, 640, 3) and a.rgb.dtype == np.uint8
    assert b.timestamp_ms > a.timestamp_ms and not np.array_equal(a.rgb, b.rgb)


def test_demo_enrolment_saves_one_template_and_audits(ctx: AppContext, pipeline: RecognitionPipeline) -> None:
    ctx.create_first_admin("admin", "Tr0ub4dor&3")  # saving needs a signed-in user who may enrol
    form = EnrolForm("Eileen Collins", "A100", "Flight", consent=True)
    session, status = demo_capture(ctx, pipeline, form)
    assert status.phase is EnrolPhase.READY, status.message
    assert status.liveness.checked is False  # the demo camera never claims liveness
    draft = session.build_template()
    assert draft.frames_used >= 3 and not draft.liveness_checked
    assert ctx.check_duplicate(draft.vector) is None
    person = ctx.save_enrolment(form, draft, session.elapsed_s)
    templates = ctx.templates_for(person.uuid)
    assert len(ctx.list_persons()) == 1 and len(templates) == 1
    assert templates[0].model_id == ctx.model_id and templates[0].frames_used == draft.frames_used
    assert abs(np.linalg.norm(templates[0].vector) - 1) < 1e-5
    actions = [e.action for e in ctx.audit_entries()]
    assert "person.enrol" in actions
    # The same face again is a duplicate, and says who.
    form2 = EnrolForm("Someone Else", "A200", consent=True)
    session2, status2 = demo_capture(ctx, pipeline, form2, start_index=40)
    assert status2.phase is EnrolPhase.READY
    hit = ctx.check_duplicate(session2.build_template().vector)
    assert hit is not None and hit.person.external_id == "A100"
    # The same ID twice is refused before any capture.
    with pytest.raises(EnrolmentError, match="already enrolled"):
        ctx.check_form(EnrolForm("Other", "A100", consent=True))
    # Update = re-enrol that person: still one template, matcher in sync.
    ctx.update_enrolment(hit.person, session2.build_template())
    assert len(ctx.templates_for(person.uuid)) == 1 and len(ctx._matcher) == 1
    ctx.delete_person(person.uuid)
    assert ctx.list_persons() == [] and len(ctx._matcher) == 0


def test_real_sources_never_skip_liveness(ctx: AppContext, pipeline: RecognitionPipeline) -> None:
    session = ctx.new_enrolment(EnrolForm("Ana", "E1", consent=True), demo=False, liveness=MissingLiveness())
    session.start()
    source = DemoSource(realtime=False)
    frame = source.read()
    status = session.feed(frame.rgb, pipeline.process(frame.rgb, 900_000, match=False), 0.0)
    assert status.phase is EnrolPhase.FAILED and "liveness" in status.message.lower()


def test_storage_error_is_clear(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("FACEATTEND_DB_PASSPHRASE", raising=False)
    try:
        with pytest.raises(Exception, match="Cannot open the FaceAttend database") as info:
            AppContext(Settings(data_dir=data_dir)).open()
        assert "passphrase" in str(info.value)
    finally:
        keyring.set_keyring(previous)


def test_two_faces_with_the_subject_listed_second(ctx: AppContext, pipeline: RecognitionPipeline) -> None:
    """A second face in view (a passer-by, or a noisy dark frame's false face) listed before the subject:
    the session picks the subject's quality report and tells the operator; it used to crash with numpy's
    "truth value of an array is ambiguous" (the face was looked up by ==, which compares landmark arrays)."""
    from app.core.vision.images import load_rgb
    from app.core.vision.pipeline import FrameResult, central_face

    rgb = load_rgb(shared_path("data/faces/face_recognition/examples/two_people.jpg"))
    result = pipeline.process(rgb, 950_000, match=False)
    assert len(result.faces) == 2
    subject = central_face(result.faces, result.frame_size)
    assert subject is not None
    others = [f for f in result.faces if f is not subject]
    session = ctx.new_enrolment(EnrolForm("Ana", "E1", consent=True), demo=True)
    session.start()
    status = session.feed(rgb, FrameResult([*others, subject], result.times, result.frame_size), 0.0)
    assert status.phase is EnrolPhase.CAPTURING
    assert status.instruction == "Only one person in front of the camera, please."
    assert status.box == subject.face.box
