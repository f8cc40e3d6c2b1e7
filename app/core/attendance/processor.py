"""The kiosk's per-frame loop in the core (Qt-free): one frame in, the attendance decisions out.

    processor = KioskProcessor(backend)     # on the inference thread: the pipeline is not shared
    processor.start()                       # models loaded and run once (the first visitor waits less)
    decisions = processor.process_frame(frame)   # pipeline (detect → embed → match) → AttendanceService
    processor.reset()                       # the camera reconnected: open tracks are dropped
    processor.close()

A frame reaches an attendance row through: sources.Frame → pipeline.RecognitionPipeline (landmarker,
embedder, matcher) → attendance.service.AttendanceService (tracks, voting, liveness, rules) →
storage.events (the row). The UI thread's worker (app/ui/kiosk/worker.py) only moves frames to this
object and its FrameDecisions to the window.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.attendance.events import FrameDecisions

if TYPE_CHECKING:
    from app.core.attendance.kiosk import KioskBackend
    from app.core.camera.sources import Frame
    from app.core.vision.pipeline import RecognitionPipeline

log = logging.getLogger(__name__)


@dataclass
class ProcessorStats:
    processed: int = 0
    inference_ms: float = 0.0  # the last frame's pipeline + decision time


class KioskProcessor:
    """Owns one RecognitionPipeline and drives the backend's AttendanceService. Not thread-safe: create,
    use and close it on one thread (mediapipe's landmarker is bound to its thread)."""

    def __init__(self, backend: KioskBackend, pipeline: RecognitionPipeline | None = None) -> None:
        self.backend = backend
        self.service = backend.service
        self._pipeline = pipeline
        self.stats = ProcessorStats()

    @property
    def pipeline(self) -> RecognitionPipeline:
        if self._pipeline is None:
            self._pipeline = self.backend.new_pipeline()
        return self._pipeline

    def start(self) -> None:
        """Load the models and run each once (raises when recognition cannot start)."""
        self.backend.warm_up(self.pipeline)

    def reset(self) -> None:
        """The source was re-opened: the open tracks belong to frames that are gone."""
        self.service.reset()

    def process_frame(self, frame: Frame) -> FrameDecisions:
        """The decisions for one frame (its timestamp is the source's, in ms)."""
        started = time.perf_counter()
        result = self.pipeline.process(frame.rgb, frame.timestamp_ms)
        decisions = self.service.process(frame.rgb, frame.timestamp_ms / 1000.0, result.faces)
        self.stats.processed += 1
        self.stats.inference_ms = (time.perf_counter() - started) * 1000
        return decisions

    def close(self) -> None:
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None
