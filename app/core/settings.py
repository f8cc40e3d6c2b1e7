"""One typed settings object, passed down; no module reads configuration from globals.

Each stage owns one section. Defaults are documented where they are defined.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import platformdirs

APP_NAME = "FaceAttend"


def default_data_dir() -> Path:
    """Per-OS user data dir, overridable with FACEATTEND_HOME."""
    override = os.environ.get("FACEATTEND_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class RecognitionSettings:
    # Euclidean distance between L2-normalised embeddings. LFW View 1 (pairsDevTrain, 2,200 pairs) puts the
    # accuracy-optimal threshold at 0.416; an attendance gallery is open-set 1:N, so the default is a little
    # stricter (fewer false matches, a few more "look again"). Measured: README, "Figures".
    match_threshold: float = 0.40  # 1:1 verification (`faceattend verify` between two photos) only
    # Open-set 1:N (kiosk, identify, duplicate check): the threshold is calibrated so that a stranger is
    # accepted in at most `target_fpir` of decisions whatever the gallery size (1e-5 … 1e-1;
    # app/core/recognition/calibration.py), and the best person must beat the second best by `margin`
    # (similarity) or the decision is "ambiguous".
    target_fpir: float = 1e-3
    margin: float = 0.02
    # Crowded templates (app/core/recognition/crowding.py): a template whose nearest enrolled neighbour is
    # closer than the calibration population's has its scores lowered by this × the excess (0: off).
    crowding: float = 0.25
    # Average the embedding of the chip and of its mirror image (test-time augmentation).
    flip_augment: bool = True
    max_faces: int = 8
    min_detection_confidence: float = 0.5


@dataclass
class Shift:
    """A working pattern: lateness is measured against `start` + `grace_minutes` on `weekdays`.

    `end` <= `start` (e.g. 22:00-06:00) is a night shift: it ends the next day, and its working day (the
    day `weekdays` and holidays refer to) is the day it starts. Rules: app/core/schedule/shifts.py.
    """

    name: str = "Day"
    start: time = time(9, 0)  # local wall-clock time in the organisation's zone
    end: time = time(17, 0)  # <= start: the next day (a night shift)
    grace_minutes: int = 5
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # date.weekday() of the start day: Monday = 0 … Sunday = 6
    # Night shifts only: the working day begins this long before `start` (an earlier event belongs to the
    # previous working day) and lasts 24 h, so check-outs count until the next one begins. Day shifts keep
    # the calendar day.
    early_margin_minutes: int = 240


@dataclass
class ReportSettings:
    organisation_name: str = "FaceAttend"
    # IANA zone the reports are computed in; "" = the zone most of the events' devices report, else UTC.
    timezone: str = ""
    holidays: list[date] = field(default_factory=list)  # no absences are counted on these days
    default_shift: Shift = field(default_factory=Shift)
    # Shift by department or group name (a person's department wins over their groups).
    group_shifts: dict[str, Shift] = field(default_factory=dict)
    csv_bom: bool = False  # a UTF-8 BOM lets Excel open the CSV with the right encoding


@dataclass
class QualitySettings:
    """Per-face, per-frame quality gate (app/core/vision/quality.py). Sources of the defaults:

    - ISO/IEC 19794-5 / ICAO 9303 (passport "token" images) ask for >= 90 px between the eye centres and a
      pose within +/-5 deg yaw and pitch, +/-8 deg roll; ISO/IEC 29794-5 (OFIQ) measures the same quality
      components (inter-eye distance, sharpness, under/over-exposure, head pose, eyes open).
    - AWS Rekognition (recommendations for facial comparison input images / camera setup): faces >= 50x50 px
      up to 1080p, yaw < 45 deg, pitch < 30 deg face down and < 45 deg face up, roll unrestricted, both eyes
      open; IndexFaces' quality filter rejects SMALL_BOUNDING_BOX, LOW_SHARPNESS, LOW_BRIGHTNESS,
      EXTREME_POSE.
    A webcam kiosk sits between the two: we keep AWS's structure with tighter pose limits for enrolment.
    """

    # Face size: AWS's 50x50 px face box is ~20 px between the eyes; LFW's 250x250 photos have 35-49 px.
    # 32 px keeps the embedder's 150 px chip (eye distance ~45 px) from being up-sampled more than 1.4x;
    # enrolment asks for more (ISO/ICAO's 90 px is for passport scans, not a 640x480 webcam).
    min_inter_eye_px: float = 32.0
    enrol_min_inter_eye_px: float = 48.0
    # Sharpness: 1000 x var(Laplacian) / var(intensity) on the inner face crop resampled to
    # `sharpness_face_px` wide, so the value depends neither on the face's size in pixels nor on its
    # contrast (a dim webcam face is not "blurred"). Measured on 40 random LFW faces: min 58, 5th
    # percentile 92, median 212; the same after GaussianBlur sigma 3: max 53, sigma 2: median 46;
    # real2.webm webcam frames 129-392.
    sharpness_face_px: int = 64
    min_sharpness: float = 60.0
    # Exposure on the face's inner region (8-bit luma). Dark/bright follow OFIQ's under/over-exposure idea
    # (fraction of face pixels near black / near white) plus the mean; backlight = background much brighter.
    min_face_luma: float = 55.0
    max_face_luma: float = 215.0
    max_dark_fraction: float = 0.35  # fraction of face pixels with luma <= 25
    max_bright_fraction: float = 0.25  # fraction of face pixels with luma >= 247
    max_backlight_delta: float = 90.0  # background mean luma minus face mean luma
    # Pose (degrees, HeadPose convention); AWS allows 45/30/any, ISO token 5/5/8.
    max_yaw_deg: float = 25.0
    max_pitch_deg: float = 20.0
    max_roll_deg: float = 20.0
    enrol_max_yaw_deg: float = 15.0
    enrol_max_pitch_deg: float = 15.0
    enrol_max_roll_deg: float = 12.0
    # Eyes open: MediaPipe blendshape eyeBlinkLeft/Right above this = closed.
    max_eye_blink: float = 0.5
    # ... unless, in a video (the enrolment's capture, a kiosk track), the eye shape is as open as this
    # person's eyes usually are: relative closure <= this (liveness/signals.EyeShapeClosure). The blendshape
    # reads a face looking down or through glasses as half shut: real3.mov median 0.64 with its eyes open
    # (its enrolment said "Open your eyes." on 29 of 48 frames; its kiosk frames could not vote).
    eyes_usual_max_closure: float = 0.3
    # Face inside the frame: fraction of the 478 landmarks that must be inside the image.
    min_inside_fraction: float = 0.98


@dataclass
class LivenessSettings:
    """Active liveness (app/core/liveness/): challenge, 3-D planarity, static scene, context motion and the
    decision combiner. Values measured on ../shared/data/video and tools/make_photo_attack_video.py."""

    # Challenge: one blink and one turn (random direction) in random order; more actions if set above 2.
    challenge_actions: int = 2
    step_timeout_s: float = 6.0
    start_max_yaw_deg: float = 15.0  # the challenge starts once the face looks roughly straight
    turn_yaw_deg: float = 20.0  # a turn counts when the yaw moves this far from the start pose
    fail_on_wrong_turn: bool = True  # turning the other way fails (a replayed video cannot follow prompts)
    face_lost_timeout_s: float = 1.0
    identity_max_distance: float = 0.6  # embedding distance to the first embedding (L2, unit vectors)
    # Blink: eyeBlink blendshape rises by `blink_rise` to at least `blink_peak` and falls back by
    # `blink_fall`, all within `blink_max_duration_s` (real2's blinks: baseline ~0.1, peaks ~0.6).
    blink_peak: float = 0.45
    blink_rise: float = 0.3
    blink_fall: float = 0.25
    blink_max_duration_s: float = 0.8
    # ...or the eye shape (eye aspect ratio from the landmarks, relative to the person's own open eyes; see
    # liveness/signals.BlinkCounter) closes by `blink_shape_rise` and reopens by `blink_shape_fall` within
    # the same duration. Measured (relative closure, strongest event per run, tools/bench_liveness_webcams.py
    # cameras): live real2/real3 >= 0.49, generated photo / mask / replica attacks <= 0.30.
    blink_shape_rise: float = 0.4
    blink_shape_fall: float = 0.35
    # 3-D check: RMS residual (/ inter-eye distance) of the best least-squares homography between the
    # face texture tracked from a key frame and now, over pairs where the head pose changed by
    # `planarity_min_rotation_deg` or perspective shows (affine residual >= 0.02). Measured: generated
    # photo attacks 0.003-0.024 (tracking drift under roll/zoom can reach ~0.06: those are caught by the
    # context check, and can never pass without a blink); real2.webm's live head 0.064 overall, but its
    # first few pairs only ~0.027. Hence two thresholds: 3-D at >= 0.035, flat at <= 0.02, undecided
    # between (keep observing). A median (robust) fit was tried and rejected: most face texture lies on
    # near-planar cheeks/forehead, so real2 then looked flat (0.015).
    planarity_min_rotation_deg: float = 8.0
    planarity_threshold: float = 0.035
    planarity_planar_max: float = 0.02
    planarity_min_pairs: int = 6
    # Flat is judged only on informative motion: the head turned by this much, or the homography explains
    # at least 1 - ratio of what an affine map leaves (perspective). A live face that barely moves leaves
    # tracking noise that both fits share (ratio 0.93 on real3.mov's stillest stretch, residual 0.022):
    # it stays undecided. Generated tilted-photo attacks: ratio 0.12-0.75.
    planarity_confident_rotation_deg: float = 8.0
    planarity_max_flat_ratio: float = 0.8
    # Static scene: no blink and no non-planar motion within this time -> spoof.
    static_window_s: float = 6.0
    micro_motion_threshold: float = 0.03  # homography residual / IED counted as non-rigid micro-motion
    # Context motion (Anjos & Marcel, IJCB 2011): features around the face moving with the face = a
    # hand-held photo or screen. Ratio = ring motion / face motion over frame pairs where the face moved.
    context_step_frames: int = 3
    context_min_face_motion_px: float = 2.0
    # Measured: live real2 / real3 clips started at every second (22 clips) 0.01-0.16 at the decision,
    # but real2 from 3 s reaches 0.35-0.41 (head and shoulders moving together) and was refused at 0.3;
    # the attacks this cue catches (fake2, hand-held photos, masks and cut-outs) 0.76-2.2.
    context_ratio_threshold: float = 0.5
    context_min_pairs: int = 8
    # The grey frame is smoothed (Gaussian sigma, px) before the features beside the face are found and
    # tracked (sensor noise makes corners of its own that drift at random), and the ratio is the pairs' median
    # weighted by face motion. real2.webm started every 15 frames x frame stride 1-4 (44 runs), the worst
    # ratio at any moment after the decision, clean / noise sigma 10: before 0.60 / 1.00 (1 and 5 runs
    # refused), now 0.24 / 0.37 (none). Generated photo attacks: the same ones caught, at 0.63-5.3.
    context_smooth_sigma: float = 3.0
    # Decision.
    min_observation_s: float = 1.0
    max_observation_s: float = 10.0
    # Passive scorer (optional): mean live probability over `passive_samples` frames.
    # strictness: "lenient" = passive >= threshold and no active spoof cue is enough for live;
    # "balanced" = passive must pass AND active 3-D/blink evidence is needed; "strict" = as balanced with
    # `passive_strict_threshold`.
    strictness: str = "balanced"
    passive_threshold: float = 0.5
    passive_strict_threshold: float = 0.8
    passive_samples: int = 5  # quality-passing frames needed before the passive verdict
    passive_every_n_frames: int = 3
    passive_window: int = 15  # the verdict is the trimmed mean of the latest this-many gated frames
    # A track score within this of the threshold (either side) is not yet a verdict: more frames are
    # scored (up to `passive_window` at enrolment, 3 x AttendanceSettings.passive_samples at the kiosk).
    # Measured at the kiosk (tools/bench_kiosk_webcams.py): real3 under the cheap-webcam mix and bright +50
    # had first tracks refused at 0.42-0.50 on 5 frames; live on 15.
    passive_borderline: float = 0.15
    # Frames scored by the passive model must show a face of the recognition size (QualitySettings
    # min_inter_eye_px), sharp (min_sharpness) and not in an extreme pose (AWS Rekognition's limits).
    passive_max_yaw_deg: float = 45.0
    passive_max_pitch_deg: float = 40.0
    # ... and not too noisy: the passive model reads heavy sensor noise as a recapture (liveness/noise.py).
    # Robust noise sigma of the inner face, grey levels; a frame above it is not scored (undecided, the
    # active checks still decide). Live and attack frames of every clean camera measure <= 1.0, photos
    # <= 5.4, noise sigma 8 5.2-5.7, low light (x0.4 + noise sigma 10) 6.4-6.9.
    passive_max_noise_sigma: float = 6.0
    # A frame noisier than that (up to `passive_denoise_max_sigma`) is scored on a denoised model input
    # (non-local means of strength `passive_denoise_strength`, antispoof.crop_for_model); only a frame
    # noisier still is left unscored ("More light, please"). Median frame score raw -> denoised, low light
    # (x0.4 + noise sigma 10, face noise 6.4-6.7) / x0.3 + noise 20 (11.4-13.3): real3 0.10 -> 0.99 /
    # 0.26 -> 1.00, real2 0.99 -> 1.00 / 0.40 -> 1.00; attacks the model refuses in clean light stay
    # refused: fake2 0.01 -> 0.04 / 0.20 -> 0.02, an LFW photo held by hand 0.00 -> 0.01 / 0.02 -> 0.01.
    passive_denoise_max_sigma: float = 12.0
    passive_denoise_strength: float = 10.0


@dataclass
class AttendanceSettings:
    """Kiosk recognition loop and attendance rules (app/core/tracking.py, app/core/attendance/).

    Shifts (start + grace -> late flag) come from `ReportSettings.default_shift` / `group_shifts`, so the
    kiosk and the timesheets agree on who is late.
    """

    # "auto": toggle in/out (the first event of a working day is always "in"; a night shift's working day
    # is the day it starts, app/core/schedule/shifts.py); "in" / "out": fixed direction.
    mode: str = "auto"
    # A person recognised again within this window gets no new event (the greeting repeats the last one).
    debounce_minutes: float = 5.0
    # Identity: at least `min_agree_frames` of a track's last `vote_window` frames must match the same
    # person above the open-set threshold (RecognitionSettings.match_threshold), and that person must hold
    # at least `min_agree_fraction` of the matched votes.
    min_agree_frames: int = 3
    vote_window: int = 10
    min_agree_fraction: float = 0.7
    # Unknown face: a track with `unknown_min_frames` quality-passing frames and no match in any of them.
    unknown_min_frames: int = 6
    save_unknown_thumbnails: bool = False  # JPEG crop stored inside the encrypted database only
    unknown_thumbnail_px: int = 112
    # Liveness per track: "off" | "lenient" | "balanced" | "strict".
    # lenient: no spoof cue (and the passive model passes when installed): a replay the model misses books;
    # balanced: as lenient, AND a blink (3-D head motion is no substitute: a replica or a replayed video
    # shows it too), as the enrolment asks; strict: as balanced, with `passive_strict_threshold`.
    # Thresholds come from LivenessSettings.
    liveness: str = "balanced"
    # Passive anti-spoof frames per track: the first this-many frames that pass the size, sharpness and
    # pose checks; the track's verdict is their trimmed mean (lowest and highest 20 % dropped), so one bad
    # frame neither admits nor refuses (enrolment uses LivenessSettings.passive_samples). Each costs
    # ~5 ms for the two 80x80 models.
    passive_samples: int = 5
    # Tracking: a detection joins a track when IoU >= min_iou, or when the embedding similarity
    # >= min_track_similarity and the box centre moved less than `max_jump` box widths.
    min_iou: float = 0.3
    min_track_similarity: float = 0.75
    max_jump: float = 1.5
    track_expiry_s: float = 1.5  # a track not seen for this long is closed (the visit ended)
    min_face_quality: bool = True  # only quality-passing frames vote …
    # … except frames that fail only pose / eyes-open / exposure and match this far above the threshold
    # (a visitor turning their head is still recognised; measured on real2: similarity 0.95-0.99).
    soft_vote_margin: float = 0.05
    # Two quality failures that say nothing about who the face is, so such a frame votes as a good one:
    # - "Open your eyes." when the eye shape is as open as this person's eyes usually are
    #   (QualitySettings.eyes_usual_max_closure);
    # - "Too dark" down to a face luma of `dim_face_min_luma`: 598 LFW people, probes darkened x0.3 (face
    #   luma median 39, under min_face_luma 55) against normal gallery photos: impostor similarity 99.9th /
    #   99.99th percentile / max 0.9323 / 0.9494 / 0.9677 vs 0.9313 / 0.9520 / 0.9680 undarkened; genuine
    #   median 0.9579 vs 0.9598. Without this, real3 under a dim camera (x0.6: face luma 44) was never
    #   greeted (no frame passed; soft votes need the threshold + 0.05).
    dim_face_min_luma: float = 35.0
    device_id: str = ""  # "" = the machine's host name
    timezone: str = ""  # IANA zone of the device; "" = the system's local zone


@dataclass
class KioskSettings:
    """The fullscreen kiosk window (app/ui/kiosk/view.py)."""

    greeting_seconds: float = 4.0
    sound: bool = True
    sound_volume: float = 0.6
    reconnect_initial_s: float = 1.0  # camera lost: retry after 1, 2, 4 … s up to `reconnect_max_s`
    reconnect_max_s: float = 30.0
    admin_user: str = ""  # "" = any user with the admin role
    # Say the greeting aloud (QtTextToSpeech) where the system has a speech engine; off when `sound` is.
    speak_greeting: bool = True
    logo_path: str = ""  # an image shown left of the organisation name ("" = the name only)


@dataclass
class PrivacySettings:
    """Retention, consent and face images (app/core/people/privacy.py). A period of 0 days keeps that data.

    Defaults: working-time records are kept 2 years (e.g. Germany's ArbZG s.16(2) asks for 2 years; set it
    to your country's legal minimum); unknown-face events (strangers, no consent) 30 days; the templates of
    people deactivated (left) and not seen for 90 days are deleted, as biometric data must not outlive
    its purpose (GDPR art. 5(1)(e), art. 9).
    """

    attendance_retention_days: int = 730
    unknown_face_retention_days: int = 30
    inactive_template_retention_days: int = 90
    require_consent: bool = True  # enrolment refuses a person without recorded consent
    # Raw face images (enrolment photos) are never stored unless an admin turns this on; they are then
    # sealed with AES-256-GCM under a key kept in the OS keyring (inside the SQLCipher database).
    store_face_images: bool = False
    # What erasure does to attendance events: "pseudonymise" (kept for payroll/working-time law, art.
    # 17(3)(b)) or "delete".
    erasure_events: str = "pseudonymise"


@dataclass
class ImageSettings:
    """Still photos (app/core/vision/images.py: `quality`, `verify`, `import`, bench, folder sources) and
    video files (app/core/camera/sources.VideoFileSource)."""

    # A photo or video whose header declares more pixels per picture is refused before decoding (a
    # decompression bomb: a 1 MB PNG can declare 20000 x 20000 pixels and need gigabytes). 50 MP is above
    # any phone or DSLR portrait. The Settings page sets it in megapixels.
    max_pixels: int = 50_000_000


@dataclass
class DisplaySettings:
    """The desktop app's language: "system" (the OS locale when a translation exists, else English) or
    "en", "de", "ja". Dates, times and numbers follow it (app/ui/common/i18n.py); CSV keeps ISO dates."""

    language: str = "system"


@dataclass
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    models_dir: Path | None = None  # None: the models/ folder shipped with the app
    recognition: RecognitionSettings = field(default_factory=RecognitionSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)
    quality: QualitySettings = field(default_factory=QualitySettings)
    liveness: LivenessSettings = field(default_factory=LivenessSettings)
    attendance: AttendanceSettings = field(default_factory=AttendanceSettings)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    images: ImageSettings = field(default_factory=ImageSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
