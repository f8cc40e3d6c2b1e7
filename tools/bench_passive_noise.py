"""The passive noise gate's data: face noise sigma and passive score per frame / photo.

Frames: every 9th frame of each video under each simulated webcam of bench_liveness_webcams.py (IMAGE-mode
landmarker, largest face, only frames that pass the passive size/pose/sharpness gate). Photos: every file
listed in --photos (one path a line; padding filled as the photo judge does). Prints, per (video, camera)
and per photo list, the noise sigma min / median / max and the median passive score; last line: JSON.

    python tools/bench_passive_noise.py [--videos real2.webm,real3.mov,fake2.webm,fake3.mp4]
        [--cameras NAME,NAME] [--photos LIST.txt ...]
"""

from __future__ import annotations

import argparse
import json
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
from app.core.liveness.antispoof import load_passive_ensemble  # noqa: E402
from app.core.liveness.noise import face_noise_sigma  # noqa: E402
from app.core.liveness.passive_track import passive_pose_ok  # noqa: E402
from app.core.liveness.photo_domain import prepare_photo  # noqa: E402
from app.core.settings import LivenessSettings, QualitySettings  # noqa: E402
from app.core.vision.images import load_rgb  # noqa: E402
from app.core.vision.landmarker import FaceLandmarker  # noqa: E402
from app.core.vision.quality import check_face_size, sharpness_value  # noqa: E402


def _summary(name: str, rows: list[dict[str, float]]) -> dict[str, Any]:
    if not rows:
        return {"name": name, "n": 0}
    sigma = np.asarray([r["sigma"] for r in rows])
    score = np.asarray([r["score"] for r in rows])
    out = {
        "name": name,
        "n": len(rows),
        "sigma_min": round(float(sigma.min()), 2),
        "sigma_median": round(float(np.median(sigma)), 2),
        "sigma_max": round(float(sigma.max()), 2),
        "score_median": round(float(np.median(score)), 3),
    }
    print(
        f"{name[:60]:60} n {out['n']:4}  sigma {out['sigma_min']:.2f} / {out['sigma_median']:.2f} / "
        f"{out['sigma_max']:.2f}  passive median {out['score_median']:.2f}",
        flush=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--videos", default="real2.webm,real3.mov,fake2.webm,fake3.mp4")
    ap.add_argument("--cameras", default="all")
    ap.add_argument("--photos", nargs="*", default=[], help="text files listing photo paths")
    args = ap.parse_args(argv)
    passive = load_passive_ensemble().scorer
    if passive is None:
        print("error: no passive anti-spoof model", file=sys.stderr)
        return 2
    settings, quality = LivenessSettings(), QualitySettings()
    cameras = list(CAMERAS) if args.cameras == "all" else args.cameras.split(",")
    results: list[dict[str, Any]] = []
    with FaceLandmarker(landmarker_path(), max_faces=2, video=False) as landmarker:
        for name in [v for v in args.videos.split(",") if v]:
            for camera in cameras:
                rng = np.random.default_rng(0)
                rows: list[dict[str, float]] = []
                for i, (_ts, rgb) in enumerate(_frames(SHARED / "data" / "video" / name)):
                    image = np.ascontiguousarray(CAMERAS[camera](rgb, rng))
                    if i % 9:
                        continue
                    faces = landmarker.detect(image)
                    if not faces:
                        continue
                    face = max(faces, key=lambda f: f.inter_eye_distance)
                    gray = np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
                    sharp = sharpness_value(gray, face, quality.sharpness_face_px) >= quality.min_sharpness
                    sized = check_face_size(face, quality.min_inter_eye_px).passed
                    if sharp and sized and passive_pose_ok(face, settings):
                        sigma = face_noise_sigma(gray, face)
                        rows.append({"sigma": sigma, "score": float(passive.score(image, face))})
                results.append(_summary(f"{name} | {camera}", rows))
        for listing in args.photos:
            rows = []
            for line in Path(listing).read_text(encoding="utf-8").splitlines():
                path = Path(line.strip())
                if not line.strip() or not path.is_file():
                    continue
                rgb = load_rgb(path)
                faces = landmarker.detect(rgb)
                if not faces:
                    continue
                face = max(faces, key=lambda f: f.inter_eye_distance)
                photo = prepare_photo(rgb).rgb
                gray = np.asarray(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
                rows.append(
                    {"sigma": face_noise_sigma(gray, face), "score": float(passive.score(photo, face))}
                )
            results.append(_summary(f"photos {listing}", rows))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
