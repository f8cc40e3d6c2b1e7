"""A guided enrolment capture session: a Qt-free state machine fed one FrameResult at a time.

    session = EnrolmentSession(form, settings, quality_settings, liveness=gate, demo=False)
    session.start()
    for frame, result in ...:            # frames the pipeline analysed (the newest only)
        status = session.feed(frame.rgb, result, frame.timestamp_ms / 1000)
        if status.phase is EnrolPhase.READY: break
    draft = session.build_template()      # ONE averaged, L2-normalised template (outliers rejected)
    hit = find_duplicate(...)             # who the template already matches, if anyone
    ctx.save_enrolment(session, form, draft)   # enrolment/save.py: person + template + audit, no image

Per frame: quality gate (app/core/vision/quality.py, enrolment limits) → liveness gate (a `LivenessGate`; real
cameras only) → collect the frame when its pose differs from the frames already kept (slight pose
changes) or enough time has passed. Good frames are collected while the liveness challenge runs, so a
cooperative user finishes both at once; the session is READY only when liveness passed (or the source is
the demo camera) AND N frames are kept.
The pieces: `enrol_liveness` (the liveness seam) and `enrol_template` (averaging, duplicate check) are
re-exported here. `enrol_save` (persistence, the one save path of the camera and the bulk import) imports
this module, never the reverse.
"""

from __future__ import annotations

import enum
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from app.core.enrolment.liveness import (
    DemoLiveness,
    LivenessGate,
    LivenessStatus,
    MissingLiveness,
    SessionLiveness,
)
from app.core.enrolment.template import DuplicateHit, average_template, find_duplicate
from app.core.errors import FaceAttendError
from app.core.liveness.signals import EyeShapeClosure
from app.core.policy.safe_text import person_text_problem
from app.core.settings import QualitySettings
from app.core.vision.pipeline import FaceResult, FrameResult, central_face
from app.core.vision.quality import CHECK_EYES_OPEN, QualityReport, assess_frame, waive

__all__ = [
    "DemoLiveness",
    "DuplicateHit",
    "EnrolForm",
    "EnrolPhase",
    "EnrolStatus",
    "EnrolmentError",
    "EnrolmentSession",
    "EnrolmentSettings",
    "LivenessGate",
    "LivenessStatus",
    "MissingLiveness",
    "SessionLiveness",
    "TemplateDraft",
    "average_template",
    "build_draft",
    "find_duplicate",
]

log = logging.getLogger(__name__)

# What the session says (the UI shows them translated: app/ui/common/core_texts.py).
LOOK_AT_CAMERA = "Look at the camera."
TURN_SLIGHTLY = "Turn your head slightly."
TIMED_OUT = "Enrolment timed out. Check the light and the camera, then try again."
FRAMES_DISAGREE = "The captured frames do not agree (more than one person?). Please try again."
LIVENESS_FAILED = "The liveness check failed. Please try again."
SESSION_TEXTS = (LOOK_AT_CAMERA, TURN_SLIGHTLY, TIMED_OUT, FRAMES_DISAGREE, LIVENESS_FAILED)

RgbImage = npt.NDArray[np.uint8]
Vector = npt.NDArray[np.float32]


class EnrolmentError(FaceAttendError):
    """An enrolment cannot go on (bad form, capture failed, inconsistent frames)."""


@dataclass
class EnrolmentSettings:
    frames: int = 5  # good frames averaged into the template
    min_pose_change_deg: float = 2.0  # a kept frame differs this much (max |Δyaw|,|Δpitch|) from the others…
    max_wait_between_s: float = 0.4  # …or this much time has passed since the last kept frame
    min_interval_s: float = 0.08  # never two kept frames closer than this
    # Outlier frames: distance to the median embedding above max(abs, rel × median distance) are dropped.
    outlier_abs_distance: float = 0.35
    outlier_rel: float = 2.5
    timeout_s: float = 30.0  # give up when not READY by then


@dataclass
class EnrolForm:
    """What the operator typed. `validate()` raises EnrolmentError with a message for the user."""

    name: str
    external_id: str
    department: str = ""
    groups: list[str] = field(default_factory=list)
    consent: bool = False
    operator: str = "operator"

    def validate(self) -> None:
        self.name = " ".join(self.name.split())
        self.external_id = self.external_id.strip()
        self.department = self.department.strip()
        if not self.name:
            raise EnrolmentError("Enter the person's name.")
        if not self.external_id:
            raise EnrolmentError("Enter the person's ID (badge or staff number).")
        problem = person_text_problem(self.name, self.department, self.groups)
        if problem:
            raise EnrolmentError(problem)
        if len(self.external_id) > 64 or any(c in self.external_id for c in "\n\r\t"):
            raise EnrolmentError("The ID must be at most 64 characters on one line.")
        if not self.consent:
            raise EnrolmentError("The person must consent to the storage of their face template.")


