"""The kiosk use case: tracks of recognised faces → check-in/out events under the attendance rules.

Per track (one visit): several frames must agree on the same person above the open-set threshold,
liveness evidence must satisfy the strictness setting, then the rules (debounce, in/out mode, shift
lateness) turn the decision into at most one AttendanceEvent. A stable track that never matches gives
one unknown-face event. Qt-free; time comes from an injectable clock (UTC, aware) so tests use a fake.
"""

from __future__ import annotations

import enum
import logging
import math
import socket
import uuid as uuidlib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import cv2
import numpy as np
import numpy.typing as npt

from app.core import access
from app.core.access import Action, Audit
from app.core.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from app.core.face import FaceObservation
from app.core.liveness.motion import StaticSceneCheck
from app.core.liveness.planarity import Planarity, PlanarityCheck
from app.core.liveness.signals import BlinkDetector, eye_closure
from app.core.matcher import distance_to_similarity
from app.core.pipeline import FaceResult, RecognitionPipeline
from app.core.quality import CHECK_EXPOSURE, CHECK_EYES_OPEN, CHECK_POSE, assess_frame
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace
from app.core.settings import AttendanceSettings, LivenessSettings, ReportSettings, Settings
from app.core.shifts import is_late, shift_for, working_day
from app.core.tracking import Detection, FaceTracker, Track

if TYPE_CHECKING:
    from app.core.context import AppContext

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]
Clock = Callable[[], datetime]
LIVENESS_MODES = ("off", "lenient", "balanced", "strict")
MODES = ("auto", "in", "out")
# Quality failures that do not stop a frame from voting for a confident match (see soft_vote_margin).
SOFT_CHECKS = frozenset({CHECK_POSE, CHECK_EYES_OPEN, CHECK_EXPOSURE})


class PassiveScorer(Protocol):
    """app.core.antispoof.PassiveAntiSpoof, or a fake in tests."""

    def score(self, rgb_frame: RgbImage, face: FaceObservation) -> float: ...


class AttendanceStore(Protocol):
    """What the kiosk needs from the store (app.core.storage.Store satisfies it)."""

    def add_event(self, event: AttendanceEvent) -> int: ...
    def last_event(self, person_uuid: str) -> AttendanceEvent | None: ...
    def get_person(self, person_uuid: str) -> Person | None: ...
    def add_unknown_face(
        self, at_utc: datetime, device_id: str, thumbnail: bytes | None = None
    ) -> UnknownFace: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_zone(name: str = "") -> tzinfo:
    """The IANA zone `name`, or the system's local zone."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown time zone %r; using the system zone", name)
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


# ---------------------------------------------------------------------------------------------- rules


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    ALREADY = "already"  # debounced: the last event is repeated in the greeting
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RuleDecision:
    direction: Direction | None  # None: debounced
    late: bool = False
    last_event: AttendanceEvent | None = None


class AttendanceRules:
    """Debounce, direction (auto toggle / fixed in / fixed out) and lateness."""

    def __init__(self, settings: AttendanceSettings, reports: ReportSettings, zone: tzinfo) -> None:
        if settings.mode not in MODES:
            raise ValueError(f"attendance mode must be one of {MODES}, not {settings.mode!r}")
        self.settings = settings
        self.reports = reports
        self.device_zone = zone

    @property
    def zone(self) -> tzinfo:
        """Shifts are wall-clock times of the organisation: its zone from the work schedule when one is set
        (read on every decision: a schedule saved while the kiosk runs applies at once), else the device's."""
        return local_zone(self.reports.timezone) if self.reports.timezone else self.device_zone

    def decide(self, person: Person | None, now_utc: datetime, last: AttendanceEvent | None) -> RuleDecision:
        debounce = timedelta(minutes=self.settings.debounce_minutes)
        if last is not None and timedelta(0) <= now_utc - last.at_utc < debounce:
            return RuleDecision(None, last_event=last)
        # A working day: the local day, or for a night shift the day it started (its check-out at 06:00
        # the next morning belongs to the same day).
        shift = shift_for(person, self.reports)
        zone = self.zone
        same_day = last is not None and (
            working_day(last.at_utc, zone, shift) == working_day(now_utc, zone, shift)
        )
        if self.settings.mode == "in":
            direction = Direction.IN
        elif self.settings.mode == "out":
            direction = Direction.OUT
        else:  # auto: toggle within a working day; a new day starts with "in" (a forgotten check-out)
            direction = (
                Direction.OUT if same_day and last and last.direction == Direction.IN else Direction.IN
            )
        # Lateness is judged on the first event of the working day only (back from lunch is not late).
        late = (
            direction == Direction.IN
            and not same_day
            and is_late(now_utc, zone, shift, self.reports.holidays)
        )
        return RuleDecision(direction, late, last)


