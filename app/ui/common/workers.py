"""Camera reading and pipeline inference off the UI thread (shared by the enrolment view and the kiosk).

    worker = FrameWorker(lambda: open_source("demo"), ctx.new_pipeline, analyser=None)
    worker.frame_ready.connect(preview.show_frame)     # every frame, at the camera's rate (Frame)
    worker.analysed.connect(on_result)                 # Analysed(frame, result, extra, latency_ms)
    worker.failed.connect(show_message)                # str: the source failed (unplugged…); capture stopped
    worker.interrupted.connect(show_message)           # str: a network camera is reconnecting; frames resume
    worker.finished.connect(on_finished)               # str: "stopped" | "exhausted" | "failed"
    worker.start()
    ...
    worker.stop()                                      # joins both threads; safe to call twice

Two QThreads: the reader reads the source (paced to its FPS for video files and the demo camera) and emits
every frame for the preview; the inference thread always takes the NEWEST frame (older unprocessed frames
are dropped, counted in `stats.dropped`), runs the pipeline (created in that thread by `pipeline_factory`),
then the optional `analyser(frame, result)` — also in the inference thread, e.g. an EnrolmentSession.feed —
and emits `analysed`. Signals cross to the UI thread as queued connections.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from app.core.camera.sources import Frame, FrameSource, is_demo_source
from app.core.errors import SourceError, SourceExhausted, SourceInterrupted
from app.core.vision.pipeline import FrameResult, RecognitionPipeline
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)

Analyser = Callable[[Frame, FrameResult], Any]


@dataclass
class Analysed:
    frame: Frame
    result: FrameResult
    extra: Any = None  # what the analyser returned
    latency_ms: float = 0.0  # frame read → result ready


@dataclass
class WorkerStats:
    frames: int = 0  # frames read
    analysed: int = 0  # frames the pipeline processed
    dropped: int = 0  # frames replaced by a newer one before inference took them
    started: float = field(default_factory=time.perf_counter)
    infer_ms: list[float] = field(default_factory=list)  # last 100 pipeline times

    @property
    def preview_fps(self) -> float:
        return self.frames / max(1e-6, time.perf_counter() - self.started)

    @property
    def inference_fps(self) -> float:
        return self.analysed / max(1e-6, time.perf_counter() - self.started)


class _Slot:
    """The newest frame, handed from the reader to the inference thread (older ones are dropped)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: tuple[Frame, float] | None = None
        self.closed = False

    def put(self, frame: Frame, wait_empty: bool = False) -> bool:
        with self._cond:
            while wait_empty and self._item is not None and not self.closed:
                self._cond.wait(0.1)
            replaced = self._item is not None
            self._item = (frame, time.perf_counter())
            self._cond.notify()
            return replaced

    def take(self, timeout: float = 0.2) -> tuple[Frame, float] | None:
        with self._cond:
            if self._item is None and not self.closed:
                self._cond.wait(timeout)
            item, self._item = self._item, None
            self._cond.notify_all()
            return item

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class _Reader(QThread):
    def __init__(self, owner: FrameWorker) -> None:
        super().__init__()
        self.owner = owner

    def run(self) -> None:
        self.owner._read_loop()


class _Inference(QThread):
    def __init__(self, owner: FrameWorker) -> None:
        super().__init__()
        self.owner = owner

    def run(self) -> None:
        self.owner._inference_loop()


