"""The enrolled gallery's own impostor tail: template-against-template similarities, kept current.

Every template is compared with a reference sample R of up to `reference_size` templates (all of them in a
small gallery), and the similarities go into a fixed histogram (app/core/recognition/tail.py). The matcher
tells this object of every change (GalleryListener): an added template costs one product with R, a removed
one subtracts the same, so an enrolment, an erasure or an import updates the statistics without a rebuild;
loading 100,000 templates costs 100,000 × 200 products (about a second). Pairs are ordered pairs
(r, g), r ∈ R, g ≠ r, so every template pair of a small gallery is counted twice, which leaves survival
fractions unchanged. A replaced reference template, or several in one call, marks the statistics stale; the
next `tail()` rebuilds them.
"""

from __future__ import annotations

import logging
import threading

import numpy as np
import numpy.typing as npt

from app.core.matcher import FloatMatrix, Matcher
from app.core.recognition.tail import BINS, histogram

log = logging.getLogger(__name__)

REFERENCE_SIZE = 200  # 200 × 100,000 = 2e7 pairs: the 1e-4 quantile is counted on 2,000 pairs
_CHUNK = 8192
_SELF_BIN = BINS - 1  # a template against itself scores 1.0


class GalleryTail:
    """Histogram of (reference template, other template) similarities of one matcher's gallery."""

    def __init__(self, matcher: Matcher, reference_size: int = REFERENCE_SIZE) -> None:
        self.reference_size = reference_size
        self._lock = threading.RLock()
        self._hist = np.zeros(BINS, dtype=np.int64)
        self._ref_keys: list[str] = []
        self._ref: FloatMatrix = np.zeros((0, matcher.dim), dtype=np.float32)
        self._stale = True
        self._version = 0
        self.matcher = matcher
        matcher.subscribe(self)

    # --- GalleryListener -------------------------------------------------------------------------
    def rows_removed(self, matcher: Matcher, keys: list[str], vectors: FloatMatrix) -> None:
        with self._lock:
            if self._stale:
                return
            in_ref = [i for i, k in enumerate(keys) if k in self._ref_keys]
            if len(in_ref) > 1:
                self._stale = True
                return
            if in_ref:  # its pairs as the reference side, against the gallery (itself still in it)
                i = in_ref[0]
                self._hist -= self._bins(vectors[i : i + 1], matcher.rows())
                self._hist[_SELF_BIN] += 1
                j = self._ref_keys.index(keys[i])
                self._ref_keys.pop(j)
                self._ref = np.delete(self._ref, j, axis=0)
            self._hist -= self._bins(vectors, self._ref)
            self._changed()

    def rows_added(self, matcher: Matcher, keys: list[str], vectors: FloatMatrix) -> None:
        with self._lock:
            if self._stale:
                return
            self._add(matcher, keys, vectors)

    def cleared(self, matcher: Matcher) -> None:
        with self._lock:
            self._reset()
            self._stale = False

    # --- statistics -------------------------------------------------------------------------------
    def histogram(self) -> npt.NDArray[np.int64]:
        with self.matcher.lock, self._lock:
            if self._stale:
                self._rebuild()
            return self._hist.copy()

    @property
    def pairs(self) -> int:
        return int(self.histogram().sum())

    # --- internals --------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._version += 1

    def _reset(self) -> None:
        self._hist[:] = 0
        self._ref_keys = []
        self._ref = np.zeros((0, self.matcher.dim), dtype=np.float32)
        self._changed()

    def _rebuild(self) -> None:
        self._reset()
        self._stale = False
        keys = self.matcher.keys
        if keys:
            self._add(self.matcher, keys, self.matcher.rows().copy())
        log.info("gallery impostor statistics rebuilt: %d templates, %d pairs", len(keys), self._hist.sum())

    def _add(self, matcher: Matcher, keys: list[str], vectors: FloatMatrix) -> None:
        # as the gallery side: against the current references
        self._hist += self._bins(vectors, self._ref)
        free = self.reference_size - len(self._ref_keys)
        if free > 0:  # the first templates become references: against the whole gallery
            take = [i for i, k in enumerate(keys) if k not in self._ref_keys][:free]
            if take:
                fresh = vectors[take]
                self._hist += self._bins(fresh, matcher.rows())
                self._hist[_SELF_BIN] -= len(take)
                self._ref_keys.extend(keys[i] for i in take)
                self._ref = np.concatenate([self._ref, fresh]).astype(np.float32)
        self._changed()

    @staticmethod
    def _bins(a: FloatMatrix, b: FloatMatrix) -> npt.NDArray[np.int64]:
        out = np.zeros(BINS, dtype=np.int64)
        if len(a) == 0 or len(b) == 0:
            return out
        for start in range(0, len(b), _CHUNK):
            out += histogram(a @ b[start : start + _CHUNK].T)
        return out
