"""Run the liveness decision on videos and photos, as `faceattend bench liveness` reports it.

A video is read until the decision is made, or it ends, or `max_seconds` of it were seen: the result is
"live", "spoof" (a spoof cue was established) or "undecided" (no evidence either way when the input ended;
a kiosk would keep prompting, and admits no one meanwhile). A photo is judged by the passive model on its
one frame, prepared as app.core.liveness.photo_domain says (padding of a warped or letter-boxed photo
filled in; a grayscale photo is outside the model's domain: "undecided"); with no passive model a photo
is "undecided", and a photo with no face found is "no_face".
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.camera.sources import VideoFileSource
from app.core.errors import FaceAttendError
from app.core.evaluation.pad import PadSample, pad_figures
from app.core.liveness import LivenessSession, PassiveScorer, Verdict
from app.core.liveness.photo_domain import prepare_photo
from app.core.models import ModelRegistry
from app.core.settings import LivenessSettings
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker

log = logging.getLogger(__name__)

# Part of the photo-score cache key: photo scores taken before the photo preparation changed are stale.
PHOTO_PREPARATION = "photo-domain-1"
VIDEO_SUFFIXES = frozenset({".webm", ".mp4", ".avi", ".mkv", ".mov", ".m4v"})
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})


def landmarker_path() -> Path:
    """The landmarker model, checked against the manifest (an altered file is refused, never loaded)."""
    return ModelRegistry().path("face_landmarker")


def run_video(
    path: Path,
    settings: LivenessSettings | None = None,
    passive: PassiveScorer | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """Decide one video: decision, passive score, seconds to decision, reasons, evidence."""
    settings = settings or LivenessSettings()
    limit = max_seconds if max_seconds is not None else settings.max_observation_s
    session = LivenessSession(settings, passive=passive)
    decision = None
    frames = 0
    first_ts: int | None = None
    started = time.perf_counter()
    with (
        FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker,
        VideoFileSource(path) as src,
    ):
        for frame in src:
            if first_ts is None:
                first_ts = frame.timestamp_ms
            faces = landmarker.detect(frame.rgb, frame.timestamp_ms)
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            decision = session.update(frame.rgb, frame.timestamp_ms, face, faces_in_view=len(faces))
            frames += 1
            if decision.decided or (frame.timestamp_ms - first_ts) / 1000.0 >= limit:
                break
    cpu_s = time.perf_counter() - started
    if decision is None:
        raise FaceAttendError(f"{path.name}: no frames.")
    undecided = decision.verdict == Verdict.UNDECIDED
    track = session.passive_track
    return {
        "video": str(path),
        "decision": decision.verdict.value,
        "undecided": undecided,
        "passive_score": None if decision.passive_score is None else round(decision.passive_score, 4),
        "passive_frames": track.frame_scores(),
        "seconds_to_decision": round(decision.elapsed_s, 3),
        "frames": frames,
        "processing_s": round(cpu_s, 2),
        "reasons": decision.reasons,
        "evidence": {k: round(v, 4) for k, v in decision.evidence.items() if math.isfinite(v)},
    }


@dataclass
class PhotoJudge:
    """Scores photos with one IMAGE-mode landmarker; `cache` maps a photo's path to its passive score."""

    settings: LivenessSettings
    passive: PassiveScorer | None
    cache: dict[str, float | None] = field(default_factory=dict)
    _landmarker: FaceLandmarker | None = None

    def score(self, path: Path) -> float | None:
        """The passive live probability of the photo's largest face (None: no face found; nan: no
        passive model, or a grayscale photo, which the model cannot judge)."""
        key = str(path.resolve())
        if key in self.cache:
            return self.cache[key]
        if self._landmarker is None:
            self._landmarker = FaceLandmarker(landmarker_path(), max_faces=2, video=False)
        rgb = load_rgb(path)
        faces = self._landmarker.detect(rgb)
        value: float | None = None
        if faces and self.passive is not None:
            face = max(faces, key=lambda f: f.inter_eye_distance)
            photo = prepare_photo(rgb)
            value = math.nan if photo.grayscale else round(float(self.passive.score(photo.rgb, face)), 5)
        elif faces:
            value = math.nan
        self.cache[key] = value
        return value

    def judge(self, path: Path) -> PadSample:
        value = self.score(path)
        if value is None:
            return PadSample(str(path), "no_face")
        if math.isnan(value):
            return PadSample(str(path), "undecided")
        live = value >= self.settings.passive_threshold
        return PadSample(str(path), "live" if live else "spoof", value)

    def close(self) -> None:
        if self._landmarker is not None:
            self._landmarker.close()
            self._landmarker = None


def presentations(folder: Path) -> list[Path]:
    """Every video and photo under `folder` (recursively), sorted."""
    suffixes = VIDEO_SUFFIXES | PHOTO_SUFFIXES
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def run_folder(
    folder: Path,
    settings: LivenessSettings | None = None,
    passive: PassiveScorer | None = None,
    max_seconds: float | None = None,
    cache: dict[str, float | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """FOLDER/live/** bona fide and FOLDER/spoof/** attack presentations, videos and photos mixed."""
    settings = settings or LivenessSettings()
    groups: dict[str, list[Path]] = {}
    for label in ("live", "spoof"):
        sub = folder / label
        if not sub.is_dir():
            raise FaceAttendError(f"{folder} needs live/ and spoof/ sub-folders ({sub} is missing).")
        groups[label] = presentations(sub)
    if not groups["live"] or not groups["spoof"]:
        raise FaceAttendError(f"{folder}: live/ and spoof/ must each hold at least one video or photo.")
    judge = PhotoJudge(settings, passive, cache if cache is not None else {})
    samples: dict[str, list[PadSample]] = {"live": [], "spoof": []}
    total = len(groups["live"]) + len(groups["spoof"])
    done = 0
    try:
        for label, paths in groups.items():
            for path in paths:
                if path.suffix.lower() in VIDEO_SUFFIXES:
                    r = run_video(path, settings, passive, max_seconds)
                    samples[label].append(PadSample(str(path), r["decision"], r["passive_score"]))
                else:
                    samples[label].append(judge.judge(path))
                done += 1
                if progress is not None:
                    progress(done, total)
    finally:
        judge.close()
    figures = pad_figures(samples["live"], samples["spoof"])
    figures["n_videos"] = sum(p.suffix.lower() in VIDEO_SUFFIXES for ps in groups.values() for p in ps)
    figures["n_photos"] = total - figures["n_videos"]
    return figures


def load_cache(path: Path | None, key: str) -> dict[str, float | None]:
    """Photo scores cached for this passive model set (`key`); empty when absent or for other models."""
    if path is None or not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        log.warning("score cache %s is unreadable; starting afresh", path)
        return {}
    if raw.get("key") != key:
        return {}
    return {k: (None if v is None else float(v)) for k, v in raw.get("scores", {}).items()}


def save_cache(path: Path | None, key: str, scores: dict[str, float | None]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = {"key": key, "scores": {k: (None if v is None else v) for k, v in scores.items()}}
    tmp.write_text(json.dumps(payload), encoding="utf-8")
    tmp.replace(path)
