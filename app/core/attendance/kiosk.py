"""The kiosk's one façade: what the kiosk window needs, Qt-free (pipelines, the attendance service,
the admin PIN to leave, health), built on the AppContext so the UI never touches storage."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.core.attendance.clock import Clock, utc_now
from app.core.attendance.events import KioskEvent
from app.core.attendance.not_me import NotMeResult, not_me
from app.core.attendance.review_sink import StoreKioskReview
from app.core.attendance.service import AttendanceService
from app.core.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from app.core.liveness.decision import PassiveScorer
from app.core.policy import access
from app.core.policy.access import Action, Audit
from app.core.settings import Settings
from app.core.vision.face import FaceObservation
from app.core.vision.pipeline import RecognitionPipeline

if TYPE_CHECKING:
    from app.core.context import AppContext
    from app.core.liveness.camera_record import CameraCalibration

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExitCheck:
    ok: bool
    message: str


def load_passive(settings: Settings) -> PassiveScorer | None:
    """The passive anti-spoof ensemble: the bundled models, overridden by imported ones (or None)."""
    from app.core.liveness.antispoof import load_passive_ensemble

    return load_passive_ensemble(settings.data_dir, settings.models_dir).scorer


def _actor_name(context: AppContext) -> str:
    actor = getattr(context, "actor", None)
    name = actor if isinstance(actor, str) else getattr(actor, "name", None)
    return str(name) if name else "kiosk"


def _dummy_face(width: int, height: int) -> FaceObservation:
    from app.core.vision.face import HeadPose

    pts = np.zeros((478, 3), np.float32)
    pts[:, 0] = np.linspace(width * 0.35, width * 0.65, 478)
    pts[:, 1] = np.linspace(height * 0.3, height * 0.7, 478)
    return FaceObservation(pts, {}, HeadPose(0.0, 0.0, 0.0), np.eye(4, dtype=np.float32), (width, height))


class KioskBackend:
    """What the kiosk window needs, Qt-free: pipelines, the attendance service, the admin PIN, health.

    Built on the AppContext façade (store + matcher + model registry), so the UI never touches storage.
    """

    def __init__(
        self,
        context: AppContext,
        passive: PassiveScorer | None = None,
        clock: Clock = utc_now,
        on_unknown: Callable[[KioskEvent], None] | None = None,
    ) -> None:
        self.context = context
        self.settings = context.settings
        self.passive = passive
        self.calibration: CameraCalibration | None = None  # the open camera's (use_camera)
        self.review = StoreKioskReview(
            context._store,
            context._matcher,
            context.model_id,
            context.model_version,
            actor=_actor_name(context),
            on_template=context.sync_now,
        )
        self.service = AttendanceService(
            context._store,
            self.settings,
            passive,
            clock,
            on_unknown,
            matcher=context._matcher,
            review=self.review,
        )

    @classmethod
    def from_context(
        cls,
        context: AppContext,
        load_models: bool = True,
        clock: Clock = utc_now,
        on_unknown: Callable[[KioskEvent], None] | None = None,
    ) -> KioskBackend:
        """`on_unknown` is the optional alert hook for unknown faces (called on the inference thread)."""
        return cls(context, load_passive(context.settings) if load_models else None, clock, on_unknown)

    def new_pipeline(self) -> RecognitionPipeline:
        return self.context.new_pipeline(video=True)

    def warm_up(self, pipeline: RecognitionPipeline) -> None:
        """Run each model once (ONNX Runtime's first call is slow), so the first visitor is not."""
        from app.core.vision.embedder import CHIP_SIZE
        from app.core.vision.images import load_rgb

        try:
            portrait = Path(__file__).resolve().parents[3] / "resources" / "demo" / "astronaut.png"
            if portrait.is_file():  # a real face: the landmarker's and embedder's first runs
                pipeline.process(load_rgb(portrait), 0, match=False)
            pipeline.embedder.embed(np.zeros((1, CHIP_SIZE, CHIP_SIZE, 3), np.uint8), flip=True)
            self.service.threshold_similarity()  # the gallery's impostor statistics, before the first visitor
            self.review.negatives_for("")  # the "Not me" negatives, loaded once
            if self.passive is not None:
                frame = np.full((240, 320, 3), 128, np.uint8)
                face = _dummy_face(320, 240)
                self.passive.score(frame, face)
        except Exception as exc:  # warm-up is an optimisation only
            log.warning("model warm-up failed: %s", exc)

    def use_camera(self, source_name: str) -> float:
        """The source opened (e.g. "camera:0"): this camera's calibrated passive threshold applies to the next
        tracks, and its confident live check-ins feed its record. Returns the threshold in force."""
        from app.core.liveness.camera_record import CameraCalibration

        calibration = CameraCalibration.for_source(
            self.context._store, self.settings, source_name, _actor_name(self.context)
        )
        self.calibration = calibration

        def feed(score: float) -> float | None:
            state = calibration.add_checkin(score)
            return None if state is None else state.threshold

        self.service.passive_threshold = calibration.threshold()
        self.service.on_bona_fide = feed
        log.info("camera %s: passive threshold %.3f", calibration.key, self.service.passive_threshold)
        return self.service.passive_threshold

    def not_me(self, event: KioskEvent) -> NotMeResult:
        """ "Not you?" was tapped on `event`'s greeting: void it (audited), queue the case for review, keep
        the track's fused embedding as a negative for that person, and decide the track afresh."""
        return not_me(self.review, self.service, event)

    @property
    def passive_installed(self) -> bool:
        return self.passive is not None

    def admins(self) -> list[str]:
        """The accounts whose role may leave the kiosk (Action.EXIT_KIOSK in the permission table: admins),
        only `settings.kiosk.admin_user` when that is set."""
        wanted = self.settings.kiosk.admin_user
        return [
            u.name
            for u in self.context._store.list_users()
            if u.active and access.allowed(u.role, Action.EXIT_KIOSK) and (not wanted or u.name == wanted)
        ]

    def record_start(self) -> None:
        """Audit the kiosk's start (Audit.KIOSK_START) under the context's actor (the signed-in user, or
        "kiosk" for `faceattend kiosk`). A failure is logged, never raised into the kiosk."""
        try:
            attendance = self.settings.attendance
            details = {
                "device": self.service.device_id,
                "liveness": attendance.liveness,
                "mode": attendance.mode,
            }
            access.record(self.context._store, self.context.actor, Audit.KIOSK_START, details)
        except Exception:
            log.exception("kiosk start not audited")

    def check_exit_pin(self, pin: str) -> ExitCheck:
        """An account allowed to EXIT_KIOSK signs in with `pin` (access.login: argon2, lockout with back-off);
        the exit is audited (Audit.KIOSK_EXIT) with that account as the actor."""
        names = self.admins()
        if not names:
            return ExitCheck(
                False,
                "No administrator account exists. Ask IT to create one, "
                "or close the kiosk from the operating system.",
            )
        store = self.context._store
        locked: list[datetime] = []
        for name in names:
            try:
                session = access.login(store, name, pin)
            except AccountLocked as exc:
                if isinstance(exc.until, datetime):
                    locked.append(exc.until)
                continue
            except AuthenticationFailed:
                continue
            try:
                session.require(Action.EXIT_KIOSK)
            except PermissionDenied:  # the role changed between admins() and the sign-in
                continue
            access.record(store, session, Audit.KIOSK_EXIT, {"device": self.service.device_id})
            return ExitCheck(True, f"Goodbye, {name}.")
        if len(locked) == len(names):
            now = utc_now()
            minutes = max(1, math.ceil((min(locked) - now).total_seconds() / 60))
            return ExitCheck(False, f"Too many wrong PINs: locked for {minutes} more minute(s).")
        return ExitCheck(False, "Wrong PIN.")

    def database_ok(self) -> bool:
        try:
            self.context._store.get_setting("kiosk.ping")
            return True
        except Exception:
            log.exception("database check failed")
            return False

    def sync_status(self) -> str:
        """The cloud sync's state for the status strip: off | idle | offline | auth_failed | error (with the
        queue length when items wait), from the context's SyncService."""
        sync = self.context.sync
        if sync is None:
            return "off"
        status = sync.status()
        return f"{status.state} ({status.queue_length} queued)" if status.queue_length else status.state
