"""Exact 1:N search over L2-normalised templates: one float32 matrix, vectorised top-k.

Scores are cosine similarities (dot products of unit vectors); the open-set threshold is given as a
Euclidean distance d between unit vectors, so similarity >= 1 - d²/2. Rows live in a pre-allocated
matrix that grows geometrically, so add/update/remove cost O(dim), never a rebuild. 1M templates of
128 float32 take 488 MiB; a query is one matrix product over them (memory-bound) plus a partial sort.
Large galleries (QUANTISED_MIN_ROWS and up) keep an int8 mirror whose scores carry proven error bounds
(app/core/quantised_index.py): it picks the few rows that can still be in the top-k, and only those are
scored in float32, so results stay exact while a query reads a quarter of the memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from app.core.quantised_index import QuantisedIndex, candidate_rows

FloatMatrix = npt.NDArray[np.float32]
QUANTISED_MIN_ROWS = 50_000  # below this the float32 product alone is fast (≈ 4 ms at 50k on 2 cores)


@dataclass(frozen=True)
class Match:
    key: str  # usually a person uuid
    similarity: float

    @property
    def distance(self) -> float:
        """Euclidean distance between the unit vectors."""
        return float(np.sqrt(max(0.0, 2.0 - 2.0 * self.similarity)))


def distance_to_similarity(distance: float) -> float:
    return 1.0 - distance * distance / 2.0


def l2_normalise(vectors: npt.ArrayLike) -> FloatMatrix:
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return (array / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class GalleryListener(Protocol):
    """Told of every change, under the matcher's lock: removed rows BEFORE they leave the matrix, added rows
    AFTER they are in it (a replaced key is removed, then added). Used to keep gallery statistics current."""

    def rows_removed(self, matcher: Matcher, keys: list[str], vectors: FloatMatrix) -> None: ...
    def rows_added(self, matcher: Matcher, keys: list[str], vectors: FloatMatrix) -> None: ...
    def cleared(self, matcher: Matcher) -> None: ...


class Matcher:
    """Thread-safe gallery of unit vectors keyed by string, with exact top-k search."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self._matrix = np.zeros((max(1, capacity), dim), dtype=np.float32)
        self._keys: list[str] = []
        self._row_of: dict[str, int] = {}
        self._lock = threading.RLock()
        self._int8 = QuantisedIndex(dim, len(self._matrix))
        self._listeners: list[GalleryListener] = []
        self.version = 0  # bumped on every change
        self.attached: dict[str, object] = {}  # objects that live as long as this gallery (its calibrator)

    def subscribe(self, listener: GalleryListener) -> None:
        """`listener` is told of every later change (and should load the current rows itself)."""
        with self._lock:
            self._listeners.append(listener)

    def rows(self) -> FloatMatrix:
        """The current templates (a view: read it under `lock`, or copy it)."""
        return self._matrix[: len(self._keys)]

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._row_of

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    def vector(self, key: str) -> FloatMatrix:
        with self._lock:
            return self._matrix[self._row_of[key]].copy()

    def _reserve(self, rows: int) -> None:
        if rows <= len(self._matrix):
            return
        grown = np.zeros((max(rows, 2 * len(self._matrix)), self.dim), dtype=np.float32)
        grown[: len(self._keys)] = self._matrix[: len(self._keys)]
        self._matrix = grown
        self._int8.reserve(len(grown))

    def add_many(self, keys: list[str], vectors: npt.ArrayLike) -> None:
        """Insert or replace templates (bulk load: one copy of the whole block)."""
        block = l2_normalise(vectors).reshape(-1, self.dim)
        if len(keys) != len(block):
            raise ValueError(f"{len(keys)} keys for {len(block)} vectors")
        with self._lock:
            new_keys = [k for k in keys if k not in self._row_of]
            if len(set(new_keys)) != len(new_keys):
                raise ValueError("duplicate keys in one add_many call")
            self._reserve(len(self._keys) + len(new_keys))
            replaced = [k for k in keys if k in self._row_of]
            if replaced and self._listeners:
                old = self._matrix[[self._row_of[k] for k in replaced]].copy()
                for listener in self._listeners:
                    listener.rows_removed(self, replaced, old)
            rows = np.empty(len(keys), dtype=np.intp)
            for i, key in enumerate(keys):
                row = self._row_of.get(key)
                if row is None:
                    row = len(self._keys)
                    self._keys.append(key)
                    self._row_of[key] = row
                rows[i] = row
            self._matrix[rows] = block
            self._int8.set_rows(rows, block)
            self.version += 1
            for listener in self._listeners:
                listener.rows_added(self, list(keys), block)

    def add(self, key: str, vector: npt.ArrayLike) -> None:
        """Insert or replace one template."""
        self.add_many([key], np.asarray(vector, dtype=np.float32).reshape(1, -1))

    def remove(self, key: str) -> bool:
        """Remove a template by moving the last row into its slot (O(dim))."""
        with self._lock:
            row = self._row_of.get(key)
            if row is None:
                return False
            for listener in self._listeners:
                listener.rows_removed(self, [key], self._matrix[row : row + 1].copy())
            del self._row_of[key]
            self.version += 1
            last = len(self._keys) - 1
            if row != last:
                moved = self._keys[last]
                self._matrix[row] = self._matrix[last]
                self._int8.move_row(last, row)
                self._keys[row] = moved
                self._row_of[moved] = row
            self._keys.pop()
            self._matrix[last] = 0.0
            return True

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()
            self._row_of.clear()
            self._matrix[:] = 0.0
            self.version += 1
            for listener in self._listeners:
                listener.cleared(self)

    def search(self, query: npt.ArrayLike, k: int = 1, min_similarity: float = -1.0) -> list[Match]:
        """Top-k gallery entries for one query vector, best first, at or above `min_similarity`."""
        return self.search_many(np.asarray(query, dtype=np.float32).reshape(1, -1), k, min_similarity)[0]

    def search_many(
        self, queries: npt.ArrayLike, k: int = 1, min_similarity: float = -1.0
    ) -> list[list[Match]]:
        q = l2_normalise(queries).reshape(-1, self.dim)
        with self._lock:
            n = len(self._keys)
            if n == 0:
                return [[] for _ in range(len(q))]
            k = min(k, n)
            if n >= QUANTISED_MIN_ROWS:
                return self._search_quantised(q, n, k, min_similarity)
            scores = q @ self._matrix[:n].T  # (Q, n): one BLAS call
            if k == 1:
                top = np.argmax(scores, axis=1)[:, None]
            elif k < n:
                top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            else:
                top = np.broadcast_to(np.arange(n), (len(q), n))
            results: list[list[Match]] = []
            for qi in range(len(q)):
                idx = top[qi]
                order = idx[np.argsort(-scores[qi, idx], kind="stable")]
                results.append(
                    [
                        Match(self._keys[i], float(scores[qi, i]))
                        for i in order
                        if scores[qi, i] >= min_similarity
                    ]
                )
            return results

    def _search_quantised(self, q: FloatMatrix, n: int, k: int, min_similarity: float) -> list[list[Match]]:
        """Exact top-k: int8 bounds choose the candidate rows, float32 scores rank them (lock held)."""
        approx, bound = self._int8.bounds(q, n)
        results: list[list[Match]] = []
        for qi in range(len(q)):
            rows = candidate_rows(approx[:, qi], float(bound[qi]), k, min_similarity)
            exact = self._matrix[rows] @ q[qi]
            order = np.argsort(-exact, kind="stable")[:k]
            results.append(
                [Match(self._keys[rows[i]], float(exact[i])) for i in order if exact[i] >= min_similarity]
            )
        return results
