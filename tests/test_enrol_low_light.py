"""Enrolment in a dark room. A noisy camera's frames are judged by the passive model denoised; a camera far
too noisy for that cannot pass liveness: the operator is told what helps ("More light, please"), nothing is
saved, and nobody is called a spoof (before, the attempt ended as "Timed out after 10 s. Passive model:
collecting samples.").

real2.webm through simulated cameras: a dark one (brightness x0.4 + sensor noise sigma 10, as in
tools/bench_liveness_webcams.py: the quality gate says "Too dark") and auto-exposed ones (normal
brightness, the gain's noise sigma 10 or 20), where the quality gate sees nothing wrong and only the
liveness layer can say why. The video cannot follow a random challenge, so the session runs without one
(blink mode); with a challenge the light prompt comes once the challenge is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.camera.sources import VideoFileSource
from app.core.context import AppContext
from app.core.enrolment.liveness import SessionLiveness
from app.core.enrolment.session import EnrolForm, EnrolPhase, EnrolStatus
from app.core.liveness import LivenessSession
from app.core.liveness.decision import MORE_LIGHT
from app.core.vision.pipeline import RecognitionPipeline
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]

STRIDE = 2  # ~15 analysed frames per second of video


@pytest.fixture(scope="module")
def pipeline() -> Iterator[RecognitionPipeline]:
    with RecognitionPipeline(video=True) as p:
        yield p


def _capture(
    ctx: AppContext, pipeline: RecognitionPipeline, brightness: float, sigma: float
) -> tuple[EnrolStatus, list[str]]:
    """real2.webm through an enrolment until it leaves CAPTURING: the last status, every instruction shown."""
    passive = ctx.passive_scorer()
    assert passive is not None  # the bundled ensemble
    gate = SessionLiveness(LivenessSession(ctx.settings.liveness, passive=passive, challenge=None))
    session = ctx.new_enrolment(EnrolForm("Ana Example", "E001", consent=True), liveness=gate)
    session.start()
    rng = np.random.default_rng(0)
    shown: list[str] = []
    status = session.status()
    with VideoFileSource(shared_path("data/video/real2.webm")) as source:
        for i, frame in enumerate(source):
            if i % STRIDE:
                continue
            noisy = frame.rgb.astype(np.float32) * brightness + rng.normal(0, sigma, frame.rgb.shape)
            rgb = np.clip(noisy, 0, 255).astype(np.uint8)
            status = session.feed(
                rgb, pipeline.process(rgb, frame.timestamp_ms, match=False), frame.timestamp_ms / 1000
            )
            if status.instruction and (not shown or shown[-1] != status.instruction):
                shown.append(status.instruction)
            if status.phase is not EnrolPhase.CAPTURING:
                break
    return status, shown


def test_enrolment_in_a_very_noisy_room_asks_for_light_and_saves_nothing(
    ctx: AppContext, pipeline: RecognitionPipeline, data_dir: Path
) -> None:
    """An auto-exposed camera in a very dark room (the gain's noise sigma 20: the face measures above
    passive_denoise_max_sigma): the quality gate sees nothing wrong; only the liveness layer can say why."""
    status, shown = _capture(ctx, pipeline, 1.0, 20.0)
    assert status.phase is EnrolPhase.FAILED
    assert status.message == MORE_LIGHT, status.message  # old code: "Timed out ... collecting samples."
    assert MORE_LIGHT in shown, shown  # said while capturing, not only at the end
    assert ctx.list_persons() == []


def test_enrolment_with_a_dark_camera_says_too_dark_and_saves_nothing(
    ctx: AppContext, pipeline: RecognitionPipeline, data_dir: Path
) -> None:
    status, shown = _capture(ctx, pipeline, 0.4, 10.0)
    assert "Too dark: add light in front of you." in shown, shown
    assert status.phase is not EnrolPhase.READY
    assert ctx.list_persons() == []


def test_enrolment_with_a_noisy_camera_passes_liveness(
    ctx: AppContext, pipeline: RecognitionPipeline
) -> None:
    """An auto-exposed camera in a dim room (noise sigma 10): the passive model judges its frames denoised.
    Before, they were not judged at all and the attempt ended with "More light, please"."""
    status, shown = _capture(ctx, pipeline, 1.0, 10.0)
    assert status.phase is EnrolPhase.READY, (status.message, shown)
    assert MORE_LIGHT not in shown
