"""The kiosk's per-frame loop in the core, with no Qt: real video frames go into KioskProcessor and come
out as attendance decisions and one attendance row (../shared real2.webm, the passive model imported)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.core.attendance import Outcome
from tests.conftest import shared_path
from tests.test_attendance_video import (
    LOOP,
    STRIDE,
    T0,
    enrolled_kiosk,
    make_context,
    models_home,
    run_processor,
)

pytestmark = [pytest.mark.shared, pytest.mark.slow]
__all__ = ["models_home"]  # the fixture, shared with the video tests


def test_a_frame_reaches_an_attendance_row_without_qt(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    ctx, _settings = make_context(data_dir, models_home)
    clock = [T0]
    with ctx:
        person, backend = enrolled_kiosk(ctx, video, clock)
        events, stats = run_processor(backend, video, clock)
        stored = ctx._store.list_events()
    assert [e.outcome for e in events].count(Outcome.CHECKED_IN) == 1
    assert len(stored) == 1 and stored[0].person_uuid == person.uuid
    assert stats.processed == len(range(0, LOOP, STRIDE)) and stats.inference_ms > 0


def test_processor_module_imports_no_qt() -> None:
    import subprocess

    code = (
        "import sys, app.core.attendance.processor; print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
