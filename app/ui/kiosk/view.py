"""The attendance kiosk: organisation, clock and date, the camera picture with a face guide, an instruction
band that says what to do, a greeting card readable from 2 m, quiet status dots, sound cue and optional
spoken greeting, admin-PIN exit.

Camera and inference run in KioskWorker's threads; this widget only paints what they send. What the screen
says is app/ui/kiosk/texts.py, where it goes and in which font app/ui/kiosk/layout.py; the layers are
cached pixmaps (app/ui/kiosk/paint.py), so a frame costs one scaled image and a few pixmap copies; sound
and speech are app/ui/kiosk/audio.py.
Closing is refused (Alt+F4, Escape, window manager) until an administrator's PIN is entered.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Hashable
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.core.attendance.events import FrameDecisions, KioskEvent, TrackView
from app.core.attendance.kiosk import ExitCheck, KioskBackend
from app.core.attendance.rules import Outcome
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.kiosk.audio import SOUNDS_DIR, SoundCues, SpokenGreeting
from app.ui.kiosk.layout import KioskScreen, TextItem
from app.ui.kiosk.paint import KioskPainter, draw_items
from app.ui.kiosk.texts import AMBER, GREEN, GREY, RED, Band, Card, Status, band_for, card_for, spoken_text
from app.ui.kiosk.worker import KioskWorker, SourceFactory
from app.ui.settings.sync_panel import STATE_WORDS

__all__ = ["SOUNDS_DIR", "KioskView", "SoundCues", "SpokenGreeting"]

log = logging.getLogger(__name__)

BACKGROUND = QColor(12, 14, 18)


LIVENESS_WORDS = {
    "off": QT_TRANSLATE_NOOP("Kiosk", "off"),
    "lenient": QT_TRANSLATE_NOOP("Kiosk", "lenient"),
    "balanced": QT_TRANSLATE_NOOP("Kiosk", "balanced"),
    "strict": QT_TRANSLATE_NOOP("Kiosk", "strict"),
}

CAMERA_WORDS = {
    "connecting": QT_TRANSLATE_NOOP("Kiosk", "connecting"),
    "lost": QT_TRANSLATE_NOOP("Kiosk", "lost"),
}


def sync_words(status: str) -> str:
    """The sync state ("off", "offline (3 queued)" …) with its first word in the UI's language."""
    word, _, rest = status.partition(" ")
    shown = translate("SyncPanel", STATE_WORDS.get(word, word))
    return f"{shown} {rest}" if rest else shown


