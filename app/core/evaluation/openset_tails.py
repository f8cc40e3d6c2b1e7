"""Impostor score tails measured on a labelled photo set, per template×probe kind (calibration input).

A kind "ExP" compares templates averaged from E photos of one person with probes averaged from P photos
of another: every person with ≥ E photos gives one template (their first E), every disjoint group of P
photos of a person gives one probe, and every (probe, template of someone else) pair is an impostor score.
"1x1" is every pair of photos of two different people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.matcher import l2_normalise
from app.core.recognition.tail import BINS, NormalTail, fit_tail, histogram, quantile_table

Vector = npt.NDArray[np.float32]
QUANTILE_PS = (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7)


def parse_kind(kind: str) -> tuple[int, int]:
    e, p = kind.lower().split("x")
    return int(e), int(p)


def templates_and_probes(
    people: dict[str, list[Vector]], enrol: int, probe: int
) -> tuple[list[str], Vector, list[str], Vector]:
    """(template owners, templates, probe owners, probes): first `enrol` photos → template, later photos in
    disjoint groups of `probe` → probes (a person with too few photos for both gives only what fits)."""
    t_owner, t_vec, p_owner, p_vec = [], [], [], []
    for name, vectors in people.items():
        if len(vectors) >= enrol:
            t_owner.append(name)
            t_vec.append(l2_normalise(np.mean(l2_normalise(np.stack(vectors[:enrol])), axis=0)))
        rest = vectors[enrol:] if len(vectors) >= enrol + probe else vectors
        for start in range(0, len(rest) - probe + 1, probe):
            p_owner.append(name)
            p_vec.append(l2_normalise(np.mean(l2_normalise(np.stack(rest[start : start + probe])), axis=0)))
    dim = next(iter(people.values()))[0].shape[-1]

    def stack(v: list[Vector]) -> Vector:
        return np.stack(v).astype(np.float32) if v else np.zeros((0, dim), np.float32)

    return t_owner, stack(t_vec), p_owner, stack(p_vec)


def impostor_histogram(people: dict[str, list[Vector]], enrol: int, probe: int) -> npt.NDArray[np.int64]:
    """Histogram of every impostor (probe, template) similarity of a kind."""
    hist = np.zeros(BINS, dtype=np.int64)
    if enrol == 1 and probe == 1:  # every unordered pair of photos of different people
        owners = np.array([i for i, vs in enumerate(people.values()) for _ in vs])
        vectors = l2_normalise(np.concatenate([np.stack(vs) for vs in people.values()]))
        for start in range(0, len(vectors), 2048):
            block = vectors[start : start + 2048] @ vectors.T
            rows = np.arange(start, min(start + 2048, len(vectors)))
            upper = np.arange(len(vectors))[None, :] > rows[:, None]
            other = owners[rows][:, None] != owners[None, :]
            hist += histogram(block[upper & other])
        return hist
    t_owner, templates, p_owner, probes = templates_and_probes(people, enrol, probe)
    t_idx = np.array(t_owner)
    for start in range(0, len(probes), 2048):
        block = probes[start : start + 2048] @ templates.T
        other = np.array(p_owner[start : start + 2048])[:, None] != t_idx[None, :]
        hist += histogram(block[other])
    return hist


@dataclass
class KindTail:
    kind: str
    hist: npt.NDArray[np.int64]
    tail: NormalTail | None

    def to_json(self) -> dict[str, object]:
        return {
            "tail": self.tail.to_json() if self.tail else None,
            "pairs": int(self.hist.sum()),
            "counted": quantile_table(self.hist, QUANTILE_PS),
        }

    def check(self) -> dict[str, dict[str, float]]:
        """Counted vs fitted similarity at each survival the data resolves (≥ 10 pairs above it)."""
        out: dict[str, dict[str, float]] = {}
        counted = quantile_table(self.hist, QUANTILE_PS)
        total = int(self.hist.sum())
        for label, value in counted.items():
            p = float(label)
            if self.tail is not None and p * total >= 10:
                out[label] = {"counted": value, "fitted": round(self.tail.similarity_at(p), 4)}
        return out


def measure(people: dict[str, list[Vector]], kinds: list[str]) -> list[KindTail]:
    out = []
    for kind in kinds:
        enrol, probe = parse_kind(kind)
        hist = impostor_histogram(people, enrol, probe)
        out.append(KindTail(kind, hist, fit_tail(hist)))
    return out
