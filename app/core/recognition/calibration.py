"""The similarity threshold that holds a target false-positive identification rate (FPIR) per decision.

A stranger is wrongly accepted when their best score over the N templates clears the threshold t:
FPIR(N, t) = 1 − (1 − p(t))^N, with p(t) the per-comparison impostor survival. Two estimates of p(t):
(a) the embedder's table measured offline on LFW View 1 people (models/manifest.json, embedder entry,
`openset_calibration`: fitted tails and a few quantiles, written by tools/calibrate_openset.py), one per
template/probe kind, of which the heaviest is used (a kiosk cannot know how alike its frames are), except
for a probe of one frame: it is a single photo, so only the kinds with one side of one photo apply (the
heaviest of them, "1x3", is also a 3-photo template against a single photo: cosine is symmetric);
(b) the enrolled gallery's own template-against-template similarities (app/core/recognition/gallery.py),
once they hold enough pairs: where the gallery's counted quantile at a survival it resolves (1e-2 … 1e-4)
lies above the table's, its people are more alike than LFW's and the threshold is raised by that much.
(A tail fitted on a small gallery's few thousand pairs and extrapolated to 1e-7 is too noisy to use as
such; the shift is the robust part of it.)
"""

from __future__ import annotations

import json
import logging
import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.matcher import Matcher
from app.core.models import MANIFEST_NAME, shipped_models_dir
from app.core.recognition.gallery import GalleryTail
from app.core.recognition.tail import NormalTail, quantile_table

log = logging.getLogger(__name__)

CALIBRATION_KEY = "openset_calibration"
MIN_GALLERY_PAIRS = 5_000  # the gallery's own quantiles count from this many (ordered) pairs
GALLERY_PS = (1e-4, 1e-3, 1e-2)  # the deepest of these with >= MIN_TAIL_PAIRS pairs above it is compared
MIN_TAIL_PAIRS = 50
MIN_TARGET_FPIR = 1e-5
MAX_TARGET_FPIR = 1e-1
TARGET_FPIR_CHOICES = (1e-2, 1e-3, 1e-4, 1e-5)  # what the Settings page offers


def similarity_to_distance(similarity: float) -> float:
    return math.sqrt(max(0.0, 2.0 - 2.0 * similarity))


def per_comparison(fpir: float, n: int) -> float:
    """p such that 1 − (1 − p)^n = fpir."""
    return -math.expm1(math.log1p(-fpir) / max(1, n))


def fpir_at(p: float, n: int) -> float:
    return -math.expm1(max(1, n) * math.log1p(-min(p, 1.0 - 1e-16)))


def check_target(fpir: float) -> float:
    if not (MIN_TARGET_FPIR <= fpir <= MAX_TARGET_FPIR):
        raise ValueError(
            f"target FPIR must be between {MIN_TARGET_FPIR:g} and {MAX_TARGET_FPIR:g}, not {fpir:g}"
        )
    return fpir


@dataclass(frozen=True)
class OpensetTable:
    """The offline impostor tails of the shipped embedder, by kind ("1x1", "2x3", … template×probe)."""

    tails: dict[str, NormalTail]
    source: str

    def similarity_at(
        self, p: float, kind: str | None = None, single_probe: bool = False
    ) -> tuple[float, str]:
        """The similarity at per-comparison survival p of `kind`, by default of the heaviest kind (of the
        kinds with a single-photo side when `single_probe` and the table holds any)."""
        if kind is None or kind not in self.tails:
            kinds = self.single_photo_kinds() if single_probe else []
            kind = max(kinds or self.tails, key=lambda k: self.tails[k].similarity_at(p))
        return self.tails[kind].similarity_at(p), kind

    def single_photo_kinds(self) -> list[str]:
        """Kinds "AxB" with A or B = 1: what a one-frame probe can be compared as."""
        return [k for k in self.tails if "1" in k.lower().split("x")]

    def survival(self, similarity: float, kind: str | None = None) -> float:
        if kind is not None and kind in self.tails:
            return self.tails[kind].survival(similarity)
        return max(t.survival(similarity) for t in self.tails.values())

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> OpensetTable:
        tails = {kind: NormalTail.from_json(entry["tail"]) for kind, entry in raw["kinds"].items()}
        if not tails:
            raise ValueError("no kinds")
        return cls(tails, str(raw.get("data", "")))


