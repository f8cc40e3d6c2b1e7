"""Hand-made presentation-attack cues (app.core.evaluation.liveness_cues), each measured on its own, and
fused with the passive score as a veto whose threshold is set on bona fide photos only.

Sets (read in place from ../shared; FACEATTEND_SHARED overrides):
  photos, bona fide : LFW deep-funneled (every photo, or --lfw N of them), the other shared live photos
  photos, attacks   : the 5 print / replay photos; the 4 mask / cut-out photos apart
  video tracks      : real2 + real3 (bona fide) and fake2, fake3 (phone replays) under the simulated webcams
                      of tools/bench_liveness_webcams.py; --attacks DIR adds the generated attack videos
                      (tools/make_photo_attack_video.py, make_head_replica_video.py; DIR/**/*.avi)
A track's cue is the median over every 3rd face frame of its first 6 s. Per cue: AUC and APCER at
BPCER 5 %, with counts. Fusion: a track / photo is refused when the cue passes the 99th percentile of the
LFW photos (padding filled in, as the photo judge sees them), i.e. a threshold set without attack data.

    python tools/bench_liveness_cues.py [--lfw 2000] [--attacks DIR] [--cache DIR] [--json]

Per-photo and per-video values are cached in --cache (default /tmp/faceattend-cues), keyed by the cues'
version, the passive models' sha256 and the photo preparation, so a rerun only prints.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.camera.sources import VideoFileSource  # noqa: E402
from app.core.evaluation import liveness_cues as cue_module  # noqa: E402
from app.core.evaluation.liveness import PHOTO_PREPARATION, landmarker_path  # noqa: E402
from app.core.evaluation.pad import apcer_at_bpcer, auc  # noqa: E402
from app.core.liveness.antispoof import PassiveAntiSpoof, load_passive_ensemble  # noqa: E402
from app.core.liveness.photo_domain import prepare_photo  # noqa: E402
from app.core.vision.images import load_rgb  # noqa: E402
from app.core.vision.landmarker import FaceLandmarker  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from bench_liveness_webcams import CAMERAS  # noqa: E402

SHARED = Path(os.environ.get("FACEATTEND_SHARED", ROOT.parent / "shared"))
SPOOF = SHARED / "data" / "spoof"
PRINT_REPLAY = [
    SPOOF / "silent_face/images/sample/image_F1.jpg",
    SPOOF / "silent_face/images/sample/image_F2.jpg",
    SPOOF / "miniailive/python/test_image/f_fake_andr_monitor.jpg",
    SPOOF / "miniailive/python/test_image/old-1.jpg",
    SPOOF / "doubango/assets/images/spoof.jpg",
]
MASKS = [
    SPOOF / f"miniailive/python/test_image/f_fake_andr_{n}.jpg"
    for n in ("mask", "mask3d", "outline", "outline3d")
]
LIVE_EXTRA = [
    SPOOF / "silent_face/images/sample/image_T1.jpg",
    SPOOF / "doubango/assets/images/genuine.jpg",
    SPOOF / "doubango/assets/images/disguise.jpg",
]
LIVE_VIDEOS = ("real2.webm", "real3.mov")
REPLAY_VIDEOS = ("fake2.webm", "fake3.mp4")
NAMES = ("passive", *cue_module.CUES)
VETO_PERCENTILE = 99.0
Record = dict[str, Any]


def _cache_key(passive: PassiveAntiSpoof) -> str:
    key = f"{cue_module.CUES_VERSION}+{passive.fingerprint}+{PHOTO_PREPARATION}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _values(rgb: np.ndarray, box: tuple[float, float, float, float], passive: PassiveAntiSpoof) -> Record:
    out: Record = {"passive": round(passive.score_box(rgb, box).real, 5)}
    for name, value in cue_module.cue_values(rgb, box).as_dict().items():
        out[name] = round(value, 5) if math.isfinite(value) else None
    return out


def photo_records(paths: list[Path], passive: PassiveAntiSpoof, cache: dict[str, Record]) -> list[Record]:
    """Cues of each photo's largest face, on the photo as the photo judge prepares it (padding filled)."""
    out = []
    with FaceLandmarker(landmarker_path(), max_faces=2, video=False) as landmarker:
        for path in paths:
            key = f"photo:{path}"
            if key not in cache:
                rgb = load_rgb(path)
                faces = landmarker.detect(rgb)
                photo = prepare_photo(rgb)
                if not faces or photo.grayscale:
                    cache[key] = {}
                else:
                    face = max(faces, key=lambda f: f.inter_eye_distance)
                    cache[key] = _values(photo.rgb, face.box, passive)
            if cache[key]:
                out.append(cache[key])
    return out


def video_track(
    path: Path, camera: str, passive: PassiveAntiSpoof, cache: dict[str, Record]
) -> Record | None:
    key = f"video:{path}|{camera}"
    if key not in cache:
        rng = np.random.default_rng(0)
        frames: list[Record] = []
        with (
            FaceLandmarker(landmarker_path(), max_faces=2, video=True) as landmarker,
            VideoFileSource(path) as src,
        ):
            first: int | None = None
            for i, frame in enumerate(src):
                first = frame.timestamp_ms if first is None else first
                if frame.timestamp_ms - first > 6000:
                    break
                rgb = np.ascontiguousarray(CAMERAS[camera](frame.rgb, rng))
                faces = landmarker.detect(rgb, frame.timestamp_ms - first)
                if faces and i % 3 == 0:
                    face = max(faces, key=lambda f: f.inter_eye_distance)
                    frames.append(_values(rgb, face.box, passive))
        track: Record = {}
        for name in NAMES:
            xs = [f[name] for f in frames if f.get(name) is not None]
            track[name] = float(np.median(xs)) if xs else None
        track["frames"] = len(frames)
        cache[key] = track
    return cache[key] if cache[key].get("frames") else None


