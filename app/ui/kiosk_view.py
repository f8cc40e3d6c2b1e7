"""The attendance kiosk: fullscreen preview, greeting overlay, sound cue, status strip, admin-PIN exit.

Camera and inference run in KioskWorker's threads; this widget only paints what they send. Closing is
refused (Alt+F4, Escape, window manager) until an administrator's PIN is entered.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.core.attendance.events import FrameDecisions, KioskEvent, TrackView
from app.core.attendance.kiosk import ExitCheck, KioskBackend
from app.core.attendance.rules import Outcome
from app.ui.kiosk_worker import KioskWorker, SourceFactory

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sounds"
STATE_COLOURS = {
    "known": QColor(60, 200, 90),
    "live": QColor(60, 200, 90),
    "pending": QColor(240, 190, 40),
    "spoof": QColor(230, 60, 60),
    "unknown": QColor(230, 120, 40),
}


class SoundCues:
    """QSoundEffect per cue; any failure (no QtMultimedia, no audio device) leaves the kiosk silent."""

    def __init__(self, enabled: bool, volume: float) -> None:
        self._effects: dict[str, object] = {}
        if not enabled:
            return
        try:
            from PySide6.QtMultimedia import QSoundEffect

            for name in ("checkin", "checkout", "alert"):
                path = SOUNDS_DIR / f"{name}.wav"
                if path.is_file():
                    effect = QSoundEffect()
                    effect.setSource(QUrl.fromLocalFile(str(path)))
                    effect.setVolume(volume)
                    self._effects[name] = effect
        except Exception as exc:  # no multimedia backend on this machine
            log.warning("sound cues disabled: %s", exc)
            self._effects.clear()

    def play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is None:
            return
        try:
            effect.play()  # type: ignore[attr-defined]
        except Exception as exc:
            log.warning("cannot play %s: %s", name, exc)


class KioskView(QWidget):
    greeted = Signal(object)  # KioskEvent, after it is shown
    exit_refused = Signal(str)

    def __init__(
        self,
        backend: KioskBackend,
        source_factory: SourceFactory,
        windowed: bool = False,
        realtime: bool = True,
        process_every_frame: bool = False,
        speed: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        settings = backend.settings.kiosk
        self.greeting_ms = int(settings.greeting_seconds * 1000)
        self.worker = KioskWorker(
            backend,
            source_factory,
            realtime=realtime,
            reconnect_initial_s=settings.reconnect_initial_s,
            reconnect_max_s=settings.reconnect_max_s,
            process_every_frame=process_every_frame,
            speed=speed,
        )
        self.sounds = SoundCues(settings.sound, settings.sound_volume)
        self._image: QImage | None = None
        self._tracks: list[TrackView] = []
        self._tracks_ts = 0
        self._greeting: KioskEvent | None = None
        self._camera = ("connecting", "Connecting to the camera…")
        self._database = "ok"
        self._sync = "off"
        self._exit_allowed = False
        self.frames_shown = 0
        self.frame_times: deque[float] = deque(maxlen=120)
        self.events: deque[KioskEvent] = deque(maxlen=200)  # the latest decisions (bounded: runs for days)

        self.setWindowTitle("FaceAttend kiosk")
        self.setAutoFillBackground(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(640, 480)
        if not windowed:
            self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._windowed = windowed

        self.worker.frame_ready.connect(self._on_frame)
        self.worker.decisions_ready.connect(self._on_decisions)
        self.worker.camera_status.connect(self._on_camera)
        self._greeting_timer = QTimer(self)
        self._greeting_timer.setSingleShot(True)
        self._greeting_timer.timeout.connect(self._clear_greeting)
        self._health_timer = QTimer(self)
        self._health_timer.timeout.connect(self.refresh_health)
        self._health_timer.start(10_000)
        self.refresh_health()

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._windowed:
            self.resize(1024, 640)
            self.show()
        else:
            self.showFullScreen()
        self.backend.record_start()  # Audit.KIOSK_START with the context's actor
        self.worker.start()

    def shutdown(self) -> None:
        """Stop the threads (tests and the exit path)."""
        self._health_timer.stop()
        self.worker.stop()

    def request_exit(self, pin: str) -> ExitCheck:
        """Close when `pin` signs in an account allowed to leave the kiosk (app.core.access: admins; the
        exit is audited); otherwise say why not (wrong PIN, locked account)."""
        try:
            check = self.backend.check_exit_pin(pin)
        except Exception as exc:
            log.exception("PIN check failed")
            check = ExitCheck(False, f"Cannot check the PIN: {exc}")
        if check.ok:
            self._exit_allowed = True
            self.shutdown()
            self.close()
        else:
            self.exit_refused.emit(check.message)
        return check

    def ask_exit(self) -> None:
        pin, ok = QInputDialog.getText(self, "Leave kiosk", "Administrator PIN:", QLineEdit.EchoMode.Password)
        if ok:
            check = self.request_exit(pin)
            if not check.ok:
                self._show_message(check.message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._exit_allowed:
            self.shutdown()
            event.accept()
        else:
            event.ignore()
            QTimer.singleShot(0, self.ask_exit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F10):
            self.ask_exit()
        else:
            super().keyPressEvent(event)

    # --- signals from the worker ------------------------------------------------------------------
    def _on_frame(self, image: QImage, _ts: int) -> None:
        self._image = image
        self.frames_shown += 1
        self.frame_times.append(time.perf_counter())
        self.update()

    def _on_decisions(self, decisions: FrameDecisions, ts: int) -> None:
        self._tracks, self._tracks_ts = decisions.tracks, ts
        for event in decisions.events:
            self.events.append(event)
            self._show(event)

    def _on_camera(self, state: str, message: str) -> None:
        self._camera = (state, message)
        if state != "ok":
            self._tracks = []
        self.update()

    # --- greeting -------------------------------------------------------------------------------
    def _show(self, event: KioskEvent) -> None:
        self._greeting = event
        self._greeting_timer.start(self.greeting_ms)
        cue = {
            Outcome.CHECKED_IN: "checkin",
            Outcome.CHECKED_OUT: "checkout",
            Outcome.ALREADY: "checkin",
            Outcome.UNKNOWN: "alert",
        }[event.outcome]
        self.sounds.play(cue)
        self.update()
        self.greeted.emit(event)

    def _show_message(self, text: str) -> None:
        self._message = text
        QTimer.singleShot(4000, self._clear_message)
        self.update()

    def _clear_message(self) -> None:
        self._message = ""
        self.update()

    def _clear_greeting(self) -> None:
        self._greeting = None
        self.update()

    def refresh_health(self) -> None:
        self._database = "ok" if self.backend.database_ok() else "error"
        try:
            self._sync = self.backend.sync_status()
        except Exception:
            self._sync = "error"
        self.update()

    @property
    def display_fps(self) -> float:
        times = self.frame_times
        return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0

    @property
    def status_text(self) -> str:
        state, _ = self._camera
        liveness = self.backend.settings.attendance.liveness
        model = "passive+active" if self.backend.passive_installed else "active"
        return (
            f"Camera: {state}   ·   Database: {self._database}   ·   Sync: {self._sync}   ·   "
            f"Liveness: {liveness} ({model})"
        )

    @property
    def greeting_text(self) -> str:
        return self._greeting.greeting if self._greeting is not None else ""

    # --- painting -------------------------------------------------------------------------------
    _message = ""

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor(12, 14, 18))
            w, h = self.width(), self.height()
            strip = max(28, h // 24)
            area = QRectF(0, strip, w, h - strip)
            if self._image is not None and self._camera[0] == "ok":
                iw, ih = self._image.width(), self._image.height()
                scale = min(area.width() / iw, area.height() / ih)
                target = QRectF(
                    area.x() + (area.width() - iw * scale) / 2,
                    area.y() + (area.height() - ih * scale) / 2,
                    iw * scale,
                    ih * scale,
                )
                painter.drawImage(target, self._image)
                self._paint_tracks(painter, target, scale)
            else:
                self._paint_centre(painter, area, self._camera[1], QColor(230, 230, 230), 0.04)
            if self._greeting is not None:
                self._paint_greeting(painter, w, h)
            if self._message:
                self._paint_centre(
                    painter, QRectF(0, strip, w, h * 0.3), self._message, QColor(255, 120, 90), 0.03
                )
            painter.fillRect(QRectF(0, 0, w, strip), QColor(0, 0, 0, 200))
            font = QFont(self.font())
            font.setPixelSize(int(strip * 0.5))
            painter.setFont(font)
            camera_ok = self._camera[0] == "ok" and self._database == "ok"
            painter.setPen(QColor(150, 220, 150) if camera_ok else QColor(255, 170, 120))
            hint = "Esc: admin exit"
            metrics = QFontMetrics(font)
            room = max(0, w - 36 - metrics.horizontalAdvance(hint))  # the status never runs under the hint
            status = metrics.elidedText(self.status_text, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRectF(12, 0, room, strip), Qt.AlignmentFlag.AlignVCenter, status)
            painter.setPen(QColor(160, 160, 160))
            painter.drawText(
                QRectF(12, 0, w - 24, strip),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                hint,
            )
        finally:
            painter.end()

    def _paint_tracks(self, painter: QPainter, target: QRectF, scale: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(14, int(target.height() / 30)))
        painter.setFont(font)
        for track in self._tracks:
            x0, y0, x1, y1 = track.box
            rect = QRectF(
                target.x() + x0 * scale, target.y() + y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale
            )
            colour = STATE_COLOURS.get(track.state, QColor(200, 200, 200))
            painter.setPen(QPen(colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 8, 8)
            label = track.label or ("Checking…" if track.state == "pending" else "")
            if label:
                painter.drawText(
                    rect.adjusted(0, -font.pixelSize() * 1.6, 0, 0), Qt.AlignmentFlag.AlignLeft, label
                )

    def _paint_greeting(self, painter: QPainter, w: int, h: int) -> None:
        event = self._greeting
        assert event is not None
        band = QRectF(0, h * 0.74, w, h * 0.2)
        colour = QColor(170, 70, 30, 215) if event.outcome == Outcome.UNKNOWN else QColor(20, 110, 60, 215)
        painter.fillRect(band, colour)
        self._paint_centre(painter, band, event.greeting, QColor(255, 255, 255), 0.055)

    def _paint_centre(self, painter: QPainter, rect: QRectF, text: str, colour: QColor, size: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(16, int(self.height() * size)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