@lru_cache(maxsize=4)
def load_table(models_dir: Path | None = None) -> OpensetTable:
    """The shipped table (models/manifest.json). Raises ValueError when it is missing or malformed."""
    manifest = (models_dir or shipped_models_dir()) / MANIFEST_NAME
    raw = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in raw.get("models", []):
        if entry.get("name") == "face_embedder" and CALIBRATION_KEY in entry:
            try:
                return OpensetTable.from_json(entry[CALIBRATION_KEY])
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{manifest}: malformed {CALIBRATION_KEY}: {exc}") from exc
    raise ValueError(f"{manifest}: the face embedder has no {CALIBRATION_KEY} table")


@dataclass(frozen=True)
class Threshold:
    """The threshold in use and where it came from."""

    similarity: float
    target_fpir: float
    gallery_size: int
    source: str  # "lfw:<kind>" or "gallery"
    expected_fpir: float  # FPIR(N, similarity) under the heavier of the two tails

    @property
    def distance(self) -> float:
        return similarity_to_distance(self.similarity)


class Calibrator:
    """Thresholds for one gallery (a matcher); cheap to call per decision (cached per matcher version)."""

    def __init__(self, matcher: Matcher | None = None, table: OpensetTable | None = None) -> None:
        self.table = table or load_table()
        self.matcher = matcher
        self.gallery = GalleryTail(matcher) if matcher is not None else None
        self._cache: dict[tuple[float, int, int, str], Threshold] = {}
        self._shift: tuple[int, float] | None = None

    def gallery_shift(self) -> float:
        """How far the gallery's own impostor quantile lies above the table's (0 when it does not)."""
        if self.gallery is None:
            return 0.0
        version = self.matcher.version if self.matcher is not None else 0
        if self._shift is not None and self._shift[0] == version:
            return self._shift[1]
        hist = self.gallery.histogram()
        pairs = int(hist.sum())
        shift = 0.0
        if pairs >= MIN_GALLERY_PAIRS:
            p = next(q for q in (*GALLERY_PS, 1.0) if q * pairs >= MIN_TAIL_PAIRS or q == 1.0)
            counted = quantile_table(hist, (p,)).get(f"{p:.0e}")
            if counted is not None and p < 1.0:
                shift = max(0.0, counted - self.table.similarity_at(p)[0])
                if shift > 0:
                    log.info("gallery more alike than the calibration set: threshold +%.4f", shift)
        self._shift = (version, shift)
        return shift

    def threshold(
        self,
        target_fpir: float,
        gallery_size: int | None = None,
        kind: str | None = None,
        probe_frames: int | None = None,
    ) -> Threshold:
        """The threshold at `target_fpir` per decision for `gallery_size` templates (default: all), for a
        probe of `probe_frames` frames (None: any number, i.e. the heaviest kind)."""
        check_target(target_fpir)
        n = gallery_size if gallery_size is not None else (len(self.matcher) if self.matcher else 1)
        version = self.matcher.version if self.matcher is not None else 0
        single = probe_frames == 1
        key = (target_fpir, max(1, n), version, kind or ("1-frame" if single else ""))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        p = per_comparison(target_fpir, n)
        similarity, kind = self.table.similarity_at(p, kind, single_probe=single)
        source = f"lfw:{kind}"
        shift = self.gallery_shift()
        if shift > 0:
            similarity, source = similarity + shift, f"lfw:{kind}+gallery"
        similarity = min(similarity, 0.9999)
        expected = fpir_at(self.table.survival(similarity - shift, kind), n)
        result = Threshold(similarity, target_fpir, max(1, n), source, expected)
        if len(self._cache) > 64:
            self._cache.clear()
        self._cache[key] = result
        return result


def verification_threshold(target_fpir: float) -> Threshold:
    """1:1 (`faceattend verify`): one photo against one photo, one comparison per decision."""
    return Calibrator().threshold(target_fpir, 1, kind="1x1")


_SHARED_LOCK = threading.Lock()


def calibrator_for(matcher: Matcher) -> Calibrator:
    """The one Calibrator of a matcher (its gallery statistics follow every enrolment, erasure, import)."""
    with _SHARED_LOCK:
        found = matcher.attached.get("calibrator")
        if not isinstance(found, Calibrator):
            found = Calibrator(matcher)
            matcher.attached["calibrator"] = found
        return found
