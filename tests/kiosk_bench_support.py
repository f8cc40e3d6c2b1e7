"""Kiosk runs through tools/bench_kiosk_webcams.py from a test: a shared video, its person enrolled from its
first seconds, then each run (simulated webcam, start in seconds) through a fresh AttendanceService."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from app.core.attendance import load_passive
from app.core.camera.sources import VideoFileSource
from app.core.context import AppContext
from app.core.settings import Settings
from tests.conftest import shared_path
from tests.test_liveness_replica import _tool


def bench_runs(
    data_dir: Path,
    video: str,
    runs: list[tuple[str, float]],
    stride: int = 1,
    frames_of: Callable[[list[tuple[int, np.ndarray]]], list[tuple[int, np.ndarray]]] | None = None,
) -> list[dict[str, Any]]:
    """The bench's row per (camera, start_s) run: booked (outcome, id, seconds), spoof, last state."""
    tool = _tool("bench_kiosk_webcams")
    with VideoFileSource(shared_path(f"data/video/{video}")) as src:
        frames = [(f.timestamp_ms, f.rgb) for f in src]
    if frames_of is not None:  # e.g. a part of the video, zoomed
        frames = frames_of(frames)
    settings = Settings(data_dir=data_dir)
    settings.attendance.timezone = "UTC"
    settings.attendance.device_id = "test-kiosk"
    with AppContext(settings) as ctx:
        tool.enrol(ctx, frames)
        passive = load_passive(settings)
        assert passive is not None
        return [
            tool.run_one(ctx, settings, passive, frames, (camera, start, day), stride)
            for day, (camera, start) in enumerate(runs)
        ]
