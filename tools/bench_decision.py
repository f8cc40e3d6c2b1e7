"""Time of one open-set decision (a 3-frame track) against a large gallery, with and without crowding.

    python tools/bench_decision.py [--templates 100000] [--decisions 200]

The gallery is random unit vectors (speed only: no face data). "first" decides tracks whose candidates were
never looked up (the crowding raise searches each candidate's nearest neighbour), "cached" the same again.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.matcher import Matcher, l2_normalise
from app.core.recognition.decision import OpenSetDecider
from app.core.settings import RecognitionSettings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--templates", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    matcher = Matcher(128, capacity=args.templates)
    matcher.add_many(
        [f"p{i}" for i in range(args.templates)], l2_normalise(rng.standard_normal((args.templates, 128)))
    )
    tracks = [
        np.stack([matcher.vector(f"p{i}")] * 3) for i in rng.integers(0, args.templates, args.decisions)
    ]
    for strength in (0.0, RecognitionSettings().crowding):
        settings = RecognitionSettings()
        settings.crowding = strength
        decider = OpenSetDecider(matcher, settings)
        decider.decide(tracks[0])  # the calibration and gallery statistics, once
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            for track in tracks:
                decider.decide(track)
            timings.append((time.perf_counter() - started) / len(tracks) * 1000)
        print(f"crowding {strength:g}: {timings[0]:.2f} ms per decision first, {timings[1]:.2f} ms cached")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