class KioskView(QWidget):
    greeted = Signal(object)  # KioskEvent, after it is shown
    exit_refused = Signal(str)
    not_you = Signal(object)  # KioskEvent: "Not you?" was pressed on its greeting card

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
        self.sounds = SoundCues(settings.sound, settings.sound_volume, parent=self)
        self.speech = SpokenGreeting(
            settings.sound and settings.speak_greeting, settings.sound_volume, parent=self
        )
        self._logo = self._load_logo(settings.logo_path)
        self._image: QImage | None = None
        self._tracks: list[TrackView] = []
        self._tracks_ts = 0
        self._waiting: dict[
            int, float
        ] = {}  # track id -> when its recognised face began to wait for liveness
        self._greeting: KioskEvent | None = None
        self._card: Card | None = None
        self._camera = ("connecting", translate("KioskView", "Connecting to the camera…"))
        self._database = "ok"
        self._sync = "off"
        self._exit_allowed = False
        self._screen: KioskScreen | None = None
        self.painter = KioskPainter()
        self._minute = ""
        self._header_key: Hashable = None
        self._header_cache: list[TextItem] = []
        self.frames_shown = 0
        self.frame_times: deque[float] = deque(maxlen=120)
        self.events: deque[KioskEvent] = deque(maxlen=200)  # the latest decisions (bounded: runs for days)

        self.setWindowTitle(translate("KioskView", "FaceAttend kiosk"))
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(640, 480)
        if not windowed:
            self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._windowed = windowed

        self.worker.frame_ready.connect(self._on_frame)
        self.worker.decisions_ready.connect(self._on_decisions)
        self.worker.camera_status.connect(self._on_camera)
        self.not_you.connect(self._on_not_you)
        self._greeting_timer = QTimer(self)
        self._greeting_timer.setSingleShot(True)
        self._greeting_timer.timeout.connect(self._clear_greeting)
        self._health_timer = QTimer(self)
        self._health_timer.timeout.connect(self.refresh_health)
        self._health_timer.start(10_000)
        self._clock_timer = QTimer(self)  # the clock moves on while no frame arrives (camera lost)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start(1000)
        self.refresh_health()

    @staticmethod
    def _load_logo(path: str) -> QPixmap | None:
        if not path:
            return None
        pixmap = QPixmap(path)
        if pixmap.isNull():
            log.warning("kiosk logo %s could not be read; showing the organisation name only", path)
            return None
        return pixmap

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
        self._clock_timer.stop()
        self.worker.stop()

    def request_exit(self, pin: str) -> ExitCheck:
        """Close when `pin` signs in an account allowed to leave the kiosk (core.policy.access: admins; the
        exit is audited); otherwise say why not (wrong PIN, locked account)."""
        try:
            check = self.backend.check_exit_pin(pin)
        except Exception as exc:
            log.exception("PIN check failed")
            check = ExitCheck(False, translate("KioskView", "Cannot check the PIN: {exc}").format(exc=exc))
        if check.ok:
            self._exit_allowed = True
            self.shutdown()
            self.close()
        else:
            self.exit_refused.emit(check.message)
        return check

    def ask_exit(self) -> None:
        pin, ok = QInputDialog.getText(
            self,
            translate("KioskView", "Leave kiosk"),
            translate("KioskView", "Administrator PIN:"),
            QLineEdit.EchoMode.Password,
        )
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

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        link = self.not_you_rect()
        if link is not None and self._greeting is not None and link.contains(event.position()):
            self.not_you.emit(self._greeting)
            event.accept()
            return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._screen = None
        super().resizeEvent(event)

    # --- signals from the worker ------------------------------------------------------------------
    def _on_frame(self, image: QImage, _ts: int) -> None:
        self._image = image
        self.frames_shown += 1
        self.frame_times.append(time.perf_counter())
        self.update()

    def _on_decisions(self, decisions: FrameDecisions, ts: int) -> None:
        self._tracks, self._tracks_ts = decisions.tracks, ts
        now = time.perf_counter()
        waiting = {t.track_id for t in decisions.tracks if t.state == "pending" and t.label}
        self._waiting = {tid: self._waiting.get(tid, now) for tid in waiting}
        for event in decisions.events:
            self.events.append(event)
            self._show(event)

    def _on_camera(self, state: str, message: str) -> None:
        self._camera = (state, message)
        if state != "ok":
            self._tracks = []
            self._waiting = {}
        self.update()

    def _tick(self) -> None:
        minute = f"{self._now():%H:%M}"
        if minute != self._minute:
            self.update()

    # --- greeting -------------------------------------------------------------------------------
    def _show(self, event: KioskEvent) -> None:
        self._greeting = event
        self._card = card_for(event)
        self._greeting_timer.start(self.greeting_ms)
        cue = {
            Outcome.CHECKED_IN: "checkin",
            Outcome.CHECKED_OUT: "checkout",
            Outcome.ALREADY: "checkin",
            Outcome.UNKNOWN: "alert",
        }[event.outcome]
        self.sounds.play(cue)
        self.speech.say(spoken_text(event))
        self.update()
        self.greeted.emit(event)

    def _on_not_you(self, event: KioskEvent) -> None:
        """ "Not you?": the core voids the greeting's event, queues the case and asks for another try."""
        result = self.backend.not_me(event)
        if result.ok:
            self._greeting_timer.stop()
            self._clear_greeting()
        self._show_message(result.message)

    def _show_message(self, text: str) -> None:
        self._message = text
        QTimer.singleShot(4000, self._clear_message)
        self.update()

    def _clear_message(self) -> None:
        self._message = ""
        self.update()

    def _clear_greeting(self) -> None:
        self._greeting = None
        self._card = None
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
        return translate(
            "KioskView",
            "Camera: {state}   ·   Database: {database}   ·   Sync: {sync}   ·   "
            "Liveness: {liveness} ({model})",
        ).format(state=state, database=self._database, sync=self._sync, liveness=liveness, model=model)

    @property
    def greeting_text(self) -> str:
        return self._greeting.greeting if self._greeting is not None else ""

    # --- what the screen shows ------------------------------------------------------------------
    _message = ""

    @property
    def camera_ok(self) -> bool:
        return self._camera[0] == "ok"

    @property
    def band(self) -> Band:
        waited = time.perf_counter() - min(self._waiting.values()) if self._waiting else 0.0
        return band_for(self._tracks, waited)

    @property
    def state_name(self) -> str:
        """idle | checking | liveness | ambiguous | low_light | too_far | unknown | spoof | recognised |
        camera_lost | connecting | the band's own text for a track state this kiosk does not know."""
        if not self.camera_ok:
            return "camera_lost" if self._camera[0] == "lost" else "connecting"
        if self._greeting is not None:
            return "unknown" if self._greeting.outcome == Outcome.UNKNOWN else "recognised"
        names = {
            "Look at the camera": "idle",
            "Hold still…": "checking",
            "Please blink": "liveness",
            "Please look at the camera": "ambiguous",
            "More light, please": "low_light",
            "Come closer": "too_far",
            "Not recognised": "unknown",
            "Not accepted": "spoof",
            "Thank you": "recognised",
        }
        title = self.band.title
        return names.get(title, title)

    def screen_layout(self) -> KioskScreen:
        if self._screen is None or (self._screen.w, self._screen.h) != (self.width(), self.height()):
            self._screen = KioskScreen(self.width(), self.height(), self.font())
        return self._screen

    def _now(self) -> datetime:
        service = self.backend.service
        return service.clock().astimezone(service.zone)

    def _status(self) -> Status:
        camera = {"ok": GREEN, "connecting": AMBER}.get(self._camera[0], RED)
        database = GREEN if self._database == "ok" else RED
        sync_state = self._sync.split(" ")[0]
        sync = {"off": GREY, "idle": GREEN, "ok": GREEN, "syncing": GREEN, "offline": AMBER}.get(
            sync_state, RED
        )
        mode = self.backend.settings.attendance.liveness
        liveness = GREY if mode == "off" else GREEN
        return Status(
            (
                (
                    translate("KioskView", "Camera")
                    if self._camera[0] == "ok"
                    else translate("KioskView", "Camera: {0}").format(
                        translate("Kiosk", CAMERA_WORDS.get(self._camera[0], self._camera[0]))
                    ),
                    camera,
                ),
                (
                    translate("KioskView", "Database")
                    if self._database == "ok"
                    else translate("KioskView", "Database: error"),
                    database,
                ),
                (
                    translate("KioskView", "Sync")
                    if sync_state in ("idle", "ok")
                    else translate("KioskView", "Sync: {sync}").format(sync=sync_words(self._sync)),
                    sync,
                ),
                (
                    translate("KioskView", "Liveness: {mode}").format(
                        mode=translate("Kiosk", LIVENESS_WORDS.get(mode, mode))
                    ),
                    liveness,
                ),
            )
        )

    def _centre_texts(self) -> tuple[str, str]:
        state, message = self._camera
        if state == "lost":
            return translate("KioskView", "Camera lost — reconnecting"), message
        return translate("KioskView", "Starting the camera…"), ""

    def _date_text(self, now: datetime) -> str:
        return QLocale().toString(QDate(now.year, now.month, now.day), QLocale.FormatType.LongFormat)

    def _header_items(self, screen: KioskScreen) -> list[TextItem]:
        """Organisation, clock and date: measured once a minute (every frame asks)."""
        now = self._now()
        self._minute = f"{now:%H:%M}"
        organisation = self.backend.settings.reports.organisation_name or "FaceAttend"
        key = (screen.w, screen.h, f"{now:%Y-%m-%d %H:%M}", organisation)
        if self._header_key != key:
            logo = self._logo is not None
            self._header_cache = screen.header_items(organisation, now, self._date_text(now), logo)
            self._header_key = key
        return self._header_cache

    def not_you_rect(self) -> QRectF | None:
        if self._card is None or not self._card.not_you or not self.camera_ok:
            return None
        items = self.screen_layout().card_items(self._card)
        return next((i.rect for i in items if i.name == "not_you"), None)

    def text_items(self) -> list[TextItem]:
        """Every text painted in the current state (the tests check these for clipping and size)."""
        screen = self.screen_layout()
        items = self._header_items(screen) + [item for item, _ in screen.status_items(self._status())]
        if not self.camera_ok:
            items += screen.centre_items(*self._centre_texts())
        elif self._card is not None:
            items += screen.card_items(self._card)
        else:
            items += screen.band_items(self.band)
        if self.camera_ok and self._image is not None:
            for track, rect in self._track_rects():
                label = screen.box_label(track, rect)
                if label is not None:
                    items.append(label)
        if self._message:
            items.append(self._message_item(screen))
        return items

    def _message_item(self, screen: KioskScreen) -> TextItem:
        rect = QRectF(
            screen.m, screen.video.y() + screen.px(16), screen.w - 2 * screen.m, screen.video.height() * 0.3
        )
        text = screen.elide_lines(screen.band_font, self._message, rect)
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        return TextItem("message", "message", rect, screen.band_font, text, flags, QColor(255, 140, 110))

    def _image_target(self) -> QRectF | None:
        if self._image is None:
            return None
        area = self.screen_layout().video
        iw, ih = self._image.width(), self._image.height()
        scale = min(area.width() / iw, area.height() / ih)
        return QRectF(
            area.x() + (area.width() - iw * scale) / 2,
            area.y() + (area.height() - ih * scale) / 2,
            iw * scale,
            ih * scale,
        )

    def _track_rects(self) -> list[tuple[TrackView, QRectF]]:
        target = self._image_target()
        if target is None or self._image is None:
            return []
        scale = target.width() / self._image.width()
        out = []
        for track in self._tracks:
            x0, y0, x1, y1 = track.box
            rect = QRectF(
                target.x() + x0 * scale, target.y() + y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale
            )
            out.append((track, rect))
        return out

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        screen = self.screen_layout()
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), BACKGROUND)
            target = self._image_target()
            if self.camera_ok and target is not None and self._image is not None:
                painter.drawImage(target, self._image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            layers = self.painter
            if not self.camera_ok:
                draw_items(painter, screen.centre_items(*self._centre_texts()))
            else:
                layers.tracks(painter, screen, self._track_rects())
                if self._card is not None:
                    layers.card(painter, screen, self._card)
                else:
                    band = self.band
                    if not self._tracks:
                        layers.guide(painter, screen, band)
                    layers.band(painter, screen, band)
            if self._message:
                item = self._message_item(screen)
                painter.fillRect(item.needed().adjusted(-16, -8, 16, 8), QColor(0, 0, 0, 200))
                draw_items(painter, [item])
            layers.header(painter, screen, self._header_items(screen), self._logo)
            layers.status(painter, screen, self._status())
        finally:
            painter.end()