# ------------------------------------------------------------------------------------------ liveness


class LivenessState(enum.StrEnum):
    PENDING = "pending"
    LIVE = "live"
    SPOOF = "spoof"


@dataclass
class TrackLiveness:
    """Liveness evidence gathered over one track: passive scores, blinks, 3-D motion, static scene."""

    mode: str
    settings: LivenessSettings
    has_passive: bool
    samples: int = 3  # passive scores averaged (AttendanceSettings.passive_samples)
    passive: list[float] = field(default_factory=list)
    blinks: int = 0
    frames: int = 0

    def __post_init__(self) -> None:
        s = self.settings
        self.blink = BlinkDetector(s.blink_peak, s.blink_rise, s.blink_fall, s.blink_max_duration_s)
        self.planarity = PlanarityCheck(
            s.planarity_min_rotation_deg, s.planarity_threshold, s.planarity_min_pairs
        )
        self.static = StaticSceneCheck(s.static_window_s, s.micro_motion_threshold)
        self._last_t = 0.0

    def wants_passive(self) -> bool:
        """Score the first `samples` frames of the track back to back (a kiosk decides fast; ~5 ms per
        frame for the two 80x80 models), rather than every n-th frame as the enrolment does."""
        return self.has_passive and self.mode != "off" and len(self.passive) < self.samples

    def update(self, t_s: float, face: FaceObservation, passive: float | None) -> None:
        self.frames += 1
        self._last_t = t_s
        if passive is not None:
            self.passive.append(passive)
        if self.mode == "off":
            return
        blinked = self.blink.update(t_s, eye_closure(face))
        self.blinks += int(blinked)
        self.planarity.update(t_s, face)
        self.static.update(t_s, face, blinked)

    @property
    def passive_score(self) -> float:
        return float(np.mean(self.passive)) if self.passive else float("nan")

    @property
    def passive_threshold(self) -> float:
        s = self.settings
        return s.passive_strict_threshold if self.mode == "strict" else s.passive_threshold

    @property
    def active_positive(self) -> bool:
        return self.blinks > 0 or self.planarity.verdict == Planarity.THREE_D

    @property
    def spoof_cue(self) -> str:
        """A reason to refuse ('' when none)."""
        if self.mode == "off":
            return ""
        if len(self.passive) >= self.samples and self.passive_score < self.passive_threshold:
            return "passive"
        if self.planarity.verdict == Planarity.PLANAR:
            return "flat"
        if self.static.is_static(self._last_t) and not self.active_positive:
            return "static"
        return ""

    @property
    def state(self) -> LivenessState:
        if self.mode == "off":
            return LivenessState.LIVE
        if self.spoof_cue:
            return LivenessState.SPOOF
        passive_ok = not self.has_passive or (
            len(self.passive) >= self.samples and self.passive_score >= self.passive_threshold
        )
        if not passive_ok:
            return LivenessState.PENDING
        need_active = self.mode == "strict" or (self.mode == "balanced" and not self.has_passive)
        if need_active and not self.active_positive:
            return LivenessState.PENDING
        return LivenessState.LIVE

    @property
    def score(self) -> float:
        """0..1 for the event record: the passive mean when measured, else 1 live / 0.5 pending / 0 spoof."""
        if self.passive:
            return self.passive_score
        return {LivenessState.LIVE: 1.0, LivenessState.PENDING: 0.5, LivenessState.SPOOF: 0.0}[self.state]


# ------------------------------------------------------------------------------------- the kiosk loop


@dataclass
class TrackState:
    liveness: TrackLiveness
    votes: deque[tuple[str | None, float]]  # (person key or None, similarity) of quality-passing frames
    observed: int = 0  # quality-passing frames with an embedding
    decided: bool = False
    unknown_reported: bool = False
    person_uuid: str | None = None
    match_score: float = 0.0
    label: str = ""


