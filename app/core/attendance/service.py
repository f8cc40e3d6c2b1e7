"""The kiosk use case: tracks of recognised faces → check-in/out events under the attendance rules.

Per track (one visit): several frames must agree on the same person above the open-set threshold,
liveness evidence must satisfy the strictness setting, then the rules (debounce, in/out mode, shift
lateness) turn the decision into at most one AttendanceEvent. A stable track that never matches gives
one unknown-face event. Qt-free; time comes from an injectable clock (UTC, aware) so tests use a fake.
"""

from __future__ import annotations

import logging
import math
import socket
import uuid as uuidlib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from app.core.attendance.clock import Clock, local_zone, utc_now, zone_name
from app.core.attendance.events import FrameDecisions, KioskEvent, TrackView
from app.core.attendance.rules import AttendanceRules, Outcome
from app.core.attendance.track_liveness import LIVENESS_MODES, LivenessState, TrackLiveness
from app.core.liveness.decision import PassiveScorer
from app.core.matcher import distance_to_similarity
from app.core.pipeline import FaceResult
from app.core.quality import CHECK_EXPOSURE, CHECK_EYES_OPEN, CHECK_POSE, assess_frame
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace
from app.core.settings import Settings
from app.core.tracking import Detection, FaceTracker, Track

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]
# Quality failures that do not stop a frame from voting for a confident match (see soft_vote_margin).
SOFT_CHECKS = frozenset({CHECK_POSE, CHECK_EYES_OPEN, CHECK_EXPOSURE})


class AttendanceStore(Protocol):
    """What the kiosk needs from the store (app.core.storage.Store satisfies it)."""

    def add_event(self, event: AttendanceEvent) -> int: ...
    def last_event(self, person_uuid: str) -> AttendanceEvent | None: ...
    def get_person(self, person_uuid: str) -> Person | None: ...
    def add_unknown_face(
        self, at_utc: datetime, device_id: str, thumbnail: bytes | None = None
    ) -> UnknownFace: ...


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
            wants = state.liveness.wants_passive(result.face, quality)
            if self.passive is not None and not state.decided and wants:
                try:
                    passive_score = float(self.passive.score(rgb, result.face))
                except Exception as exc:  # a bad crop must not stop the kiosk
                    log.warning("passive anti-spoof failed: %s", exc)
            if not state.decided:
                state.liveness.update(t_s, result.face, passive_score, quality)
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
