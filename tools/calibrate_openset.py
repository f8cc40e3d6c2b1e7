"""Measure the embedder's impostor score tails on LFW View 1 training people and store them in the manifest.

    python tools/calibrate_openset.py --lfw ../shared/data/lfw [--write]

Embeds every photo of the people in peopleDevTrain.txt (4,038 people; cached under FACEATTEND_CACHE_DIR,
keyed by the models' sha256) with the project's pipeline (flip averaging on), computes the impostor
similarity histogram for each template×probe kind, fits the upper tail (app/core/recognition/tail.py) and
prints counted vs fitted quantiles. With --write it stores the fitted tails and counted quantiles (numbers
only: never embeddings or photos) under the embedder's entry of models/manifest.json
(`openset_calibration`). The View 1 test people (peopleDevTest.txt) are left for evaluation.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.evaluation.embedding_cache import embed_folder
from app.core.evaluation.openset_tails import measure
from app.core.models import MANIFEST_NAME, shipped_models_dir
from app.core.recognition.calibration import CALIBRATION_KEY

KINDS = ["1x1", "1x3", "2x3", "3x3"]


def read_people(path: Path) -> list[str]:
    lines = [line.split() for line in path.read_text().splitlines()[1:] if line.strip()]
    return [fields[0] for fields in lines]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--lfw", type=Path, required=True, help="LFW folder (lfw-deepfunneled/, peopleDevTrain.txt)"
    )
    parser.add_argument("--people", default="peopleDevTrain.txt")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--write", action="store_true", help="store the table in models/manifest.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = args.lfw / "lfw-deepfunneled"
    names = set(read_people(args.lfw / args.people))
    files = sorted(
        f"{p.name}/{f.name}" for p in root.iterdir() if p.name in names for f in sorted(p.iterdir())
    )
    embedded = embed_folder(root, "lfw-deepfunneled", files)
    people = {name: [v for _, v in rows] for name, rows in embedded.by_person().items()}
    tails = measure(people, args.kinds.split(","))
    report = {t.kind: {"tail": t.tail.to_json() if t.tail else None, "check": t.check()} for t in tails}
    table = {
        "data": f"LFW View 1 {args.people} ({len(people)} people, {len(embedded.paths)} photos with a face), "
        "deep-funneled, flip averaging on",
        "tool": "tools/calibrate_openset.py",
        "model": "upper tail normal in the similarity: s(p) = a + b * inv_norm_cdf(1 - p), fit on p <= 1e-2",
        "kinds": {t.kind: t.to_json() for t in tails},
    }
    if args.write:
        manifest = shipped_models_dir() / MANIFEST_NAME
        raw = json.loads(manifest.read_text(encoding="utf-8"))
        for entry in raw["models"]:
            if entry["name"] == "face_embedder":
                entry[CALIBRATION_KEY] = table
        manifest.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"people": len(people), "photos": len(embedded.paths), "kinds": report}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
