"""Time the passive anti-spoof ensemble (MiniFASNet V2@2.7 + V1SE@4.0, onnxruntime CPU) per face.

Uses the models installed in <data dir>/models when both are there, otherwise converts the .pth files in
../shared/models/minifasnet into a temporary dir. The face box comes from the landmarker once (not timed);
each timed call crops, resizes and runs every model for one face.

Prints one line per model and, as its LAST line, one JSON object:
    {"ensemble_ms_per_face", "ensemble_min_ms", "per_model_ms", "models", "threads", "repeats"}
Figures are medians (and the minimum, telling on a shared machine) over `--repeats` calls after 5
warm-up calls.

Usage
    python tools/bench_antispoof.py [--threads 1] [--repeats 200] [--image PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.errors import ModelError
from app.core.liveness.antispoof import PassiveAntiSpoof, installed_model_paths
from app.core.modelconv.convert import convert_to_folder
from app.core.models import ModelRegistry, user_models_dir
from app.core.vision.images import load_rgb
from app.core.vision.landmarker import FaceLandmarker

SHARED = Path(__file__).resolve().parents[2] / "shared"
WEIGHTS = SHARED / "models" / "minifasnet"
DEFAULT_IMAGE = SHARED / "data" / "spoof" / "silent_face" / "images" / "sample" / "image_T1.jpg"


def model_paths(tmp: Path) -> list[Path]:
    try:
        installed = installed_model_paths([ModelRegistry(user_models_dir())])
    except ModelError:
        installed = []
    if len(installed) >= 2:
        return installed
    paths = convert_to_folder(sorted(WEIGHTS.glob("*.pth")), tmp)
    if not paths:
        raise SystemExit(f"no installed anti-spoof models and no weights in {WEIGHTS}")
    return paths


def timings_ms(call: object, repeats: int) -> list[float]:
    assert callable(call)
    for _ in range(5):
        call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--image", type=Path, default=DEFAULT_IMAGE)
    args = parser.parse_args()

    rgb = load_rgb(args.image)
    with FaceLandmarker(ModelRegistry().path("face_landmarker")) as landmarker:
        faces = landmarker.detect(rgb)
    if not faces:
        raise SystemExit(f"no face in {args.image}")
    box = faces[0].box

    with tempfile.TemporaryDirectory() as tmp:
        paths = model_paths(Path(tmp))
        ensemble = PassiveAntiSpoof(paths, threads=args.threads)
        per_model: dict[str, float] = {}
        for path in paths:
            single = PassiveAntiSpoof([path], threads=args.threads)
            times = timings_ms(lambda s=single: s.score_box(rgb, box), args.repeats)
            per_model[single.labels[0]] = round(statistics.median(times), 3)
            print(f"{single.labels[0]:40} {per_model[single.labels[0]]:.3f} ms/face")
        times = timings_ms(lambda: ensemble.score_box(rgb, box), args.repeats)
        total, fastest = statistics.median(times), min(times)
        score = ensemble.score_box(rgb, box).real
    print(f"{'ensemble':40} {total:.3f} ms/face, min {fastest:.3f}  (real={score:.3f} on {args.image.name})")
    print(
        json.dumps(
            {
                "ensemble_ms_per_face": round(total, 3),
                "ensemble_min_ms": round(fastest, 3),
                "per_model_ms": per_model,
                "models": len(paths),
                "threads": args.threads,
                "repeats": args.repeats,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