@dataclass
class KioskEvent:
    """What the kiosk shows and plays for one decision."""

    outcome: Outcome
    track_id: int
    at_utc: datetime
    at_local: datetime
    person: Person | None = None
    direction: Direction | None = None
    late: bool = False
    match_score: float = 0.0
    liveness_score: float = 0.0
    event: AttendanceEvent | None = None  # the stored (or, for ALREADY, the previous) event
    unknown: UnknownFace | None = None

    @property
    def greeting(self) -> str:
        return greeting_text(self)


@dataclass
class TrackView:
    """A face box and its current label, for the preview overlay."""

    track_id: int
    box: tuple[float, float, float, float]
    label: str
    state: str  # "pending" | "live" | "spoof" | "known" | "unknown"


@dataclass
class FrameDecisions:
    events: list[KioskEvent]
    tracks: list[TrackView]


def part_of_day(local: datetime) -> str:
    if local.hour < 5 or local.hour >= 18:
        return "Good evening"
    return "Good morning" if local.hour < 12 else "Good afternoon"


def greeting_text(ev: KioskEvent) -> str:
    if ev.outcome == Outcome.UNKNOWN:
        return "Face not recognised — please see an administrator"
    name = ev.person.name.split()[0] if ev.person and ev.person.name else "there"
    if ev.outcome == Outcome.ALREADY and ev.event is not None:
        previous = ev.event.at_utc.astimezone(ev.at_local.tzinfo)
        verb = "checked in" if ev.event.direction == Direction.IN else "checked out"
        return f"Hello {name} — already {verb} at {previous:%H:%M}"
    if ev.outcome == Outcome.CHECKED_OUT:
        return f"Goodbye, {name} — checked out {ev.at_local:%H:%M}"
    late = " (late)" if ev.late else ""
    return f"{part_of_day(ev.at_local)}, {name} — checked in {ev.at_local:%H:%M}{late}"


def jpeg_thumbnail(rgb: RgbImage, box: tuple[float, float, float, float], size: int) -> bytes | None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, 0.65 * max(w, h)
    height, width = rgb.shape[:2]
    a, b = int(max(0, cx - half)), int(min(width, cx + half))
    c, d = int(max(0, cy - half)), int(min(height, cy + half))
    if b - a < 4 or d - c < 4:
        return None
    crop = cv2.resize(rgb[c:d, a:b], (size, size), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(crop, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 80])
    return bytes(buf) if ok else None


