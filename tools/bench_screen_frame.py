"""The screen-frame cue (measured, not used; app/core/evaluation/flanking_edges.py), per frame: how often
straight edges flank a face on both sides.

For each video (``../shared/data/video``, or a path when the name holds a "/") under each simulated webcam
of tools/bench_liveness_webcams.py: the share of face frames (the largest face) that are "framed". Live
videos should be near 0, replays high (but see fake3.mp4: its framed face is the attacker's own live one).
Then one photo per LFW person (every one a live capture: the share is the cue's
frame-level false alarm rate on 5,749 press-photo scenes; the black borders that LFW's deep funnelling
added around each photo are ignored, they are not part of the scene), and the shared spoof photos.

    python tools/bench_screen_frame.py [--videos real2.webm,fake3.mp4] [--cameras "original;JPEG q30"]
        [--lfw 5749] [--no-photos] [--json]

Last line: JSON with every figure.
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
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_liveness_webcams import CAMERAS, FRAME_STEP  # noqa: E402

from app.core.camera.sources import VideoFileSource  # noqa: E402
from app.core.evaluation.flanking_edges import framed as is_framed  # noqa: E402
from app.core.evaluation.liveness import landmarker_path  # noqa: E402
from app.core.vision.landmarker import FaceLandmarker  # noqa: E402

SHARED = Path(os.environ.get("FACEATTEND_SHARED", ROOT.parent / "shared"))
Gray = npt.NDArray[np.uint8]


def warp_border(gray: Gray) -> Gray:
    """LFW's deep-funnelled photos carry black borders (the alignment warp): their edges are no scene."""
    pad = (gray <= 3).astype(np.uint8)
    _, labels = cv2.connectedComponents(pad)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    border = np.isin(labels, [v for v in np.unique(edge) if v != 0]).astype(np.uint8)
    return np.asarray(cv2.dilate(border, np.ones((9, 9), np.uint8)), dtype=np.uint8)


def _largest(landmarker: FaceLandmarker, rgb: npt.NDArray[np.uint8], ts: int | None = None) -> Any:
    faces = landmarker.detect(rgb, ts)
    return max(faces, key=lambda f: f.inter_eye_distance) if faces else None


def video_share(path: Path, camera: str, landmarker: FaceLandmarker) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    step = FRAME_STEP.get(camera, 1)
    faces = framed = 0
    with VideoFileSource(path) as src:
        for i, frame in enumerate(src):
            if i % step:
                continue
            rgb = np.ascontiguousarray(CAMERAS[camera](frame.rgb, rng))
            face = _largest(landmarker, rgb)
            if face is None:
                continue
            gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
            faces += 1
            framed += int(is_framed(gray, face.box))
    return {
        "video": path.name,
        "camera": camera,
        "face_frames": faces,
        "framed": framed,
        "share": round(framed / faces, 3) if faces else None,
    }


def photo_framed(path: Path, landmarker: FaceLandmarker, lfw: bool) -> bool | None:
    bgr = cv2.imread(str(path))
    if bgr is None:
        return None
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    face = _largest(landmarker, rgb)
    if face is None:
        return None
    gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    return is_framed(gray, face.box, warp_border(gray) if lfw else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--videos", default="real2.webm,real3.mov,fake2.webm,fake3.mp4")
    ap.add_argument("--cameras", default="all", help="camera names separated by ';', or all")
    ap.add_argument("--lfw", type=int, default=5749, help="LFW people (one photo each); 0: none")
    ap.add_argument("--no-photos", action="store_true", help="skip the shared spoof photos")
    ap.add_argument("--json", action="store_true", help="only the final JSON line")
    args = ap.parse_args(argv)
    cameras = list(CAMERAS) if args.cameras == "all" else [c for c in args.cameras.split(";") if c]
    out: dict[str, Any] = {"videos": [], "lfw": None, "spoof_photos": []}
    landmarker = FaceLandmarker(landmarker_path())
    try:
        for name in [v for v in args.videos.split(",") if v]:
            path = Path(name) if "/" in name else SHARED / "data" / "video" / name
            for camera in cameras:
                row = video_share(path, camera, landmarker)
                out["videos"].append(row)
                if not args.json:
                    print(
                        f"{row['video']:12s} {camera:42s} {row['framed']:4d} of {row['face_frames']:4d} "
                        f"face frames framed ({row['share']})",
                        flush=True,
                    )
        if args.lfw:
            people = sorted(p for p in (SHARED / "data" / "lfw" / "lfw-deepfunneled").iterdir() if p.is_dir())
            results = [photo_framed(sorted(p.glob("*.jpg"))[0], landmarker, True) for p in people[: args.lfw]]
            seen = [r for r in results if r is not None]
            out["lfw"] = {
                "photos": len(seen),
                "framed": int(sum(seen)),
                "share": round(sum(seen) / len(seen), 4) if seen else None,
            }
            if not args.json:
                print(
                    f"LFW, one photo per person: {out['lfw']['framed']} of {len(seen)} framed "
                    f"({out['lfw']['share']})",
                    flush=True,
                )
        if not args.no_photos:
            for path in sorted((SHARED / "data" / "spoof").rglob("*")):
                if path.suffix.lower() in {".jpg", ".jpeg", ".png"}:
                    framed = photo_framed(path, landmarker, False)
                    rel = str(path.relative_to(SHARED / "data" / "spoof"))
                    out["spoof_photos"].append({"photo": rel, "framed": framed})
                    if not args.json:
                        print(f"{rel:60s} framed: {framed}", flush=True)
    finally:
        landmarker.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
