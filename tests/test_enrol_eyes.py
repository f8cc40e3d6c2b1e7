""" "Open your eyes." at enrolment is judged against the person's own eyes, not a fixed blendshape level.

real3.mov (glasses, looking down at the camera) has eyeBlink ~0.64 with its eyes open (max_eye_blink 0.5),
so its enrolment said "Open your eyes." on 29 of the 48 frames it took to enrol (21 now). The eye shape
relative to the person's own open eyes (liveness/signals.EyeShapeClosure) tells a real blink from that: the
session waives the check while the relative closure is <= QualitySettings.eyes_usual_max_closure. real2.webm's
blinks are never waived.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.camera.sources import VideoFileSource
from app.core.context import AppContext
from app.core.enrolment.liveness import LivenessStatus
from app.core.enrolment.session import EnrolForm, EnrolPhase
from app.core.vision.pipeline import FaceResult, RecognitionPipeline
from app.core.vision.quality import CHECK_EYES_OPEN, QualityCheck
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]


class PendingLiveness:
    """A liveness gate that never decides, so the capture goes on over the whole video (the eyes are what is
    tested here, not liveness)."""

    def update(self, rgb: object, face: FaceResult, t_s: float, faces_in_view: int = 1) -> LivenessStatus:
        return LivenessStatus()

    def reset(self) -> None:
        pass


@pytest.fixture(scope="module")
def pipeline() -> Iterator[RecognitionPipeline]:
    with RecognitionPipeline(video=True) as p:
        yield p


def _eye_checks(ctx: AppContext, pipeline: RecognitionPipeline, video: str) -> list[QualityCheck]:
    session = ctx.new_enrolment(EnrolForm("Ana Example", "E001", consent=True), liveness=PendingLiveness())
    session.start()
    checks = []
    with VideoFileSource(shared_path(f"data/video/{video}")) as source:
        for frame in source:
            result = pipeline.process(frame.rgb, frame.timestamp_ms, match=False)
            status = session.feed(frame.rgb, result, frame.timestamp_ms / 1000)
            if status.phase is not EnrolPhase.CAPTURING:
                break
            if result.faces and session.last_report is not None:
                checks.append(session.last_report.check(CHECK_EYES_OPEN))
    return checks


def test_eyes_behind_glasses_are_not_told_to_open(ctx: AppContext, pipeline: RecognitionPipeline) -> None:
    checks = _eye_checks(ctx, pipeline, "real3.mov")
    half_shut = [c for c in checks if c.value > ctx.settings.quality.max_eye_blink]
    waived = [c for c in half_shut if c.passed]
    assert len(half_shut) >= 40  # the blendshape calls most of real3's frames half shut
    # Measured 21 of 67: the rest are moments real3 looks further down than its own usual (its baseline
    # rises once it looks up later in the video), where asking for open eyes is fair. Old code: none.
    assert len(waived) >= 0.25 * len(half_shut), (len(waived), len(half_shut))


def test_a_real_blink_is_still_a_closed_eye(ctx: AppContext, pipeline: RecognitionPipeline) -> None:
    checks = _eye_checks(ctx, pipeline, "real2.webm")
    blinks = [c for c in checks if c.value > ctx.settings.quality.max_eye_blink]
    assert blinks, "real2 blinks"
    assert not any(c.passed for c in blinks), [c.detail for c in blinks if c.passed]
