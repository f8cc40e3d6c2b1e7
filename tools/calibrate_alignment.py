"""Derive where dlib's face chips put MediaPipe's five alignment points.

dlib's ResNet was trained on chips from `get_face_chip(img, shape5, size=150, padding=0.25)`. To feed it
the same geometry from MediaPipe landmarks, we run dlib's own pipeline (HOG detector + 5-point predictor +
get_face_chip) on LFW View 1 training images, run the MediaPipe FaceLandmarker on each resulting chip, and
average the chip coordinates of MediaPipe's five points (eye corners, nose base). The printed template is
pasted into app/core/vision/alignment.py.

    python tools/calibrate_alignment.py --lfw ../shared/data/lfw --n 400
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import cv2
import dlib
import face_recognition_models
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.core.models import ModelRegistry
from app.core.vision.face import FIVE_POINT_INDICES
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker

PAD = 75  # the chip is pasted into a grey canvas so the face detector sees some context


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lfw", type=Path, default=Path("../shared/data/lfw"))
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()
    names = [
        line.split("\t")[0]
        for line in (args.lfw / "peopleDevTrain.txt").read_text().splitlines()[1:]
        if "\t" in line
    ]
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(face_recognition_models.pose_predictor_five_point_model_location())
    landmarker = FaceLandmarker(ModelRegistry().path("face_landmarker"), max_faces=1)
    points = []
    for name in names:
        if len(points) >= args.n:
            break
        rgb = load_rgb(args.lfw / "lfw-deepfunneled" / name / f"{name}_0001.jpg")
        dets = detector(rgb, 1)
        if len(dets) != 1:
            continue
        chip = dlib.get_face_chip(rgb, predictor(rgb, dets[0]), size=150, padding=0.25)
        canvas = cv2.copyMakeBorder(chip, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=(128, 128, 128))
        faces = landmarker.detect(canvas)
        if len(faces) != 1:
            continue
        points.append(faces[0].landmarks[list(FIVE_POINT_INDICES), :2] - PAD)
    landmarker.close()
    stack = np.stack(points)
    template = stack.mean(axis=0)
    spread = np.linalg.norm(stack - template, axis=2).mean(axis=0)
    print(f"chips used: {len(points)}; mean deviation per point (px): {np.round(spread, 2).tolist()}")
    print(json.dumps({"template_150": np.round(template, 3).tolist(), "n": len(points)}))


if __name__ == "__main__":
    main()