class AttendanceService:
    """Feed it every processed frame; it returns the decisions to greet and the boxes to draw.

    `process` is called from one thread (the kiosk worker); the store is thread-safe.
    """

    def __init__(
        self,
        store: AttendanceStore,
        settings: Settings | None = None,
        passive: PassiveScorer | None = None,
        clock: Clock = utc_now,
        on_unknown: Callable[[KioskEvent], None] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        a = self.settings.attendance
        if a.liveness not in LIVENESS_MODES:
            raise ValueError(f"attendance liveness must be one of {LIVENESS_MODES}, not {a.liveness!r}")
        self.store = store
        self.passive = passive
        self.clock = clock
        self.on_unknown = on_unknown
        self.zone = local_zone(a.timezone)
        self.device_id = a.device_id or socket.gethostname()
        self.rules = AttendanceRules(a, self.settings.reports, self.zone)
        self.tracker = FaceTracker(a.min_iou, a.min_track_similarity, a.max_jump, a.track_expiry_s)
        self.min_similarity = distance_to_similarity(self.settings.recognition.match_threshold)
        self._people: dict[str, Person | None] = {}

    def reset(self) -> None:
        """Forget the open tracks (e.g. after the camera reconnected)."""
        self.tracker.close_all()

    def forget_people(self) -> None:
        """Drop cached names (after an enrolment or an edit)."""
        self._people.clear()

    def person(self, person_uuid: str) -> Person | None:
        if person_uuid not in self._people:
            self._people[person_uuid] = self.store.get_person(person_uuid)
        return self._people[person_uuid]

    def _new_state(self) -> TrackState:
        a = self.settings.attendance
        samples = max(1, a.passive_samples)
        liveness = TrackLiveness(a.liveness, self.settings.liveness, self.passive is not None, samples)
        return TrackState(liveness, deque(maxlen=max(a.vote_window, a.min_agree_frames)))

    def process(self, rgb: RgbImage, t_s: float, faces: Sequence[FaceResult]) -> FrameDecisions:
        """One frame: `t_s` is the source's clock (seconds); `faces` come from RecognitionPipeline."""
        a = self.settings.attendance
        update = self.tracker.update(t_s, [Detection(f.face.box, f.embedding) for f in faces])
        reports = assess_frame(rgb, [f.face for f in faces], self.settings.quality) if faces else []
        events: list[KioskEvent] = []
        views: list[TrackView] = []
        for track, result, quality in zip(update.assigned, faces, reports, strict=True):
            if track.state is None:
                track.state = self._new_state()
            state: TrackState = track.state
            passive_score = None
            if self.passive is not None and not state.decided and state.liveness.wants_passive():
                try:
                    passive_score = float(self.passive.score(rgb, result.face))
                except Exception as exc:  # a bad crop must not stop the kiosk
                    log.warning("passive anti-spoof failed: %s", exc)
            if not state.decided:
                state.liveness.update(t_s, result.face, passive_score)
            best = result.best
            similarity = best.similarity if best is not None else -1.0
            good = quality.passed or not a.min_face_quality
            soft = {c.name for c in quality.failed} <= SOFT_CHECKS
            if result.embedding is not None and (
                good or (soft and similarity >= self.min_similarity + a.soft_vote_margin)
            ):
                state.observed += int(good)  # unknown faces are declared on good frames only
                key = best.key if best is not None and similarity >= self.min_similarity else None
                state.votes.append((key, similarity))
            event = None if state.decided else self._decide(track, state, rgb)
            if event is not None:
                events.append(event)
            views.append(TrackView(track.id, track.box, state.label, self._view_state(state)))
        return FrameDecisions(events, views)

    def _view_state(self, state: TrackState) -> str:
        if state.unknown_reported and state.person_uuid is None:
            return "unknown"
        if state.decided:
            return "known"
        return str(state.liveness.state)

    def _agreed(self, state: TrackState) -> tuple[str, float] | None:
        a = self.settings.attendance
        matched = [(k, s) for k, s in state.votes if k is not None]
        if len(matched) < a.min_agree_frames:
            return None
        keys = [k for k, _ in matched]
        top = max(set(keys), key=keys.count)
        agree = [s for k, s in matched if k == top]
        if len(agree) < a.min_agree_frames or len(agree) < a.min_agree_fraction * len(matched):
            return None
        return top, float(np.mean(agree))

    def _decide(self, track: Track, state: TrackState, rgb: RgbImage) -> KioskEvent | None:
        a = self.settings.attendance
        agreed = self._agreed(state)
        if agreed is None:
            if (
                not state.unknown_reported
                and state.observed >= a.unknown_min_frames
                and all(k is None for k, _ in state.votes)
            ):
                return self._unknown(track, state, rgb)
            return None
        person_uuid, score = agreed
        person = self.person(person_uuid)
        state.person_uuid, state.match_score = person_uuid, score
        state.label = person.name if person is not None else "?"
        liveness = state.liveness.state
        if liveness != LivenessState.LIVE:
            if liveness == LivenessState.SPOOF and state.label and "spoof" not in state.label:
                log.info("track %d: liveness refused (%s)", track.id, state.liveness.spoof_cue)
                state.label = f"{state.label} (spoof)"
            return None
        state.decided = True
        return self._record(track, state, person, person_uuid, score)

    def _record(
        self, track: Track, state: TrackState, person: Person | None, person_uuid: str, score: float
    ) -> KioskEvent:
        now = self.clock().astimezone(UTC)
        local = now.astimezone(self.zone)
        decision = self.rules.decide(person, now, self.store.last_event(person_uuid))
        live_score = state.liveness.score
        if decision.direction is None:
            log.info("track %d: %s debounced", track.id, person_uuid)
            return KioskEvent(
                Outcome.ALREADY,
                track.id,
                now,
                local,
                person,
                None,
                False,
                score,
                live_score,
                decision.last_event,
            )
        event = AttendanceEvent(
            uuid=str(uuidlib.uuid4()),
            person_uuid=person_uuid,
            at_utc=now,
            tz_name=zone_name(self.zone),
            direction=decision.direction,
            match_score=round(score, 6),
            liveness_score=round(live_score, 6) if math.isfinite(live_score) else 0.0,
            device_id=self.device_id,
            source="kiosk",
            late=decision.late,
        )
        self.store.add_event(event)
        outcome = Outcome.CHECKED_IN if decision.direction == Direction.IN else Outcome.CHECKED_OUT
        log.info(
            "track %d: %s %s (match %.3f, liveness %.3f)", track.id, person_uuid, outcome, score, live_score
        )
        return KioskEvent(
            outcome, track.id, now, local, person, decision.direction, decision.late, score, live_score, event
        )

    def _unknown(self, track: Track, state: TrackState, rgb: RgbImage) -> KioskEvent:
        a = self.settings.attendance
        state.unknown_reported = True
        state.label = "Unknown"
        now = self.clock().astimezone(UTC)
        thumb = jpeg_thumbnail(rgb, track.box, a.unknown_thumbnail_px) if a.save_unknown_thumbnails else None
        stored = self.store.add_unknown_face(now, self.device_id, thumb)
        best = max((s for _, s in state.votes), default=0.0)
        event = KioskEvent(
            Outcome.UNKNOWN, track.id, now, now.astimezone(self.zone), None, None, False, best,
            state.liveness.score, None, stored,
        )  # fmt: skip
        log.info("track %d: unknown face recorded (best similarity %.3f)", track.id, best)
        if self.on_unknown is not None:
            try:
                self.on_unknown(event)
            except Exception:  # an alert hook must not stop the kiosk
                log.exception("unknown-face alert failed")
        return event


# ----------------------------------------------------------------------------- the kiosk's one façade


@dataclass(frozen=True)
class ExitCheck:
    ok: bool
    message: str


def load_passive(settings: Settings) -> PassiveScorer | None:
    """The installed passive anti-spoof ensemble (`faceattend models import-antispoof`), or None."""
    from app.core.antispoof import PassiveAntiSpoof
    from app.core.errors import ModelError
    from app.core.models import ModelRegistry, user_models_dir

    folder = user_models_dir(settings.data_dir)
    if not (folder / "manifest.json").is_file():
        return None
    try:
        return PassiveAntiSpoof.from_registries([ModelRegistry(folder)])
    except ModelError as exc:
        log.warning("passive anti-spoof models not usable: %s", exc)
        return None


def _dummy_face(width: int, height: int) -> FaceObservation:
    from app.core.face import HeadPose

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
        self.service = AttendanceService(context.store, self.settings, passive, clock, on_unknown)

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
        from app.core.embedder import CHIP_SIZE
        from app.core.images import load_rgb

        try:
            portrait = Path(__file__).resolve().parents[2] / "resources" / "demo" / "astronaut.png"
            if portrait.is_file():  # a real face: the landmarker's and embedder's first runs
                pipeline.process(load_rgb(portrait), 0, match=False)
            pipeline.embedder.embed(np.zeros((1, CHIP_SIZE, CHIP_SIZE, 3), np.uint8), flip=True)
            if self.passive is not None:
                frame = np.full((240, 320, 3), 128, np.uint8)
                face = _dummy_face(320, 240)
                self.passive.score(frame, face)
        except Exception as exc:  # warm-up is an optimisation only
            log.warning("model warm-up failed: %s", exc)

    @property
    def passive_installed(self) -> bool:
        return self.passive is not None

    def admins(self) -> list[str]:
        """The accounts whose role may leave the kiosk (Action.EXIT_KIOSK in the permission table: admins),
        only `settings.kiosk.admin_user` when that is set."""
        wanted = self.settings.kiosk.admin_user
        return [
            u.name
            for u in self.context.store.list_users()
            if u.active and access.allowed(u.role, Action.EXIT_KIOSK) and (not wanted or u.name == wanted)
        ]

    def record_start(self) -> None:
        """Audit the kiosk's start (Audit.KIOSK_START) under the context's actor (the signed-in user, or
        "kiosk" for `faceattend kiosk`). A failure is logged, never raised into the kiosk."""
        try:
            access.record(
                self.context.store, self.context.actor, Audit.KIOSK_START, {"device": self.service.device_id}
            )
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
        store = self.context.store
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
            self.context.store.get_setting("kiosk.ping")
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