# --- the session ------------------------------------------------------------------------------------


class EnrolPhase(enum.StrEnum):
    IDLE = "idle"
    CAPTURING = "capturing"  # quality + liveness + collecting
    READY = "ready"  # liveness passed and N frames kept: build_template()
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class EnrolStatus:
    phase: EnrolPhase
    instruction: str  # what to tell the person now ("" when the frame is good and nothing is asked)
    liveness: LivenessStatus
    kept: int
    needed: int
    quality: float = 0.0  # overall quality of the current frame, 0..1
    quality_ok: bool = False
    box: tuple[float, float, float, float] | None = None  # face box in frame pixels
    message: str = ""  # failure reason / final message
    elapsed_s: float = 0.0
    kind: str = "ok"  # "fix" (a quality problem), "action" (a liveness prompt / pose change), "ok"

    @property
    def progress(self) -> float:
        """0..1 for the progress ring: kept frames and liveness count half each (liveness-less: frames)."""
        frames = self.kept / max(1, self.needed)
        if not self.liveness.checked:
            return frames
        return 0.5 * frames + 0.5 * (1.0 if self.liveness.passed else 0.0)


@dataclass
class _Kept:
    vector: Vector
    quality: float
    yaw: float
    pitch: float
    t_s: float


@dataclass
class TemplateDraft:
    vector: Vector  # unit vector
    quality: float  # mean quality of the frames used, 0..1
    frames_used: int
    frames_rejected: int
    distances: list[float]  # each kept frame's distance to the median embedding
    liveness_checked: bool
    liveness_score: float = math.nan
    used: list[bool] = field(default_factory=list)  # per input vector: kept (True) or rejected as outlier


def build_draft(
    vectors: npt.ArrayLike,
    qualities: npt.ArrayLike,
    settings: EnrolmentSettings,
    *,
    liveness_checked: bool,
    liveness_score: float = math.nan,
) -> TemplateDraft:
    """ONE template from the embeddings of several frames or photos, outliers rejected with the
    CONFIGURED limits (settings.outlier_abs_distance / outlier_rel): the camera and the bulk import
    build their templates here."""
    stacked = np.asarray(vectors, dtype=np.float32)
    vector, used, distances = average_template(stacked, settings.outlier_abs_distance, settings.outlier_rel)
    scores = np.asarray(qualities, dtype=np.float64)
    return TemplateDraft(
        vector=vector,
        quality=float(scores[used].mean()),
        frames_used=int(used.sum()),
        frames_rejected=int((~used).sum()),
        distances=[round(float(d), 4) for d in distances],
        liveness_checked=liveness_checked,
        liveness_score=liveness_score,
        used=[bool(u) for u in used],
    )


