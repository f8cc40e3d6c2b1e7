"""An int8 copy of the gallery that bounds every score, so a large 1:N search stays EXACT but reads
a quarter of the memory.

Each row x (a unit vector) is stored as int8 codes g with a scale s (x ≈ s·g) and the norm r of its
rounding error; the query q is quantised the same way (q ≈ s_q·a, error norm r_q). For every row,

    |x·q − s·s_q·(g·a)| ≤ r + (1 + r)·r_q        (Cauchy–Schwarz, ‖q‖ = ‖x‖ = 1)

so an approximate score and its bound say which rows could still be in the top-k; only those are
re-scored in float32 by the caller. The int8 products run in onnxruntime's MatMulInteger kernels
(MLAS), which are several times faster than numpy on this shape.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
ROUNDING_SLACK = 1e-5  # float32 rounding in the scale products, far above its real size


def quantise(vectors: FloatArray) -> tuple[npt.NDArray[np.int8], FloatArray, FloatArray]:
    """int8 codes, per-row scales and per-row error norms of unit row vectors."""
    peak = np.abs(vectors).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    error = np.linalg.norm(vectors - codes.astype(np.float32) * scale[:, None], axis=1).astype(np.float32)
    return codes, scale, error


class _Int8Product:
    """codes (n × d, int8) @ query codes (d × q, int8) → int32, in onnxruntime."""

    _lock = threading.Lock()
    _session = None

    @classmethod
    def run(cls, codes: npt.NDArray[np.int8], query_codes: npt.NDArray[np.int8]) -> npt.NDArray[np.int32]:
        with cls._lock:
            if cls._session is None:
                cls._session = cls._build()
        out = cls._session.run(None, {"g": codes, "q": query_codes})[0]
        return np.asarray(out, dtype=np.int32)

    @staticmethod
    def _build():  # type: ignore[no-untyped-def]
        import onnxruntime as ort
        from onnx import TensorProto, helper

        graph = helper.make_graph(
            [helper.make_node("MatMulInteger", ["g", "q"], ["y"])],
            "int8_scores",
            [
                helper.make_tensor_value_info("g", TensorProto.INT8, ["n", "d"]),
                helper.make_tensor_value_info("q", TensorProto.INT8, ["d", "k"]),
            ],
            [helper.make_tensor_value_info("y", TensorProto.INT32, ["n", "k"])],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
        options = ort.SessionOptions()
        options.log_severity_level = 3
        return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


class QuantisedIndex:
    """Row-aligned int8 mirror of a float32 gallery matrix (the caller keeps both in step)."""

    def __init__(self, dim: int, capacity: int) -> None:
        self.dim = dim
        self.codes = np.zeros((capacity, dim), dtype=np.int8)
        self.scale = np.ones(capacity, dtype=np.float32)
        self.error = np.zeros(capacity, dtype=np.float32)
        # The largest row error ever stored: one scalar bound for all rows (never shrinks: still valid).
        self.max_error = 0.0

    def reserve(self, rows: int) -> None:
        if rows <= len(self.codes):
            return
        grown = QuantisedIndex(self.dim, rows)
        used = len(self.codes)
        grown.codes[:used], grown.scale[:used], grown.error[:used] = self.codes, self.scale, self.error
        self.codes, self.scale, self.error = grown.codes, grown.scale, grown.error

    def set_rows(self, rows: npt.NDArray[np.intp], vectors: FloatArray) -> None:
        codes, scale, error = quantise(vectors)
        self.codes[rows], self.scale[rows], self.error[rows] = codes, scale, error
        if len(error):
            self.max_error = max(self.max_error, float(error.max()))

    def move_row(self, source: int, target: int) -> None:
        self.codes[target], self.scale[target], self.error[target] = (
            self.codes[source],
            self.scale[source],
            self.error[source],
        )

    def bounds(self, queries: FloatArray, n: int) -> tuple[FloatArray, FloatArray]:
        """(approximate scores n × Q, bound per query Q): |exact − approx| ≤ bound for every row."""
        q_codes, q_scale, q_error = quantise(queries)
        dots = _Int8Product.run(self.codes[:n], np.ascontiguousarray(q_codes.T))
        approx = dots.astype(np.float32)
        approx *= self.scale[:n, None]
        approx *= q_scale[None, :]
        bound = self.max_error + (1.0 + self.max_error) * q_error + ROUNDING_SLACK
        return approx, bound.astype(np.float32)


def candidate_rows(approx: FloatArray, bound: float, k: int, min_similarity: float) -> npt.NDArray[np.intp]:
    """Rows that may be among the exact top-k at or above `min_similarity` (a superset, never fewer).

    A row can be in the top-k only if its upper bound reaches the k-th largest lower bound. The k-th
    largest approximate score is itself bounded below cheaply: split the rows into k chunks; each chunk's
    maximum is a real score, so the smallest of those k maxima is ≤ the k-th largest (one pass, no sort).
    """
    n = len(approx)
    if k >= n:
        return np.arange(n)
    chunk = -(-n // k)
    padded = np.full(chunk * k, -np.inf, dtype=np.float32)
    padded[:n] = approx
    kth_floor = float(padded.reshape(k, chunk).max(axis=1).min())
    threshold = max(kth_floor - 2.0 * bound, min_similarity - bound)
    return np.flatnonzero(approx >= threshold)
