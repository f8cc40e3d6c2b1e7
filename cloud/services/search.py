"""1:N search and 1:1 verify by exact Euclidean distance over a per-organisation float32 matrix in memory.

A request that does not name a `threshold` is decided at the desktop's calibrated open-set threshold for
the organisation's gallery size (target FPIR 1e-3 per search: app/core/recognition/calibration.py); an
explicit threshold is the device's choice and is honoured.

pgvector is not packaged by Debian 12, so the service searches exactly in numpy. Each (organisation, model)
gallery is cached and brought up to date incrementally from the change cursor: a search first applies the
template changes numbered after the cache's cursor, so it never answers from a stale gallery.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist
from uuid import UUID

import numpy as np
import numpy.typing as npt

from cloud.db.engine import Database
from cloud.db.tables import Person
from cloud.errors import NotFoundError, SearchDisabledError
from cloud.repo import registry as repo
from cloud.services.auth import DeviceContext
from wire import schemas

log = logging.getLogger(__name__)
ModelKey = tuple[str, str, int]  # model id, model version, dim
TARGET_FPIR = 1e-3
_E2E = (
    "Server-side search is off: this organisation stores end-to-end encrypted templates; "
    "search on the device."
)


@dataclass
class Gallery:
    dim: int
    seq: int = 0
    matrix: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    sq_norms: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    template_uuids: list[str] = field(default_factory=list)
    person_uuids: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.matrix = np.zeros((0, self.dim), np.float32)

    def apply(self, rows: list[tuple[str, str, bytes | None, bool]], seq: int) -> None:
        """Apply changed templates (uuid, person_uuid, payload, deleted) in seq order, replacing by uuid."""
        changed = {r[0] for r in rows}
        keep = [i for i, u in enumerate(self.template_uuids) if u not in changed]
        latest: dict[str, tuple[str, bytes]] = {}
        for uuid, person, payload, deleted in rows:
            latest.pop(uuid, None)
            if not deleted and payload is not None:
                latest[uuid] = (person, payload)
        added = (
            np.frombuffer(b"".join(p for _, p in latest.values()), dtype="<f4").reshape(-1, self.dim)
            if latest
            else np.zeros((0, self.dim), np.float32)
        )
        if len(keep) == len(self.template_uuids):
            base = self.matrix
        else:
            base = self.matrix[keep]
            self.template_uuids = [self.template_uuids[i] for i in keep]
            self.person_uuids = [self.person_uuids[i] for i in keep]
        if len(added):
            base = np.vstack([base, added.astype(np.float32)])
            self.template_uuids += list(latest)
            self.person_uuids += [p for p, _ in latest.values()]
        self.matrix = np.ascontiguousarray(base, dtype=np.float32)
        self.sq_norms = np.einsum("ij,ij->i", self.matrix, self.matrix)
        self.seq = seq

    def distances(self, probe: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        d2 = self.sq_norms - 2.0 * (self.matrix @ probe) + float(probe @ probe)
        return np.sqrt(np.maximum(d2, 0.0)).astype(np.float32)


@lru_cache(maxsize=1)
def _impostor_tails() -> tuple[tuple[float, float], ...]:
    """(a, b) of each fitted impostor tail the desktop ships (models/manifest.json, embedder entry,
    `openset_calibration`, written by tools/calibrate_openset.py); empty when this install has none."""
    manifest = Path(__file__).resolve().parents[2] / "models" / "manifest.json"
    try:
        raw = json.loads(manifest.read_text(encoding="utf-8"))
        table = next(m["openset_calibration"] for m in raw["models"] if "openset_calibration" in m)
        return tuple((float(k["tail"]["a"]), float(k["tail"]["b"])) for k in table["kinds"].values())
    except (OSError, ValueError, KeyError, TypeError, StopIteration) as exc:
        log.warning("open-set calibration table unavailable (%s): requests use their default threshold", exc)
        return ()


def calibrated_distance(req: schemas.SearchRequest | schemas.VerifyRequest, gallery_size: int) -> float:
    """The request's threshold if it names one, else the distance at which a stranger is accepted in
    TARGET_FPIR of the searches over `gallery_size` templates: FPIR = 1 - (1 - p)^N, the similarity at
    per-comparison survival p from the heaviest shipped tail, s(p) = a + b * inv_norm_cdf(1 - p) (the same
    model as the desktop's app/core/recognition/calibration.py, which the cloud does not import)."""
    tails = _impostor_tails()
    if "threshold" in req.model_fields_set or not tails:
        return req.threshold
    p = -math.expm1(math.log1p(-TARGET_FPIR) / max(1, gallery_size))
    z = NormalDist().inv_cdf(1.0 - p)
    similarity = min(max(a + b * z for a, b in tails), 0.9999)
    return math.sqrt(2.0 - 2.0 * similarity)


class SearchService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._galleries: dict[tuple[int, ModelKey], Gallery] = {}
        self._lock = threading.Lock()

    def _gallery(self, ctx: DeviceContext, model: ModelKey) -> Gallery:
        with self._lock:
            gallery = self._galleries.setdefault((ctx.org_id, model), Gallery(dim=model[2]))
        with gallery.lock:
            if gallery.seq < ctx.change_seq:
                with self._db.read() as session:
                    rows = repo.template_rows_since(session, ctx.org_id, gallery.seq, ctx.change_seq, model)
                gallery.apply(rows, ctx.change_seq)
        return gallery

    def search(self, ctx: DeviceContext, req: schemas.SearchRequest) -> schemas.SearchResponse:
        if ctx.end_to_end:
            raise SearchDisabledError(_E2E)
        gallery = self._gallery(ctx, (req.model_id, req.model_version, req.dim))
        probe = np.frombuffer(schemas.decode_vector(req.vector_b64, req.dim), dtype="<f4").astype(np.float32)
        with (
            gallery.lock,
            np.errstate(over="ignore", invalid="ignore"),
        ):  # a consistent view: apply() replaces arrays and lists together
            matrix_rows = len(gallery.template_uuids)
            if matrix_rows == 0:
                return schemas.SearchResponse(matches=[], gallery_size=0)
            dist = gallery.distances(probe)
            threshold = calibrated_distance(req, matrix_rows)
            k = min(req.top_k, matrix_rows)
            top = np.argpartition(dist, k - 1)[:k] if k < matrix_rows else np.arange(matrix_rows)
            top = top[np.argsort(dist[top], kind="stable")]
            matches = [
                schemas.SearchMatch(
                    template_uuid=UUID(gallery.template_uuids[i]),
                    person_uuid=UUID(gallery.person_uuids[i]),
                    distance=float(dist[i]),
                )
                for i in top
                if dist[i] <= threshold
            ]
        return schemas.SearchResponse(matches=matches, gallery_size=matrix_rows)

    def verify(self, ctx: DeviceContext, req: schemas.VerifyRequest) -> schemas.VerifyResponse:
        if ctx.end_to_end:
            raise SearchDisabledError(_E2E)
        probe = np.frombuffer(schemas.decode_vector(req.vector_b64, req.dim), dtype="<f4").astype(np.float32)
        with self._db.read() as session:
            person = repo.get(session, Person, ctx.org_id, str(req.person_uuid))
            if person is None or person.deleted:
                raise NotFoundError(f"No person {req.person_uuid}.")
            payloads = [
                t.payload
                for t in repo.templates_of_person(session, ctx.org_id, str(req.person_uuid))
                if t.payload is not None
                and not t.encrypted
                and (t.model_id, t.model_version, t.dim) == (req.model_id, req.model_version, req.dim)
            ]
        if not payloads:
            return schemas.VerifyResponse(match=False, distance=None, templates_compared=0)
        matrix = np.frombuffer(b"".join(payloads), dtype="<f4").reshape(-1, req.dim).astype(np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            best = float(np.sqrt(np.min(np.sum((matrix - probe.astype(np.float64)) ** 2, axis=1))))
        if not math.isfinite(best):  # absurd magnitudes: no match, and nothing JSON cannot carry
            return schemas.VerifyResponse(match=False, distance=None, templates_compared=len(payloads))
        threshold = calibrated_distance(req, len(payloads))
        return schemas.VerifyResponse(
            match=best <= threshold, distance=best, templates_compared=len(payloads)
        )