class FrameWorker(QObject):
    """Owns the source and the pipeline of one live view. Create, connect, start(); stop() when done."""

    frame_ready = Signal(object)  # Frame
    analysed = Signal(object)  # Analysed
    failed = Signal(str)
    interrupted = Signal(str)  # a network camera lost its picture and reconnects by itself (frames resume)
    finished = Signal(str)
    opened = Signal(str, bool)  # source name, is_demo

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        pipeline_factory: Callable[[], RecognitionPipeline] | None = None,
        analyser: Analyser | None = None,
        pace: bool = True,
        lossless: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """pace: hold video files to their frame rate (a live camera paces itself).
        lossless: the reader waits for inference instead of dropping frames (tests, offline video analysis;
        never for a live camera)."""
        super().__init__(parent)
        self._source_factory = source_factory
        self._pipeline_factory = pipeline_factory
        self._analyser = analyser
        self._pace = pace
        self._lossless = lossless and pipeline_factory is not None
        self._stop = threading.Event()
        self._slot = _Slot()
        self._reader = _Reader(self)
        self._inference = _Inference(self)
        self.stats = WorkerStats()
        self.source_name = ""
        self.is_demo = False
        self._reason = "stopped"
        self._lock = threading.Lock()

    # --- control (UI thread) ---
    def start(self) -> None:
        self._stop.clear()
        self.stats = WorkerStats()
        self._reader.start()
        if self._pipeline_factory is not None:
            self._inference.start()

    def set_analyser(self, analyser: Analyser | None) -> None:
        """Swap the analyser (runs in the inference thread from the next frame on)."""
        with self._lock:
            self._analyser = analyser

    @property
    def running(self) -> bool:
        return self._reader.isRunning() or self._inference.isRunning()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Stop both threads and wait for them; True when they ended in time."""
        self._stop.set()
        self._slot.close()
        ok = True
        for thread in (self._reader, self._inference):
            if thread.isRunning():
                ok = thread.wait(timeout_ms) and ok
        return ok

    # --- threads ---
    def _read_loop(self) -> None:
        source: FrameSource | None = None
        try:
            source = self._source_factory()
            self.source_name = source.name
            self.is_demo = is_demo_source(source)
            self.opened.emit(source.name, self.is_demo)
            paced = self._pace and not getattr(source, "realtime", False) and source.name.startswith("video:")
            t0 = time.perf_counter()
            first_ts: int | None = None
            while not self._stop.is_set():
                try:
                    frame = source.read()
                except SourceInterrupted as exc:  # keep the source: it reconnects by itself
                    log.warning("%s", exc)
                    self.interrupted.emit(describe_error(exc))
                    continue
                if paced:
                    # Play files at their own clock (presentation timestamps: variable frame rates exist).
                    if first_ts is None or frame.timestamp_ms < first_ts:
                        t0, first_ts = time.perf_counter(), frame.timestamp_ms
                    delay = t0 + (frame.timestamp_ms - first_ts) / 1000.0 - time.perf_counter()
                    if delay > 0:
                        self._stop.wait(delay)
                self.stats.frames += 1
                if self._slot.put(frame, wait_empty=self._lossless):
                    self.stats.dropped += 1
                self.frame_ready.emit(frame)
        except SourceExhausted:
            self._reason = "exhausted"
        except SourceError as exc:
            log.warning("source failed: %s", exc)
            self._reason = "failed"
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("frame reader crashed")
            self._reason = "failed"
            self.failed.emit(translate("FrameWorker", "The camera stopped: {exc}").format(exc=exc))
        finally:
            if source is not None:
                source.close()
            self._slot.close()
            if not self._inference.isRunning():
                self.finished.emit(self._reason)

    def _inference_loop(self) -> None:
        assert self._pipeline_factory is not None
        pipeline: RecognitionPipeline | None = None
        try:
            pipeline = self._pipeline_factory()
            while not self._stop.is_set():
                item = self._slot.take()
                if item is None:
                    if self._slot.closed:
                        break
                    continue
                frame, read_at = item
                t0 = time.perf_counter()
                result = pipeline.process(frame.rgb, frame.timestamp_ms)
                with self._lock:
                    analyser = self._analyser
                extra = analyser(frame, result) if analyser is not None else None
                self.stats.analysed += 1
                self.stats.infer_ms = [*self.stats.infer_ms[-99:], (time.perf_counter() - t0) * 1000]
                self.analysed.emit(Analysed(frame, result, extra, (time.perf_counter() - read_at) * 1000))
        except Exception as exc:
            log.exception("inference crashed")
            self._reason = "failed"
            self.failed.emit(translate("FrameWorker", "Face analysis stopped: {exc}").format(exc=exc))
            self._stop.set()
        finally:
            if pipeline is not None:
                pipeline.close()
            self._reader.wait()
            self.finished.emit(self._reason)
