"""`faceattend models …`: list shipped and user models; import the optional MiniFASNet anti-spoof models."""

from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from app.core.errors import FaceAttendError, ModelError
from app.core.liveness.antispoof import PassiveAntiSpoof
from app.core.modelconv.convert import ConvertedModel, convert_pth
from app.core.models import ModelEntry, ModelRegistry, sha256_of, shipped_models_dir, user_models_dir

log = logging.getLogger(__name__)

ANTISPOOF_LICENCE = "Apache-2.0"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("models", help="list the installed models; import optional models")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="shipped and user-installed models with their sha256 status")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)

    imp = actions.add_parser(
        "import-antispoof",
        help="convert MiniFASNet .pth weights (Silent-Face-Anti-Spoofing) to ONNX and install them",
        description=(
            "Reads MiniFASNet V1/V2/V1SE/V2SE state dicts without PyTorch, converts them to ONNX, checks the "
            "result against a reference computation and installs it into <data dir>/models. Keep the "
            "upstream file names (e.g. 2.7_80x80_MiniFASNetV2.pth): they give the crop scale and input size."
        ),
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE.pth")
    imp.add_argument(
        "--scale", type=float, help="crop scale, for a single renamed file (default: from its name)"
    )
    imp.add_argument("--size", type=int, default=None, help="square input size for a renamed file (e.g. 80)")
    imp.set_defaults(handler=run_import_antispoof)


# ------------------------------------------------------------------------------------------------ import


def run_import_antispoof(args: argparse.Namespace) -> int:
    files: list[Path] = list(args.files)
    if (args.scale is not None or args.size is not None) and len(files) != 1:
        raise FaceAttendError("--scale and --size apply to one file at a time.")
    size = (args.size, args.size) if args.size is not None else None
    converted = [convert_pth(path, crop_scale=args.scale, input_size=size) for path in files]
    names = [c.info.model_name for c in converted]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise FaceAttendError(
            f"Two files convert to the same model ({', '.join(duplicates)}); import one of them."
        )
    installed = install_antispoof(converted, user_models_dir())
    for model, path in zip(converted, installed, strict=True):
        v = model.verification
        print(
            f"installed {model.info.model_name}: {model.info.architecture}, "
            f"crop scale {model.info.crop_scale:g}, "
            f"{model.info.input_height}x{model.info.input_width} -> {path}\n"
            f"  verified: max |ONNX - reference| probs {v.max_abs_diff_probs:.1e}, "
            f"logits {v.max_abs_diff_logits:.1e}; source {model.source_description}"
        )
    return 0


def install_antispoof(converted: list[ConvertedModel], models_dir: Path) -> list[Path]:
    """Write the models and their manifest entries; on any failure nothing new is left behind."""
    registry = ModelRegistry(models_dir, create=True)
    staged: list[tuple[ConvertedModel, Path, Path]] = []
    try:
        for model in converted:
            final = models_dir / model.info.file_name
            tmp = models_dir / f".{model.info.file_name}.partial"
            with tmp.open("wb") as handle:
                handle.write(model.onnx_bytes)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((model, tmp, final))
        # Load the staged files as the app will, before anything becomes visible.
        probe = PassiveAntiSpoof([tmp for _m, tmp, _f in staged])
        frame = np.full((240, 320, 3), 128, dtype=np.uint8)
        result = probe.score_box(frame, (120.0, 80.0, 200.0, 180.0))
        if not 0.0 <= result.real <= 1.0:
            raise ModelError(f"The staged anti-spoof models give an invalid score {result.real}.")
    except BaseException:
        for _m, tmp, _f in staged:
            tmp.unlink(missing_ok=True)
        raise
    paths: list[Path] = []
    for model, tmp, final in staged:
        previous = registry.entries.get(model.info.model_name)
        digest = sha256_of(tmp)
        os.replace(tmp, final)
        registry.register(
            ModelEntry(
                name=model.info.model_name,
                file=final.name,
                sha256=digest,
                source=model.source_description,
                licence=ANTISPOOF_LICENCE,
                version=(
                    f"{model.info.architecture} scale {model.info.crop_scale:g} "
                    f"{model.info.input_height}x{model.info.input_width}"
                ),
            )
        )
        if previous is not None and previous.file != final.name:
            (models_dir / previous.file).unlink(missing_ok=True)
        log.info("installed %s (%s)", model.info.model_name, final)
        paths.append(final)
    return paths


# ------------------------------------------------------------------------------------------------ list


def _status(models_dir: Path, entry: ModelEntry) -> str:
    file = models_dir / entry.file
    if not file.is_file():
        return "MISSING"
    actual = sha256_of(file)
    return "ok" if actual == entry.sha256 else f"ALTERED (sha256 {actual[:16]}…)"


def collect_models() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for origin, models_dir in (("shipped", shipped_models_dir()), ("user", user_models_dir())):
        if origin == "user" and not models_dir.exists():
            continue
        try:
            registry = ModelRegistry(models_dir)
        except ModelError as exc:
            rows.append({"origin": origin, "dir": str(models_dir), "name": "-", "status": f"ERROR: {exc}"})
            continue
        for entry in sorted(registry.entries.values(), key=lambda e: e.name):
            row = {"origin": origin, "dir": str(models_dir), **entry.to_json()}
            row["status"] = _status(models_dir, entry)
            rows.append(row)
    return rows


def run_list(args: argparse.Namespace) -> int:
    rows = collect_models()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            if row["name"] == "-":
                print(f"{row['origin']:8} {row['status']}")
                continue
            print(
                f"{row['origin']:8} {row['name']:28} {row['status']:8} {row['file']}  "
                f"sha256 {row['sha256'][:16]}…  {row['licence']}  {row['version']}"
            )
    antispoof = {r["name"] for r in rows if r["name"].startswith("antispoof_") and r["status"] == "ok"}
    # an imported model overrides the bundled one of the same name
    mode = f"ensemble of {len(antispoof)} model(s)" if antispoof else "off (no model installed)"
    if not args.json:
        print(f"passive anti-spoof: {mode}")
    bad = [r for r in rows if r["status"] != "ok"]
    return 1 if bad else 0
