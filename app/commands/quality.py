"""`faceattend quality IMAGE`: print the quality checks of every face in a photo."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.core.models import ModelRegistry
from app.core.settings import QualitySettings
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker
from app.core.vision.quality import assess_frame


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quality", help="check a photo's faces: size, sharpness, exposure, pose, eyes, framing"
    )
    p.add_argument("image", type=Path)
    p.add_argument("--enrol", action="store_true", help="enrolment rules: exactly one face, stricter limits")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_quality)


def _landmarker_path() -> Path:
    """The landmarker model, checked against the manifest (an altered file is refused, never loaded)."""
    return ModelRegistry().path("face_landmarker")


def quality_of_image(path: Path, enrolment: bool = False) -> list[dict[str, Any]]:
    rgb = load_rgb(path)
    with FaceLandmarker(_landmarker_path()) as landmarker:
        faces = landmarker.detect(rgb)
    faces.sort(key=lambda f: f.box[0])
    reports = assess_frame(rgb, faces, QualitySettings(), enrolment=enrolment)
    return [
        {
            "face": i,
            "box": [round(v) for v in face.box],
            "passed": report.passed,
            "score": round(report.score, 3),
            "instruction": report.instruction,
            "checks": [
                {
                    "name": c.name,
                    "score": round(c.score, 3),
                    "passed": c.passed,
                    "instruction": c.instruction,
                    "detail": c.detail,
                }
                for c in report.checks
            ],
        }
        for i, (face, report) in enumerate(zip(faces, reports, strict=True))
    ]


def cmd_quality(args: argparse.Namespace) -> int:
    faces = quality_of_image(args.image, args.enrol)
    if args.json:
        print(json.dumps({"image": str(args.image), "faces": faces}))
        return 0 if faces and all(f["passed"] for f in faces) else 1
    if not faces:
        print(f"{args.image.name}: no face found. Face the camera in good light.")
        return 1
    for f in faces:
        verdict = "OK" if f["passed"] else f"NOT OK: {f['instruction']}"
        print(f"face {f['face']} at {f['box']}: quality {f['score']:.2f} - {verdict}")
        for c in f["checks"]:
            mark = "pass" if c["passed"] else "FAIL"
            hint = f"  -> {c['instruction']}" if c["instruction"] else ""
            print(f"  {mark}  {c['name']:<13} {c['score']:.2f}  {c['detail']}{hint}")
    return 0 if all(f["passed"] for f in faces) else 1
