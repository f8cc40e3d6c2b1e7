"""`faceattend identify`: photos decided 1:N against the enrolled database with the kiosk's decision code.

All photos of one track are treated as the frames of one kiosk visit: the central face of each photo is
embedded, weighted by its quality score as in the kiosk, fused and decided by OpenSetDecider (calibrated
threshold for the gallery's size, margin). A photo that cannot be read or shows no face is left out and
named in the result.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from app.core.errors import FaceAttendError, ImageLoadError
from app.core.matcher import Matcher
from app.core.recognition.decision import UNKNOWN, OpenSetDecider
from app.core.records import Person
from app.core.settings import Settings
from app.core.vision.embedder import EMBEDDING_DIM, MODEL_ID, MODEL_VERSION
from app.core.vision.images import load_rgb
from app.core.vision.pipeline import RecognitionPipeline, central_face
from app.core.vision.quality import assess_frame

log = logging.getLogger(__name__)


class TemplateStore(Protocol):
    def load_templates(
        self, model_id: str, model_version: str
    ) -> tuple[list[str], npt.NDArray[np.float32]]: ...
    def get_person(self, person_uuid: str) -> Person | None: ...


@dataclass
class TrackResult:
    track: str
    decision: str  # "match" | "unknown" | "ambiguous"
    external_id: str | None
    similarity: float
    margin: float
    frames: int
    skipped: list[str] = field(default_factory=list)  # photos with no usable face

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "track": self.track,
            "decision": self.decision,
            "external_id": self.external_id,
            "similarity": round(self.similarity, 4),
            "margin": round(self.margin, 4),
            "frames": self.frames,
        }
        if self.skipped:
            out["skipped"] = self.skipped
        return out


def gallery_from_store(store: TemplateStore) -> Matcher:
    """Every active person's newest template of the current model (as the kiosk loads them)."""
    uuids, matrix = store.load_templates(MODEL_ID, MODEL_VERSION)
    matcher = Matcher(EMBEDDING_DIM, capacity=max(1, len(uuids)))
    if uuids:
        last = {u: i for i, u in enumerate(uuids)}
        keys = list(last)
        matcher.add_many(keys, matrix[[last[k] for k in keys]])
    return matcher


def read_tracks_csv(path: Path) -> dict[str, list[Path]]:
    """`track,photo` rows (a header line is required); relative photo paths are relative to the CSV."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FaceAttendError(f"Cannot read {path}: {exc}") from exc
    tracks: dict[str, list[Path]] = {}
    for line, row in enumerate(rows, start=2):
        track, photo = (row.get("track") or "").strip(), (row.get("photo") or "").strip()
        if not track or not photo:
            raise FaceAttendError(f"{path}, line {line}: needs the columns track,photo (both filled in).")
        file = Path(photo)
        tracks.setdefault(track, []).append(file if file.is_absolute() else path.parent / file)
    if not tracks:
        raise FaceAttendError(f"{path}: no tracks (expected a header track,photo and one row per photo).")
    return tracks


class Identifier:
    """Decides tracks of photos against one gallery with the kiosk's decision code."""

    def __init__(self, store: TemplateStore, pipeline: RecognitionPipeline, settings: Settings) -> None:
        self.store = store
        self.pipeline = pipeline
        self.settings = settings
        self.matcher = gallery_from_store(store)
        self.decider = OpenSetDecider(self.matcher, settings.recognition)

    def decide(self, track: str, photos: list[Path]) -> TrackResult:
        vectors, weights, skipped = [], [], []
        for photo in photos:
            try:
                rgb = load_rgb(photo, max_pixels=self.settings.images.max_pixels)
            except ImageLoadError as exc:
                log.warning("%s", exc)
                skipped.append(str(photo))
                continue
            frame = self.pipeline.process(rgb, match=False)
            face = central_face(frame.faces, frame.frame_size)
            if face is None or face.embedding is None:
                log.warning("%s: no face found", photo)
                skipped.append(str(photo))
                continue
            report = assess_frame(rgb, [face.face], self.settings.quality)[0]
            vectors.append(face.embedding)
            weights.append(max(report.score if report.passed else 0.5, 0.05))
        if not vectors:
            return TrackResult(track, UNKNOWN, None, -1.0, 0.0, 0, skipped)
        decision = self.decider.decide(np.stack(vectors), np.array(weights, dtype=np.float32))
        person = self.store.get_person(decision.key) if decision.matched and decision.key else None
        return TrackResult(
            track,
            decision.decision,
            person.external_id if person is not None else None,
            decision.similarity,
            decision.margin,
            decision.frames,
            skipped,
        )

    def decide_all(self, tracks: dict[str, list[Path]]) -> Iterator[TrackResult]:
        for track, photos in tracks.items():
            yield self.decide(track, photos)
