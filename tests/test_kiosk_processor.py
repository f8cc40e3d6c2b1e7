"""The kiosk's per-frame loop in the core, with no Qt: real video frames go into KioskProcessor and come
out as attendance decisions and one attendance row (../shared real2.webm, the passive model imported)."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from app.core.attendance import KioskBackend, Outcome
from app.core.attendance.processor import KioskProcessor
from app.core.camera.sources import VideoFileSource
from tests.conftest import shared_path
from tests.test_attendance_video import LOOP, STRIDE, T0, enrol_from_real2, make_context, models_home, strided

pytestmark = [pytest.mark.shared, pytest.mark.slow]
__all__ = ["models_home"]  # the fixture, shared with the video tests


def test_a_frame_reaches_an_attendance_row_without_qt(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    ctx, _settings = make_context(data_dir, models_home)
    clock = [T0]
    with ctx:
        with ctx.new_pipeline() as enrol_pipeline:
            person = enrol_from_real2(ctx, enrol_pipeline, video)
        backend = KioskBackend.from_context(ctx, clock=lambda: clock[0])
        assert backend.passive_installed
        processor = KioskProcessor(backend)
        processor.start()
        outcomes = []
        try:
            with VideoFileSource(video) as source:
                for frame in strided(source, STRIDE, LOOP):
                    clock[0] = T0 + timedelta(milliseconds=frame.timestamp_ms)
                    decisions = processor.process_frame(frame)
                    outcomes += [e.outcome for e in decisions.events]
        finally:
            processor.close()
        stored = ctx._store.list_events()
    assert outcomes.count(Outcome.CHECKED_IN) == 1
    assert len(stored) == 1 and stored[0].person_uuid == person.uuid
    assert processor.stats.processed == len(range(0, LOOP, STRIDE)) and processor.stats.inference_ms > 0


def test_processor_module_imports_no_qt() -> None:
    import subprocess

    code = (
        "import sys, app.core.attendance.processor; print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
