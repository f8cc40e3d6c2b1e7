"""Liveness under simulated other webcams: live and replay videos re-rendered as different cameras would.

Each camera is a per-frame transform of the source video: brightness, contrast, white balance, sensor
noise, blur, JPEG re-encoding, downscaling, gamma, half the frame rate (and a few combinations; --cameras
lists names separated by ',', or by ';' when one holds a comma, as the cheap webcam's does). For each
(video, camera) the full liveness session (passive ensemble + active checks, default settings) runs, and
the passive model's frame-level scores are kept beside the session's track-level verdict:

    frame_bpcer / frame_apcer : share of face frames whose passive score is below / at or above the threshold
                                (scored as the session does: denoised when noisy, not when far too noisy)
    decision                  : the session's verdict (live / spoof / undecided) and its reasons
    blinks, blink_strength    : blinks counted, and the strongest blink-like event (min of rise and fall of
                                the eye-closure signal around a peak; a blink needs rise >= 0.3, fall >= 0.25)

    python tools/bench_liveness_webcams.py [--videos real2.webm,real3.mov] [--starts 0,1.5,3] [--json]

Videos are read from ../shared/data/video (FACEATTEND_SHARED), or from a path when the name holds a "/"
(e.g. the attack videos made by tools/make_photo_attack_video.py). Last line: JSON with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.camera.sources import VideoFileSource  # noqa: E402
from app.core.evaluation.liveness import landmarker_path  # noqa: E402
from app.core.liveness import LivenessSession  # noqa: E402
from app.core.liveness.antispoof import load_passive_ensemble  # noqa: E402
from app.core.liveness.noise import face_noise_sigma  # noqa: E402
from app.core.liveness.passive_track import noise_gate  # noqa: E402
from app.core.liveness.signals import eye_closure  # noqa: E402
from app.core.settings import LivenessSettings  # noqa: E402
from app.core.vision.landmarker import FaceLandmarker  # noqa: E402

SHARED = Path(os.environ.get("FACEATTEND_SHARED", ROOT.parent / "shared"))
LIVE = {"real2.webm", "real3.mov"}

Rgb = np.ndarray
Transform = Callable[[Rgb, np.random.Generator], Rgb]


def _affine(rgb: Rgb, gain: float | tuple[float, float, float], offset: float) -> Rgb:
    out = rgb.astype(np.float32) * np.asarray(gain, dtype=np.float32) + offset
    return np.clip(out, 0, 255).astype(np.uint8)


def _contrast(rgb: Rgb, k: float) -> Rgb:
    mean = float(rgb.mean())
    return np.clip((rgb.astype(np.float32) - mean) * k + mean, 0, 255).astype(np.uint8)


def _noise(rgb: Rgb, sigma: float, rng: np.random.Generator) -> Rgb:
    return np.clip(rgb.astype(np.float32) + rng.normal(0, sigma, rgb.shape), 0, 255).astype(np.uint8)


def _jpeg(rgb: Rgb, quality: int) -> Rgb:
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def _gamma(rgb: Rgb, gamma: float) -> Rgb:
    lut = np.clip(255.0 * (np.arange(256) / 255.0) ** gamma, 0, 255).astype(np.uint8)
    return np.asarray(lut[rgb], dtype=np.uint8)


def _downscale(rgb: Rgb, factor: float) -> Rgb:
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)  # a low-resolution sensor, upscaled


CAMERAS: dict[str, Transform] = {
    "original": lambda f, r: f,
    "dark (-50)": lambda f, r: _affine(f, 1.0, -50),
    "dim (x0.6)": lambda f, r: _affine(f, 0.6, 0),
    "bright (+50)": lambda f, r: _affine(f, 1.0, 50),
    "low contrast (x0.6)": lambda f, r: _contrast(f, 0.6),
    "high contrast (x1.4)": lambda f, r: _contrast(f, 1.4),
    "warm white balance": lambda f, r: _affine(f, (1.15, 1.0, 0.8), 0),
    "cool white balance": lambda f, r: _affine(f, (0.85, 1.0, 1.2), 0),
    "sensor noise (sigma 8)": lambda f, r: _noise(f, 8.0, r),
    "blur (sigma 1.5)": lambda f, r: cv2.GaussianBlur(f, (0, 0), 1.5),
    "JPEG q30": lambda f, r: _jpeg(f, 30),
    "JPEG q15": lambda f, r: _jpeg(f, 15),
    "downscale 0.5": lambda f, r: _downscale(f, 0.5),
    "cheap webcam (dim, noise, JPEG q40, 0.6x)": lambda f, r: _jpeg(
        _downscale(_noise(_affine(f, 0.75, 0), 6.0, r), 0.6), 40
    ),
    "gamma 0.7 (lifted shadows)": lambda f, r: _gamma(f, 0.7),
    "gamma 1.4 (crushed shadows)": lambda f, r: _gamma(f, 1.4),
    "downscale 0.35": lambda f, r: _downscale(f, 0.35),
    "half frame rate": lambda f, r: f,
    "low light (x0.4 + noise sigma 10)": lambda f, r: _noise(_affine(f, 0.4, 0), 10.0, r),
}
# Cameras that also drop frames: keep every n-th frame of the source (a webcam at half the frame rate).
FRAME_STEP = {"half frame rate": 2}


def blink_strength(closure: list[tuple[float, float]], settings: LivenessSettings) -> float:
    """The strongest blink-like event of a run: max over peaks (>= blink_peak) of min(rise before, fall after)
    within blink_max_duration_s. BlinkDetector counts a blink when rise >= blink_rise and fall >=
    blink_fall, so this shows how far a run is from (or above) its first blink."""
    t = np.asarray([a for a, _ in closure])
    v = np.asarray([b for _, b in closure])
    best = 0.0
    for i in np.flatnonzero(v >= settings.blink_peak):
        for j in range(i, -1, -1):
            if t[i] - t[j] > settings.blink_max_duration_s:
                break
            end = int(np.searchsorted(t, t[j] + settings.blink_max_duration_s, side="right"))
            best = max(best, min(v[i] - v[j : i + 1].min(), v[i] - v[i:end].min()))
    return float(best)


def _frames(path: Path) -> Iterator[tuple[int, Rgb]]:
    with VideoFileSource(path) as src:
        for frame in src:
            yield frame.timestamp_ms, frame.rgb


def run_one(
    path: Path, camera: str, passive: Any, landmarker: FaceLandmarker, t0: int, start_s: float = 0.0
) -> dict[str, Any]:
    """One attempt: the video from `start_s` seconds through one simulated camera."""
    settings = LivenessSettings()
    transform = CAMERAS[camera]
    rng = np.random.default_rng(0)
    session = LivenessSession(settings, passive=passive)
    decision = None
    frame_scores: list[float] = []
    closure: list[tuple[float, float]] = []
    first: int | None = None
    last = t0
    step = FRAME_STEP.get(camera, 1)
    for i, (ts, rgb) in enumerate(_frames(path)):
        if i % step or ts < start_s * 1000:
            continue
        first = ts if first is None else first
        image = np.ascontiguousarray(transform(rgb, rng))
        stamp = t0 + ts - first
        last = stamp
        faces = landmarker.detect(image, stamp)
        face = max(faces, key=lambda f: f.inter_eye_distance) if faces else None
        if face is not None:
            closure.append((stamp / 1000.0, eye_closure(face)))
        if face is not None and i % 3 == 0:  # as the session scores it: clean, or denoised when noisy
            gray = np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
            gate = noise_gate(face_noise_sigma(gray, face), settings)
            if gate.ok:
                frame_scores.append(float(passive.score(image, face, gate.denoise)))
        if decision is None or not decision.decided:
            decision = session.update(image, stamp, face, faces_in_view=len(faces))
    assert decision is not None
    threshold = settings.passive_threshold
    below = float(np.mean(np.asarray(frame_scores) < threshold)) if frame_scores else float("nan")
    return {
        "video": path.name,
        "camera": camera,
        "start_s": start_s,
        "decision": decision.verdict.value,
        "seconds": round(decision.elapsed_s, 2),
        "track_passive": None if decision.passive_score is None else round(decision.passive_score, 3),
        "frame_below_threshold": round(below, 3),
        "n_frames_scored": len(frame_scores),
        "reason": decision.reasons[0] if decision.reasons else "",
        "reasons": decision.reasons,
        "blinks": int(decision.evidence.get("blinks", 0)),
        "blink_strength": round(blink_strength(closure, settings), 3),
        "_end": last,
    }


def _frame_error(row: dict[str, Any], wanted: str) -> float:
    """Share of the run's scored frames the passive model alone got wrong."""
    below = float(row["frame_below_threshold"])
    return below if wanted == "live" else 1.0 - below


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--videos", default="real2.webm,real3.mov,fake2.webm,fake3.mp4")
    ap.add_argument("--cameras", default="all", help="camera names separated by ',' (or ';'), or all")
    ap.add_argument(
        "--starts",
        default="0",
        help="seconds into each video where an attempt starts, ',' separated (several starts: more runs per "
        "camera, e.g. 0,1.5,3: the person arrives at a different moment)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    passive = load_passive_ensemble().scorer
    if passive is None:
        print("error: no passive anti-spoof model", file=sys.stderr)
        return 2
    sep = ";" if ";" in args.cameras else ","  # the cheap webcam's name holds commas: list it with ";"
    listed = [c.strip() for c in args.cameras.split(sep) if c.strip()]
    cameras = list(CAMERAS) if args.cameras == "all" else listed
    unknown = [c for c in cameras if c not in CAMERAS]
    if unknown and args.cameras != "all":
        print(f"error: unknown camera(s) {unknown}; known: {list(CAMERAS)}", file=sys.stderr)
        return 2
    rows = []
    t0 = 0
    with FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker:
        for name in args.videos.split(","):
            for camera, start in [(c, float(s)) for c in cameras for s in args.starts.split(",")]:
                path = Path(name) if "/" in name else SHARED / "data" / "video" / name
                row = {**run_one(path, camera, passive, landmarker, t0, start), "video": name}
                t0 = int(row.pop("_end")) + 10_000  # one VIDEO-mode landmarker: timestamps keep increasing
                rows.append(row)
                if not args.json:
                    print(
                        f"{name:11} {camera:42} {start:4.1f} {row['decision']:9} {row['seconds']:5} s  "
                        f"track passive {row['track_passive']}  "
                        f"frames below threshold {row['frame_below_threshold']:.1%}"
                        f"  blinks {row['blinks']} (strength {row['blink_strength']:.2f})"
                        f"  {'; '.join(row['reasons'])[:90]}",
                        flush=True,
                    )
    summary: dict[str, Any] = {}
    for name in args.videos.split(","):
        mine = [r for r in rows if r["video"] == name]
        wanted = "live" if name in LIVE else "spoof"
        summary[name] = {
            "runs": len(mine),
            "live": sum(r["decision"] == "live" for r in mine),
            "spoof": sum(r["decision"] == "spoof" for r in mine),
            "undecided": sum(r["decision"] == "undecided" for r in mine),
            "track_error": round(sum(r["decision"] != wanted for r in mine) / max(1, len(mine)), 3),
            "frame_error_mean": round(float(np.mean([_frame_error(r, wanted) for r in mine])), 3),
        }
    print(json.dumps({"rows": rows, "summary": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