def _live_side(records: list[Record], name: str) -> list[float]:
    """Values oriented so that higher = more live-like (the direction is fixed in cues.SPOOF_HIGH)."""
    sign = -1.0 if cue_module.SPOOF_HIGH.get(name, False) else 1.0
    return [sign * r[name] for r in records if r.get(name) is not None]


def figures(live: list[Record], spoof: list[Record], name: str) -> Record:
    a, b = _live_side(live, name), _live_side(spoof, name)
    at5, _ = apcer_at_bpcer(a, b, 0.05)
    return {
        "auc": round(auc(a, b), 3),
        "apcer_at_bpcer_5": round(at5, 3),
        "n_live": len(a),
        "n_spoof": len(b),
    }


def fusion(lfw: list[Record], live: list[Record], spoof: list[Record], name: str, threshold: float) -> Record:
    """Passive alone vs passive AND the cue's veto (threshold: 99th percentile of LFW, no attack data)."""
    sign = -1.0 if cue_module.SPOOF_HIGH[name] else 1.0
    limit = float(np.percentile(_live_side(lfw, name), 100 - VETO_PERCENTILE))

    def vetoed(r: Record) -> bool:
        return r.get(name) is not None and sign * r[name] < limit

    def passive_live(r: Record) -> bool:
        return r["passive"] >= threshold

    return {
        "veto_at": round(sign * limit, 4),
        "attacks_passive_admits": sum(passive_live(r) for r in spoof),
        "of_those_vetoed": sum(passive_live(r) and vetoed(r) for r in spoof),
        "bona_fide_newly_refused": sum(passive_live(r) and vetoed(r) for r in live),
        "n_live": len(live),
        "n_spoof": len(spoof),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lfw", default="all", help="number of LFW photos (random, seed 0), or all")
    ap.add_argument("--attacks", type=Path, default=None, help="folder of generated attack videos (*.avi)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/faceattend-cues"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (SHARED / "data").is_dir():
        print(f"error: test data not found at {SHARED} (set FACEATTEND_SHARED)", file=sys.stderr)
        return 2
    load = load_passive_ensemble()
    if not isinstance(load.scorer, PassiveAntiSpoof):
        print("error: no passive anti-spoof model", file=sys.stderr)
        return 2
    passive = load.scorer
    threshold = 0.5
    cache_file = args.cache / f"cues-{_cache_key(passive)}.json"
    cache: dict[str, Record] = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    lfw_paths = sorted((SHARED / "data/lfw/lfw-deepfunneled").rglob("*.jpg"))
    if args.lfw != "all":
        lfw_paths = sorted(random.Random(0).sample(lfw_paths, int(args.lfw)))
    other_live = sorted(
        p for p in (SHARED / "data/faces").rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"}
    )
    try:
        lfw = photo_records(lfw_paths, passive, cache)
        live_photos = lfw + photo_records(other_live + LIVE_EXTRA, passive, cache)
        pr = photo_records(PRINT_REPLAY, passive, cache)
        masks = photo_records(MASKS, passive, cache)
        tracks: dict[str, list[Record]] = {"live": [], "fake2": [], "fake3": [], "generated": []}
        for video in (*LIVE_VIDEOS, *REPLAY_VIDEOS):
            group = "live" if video in LIVE_VIDEOS else video.split(".")[0]
            for camera in CAMERAS:
                track = video_track(SHARED / "data/video" / video, camera, passive, cache)
                if track is not None:
                    tracks[group].append(track)
        if args.attacks is not None:
            for path in sorted(args.attacks.rglob("*.avi")):
                track = video_track(path, "original", passive, cache)
                if track is not None:
                    tracks["generated"].append(track)
    finally:
        args.cache.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache))
    report: Record = {"photos": {}, "tracks": {}, "fusion": {}}
    for name in NAMES:
        report["photos"][name] = {
            "print_replay": figures(live_photos, pr, name),
            "masks": figures(live_photos, masks, name),
        }
        report["tracks"][name] = {
            g: figures(tracks["live"], tracks[g], name) for g in ("fake2", "fake3", "generated") if tracks[g]
        }
        if name != "passive":
            spoof_tracks = tracks["fake2"] + tracks["fake3"] + tracks["generated"]
            report["fusion"][name] = {
                "photos": fusion(lfw, live_photos, pr + masks, name, threshold),
                "tracks": fusion(lfw, tracks["live"], spoof_tracks, name, threshold),
            }
    if not args.json:
        for name in NAMES:
            p, t = report["photos"][name], report["tracks"][name]
            cells = [
                f"photos p/r AUC {p['print_replay']['auc']} APCER@5 {p['print_replay']['apcer_at_bpcer_5']}"
            ]
            cells.append(f"masks AUC {p['masks']['auc']}")
            cells += [f"{g} tracks AUC {v['auc']} APCER@5 {v['apcer_at_bpcer_5']}" for g, v in t.items()]
            print(f"{name:8} " + " | ".join(cells))
        for name, f in report["fusion"].items():
            print(f"fusion {name:8} photos {f['photos']} tracks {f['tracks']}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
