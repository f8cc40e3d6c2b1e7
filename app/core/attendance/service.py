"""The kiosk use case: tracks of recognised faces → check-in/out events under the attendance rules.

Per track (one visit): the quality-weighted mean of its good frames' embeddings is decided by the open-set
rule (app/core/recognition/decision.py: calibrated threshold for the target FPIR, margin over the second
best) once `min_agree_frames` good frames are in; liveness evidence must satisfy the strictness setting,
then the rules (debounce, in/out mode, shift lateness) turn the decision into at most one AttendanceEvent.
An ambiguous track is asked to look at the camera and, if it stays ambiguous, sent to the front desk; a
track whose fused decision is "unknown" gives one unknown-face event. Two faces of one frame are never
booked as the same person. Qt-free; time comes from an injectable clock (UTC, aware) so tests use a fake.
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
from app.core.attendance.doubt import NEGATIVE_NEAR, UNKNOWN_REPEAT, DoubtRule, UnknownRepeats
from app.core.attendance.events import FrameDecisions, KioskEvent, TrackView
from app.core.attendance.review_sink import KioskReview, review_item
from app.core.attendance.rules import AttendanceRules, Outcome
from app.core.attendance.track_liveness import LIVENESS_MODES, LivenessState, TrackLiveness
from app.core.liveness.decision import PassiveScorer
from app.core.matcher import Match, Matcher
from app.core.recognition.decision import (
    AMBIGUOUS,
    MATCH,
    Decision,
    OpenSetDecider,
    fuse,
    fused_hits_from_frames,
    judge,
)
from app.core.recognition.negatives import NegativeRule
from app.core.recognition.refresh import RefreshRule
from app.core.records import AttendanceEvent, Direction, Person, UnknownFace
from app.core.settings import Settings
from app.core.tracking import Detection, FaceTracker, Track
from app.core.vision.pipeline import FaceResult
from app.core.vision.quality import (
    CHECK_EXPOSURE,
    CHECK_EYES_OPEN,
    CHECK_FACE_SIZE,
    CHECK_POSE,
    TOO_DARK,
    QualityReport,
    assess_frame,
)

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]
# Quality failures that do not stop a frame from joining a confident track (see soft_vote_margin).
SOFT_CHECKS = frozenset({CHECK_POSE, CHECK_EYES_OPEN, CHECK_EXPOSURE})
LOOK_AT_CAMERA = "Please look at the camera"
SEE_FRONT_DESK = "Please see the front desk"


class AttendanceStore(Protocol):
    """What the kiosk needs from the store (app.core.storage.Store satisfies it)."""

    def add_event(self, event: AttendanceEvent) -> int: ...
    def last_event(self, person_uuid: str) -> AttendanceEvent | None: ...
    def get_person(self, person_uuid: str) -> Person | None: ...
    def add_unknown_face(
        self, at_utc: datetime, device_id: str, thumbnail: bytes | None = None
    ) -> UnknownFace: ...


@dataclass
class TrackFrame:
    embedding: npt.NDArray[np.float32]
    weight: float  # the frame's quality score
    hits: list[Match]  # the frame's own nearest templates (used when the service has no gallery)


@dataclass
class TrackState:
    liveness: TrackLiveness
    frames: deque[TrackFrame]  # the latest good frames: the track is decided on their fused embedding
    observed: int = 0  # quality-passing frames with an embedding
    decided: bool = False
    unknown_reported: bool = False
    person_uuid: str | None = None
    match_score: float = 0.0
    label: str = ""
    decision: Decision | None = None  # the latest fused decision
    ambiguous_frames: int = 0  # frames decided "ambiguous" (or clashing with another face) so far
    front_desk: bool = False  # stayed ambiguous: sent to the front desk, never booked
    fused: npt.NDArray[np.float32] | None = None  # the fused embedding behind `decision`
    too_dark: int = 0  # frames that could not vote because the face was too dark (under dim_face_min_luma)
    held_back: bool = False  # a "Not me" negative of the matched person held the decision back
    held_back_reported: bool = False
    bona_fide_pending: bool = False  # booked confidently: feeds the camera's record once an active cue shows
    too_far: bool = False  # the latest frame's face is too small to recognise: asked to come closer


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
        matcher: Matcher | None = None,
        review: KioskReview | None = None,
    ) -> None:
        """`matcher` is the enrolled gallery (the kiosk passes the context's): tracks are decided on their
        fused embedding against it. Without it, the fused scores come from each frame's own top hits.
        `review` (the kiosk passes a StoreKioskReview) records doubtful decisions for HR, holds back tracks
        near a "Not me" negative and refreshes templates after confident, live check-ins."""
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
        self.matcher = matcher
        self.decider = OpenSetDecider(
            matcher if matcher is not None else Matcher(128), self.settings.recognition
        )
        self._people: dict[str, Person | None] = {}
        self.review = review
        self.doubt_rule = DoubtRule()
        self.negative_rule = NegativeRule()
        self.refresh_rule = RefreshRule()
        self.unknown_repeats: UnknownRepeats | None = None
        self._retry: set[int] = set()
        # The camera's calibrated passive threshold (None: the setting's) and where a confident live
        # check-in's passive score goes (returns the camera's new threshold): see KioskBackend.use_camera.
        self.passive_threshold: float | None = None
        self.on_bona_fide: Callable[[float], float | None] | None = None

    def reset(self) -> None:
        """Forget the open tracks (e.g. after the camera reconnected)."""
        self.tracker.close_all()

    def retry(self, track_id: int) -> None:
        """Decide this track afresh on a later frame ("Not me": the person is asked to try again). Safe
        from another thread: the next `process` call applies it."""
        self._retry.add(track_id)

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
        has_passive = self.passive is not None
        liveness = TrackLiveness(
            a.liveness, self.settings.liveness, has_passive, samples, camera_threshold=self.passive_threshold
        )
        return TrackState(liveness, deque(maxlen=max(a.vote_window, a.min_agree_frames)))

    def threshold_similarity(self) -> float:
        """The calibrated similarity the fused score must clear (for the gallery in use)."""
        return self.decider.threshold(None if self.matcher is not None else 1).similarity

    def decide_frames(self, frames: Sequence[TrackFrame]) -> Decision:
        """The open-set decision on a track's frames (fusion, threshold, margin)."""
        vectors = np.stack([f.embedding for f in frames])
        weights = np.array([f.weight for f in frames], dtype=np.float32)
        if self.matcher is not None:
            return self.decider.decide(vectors, weights)
        hits = fused_hits_from_frames([f.hits for f in frames], vectors, weights)
        keys = {m.key for f in frames for m in f.hits}
        threshold = self.decider.threshold(max(1, len(keys)), frames=len(frames))
        return judge(hits, threshold, self.settings.recognition.margin, len(frames))

    @staticmethod
    def _fused(frames: Sequence[TrackFrame]) -> npt.NDArray[np.float32]:
        return fuse(np.stack([f.embedding for f in frames]), np.array([f.weight for f in frames], np.float32))

    def _hold_back(self, state: TrackState, decision: Decision, fused: npt.NDArray[np.float32]) -> Decision:
        """A match near a "Not me" negative of that person must clear a higher bar (negatives.py)."""
        if self.review is None or not decision.matched or decision.key is None:
            return decision
        negatives = self.review.negatives_for(str(decision.key))
        if negatives is None:
            return decision
        held = self.negative_rule.apply(decision, fused, negatives, self.settings.recognition.margin)
        state.held_back = state.held_back or held is not decision
        return held

    def process(self, rgb: RgbImage, t_s: float, faces: Sequence[FaceResult]) -> FrameDecisions:
        """One frame: `t_s` is the source's clock (seconds); `faces` come from RecognitionPipeline."""
        a = self.settings.attendance
        update = self.tracker.update(t_s, [Detection(f.face.box, f.embedding) for f in faces])
        reports = assess_frame(rgb, [f.face for f in faces], self.settings.quality) if faces else []
        events: list[KioskEvent] = []
        views: list[TrackView] = []
        pending: list[tuple[Track, TrackState]] = []
        retry: set[int] = set()
        while self._retry:  # set.pop is atomic: a retry asked meanwhile is never lost
            retry.add(self._retry.pop())
        gray = (
            np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
            if faces
            and any(
                t.state is None or not t.state.decided or t.state.bona_fide_pending for t in update.assigned
            )
            else None
        )  # for the passive layer's noise gate and the 3-D check's texture tracks
        for track, result, quality in zip(update.assigned, faces, reports, strict=True):
            if track.state is None or track.id in retry:
                track.state = self._new_state()
            state: TrackState = track.state
            passive_score = None
            denoise = None if state.decided else state.liveness.passive_request(result.face, quality, gray)
            if self.passive is not None and denoise is not None:
                try:
                    passive_score = float(self.passive.score(rgb, result.face, denoise))
                except Exception as exc:  # a bad crop must not stop the kiosk
                    log.warning("passive anti-spoof failed: %s", exc)
            if not state.decided:
                state.liveness.update(t_s, result.face, passive_score, quality, gray)
            elif state.bona_fide_pending:  # the visit goes on: a blink or 3-D turn confirms it was live
                state.liveness.update(t_s, result.face, None, quality, gray)
                self._bona_fide(state)
            best = result.best
            similarity = best.similarity if best is not None else -1.0
            failed = self._identity_failures(state, quality)
            state.too_far = CHECK_FACE_SIZE in failed
            state.too_dark += int(
                CHECK_EXPOSURE in failed and quality.check(CHECK_EXPOSURE).instruction == TOO_DARK
            )
            good = not failed or not a.min_face_quality
            soft = failed <= SOFT_CHECKS
            if (
                result.embedding is not None
                and not state.decided
                and (good or (soft and similarity >= self.threshold_similarity() + a.soft_vote_margin))
            ):
                state.observed += int(good)  # unknown faces are declared on good frames only
                weight = quality.score if good and quality.checks else 0.5
                hits = result.hits or ([best] if best is not None else [])
                state.frames.append(TrackFrame(result.embedding, max(weight, 0.05), hits))
                if len(state.frames) >= a.min_agree_frames:
                    state.decision = self.decide_frames(list(state.frames))
                    state.fused = self._fused(list(state.frames))
                    state.decision = self._hold_back(state, state.decision, state.fused)
            pending.append((track, state))
        # Two faces of one frame are never booked as the same person: both wait (or go to the desk).
        claimed: dict[str, int] = {}
        for _, state in pending:
            if state.decision is not None and state.decision.matched and not state.decided:
                key = str(state.decision.key)
                claimed[key] = claimed.get(key, 0) + 1
        booked_here = {s.person_uuid for _, s in pending if s.decided and s.person_uuid}
        for track, state in pending:
            clash = (
                state.decision is not None
                and state.decision.matched
                and (claimed.get(str(state.decision.key), 0) > 1 or state.decision.key in booked_here)
            )
            event = None if state.decided else self._decide(track, state, rgb, clash)
            if event is not None:
                events.append(event)
                if state.person_uuid:
                    booked_here.add(state.person_uuid)
            views.append(TrackView(track.id, track.box, state.label, self._view_state(state)))
        return FrameDecisions(events, views)

    def _too_dark_to_recognise(self, state: TrackState) -> bool:
        """Undecided, no frame could vote yet, and `min_agree_frames` were too dark: more light will help."""
        return (
            not state.decided
            and not state.frames
            and state.too_dark >= self.settings.attendance.min_agree_frames
        )

    def _identity_failures(self, state: TrackState, quality: QualityReport) -> set[str]:
        """The quality checks this frame fails that matter for recognising the face (see the settings
        QualitySettings.eyes_usual_max_closure and AttendanceSettings.dim_face_min_luma)."""
        a = self.settings.attendance
        failed = {c.name for c in quality.failed}
        if CHECK_EYES_OPEN in failed and state.liveness.eyes_as_usual(
            self.settings.quality.eyes_usual_max_closure
        ):
            failed.discard(CHECK_EYES_OPEN)
        if CHECK_EXPOSURE in failed:
            exposure = quality.check(CHECK_EXPOSURE)
            if exposure.instruction == TOO_DARK and exposure.value >= a.dim_face_min_luma:
                failed.discard(CHECK_EXPOSURE)
        return failed

    def _view_state(self, state: TrackState) -> str:
        if state.front_desk or (state.decision is not None and state.decision.decision == AMBIGUOUS):
            return "ambiguous"
        if state.unknown_reported and state.person_uuid is None:
            return "unknown"
        if state.decided:
            return "known"
        if state.liveness.waiting_for_light or self._too_dark_to_recognise(state):
            return "low_light"
        liveness = str(state.liveness.state)
        return "too_far" if liveness == LivenessState.PENDING and state.too_far else liveness

    def _decide(self, track: Track, state: TrackState, rgb: RgbImage, clash: bool) -> KioskEvent | None:
        a = self.settings.attendance
        decision = state.decision
        if state.front_desk or decision is None:
            return None
        if decision.decision == AMBIGUOUS or clash:
            state.ambiguous_frames += 1
            if state.ambiguous_frames >= max(a.vote_window, a.unknown_min_frames):
                state.front_desk = True
                state.label = SEE_FRONT_DESK
                if state.held_back and not state.held_back_reported and self.review is not None:
                    state.held_back_reported = True
                    now = self.clock().astimezone(UTC)
                    self.review.doubtful(
                        review_item(
                            now,
                            self.device_id,
                            NEGATIVE_NEAR,
                            decision,
                            decision.key,
                            liveness_score=state.liveness.score,
                        )
                    )
                log.info(
                    "track %d: still ambiguous (margin %.3f%s): front desk",
                    track.id, decision.margin, ", another face claims the same person" if clash else "",
                )  # fmt: skip
            else:
                state.label = LOOK_AT_CAMERA
            return None
        if decision.decision != MATCH:
            if not state.unknown_reported and state.observed >= a.unknown_min_frames:
                return self._unknown(track, state, rgb)
            return None
        person_uuid, score = str(decision.key), decision.similarity
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
        event = self._record(track, state, person, person_uuid, score)
        self._after_booking(state, decision, event)
        return event

    def _after_booking(self, state: TrackState, decision: Decision, event: KioskEvent) -> None:
        """The event carries its decision; a doubtful one goes to the review queue, a confident, live one
        refreshes the person's template (never both)."""
        event.embedding = state.fused
        event.margin, event.threshold = decision.margin, decision.threshold.similarity
        liveness = state.liveness
        passive = liveness.passive_score if liveness.passive else None
        event.doubts = self.doubt_rule.reasons(
            decision, self.settings.recognition.margin, passive, liveness.passive_threshold
        )
        if self.on_bona_fide is not None and event.event is not None and not event.doubts:
            state.bona_fide_pending = liveness.mode != "off" and liveness.state == LivenessState.LIVE
            self._bona_fide(state)
        if self.review is None or event.event is None or event.outcome == Outcome.ALREADY:
            return
        if event.doubts:
            self.review.doubtful(
                review_item(
                    event.at_utc,
                    self.device_id,
                    event.doubts[0],
                    decision,
                    decision.key,
                    event.event.uuid,
                    liveness.score,
                )
            )
            return
        # live-verified: liveness on, passed, with evidence (the passive model measured, or a blink / 3-D cue)
        live = (
            liveness.mode != "off"
            and liveness.state == LivenessState.LIVE
            and (bool(liveness.passive) or liveness.active_positive)
        )
        if state.fused is not None and self.refresh_rule.eligible(decision, live):
            event.refreshed = self.review.refresh(str(decision.key), state.fused, decision)

    def _bona_fide(self, state: TrackState) -> None:
        """A confident live check-in (booked without doubts, the passive verdict measured) feeds this camera's
        calibration record with its passive track score once the visit shows an active cue (a blink or a
        3-D turn, before or after the booking): once per track."""
        liveness = state.liveness
        score = liveness.passive_score
        if not state.bona_fide_pending:
            return
        if liveness.spoof_cue or not (liveness.passive_track.ready and math.isfinite(score)):
            state.bona_fide_pending = False  # a spoof cue after the booking, or no passive verdict: never
            return
        if not liveness.active_positive or self.on_bona_fide is None:
            return
        state.bona_fide_pending = False
        threshold = self.on_bona_fide(score)
        if threshold is not None:
            self.passive_threshold = threshold

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
        best = state.decision.similarity if state.decision is not None else 0.0
        if self.review is not None and state.fused is not None:
            if self.unknown_repeats is None:
                # the same face as one remembered unknown: the 1:1 bar at the target FPIR
                self.unknown_repeats = UnknownRepeats(self.decider.threshold(1).similarity)
            if self.unknown_repeats.seen(state.fused):
                self.review.doubtful(
                    review_item(
                        now,
                        self.device_id,
                        UNKNOWN_REPEAT,
                        state.decision,
                        None,
                        liveness_score=state.liveness.score,
                        thumbnail=thumb,
                    )
                )
        event = KioskEvent(
            Outcome.UNKNOWN, track.id, now, now.astimezone(self.zone), None, None, False, best,
            state.liveness.score, None, stored,
        )  # fmt: skip
        log.info("track %d: unknown face recorded (fused best similarity %.3f)", track.id, best)
        if self.on_unknown is not None:
            try:
                self.on_unknown(event)
            except Exception:  # an alert hook must not stop the kiosk
                log.exception("unknown-face alert failed")
        return event
