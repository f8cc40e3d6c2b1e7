"""Kiosk threads: capture (paced frames for the preview, reconnect with back-off) and inference (the
newest frame only → the core's KioskProcessor → attendance decisions). This module only moves frames and
emits signals: the per-frame logic is app/core/attendance/processor.py. Neither thread is the UI thread;
results reach the window as queued Qt signals. Nothing here raises into Qt: errors become status messages.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.core.attendance.events import FrameDecisions
from app.core.attendance.kiosk import KioskBackend
from app.core.attendance.processor import KioskProcessor
from app.core.camera.sources import Frame, FrameSource
from app.core.errors import FaceAttendError, SourceError, SourceExhausted, SourceInterrupted
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)

SourceFactory = Callable[[], FrameSource]


@dataclass
class WorkerStats:
    captured: int = 0
    processed: int = 0
    reconnects: int = 0
    inference_ms: float = 0.0  # last frame


def to_qimage(frame: Frame) -> QImage:
    rgb = frame.rgb
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class KioskWorker(QObject):
    """Owns the two threads. A video file is paced at its frame rate x `speed` (`realtime=False`: as fast
    as it decodes, for benchmarks and tests); a live camera paces itself."""

    frame_ready = Signal(QImage, int)  # preview image, source timestamp (ms)
    decisions_ready = Signal(object, int)  # FrameDecisions, source timestamp (ms) of the frame decided on
    camera_status = Signal(str, str)  # "ok" | "lost" | "connecting", message

    def __init__(
        self,
        backend: KioskBackend,
        source_factory: SourceFactory,
        realtime: bool = True,
        reconnect_initial_s: float = 1.0,
        reconnect_max_s: float = 30.0,
        process_every_frame: bool = False,
        speed: float = 1.0,
    ) -> None:
        super().__init__()
        self.speed = max(speed, 1e-3)
        self.backend = backend
        self.source_factory = source_factory
        self.realtime = realtime
        self.reconnect_initial_s = reconnect_initial_s
        self.reconnect_max_s = reconnect_max_s
        # True: inference sees every frame (tests: deterministic); capture waits for it.
        self.process_every_frame = process_every_frame
        self.stats = WorkerStats()
        self._stop = threading.Event()
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._threads: list[threading.Thread] = []
        self._reset_pending = False

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._capture_loop, name="kiosk-capture", daemon=True),
            threading.Thread(target=self._inference_loop, name="kiosk-inference", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # --- capture --------------------------------------------------------------------------------
    def _open(self) -> FrameSource | None:
        delay = self.reconnect_initial_s
        while not self._stop.is_set():
            self.camera_status.emit("connecting", translate("KioskView", "Connecting to the camera…"))
            try:
                source = self.source_factory()
                self._use_camera(source.name)
                self.camera_status.emit("ok", source.name)
                return source
            except FaceAttendError as exc:
                message = translate(
                    "KioskWorker", "Camera unavailable: {exc} Retrying in {delay:.0f} s."
                ).format(exc=exc, delay=delay)
            except Exception as exc:  # OpenCV backends raise anything
                message = translate(
                    "KioskWorker", "Camera unavailable ({__name__}: {exc}). Retrying in {delay:.0f} s."
                ).format(__name__=type(exc).__name__, exc=exc, delay=delay)
            log.warning("%s", message)
            self.camera_status.emit("lost", message)
            self._stop.wait(delay)
            delay = min(self.reconnect_max_s, delay * 2)
            self.stats.reconnects += 1
        return None

    def _use_camera(self, name: str) -> None:
        """This camera's calibrated passive threshold; a failure keeps the shipped one, never the camera."""
        try:
            self.backend.use_camera(name)
        except Exception:
            log.exception("camera calibration not applied")

    def _capture_loop(self) -> None:
        source = self._open()
        t0 = time.perf_counter()
        first_ts: int | None = None
        interrupted = False
        while source is not None and not self._stop.is_set():
            try:
                frame = source.read()
            except SourceInterrupted as exc:  # a network camera reconnecting by itself: keep the source
                log.warning("%s", exc)
                self.camera_status.emit("lost", describe_error(exc))
                interrupted = self._reset_pending = True
                continue
            except SourceExhausted:
                source.close()
                source = None
            except SourceError as exc:
                log.warning("camera lost: %s", exc)
                self.camera_status.emit(
                    "lost",
                    translate("KioskView", "Camera lost: {exc} Reconnecting…").format(
                        exc=describe_error(exc)
                    ),
                )
                source.close()
                source = None
            except Exception as exc:
                log.exception("unexpected capture error")
                self.camera_status.emit(
                    "lost",
                    translate("KioskView", "Camera error ({error}). Reconnecting…").format(
                        error=type(exc).__name__
                    ),
                )
                source.close()
                source = None
            if source is None:
                self._reset_pending = True  # the inference thread drops the open tracks
                source = self._open()
                t0, first_ts = time.perf_counter(), None
                continue
            if interrupted:
                interrupted = False
                self.camera_status.emit("ok", source.name)
            self.stats.captured += 1
            if first_ts is None:
                first_ts = frame.timestamp_ms
            if self.realtime:
                due = t0 + (frame.timestamp_ms - first_ts) / 1000.0 / self.speed
                wait = due - time.perf_counter()
                if wait > 0:
                    self._stop.wait(wait)
                elif wait < -1.0:  # fell behind (slow machine): re-anchor rather than race
                    t0, first_ts = time.perf_counter(), frame.timestamp_ms
            self.frame_ready.emit(to_qimage(frame), frame.timestamp_ms)
            with self._cond:
                if self.process_every_frame:
                    while self._latest is not None and not self._stop.is_set():
                        self._cond.wait(0.1)
                self._latest = frame
                self._cond.notify_all()
        if source is not None:
            source.close()
        with self._cond:
            self._cond.notify_all()

    # --- inference ------------------------------------------------------------------------------
    def _inference_loop(self) -> None:
        processor = KioskProcessor(self.backend)  # created here: its pipeline belongs to this thread
        try:
            processor.start()
        except Exception as exc:
            log.exception("cannot start recognition")
            self.camera_status.emit(
                "lost", translate("KioskView", "Recognition cannot start: {exc}").format(exc=exc)
            )
            processor.close()
            return
        try:
            while not self._stop.is_set():
                with self._cond:
                    while self._latest is None and not self._stop.is_set():
                        self._cond.wait(0.2)
                        if not self._threads[0].is_alive() and self._latest is None:
                            return
                    frame, self._latest = self._latest, None
                    self._cond.notify_all()
                if frame is None:
                    continue
                if self._reset_pending:
                    self._reset_pending = False
                    processor.reset()
                try:
                    decisions: FrameDecisions = processor.process_frame(frame)
                except Exception:
                    log.exception("frame %d could not be processed", frame.index)
                    continue
                self.stats.processed += 1
                self.stats.inference_ms = processor.stats.inference_ms
                self.decisions_ready.emit(decisions, frame.timestamp_ms)
        finally:
            processor.close()