class EnrolmentSession:
    """Feed FrameResults; read EnrolStatus. Not thread-safe: feed it from one thread."""

    def __init__(
        self,
        form: EnrolForm,
        settings: EnrolmentSettings | None = None,
        quality: QualitySettings | None = None,
        liveness: LivenessGate | None = None,
        demo: bool = False,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.form = form
        self.settings = settings or EnrolmentSettings()
        self.quality_settings = quality or QualitySettings()
        self.demo = demo
        self.liveness: LivenessGate = DemoLiveness() if demo else (liveness or MissingLiveness())
        self._clock = clock
        self.phase = EnrolPhase.IDLE
        self._kept: list[_Kept] = []
        self._live = LivenessStatus(checked=not demo)
        self._started_at = 0.0
        self._first_t: float | None = None
        self._message = ""
        self.last_report: QualityReport | None = None
        self._eyes = EyeShapeClosure()  # the subject's eye shape against their own open eyes

    # --- control ---
    def start(self) -> None:
        self.form.validate()
        self._kept.clear()
        self.liveness.reset()
        self._eyes.reset()
        self._live = LivenessStatus(checked=not self.demo)
        self._first_t = None
        self._message = ""
        self._started_at = self._clock()
        self.phase = EnrolPhase.CAPTURING
        log.info("enrolment started for %s (demo=%s)", self.form.external_id, self.demo)

    def cancel(self) -> None:
        if self.phase in (EnrolPhase.CAPTURING, EnrolPhase.IDLE):
            self.phase = EnrolPhase.CANCELLED

    def fail(self, message: str) -> EnrolStatus:
        """Abort (e.g. the camera was unplugged): nothing is saved."""
        self.phase = EnrolPhase.FAILED
        self._message = message
        return self.status()

    @property
    def elapsed_s(self) -> float:
        return self._clock() - self._started_at if self._started_at else 0.0

    def status(
        self,
        instruction: str = "",
        quality: float = 0.0,
        quality_ok: bool = False,
        box: tuple[float, float, float, float] | None = None,
        kind: str = "",
    ) -> EnrolStatus:
        kind = kind or ("fix" if instruction else "ok")
        return EnrolStatus(
            self.phase, instruction, self._live, len(self._kept), self.settings.frames,
            quality, quality_ok, box, self._message, self.elapsed_s, kind,
        )  # fmt: skip

    # --- per frame ---
    def feed(self, rgb: RgbImage, result: FrameResult, t_s: float) -> EnrolStatus:
        if self.phase is not EnrolPhase.CAPTURING:
            return self.status()
        if self._first_t is None:
            self._first_t = t_s
        if t_s - self._first_t > self.settings.timeout_s:
            return self.fail(TIMED_OUT)
        if not result.faces:
            return self.status(LOOK_AT_CAMERA)
        subject = central_face(result.faces, result.frame_size)
        assert subject is not None
        reports = assess_frame(rgb, [f.face for f in result.faces], self.quality_settings, enrolment=True)
        # By identity: FaceResult's generated __eq__ compares landmark arrays (ambiguous for numpy).
        report = self._eyes_as_usual(
            reports[next(i for i, f in enumerate(result.faces) if f is subject)], subject
        )
        self.last_report = report
        box = subject.face.box
        if not self._live.passed:
            self._live = self.liveness.update(rgb, subject, t_s, len(result.faces))
            if self._live.failed:
                return self.fail(self._live.reason or LIVENESS_FAILED)
        if report.passed and subject.embedding is not None:
            self._maybe_keep(subject, report.score, t_s)
        instruction, kind = report.instruction, "fix"
        only_pose = all(c.name == "pose" for c in report.failed)
        if not self._live.passed and self._live.prompt and only_pose:
            # A liveness prompt ("Turn your head to your left") wins over "Look straight" while it runs.
            instruction, kind = self._live.prompt, "action"
        elif report.passed and len(self._kept) < self.settings.frames and self._stalled(t_s):
            instruction, kind = TURN_SLIGHTLY, "action"
        if len(self._kept) >= self.settings.frames and self._live.passed:
            self.phase = EnrolPhase.READY
            log.info("enrolment ready after %.2f s", self.elapsed_s)
        return self.status(instruction, report.score, report.passed, box, kind)

    def _eyes_as_usual(self, report: QualityReport, subject: FaceResult) -> QualityReport:
        """ "Open your eyes." is waived while the eye shape is as open as this person's eyes usually are (the
        eyeBlink blendshape reads eyes behind glasses or looking down as half shut)."""
        closure = self._eyes.update(subject.face)
        limit = self.quality_settings.eyes_usual_max_closure
        if closure is None or closure > limit or all(c.name != CHECK_EYES_OPEN for c in report.failed):
            return report
        return waive(
            report, CHECK_EYES_OPEN, f"eye shape as open as usual (closure {closure:.2f} <= {limit})"
        )

    def _stalled(self, t_s: float) -> bool:
        return bool(self._kept) and t_s - self._kept[-1].t_s > 2 * self.settings.max_wait_between_s

    def _maybe_keep(self, face: FaceResult, quality: float, t_s: float) -> None:
        s = self.settings
        pose = face.face.pose
        assert face.embedding is not None
        item = _Kept(np.asarray(face.embedding, dtype=np.float32), quality, pose.yaw, pose.pitch, t_s)
        if len(self._kept) >= s.frames:
            # Full: a better frame replaces the worst one only while liveness is still running.
            worst = min(range(len(self._kept)), key=lambda i: self._kept[i].quality)
            if quality > self._kept[worst].quality + 0.05 and t_s - self._kept[-1].t_s >= s.min_interval_s:
                self._kept[worst] = item
            return
        if self._kept:
            last = self._kept[-1]
            if t_s - last.t_s < s.min_interval_s:
                return
            change = min(max(abs(k.yaw - pose.yaw), abs(k.pitch - pose.pitch)) for k in self._kept)
            if change < s.min_pose_change_deg and t_s - last.t_s < s.max_wait_between_s:
                return
        self._kept.append(item)

    # --- result ---
    def build_template(self) -> TemplateDraft:
        if len(self._kept) < max(1, self.settings.frames):
            raise EnrolmentError("Not enough good frames were captured.")
        draft = build_draft(
            np.stack([k.vector for k in self._kept]),
            [k.quality for k in self._kept],
            self.settings,
            liveness_checked=not self.demo,
            liveness_score=self._live.score,
        )
        if draft.frames_used < math.ceil(len(self._kept) / 2):
            self.fail(FRAMES_DISAGREE)
            raise EnrolmentError(self._message)
        return draft
