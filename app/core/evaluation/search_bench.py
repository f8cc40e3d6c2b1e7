"""`faceattend bench search`: brute-force search time over a synthetic gallery of N random unit vectors, and
the open-set calibration's cost (built from scratch, then after one enrolment)."""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from app.core.matcher import Matcher, l2_normalise
from app.core.recognition.calibration import Calibrator

CHUNK = 100_000


def bench_search(n: int, dim: int, queries: int) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    matcher = Matcher(dim, capacity=n)
    for start in range(0, n, CHUNK):
        count = min(CHUNK, n - start)
        block = l2_normalise(rng.standard_normal((count, dim), dtype=np.float32))
        matcher.add_many([str(i) for i in range(start, start + count)], block)
    probes = l2_normalise(rng.standard_normal((queries, dim), dtype=np.float32))
    matcher.search(probes[0], k=5)  # warm-up
    times = []
    for query in probes:
        t0 = time.perf_counter()
        matcher.search(query, k=5)
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    calibrator = Calibrator(matcher)
    calibrator.threshold(1e-3)  # the gallery's own impostor statistics, from scratch
    t1 = time.perf_counter()
    matcher.add("enrolled-now", probes[1])  # one enrolment: an incremental update
    calibrator.threshold(1e-3)
    t2 = time.perf_counter()
    return {
        "ms_per_query_median": round(statistics.median(times), 3),
        "n": n,
        "dim": dim,
        "k": 5,
        "calibration_build_s": round(t1 - t0, 3),
        "calibration_after_one_enrolment_ms": round((t2 - t1) * 1000, 2),
    }
