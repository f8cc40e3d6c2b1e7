"""Per-camera calibration of the passive threshold under simulated other webcams (the cameras of
tools/bench_liveness_webcams.py).

For each simulated camera, every face frame of real2.webm and real3.mov that passes the passive quality gate
is scored; consecutive runs of 5 gated frames are the kiosk's tracks (their trimmed mean, as PassiveTrack).
The camera is calibrated on ONE person's tracks (CalibrationRule: learning until 10 sessions, then the 2 %
low quantile, clamped to [floor 0.45, shipped 0.5]) and judged on the OTHER person's (held out):

    track_bpcer_shipped / track_bpcer_calibrated : share of the held-out live tracks below 0.5 / the threshold

Then the whole liveness session (passive ensemble + active checks, default settings) runs on real2, real3
and fake2 with the camera's calibrated threshold (real2 judged at the threshold learnt from real3 and vice
versa; fake2 at the lower of the two: the attacker's best case), and fake2's tracks are scored against it.

Pooled: the camera is calibrated on the first half of BOTH people's tracks (its real population) and judged
on the second halves (held out in time): `pooled: track_bpcer_shipped / calibrated`.

    python tools/bench_camera_calibration.py [--cameras all|name,name] [--no-sessions] [--json]

Frame scores are cached under /work/cache/camcal (or FACEATTEND_CACHE), keyed by the ensemble's sha256.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_liveness_webcams import CAMERAS, SHARED, _frames  # noqa: E402

from app.core.evaluation.liveness import landmarker_path  # noqa: E402
from app.core.liveness import LivenessSession  # noqa: E402
from app.core.liveness.antispoof import load_passive_ensemble  # noqa: E402
from app.core.liveness.camera_calibration import CalibrationRule  # noqa: E402
from app.core.liveness.passive_track import passive_gate, trimmed_mean  # noqa: E402
from app.core.settings import LivenessSettings, QualitySettings  # noqa: E402
from app.core.vision.landmarker import FaceLandmarker  # noqa: E402

CACHE = Path(os.environ.get("FACEATTEND_CACHE", "/work/cache")) / "camcal"
TRACK = 5  # AttendanceSettings.passive_samples
LIVE = ("real2.webm", "real3.mov")
ATTACK = "fake2.webm"


def tracks(scores: list[float]) -> list[float]:
    """Consecutive runs of TRACK gated frames: one kiosk track each (trimmed mean, 20 %)."""
    return [trimmed_mean(scores[i : i + TRACK], 0.2) for i in range(0, len(scores) - TRACK + 1, TRACK)]


class Runner:
    def __init__(self, passive: Any, landmarker: FaceLandmarker) -> None:
        self.passive = passive
        self.landmarker = landmarker
        self.t0 = 0
        self.quality = QualitySettings()
        self.settings = LivenessSettings()

    def _stream(self, video: str, camera: str) -> Any:
        transform = CAMERAS[camera]
        rng = np.random.default_rng(0)
        first: int | None = None
        stamp = self.t0
        for ts, rgb in _frames(SHARED / "data" / "video" / video):
            first = ts if first is None else first
            image = np.ascontiguousarray(transform(rgb, rng))
            stamp = self.t0 + ts - first
            faces = self.landmarker.detect(image, stamp)
            yield stamp, image, faces
        self.t0 = stamp + 10_000  # one VIDEO-mode landmarker: timestamps keep increasing

    def gated_scores(self, video: str, camera: str) -> list[float]:
        name = camera.replace(" ", "_").replace("/", "_")
        key = CACHE / f"{self.passive.fingerprint[:16]}-{video}-{name}.json"
        if key.is_file():
            cached: list[float] = json.loads(key.read_text())
            return cached
        out: list[float] = []
        for _, image, faces in self._stream(video, camera):
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            if face is None:
                continue
            gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
            gate = passive_gate(face, gray, self.quality, self.settings)
            if gate.ok:
                out.append(float(self.passive.score(image, face, gate.denoise)))
        CACHE.mkdir(parents=True, exist_ok=True)
        key.write_text(json.dumps(out))
        return out

    def session(self, video: str, camera: str, threshold: float) -> dict[str, Any]:
        session = LivenessSession(self.settings, passive=self.passive)
        session.use_camera_threshold(threshold)
        decision = None
        for stamp, image, faces in self._stream(video, camera):
            face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
            if decision is None or not decision.decided:
                decision = session.update(image, stamp, face, faces_in_view=len(faces))
        assert decision is not None
        passive = None if decision.passive_score is None else round(decision.passive_score, 3)
        seconds = round(decision.elapsed_s, 2)
        return {"decision": decision.verdict.value, "passive": passive, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cameras", default="all", help="comma list of camera names, or all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-sessions", action="store_true", help="track-level figures only (cached scores)")
    args = ap.parse_args(argv)
    passive = load_passive_ensemble().scorer
    if passive is None:
        print("error: no passive anti-spoof model", file=sys.stderr)
        return 2
    rule = CalibrationRule()
    cameras = list(CAMERAS) if args.cameras == "all" else args.cameras.split(",")
    rows = []
    with FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker:
        runner = Runner(passive, landmarker)
        for camera in cameras:
            live = {v: tracks(runner.gated_scores(v, camera)) for v in LIVE}
            state = {v: rule.state(live[v]) for v in LIVE}
            row: dict[str, Any] = {"camera": camera}
            for learn, judge in (LIVE, LIVE[::-1]):
                t = state[learn].threshold
                held = np.asarray(live[judge])
                row[f"{judge}: threshold (learnt on {learn})"] = t
                row[f"{judge}: tracks"] = len(held)
                row[f"{judge}: track_bpcer_shipped"] = round(float(np.mean(held < rule.ceiling)), 3)
                row[f"{judge}: track_bpcer_calibrated"] = round(float(np.mean(held < t)), 3)
                if not args.no_sessions:
                    row[f"{judge}: session"] = runner.session(judge, camera, t)
            learn_half = [s for v in LIVE for s in live[v][: len(live[v]) // 2]]
            judge_half = np.asarray([s for v in LIVE for s in live[v][len(live[v]) // 2 :]])
            pooled = rule.state(learn_half).threshold
            row["pooled: threshold"] = pooled
            row["pooled: track_bpcer_shipped"] = round(float(np.mean(judge_half < rule.ceiling)), 3)
            row["pooled: track_bpcer_calibrated"] = round(float(np.mean(judge_half < pooled)), 3)
            worst = min(state[v].threshold for v in LIVE)
            attack = np.asarray(tracks(runner.gated_scores(ATTACK, camera)))
            row[f"{ATTACK}: threshold"] = worst
            row[f"{ATTACK}: track_apcer_calibrated"] = round(float(np.mean(attack >= worst)), 3)
            row[f"{ATTACK}: max_track"] = round(float(attack.max()), 3) if attack.size else None
            row[f"{ATTACK}: threshold_pooled"] = pooled
            row[f"{ATTACK}: track_apcer_pooled"] = round(float(np.mean(attack >= pooled)), 3)
            if not args.no_sessions:
                row[f"{ATTACK}: session"] = runner.session(ATTACK, camera, worst)
            rows.append(row)
            if not args.json:
                print(json.dumps(row), flush=True)
    summary: dict[str, Any] = {}
    for video in (*LIVE, ATTACK):
        verdicts = [r[f"{video}: session"]["decision"] for r in rows if f"{video}: session" in r]
        summary[video] = {v: verdicts.count(v) for v in ("live", "spoof", "undecided")}
    for video in LIVE:
        summary[video]["track_bpcer_shipped_mean"] = round(
            float(np.mean([r[f"{video}: track_bpcer_shipped"] for r in rows])), 3
        )
        summary[video]["track_bpcer_calibrated_mean"] = round(
            float(np.mean([r[f"{video}: track_bpcer_calibrated"] for r in rows])), 3
        )
    summary[ATTACK]["track_apcer_calibrated_max"] = max(r[f"{ATTACK}: track_apcer_calibrated"] for r in rows)
    summary[ATTACK]["track_apcer_pooled_max"] = max(r[f"{ATTACK}: track_apcer_pooled"] for r in rows)
    summary["pooled"] = {
        key: round(float(np.mean([r[f"pooled: {key}"] for r in rows])), 3)
        for key in ("track_bpcer_shipped", "track_bpcer_calibrated")
    }
    summary["pooled"]["thresholds"] = sorted({r["pooled: threshold"] for r in rows})
    print(json.dumps({"rows": rows, "summary": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
